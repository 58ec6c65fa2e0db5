-- Every option of a caller x theme cell (a value not proven impossible;
-- is_witnessed: proven possible) once per theme its column may carry: once for most columns,
-- twice for the two columns that total 1. The marts aggregate per theme
-- and per printed value from here.
with options as (
    select * from {{ ref('int_caller_theme_cell_options') }}
),

columns_matched as (
    select * from {{ ref('stg_vlaams_parlement__caller_theme_columns') }}
),

final as (
    select
        options.report_year,
        options.caller_type_code,
        options.column_position,
        options.printed_position,
        options.contacts,
        options.is_best_estimate,
        options.best_estimate_theme_code,
        options.is_witnessed,
        columns_matched.theme_code
    from options
    inner join columns_matched
        on
            options.report_year = columns_matched.report_year
            and options.column_position = columns_matched.column_position
)

select * from final
