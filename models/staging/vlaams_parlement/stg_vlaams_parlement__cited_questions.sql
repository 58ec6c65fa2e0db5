with source as (
    select * from {{ ref('cited_questions') }}
),

final as (
    select
        document_id,
        {{ strict_integer('cited_question_number', 'cited_questions', 'document_id') }} as cited_question_number,
        cited_question_date,
        cited_subject_en,
        source_section
    from source
)

select * from final
