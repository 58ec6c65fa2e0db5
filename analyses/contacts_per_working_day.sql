-- Contacts per working day, month by month (working days: Monday to Friday,
-- not a Belgian public holiday).
select
    report_year,
    month_start_date,
    month_label_nl,
    contacts,
    working_days,
    round(contacts_per_working_day, 1) as contacts_per_working_day
from {{ ref('fct_contacts_monthly') }}
order by month_start_date
