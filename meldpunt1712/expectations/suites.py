"""The great-expectations suites of the published file, generated from the seeds and the marts' YAML.

The gate checks the warehouse the way a BI client sees it, and only what no
other layer owns (docs/quality.md has the table of layers):

- the catalogue: every mart and column of the contracts, with its type, and a
  comment on every table and column (the dbt docs a BI tool shows);
- rows per report year, and every total the answer prints, computed from the
  published marts and compared with `published_totals.csv`.

Nothing here holds a figure. Which seed a mart's rows follow and which
published totals it must reproduce is declared on the mart itself, under
`config.meta.quality` in the marts' YAML (`models/marts/<mart>.yml`, one file per mart); the expected
values are read from the seeds when the suites are generated.

Why a set of text lines (``2018 contacts_by_month year_total = 5126``) per
mart rather than one expectation per year and total: one expectation then
covers every report year, so the suites stay the same size however many
years the warehouse holds (the fault injection runs a thousand fictitious
years through them), and a failure still names the year, the total, the
observed and the published figure.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from meldpunt1712.checks.seed_files import Row, Seeds, read_seeds, whole_number
from meldpunt1712.layout import MARTS_SCHEMA, SEED_SUBDIR

MARTS_DIR = Path("models") / "marts"
MARTS_YAML = MARTS_DIR / "*.yml"  # one per mart, beside its SQL; a file without `models:` holds none
CATALOGUE = "published_catalogue"
FIGURES = "published_figures"
COUNT_LINE = "lines"  # per mart and year, how many lines it has: a missing line changes it
ALL_YEARS = "all"  # the year part of a line about a table without report years


class SuiteSpecError(ValueError):
    """The seeds or the marts' YAML do not say what a suite needs; the message names the file."""


@dataclass(frozen=True)
class Expectation:
    """One expectation as GX stores it: its type, its arguments, the sentence a reader sees.

    `mart`, when set, limits the expectation to that mart's rows of the asset.
    """

    type: str
    kwargs: dict
    description: str
    mart: str = ""


@dataclass
class SuiteSpec:
    """One suite, validated on one query asset of the published file."""

    name: str
    sql: str
    expectations: list[Expectation] = field(default_factory=list)


@dataclass(frozen=True)
class TotalRule:
    """A published total that a mart must reproduce: `published_totals` rows of one kind."""

    table_name: str
    total_kind: str
    key: str | None = None  # SQL expression that gives published_totals.total_key
    sum: str = "contacts"
    key_from: str | None = None  # a seed that maps total_key to the mart's key (caller_theme_columns)

    def label(self, key: str | None) -> str:
        """The words of a total's line: table, kind and key (`contacts_by_theme year_total`)."""
        return f"{self.table_name} {self.total_kind}" + (f" {key}" if key else "")


def marts_yaml(project_dir: Path) -> list[dict]:
    """The models of every `models/marts/*.yml` (in file name order); files without `models:` hold none."""
    models: list[dict] = []
    for path in sorted((project_dir / MARTS_DIR).glob(MARTS_YAML.name)):
        models += (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("models") or []
    return models


def quality_meta(model: dict) -> dict:
    """A mart's `config.meta.quality` in its YAML: what its rows follow and which totals it reproduces."""
    return ((model.get("config") or {}).get("meta") or {}).get("quality") or {}


def line(year: object, text: str, value: int) -> str:
    """One line of the figures suite: `2018 contacts_by_month year_total = 5126`."""
    return f"{year} {text} = {value}"


def split_year(text: str) -> str:
    """The year part of a line (a report year, or `all` for a table without report years)."""
    return text.split(" ", 1)[0]


# --------------------------------------------------------------------------- expected lines from the seeds


def years_of(seeds: Seeds) -> list[int]:
    """The report years of the answers in `source_documents.csv`, ascending."""
    years = {whole_number(r.get("report_year", "")) for r in seeds.rows("source_documents")}
    return sorted(y for y in years if y is not None)


def rows_by_year(seeds: Seeds, seed: str) -> dict[int | None, list[Row]]:
    """A seed's rows per report year; a reference seed's rows (no report_year) count for every year: key None."""
    rows = seeds.rows(seed)
    if not rows or "report_year" not in rows[0]:
        return {None: rows}
    grouped: dict[int | None, list[Row]] = {}
    for row in rows:
        grouped.setdefault(whole_number(row.get("report_year", "")), []).append(row)
    return grouped


def expected_rows(seeds: Seeds, factors: list[list[str]], years: list[int | None]) -> dict[int | None, int]:
    """Rows of a mart per year: the product, over its factors, of a seed's rows (`*`) or distinct values of a column."""
    counts = dict.fromkeys(years, 1)
    for seed, column in factors:
        grouped = rows_by_year(seeds, seed)
        for year in years:
            if year is None:  # a table without report years: all the seed's rows
                rows = seeds.rows(seed)
            else:
                rows = grouped[None] if None in grouped else grouped.get(year, [])
            counts[year] *= len(rows) if column == "*" else len({r.get(column, "") for r in rows})
    return counts


def expected_totals(seeds: Seeds, rule: TotalRule) -> list[str]:
    """The lines of every published total `rule` selects, read from `published_totals.csv`.

    A zero total of a keyed rule gives no line, as the SQL leaves zero sums
    out; a total whose key `key_from` cannot map to the mart's key stops the
    generation, naming the seed.
    """
    lines = []
    keys_by_year: dict[tuple[int | None, str], list[str]] = {}
    if rule.key_from:
        for row in seeds.rows(rule.key_from):
            year = whole_number(row.get("report_year", ""))
            keys_by_year.setdefault((year, row.get("column_position", "")), []).append(row.get("theme_code", ""))
    for row in seeds.published_totals():
        if (row.get("table_name"), row.get("total_kind")) != (rule.table_name, rule.total_kind):
            continue
        year, value = whole_number(row.get("report_year", "")), whole_number(row.get("published_value", ""))
        if year is None or value is None:
            raise SuiteSpecError(f"{seeds.path('published_totals')}: {row} is not a whole report year and value")
        key = row.get("total_key", "")
        if rule.key is not None and value == 0:
            continue    # a zero total is no line on either side (the SQL leaves zero sums out too)
        keys = keys_by_year.get((year, key), []) if rule.key_from else [key]
        if rule.key_from and not keys:
            raise SuiteSpecError(f"{seeds.path(rule.key_from)}: report year {year} matches no theme to "
                                 f"{rule.table_name} {rule.total_kind} {key}")
        lines += [line(year, rule.label(k), value) for k in keys]
    return lines


# --------------------------------------------------------------------------- the SQL the asset runs


def rows_sql(mart: str, per_year: bool) -> str:
    """The query of a mart's row-count line, per report year or once for the whole table."""
    year = "cast(report_year as varchar)" if per_year else f"'{ALL_YEARS}'"
    group = " group by report_year" if per_year else ""
    return f"select {year} as report_year, 'rows' as total, count(*) as value from {MARTS_SCHEMA}.{mart}{group}"


def total_sql(mart: str, rule: TotalRule) -> str:
    """The query of the lines of one total rule, computed from the published mart."""
    year = "cast(report_year as varchar)"
    if rule.key is None:
        return (f"select {year}, '{rule.label(None)}', sum({rule.sum}) "
                f"from {MARTS_SCHEMA}.{mart} group by report_year")
    # A row or column with no contacts is no line, whether the answer prints its 0 or leaves it out:
    # the expected lines leave printed zeros out too, so a wrong figure still shows as a line.
    return (f"select {year}, '{rule.label(None)} ' || {rule.key}, sum({rule.sum}) "
            f"from {MARTS_SCHEMA}.{mart} group by report_year, {rule.key} having sum({rule.sum}) <> 0")


def figures_sql(parts: dict[str, list[str]]) -> str:
    """One row per (mart, line), and per mart and year a line that counts its lines (so a missing one shows)."""
    ctes = ",\n".join(
        f"{mart} as (\n    " + "\n    union all\n    ".join(queries) + "\n)" for mart, queries in parts.items())
    lines = "\n    union all\n    ".join(
        f"select '{mart}' as mart, report_year, report_year || ' ' || total || ' = ' || cast(value as varchar) "
        f"as line from {mart}" for mart in parts)
    return (f"with {ctes},\nlines as (\n    {lines}\n)\n"
            "select mart, line from lines\n"
            "union all\n"
            f"select mart, report_year || ' {COUNT_LINE} = ' || count(*) from lines group by mart, report_year")


# --------------------------------------------------------------------------- the suites


def mart_figures(model: dict, seeds: Seeds) -> tuple[list[str], Expectation] | None:
    """The queries that give a mart's lines, and the expectation that they are the published ones."""
    mart, meta = model["name"], quality_meta(model)
    if not meta:
        return None
    per_year = "rows_per_report_year" in meta
    factors = meta.get("rows_per_report_year") or meta.get("rows") or []
    rules = [TotalRule(**rule) for rule in meta.get("published_totals", [])]
    years: list[int | None] = years_of(seeds) if per_year else [None]
    expected = {line(year if per_year else ALL_YEARS, "rows", rows)
                for year, rows in expected_rows(seeds, factors, years).items() if rows}
    for rule in rules:
        expected.update(expected_totals(seeds, rule))
    per_year_count = Counter(split_year(text) for text in expected)
    expected.update(line(year, COUNT_LINE, count) for year, count in per_year_count.items())
    sources = {seed for seed, _ in factors} | ({"published_totals"} if rules else set())
    what = ("rows per report year" if per_year else "rows") + (
        " and every total the answer prints for it" if rules else "")
    queries = [rows_sql(mart, per_year)] + [total_sql(mart, rule) for rule in rules]
    return queries, Expectation(
        "expect_column_values_to_be_in_set",
        {"column": "line", "value_set": sorted(expected)},
        f"{mart}: {what}, as in " + ", ".join(seeds.path(seed) for seed in sorted(sources)), mart)


def figures_suite(models: list[dict], seeds: Seeds) -> SuiteSpec:
    """The suite of every mart that declares `config.meta.quality`: one query, one expectation per mart."""
    parts: dict[str, list[str]] = {}
    expectations = []
    for model in models:
        figures = mart_figures(model, seeds)
        if figures is not None:
            parts[model["name"]], expectation = figures
            expectations.append(expectation)
    return SuiteSpec(FIGURES, figures_sql(parts), expectations)


def catalogue_suite(models: list[dict]) -> SuiteSpec:
    """Every mart and column of the contracts with its type, and the dbt docs as comments."""
    expected = []
    for model in models:
        expected.append(model["name"])
        for column in model.get("columns", []):
            if not column.get("data_type"):
                raise SuiteSpecError(f"{MARTS_YAML}: {model['name']}.{column['name']} has no data_type")
            expected.append(f"{model['name']}.{column['name']} {column['data_type'].upper()}")
    sql = (f"select table_name as line, comment from duckdb_tables() where schema_name = '{MARTS_SCHEMA}'\n"
           "union all\n"
           "select table_name || '.' || column_name || ' ' || data_type, comment\n"
           f"from duckdb_columns() where schema_name = '{MARTS_SCHEMA}'")
    return SuiteSpec(CATALOGUE, sql, [
        Expectation("expect_column_values_to_be_in_set", {"column": "line", "value_set": sorted(expected)},
                    f"every published table and column is in a contract, with its type ({MARTS_YAML})"),
        Expectation("expect_table_row_count_to_equal", {"value": len(expected)},
                    "every table and column of the contracts is published"),
        Expectation("expect_column_values_to_not_be_null", {"column": "comment"},
                    "every published table and column carries its dbt description as a comment"),
    ])


def suite_specs(project_dir: Path, marts: set[str] | None = None) -> list[SuiteSpec]:
    """The gate's two suites, from the project's seeds and marts' YAML.

    `marts` limits the figures to those marts of a build file, and leaves the
    catalogue out: it describes the published file, where every mart of the
    contracts stands with its comments. The fault injection judges build
    files, some of which leave the per-year-expensive marts out.
    """
    seeds = read_seeds(project_dir / SEED_SUBDIR)
    if seeds.problems:
        raise SuiteSpecError("; ".join(f"{seeds.path(n)}: {p}" for n, p in sorted(seeds.problems.items())))
    models = [model for model in marts_yaml(project_dir) if marts is None or model["name"] in marts]
    covered = {(rule["table_name"], rule["total_kind"])
               for model in models for rule in quality_meta(model).get("published_totals", [])}
    uncovered = sorted({(r.get("table_name", ""), r.get("total_kind", "")) for r in seeds.published_totals()}
                       - covered)
    if uncovered and marts is None:
        raise SuiteSpecError(
            f"{seeds.path('published_totals')}: no mart in {MARTS_YAML} reproduces "
            + ", ".join(f"{t} {k}" for t, k in uncovered) + " (declare it under config.meta.quality.published_totals)")
    figures = figures_suite(models, seeds)
    return [catalogue_suite(models), figures] if marts is None else [figures]
