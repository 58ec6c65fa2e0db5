"""The published file read the way BI tools read it: SQLAlchemy + duckdb-engine, read-only.

Superset connects with a SQLAlchemy URI, reflects the columns of a table
(inspector.get_columns) to build a dataset, then runs plain SELECTs.
"""
from __future__ import annotations

import datetime

import duckdb
import pytest
import sqlalchemy as sa
from sqlalchemy.pool import NullPool

from proof.publish_testing import Published, published_baseline

pytestmark = pytest.mark.needs_build

# DuckDB type -> (SQLAlchemy type class duckdb-engine reflects, Python type of a value)
EXPECTED = {
    "INTEGER": (sa.Integer, int),
    "BIGINT": (sa.BigInteger, int),
    "DOUBLE": (sa.Float, float),
    "VARCHAR": (sa.String, str),
    "DATE": (sa.Date, datetime.date),
    "BOOLEAN": (sa.Boolean, bool),
}


@pytest.fixture(scope="session")
def baseline() -> Published:
    return published_baseline()


@pytest.fixture(scope="session")
def published_columns(baseline: Published) -> dict[str, list[tuple[str, str, bool, str]]]:
    with duckdb.connect(str(baseline.file), read_only=True) as connection:
        rows = connection.execute("""select table_name, column_name, data_type, is_nullable, comment
                                     from duckdb_columns() where schema_name = 'marts'
                                     order by table_name, column_index""").fetchall()
    columns: dict[str, list] = {}
    for table, *column in rows:
        columns.setdefault(table, []).append(tuple(column))
    return columns


@pytest.fixture(params=["url", "connect_args"])
def engine(request: pytest.FixtureRequest, baseline: Published):
    """Both ways to say read-only: in the URI (Superset's form field) or as engine parameters."""
    if request.param == "url":
        engine = sa.create_engine(f"duckdb:///{baseline.file}?access_mode=read_only", poolclass=NullPool)
    else:
        engine = sa.create_engine(f"duckdb:///{baseline.file}", connect_args={"read_only": True},
                                  poolclass=NullPool)
    yield engine
    engine.dispose()


def test_sqlalchemy_reflects_every_mart_with_its_types_and_comments(engine, published_columns: dict) -> None:
    inspector = sa.inspect(engine)
    assert "marts" in {name.split(".")[-1] for name in inspector.get_schema_names()}
    assert sorted(inspector.get_table_names(schema="marts")) == sorted(published_columns)
    assert inspector.get_view_names(schema="marts") == []
    for table, columns in published_columns.items():
        reflected = inspector.get_columns(table, schema="marts")
        assert [c["name"] for c in reflected] == [name for name, *_ in columns], table
        for column, (name, data_type, nullable, comment) in zip(reflected, columns):
            assert isinstance(column["type"], EXPECTED[data_type][0]), (table, name, column["type"])
            assert column["nullable"] == nullable, (table, name)
            assert column["comment"] == comment and comment, (table, name)
        assert inspector.get_table_comment(table, schema="marts")["text"]


def test_sqlalchemy_reads_every_row_of_every_mart_as_python_values_of_the_right_type(
        engine, published_columns: dict) -> None:
    with engine.connect() as connection:
        for table, columns in published_columns.items():
            rows = connection.execute(sa.text(f"select * from marts.{table}")).fetchall()
            assert rows, table
            for row in rows:
                for value, (name, data_type, *_) in zip(row, columns):
                    assert value is None or type(value) is EXPECTED[data_type][1], (table, name, value)
        totals = connection.execute(sa.text("""
            select m.report_year, sum(m.contacts), any_value(p.published_value)
            from marts.fct_contacts_monthly m
            join marts.rpt_published_totals_check p
              on p.report_year = m.report_year and p.table_name = 'contacts_by_month' and p.total_kind = 'year_total'
            group by m.report_year""")).fetchall()
        assert all(summed == published for _, summed, published in totals)
        assert (2018, 5126, 5126) in totals


def test_the_connection_is_read_only(engine) -> None:
    with engine.connect() as connection, pytest.raises(sa.exc.DBAPIError, match="read-only"):
        connection.execute(sa.text("create table marts.scratch (x integer)"))


