"""The exports: every mart as CSV and Parquet, described by a Frictionless data package."""
from __future__ import annotations

import csv
import json

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from frictionless import Package, validate

from proof.publish_testing import Published, published_baseline

pytestmark = pytest.mark.needs_build

ARROW_TYPES = {"INTEGER": pa.int32(), "BIGINT": pa.int64(), "DOUBLE": pa.float64(), "VARCHAR": pa.string(),
               "DATE": pa.date32(), "BOOLEAN": pa.bool_()}
FRICTIONLESS_TYPES = {"INTEGER": "integer", "BIGINT": "integer", "DOUBLE": "number", "VARCHAR": "string",
                      "DATE": "date", "BOOLEAN": "boolean"}


@pytest.fixture(scope="session")
def baseline() -> Published:
    return published_baseline()


@pytest.fixture(scope="session")
def published_columns(baseline: Published) -> dict[str, list[tuple[str, str]]]:
    with duckdb.connect(str(baseline.file), read_only=True) as connection:
        rows = connection.execute("""select table_name, column_name, data_type from duckdb_columns()
                                     where schema_name = 'marts' order by table_name, column_index""").fetchall()
    columns: dict[str, list[tuple[str, str]]] = {}
    for table, column, data_type in rows:
        columns.setdefault(table, []).append((column, data_type))
    return columns


def row_count(baseline: Published, table: str) -> int:
    with duckdb.connect(str(baseline.file), read_only=True) as connection:
        return connection.execute(f"select count(*) from marts.{table}").fetchone()[0]


def test_the_data_package_is_valid(baseline: Published) -> None:
    report = validate(str(baseline.exports / "datapackage.json"))
    problems = [(task.name, [error.message for error in task.errors][:3]) for task in report.tasks if not task.valid]
    assert report.valid, problems or [error.message for error in report.errors]
    assert len(report.tasks) == len(baseline.mart_nodes())


def test_the_data_package_describes_every_mart_and_column_with_the_dbt_docs(
        baseline: Published, published_columns: dict) -> None:
    package = Package(str(baseline.exports / "datapackage.json"))
    nodes = baseline.mart_nodes()
    assert sorted(resource.name for resource in package.resources) == sorted(nodes) == sorted(published_columns)
    for resource in package.resources:
        node = nodes[resource.name]
        assert resource.description == node["description"].strip()
        assert resource.path == f"csv/{resource.name}.csv"
        fields = [(f.name, f.type) for f in resource.schema.fields]
        assert fields == [(name, FRICTIONLESS_TYPES[ty]) for name, ty in published_columns[resource.name]]
        assert {f.name: f.description for f in resource.schema.fields} == \
            {c["name"]: c["description"].strip() for c in node["columns"].values()}
    descriptor = json.loads((baseline.exports / "datapackage.json").read_text(encoding="utf-8"))
    keys = {r["name"]: r["schema"].get("primaryKey") for r in descriptor["resources"]}
    assert keys["dim_date"] == ["date_day"]
    assert keys["rpt_published_totals_check"] == ["report_year", "table_name", "total_kind", "total_key"]


def test_every_mart_is_exported_as_parquet_with_its_exact_types(baseline: Published,
                                                                published_columns: dict) -> None:
    files = sorted(p.stem for p in (baseline.exports / "parquet").glob("*.parquet"))
    assert files == sorted(published_columns)
    for table, columns in published_columns.items():
        exported = pq.read_table(baseline.exports / "parquet" / f"{table}.parquet")
        assert [(f.name, f.type) for f in exported.schema] == [(n, ARROW_TYPES[t]) for n, t in columns], table
        assert exported.num_rows == row_count(baseline, table), table


def test_every_mart_is_exported_as_csv_with_a_header_and_every_row(baseline: Published,
                                                                   published_columns: dict) -> None:
    files = sorted(p.stem for p in (baseline.exports / "csv").glob("*.csv"))
    assert files == sorted(published_columns)
    for table, columns in published_columns.items():
        with (baseline.exports / "csv" / f"{table}.csv").open(newline="", encoding="utf-8") as handle:
            rows = list(csv.reader(handle))
        assert rows[0] == [name for name, _ in columns], table
        assert len(rows) - 1 == row_count(baseline, table), table


def test_csv_and_parquet_hold_the_same_figures(baseline: Published) -> None:
    with duckdb.connect() as connection:
        csv_total, parquet_total = connection.execute(f"""
            select
                (select sum(contacts) from read_csv('{baseline.exports}/csv/fct_contacts_monthly.csv')
                 where report_year = 2018),
                (select sum(contacts) from '{baseline.exports}/parquet/fct_contacts_monthly.parquet'
                 where report_year = 2018)
        """).fetchone()
    assert csv_total == parquet_total == 5126
