"""The caller x theme marts agree with the reconstruction module, cell by cell.

`fct_caller_theme` derives a theme cell's bounds in SQL from the cell options
the dbt Python model writes; `meldpunt1712.caller_theme` derives them in
Python. Two derivations that agree on every cell (bounds, their
exactness, estimate and certainty; 462 cells for 2018) are each other's check.
Years whose analysis came out partial are compared where the build's own
result is reproducible: none of their cells may claim more than the exact
module proves (checked by the soundness tests of test_caller_theme).
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
    status = frame(PUBLISHED, "select distinct report_year, analysis_status from marts.rpt_caller_theme_certainty")
    exact_years = sorted(int(r.report_year) for r in status.itertuples() if r.analysis_status == "exact")
    assert 2018 in exact_years
    expected = {}
    for year in exact_years:
        analysis = analyse(cross_table(year, *staged))
        for cell in analysis.theme_cells:
            expected[year, cell.row_key, cell.theme] = (
                cell.min, cell.max, cell.best, cell.bounds_are_exact, cell.is_certain)

    mart = frame(PUBLISHED, "select * from marts.fct_caller_theme")
    actual = {
        (int(r.report_year), r.caller_type_code, r.theme_code):
            (int(r.contacts_min), int(r.contacts_max), int(r.contacts), bool(r.bounds_are_exact), bool(r.is_certain))
        for r in mart.itertuples() if int(r.report_year) in exact_years
    }
    assert len(actual) == len(expected) >= 33 * 14
    assert actual == expected


def test_the_certainty_summary_adds_up(build_database: Path) -> None:
    summary = frame(PUBLISHED, "select * from marts.rpt_caller_theme_certainty order by caller_group_code")
    for year, of_year in summary.groupby("report_year"):
        overall = of_year[of_year.caller_group_code == "all_caller_groups"].iloc[0]
        groups = of_year[of_year.caller_group_code != "all_caller_groups"]
        if year == 2018:
            assert overall.contacts == 5126 and overall.printed_values == 194
            assert (overall.analysis_status, overall.open_questions, overall.estimate_is_optimal) == ("exact", 0, True)
        for column in ("printed_values", "printed_values_theme_certain", "contacts", "contacts_theme_certain",
                       "cells", "cells_certain"):
            assert groups[column].sum() == overall[column], column
        for column in ("analysis_status", "open_questions", "estimate_is_optimal"):
            assert of_year[column].nunique() == 1, column
