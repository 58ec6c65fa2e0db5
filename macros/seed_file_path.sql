{#- The seed's CSV path as the user sees it, for error messages and failing-row messages. -#}
{% macro seed_file_path(seed_name) -%}
    {%- if execute -%}
        {{ graph.nodes['seed.' ~ project_name ~ '.' ~ seed_name].original_file_path }}
    {%- else -%}
        {{ seed_name }}.csv
    {%- endif -%}
{%- endmacro %}
