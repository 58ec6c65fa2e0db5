{% test matches_pattern(model, column_name, pattern) %}

select {{ column_name }}
from {{ model }}
where not regexp_full_match({{ column_name }}, '{{ pattern }}')

{% endtest %}
