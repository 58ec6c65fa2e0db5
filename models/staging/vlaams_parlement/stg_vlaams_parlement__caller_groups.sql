with source as (
    select
        *,
        caller_group_code as seed_row
    from {{ ref('caller_groups') }}
),

final as (
    select
        caller_group_code,
        caller_group_label_nl,
        -- a label added by add_answer --new-labels has no English label yet: derived, and said so
        coalesce(
            caller_group_label_en, caller_group_label_nl || ' (not yet translated)'
        ) as caller_group_label_en,
        is_heading_printed,
        {{ strict_integer('sort_order', 'caller_groups') }} as sort_order,
        source_document_id,
        source_section
    from source
)

select * from final
