with theme_totals as (
    select * from {{ ref('int_contacts_by_theme_coded') }}
),

themes as (
    select * from {{ ref('dim_theme') }}
),

final as (
    select
        theme_totals.report_year,
        theme_totals.theme_code,
        theme_totals.theme_label_nl,
        themes.theme_label_en,
        theme_totals.printed_position,
        theme_totals.contacts,
        theme_totals.contacts
        / sum(theme_totals.contacts) over (partition by theme_totals.report_year)
            as share_of_year,
        theme_totals.document_id,
        theme_totals.source_section,
        theme_totals.source_page,
        theme_totals.printed_row,
        theme_totals.printed_column
    from theme_totals
    left join themes on theme_totals.theme_code = themes.theme_code
)

select * from final
