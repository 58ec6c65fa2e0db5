-- Every seed figure is printed in its answer's text as seeded (the text check in the DAG).
-- A failing row names the seed file, the report year, the row, and what the answer prints.
select
    seed_file,
    report_year,
    check_name,
    observed as seeded,
    expected as printed,
    detail
from {{ ref('int_seed_rows_against_answer_text') }}
where not passed
