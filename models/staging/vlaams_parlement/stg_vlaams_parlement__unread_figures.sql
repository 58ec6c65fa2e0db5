with source as (
    select
        *,
        line_number as seed_row
    from {{ ref('unread_figures') }}
),

final as (
    select
        {{ strict_integer('report_year', 'unread_figures') }} as report_year,
        document_id,
        {{ strict_integer('line_number', 'unread_figures') }} as line_number,
        figure,
        line_text
    from source
)

select * from final
