-- The best estimate places every printed value exactly once, in a column of
-- its own, left to right in printed order (in every report year but one whose
-- analysis ran out of time before it found any placement: it has no estimate).
with years_without_estimate as (
    select * from {{ ref('int_caller_theme_years_without_estimate') }}
),

printed_values as (
    select printed.* from {{ ref('stg_vlaams_parlement__caller_theme_printed_values') }} as printed
    anti join years_without_estimate as skipped on printed.report_year = skipped.report_year
),

placed as (
    select
        report_year,
        caller_type_code,
        printed_position,
        column_position,
        row_number() over (
            partition by report_year, caller_type_code order by column_position
        ) as rank_by_column
    from {{ ref('int_caller_theme_cell_options') }}
    where is_best_estimate and printed_position > 0
)

select
    coalesce(printed_values.report_year, placed.report_year) as report_year,
    coalesce(printed_values.caller_type_code, placed.caller_type_code) as caller_type_code,
    coalesce(printed_values.printed_position, placed.printed_position) as printed_position,
    placed.column_position,
    placed.rank_by_column
from printed_values
full outer join placed
    on
        printed_values.report_year = placed.report_year
        and printed_values.caller_type_code = placed.caller_type_code
        and printed_values.printed_position = placed.printed_position
where
    placed.printed_position is null
    or printed_values.printed_position is null
    or placed.rank_by_column <> placed.printed_position

union all

select
    report_year,
    caller_type_code,
    null as printed_position,
    column_position,
    count(*) as rank_by_column
from placed
group by report_year, caller_type_code, column_position
having count(*) > 1
