with themes as (
    select * from {{ ref('stg_vlaams_parlement__themes') }}
),

final as (
    select
        theme_code,
        theme_label_nl,
        theme_label_en,
        source_document_id,
        source_section
    from themes
)

select * from final
