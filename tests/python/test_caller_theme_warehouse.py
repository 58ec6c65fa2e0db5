"""The caller x theme marts agree with the reconstruction module, cell by cell.

`fct_caller_theme` derives a theme cell's bounds in SQL from the cell options
the dbt Python model writes; `meldpunt1712.caller_theme` derives them in
Python. Two derivations that agree on all 462 cells of 2018 (bounds,
estimate and certainty) are each other's check.
"""
from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from meldpunt1712.caller_theme import analyse
from meldpunt1712.caller_theme_frames import cross_table
from meldpunt1712.layout import BUILD_DEFAULT, PROJECT_DIR, PUBLISHED_DEFAULT

PUBLISHED = PROJECT_DIR / PUBLISHED_DEFAULT
BUILD = PROJECT_DIR / BUILD_DEFAULT


@pytest.fixture(scope="module")
def build_database() -> Path:
    if not BUILD.exists() or not PUBLISHED.exists():
        pytest.fail("no built warehouse: run `make build` first (make test does)")
    return BUILD


def frame(database: Path, sql: str):
    with duckdb.connect(str(database), read_only=True) as connection:
        return connection.sql(sql).df()


def test_the_mart_matches_the_module_on_every_cell(build_database: Path) -> None:
    staged = [
        frame(build_database, f"select * from {name}") for name in (
            "staging.stg_vlaams_parlement__caller_theme_printed_values",
            "staging.stg_vlaams_parlement__published_totals",
            "staging.stg_vlaams_parlement__caller_theme_columns",
            "intermediate.int_theme_printed_order",
            "staging.stg_vlaams_parlement__caller_types",
        )
    ]
    expected = {}
    for year in sorted(staged[0]["report_year"].unique()):
        for cell in analyse(cross_table(int(year), *staged)).theme_cells:
            expected[int(year), cell.row_key, cell.theme] = (cell.min, cell.max, cell.best, cell.is_certain)

    mart = frame(PUBLISHED, "select * from marts.fct_caller_theme")
    actual = {
        (int(r.report_year), r.caller_type_code, r.theme_code):
            (int(r.contacts_min), int(r.contacts_max), int(r.contacts), bool(r.is_certain))
        for r in mart.itertuples()
    }
    assert len(actual) == 33 * 14
    assert actual == expected


def test_the_certainty_summary_adds_up(build_database: Path) -> None:
    summary = frame(PUBLISHED, "select * from marts.rpt_caller_theme_certainty order by caller_group_code")
    overall = summary[summary.caller_group_code == "all_caller_groups"].iloc[0]
    groups = summary[summary.caller_group_code != "all_caller_groups"]
    assert overall.contacts == 5126 and overall.printed_values == 194
    for column in ("printed_values", "printed_values_theme_certain", "contacts", "contacts_theme_certain",
                   "cells", "cells_certain"):
        assert groups[column].sum() == overall[column], column
