-- Every number an answer prints that the warehouse did not take: so a BI user sees what is
-- missing (a count with no noun, a decimal, a percentage, a table the reader does not know).
with unread as (
    select * from {{ ref('stg_vlaams_parlement__unread_figures') }}
),

documents as (
    select * from {{ ref('stg_vlaams_parlement__source_documents') }}
),

final as (
    select
        unread.report_year,
        unread.document_id,
        documents.source_file,
        unread.line_number,
        unread.line_position,
        unread.figure,
        unread.reason,
        unread.sentence,
        unread.source_page
    from unread
    inner join documents on unread.document_id = documents.document_id
)

select * from final
