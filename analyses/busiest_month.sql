-- Which month had the most contacts, in absolute numbers and per working day?
select
    report_year,
    arg_max(month_label_nl, contacts) as busiest_month,
    max(contacts) as busiest_month_contacts,
    arg_max(month_label_nl, contacts_per_working_day) as busiest_month_per_working_day,
    round(max(contacts_per_working_day), 1) as busiest_contacts_per_working_day
from {{ ref('fct_contacts_monthly') }}
group by report_year
order by report_year
