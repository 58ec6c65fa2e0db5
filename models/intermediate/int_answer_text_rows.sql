-- What the answer documents print, as the reader takes them, keyed like the seeds: one row per
-- seed, answer, row and non-empty column. The reader's side of the text check
-- (assert_seed_rows_equal_the_answer_text). A row's key joins the values of the columns that
-- meta.row_key names in the seeds' YAML (as int_answer_seed_rows does on the seeds' side); rows
-- of seeds without a row key are not compared. A document the reader refuses keeps its one row,
-- keyed by its document_id.
with cells as (
    select * from {{ ref('int_answer_document_cells') }}
),

keyed as (
    {%- set first = namespace(done=false) %}
    {%- for seed_name, key_columns in answer_row_keys().items() %}
        {%- if first.done %}
    union all
        {%- endif %}
        {%- set first.done = true %}
    select
        seed_name,
        document_id,
        row_number,
        concat_ws(
            ' | '
            {%- for column in key_columns %},
                {%- if column == 'document_id' %} any_value(document_id)
                {%- else %} coalesce(max(value) filter (where column_name = '{{ column }}'), '')
                {%- endif %}
            {%- endfor %}
        ) as row_key
    from cells
    where seed_name = '{{ seed_name }}'
    group by seed_name, document_id, row_number
    {%- endfor %}
),

final as (
    select
        cells.seed_name,
        cells.document_id,
        cells.report_year,
        keyed.row_key,
        cells.column_name,
        cells.value
    from cells
    inner join keyed
        on
            cells.seed_name = keyed.seed_name
            and cells.document_id = keyed.document_id
            and cells.row_number = keyed.row_number
)

select * from final
