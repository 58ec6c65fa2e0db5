{#-
    One row per published total: the figure as printed next to the figure the
    warehouse computes from the table it totals. A full outer join, so a total
    that lost its published row, or its data, shows up as missing.
-#}
with published as (
    select * from {{ ref('stg_vlaams_parlement__published_totals') }}
),

months as (
    select * from {{ ref('stg_vlaams_parlement__contacts_by_month') }}
),

themes as (
    select * from {{ ref('int_contacts_by_theme_coded') }}
),

age_gender as (
    select * from {{ ref('stg_vlaams_parlement__contacts_by_age_gender') }}
),

caller_values as (
    select * from {{ ref('stg_vlaams_parlement__caller_theme_printed_values') }}
),

caller_columns as (
    select * from {{ ref('stg_vlaams_parlement__caller_theme_columns') }}
),

pilot_calls as (
    select * from {{ ref('stg_vlaams_parlement__evening_pilot_calls') }}
),

caller_column_theme_totals as (
    -- a column's computed total is the theme-table total of the theme(s) it
    -- was matched to; it is only defined when every candidate theme agrees
    select
        caller_columns.report_year,
        cast(caller_columns.column_position as varchar) as total_key,
        case
            when
                min(themes.contacts) = max(themes.contacts)
                and count(themes.contacts) = count(*)
                then min(themes.contacts)
        end as computed_value
    from caller_columns
    left join themes
        on
            caller_columns.report_year = themes.report_year
            and caller_columns.theme_code = themes.theme_code
    group by caller_columns.report_year, caller_columns.column_position
),

computed as (
    select
        report_year,
        'answer_headline' as table_name,
        'year_total' as total_kind,
        '' as total_key,
        sum(contacts) as computed_value,
        'sum of the month table' as computed_from
    from months
    group by report_year

    union all
    select
        report_year,
        'contacts_by_month',
        'year_total',
        '',
        sum(contacts),
        'sum of the month table'
    from months
    group by report_year

    union all
    select
        report_year,
        'contacts_by_theme',
        'year_total',
        '',
        sum(contacts),
        'sum of the theme table'
    from themes
    group by report_year

    union all
    select
        report_year,
        'contacts_by_age_gender',
        'row_total',
        age_group_label_nl,
        sum(contacts),
        'sum of the printed cells of the age group'
    from age_gender
    group by report_year, age_group_label_nl

    union all
    select
        report_year,
        'contacts_by_age_gender',
        'column_total',
        gender_label_nl,
        sum(contacts),
        'sum of the printed cells of the gender'
    from age_gender
    group by report_year, gender_label_nl

    union all
    select
        report_year,
        'contacts_by_age_gender',
        'year_total',
        '',
        sum(contacts),
        'sum of every printed cell'
    from age_gender
    group by report_year

    union all
    select
        report_year,
        'caller_theme',
        'row_total',
        caller_type_code,
        sum(contacts),
        'sum of the printed values of the caller type'
    from caller_values
    group by report_year, caller_type_code

    union all
    select
        report_year,
        'caller_theme',
        'column_total',
        total_key,
        computed_value,
        'theme-table total of the theme(s) matched to the column'
    from caller_column_theme_totals

    union all
    select
        report_year,
        'caller_theme',
        'year_total',
        '',
        sum(contacts),
        'sum of every printed value'
    from caller_values
    group by report_year

    union all
    select
        report_year,
        'evening_pilot',
        'month_total',
        strftime(month_start_date, '%Y-%m'),
        sum(legitimate_calls),
        'sum of the legitimate calls of the month'
    from pilot_calls
    group by report_year, month_start_date

    union all
    select
        report_year,
        'evening_pilot',
        'pilot_total',
        '',
        sum(legitimate_calls),
        'sum of the legitimate calls of the pilot'
    from pilot_calls
    group by report_year
),

final as (
    select
        coalesce(published.report_year, computed.report_year) as report_year,
        coalesce(published.table_name, computed.table_name) as table_name,
        coalesce(published.total_kind, computed.total_kind) as total_kind,
        coalesce(published.total_key, computed.total_key) as total_key,
        published.published_value,
        cast(computed.computed_value as bigint) as computed_value,
        cast(computed.computed_value - published.published_value as bigint) as difference,
        case
            when published.published_value is null then 'published total missing'
            when computed.computed_value is null then 'computed total missing'
            when computed.computed_value = published.published_value then 'match'
            else 'mismatch'
        end as status,
        computed.computed_from,
        published.document_id,
        published.source_section
    from published
    full outer join computed
        on
            published.report_year = computed.report_year
            and published.table_name = computed.table_name
            and published.total_kind = computed.total_kind
            and published.total_key = computed.total_key
)

select * from final
