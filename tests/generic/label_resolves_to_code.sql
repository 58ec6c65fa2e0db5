{#-
    Every printed label of a yearly seed is in its reference seed, so the code
    resolved from it (column_name) is not null: the models join on codes only.
    A failing row names the seed file, the row (row_columns, default the
    label), its report year and the reference seed that lacks the label. An
    empty label is left to the not_null test on the label itself.
-#}
{% test label_resolves_to_code(model, column_name, label_column, seed, reference, row_columns=none) %}
{%- set row_columns = row_columns or [label_column] %}

select
    report_year,
    {{ row_columns | join(', ') }},
    '{{ seed_file_path(seed) }}: row ' || concat_ws(' x ', {{ row_columns | join(', ') }})
    || ' of report year ' || report_year || ', column {{ label_column }}: '''
    || {{ label_column }} || ''' is not in {{ seed_file_path(reference) }}' as problem
from {{ model }}
where {{ column_name }} is null and {{ label_column }} is not null

{% endtest %}
