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
    A date as precise as the source gives it: YYYY-MM-DD (a day), YYYY-MM (a
    month, when the page prints no day) or YYYY (a year, when only the year is
    known). Gives the first day it can mean; `date_precision` says which, and
    `partial_date_last_day` gives the last day it can mean.
-#}
{% macro strict_partial_date(column_name, seed_name) -%}
    case
        when {{ column_name }} is null then null
        when regexp_full_match(trim({{ column_name }}), '[0-9]{4}')
            then cast(trim({{ column_name }}) || '-01-01' as date)
        when regexp_full_match(trim({{ column_name }}), '[0-9]{4}-[0-9]{2}')
            and try_strptime(trim({{ column_name }}) || '-01', '%Y-%m-%d') is not null
            then cast(trim({{ column_name }}) || '-01' as date)
        when try_strptime(trim({{ column_name }}), '%Y-%m-%d') is not null
            and regexp_full_match(trim({{ column_name }}), '[0-9]{4}-[0-9]{2}-[0-9]{2}')
            then cast(trim({{ column_name }}) as date)
        else {{ seed_value_error(column_name, seed_name, 'is not a date written YYYY-MM-DD, YYYY-MM or YYYY') }}
    end
{%- endmacro %}

{% macro date_precision(column_name) -%}
    case
        when {{ column_name }} is null then null
        when regexp_full_match(trim({{ column_name }}), '[0-9]{4}') then 'year'
        when regexp_full_match(trim({{ column_name }}), '[0-9]{4}-[0-9]{2}') then 'month'
        else 'day'
    end
{%- endmacro %}

{#- The last day a date of the given precision can mean: the day itself, the month's or the year's last day. -#}
{% macro partial_date_last_day(first_day, precision) -%}
    case {{ precision }}
        when 'year' then make_date(year({{ first_day }}), 12, 31)
        when 'month' then last_day({{ first_day }})
        else {{ first_day }}
    end
{%- endmacro %}

{#- A date written as precisely as it is known: 2021-03-08, 2022-02 or 2018. -#}
{% macro partial_date_label(first_day, precision) -%}
    case {{ precision }}
        when 'year' then strftime({{ first_day }}, '%Y')
        when 'month' then strftime({{ first_day }}, '%Y-%m')
        else strftime({{ first_day }}, '%Y-%m-%d')
    end
{%- endmacro %}
