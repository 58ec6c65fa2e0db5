with caller_types as (
    select * from {{ ref('stg_vlaams_parlement__caller_types') }}
),

caller_groups as (
    select * from {{ ref('stg_vlaams_parlement__caller_groups') }}
),

final as (
    select
        caller_types.caller_type_code,
        caller_types.caller_type_label_nl,
        caller_types.caller_type_label_en,
        caller_types.caller_group_code,
        caller_groups.caller_group_label_nl,
        caller_groups.caller_group_label_en,
        caller_groups.is_heading_printed as is_group_heading_printed,
        caller_groups.sort_order as caller_group_sort_order,
        caller_types.sort_order,
        caller_types.source_document_id,
        caller_types.source_section
    from caller_types
    left join caller_groups on caller_types.caller_group_code = caller_groups.caller_group_code
)

select * from final
