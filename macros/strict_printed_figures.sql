{#-
    Casts for figures printed the Dutch way, with the same promise as
    strict_integer: a value that is not written as expected stops the build
    with a message naming the seed file, the row (a column `seed_row` of the
    calling model) and the value. DuckDB alone would read "5.126" as 5.126.
-#}

{#- A Dutch whole number, thousands separated by dots: "5.126" is 5126, "812" is 812. -#}
{% macro strict_dutch_number(column_name, seed_name) -%}
    case
        when {{ column_name }} is null then null
        when regexp_full_match(trim({{ column_name }}), '[0-9]{1,3}(\.[0-9]{3})*')
            then cast(replace(trim({{ column_name }}), '.', '') as bigint)
        else {{ seed_value_error(column_name, seed_name, 'is not a Dutch whole number (5.126, 812)') }}
    end
{%- endmacro %}

{#- A Dutch percentage, decimal comma allowed: "68 %" is 68, "12,5%" is 12.5. -#}
{% macro strict_dutch_percentage(column_name, seed_name) -%}
    case
        when {{ column_name }} is null then null
        when regexp_full_match(trim({{ column_name }}), '[0-9]{1,3}(,[0-9]+)? ?%')
            then cast(
                replace(replace(replace(trim({{ column_name }}), '%', ''), ' ', ''), ',', '.')
                as decimal(6, 2)
            )
        else {{ seed_value_error(column_name, seed_name, 'is not a Dutch percentage (68 %, 12,5 %)') }}
    end
{%- endmacro %}

{#- A calendar date written YYYY-MM-DD that exists (no 2013-02-30). -#}
{% macro strict_iso_date(column_name, seed_name) -%}
    case
        when {{ column_name }} is null then null
        when try_strptime(trim({{ column_name }}), '%Y-%m-%d') is not null
            and regexp_full_match(trim({{ column_name }}), '[0-9]{4}-[0-9]{2}-[0-9]{2}')
            then cast(trim({{ column_name }}) as date)
        else {{ seed_value_error(column_name, seed_name, 'is not a date written YYYY-MM-DD') }}
    end
{%- endmacro %}

{#-
    A date as precise as the source gives it: YYYY-MM-DD (a day) or YYYY-MM
    (a month, when the page prints no day). Gives the first day it can mean;
    `date_precision` says which.
-#}
{% macro strict_partial_date(column_name, seed_name) -%}
    case
        when {{ column_name }} is null then null
        when regexp_full_match(trim({{ column_name }}), '[0-9]{4}-[0-9]{2}')
            and try_strptime(trim({{ column_name }}) || '-01', '%Y-%m-%d') is not null
            then cast(trim({{ column_name }}) || '-01' as date)
        else {{ strict_iso_date(column_name, seed_name) }}
    end
{%- endmacro %}

{% macro date_precision(column_name) -%}
    case
        when regexp_full_match(trim({{ column_name }}), '[0-9]{4}-[0-9]{2}') then 'month'
        else 'day'
    end
{%- endmacro %}
