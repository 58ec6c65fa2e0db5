with source as (
    select * from {{ ref('themes') }}
),

final as (
    select
        theme_code,
        theme_label_nl,
        -- a label added by add_answer --new-labels has no English label yet: derived, and said so
        coalesce(
            theme_label_en, theme_label_nl || ' (not yet translated)'
        ) as theme_label_en,
        source_document_id,
        source_section
    from source
)

select * from final
