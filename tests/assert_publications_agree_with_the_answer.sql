-- Where a primary answer (source/) and a publication give the same year,
-- measure and period, they print the same figure: a publication that repeats
-- the answer with another number is a typing error in the seed or a
-- publication that counts something else. The row names both.
with figures as (
    select * from {{ ref('fct_yearly_figures') }}
)

select
    answers.report_year,
    answers.measure,
    'the answer ' || answers.document_id || ' (' || answers.source_url || ') prints '
    || answers.printed_value || ', publication ' || publications.figure_id || ' ('
    || publications.source_url || ') prints ' || publications.printed_value
    || ' for the same period: seeds/publications/yearly_figures.csv row '
    || publications.figure_id as problem
from figures as answers
inner join figures as publications
    on
        answers.report_year = publications.report_year
        and answers.measure = publications.measure
        and answers.period_start = publications.period_start
        and answers.period_end = publications.period_end
where
    answers.source_kind = 'answer'
    and publications.source_kind = 'publication'
    and answers.figure_value <> publications.figure_value
