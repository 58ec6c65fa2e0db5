with source as (
    select
        *,
        age_group_label_nl || ' x ' || gender_label_nl as seed_row
    from {{ ref('contacts_by_age_gender') }}
),

final as (
    select
        {{ strict_integer('report_year', 'contacts_by_age_gender') }} as report_year,
        document_id,
        source_section,
        age_group_label_nl,
        {{ strict_integer('printed_position', 'contacts_by_age_gender') }} as printed_position,
        gender_label_nl,
        {{ strict_integer('contacts', 'contacts_by_age_gender') }} as contacts,
        {{ printed_place('contacts_by_age_gender') }}
    from source
)

select * from final
