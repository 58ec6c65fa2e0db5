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

joined as (
    select
        published.*,
        computed.computed_value,
        computed.computed_from,
        computed.report_year as computed_report_year,
        computed.table_name as computed_table_name,
        computed.total_kind as computed_total_kind,
        computed.total_key as computed_total_key,
        -- a row or column of the lossy tables that prints no cell (its total printed as 0)
        -- has nothing to sum: its computed total is 0
        computed.computed_value is null
        and published.table_name in ('contacts_by_age_gender', 'caller_theme')
        and published.total_kind in ('row_total', 'column_total') as has_no_printed_cell
    from published
    full outer join computed
        on
            published.report_year = computed.report_year
            and published.table_name = computed.table_name
            and published.total_kind = computed.total_kind
            and published.total_key = computed.total_key
),

compared as (
    select
        * exclude (computed_value, computed_from),
        case when has_no_printed_cell then 0 else computed_value end as computed_value,
        case
            when has_no_printed_cell then 'no printed cell: a total of 0' else computed_from
        end as computed_from
    from joined
),

final as (
    select
        coalesce(report_year, computed_report_year) as report_year,
        coalesce(table_name, computed_table_name) as table_name,
        coalesce(total_kind, computed_total_kind) as total_kind,
        coalesce(total_key, computed_total_key) as total_key,
        published_value,
        cast(computed_value as bigint) as computed_value,
        cast(computed_value - published_value as bigint) as difference,
        case
            when published_value is null then 'published total missing'
            when computed_value is null then 'computed total missing'
            when computed_value = published_value then 'match'
            else 'mismatch'
        end as status,
        computed_from,
        document_id,
        source_section,
        source_page,
        printed_row,
        printed_column
    from compared
)

select * from final
