with genders as (
    select * from {{ ref('stg_vlaams_parlement__genders') }}
),

final as (
    select
        gender_code,
        gender_label_nl,
        gender_label_en,
        sort_order,
        source_document_id,
        source_section
    from genders
)

select * from final
