with printed_values as (
    select * from {{ ref('stg_vlaams_parlement__caller_theme_printed_values') }}
),

caller_types as (
    select * from {{ ref('dim_caller_type') }}
),

row_totals as (
    select * from {{ ref('stg_vlaams_parlement__published_totals') }}
    where table_name = 'caller_theme' and total_kind = 'row_total'
),

per_caller_type as (
    select
        report_year,
        caller_type_code,
        any_value(document_id) as document_id,
        any_value(source_section) as source_section,
        cast(sum(contacts) as integer) as contacts,
        cast(count(*) as integer) as printed_values_count
    from printed_values
    group by report_year, caller_type_code
),

final as (
    select
        per_caller_type.report_year,
        per_caller_type.caller_type_code,
        caller_types.caller_type_label_nl,
        caller_types.caller_type_label_en,
        caller_types.caller_group_code,
        caller_types.caller_group_label_nl,
        caller_types.caller_group_label_en,
        per_caller_type.contacts,
        per_caller_type.printed_values_count,
        caller_types.sort_order,
        per_caller_type.document_id,
        per_caller_type.source_section,
        row_totals.source_page,
        row_totals.printed_row,
        row_totals.printed_column
    from per_caller_type
    left join caller_types on per_caller_type.caller_type_code = caller_types.caller_type_code
    left join row_totals
        on
            per_caller_type.report_year = row_totals.report_year
            and per_caller_type.caller_type_code = row_totals.total_key
)

select * from final
