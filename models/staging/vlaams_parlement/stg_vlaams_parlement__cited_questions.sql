with source as (
    select
        *,
        document_id as seed_row
    from {{ ref('cited_questions') }}
),

final as (
    select
        document_id,
        {{ strict_integer('cited_question_number', 'cited_questions') }} as cited_question_number,
        cited_question_date,
        source_quote,
        source_section,
        {{ printed_place('cited_questions', ('source_page',)) }}
    from source
)

select * from final
