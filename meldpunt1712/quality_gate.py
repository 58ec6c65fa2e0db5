"""Data-quality gate: great-expectations on the finished warehouse, and every seed figure in the source.

    python -m meldpunt1712.quality_gate [--database FILE] [--html FILE] [--verbose]

Runs after `dbt build` (see `make test`), as a second line independent of the
dbt tests, on the warehouse the way a BI client reads it:

1. great-expectations (GX Core 1.x): a suite per mart (meldpunt1712/expectations/marts.py)
   on the marts, read through a read-only DuckDB connection into pandas (GX's
   SQL datasource with duckdb-engine returns no rows). Published totals and
   label sets come from the seed CSVs, never from the suite.
2. Source text (meldpunt1712/expectations/source_text.py): every figure of
   the seeds is found in the source document, in its printed row or sentence.
   It catches what no total can: two swapped values of a row, a narrative
   figure (31 chat conversations) changed.

Prints every failed check (mart or seed file, check, observed versus expected),
writes a static HTML page of every check (default warehouse/quality/index.html)
and exits 1 when any check failed.

The database defaults to the published file (warehouse/meldpunt_1712.duckdb, or
$MELDPUNT_PUBLISHED_DUCKDB_PATH) if it exists, else the build file
(warehouse/build/meldpunt_1712.duckdb, or $MELDPUNT_BUILD_DUCKDB_PATH).
"""
from __future__ import annotations

import argparse
import html
import logging
import math
import os
import sys
import time
import warnings
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")

import duckdb  # noqa: E402
import pandas as pd  # noqa: E402

from meldpunt1712.expectations.finding import CheckResult  # noqa: E402
from meldpunt1712.expectations.seeds import Seeds, check_seed_files, read_seeds  # noqa: E402
from meldpunt1712.expectations.source_text import check_source_text  # noqa: E402
from meldpunt1712.layout import (  # noqa: E402
    BUILD_DEFAULT, BUILD_ENV, MARTS_SCHEMA, PUBLISHED_DEFAULT, PUBLISHED_ENV, SEED_SUBDIR, SOURCE_SUBDIR,
    default_project_dir, project_path,
)

HTML_DEFAULT = Path("warehouse") / "quality" / "index.html"
GX_LAYER = "great expectations"
MAX_ROWS_SHOWN = 5


@dataclass
class GateReport:
    database: Path
    seeds_dir: Path
    source_dir: Path
    results: list[CheckResult] = field(default_factory=list)
    seconds: float = 0.0
    error: str = ""

    @property
    def failures(self) -> list[CheckResult]:
        return [r for r in self.results if not r.success]

    @property
    def ok(self) -> bool:
        return not self.error and not self.failures


# --------------------------------------------------------------------------- paths


def default_database(project_dir: Path) -> Path:
    """The published file if it exists, else the build file."""
    published = project_path(project_dir, None, PUBLISHED_ENV, PUBLISHED_DEFAULT)
    if published.exists():
        return published
    return project_path(project_dir, None, BUILD_ENV, BUILD_DEFAULT)


# --------------------------------------------------------------------------- reading


def read_marts(database: Path) -> dict[str, pd.DataFrame]:
    """Every table of schema marts, through a read-only connection, as pandas frames."""
    with duckdb.connect(str(database), read_only=True) as connection:
        names = [row[0] for row in connection.execute(
            "select table_name from duckdb_tables() where schema_name = ? "
            "union select view_name from duckdb_views() where schema_name = ?",
            [MARTS_SCHEMA, MARTS_SCHEMA]).fetchall()]
        return {name: connection.sql(f'select * from {MARTS_SCHEMA}."{name}"').df() for name in sorted(names)}


# --------------------------------------------------------------------------- great-expectations


def show(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "missing"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "item"):
        return show(value.item())
    if isinstance(value, (pd.Timestamp, datetime)):
        return value.strftime("%Y-%m-%d")
    return str(value)


def expected_text(kind: str, kwargs: dict) -> str:
    if kind == "expect_column_pair_values_to_be_equal":
        return f"{kwargs['column_A']} = {kwargs['column_B']} on every row"
    if kind == "expect_column_pair_values_a_to_be_greater_than_b":
        sign = ">=" if kwargs.get("or_equal") else ">"
        return f"{kwargs['column_A']} {sign} {kwargs['column_B']} on every row"
    if kind == "expect_column_values_to_be_in_set":
        values = [show(v) for v in kwargs.get("value_set", [])]
        return f"{kwargs['column']} one of: " + ", ".join(values[:20]) + (" ..." if len(values) > 20 else "")
    if kind == "expect_column_values_to_be_between":
        low, high = kwargs.get("min_value"), kwargs.get("max_value")
        if high is None:
            return f"{kwargs['column']} >= {low}"
        return f"{kwargs['column']} between {low} and {high}"
    if kind == "expect_column_values_to_not_be_null":
        return f"{kwargs['column']} present on every row"
    if kind in ("expect_column_values_to_be_unique", "expect_compound_columns_to_be_unique"):
        return "no two rows share " + ", ".join(kwargs.get("column_list") or [kwargs.get("column", "")])
    if kind == "expect_column_values_to_be_in_type_list":
        return f"{kwargs['column']} of a whole-number type"
    if kind == "expect_column_values_to_match_regex":
        return f"{kwargs['column']} matching {kwargs['regex']}"
    if kind == "expect_table_row_count_to_equal":
        return f"{kwargs['value']} rows"
    if kind == "expect_column_to_exist":
        return f"a column {kwargs['column']}"
    return ", ".join(f"{k}={show(v)}" for k, v in kwargs.items() if k not in ("batch_id",))


def describe_rows(rows: list[dict], index_columns: list[str]) -> str:
    parts = []
    for row in rows[:MAX_ROWS_SHOWN]:
        keys = [f"{c}={show(row[c])}" for c in index_columns if c in row and c != "report_year"]
        values = [f"{c}={show(v)}" for c, v in row.items() if c not in index_columns]
        parts.append((", ".join(keys) + ": " if keys else "") + ", ".join(values))
    more = f" (and {len(rows) - MAX_ROWS_SHOWN} more)" if len(rows) > MAX_ROWS_SHOWN else ""
    return "; ".join(parts) + more


def raised(result) -> str:
    info = result.exception_info or {}
    candidates = [info] + [v for v in info.values() if isinstance(v, dict)]
    for candidate in candidates:
        if candidate.get("raised_exception"):
            return str(candidate.get("exception_message") or "error")
    return ""


def gx_results(batch, validation) -> list[CheckResult]:
    """One CheckResult per expectation, split per report year when its failing rows carry one."""
    out = []
    table = batch.mart
    for result in validation.results:
        config = result.expectation_config
        kind, kwargs = config.type, dict(config.kwargs)
        check = f"{config.description} ({kind}, on {batch.name})"
        expected = expected_text(kind, kwargs)
        error = raised(result)
        if error:
            out.append(CheckResult(GX_LAYER, table, check, False,
                                   observed=f"could not be evaluated: {error.splitlines()[0][:300]}",
                                   expected=expected))
            continue
        details = result.result or {}
        if result.success:
            observed = details.get("observed_value")
            out.append(CheckResult(GX_LAYER, table, check, True,
                                   observed=show(observed) if observed is not None else "as expected",
                                   expected=expected))
            continue
        rows = details.get("unexpected_index_list") or []
        if rows and isinstance(rows[0], dict):
            by_year: dict[int | None, list[dict]] = defaultdict(list)
            for row in rows:
                year = row.get("report_year")
                by_year[None if year is None or show(year) == "missing" else int(year)].append(row)
            total = details.get("element_count")
            for year, year_rows in sorted(by_year.items(), key=lambda item: (item[0] is None, item[0] or 0)):
                out.append(CheckResult(
                    GX_LAYER, table, check, False, report_year=year, expected=expected,
                    observed=f"{len(year_rows)} row(s) of {total} unexpected: "
                             + describe_rows(year_rows, batch.index_columns)))
            continue
        observed = details.get("observed_value")
        if observed is None:
            listed = details.get("partial_unexpected_list") or []
            observed = f"{details.get('unexpected_count', '?')} unexpected value(s): " + \
                ", ".join(show(v) for v in listed[:MAX_ROWS_SHOWN])
        out.append(CheckResult(GX_LAYER, table, check, False, observed=show(observed), expected=expected))
    return out


def run_expectations(marts: dict[str, pd.DataFrame], seeds: Seeds) -> list[CheckResult]:
    """Validate every mart batch with its suite through GX's pandas datasource."""
    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    from meldpunt1712.expectations.marts import mart_batches

    for name in [n for n in logging.root.manager.loggerDict if n.startswith("great_expectations")]:
        logging.getLogger(name).setLevel(logging.ERROR)  # GX sets INFO on some of its own loggers
    batches, results = mart_batches(marts, seeds)
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    source = context.data_sources.add_pandas("warehouse")
    for number, batch in enumerate(batches):
        asset = source.add_dataframe_asset(name=f"batch_{number}")
        definition = asset.add_batch_definition_whole_dataframe("whole_frame")
        suite = context.suites.add(gx.ExpectationSuite(name=f"{number} {batch.name}"))
        for expectation in batch.expectations:
            suite.add_expectation(expectation)
        validation = context.validation_definitions.add(
            gx.ValidationDefinition(name=f"{number} {batch.name}", data=definition, suite=suite))
        index = [c for c in batch.index_columns if c in batch.frame.columns]
        result_format = {"result_format": "COMPLETE", "unexpected_index_column_names": index} if index \
            else {"result_format": "SUMMARY"}
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            outcome = validation.run(batch_parameters={"dataframe": batch.frame}, result_format=result_format)
        results += gx_results(batch, outcome)
    return results


# --------------------------------------------------------------------------- the gate


def check_inputs(seeds_dir: Path, source_dir: Path | None) -> tuple[Seeds, list[CheckResult]]:
    """The checks that need no warehouse: the seed files, and every seed figure in the source text.

    ``source_dir=None`` leaves the text out, for projects whose report years a
    test generated and which have no text to compare with.
    """
    seeds = read_seeds(seeds_dir)
    text_results = [] if source_dir is None else check_source_text(seeds, source_dir)
    return seeds, check_seed_files(seeds) + text_results


def run_gate(database: Path, seeds_dir: Path, source_dir: Path) -> GateReport:
    started = time.perf_counter()
    report = GateReport(database, seeds_dir, source_dir)
    seeds, report.results = check_inputs(seeds_dir, source_dir)
    try:
        marts = read_marts(database)
    except (duckdb.Error, OSError) as error:
        report.error = f"cannot read {database}: {error}"
    else:
        if not marts:
            report.error = f"{database} has no tables in schema {MARTS_SCHEMA}: run `make build` first"
        else:
            report.results += run_expectations(marts, seeds)
    report.seconds = time.perf_counter() - started
    return report


def summary_lines(report: GateReport) -> list[str]:
    lines = []
    for layer in sorted({r.layer for r in report.results}):
        layer_results = [r for r in report.results if r.layer == layer]
        failed = sum(not r.success for r in layer_results)
        lines.append(f"{layer}: {len(layer_results)} checks, {failed} failed")
    return lines


def print_report(report: GateReport, verbose: bool = False) -> None:
    print(f"quality gate: warehouse {report.database}")
    print(f"quality gate: seeds {report.seeds_dir}, source text {report.source_dir}")
    for result in report.results:
        if verbose or not result.success:
            print(result.line())
    if report.error:
        print(f"ERROR {report.error}")
    for line in summary_lines(report):
        print(f"quality gate: {line}")
    verdict = "PASSED" if report.ok else "FAILED"
    print(f"quality gate: {verdict} ({len(report.results)} checks, {len(report.failures)} failed, "
          f"{report.seconds:.1f} s)")


def write_html(report: GateReport, path: Path) -> None:
    """A static page of every check, failures first, grouped by layer and table."""
    def cell(text: object) -> str:
        return html.escape(str(text))

    sections = []
    for layer in sorted({r.layer for r in report.results}):
        rows = sorted((r for r in report.results if r.layer == layer),
                      key=lambda r: (r.success, r.table, r.report_year or 0, r.check))
        body = "\n".join(
            f"<tr class='{'ok' if r.success else 'fail'}'><td>{'ok' if r.success else 'FAILED'}</td>"
            f"<td>{cell(r.table)}</td><td>{cell(r.report_year if r.report_year is not None else '')}</td>"
            f"<td>{cell(r.check)}</td><td>{cell(r.observed)}</td><td>{cell(r.expected)}</td>"
            f"<td>{cell(r.detail)}</td></tr>" for r in rows)
        failed = sum(not r.success for r in rows)
        sections.append(
            f"<h2>{cell(layer)}: {len(rows)} checks, {failed} failed</h2>"
            "<table><thead><tr><th>status</th><th>table</th><th>report year</th><th>check</th>"
            f"<th>observed</th><th>expected</th><th>note</th></tr></thead><tbody>{body}</tbody></table>")
    verdict = "PASSED" if report.ok else "FAILED"
    error = f"<p class='fail'>{cell(report.error)}</p>" if report.error else ""
    page = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Meldpunt 1712 data-quality gate: {verdict}</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 2em; }}
table {{ border-collapse: collapse; width: 100%; font-size: 0.85em; margin-bottom: 2em; }}
th, td {{ border: 1px solid #ccc; padding: 0.3em 0.5em; text-align: left; vertical-align: top; }}
tr.fail td {{ background: #fde2e1; }} tr.ok td:first-child {{ color: #1a7f37; }}
p.fail, .verdict-FAILED {{ color: #b42318; }} .verdict-PASSED {{ color: #1a7f37; }}
</style></head><body>
<h1>Data-quality gate: <span class="verdict-{verdict}">{verdict}</span></h1>
<p>Warehouse <code>{cell(report.database)}</code>, seeds <code>{cell(report.seeds_dir)}</code>,
source text <code>{cell(report.source_dir)}</code>; run {datetime.now().strftime('%Y-%m-%d %H:%M:%S')}
in {report.seconds:.1f} s: {len(report.results)} checks, {len(report.failures)} failed.</p>
<p>great expectations: the suites of <code>meldpunt1712/expectations/marts.py</code> on the marts
(published totals and labels from the seeds). source text: every seed figure found in its printed row or
sentence of the source document (<code>meldpunt1712/expectations/source_text.py</code>).</p>
{error}
{''.join(sections)}
</body></html>
"""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", type=Path, default=None,
                        help="DuckDB file to check (default: the published file if it exists, else the build file)")
    parser.add_argument("--html", type=Path, default=None, help=f"HTML result page (default {HTML_DEFAULT})")
    parser.add_argument("--project-dir", type=Path, default=None,
                        help="dbt project whose seeds/ and source/ to read (default: the repository)")
    parser.add_argument("--seeds-dir", type=Path, default=None, help=f"default <project>/{SEED_SUBDIR}")
    parser.add_argument("--source-dir", type=Path, default=None, help=f"default <project>/{SOURCE_SUBDIR}")
    parser.add_argument("--verbose", action="store_true", help="print the passed checks too")
    args = parser.parse_args(argv)

    project_dir = (args.project_dir or default_project_dir()).resolve()
    database = (args.database or default_database(project_dir)).resolve()
    seeds_dir = args.seeds_dir or project_dir / SEED_SUBDIR
    source_dir = args.source_dir or project_dir / SOURCE_SUBDIR
    html_path = project_path(project_dir, args.html, None, HTML_DEFAULT)
    if not database.exists():
        print(f"quality gate: FAILED: no warehouse at {database}: run `make build` first", file=sys.stderr)
        return 1
    report = run_gate(database, seeds_dir, source_dir)
    print_report(report, verbose=args.verbose)
    write_html(report, html_path)
    print(f"quality gate: HTML result {html_path}")
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
