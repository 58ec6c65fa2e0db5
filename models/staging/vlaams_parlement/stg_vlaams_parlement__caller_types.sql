with source as (
    select
        *,
        caller_type_code as seed_row
    from {{ ref('caller_types') }}
),

final as (
    select
        caller_type_code,
        caller_type_label_nl,
        -- a label added by add_answer --new-labels has no English label yet: derived, and said so
        coalesce(
            caller_type_label_en, caller_type_label_nl || ' (not yet translated)'
        ) as caller_type_label_en,
        caller_group_code,
        {{ strict_integer('sort_order', 'caller_types') }} as sort_order,
        source_document_id,
        source_section
    from source
)

select * from final
