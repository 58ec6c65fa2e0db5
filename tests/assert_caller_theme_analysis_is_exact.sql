{{ config(severity='warn') }}
-- A warning, not an error: a report year whose caller x theme analysis ran
-- out of its time budget (dbt var caller_theme_time_budget_s) still builds,
-- with sound outer bounds (bounds_are_exact tells which cells are exact).
-- Raising the budget, e.g. `dbt build --vars '{caller_theme_time_budget_s: 600}'`,
-- decides more of the open questions.
select
    report_year,
    'report year ' || report_year || ': caller x theme analysis is partial, '
    || any_value(open_questions) || ' question(s) open after the time budget; '
    || case
        when bool_or(is_best_estimate) then 'the estimate is a placement not proven optimal'
        else 'no placement found yet, so no estimate'
    end as problem
from {{ ref('int_caller_theme_cell_options') }}
where analysis_status = 'partial'
group by report_year
