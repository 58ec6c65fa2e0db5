-- The caller x theme table's printed row totals, one row per report year and
-- caller type (ephemeral: only the singular tests read it). They compare the
-- reconstruction with what the answer prints, not with the sum of the
-- printed values it is built from.
with published_totals as (
    select * from {{ ref('stg_vlaams_parlement__published_totals') }}
),

final as (
    select
        report_year,
        total_key as caller_type_code,
        published_value
    from published_totals
    where table_name = 'caller_theme' and total_kind = 'row_total'
)

select * from final
