with source as (
    select
        *,
        line_number || ':' || line_position as seed_row
    from {{ ref('unread_figures') }}
),

final as (
    select
        {{ strict_integer('report_year', 'unread_figures') }} as report_year,
        document_id,
        {{ strict_integer('line_number', 'unread_figures') }} as line_number,
        {{ strict_integer('line_position', 'unread_figures') }} as line_position,
        figure,
        reason,
        sentence,
        {{ printed_place('unread_figures', ('source_page',)) }}
    from source
)

select * from final
