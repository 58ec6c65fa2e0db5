"""Reconstruction of the caller type x theme table: every value each cell can take.

The text lost the table's empty cells and headers; meldpunt1712.caller_theme
decides, for every cell, which values some placement of the printed values
gives it (and the best estimate). It runs inside `dbt build`, on the staged
seeds, so it can never go stale when a seed changes. Each report year gets
the time budget `caller_theme_time_budget_s` (a dbt var, default 60 s, set
on this model in _intermediate__models.yml); a year that needs more comes out
partial: sound outer bounds, flagged, and a warning from
assert_caller_theme_analysis_is_exact. Progress goes to stderr, which dbt
shows on its console. Results are cached (under target/, or
$MELDPUNT_CALLER_THEME_CACHE) by a key of the printed figures and the
analysing code, and for a partial result also of the budget.
"""
import os
from pathlib import Path

from meldpunt1712.caller_theme_frames import analyse_cell_options, log_to_stderr

def model(dbt, session):
    # seconds per report year: fault injection's many-year batch builds leave it out
    dbt.config(materialized="table", tags=["expensive_per_year"])
    time_budget_s = float(dbt.config.get("caller_theme_time_budget_s"))
    printed_values = dbt.ref("stg_vlaams_parlement__caller_theme_printed_values").df()
    published_totals = dbt.ref("stg_vlaams_parlement__published_totals").df()
    column_themes = dbt.ref("stg_vlaams_parlement__caller_theme_columns").df()
    theme_order = dbt.ref("int_theme_printed_order").df()
    caller_order = dbt.ref("stg_vlaams_parlement__caller_types").df()
    project_dir = Path(dbt.config.get("project_dir"))
    cache_dir = Path(os.environ.get("MELDPUNT_CALLER_THEME_CACHE", project_dir / "target" / "caller_theme_cache"))
    return analyse_cell_options(
        printed_values, published_totals, column_themes, theme_order, caller_order,
        cache_dir=cache_dir, time_budget_s=time_budget_s, log=log_to_stderr,
    )
