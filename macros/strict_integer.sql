{#-
    Casts a seed's text column to INTEGER, or stops the build with a message
    naming the seed file, the row and the value. DuckDB alone would read a
    Dutch "5.126" as 5 without a word. The calling model names the row in a
    column `seed_row` (its key as a user would look it up in the CSV).
-#}
{% macro strict_integer(column_name, seed_name) -%}
    case
        when {{ column_name }} is null then null
        when regexp_full_match(trim({{ column_name }}), '-?[0-9]+')
            then cast(trim({{ column_name }}) as integer)
        else {{ seed_value_error(column_name, seed_name, 'is not a whole number (write a Dutch 5.126 as 5126)') }}
    end
{%- endmacro %}
