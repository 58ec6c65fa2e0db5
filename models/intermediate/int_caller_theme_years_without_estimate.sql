-- The report years whose caller x theme analysis ran out of time before it found
-- any placement, so they have no best estimate (ephemeral: only the singular tests
-- read it). The tests that hold the estimate to the printed totals and the printed
-- order leave these years out; assert_caller_theme_analysis_is_exact warns about them.
with cell_options as (
    select * from {{ ref('int_caller_theme_cell_options') }}
),

final as (
    select report_year
    from cell_options
    group by report_year
    having bool_and(analysis_status = 'partial') and not bool_or(is_best_estimate)
)

select * from final
