-- The theme table's printed order per report year, by theme code: the
-- reconstruction lists the candidate themes of a tied column in this order.
with theme_totals as (
    select * from {{ ref('stg_vlaams_parlement__contacts_by_theme') }}
),

themes as (
    select * from {{ ref('stg_vlaams_parlement__themes') }}
),

final as (
    select
        theme_totals.report_year,
        themes.theme_code,
        theme_totals.printed_position
    from theme_totals
    inner join themes on theme_totals.theme_label_nl = themes.theme_label_nl
)

select * from final
