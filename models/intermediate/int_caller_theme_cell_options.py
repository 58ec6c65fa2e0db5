"""Reconstruction of the caller type x theme table: every value each cell can take.

The text lost the table's empty cells and headers; meldpunt1712.caller_theme
finds, exactly, every placement-consistent value of every cell (and the best
estimate). It runs inside `dbt build`, on the staged seeds, so it can never
go stale when a seed changes; results are cached (under target/, or
$MELDPUNT_CALLER_THEME_CACHE) by a key of the printed figures and the
analysing code.
"""
import os
from pathlib import Path

from meldpunt1712.caller_theme_frames import analyse_cell_options

CACHE_DIR = Path(os.environ.get("MELDPUNT_CALLER_THEME_CACHE", "target/caller_theme_cache"))


def model(dbt, session):
    # seconds per report year: fault injection's many-year batch builds leave it out
    dbt.config(materialized="table", tags=["expensive_per_year"])
    printed_values = dbt.ref("stg_vlaams_parlement__caller_theme_printed_values").df()
    published_totals = dbt.ref("stg_vlaams_parlement__published_totals").df()
    column_themes = dbt.ref("stg_vlaams_parlement__caller_theme_columns").df()
    theme_order = dbt.ref("int_theme_printed_order").df()
    caller_order = dbt.ref("stg_vlaams_parlement__caller_types").df()
    return analyse_cell_options(
        printed_values, published_totals, column_themes, theme_order, caller_order, cache_dir=CACHE_DIR
    )
