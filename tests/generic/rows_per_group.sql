{#- Each group (e.g. report year) has exactly the expected number of rows. -#}
{% test rows_per_group(model, group_by, expected_rows) %}

select
    {{ group_by | join(', ') }},
    count(*) as actual_rows,
    {{ expected_rows }} as expected_rows
from {{ model }}
group by {{ group_by | join(', ') }}
having count(*) <> {{ expected_rows }}

{% endtest %}
