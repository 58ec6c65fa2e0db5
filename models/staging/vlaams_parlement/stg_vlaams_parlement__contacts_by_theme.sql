with source as (
    select
        *,
        theme_label_nl as seed_row
    from {{ ref('contacts_by_theme') }}
),

final as (
    select
        {{ strict_integer('report_year', 'contacts_by_theme') }} as report_year,
        document_id,
        source_section,
        {{ strict_integer('printed_position', 'contacts_by_theme') }} as printed_position,
        theme_label_nl,
        {{ strict_integer('contacts', 'contacts_by_theme') }} as contacts,
        {{ printed_place('contacts_by_theme') }}
    from source
)

select * from final
