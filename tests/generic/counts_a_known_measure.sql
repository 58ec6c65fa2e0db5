{#-
    A figure's measure, its unit and the Dutch word the publication uses for
    what it counts must be one row of the measures seed: "personen" cannot be
    filed as contacts, nor a share as a count. A failing row names the seed
    file, the row and the three values.
-#}
{% test counts_a_known_measure(model, column_name, unit_column, term_column, seed, reference) %}

select
    figures.seed_row,
    '{{ seed_file_path(seed) }}: row ' || figures.seed_row || ': measure '''
    || coalesce(figures.{{ column_name }}, '') || ''' in unit '''
    || coalesce(figures.{{ unit_column }}, '') || ''' printed as '''
    || coalesce(figures.{{ term_column }}, '') || ''' is not a row of {{ seed_file_path(reference) }}'
    as problem
from {{ model }} as figures
left join {{ ref(reference) }} as measures
    on figures.{{ column_name }} = measures.measure
    and figures.{{ unit_column }} = measures.unit
    and figures.{{ term_column }} = measures.printed_term_nl
where measures.measure is null

{% endtest %}
