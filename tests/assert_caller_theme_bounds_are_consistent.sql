-- min <= estimate <= max in every cell, and per caller type the minima
-- cannot exceed, nor the maxima fall short of, the printed row total.
with cells as (
    select * from {{ ref('fct_caller_theme') }}
),

row_totals as (
    select * from {{ ref('int_caller_theme_row_totals') }}
),

row_bounds as (
    select
        report_year,
        caller_type_code,
        sum(contacts_min) as sum_of_minima,
        sum(contacts_max) as sum_of_maxima
    from cells
    group by report_year, caller_type_code
)

select
    report_year,
    caller_type_code,
    theme_code || ': estimate ' || contacts || ' outside [' || contacts_min || ', '
    || contacts_max || ']' as problem
from cells
where not (contacts_min <= contacts and contacts <= contacts_max)

union all

select
    row_bounds.report_year,
    row_bounds.caller_type_code,
    'row total ' || row_totals.published_value || ' outside [sum of minima '
    || row_bounds.sum_of_minima || ', sum of maxima ' || row_bounds.sum_of_maxima || ']' as problem
from row_bounds
inner join row_totals
    on
        row_bounds.report_year = row_totals.report_year
        and row_bounds.caller_type_code = row_totals.caller_type_code
where not (
    row_bounds.sum_of_minima <= row_totals.published_value
    and row_totals.published_value <= row_bounds.sum_of_maxima
)
