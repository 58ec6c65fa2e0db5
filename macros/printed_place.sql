{#-
    Where a seed row's figure is printed in its source document, typed strictly:
    the page of a PDF (source_page) and, for a table's figure, its row and column
    as printed (printed_row, printed_column; 1-based, the label column first).
    Null for a text answer, which keeps neither. A select-list fragment for the
    staging models of the answer seeds (the model names the row in `seed_row`).
-#}
{% macro printed_place(seed_name, columns=('source_page', 'printed_row', 'printed_column')) -%}
    {%- for column in columns %}
        {{ strict_integer(column, seed_name) }} as {{ column }}{{ ',' if not loop.last }}
    {%- endfor %}
{%- endmacro %}
