{#-
    One seed's rows of every answer in long form: one row per non-empty cell,
    named by the seed, the answer (document_id), the row's key (the columns
    of meta.row_key in the seeds' YAML, joined by ' | ') and the column, with
    the row's own report year where the seed has one (so that a failure names
    it even when the row's answer is not read). int_answer_seed_rows unions it
    over the answer seeds; the reader's side (int_answer_text_rows) writes the
    same shape.
-#}
{% macro answer_seed_rows(seed_name) %}
    {%- set key_columns = [] -%}
    {%- set has_report_year = false -%}
    {%- if execute -%}
        {%- set node = graph.nodes['seed.' ~ project_name ~ '.' ~ seed_name] -%}
        {%- set key_columns = node.config.meta.row_key -%}
        {%- set has_report_year = 'report_year' in node.config.column_types -%}
    {%- endif %}
    select
        '{{ seed_name }}' as seed_name,
        document_id,
        row_report_year as report_year,
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
                ) as row_key,
                {% if has_report_year -%}
                    try_cast(report_year as integer)
                {%- else -%}
                    cast(null as integer)
                {%- endif %} as row_report_year
            from (select columns(*)::varchar from {{ ref(seed_name) }})
        )
        on columns(* exclude (document_id, row_key, row_report_year))
        into name column_name value value
    )
{%- endmacro %}
