-- Every alias in label_aliases.csv maps its label onto a code its reference seed has.
with aliases as (
    select * from {{ ref('stg_vlaams_parlement__label_aliases') }}
),

known_codes as (
    select
        'themes' as reference_seed,
        theme_code as code
    from {{ ref('stg_vlaams_parlement__themes') }}
    union all
    select
        'genders',
        gender_code
    from {{ ref('stg_vlaams_parlement__genders') }}
    union all
    select
        'age_groups',
        age_group_code
    from {{ ref('stg_vlaams_parlement__age_groups') }}
    union all
    select
        'caller_types',
        caller_type_code
    from {{ ref('stg_vlaams_parlement__caller_types') }}
    union all
    select
        'caller_groups',
        caller_group_code
    from {{ ref('stg_vlaams_parlement__caller_groups') }}
),

final as (
    select
        aliases.reference_seed,
        aliases.label_nl,
        aliases.code,
        '{{ seed_file_path("label_aliases") }}: label ''' || aliases.label_nl
        || ''' maps onto code ''' || aliases.code || ''', which seeds/vlaams_parlement/'
        || aliases.reference_seed || '.csv does not have' as problem
    from aliases
    left join known_codes
        on
            aliases.reference_seed = known_codes.reference_seed
            and aliases.code = known_codes.code
    where known_codes.code is null
)

select * from final
