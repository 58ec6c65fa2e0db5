with report_years as (
    select distinct report_year from {{ ref('stg_vlaams_parlement__source_documents') }}
),

holidays as (
    select * from {{ ref('int_belgian_public_holidays') }}
),

days as (
    select cast(day_ts as date) as date_day
    from report_years,
        generate_series(
            cast(make_date(report_year, 1, 1) as timestamp),
            cast(make_date(report_year, 12, 31) as timestamp),
            interval 1 day
        ) as spine (day_ts)
),

flagged as (
    select
        days.date_day,
        cast(year(days.date_day) as integer) as calendar_year,
        cast(date_trunc('month', days.date_day) as date) as month_start_date,
        cast(month(days.date_day) as integer) as month_number,
        cast(isodow(days.date_day) as integer) as iso_weekday,
        isodow(days.date_day) >= 6 as is_weekend,
        holidays.holiday_date is not null as is_public_holiday,
        holidays.holiday_name_nl as public_holiday_name_nl,
        holidays.holiday_name_en as public_holiday_name_en
    from days
    left join holidays on days.date_day = holidays.holiday_date
),

final as (
    select
        *,
        not is_weekend and not is_public_holiday as is_working_day,
        cast(
            count(*) filter (where not is_weekend and not is_public_holiday)
                over (partition by month_start_date)
            as integer
        ) as working_days_in_month
    from flagged
)

select * from final
