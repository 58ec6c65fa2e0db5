-- The text check: every answer seed equals what add_answer's reader takes from the answer's
-- text in source/, row by row and column by column (a full outer join, so a row or a value
-- that only one side has fails as loudly as a different one). Each failing row names the seed
-- file, the report year, the answer (document_id), the row, the column, the seeded and the read
-- value.
with seeded as (
    select * from {{ ref('int_answer_seed_rows') }}
),

read_from_text as (
    select * from {{ ref('int_answer_text_rows') }}
),

compared as (
    select
        coalesce(seeded.seed_name, read_from_text.seed_name) as seed_name,
        coalesce(seeded.document_id, read_from_text.document_id) as document_id,
        coalesce(seeded.row_key, read_from_text.row_key) as row_key,
        coalesce(seeded.column_name, read_from_text.column_name) as column_name,
        coalesce(seeded.report_year, read_from_text.report_year) as report_year,
        seeded.value as seeded_value,
        read_from_text.value as read_value
    from seeded
    full outer join read_from_text
        on
            seeded.seed_name = read_from_text.seed_name
            and seeded.document_id = read_from_text.document_id
            and seeded.row_key = read_from_text.row_key
            and seeded.column_name = read_from_text.column_name
    where seeded.value is distinct from read_from_text.value
),

final as (
    select
        'seeds/vlaams_parlement/' || compared.seed_name || '.csv' as seed_file,
        compared.report_year,
        compared.document_id,
        compared.row_key,
        compared.column_name,
        compared.seeded_value,
        compared.read_value,
        'seeds/vlaams_parlement/' || compared.seed_name || '.csv, report year '
        || coalesce(cast(compared.report_year as varchar), '?') || ', row ' || compared.row_key
        || ', column ' || compared.column_name || ': '
        || case
            when compared.seeded_value is null
                then 'the answer prints ''' || compared.read_value || ''', the seed has no value'
            when compared.read_value is null
                then 'seeded ''' || compared.seeded_value || ''', the answer prints no such value'
            else
                'seeded ''' || compared.seeded_value || '''; the answer prints '''
                || compared.read_value || ''''
        end as problem
    from compared
)

select * from final
