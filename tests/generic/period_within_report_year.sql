{#-
    A figure's period starts in its report year, ends on or after its start
    and spans at most a year (a calendar year or an operating year). A failing
    row names the seed file, the row and the period.
-#}
{% test period_within_report_year(model, column_name, end_column, seed) %}

select
    seed_row,
    '{{ seed_file_path(seed) }}: row ' || seed_row || ': period ' || {{ column_name }}
    || ' to ' || {{ end_column }} || ' does not start in report year ' || report_year
    || ' or is not a period of at most a year' as problem
from {{ model }}
where year({{ column_name }}) <> report_year
    or {{ end_column }} < {{ column_name }}
    or {{ end_column }} >= {{ column_name }} + interval 1 year

{% endtest %}
