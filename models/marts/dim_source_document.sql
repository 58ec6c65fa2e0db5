with documents as (
    select * from {{ ref('stg_vlaams_parlement__source_documents') }}
),

final as (
    select
        document_id,
        report_year,
        document_type,
        question_number,
        question_date,
        asked_by,
        asked_by_role,
        answered_by,
        answered_by_role,
        subject_nl,
        source_file,
        source_section,
        source_page
    from documents
)

select * from final
