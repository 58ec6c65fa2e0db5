with source as (
    select
        *,
        gender_code as seed_row
    from {{ ref('genders') }}
),

final as (
    select
        gender_code,
        gender_label_nl,
        -- a label added by add_answer --new-labels has no English label yet: derived, and said so
        coalesce(
            gender_label_en, gender_label_nl || ' (not yet translated)'
        ) as gender_label_en,
        {{ strict_integer('sort_order', 'genders') }} as sort_order,
        source_document_id,
        source_section
    from source
)

select * from final
