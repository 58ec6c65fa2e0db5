{#-
    The caller x theme table's printed row totals, one row per report year and
    caller type. The singular tests compare the reconstruction against what the
    answer prints, not against the sum of the printed values they are built from.
-#}
{% macro caller_theme_row_totals() -%}
    select
        report_year,
        total_key as caller_type_code,
        published_value
    from {{ ref('stg_vlaams_parlement__published_totals') }}
    where table_name = 'caller_theme' and total_kind = 'row_total'
{%- endmacro %}
