with source as (
    select * from {{ ref('genders') }}
),

final as (
    select
        gender_code,
        gender_label_nl,
        gender_label_en,
        {{ strict_integer('sort_order', 'genders', 'gender_code') }} as sort_order,
        source_document_id,
        source_section
    from source
)

select * from final
