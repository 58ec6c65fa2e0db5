-- A measure is one series in one unit: contacts are never mixed with persons,
-- victims or shares, whichever source system a figure comes from.
with figures as (
    select * from {{ ref('fct_yearly_figures') }}
)

select
    measure,
    string_agg(distinct unit, ', ' order by unit) as units,
    string_agg(figure_id, ', ' order by figure_id) as figures
from figures
group by measure
having count(distinct unit) > 1
