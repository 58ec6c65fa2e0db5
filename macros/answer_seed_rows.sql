{#-
    The text check's two sides in the same shape: one row per seed, answer (document_id),
    row and non-empty column, a row named by its key (the columns of meta.row_key in the
    seeds' YAML, joined by ' | '), with the row's own report year where the seed has one (so
    that a failure names it even when the row's answer is not read).
-#}

{#- Each answer seed's row key columns (meta.row_key), by seed name. -#}
{% macro answer_row_keys() %}
    {%- set keys = {} -%}
    {%- if execute -%}
        {%- for node in graph.nodes.values() | sort(attribute='name') -%}
            {%- if node.resource_type == 'seed' and node.package_name == project_name
                and node.config.meta.row_key -%}
                {%- do keys.update({node.name: node.config.meta.row_key}) -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return(keys) }}
{% endmacro %}

{#-
    One answer seed's rows in long form, read through its staging model as text, the
    seed's own columns only (as its YAML declares them); int_answer_seed_rows unions it
    over the answer seeds, and int_answer_text_rows gives the reader's side.
-#}
{% macro answer_seed_rows(seed_name) %}
    {%- set key_columns = [] -%}
    {%- set columns = [] -%}
    {%- if execute -%}
        {%- set node = graph.nodes['seed.' ~ project_name ~ '.' ~ seed_name] -%}
        {%- set key_columns = node.config.meta.row_key -%}
        {%- set columns = node.config.column_types.keys() | list -%}
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
                {% if 'report_year' in columns -%}
                    try_cast(report_year as integer)
                {%- else -%}
                    cast(null as integer)
                {%- endif %} as row_report_year
            from (
                select
                    {%- for column in columns %}
                        -- as the seed CSV writes it: a time of day without seconds
                        case
                            when typeof({{ column }}) = 'TIME' then left(cast({{ column }} as varchar), 5)
                            else cast({{ column }} as varchar)
                        end as {{ column }}{{ ',' if not loop.last }}
                    {%- else %} *
                    {%- endfor %}
                from {{ ref('stg_vlaams_parlement__' ~ seed_name) }}
            )
        )
        on columns(* exclude (document_id, row_key, row_report_year))
        into name column_name value value
    )
    -- an empty value is no value (staging writes some as '', the seed CSV leaves them out)
    where value <> ''
{%- endmacro %}
