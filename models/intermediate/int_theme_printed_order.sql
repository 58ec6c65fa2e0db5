-- The theme table's printed order per report year, by theme code: the
-- reconstruction lists the candidate themes of a tied column in this order.
with theme_totals as (
    select * from {{ ref('int_contacts_by_theme_coded') }}
),

final as (
    select
        report_year,
        theme_code,
        printed_position
    from theme_totals
    where theme_code is not null
)

select * from final
