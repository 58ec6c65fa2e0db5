with source as (
    select * from {{ ref('measures') }}
),

final as (
    select
        measure,
        unit,
        printed_term_nl,
        measure_label_en
    from source
)

select * from final
