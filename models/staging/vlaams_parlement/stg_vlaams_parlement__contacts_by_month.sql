with source as (
    select
        *,
        month_label_nl as seed_row
    from {{ ref('contacts_by_month') }}
),

parsed as (
    select
        *,
        lower(split_part(trim(month_label_nl), ' ', 1)) as month_name_nl,
        split_part(trim(month_label_nl), ' ', 2) as month_year_text,
        list_position(
            [
                'januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli',
                'augustus', 'september', 'oktober', 'november', 'december'
            ],
            lower(split_part(trim(month_label_nl), ' ', 1))
        ) as month_number
    from source
),

final as (
    select
        {{ strict_integer('report_year', 'contacts_by_month') }} as report_year,
        document_id,
        source_section,
        month_label_nl,
        case
            when month_number is not null and regexp_full_match(month_year_text, '[0-9]{4}')
                then make_date(cast(month_year_text as integer), month_number, 1)
            else error(
                '{{ seed_file_path("contacts_by_month") }}: row '
                || month_label_nl
                || ', column month_label_nl: not a Dutch month and year such as Januari 2018'
            )
        end as month_start_date,
        {{ strict_integer('contacts', 'contacts_by_month') }} as contacts,
        {{ printed_place('contacts_by_month') }}
    from parsed
)

select * from final
