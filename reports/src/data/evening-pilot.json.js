// The evening pilots: the scheduled evenings (holidays among them), the calls, the daytime rate, the decision.
import {emit, queryWarehouse} from "../../lib/warehouse.js";

emit(await queryWarehouse({
  pilots: `
    select pilot_code, report_year, period_start_date, period_end_date, weekday_label_nl, start_time,
        end_time, hours_per_evening, scheduled_evenings, public_holiday_evenings, public_holiday_evening_list,
        evenings_excluding_public_holidays, hours_offered, legitimate_calls, legitimate_calls_per_evening,
        legitimate_calls_per_hour, was_announced, is_continued, decision_label_nl, decision_label_en,
        decided_by_nl, source_section
    from marts.rpt_evening_pilot
    order by report_year, period_start_date`,
  // The mart names the pilot's weekday in Dutch; the calendar numbers weekdays ISO-style.
  evenings: `
    with weekdays as (
        select * from (values
            ('maandag', 1), ('dinsdag', 2), ('woensdag', 3), ('donderdag', 4),
            ('vrijdag', 5), ('zaterdag', 6), ('zondag', 7)
        ) as weekdays (weekday_label_nl, iso_weekday)
    )
    select pilots.pilot_code, pilots.report_year, calendar.date_day, calendar.month_start_date,
        calendar.is_public_holiday, calendar.public_holiday_name_nl, calendar.public_holiday_name_en
    from marts.rpt_evening_pilot as pilots
    inner join weekdays on lower(pilots.weekday_label_nl) = weekdays.weekday_label_nl
    inner join marts.dim_date as calendar
        on calendar.date_day between pilots.period_start_date and pilots.period_end_date
        and calendar.iso_weekday = weekdays.iso_weekday
    order by pilots.pilot_code, calendar.date_day`,
  calls: `
    select calls.pilot_code, calls.report_year, calls.month_start_date, calls.theme_code,
        calls.theme_label_nl, themes.theme_label_en, calls.legitimate_calls
    from marts.fct_evening_pilot as calls
    inner join marts.dim_theme as themes on calls.theme_code = themes.theme_code
    order by calls.pilot_code, calls.month_start_date, calls.theme_code`,
  daytime: `
    select pilots.pilot_code, months.month_start_date, months.contacts, months.working_days,
        months.contacts_per_working_day
    from marts.rpt_evening_pilot as pilots
    inner join marts.fct_contacts_monthly as months
        on months.report_year = pilots.report_year
        and months.month_start_date between date_trunc('month', pilots.period_start_date)
        and pilots.period_end_date
    order by pilots.pilot_code, months.month_start_date`
}));
