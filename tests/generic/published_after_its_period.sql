{#-
    A yearly figure is a count of a period that has ended: its publication
    must come after the period's last day. The date is compared at its own
    precision, by the last day it can mean (a date given as the year 2018 can
    mean any day up to 31 December 2018). A failing row names the seed file,
    the row, the date as precisely as it is known and the period's end.
-#}
{% test published_after_its_period(model, column_name, last_day_column, precision_column, period_end_column, seed) %}

select
    seed_row,
    '{{ seed_file_path(seed) }}: row ' || seed_row || ': published '
    || {{ partial_date_label(column_name, precision_column) }}
    || ', before the period it counts ends on '
    || {{ period_end_column }} as problem
from {{ model }}
where {{ last_day_column }} <= {{ period_end_column }}

{% endtest %}
