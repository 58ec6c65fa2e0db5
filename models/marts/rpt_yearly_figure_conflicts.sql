-- Every year and measure where the sources disagree: the preferred figure
-- against each other figure with another value, with both sources and the
-- difference. A figure for another period (an operating year from March) is
-- listed too, marked, since it is the likeliest reason for a difference.
-- Which of the two came out later is said only where the dates, at the
-- precision each source gives, do not overlap: a figure published later may
-- correct an earlier one.
with figures as (
    select * from {{ ref('fct_yearly_figures') }}
),

preferred as (
    select * from figures
    where is_preferred
),

others as (
    select * from figures
    where not is_preferred
),

final as (
    select
        preferred.report_year,
        preferred.measure,
        preferred.unit,
        preferred.figure_id as preferred_figure_id,
        preferred.figure_value as preferred_value,
        preferred.printed_value as preferred_printed_value,
        preferred.period_label as preferred_period_label,
        preferred.source_kind as preferred_source_kind,
        preferred.publisher as preferred_publisher,
        preferred.source_url as preferred_source_url,
        preferred.source_date as preferred_source_date,
        preferred.source_date_precision as preferred_source_date_precision,
        others.figure_id as other_figure_id,
        others.figure_value as other_value,
        others.printed_value as other_printed_value,
        others.period_label as other_period_label,
        others.source_kind as other_source_kind,
        others.publisher as other_publisher,
        others.source_url as other_source_url,
        others.source_date as other_source_date,
        others.source_date_precision as other_source_date_precision,
        case
            when preferred.source_date > others.source_date_last_day
                then 'the preferred figure came out later'
            when others.source_date > preferred.source_date_last_day
                then 'the preferred figure came out earlier'
            else 'not known at the precision of the dates'
        end as publication_order,
        others.figure_value - preferred.figure_value as difference,
        coalesce(
            preferred.period_start = others.period_start
            and preferred.period_end = others.period_end,
            false
        ) as is_same_period,
        case
            when
                preferred.period_start = others.period_start
                and preferred.period_end = others.period_end
                then 'the same period, another figure'
            else 'another period'
        end as conflict_kind
    from preferred
    inner join others
        on
            preferred.report_year = others.report_year
            and preferred.measure = others.measure
    where preferred.figure_value <> others.figure_value
)

select * from final
