with age_groups as (
    select * from {{ ref('stg_vlaams_parlement__age_groups') }}
),

final as (
    select
        age_group_code,
        age_group_label_nl,
        age_group_label_en,
        sort_order,
        source_document_id,
        source_section
    from age_groups
)

select * from final
