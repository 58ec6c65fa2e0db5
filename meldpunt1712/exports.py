"""Exports of the published marts for people without DuckDB.

Every mart is written as Parquet (types kept exactly) and as CSV (UTF-8,
comma, header row, empty cell = no value), and the folder gets a Frictionless
data package descriptor, `datapackage.json`, that describes every table and
column with the descriptions of the dbt docs:

    warehouse/exports/
        datapackage.json
        csv/<mart>.csv
        parquet/<mart>.parquet

`meldpunt1712.publish` calls `write_exports` on the freshly written published
file, in a temporary folder that then replaces the old one.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

# DuckDB type of a published column -> Frictionless field type.
FRICTIONLESS_TYPES = {
    "INTEGER": "integer",
    "BIGINT": "integer",
    "DOUBLE": "number",
    "VARCHAR": "string",
    "DATE": "date",
    "BOOLEAN": "boolean",
}

PACKAGE_NAME = "meldpunt-1712"
PACKAGE_TITLE = "1712 helpline warehouse: marts"
PACKAGE_DESCRIPTION = (
    "The marts of the 1712 helpline warehouse (figures published by the Vlaams Parlement, and the "
    "yearly figures other publications print), "
    "one resource per mart, exported from the published DuckDB file "
    "warehouse/meldpunt_1712.duckdb. Each resource is a CSV file (UTF-8, comma, header); "
    "the same table as Parquet, with the same columns and exact types, is at its parquetPath. "
    "In the CSV files an empty cell means no value (NULL), except in a column that can never "
    "be null, where it is an empty text."
)


@dataclass
class Column:
    """A published column: its name, DuckDB type, nullability and dbt description."""
    name: str
    data_type: str  # DuckDB type name, e.g. INTEGER
    nullable: bool = True
    description: str = ""


@dataclass
class Mart:
    """A published mart: its name, dbt description, columns and primary key (from its uniqueness test)."""
    name: str
    description: str = ""
    columns: list[Column] = field(default_factory=list)
    primary_key: list[str] = field(default_factory=list)


def quote_identifier(name: str) -> str:
    """`name` as a DuckDB identifier in double quotes, for names that come from the manifest."""
    return '"' + name.replace('"', '""') + '"'


def quote_literal(text: str) -> str:
    """`text` as a DuckDB string literal, for descriptions and paths written into SQL."""
    return "'" + text.replace("'", "''") + "'"


def write_exports(database: Path, marts: list[Mart], out_dir: Path, created: str | None = None) -> Path:
    """Write every mart of `database` (schema marts) as Parquet and CSV plus datapackage.json into `out_dir`."""
    out_dir = Path(out_dir)
    (out_dir / "csv").mkdir(parents=True, exist_ok=True)
    (out_dir / "parquet").mkdir(parents=True, exist_ok=True)
    with duckdb.connect(str(database), read_only=True) as connection:
        for mart in marts:
            columns = ", ".join(quote_identifier(c.name) for c in mart.columns)
            order = ", ".join(quote_identifier(c) for c in mart.primary_key) or columns
            select = f"select {columns} from marts.{quote_identifier(mart.name)} order by {order}"
            connection.execute(
                f"copy ({select}) to {quote_literal(str(out_dir / 'parquet' / (mart.name + '.parquet')))} "
                "(format parquet)"
            )
            connection.execute(
                f"copy ({select}) to {quote_literal(str(out_dir / 'csv' / (mart.name + '.csv')))} "
                "(format csv, header true, delimiter ',', quote '\"', dateformat '%Y-%m-%d')"
            )
    descriptor = datapackage_descriptor(marts, created=created)
    (out_dir / "datapackage.json").write_text(
        json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return out_dir / "datapackage.json"


def table_schema(mart: Mart) -> dict:
    """A mart as a Frictionless Table Schema: typed, described fields, required columns, the primary key.

    An empty CSV cell is a null, except in a never-null text column, where it is an empty text.
    """
    fields = []
    for column in mart.columns:
        described = {"name": column.name, "type": FRICTIONLESS_TYPES[column.data_type]}
        if column.description:
            described["description"] = column.description
        if not column.nullable:
            described["constraints"] = {"required": True}
            if column.data_type == "VARCHAR":
                # never null, so an empty cell is an empty text (e.g. total_key of a year total)
                described["missingValues"] = []
        fields.append(described)
    schema: dict = {"fields": fields, "missingValues": [""]}
    if mart.primary_key:
        schema["primaryKey"] = list(mart.primary_key)
    return schema


def datapackage_descriptor(marts: list[Mart], created: str | None = None) -> dict:
    """A Frictionless (Data Package v1, tabular) descriptor of the exported marts.

    One resource per mart: its CSV file, which Frictionless validates. The
    Parquet file of the same table, with the same columns, is named in the
    resource's extra property `parquetPath` (Frictionless reads Parquet
    through pandas, which turns an integer column with nulls into floats).
    """
    resources = []
    for mart in marts:
        resources.append({
            "name": mart.name,
            "title": mart.name,
            "description": mart.description,
            "path": f"csv/{mart.name}.csv",
            "parquetPath": f"parquet/{mart.name}.parquet",
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "dialect": {"delimiter": ",", "quoteChar": '"', "header": True},
            "schema": table_schema(mart),
        })
    descriptor = {
        "profile": "tabular-data-package",
        "name": PACKAGE_NAME,
        "title": PACKAGE_TITLE,
        "description": PACKAGE_DESCRIPTION,
        "resources": resources,
    }
    if created:
        descriptor["created"] = created
    return descriptor
