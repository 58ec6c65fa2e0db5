with source as (
    select * from {{ ref('themes') }}
),

final as (
    select
        theme_code,
        theme_label_nl,
        theme_label_en,
        source_document_id,
        source_section
    from source
)

select * from final
