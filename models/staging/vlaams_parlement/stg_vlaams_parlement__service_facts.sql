with source as (
    select
        *,
        fact_code as seed_row
    from {{ ref('service_facts') }}
),

final as (
    select
        fact_code,
        {{ strict_integer('report_year', 'service_facts') }} as report_year,
        document_id,
        source_section,
        topic,
        {{ strict_integer('value_integer', 'service_facts') }} as value_integer,
        unit,
        source_quote,
        {{ printed_place('service_facts', ('source_page',)) }}
    from source
)

select * from final
