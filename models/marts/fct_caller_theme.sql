{#-
    The caller type x theme grid, every cell with the range of values it
    takes over all placements consistent with the published totals (and both
    labellings of the two columns that total 1), and the best estimate.
    A theme's cell takes the values of any column that may carry the theme,
    so its range is the union of those columns' options. The options are
    those not proven impossible, so the range always holds every value; it
    is exact where its smallest and largest option are both witnessed by a
    found placement (always, when the year's analysis is exact).
-#}
with options as (
    select * from {{ ref('int_caller_theme_cell_options_by_theme') }}
),

caller_types as (
    select * from {{ ref('dim_caller_type') }}
),

themes as (
    select * from {{ ref('dim_theme') }}
),

printed_values as (
    select * from {{ ref('stg_vlaams_parlement__caller_theme_printed_values') }}
),

columns_matched as (
    select * from {{ ref('stg_vlaams_parlement__caller_theme_columns') }}
),

-- where a document kept every cell in its column (a PDF): each read value's place in it
read_values as (
    select
        printed_values.report_year,
        printed_values.caller_type_code,
        columns_matched.theme_code,
        printed_values.source_page,
        printed_values.printed_row,
        printed_values.printed_column
    from printed_values
    inner join columns_matched
        on
            printed_values.report_year = columns_matched.report_year
            and printed_values.column_position = columns_matched.column_position
),

theme_cells as (
    select
        report_year,
        caller_type_code,
        theme_code,
        cast(min(contacts) as integer) as contacts_min,
        cast(max(contacts) as integer) as contacts_max,
        coalesce(
            min(contacts) = min(contacts) filter (where is_witnessed)
            and max(contacts) = max(contacts) filter (where is_witnessed),
            false
        ) as bounds_are_exact,
        cast(
            sum(contacts) filter (
                where is_best_estimate and best_estimate_theme_code = theme_code
            ) as integer
        ) as contacts,
        array_to_string(list_sort(list_distinct(list(column_position))), ', ')
            as candidate_column_positions
    from options
    group by report_year, caller_type_code, theme_code
),

final as (
    select
        theme_cells.report_year,
        theme_cells.caller_type_code,
        caller_types.caller_type_label_nl,
        caller_types.caller_group_code,
        caller_types.caller_group_label_nl,
        theme_cells.theme_code,
        themes.theme_label_nl,
        theme_cells.contacts,
        theme_cells.contacts_min,
        theme_cells.contacts_max,
        theme_cells.bounds_are_exact,
        theme_cells.bounds_are_exact
        and theme_cells.contacts_min = theme_cells.contacts_max as is_certain,
        theme_cells.candidate_column_positions,
        read_values.source_page,
        read_values.printed_row,
        read_values.printed_column
    from theme_cells
    left join caller_types on theme_cells.caller_type_code = caller_types.caller_type_code
    left join themes on theme_cells.theme_code = themes.theme_code
    left join read_values
        on
            theme_cells.report_year = read_values.report_year
            and theme_cells.caller_type_code = read_values.caller_type_code
            and theme_cells.theme_code = read_values.theme_code
)

select * from final
