"""What the answers' texts in source/ print, as add_answer's reader takes it: one row per cell.

One side of the text check: int_answer_seed_rows is the seeds' side, and
assert_seed_rows_equal_the_answer_text joins the two (meldpunt1712/answer_rows.py
says why there is no second rendering of the answer's format). Each text is
read against the reference seeds and label_aliases as dbt loaded them; the
result is cached under target/ (or $MELDPUNT_CALLER_THEME_CACHE) by the
text's bytes, the labels and the reader's code.
"""
import os
from pathlib import Path

from meldpunt1712.answer_rows import answer_rows_long
from meldpunt1712.checks.seed_files import seed_meta
from meldpunt1712.layout import SEED_SUBDIR, SOURCE_SUBDIR


def text(value) -> str:
    """A seed value as the CSV holds it: '' for empty, 'true'/'false', ISO dates."""
    return "" if value is None else str(value).lower() if isinstance(value, bool) else str(value)


def text_rows(relation):
    # straight from DuckDB's rows: no pandas frame for a handful of reference rows
    return [{column: text(value) for column, value in zip(relation.columns, values)}
            for values in relation.fetchall()]


def model(dbt, session):
    dbt.config(materialized="table")
    references = {
        "themes": dbt.ref("themes"),
        "genders": dbt.ref("genders"),
        "age_groups": dbt.ref("age_groups"),
        "caller_types": dbt.ref("caller_types"),
        "caller_groups": dbt.ref("caller_groups"),
        "label_aliases": dbt.ref("label_aliases"),
    }
    documents = text_rows(dbt.ref("source_documents"))
    project_dir = Path(dbt.config.get("project_dir"))
    row_keys = {name: meta["row_key"] for name, meta in seed_meta(project_dir / SEED_SUBDIR).items()
                if "row_key" in meta}
    cache_dir = Path(os.environ.get("MELDPUNT_CALLER_THEME_CACHE", project_dir / "target" / "caller_theme_cache"))
    rows = {name: text_rows(relation) for name, relation in references.items()}
    return answer_rows_long(documents, rows.__getitem__, project_dir / SOURCE_SUBDIR, row_keys, cache_dir)
