{#-
    Stops the build: the seed file, the row (a column `seed_row` of the calling
    model, its key as a user would look it up in the CSV), the column, its value
    and what it should be. The strict casts call it for a value they cannot read.
-#}
{% macro seed_value_error(column_name, seed_name, expected) -%}
    error(
            '{{ seed_file_path(seed_name) }}: row ' || seed_row
            || ', column {{ column_name }}: ''' || {{ column_name }}
            || ''' {{ expected }}'
        )
{%- endmacro %}
