-- The theme table's rows with the theme code resolved, once, from the printed
-- Dutch label (or another spelling of it in label_aliases): every model
-- downstream joins on theme_code. A label neither seed knows leaves theme_code
-- null, and the test label_resolves_to_code names the seed row.
with theme_totals as (
    select * from {{ ref('stg_vlaams_parlement__contacts_by_theme') }}
),

themes as (
    select * from {{ ref('stg_vlaams_parlement__themes') }}
),

aliases as (
    select * from {{ ref('stg_vlaams_parlement__label_aliases') }}
    where reference_seed = 'themes'
),

final as (
    select
        theme_totals.report_year,
        theme_totals.document_id,
        theme_totals.source_section,
        theme_totals.printed_position,
        coalesce(themes.theme_code, aliases.code) as theme_code,
        theme_totals.theme_label_nl,
        theme_totals.contacts,
        theme_totals.source_page,
        theme_totals.printed_row,
        theme_totals.printed_column
    from theme_totals
    left join themes on theme_totals.theme_label_nl = themes.theme_label_nl
    left join aliases on lower(theme_totals.theme_label_nl) = lower(aliases.label_nl)
)

select * from final
