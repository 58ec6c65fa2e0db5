with source as (
    select * from {{ ref('label_aliases') }}
),

final as (
    select
        reference_seed,
        label_nl,
        code
    from source
)

select * from final
