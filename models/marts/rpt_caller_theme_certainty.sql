-- What the reconstruction can say for certain, per caller group and for the
-- whole table: printed values whose theme is the same in every placement,
-- the contacts they hold, and cells whose value is the same in every placement;
-- and per report year whether the analysis is exact or partial (its time
-- budget ran out), how many of its yes/no questions stayed open, whether
-- the best estimate is proven optimal, and whether the cells were read from the
-- document (a PDF keeps every cell in its column) or reconstructed.
with printed_values as (
    select * from {{ ref('fct_caller_theme_printed_values') }}
),

cells as (
    select * from {{ ref('fct_caller_theme') }}
),

caller_groups as (
    select * from {{ ref('stg_vlaams_parlement__caller_groups') }}
),

analyses as (
    select
        report_year,
        any_value(analysis_status) as analysis_status,
        any_value(open_questions) as open_questions,
        any_value(estimate_is_optimal) as estimate_is_optimal,
        any_value(cell_placement) as cell_placement
    from {{ ref('int_caller_theme_cell_options') }}
    where problem is null
    group by report_year
),

value_counts as (
    select
        report_year,
        caller_group_code,
        count(*) as printed_values,
        count(*) filter (where is_theme_certain) as printed_values_theme_certain,
        sum(contacts) as contacts,
        coalesce(sum(contacts) filter (where is_theme_certain), 0) as contacts_theme_certain
    from printed_values
    group by report_year, caller_group_code
),

cell_counts as (
    select
        report_year,
        caller_group_code,
        count(*) as cells,
        count(*) filter (where is_certain) as cells_certain
    from cells
    group by report_year, caller_group_code
),

per_group as (
    select
        value_counts.*,
        cell_counts.cells,
        cell_counts.cells_certain
    from value_counts
    inner join cell_counts
        on
            value_counts.report_year = cell_counts.report_year
            and value_counts.caller_group_code = cell_counts.caller_group_code
),

with_overall as (
    select * from per_group
    union all
    select
        report_year,
        'all_caller_groups' as caller_group_code,
        sum(printed_values),
        sum(printed_values_theme_certain),
        sum(contacts),
        sum(contacts_theme_certain),
        sum(cells),
        sum(cells_certain)
    from per_group
    group by report_year
),

final as (
    select
        with_overall.report_year,
        with_overall.caller_group_code,
        coalesce(caller_groups.caller_group_label_nl, 'Alle groepen') as caller_group_label_nl,
        cast(with_overall.printed_values as integer) as printed_values,
        cast(with_overall.printed_values_theme_certain as integer) as printed_values_theme_certain,
        cast(with_overall.contacts as integer) as contacts,
        cast(with_overall.contacts_theme_certain as integer) as contacts_theme_certain,
        with_overall.contacts_theme_certain / with_overall.contacts
            as share_of_contacts_theme_certain,
        cast(with_overall.cells as integer) as cells,
        cast(with_overall.cells_certain as integer) as cells_certain,
        analyses.analysis_status,
        cast(analyses.open_questions as integer) as open_questions,
        analyses.estimate_is_optimal,
        analyses.cell_placement
    from with_overall
    left join caller_groups on with_overall.caller_group_code = caller_groups.caller_group_code
    left join analyses on with_overall.report_year = analyses.report_year
)

select * from final
