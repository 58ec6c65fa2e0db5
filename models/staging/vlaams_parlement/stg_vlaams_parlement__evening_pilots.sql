with source as (
    select
        *,
        pilot_code as seed_row
    from {{ ref('evening_pilots') }}
),

final as (
    select
        pilot_code,
        {{ strict_integer('report_year', 'evening_pilots') }} as report_year,
        document_id,
        source_section,
        period_start_date,
        period_end_date,
        weekday_label_nl,
        {{ strict_integer('iso_weekday', 'evening_pilots') }} as iso_weekday,
        cast(start_time as time) as start_time,
        cast(end_time as time) as end_time,
        was_announced,
        decision_label_nl,
        -- derived: the answer states the decision in Dutch only
        case
            when is_continued then 'the telephone evening service is continued'
            else 'the telephone evening service is not continued'
        end as decision_label_en,
        is_continued,
        decided_by_nl,
        {{ printed_place('evening_pilots', ('source_page',)) }}
    from source
)

select * from final
