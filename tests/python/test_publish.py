"""The published warehouse file: only the marts, BI-friendly types, dbt docs as comments,
readable by an old DuckDB 1.x, and left untouched by a failed build.

Every test publishes a scratch copy of the project (never warehouse/ itself).
"""
from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
import yaml


from meldpunt1712.layout import BUILD_DEFAULT, BUILD_TARGET, EXPORTS_DEFAULT, PROJECT_DIR, PUBLISHED_DEFAULT
from meldpunt1712.publish import STEPS
from meldpunt1712.storage import SETTING, file_storage_version, storage_version
from proof.publish_testing import Published, published_baseline, run_publish, snapshot
from proof.scratch_project import copy_project, read_seed, write_seed

pytestmark = [pytest.mark.slow, pytest.mark.needs_build]

# The types BI tools read well.
BI_TYPES = {"INTEGER", "BIGINT", "DOUBLE", "VARCHAR", "DATE", "BOOLEAN"}
CONTRACT_TYPES = {"integer": "INTEGER", "bigint": "BIGINT", "double": "DOUBLE", "varchar": "VARCHAR",
                  "date": "DATE", "boolean": "BOOLEAN"}

OLD_DUCKDB = "1.0.0"  # the oldest DuckDB 1.x: if it reads the file, every 1.x does
OLD_DUCKDB_VENV = f".venv-duckdb-{OLD_DUCKDB}"  # made by the Makefile's setup


@pytest.fixture(scope="session")
def baseline() -> Published:
    return published_baseline()


def query(database: Path, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(database), read_only=True) as connection:
        return connection.execute(sql, params or []).fetchall()


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def tree_digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): file_digest(p) for p in sorted(folder.rglob("*")) if p.is_file()}


def test_published_file_holds_the_marts_as_tables_and_nothing_else(baseline: Published) -> None:
    tables = query(baseline.file, "select schema_name, table_name from duckdb_tables() order by all")
    assert tables == [("marts", name) for name in sorted(baseline.mart_nodes())]
    assert len(tables) >= 18  # every mart of the README, not an empty manifest
    # no views at all: a view embeds the database name of the file it was built in
    assert query(baseline.file, "select view_name from duckdb_views() where not internal") == []
    # no seeds, staging, intermediate or dbt test-audit schemas
    schemas = {s for (s,) in query(baseline.file, "select schema_name from duckdb_schemas() where not internal")}
    assert schemas <= {"main", "marts"}
    # same rows as the build file the tests ran against
    build = baseline.project / BUILD_DEFAULT
    for _, name in tables:
        assert query(baseline.file, f"select count(*) from marts.{name}") == \
            query(build, f"select count(*) from marts.{name}"), name
    # no write-ahead log or temporary file left next to it
    leftovers = [p.name for p in baseline.file.parent.iterdir() if p.name.startswith(".") and "publishing" in p.name]
    assert leftovers == [] and not Path(str(baseline.file) + ".wal").exists()


def test_every_published_column_has_its_contract_type_and_a_bi_friendly_one(baseline: Published) -> None:
    published = {(t, c): ty for t, c, ty in query(
        baseline.file, "select table_name, column_name, data_type from duckdb_columns() where schema_name = 'marts'")}
    contract = {}
    for name, node in baseline.mart_nodes().items():
        assert node["config"]["contract"]["enforced"], name
        for column in node["columns"].values():
            contract[(name, column["name"])] = CONTRACT_TYPES[column["data_type"].lower()]
    assert published == contract
    not_bi = {key: ty for key, ty in published.items() if ty not in BI_TYPES}
    assert not_bi == {}
    assert len(published) > 100


def test_tables_and_columns_carry_the_dbt_descriptions_as_comments(baseline: Published) -> None:
    nodes = baseline.mart_nodes()
    table_comments = dict(query(baseline.file,
                                "select table_name, comment from duckdb_tables() where schema_name = 'marts'"))
    assert table_comments == {name: node["description"].strip() for name, node in nodes.items()}
    column_comments = {(t, c): comment for t, c, comment in query(
        baseline.file, "select table_name, column_name, comment from duckdb_columns() where schema_name = 'marts'")}
    expected = {(name, column["name"]): column["description"].strip()
                for name, node in nodes.items() for column in node["columns"].values()}
    assert column_comments == expected
    assert all(expected.values()) and all(table_comments.values())


def test_published_file_is_stored_in_a_format_every_duckdb_1x_reads(baseline: Published) -> None:
    assert storage_version(PROJECT_DIR) == f"v{OLD_DUCKDB}", \
        f"profiles.yml's config_options.{SETTING} must stay v{OLD_DUCKDB}: DuckDB {OLD_DUCKDB} reads no later format"
    assert file_storage_version(baseline.file) == f"v{OLD_DUCKDB}"


OLD_READER = r"""
import json, sys, duckdb
connection = duckdb.connect(sys.argv[1], read_only=True)
tables = connection.execute(
    "select table_name, comment from duckdb_tables() where schema_name = 'marts' order by 1").fetchall()
print(json.dumps({
    "version": duckdb.__version__,
    "tables": tables,
    "columns": connection.execute(
        "select table_name, column_name, data_type, comment from duckdb_columns() "
        "where schema_name = 'marts' order by table_name, column_index").fetchall(),
    "rows": {t: connection.execute(f"select count(*), sum(hash(columns(*))) from marts.{t}").fetchall()[0][0]
             for t, _ in tables},
    "contacts": connection.execute(
        "select report_year, sum(contacts) from marts.fct_contacts_monthly group by 1 order by 1").fetchall(),
    "times": connection.execute(
        "select start_time, end_time from marts.rpt_evening_pilot").fetchall(),
}))
"""


def test_an_old_duckdb_1x_reads_the_published_file(baseline: Published) -> None:
    python = PROJECT_DIR / OLD_DUCKDB_VENV / "bin" / "python"
    assert python.exists(), (f"DuckDB {OLD_DUCKDB} is not installed in {OLD_DUCKDB_VENV}/: "
                             "`make test` installs it (its setup step, never a test)")
    read = subprocess.run([str(python), "-c", OLD_READER, str(baseline.file)],
                          capture_output=True, text=True, timeout=120)
    assert read.returncode == 0, read.stderr[-3000:]
    old = json.loads(read.stdout)
    assert old["version"] == OLD_DUCKDB

    new = json.loads(subprocess.run([sys.executable, "-c", OLD_READER, str(baseline.file)],
                                    capture_output=True, text=True, check=True, timeout=120).stdout)
    assert old["tables"] == new["tables"] and len(old["tables"]) == len(baseline.mart_nodes())
    assert old["columns"] == new["columns"]
    assert old["rows"] == new["rows"]
    assert [2018, 5126] in old["contacts"]
    assert ["17:00", "19:00"] in old["times"]


def project_with_published_baseline(tmp_path: Path, baseline: Published) -> Path:
    """A scratch project with the baseline's published file and exports in it."""
    project = copy_project(tmp_path / "project")
    shutil.copy2(baseline.file, project / PUBLISHED_DEFAULT)
    shutil.copytree(baseline.exports, project / EXPORTS_DEFAULT)
    return project


def raise_headline_by_one(project: Path) -> None:
    totals = read_seed(project, "published_totals")
    headline = next(row for row in totals if row["table_name"] == "answer_headline")
    headline["published_value"] = str(int(headline["published_value"]) + 1)
    write_seed(project, "published_totals", totals)


def drop_a_theme_of_column_12(project: Path) -> None:
    # Columns 9 and 12 both total 1 and may each be either theme; pinning
    # column 12 to one of them keeps every total and every printed figure.
    columns = read_seed(project, "caller_theme_columns")
    kept = [row for row in columns
            if (row["report_year"], row["column_position"], row["theme_code"]) != ("2018", "12", "forced_adoption")]
    assert len(kept) == len(columns) - 1
    write_seed(project, "caller_theme_columns", kept)


def assert_untouched(project: Path, run, before_file: str, before_exports: str, before_stat) -> None:
    published = project / PUBLISHED_DEFAULT
    assert run.returncode != 0
    assert "nothing was published; readers keep the previous warehouse, untouched" in run.output
    assert file_digest(published) == before_file
    assert published.stat().st_ino == before_stat.st_ino and published.stat().st_mtime == before_stat.st_mtime
    assert tree_digest(project / EXPORTS_DEFAULT) == before_exports
    leftovers = [p.name for p in (project / PUBLISHED_DEFAULT).parent.iterdir() if "publishing" in p.name or "replaced" in p.name]
    assert leftovers == []
    with duckdb.connect(str(published), read_only=True) as connection:
        seen = snapshot(connection)
        assert seen["complete"] and seen["years"][2018] == 5126


def drop_the_storage_setting(project: Path) -> None:
    # without it DuckDB 2.0 creates the build file in a format no DuckDB 1.x and no report site reads
    profiles_file = project / "profiles.yml"
    profiles = yaml.safe_load(profiles_file.read_text(encoding="utf-8"))
    for profile in profiles.values():
        del profile["outputs"][BUILD_TARGET]["config_options"][SETTING]
    profiles_file.write_text(yaml.safe_dump(profiles), encoding="utf-8")


# Edits that publishing stops, and the step that stops each before anything is replaced.
FAILED_PUBLISHES = {
    "storage setting dropped": (drop_the_storage_setting, 1, ["profiles.yml", f"config_options.{SETTING}",
                                                              "@duckdb/node-api"]),
    # the answer's text prints 5.126: dbt's text check names the seed, the row and both values
    "text check": (raise_headline_by_one, 2, ["assert_seed_rows_equal_the_answer_text",
                                              "answer_headline | year_total | , column published_value: "
                                              "seeded '5127'; the answer prints '5126'"]),
    # the fault injection's batch build leaves the caller x theme models out, so there only
    # great-expectations sees this edit; a real build's reconstruction refuses it
    "pinned theme": (drop_a_theme_of_column_12, 2, ["assert_caller_theme_table_is_feasible",
                                                   "need exactly 2 column(s)"]),
}


@pytest.mark.parametrize("case", FAILED_PUBLISHES)
def test_a_failed_check_leaves_the_published_file_and_exports_untouched(
    baseline: Published, tmp_path: Path, case: str
) -> None:
    damage, failing_step, named = FAILED_PUBLISHES[case]
    project = project_with_published_baseline(tmp_path, baseline)
    damage(project)
    published = project / PUBLISHED_DEFAULT
    before = file_digest(published), tree_digest(project / EXPORTS_DEFAULT), published.stat()

    run = run_publish(project)

    assert f"FAILED at step {failing_step}/{len(STEPS)} ({STEPS[failing_step - 1]})" in run.output
    assert f"step {failing_step + 1}/{len(STEPS)}" not in run.output
    for text in named:
        assert text in run.output
    assert_untouched(project, run, *before)


