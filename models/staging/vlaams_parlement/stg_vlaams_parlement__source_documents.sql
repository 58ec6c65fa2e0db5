with source as (
    select
        *,
        document_id as seed_row
    from {{ ref('source_documents') }}
),

final as (
    select
        document_id,
        {{ strict_integer('report_year', 'source_documents') }} as report_year,
        document_type,
        {{ strict_integer('question_number', 'source_documents') }} as question_number,
        question_date,
        asked_by,
        asked_by_role,
        answered_by,
        answered_by_role,
        subject_nl,
        source_file,
        source_section,
        {{ printed_place('source_documents', ('source_page',)) }}
    from source
)

select * from final
