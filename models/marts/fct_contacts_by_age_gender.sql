with printed_cells as (
    select * from {{ ref('int_contacts_by_age_gender_coded') }}
),

age_groups as (
    select * from {{ ref('dim_age_group') }}
),

genders as (
    select * from {{ ref('dim_gender') }}
),

table_years as (
    select distinct
        report_year,
        document_id,
        source_section
    from printed_cells
),

grid as (
    select
        table_years.report_year,
        table_years.document_id,
        table_years.source_section,
        age_groups.age_group_code,
        age_groups.age_group_label_nl,
        age_groups.sort_order as age_group_sort_order,
        genders.gender_code,
        genders.gender_label_nl,
        genders.sort_order as gender_sort_order
    from table_years
    cross join age_groups
    cross join genders
),

final as (
    select
        grid.report_year,
        grid.age_group_code,
        grid.age_group_label_nl,
        grid.gender_code,
        grid.gender_label_nl,
        coalesce(printed_cells.contacts, 0) as contacts,
        printed_cells.contacts is not null as is_printed_cell,
        grid.age_group_sort_order,
        grid.gender_sort_order,
        grid.document_id,
        grid.source_section,
        printed_cells.source_page,
        printed_cells.printed_row,
        printed_cells.printed_column
    from grid
    left join printed_cells
        on
            grid.report_year = printed_cells.report_year
            and grid.age_group_code = printed_cells.age_group_code
            and grid.gender_code = printed_cells.gender_code
)

select * from final
