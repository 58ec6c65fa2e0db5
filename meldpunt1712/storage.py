"""The DuckDB storage format of every file the project writes, set once: in profiles.yml.

DuckDB 2.0 creates a new file in its own storage format unless told otherwise, and neither
DuckDB 1.x nor the report site's `@duckdb/node-api` 1.5 opens that format. The profile's
`config_options.storage_compatibility_version` makes dbt create every build file (the
project's and the tests' scratch builds) in an older format; publish writes the published
file in the one this module reads from the profile. A file that exists keeps the format it
was created in, whatever the setting says.
"""
from __future__ import annotations

from pathlib import Path

import duckdb
import yaml

from meldpunt1712.exports import quote_literal
from meldpunt1712.layout import BUILD_TARGET

SETTING = "storage_compatibility_version"


def storage_version(project_dir: Path) -> str:
    """The storage version (for example 'v1.0.0') the project's dbt profile gives every file dbt builds (its
    build target's)."""
    project_dir = Path(project_dir)
    profile_name = yaml.safe_load((project_dir / "dbt_project.yml").read_text(encoding="utf-8"))["profile"]
    profiles_file = project_dir / "profiles.yml"
    profile = yaml.safe_load(profiles_file.read_text(encoding="utf-8"))[profile_name]
    target = BUILD_TARGET
    version = ((profile["outputs"][target].get("config_options") or {}).get(SETTING) or "").strip()
    if not version:
        raise ValueError(
            f"{profiles_file}: profile {profile_name}, target {target} sets no config_options.{SETTING}; "
            "without it DuckDB 2.0 creates files that DuckDB 1.x and the report site's @duckdb/node-api "
            "cannot open")
    return version


def file_storage_version(database: Path) -> str:
    """The storage version a DuckDB file is kept in, named as in the profile ('v1.0.0': DuckDB 1.0 reads it)."""
    with duckdb.connect(":memory:") as connection:
        connection.execute(f"attach {quote_literal(str(database))} as checked (read_only)")
        [(tag,)] = connection.execute(
            "select tags['storage_version'] from duckdb_databases() where database_name = 'checked'").fetchall()
    return tag.removesuffix("+")
