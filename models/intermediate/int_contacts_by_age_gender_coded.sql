-- The printed cells of the age x gender table with the age group and gender
-- codes resolved, once, from the printed Dutch labels: every model downstream
-- joins on the codes. A label the age_groups or genders seed does not know
-- leaves its code null, and the test label_resolves_to_code names the seed row.
with printed_cells as (
    select * from {{ ref('stg_vlaams_parlement__contacts_by_age_gender') }}
),

age_groups as (
    select * from {{ ref('stg_vlaams_parlement__age_groups') }}
),

genders as (
    select * from {{ ref('stg_vlaams_parlement__genders') }}
),

final as (
    select
        printed_cells.report_year,
        printed_cells.document_id,
        printed_cells.source_section,
        age_groups.age_group_code,
        printed_cells.age_group_label_nl,
        printed_cells.printed_position,
        genders.gender_code,
        printed_cells.gender_label_nl,
        printed_cells.contacts
    from printed_cells
    left join age_groups on printed_cells.age_group_label_nl = age_groups.age_group_label_nl
    left join genders on printed_cells.gender_label_nl = genders.gender_label_nl
)

select * from final
