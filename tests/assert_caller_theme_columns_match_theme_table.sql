-- The caller-type table's columns are the themes of the theme table: every
-- theme of a year with contacts is matched by a column (a theme the theme table
-- prints as 0 may have its column printed as 0 or left out), the column totals
-- line holds the same multiset of non-zero totals as the theme table (which is all the text can say
-- about the two columns that both total 1), and each column lists every theme
-- whose total equals its own: no ambiguity is resolved silently. A column whose printed header
-- names its theme (an answer read from its PDF) lists that theme alone, and the theme's total
-- must be the column's.
with columns_matched as (
    select * from {{ ref('stg_vlaams_parlement__caller_theme_columns') }}
),

column_totals as (
    select
        report_year,
        cast(total_key as integer) as column_position,
        published_value
    from {{ ref('stg_vlaams_parlement__published_totals') }}
    where table_name = 'caller_theme' and total_kind = 'column_total'
),

themes as (
    select * from {{ ref('fct_contacts_by_theme') }}
),

unmatched_themes as (
    select
        themes.report_year,
        'theme ' || themes.theme_code || ' has no column in the caller-type table' as problem
    from themes
    anti join columns_matched
        on
            themes.report_year = columns_matched.report_year
            and themes.theme_code = columns_matched.theme_code
    where themes.contacts <> 0
),

column_total_counts as (
    select
        report_year,
        published_value as total,
        count(*) as columns_with_total
    from column_totals
    group by all
),

theme_total_counts as (
    select
        report_year,
        contacts as total,
        count(*) as themes_with_total
    from themes
    group by all
),

multiset_differences as (
    select
        coalesce(c.report_year, t.report_year) as report_year,
        'total ' || coalesce(c.total, t.total) || ': ' || coalesce(c.columns_with_total, 0)
        || ' column(s) in the caller-type table but ' || coalesce(t.themes_with_total, 0)
        || ' theme(s) in the theme table' as problem
    from column_total_counts as c
    full outer join theme_total_counts as t
        on c.report_year = t.report_year and c.total = t.total
    where
        coalesce(c.columns_with_total, 0) <> coalesce(t.themes_with_total, 0)
        and not (coalesce(c.total, t.total) = 0 and coalesce(c.columns_with_total, 0) = 0)
),

listed_themes as (
    select
        report_year,
        column_position,
        count(*) as themes_listed,
        bool_and(matching_basis = 'column header names the theme') as is_named_by_header
    from columns_matched
    group by all
),

themes_with_column_total as (
    select
        column_totals.report_year,
        column_totals.column_position,
        column_totals.published_value,
        count(themes.theme_code) as themes_with_that_total
    from column_totals
    left join themes
        on
            column_totals.report_year = themes.report_year
            and column_totals.published_value = themes.contacts
    group by all
),

listing_differences as (
    select
        totals.report_year,
        'column ' || totals.column_position || ' (total ' || totals.published_value || ') lists '
        || coalesce(listed.themes_listed, 0) || ' theme(s) in caller_theme_columns.csv, but '
        || totals.themes_with_that_total
        || ' theme(s) of the theme table have that total' as problem
    from themes_with_column_total as totals
    left join listed_themes as listed
        on
            totals.report_year = listed.report_year
            and totals.column_position = listed.column_position
    where
        coalesce(listed.themes_listed, 0) <> totals.themes_with_that_total
        and not coalesce(listed.is_named_by_header and listed.themes_listed = 1, false)
),

header_differences as (
    select
        column_totals.report_year,
        'column ' || column_totals.column_position || ' (total ' || column_totals.published_value
        || ') is headed ' || columns_matched.theme_code || ', which the theme table gives '
        || coalesce(cast(themes.contacts as varchar), 'no') || ' contacts' as problem
    from column_totals
    inner join columns_matched
        on
            column_totals.report_year = columns_matched.report_year
            and column_totals.column_position = columns_matched.column_position
    left join themes
        on
            columns_matched.report_year = themes.report_year
            and columns_matched.theme_code = themes.theme_code
    where
        columns_matched.matching_basis = 'column header names the theme'
        and themes.contacts is distinct from column_totals.published_value
)

select * from unmatched_themes
union all
select * from multiset_differences
union all
select * from listing_differences
union all
select * from header_differences
