-- What the answer documents print, as the reader takes them, keyed like the seeds: one row per
-- seed, answer, row and non-empty column. The reader's side of the text check
-- (assert_seed_rows_equal_the_answer_text). A row's key joins the values of the columns that
-- meta.row_key names in the seeds' YAML (as int_answer_seed_rows does on the seeds' side); rows
-- of seeds without a row key are not compared. A document the reader refuses keeps its one row,
-- keyed by its document_id.
with cells as (
    select * from {{ ref('int_answer_document_cells') }}
),

key_columns as (
    select
        key_column.seed_name,
        key_column.key_position,
        key_column.column_name
    from (
        values
        {%- for seed_name, columns in answer_row_keys().items() %}
            {%- for column in columns %}
                ('{{ seed_name }}', {{ loop.index }}, '{{ column }}'){{ ',' if not loop.last }}
            {%- endfor %}{{ ',' if not loop.last }}
        {%- endfor %}
    ) as key_column (seed_name, key_position, column_name)
),

reader_rows as (
    select distinct
        seed_name,
        document_id,
        row_number
    from cells
),

key_values as (
    select
        reader_rows.seed_name,
        reader_rows.document_id,
        reader_rows.row_number,
        key_columns.key_position,
        case
            when key_columns.column_name = 'document_id' then reader_rows.document_id
            else coalesce(cells.value, '')
        end as key_value
    from reader_rows
    inner join key_columns on reader_rows.seed_name = key_columns.seed_name
    left join cells
        on
            reader_rows.seed_name = cells.seed_name
            and reader_rows.document_id = cells.document_id
            and reader_rows.row_number = cells.row_number
            and key_columns.column_name = cells.column_name
),

keyed as (
    select
        seed_name,
        document_id,
        row_number,
        string_agg(key_value, ' | ' order by key_position) as row_key
    from key_values
    group by seed_name, document_id, row_number
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
