-- The best estimate is a real placement: every cell has a value, each caller
-- type's cells add up to its printed row total and each theme's cells to the
-- theme table's total. Checked for every report year with an estimate: a
-- year whose analysis ran out of time before it found any placement has none
-- (assert_caller_theme_analysis_is_exact warns about it).
with years_without_estimate as (
    select * from {{ ref('int_caller_theme_years_without_estimate') }}
),

cells as (
    select estimated.* from {{ ref('fct_caller_theme') }} as estimated
    anti join years_without_estimate as skipped on estimated.report_year = skipped.report_year
),

row_totals as (
    select printed.* from {{ ref('int_caller_theme_row_totals') }} as printed
    anti join years_without_estimate as skipped on printed.report_year = skipped.report_year
),

theme_totals as (
    select published.* from {{ ref('fct_contacts_by_theme') }} as published
    anti join years_without_estimate as skipped on published.report_year = skipped.report_year
),

row_sums as (
    select
        report_year,
        caller_type_code,
        sum(contacts) as estimate_sum
    from cells
    group by report_year, caller_type_code
),

theme_sums as (
    select
        report_year,
        theme_code,
        sum(contacts) as estimate_sum
    from cells
    group by report_year, theme_code
)

select
    report_year,
    'caller type ' || caller_type_code || ', theme ' || theme_code as total_of,
    null as published_value,
    null as estimate_sum
from cells
where contacts is null

union all

select
    coalesce(row_sums.report_year, row_totals.report_year) as report_year,
    'caller type ' || coalesce(row_sums.caller_type_code, row_totals.caller_type_code) as total_of,
    row_totals.published_value,
    row_sums.estimate_sum
from row_sums
full outer join row_totals
    on
        row_sums.report_year = row_totals.report_year
        and row_sums.caller_type_code = row_totals.caller_type_code
where row_sums.estimate_sum is distinct from row_totals.published_value

union all

select
    coalesce(theme_sums.report_year, theme_totals.report_year) as report_year,
    'theme ' || coalesce(theme_sums.theme_code, theme_totals.theme_code) as total_of,
    theme_totals.contacts as published_value,
    theme_sums.estimate_sum
from theme_sums
full outer join theme_totals
    on
        theme_sums.report_year = theme_totals.report_year
        and theme_sums.theme_code = theme_totals.theme_code
-- a theme the theme table prints as 0 may have no column, so no cells: its sum is 0
where coalesce(theme_sums.estimate_sum, 0) is distinct from theme_totals.contacts
