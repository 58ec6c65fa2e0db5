"""Every seed row against the answer's text in source/: the text comparison inside the DAG.

The published totals catch a figure that no longer adds up, but two swapped
months keep every total, and a narrative figure (11.000 leaflets) has none.
So each seed row is rendered the way the answer prints it and looked for in
the document's text, and the narrative rows are compared with what
add_answer's reader takes from it (meldpunt1712/checks/printed_in_answer.py).
One row per check; assert_seed_rows_are_printed_in_the_answer fails on any
row with passed = false, and each failure is printed on dbt's console with
the seed file, report year, row, and the printed against the seeded figure.

The seed files are read as the text they are, not as DuckDB typed them, so
that a Dutch "5.126" typed into a seed is named as such. dbt.ref() on every
seed makes the lineage true: the check reruns whenever a seed changes.
"""
from pathlib import Path

import pandas as pd

from meldpunt1712.caller_theme_frames import log_to_stderr
from meldpunt1712.checks.seed_files import read_seeds
from meldpunt1712.checks.printed_in_answer import check_source_text
from meldpunt1712.layout import SEED_SUBDIR, SOURCE_SUBDIR

COLUMNS = ["seed_file", "report_year", "check_name", "passed", "observed", "expected", "detail"]


def model(dbt, session):
    dbt.config(materialized="table")
    # dbt reads refs literally: one call per seed, so that every seed is upstream
    dbt.ref("source_documents")
    dbt.ref("cited_questions")
    dbt.ref("themes")
    dbt.ref("age_groups")
    dbt.ref("genders")
    dbt.ref("caller_groups")
    dbt.ref("caller_types")
    dbt.ref("contacts_by_month")
    dbt.ref("contacts_by_theme")
    dbt.ref("contacts_by_age_gender")
    dbt.ref("caller_theme_printed_values")
    dbt.ref("caller_theme_columns")
    dbt.ref("published_totals")
    dbt.ref("evening_pilots")
    dbt.ref("evening_pilot_calls")
    dbt.ref("service_facts")
    dbt.ref("unread_figures")
    if str(dbt.config.get("answer_text_check")).lower() not in ("true", "1"):
        return pd.DataFrame(columns=COLUMNS)
    project_dir = Path.cwd()   # dbt runs from the project's folder, as `dbt build` from its root
    results = check_source_text(read_seeds(project_dir / SEED_SUBDIR), project_dir / SOURCE_SUBDIR)
    rows = [{"seed_file": f"{SEED_SUBDIR.as_posix()}/{r.table}" if r.table.endswith(".csv") else r.table,
             "report_year": r.report_year, "check_name": r.check, "passed": bool(r.success),
             "observed": str(r.observed), "expected": str(r.expected), "detail": r.detail or ""}
            for r in results]
    for row in rows:
        if not row["passed"]:
            log_to_stderr(f"answer text: {row['seed_file']}, report year {row['report_year']}: "
                          f"{row['check_name']}: seeded {row['observed']}; the answer prints {row['expected']}")
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame["report_year"] = frame["report_year"].astype("Int64")
    return frame
