-- MetricFlow's time spine (docs/bi.md): every day from the first to the last year a metric can
-- reach, without a gap, since MetricFlow joins metrics to it. The calendar (dim_date) holds only
-- the report years; the other publications' yearly figures reach further back and between them.
-- Those are read from staging, as fct_yearly_figures reads them: the spine is not downstream of
-- that mart, so building the yearly figures alone (+fct_yearly_figures+) needs no calendar.
with years as (
    select calendar_year as year_number from {{ ref('dim_date') }}
    union
    select report_year as year_number from {{ ref('stg_publications__yearly_figures') }}
),

bounds as (
    select
        make_date(min(year_number), 1, 1) as first_day,
        make_date(max(year_number), 12, 31) as last_day
    from years
),

final as (
    select cast(spine.day_ts as date) as date_day
    from bounds,
        generate_series(
            cast(bounds.first_day as timestamp),
            cast(bounds.last_day as timestamp),
            interval 1 day
        ) as spine (day_ts)
)

select * from final
