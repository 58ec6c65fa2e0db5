with source as (
    select
        *,
        cast(month_start_date as varchar) || ' ' || theme_code as seed_row
    from {{ ref('evening_pilot_calls') }}
),

final as (
    select
        {{ strict_integer('report_year', 'evening_pilot_calls') }} as report_year,
        document_id,
        source_section,
        pilot_code,
        month_start_date,
        theme_phrase_nl,
        theme_code,
        {{ strict_integer('legitimate_calls', 'evening_pilot_calls') }} as legitimate_calls,
        {{ printed_place('evening_pilot_calls', ('source_page',)) }}
    from source
)

select * from final
