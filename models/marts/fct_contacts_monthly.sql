with months as (
    select * from {{ ref('stg_vlaams_parlement__contacts_by_month') }}
),

working_days as (
    select distinct
        month_start_date,
        working_days_in_month
    from {{ ref('dim_date') }}
),

final as (
    select
        months.report_year,
        months.month_start_date,
        months.month_label_nl,
        months.contacts,
        months.contacts / sum(months.contacts) over (partition by months.report_year)
            as share_of_year,
        working_days.working_days_in_month as working_days,
        months.contacts / nullif(working_days.working_days_in_month, 0)
            as contacts_per_working_day,
        months.document_id,
        months.source_section,
        months.source_page,
        months.printed_row,
        months.printed_column
    from months
    left join working_days on months.month_start_date = working_days.month_start_date
)

select * from final
