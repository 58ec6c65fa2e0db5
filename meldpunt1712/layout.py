"""Where the project keeps its inputs and outputs, in one place.

Paths ending in ``_SUBDIR`` or ``_DEFAULT`` are relative to a project
directory (the repository, or a scratch copy of it).  The ``_ENV`` names are
the environment variables that move the DuckDB files and the exports;
profiles.yml reads ``MELDPUNT_BUILD_DUCKDB_PATH`` itself.
"""
from __future__ import annotations

import os
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
MARTS_SCHEMA = "marts"  # what BI tools read, and all that is published
BUILD_TARGET = "dev"    # the profiles.yml target dbt builds with (`published` is mf's, read-only)


def default_project_dir() -> Path:
    """The current folder when it holds a dbt project, else the repository of this package."""
    cwd = Path.cwd()
    return cwd if (cwd / "dbt_project.yml").exists() else PROJECT_DIR


def project_path(project_dir: Path, value: str | os.PathLike | None, env: str | None, default: Path) -> Path:
    """``value``, else ``$env``, else ``default``, made absolute; a relative one starts at the project."""
    chosen = value if value is not None else (os.environ.get(env) if env else None) or default
    path = Path(chosen)
    return (path if path.is_absolute() else project_dir / path).resolve()
