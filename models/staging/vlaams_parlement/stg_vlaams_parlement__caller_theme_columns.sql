with source as (
    select
        *,
        column_position || ' ' || theme_code as seed_row
    from {{ ref('caller_theme_columns') }}
),

final as (
    select
        {{ strict_integer('report_year', 'caller_theme_columns') }} as report_year,
        document_id,
        source_section,
        {{ strict_integer('column_position', 'caller_theme_columns') }} as column_position,
        theme_code,
        matching_basis,
        {{ printed_place('caller_theme_columns', ('source_page', 'printed_column')) }}
    from source
)

select * from final
