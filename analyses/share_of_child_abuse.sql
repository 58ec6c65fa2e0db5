-- What share of the year's contacts was about child abuse?
select
    report_year,
    contacts,
    round(100 * share_of_year, 1) as percent_of_year
from {{ ref('fct_contacts_by_theme') }}
where theme_code = 'child_abuse'
order by report_year
