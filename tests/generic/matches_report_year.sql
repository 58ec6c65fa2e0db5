{#- A dated fact lies in its report year (catches "Januari 2019" filed under 2018). -#}
{% test matches_report_year(model, column_name, year_column) %}

select {{ year_column }}, {{ column_name }}
from {{ model }}
where year({{ column_name }}) <> {{ year_column }}

{% endtest %}
