-- Exactly one figure is preferred per year and measure, and where a primary
-- answer gives the year and measure, it is the answer's figure.
with figures as (
    select * from {{ ref('fct_yearly_figures') }}
)

select
    report_year,
    measure,
    count(*) filter (where is_preferred) as preferred_figures,
    string_agg(figure_id, ', ' order by figure_id) filter (where is_preferred) as preferred_ids,
    bool_or(source_kind = 'answer') as has_an_answer
from figures
group by report_year, measure
having
    count(*) filter (where is_preferred) <> 1
    or bool_or(source_kind = 'answer') <> bool_or(source_kind = 'answer' and is_preferred)
