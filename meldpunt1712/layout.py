"""Where the project keeps its inputs and outputs, in one place.

Paths ending in ``_SUBDIR`` or ``_DEFAULT`` are relative to a project
directory (the repository, or a scratch copy of it).  The ``_ENV`` names are
the environment variables that move the DuckDB files and the exports;
profiles.yml reads ``MELDPUNT_BUILD_DUCKDB_PATH`` itself.
"""
from __future__ import annotations

from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
SEED_SUBDIR = Path("seeds") / "vlaams_parlement"
SOURCE_SUBDIR = Path("source")

BUILD_ENV = "MELDPUNT_BUILD_DUCKDB_PATH"
PUBLISHED_ENV = "MELDPUNT_PUBLISHED_DUCKDB_PATH"
EXPORTS_ENV = "MELDPUNT_EXPORTS_DIR"
BUILD_DEFAULT = Path("warehouse") / "build" / "meldpunt_1712.duckdb"
PUBLISHED_DEFAULT = Path("warehouse") / "meldpunt_1712.duckdb"
EXPORTS_DEFAULT = Path("warehouse") / "exports"
