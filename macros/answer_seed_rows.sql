{#-
    One seed's rows of every answer in long form: one row per non-empty cell,
    named by the seed, the answer (document_id), the row's key (the columns
    of meta.row_key in the seeds' YAML, joined by ' | ') and the column.
    int_answer_seed_rows unions it over the answer seeds; the reader's side
    (int_answer_text_rows) writes the same shape.
-#}
{% macro answer_seed_rows(seed_name) %}
    {%- set key_columns = [] -%}
    {%- if execute -%}
        {%- set key_columns = graph.nodes['seed.' ~ project_name ~ '.' ~ seed_name].config.meta.row_key -%}
    {%- endif %}
    select
        '{{ seed_name }}' as seed_name,
        document_id,
        row_key,
        column_name,
        value
    from (
        unpivot (
            select
                *,
                concat_ws(
                    ' | '
                    {%- for column in key_columns %}, coalesce({{ column }}, ''){% endfor %}
                    {%- if not key_columns %}, ''{% endif %}
                ) as row_key
            from (select columns(*)::varchar from {{ ref(seed_name) }})
        )
        on columns(* exclude (document_id, row_key))
        into name column_name value value
    )
{%- endmacro %}
