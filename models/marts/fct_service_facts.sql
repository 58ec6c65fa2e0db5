with facts as (
    select * from {{ ref('stg_vlaams_parlement__service_facts') }}
),

final as (
    select
        report_year,
        fact_code,
        topic,
        value_integer,
        unit,
        source_quote,
        document_id,
        source_section,
        source_page
    from facts
)

select * from final
