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

pytestmark = pytest.mark.needs_build

PUBLISHED = PROJECT_DIR / PUBLISHED_DEFAULT
BUILD = PROJECT_DIR / BUILD_DEFAULT


@pytest.fixture(scope="session")
def build_database() -> Path:
    if not BUILD.exists() or not PUBLISHED.exists():
        pytest.fail("no built warehouse: run `make build` first (make test does)")
    return BUILD


def frame(database: Path, sql: str):
    with duckdb.connect(str(database), read_only=True) as connection:
        return connection.sql(sql).df()


@pytest.fixture(scope="session")
def module_analyses(build_database: Path) -> dict:
    """The module's own analysis of every report year whose build came out exact, from the staged seeds."""
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
    return {year: analyse(cross_table(year, *staged)) for year in exact_years}


def test_the_mart_matches_the_module_on_every_cell(module_analyses: dict) -> None:
    expected = {}
    for year, analysis in module_analyses.items():
        for cell in analysis.theme_cells:
            expected[year, cell.row_key, cell.theme] = (
                cell.min, cell.max, cell.best, cell.bounds_are_exact, cell.is_certain)

    mart = frame(PUBLISHED, "select * from marts.fct_caller_theme")
    actual = {
        (int(r.report_year), r.caller_type_code, r.theme_code):
            (int(r.contacts_min), int(r.contacts_max), int(r.contacts), bool(r.bounds_are_exact), bool(r.is_certain))
        for r in mart.itertuples() if int(r.report_year) in module_analyses
    }
    assert len(actual) == len(expected) >= 33 * 14
    assert actual == expected


def test_the_certainty_summary_agrees_with_the_module(module_analyses: dict) -> None:
    """The summary's overall row against the module's own counts (not against the SQL's sum of its groups)."""
    summary = frame(PUBLISHED, "select * from marts.rpt_caller_theme_certainty where caller_group_code = 'all_caller_groups'")
    overall = {int(r.report_year): r for r in summary.itertuples()}
    for year, analysis in module_analyses.items():
        counts = analysis.summary()
        row = overall[year]
        assert (row.printed_values, row.contacts) == (counts["values"], counts["contacts"])
        assert (row.printed_values_theme_certain, row.contacts_theme_certain) == (
            counts["values_certain_theme"], counts["contacts_certain_theme"])
        assert (row.cells, row.cells_certain) == (counts["theme_cells"], counts["theme_cells_certain"])
        assert (row.analysis_status, row.open_questions) == ("exact", 0)
    assert (overall[2018].contacts, overall[2018].printed_values) == (5126, 194)
