-- The printed cells of the age x gender table with the age group and gender
-- codes resolved, once, from the printed Dutch labels (or other spellings in
-- label_aliases): every model downstream joins on the codes. A label no seed
-- knows leaves its code null, and the test label_resolves_to_code names the row.
with printed_cells as (
    select * from {{ ref('stg_vlaams_parlement__contacts_by_age_gender') }}
),

age_groups as (
    select * from {{ ref('stg_vlaams_parlement__age_groups') }}
),

genders as (
    select * from {{ ref('stg_vlaams_parlement__genders') }}
),

aliases as (
    select * from {{ ref('stg_vlaams_parlement__label_aliases') }}
),

final as (
    select
        printed_cells.report_year,
        printed_cells.document_id,
        printed_cells.source_section,
        coalesce(age_groups.age_group_code, age_group_aliases.code) as age_group_code,
        printed_cells.age_group_label_nl,
        printed_cells.printed_position,
        coalesce(genders.gender_code, gender_aliases.code) as gender_code,
        printed_cells.gender_label_nl,
        printed_cells.contacts,
        printed_cells.source_page,
        printed_cells.printed_row,
        printed_cells.printed_column
    from printed_cells
    left join age_groups on printed_cells.age_group_label_nl = age_groups.age_group_label_nl
    left join genders on printed_cells.gender_label_nl = genders.gender_label_nl
    left join aliases as age_group_aliases
        on
            age_group_aliases.reference_seed = 'age_groups'
            and lower(printed_cells.age_group_label_nl) = lower(age_group_aliases.label_nl)
    left join aliases as gender_aliases
        on
            gender_aliases.reference_seed = 'genders'
            and lower(printed_cells.gender_label_nl) = lower(gender_aliases.label_nl)
)

select * from final
