with source as (
    select
        *,
        caller_type_code || ' #' || printed_position as seed_row
    from {{ ref('caller_theme_printed_values') }}
),

final as (
    select
        {{ strict_integer('report_year', 'caller_theme_printed_values') }} as report_year,
        document_id,
        source_section,
        caller_type_code,
        {{ strict_integer('printed_position', 'caller_theme_printed_values') }} as printed_position,
        {{ strict_integer('contacts', 'caller_theme_printed_values') }} as contacts,
        {{ strict_integer('column_position', 'caller_theme_printed_values') }} as column_position,
        {{ printed_place('caller_theme_printed_values') }}
    from source
)

select * from final
