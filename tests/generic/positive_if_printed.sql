{#- The text prints only non-empty cells, so a printed value is never 0. -#}
{% test positive_if_printed(model, column_name) %}

select *
from {{ model }}
where {{ column_name }} = 0

{% endtest %}
