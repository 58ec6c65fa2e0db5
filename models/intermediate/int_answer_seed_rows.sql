-- The answer seeds in long form, one row per non-empty cell: the seeds' side of the text
-- check (assert_seed_rows_equal_the_answer_text), in the shape of int_answer_text_rows.
with long_rows as (
    {{ answer_seed_rows('source_documents') }}
    union all
    {{ answer_seed_rows('cited_questions') }}
    union all
    {{ answer_seed_rows('contacts_by_month') }}
    union all
    {{ answer_seed_rows('contacts_by_theme') }}
    union all
    {{ answer_seed_rows('contacts_by_age_gender') }}
    union all
    {{ answer_seed_rows('caller_theme_printed_values') }}
    union all
    {{ answer_seed_rows('caller_theme_columns') }}
    union all
    {{ answer_seed_rows('published_totals') }}
    union all
    {{ answer_seed_rows('evening_pilots') }}
    union all
    {{ answer_seed_rows('evening_pilot_calls') }}
    union all
    {{ answer_seed_rows('service_facts') }}
    union all
    {{ answer_seed_rows('unread_figures') }}
),

documents as (
    select
        document_id,
        try_cast(report_year as integer) as report_year
    from {{ ref('stg_vlaams_parlement__source_documents') }}
),

final as (
    select
        long_rows.seed_name,
        long_rows.document_id,
        -- a row's own year; rows keyed by document (cited_questions) take their document's
        coalesce(long_rows.report_year, documents.report_year) as report_year,
        long_rows.row_key,
        long_rows.column_name,
        long_rows.value
    from long_rows
    left join documents on long_rows.document_id = documents.document_id
)

select * from final
