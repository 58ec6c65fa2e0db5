with cited as (
    select * from {{ ref('stg_vlaams_parlement__cited_questions') }}
),

final as (
    select
        document_id,
        cited_question_number,
        cited_question_date,
        source_quote,
        source_section,
        source_page
    from cited
)

select * from final
