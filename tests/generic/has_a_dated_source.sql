{#-
    Every figure names where it was published: a web address (http or https)
    and a date, with the publisher and a title. The date may be a day, a month
    or a year (staging reads all three and keeps the precision); a figure with
    no date at all fails. A failing row names the seed file, the row and what
    is missing.
-#}
{% test has_a_dated_source(model, column_name, date_column, seed, required_columns=[]) %}

select
    seed_row,
    '{{ seed_file_path(seed) }}: row ' || seed_row || ': '
    || concat_ws(', ',
        case
            when {{ column_name }} is null then '{{ column_name }} is empty'
            when not regexp_full_match({{ column_name }}, 'https?://[^ ]+')
                then '{{ column_name }} ''' || {{ column_name }} || ''' is not a web address'
        end,
        case when {{ date_column }} is null then '{{ date_column }} is empty' end
        {%- for required in required_columns %},
        case when nullif(trim({{ required }}), '') is null then '{{ required }} is empty' end
        {%- endfor %}
    ) as problem
from {{ model }}
where {{ column_name }} is null
    or not regexp_full_match({{ column_name }}, 'https?://[^ ]+')
    or {{ date_column }} is null
    {%- for required in required_columns %}
    or nullif(trim({{ required }}), '') is null
    {%- endfor %}

{% endtest %}
