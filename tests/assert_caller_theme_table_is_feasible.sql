-- A report year whose caller-type figures admit no placement (a row that does
-- not add up to its total, a column total no placement reaches) is reported
-- here with the reconstruction's own words, naming the caller type or column.
select
    report_year,
    problem
from {{ ref('int_caller_theme_cell_options') }}
where problem is not null
