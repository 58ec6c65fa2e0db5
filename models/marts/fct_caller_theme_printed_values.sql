-- One row per printed value of the caller-type table: the columns and themes
-- it may occupy in a placement consistent with every published total (every
-- column not proven impossible; exact when each is witnessed by a found
-- placement), and where the best estimate puts it.
with options as (
    select * from {{ ref('int_caller_theme_cell_options_by_theme') }}
    where printed_position > 0
),

caller_types as (
    select * from {{ ref('dim_caller_type') }}
),

printed_values as (
    select * from {{ ref('stg_vlaams_parlement__caller_theme_printed_values') }}
),

candidates as (
    select
        report_year,
        caller_type_code,
        printed_position,
        any_value(contacts) as contacts,
        list_sort(list_distinct(list(column_position))) as column_positions,
        list_sort(list_distinct(list(theme_code))) as theme_codes,
        max(column_position) filter (where is_best_estimate) as best_estimate_column_position,
        max(best_estimate_theme_code) filter (where is_best_estimate) as best_estimate_theme_code,
        bool_and(is_witnessed) as candidates_are_exact,
        bool_or(is_witnessed) as is_placed_somewhere
    from options
    group by report_year, caller_type_code, printed_position
),

final as (
    select
        candidates.report_year,
        candidates.caller_type_code,
        caller_types.caller_group_code,
        candidates.printed_position,
        candidates.contacts,
        array_to_string(candidates.column_positions, ', ') as candidate_column_positions,
        cast(len(candidates.column_positions) as integer) as candidate_column_count,
        array_to_string(candidates.theme_codes, ', ') as candidate_theme_codes,
        cast(len(candidates.theme_codes) as integer) as candidate_theme_count,
        candidates.best_estimate_column_position,
        candidates.best_estimate_theme_code,
        candidates.candidates_are_exact as candidate_columns_are_exact,
        len(candidates.column_positions) = 1
        and candidates.is_placed_somewhere as is_column_certain,
        len(candidates.theme_codes) = 1 and candidates.is_placed_somewhere as is_theme_certain,
        printed_values.source_page,
        printed_values.printed_row,
        printed_values.printed_column
    from candidates
    left join caller_types on candidates.caller_type_code = caller_types.caller_type_code
    left join printed_values
        on
            candidates.report_year = printed_values.report_year
            and candidates.caller_type_code = printed_values.caller_type_code
            and candidates.printed_position = printed_values.printed_position
)

select * from final
