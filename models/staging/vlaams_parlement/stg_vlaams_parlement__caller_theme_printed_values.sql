with source as (
    select * from {{ ref('caller_theme_printed_values') }}
),

final as (
    select
        {{ strict_integer('report_year', 'caller_theme_printed_values', "caller_type_code || ' #' || printed_position") }} as report_year,
        document_id,
        source_section,
        caller_type_code,
        {{ strict_integer('printed_position', 'caller_theme_printed_values', "caller_type_code || ' #' || printed_position") }} as printed_position,
        {{ strict_integer('contacts', 'caller_theme_printed_values', "caller_type_code || ' #' || printed_position") }} as contacts
    from source
)

select * from final
