with source as (
    select
        *,
        age_group_code as seed_row
    from {{ ref('age_groups') }}
),

final as (
    select
        age_group_code,
        age_group_label_nl,
        -- a label added by add_answer --new-labels has no English label yet: derived, and said so
        coalesce(
            age_group_label_en, age_group_label_nl || ' (not yet translated)'
        ) as age_group_label_en,
        {{ strict_integer('sort_order', 'age_groups') }} as sort_order,
        source_document_id,
        source_section
    from source
)

select * from final
