-- The caller-type table's columns are the themes of the theme table: every
-- theme of a year is matched by a column, and the column totals line holds
-- the same multiset of totals as the theme table (which is all the text can
-- say about the two columns that both total 1).
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
    where coalesce(c.columns_with_total, 0) <> coalesce(t.themes_with_total, 0)
)

select * from unmatched_themes
union all
select * from multiset_differences
