-- A caller group without a printed heading (justice, unknown, not recorded) stands for its one
-- row of the caller table, so it carries that row's label: the answer prints no other.
with caller_groups as (
    select * from {{ ref('stg_vlaams_parlement__caller_groups') }}
),

caller_types as (
    select * from {{ ref('stg_vlaams_parlement__caller_types') }}
),

final as (
    select
        caller_groups.caller_group_code,
        caller_groups.caller_group_label_nl,
        string_agg(caller_types.caller_type_label_nl, ' / ') as row_labels,
        '{{ seed_file_path("caller_groups") }}: group ' || caller_groups.caller_group_code
        || ' has no printed heading, so its label is its row''s: '''
        || coalesce(
            string_agg(caller_types.caller_type_label_nl, ' / '), 'no row in caller_types.csv'
        )
        || ''', not ''' || caller_groups.caller_group_label_nl || '''' as problem
    from caller_groups
    left join caller_types on caller_groups.caller_group_code = caller_types.caller_group_code
    where not caller_groups.is_heading_printed
    group by caller_groups.caller_group_code, caller_groups.caller_group_label_nl
    having
        count(caller_types.caller_type_code) <> 1
        or min(caller_types.caller_type_label_nl) <> caller_groups.caller_group_label_nl
)

select * from final
