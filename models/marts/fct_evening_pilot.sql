with calls as (
    select * from {{ ref('stg_vlaams_parlement__evening_pilot_calls') }}
),

themes as (
    select * from {{ ref('dim_theme') }}
),

final as (
    select
        calls.report_year,
        calls.pilot_code,
        calls.month_start_date,
        calls.theme_code,
        themes.theme_label_nl,
        calls.theme_phrase_nl,
        calls.legitimate_calls,
        calls.document_id,
        calls.source_section,
        calls.source_page
    from calls
    left join themes on calls.theme_code = themes.theme_code
)

select * from final
