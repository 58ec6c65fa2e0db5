-- Every published total equals the total the warehouse computes; each
-- failing row names the table, the total and the discrepancy.
select
    report_year,
    table_name,
    total_kind,
    total_key,
    published_value,
    computed_value,
    difference,
    status
from {{ ref('rpt_published_totals_check') }}
where status <> 'match'
