-- The theme table's rows with the theme code resolved, once, from the printed
-- Dutch label: every model downstream joins on theme_code. A label the themes
-- seed does not know leaves theme_code null, and the test
-- label_resolves_to_code names the seed row.
with theme_totals as (
    select * from {{ ref('stg_vlaams_parlement__contacts_by_theme') }}
),

themes as (
    select * from {{ ref('stg_vlaams_parlement__themes') }}
),

final as (
    select
        theme_totals.report_year,
        theme_totals.document_id,
        theme_totals.source_section,
        theme_totals.printed_position,
        themes.theme_code,
        theme_totals.theme_label_nl,
        theme_totals.contacts
    from theme_totals
    left join themes on theme_totals.theme_label_nl = themes.theme_label_nl
)

select * from final
