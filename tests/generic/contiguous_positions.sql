{#-
    Printed positions run 1, 2, ..., n within each group: a dropped, doubled
    or renumbered printed value shows up here, naming the group.
-#}
{% test contiguous_positions(model, column_name, group_by) %}

select
    {{ group_by | join(', ') }},
    count(*) as printed_values,
    min({{ column_name }}) as first_position,
    max({{ column_name }}) as last_position,
    count(distinct {{ column_name }}) as distinct_positions
from {{ model }}
group by {{ group_by | join(', ') }}
having min({{ column_name }}) <> 1
    or max({{ column_name }}) <> count(*)
    or count(distinct {{ column_name }}) <> count(*)

{% endtest %}
