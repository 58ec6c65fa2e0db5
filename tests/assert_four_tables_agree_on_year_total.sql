-- The month, theme, age x gender and caller-type tables count the same
-- contacts, so each report year they must sum to the same total.
with table_totals as (
    select
        report_year,
        'month table' as table_name,
        sum(contacts) as contacts
    from {{ ref('fct_contacts_monthly') }}
    group by report_year
    union all
    select
        report_year,
        'theme table',
        sum(contacts)
    from {{ ref('fct_contacts_by_theme') }}
    group by report_year
    union all
    select
        report_year,
        'age x gender table',
        sum(contacts)
    from {{ ref('fct_contacts_by_age_gender') }}
    group by report_year
    union all
    select
        report_year,
        'caller type table',
        sum(contacts)
    from {{ ref('fct_contacts_by_caller_type') }}
    group by report_year
)

select
    report_year,
    string_agg(table_name || ' = ' || contacts, ', ' order by table_name) as year_totals,
    count(*) as tables_present
from table_totals
group by report_year
having min(contacts) <> max(contacts) or count(*) <> 4
