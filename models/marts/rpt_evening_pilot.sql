with pilots as (
    select * from {{ ref('stg_vlaams_parlement__evening_pilots') }}
),

calls as (
    select * from {{ ref('fct_evening_pilot') }}
),

calendar as (
    select * from {{ ref('dim_date') }}
),

scheduled_evenings as (
    select
        pilots.pilot_code,
        cast(count(*) as integer) as scheduled_evenings,
        cast(count(*) filter (where calendar.is_public_holiday) as integer)
            as public_holiday_evenings,
        coalesce(
            string_agg(
                strftime(calendar.date_day, '%Y-%m-%d') || ' ' || calendar.public_holiday_name_nl,
                '; ' order by calendar.date_day
            ) filter (where calendar.is_public_holiday),
            ''
        ) as public_holiday_evening_list
    from pilots
    inner join calendar
        on
            calendar.date_day between pilots.period_start_date and pilots.period_end_date
            and pilots.iso_weekday = calendar.iso_weekday
    group by pilots.pilot_code
),

call_totals as (
    select
        pilot_code,
        cast(sum(legitimate_calls) as integer) as legitimate_calls
    from calls
    group by pilot_code
),

offered as (
    select
        pilots.*,
        date_diff('minute', pilots.start_time, pilots.end_time) / 60.0 as hours_per_evening,
        scheduled_evenings.scheduled_evenings,
        scheduled_evenings.public_holiday_evenings,
        scheduled_evenings.public_holiday_evening_list,
        scheduled_evenings.scheduled_evenings - scheduled_evenings.public_holiday_evenings
            as evenings_excluding_public_holidays,
        call_totals.legitimate_calls
    from pilots
    left join scheduled_evenings on pilots.pilot_code = scheduled_evenings.pilot_code
    left join call_totals on pilots.pilot_code = call_totals.pilot_code
),

final as (
    select
        pilot_code,
        report_year,
        period_start_date,
        period_end_date,
        weekday_label_nl,
        left(cast(start_time as varchar), 5) as start_time,
        left(cast(end_time as varchar), 5) as end_time,
        hours_per_evening,
        scheduled_evenings,
        public_holiday_evenings,
        public_holiday_evening_list,
        evenings_excluding_public_holidays,
        evenings_excluding_public_holidays * hours_per_evening as hours_offered,
        legitimate_calls,
        legitimate_calls / nullif(evenings_excluding_public_holidays, 0)
            as legitimate_calls_per_evening,
        legitimate_calls / nullif(evenings_excluding_public_holidays * hours_per_evening, 0)
            as legitimate_calls_per_hour,
        was_announced,
        is_continued,
        decision_label_nl,
        decision_label_en,
        decided_by_nl,
        document_id,
        source_section,
        source_page
    from offered
)

select * from final
