with source as (
    select
        *,
        table_name || ' ' || total_kind || ' ' || coalesce(total_key, '') as seed_row
    from {{ ref('published_totals') }}
),

final as (
    select
        {{ strict_integer('report_year', 'published_totals') }} as report_year,
        document_id,
        source_section,
        table_name,
        total_kind,
        coalesce(total_key, '') as total_key,
        {{ strict_integer('published_value', 'published_totals') }} as published_value,
        {{ printed_place('published_totals') }}
    from source
)

select * from final
