with source as (
    select * from {{ ref('caller_theme_columns') }}
),

final as (
    select
        {{ strict_integer('report_year', 'caller_theme_columns', "column_position || ' ' || theme_code") }} as report_year,
        document_id,
        source_section,
        {{ strict_integer('column_position', 'caller_theme_columns', "column_position || ' ' || theme_code") }} as column_position,
        theme_code,
        matching_basis
    from source
)

select * from final
