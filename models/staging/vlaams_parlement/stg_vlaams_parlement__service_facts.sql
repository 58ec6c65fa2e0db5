with source as (
    select * from {{ ref('service_facts') }}
),

final as (
    select
        fact_code,
        {{ strict_integer('report_year', 'service_facts', 'fact_code') }} as report_year,
        document_id,
        source_section,
        topic,
        {{ strict_integer('value_integer', 'service_facts', 'fact_code') }} as value_integer,
        unit,
        value_text_nl,
        description_en
    from source
)

select * from final
