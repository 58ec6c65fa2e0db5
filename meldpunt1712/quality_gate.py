"""Data-quality gate: the great-expectations checkpoint on the published warehouse.

    python -m meldpunt1712.quality_gate [--database FILE] [--project-dir DIR] [--verbose]
    python -m meldpunt1712.quality_gate --update-suites

Runs the committed checkpoint `gx/checkpoints/published_warehouse.json` on the
published DuckDB file, read-only, the way a BI client reads it: the marts'
tables, columns, types and comments against their contracts, rows per report
year, and every total the answer prints against `published_totals.csv`.
Prints every failed expectation (mart, report year, observed against
expected), says where GX's Data Docs are, and exits 1 when anything failed.

The suites are generated from the seeds and the marts' YAML; when those
change, `--update-suites` regenerates them (`make gx-suites`). The gate
refuses to run on suites that are out of date, naming what is stale.

The database defaults to the published file (warehouse/meldpunt_1712.duckdb, or
$MELDPUNT_PUBLISHED_DUCKDB_PATH) if it exists, else the build file
(warehouse/build/meldpunt_1712.duckdb, or $MELDPUNT_BUILD_DUCKDB_PATH).
"""
from __future__ import annotations

import argparse
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from meldpunt1712.checks.finding import CheckResult
from meldpunt1712.expectations.context import DATA_DOCS_INDEX, run_checkpoint, stale_items, update_context
from meldpunt1712.expectations.suites import SuiteSpecError
from meldpunt1712.layout import BUILD_DEFAULT, BUILD_ENV, PUBLISHED_DEFAULT, PUBLISHED_ENV, default_project_dir, \
    project_path

GX_LAYER = "great expectations"
MAX_SHOWN = 5
LINE = re.compile(r"^(?P<year>\S+) (?P<what>.*) = (?P<value>-?\d+)$")


@dataclass
class GateReport:
    """One gate run: every expectation's result as a CheckResult, or the error that stopped it first."""
    database: Path
    project_dir: Path
    results: list[CheckResult] = field(default_factory=list)
    seconds: float = 0.0
    error: str = ""

    @property
    def failures(self) -> list[CheckResult]:
        """The failed results (an expectation that could not be evaluated counts as failed)."""
        return [r for r in self.results if not r.success]

    @property
    def ok(self) -> bool:
        """True when the gate ran and nothing failed."""
        return not self.error and not self.failures


def default_database(project_dir: Path) -> Path:
    """The published file if it exists, else the build file."""
    published = project_path(project_dir, None, PUBLISHED_ENV, PUBLISHED_DEFAULT)
    if published.exists():
        return published
    return project_path(project_dir, None, BUILD_ENV, BUILD_DEFAULT)


# --------------------------------------------------------------------------- GX results as lines a user can act on


def split_line(text: str) -> tuple[int | None, str, str]:
    """'2018 contacts_by_month year_total = 5126' -> (2018, 'contacts_by_month year_total', '5126')."""
    match = LINE.match(str(text))
    if not match:
        return None, str(text), ""
    year = match["year"]
    return (int(year) if year.isdigit() else None), match["what"], match["value"]


def unexpected_lines(table: str, check: str, unexpected: list, value_set: list) -> list[CheckResult]:
    """Lines of a mart that are not as published: one result per report year, each figure against the published one."""
    published = {split_line(v)[:2]: split_line(v)[2] for v in value_set}
    by_year: dict[int | None, list[str]] = {}
    for text in sorted(set(map(str, unexpected)), key=lambda t: (split_line(t)[0] or 0, t)):
        year, what, value = split_line(text)
        by_year.setdefault(year, []).append(
            f"{what}: {value or text} (published: {published.get((year, what), 'no such total')})")
    return [CheckResult(GX_LAYER, table, check, False, report_year=year,
                        observed="; ".join(items[:MAX_SHOWN])
                        + (f" (and {len(items) - MAX_SHOWN} more)" if len(items) > MAX_SHOWN else ""),
                        expected="every row count and total as published")
            for year, items in by_year.items()]


def check_results(validation) -> list[CheckResult]:
    """One validation result of GX as CheckResults a user can act on: mart, year, observed and published."""
    out = []
    for result in validation.results:
        config = result.expectation_config
        table = (config.meta or {}).get("mart") or validation.suite_name
        check = f"{config.description.removeprefix(table + ': ')} ({config.type})"
        info = result.exception_info or {}
        raised = [v for v in [info, *info.values()] if isinstance(v, dict) and v.get("raised_exception")]
        if raised:
            message = str(raised[0].get("exception_message") or "error").splitlines()[0][:300]
            out.append(CheckResult(GX_LAYER, table, check, False, observed=f"could not be evaluated: {message}"))
            continue
        details = result.result or {}
        if result.success:
            out.append(CheckResult(GX_LAYER, table, check, True, observed="as expected"))
        elif config.type == "expect_column_values_to_be_in_set" and "value_set" in config.kwargs:
            out += unexpected_lines(table, check, details.get("unexpected_list") or
                                    details.get("partial_unexpected_list") or [], config.kwargs["value_set"])
        else:
            observed = details.get("observed_value")
            if observed is None:
                listed = details.get("partial_unexpected_list") or []
                observed = f"{details.get('unexpected_count', '?')} unexpected value(s): " + \
                    ", ".join(str(v) for v in listed[:MAX_SHOWN])
            out.append(CheckResult(GX_LAYER, table, check, False, observed=str(observed),
                                   expected=", ".join(f"{k}={v}" for k, v in config.kwargs.items()
                                                      if k not in ("batch_id", "column"))))
    return out


def run_gate(database: Path, project_dir: Path, data_docs: bool = True,
             marts: set[str] | None = None) -> GateReport:
    """The checkpoint on `database`; refuses (as `error`) when gx/ is out of date with the seeds.

    `marts` names the marts the suites were generated for, when not all (see `update_context`).
    """
    started = time.perf_counter()
    report = GateReport(database, project_dir)
    try:
        stale = stale_items(project_dir, marts)
    except SuiteSpecError as error:
        report.error = str(error)
        stale = []
    if stale:
        report.error = ("the committed suites in gx/ are out of date with the seeds: "
                        + ", ".join(stale) + "; run `python -m meldpunt1712.quality_gate --update-suites`")
    if not report.error:
        for validation in run_checkpoint(project_dir, database, data_docs):
            report.results += check_results(validation)
    report.seconds = time.perf_counter() - started
    return report


def print_report(report: GateReport, verbose: bool = False) -> None:
    """The gate's console output: failures (or, verbose, every result) and the verdict."""
    print(f"quality gate: warehouse {report.database}")
    for result in report.results:
        if verbose or not result.success:
            print(result.line())
    if report.error:
        print(f"ERROR {report.error}")
    verdict = "PASSED" if report.ok else "FAILED"
    print(f"quality gate: {verdict} ({len(report.results)} expectations, {len(report.failures)} failed, "
          f"{report.seconds:.1f} s)")


def main(argv: list[str] | None = None) -> int:
    """`python -m meldpunt1712.quality_gate`: exit code 0 when every expectation passed, 1 otherwise."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", type=Path, default=None,
                        help="DuckDB file to check (default: the published file if it exists, else the build file)")
    parser.add_argument("--project-dir", type=Path, default=None,
                        help="project whose gx/, seeds and marts' YAML to use (default: the repository)")
    parser.add_argument("--update-suites", action="store_true",
                        help="regenerate the suites in gx/ from the seeds and the marts' YAML, then exit")
    parser.add_argument("--verbose", action="store_true", help="print the passed expectations too")
    args = parser.parse_args(argv)

    project_dir = (args.project_dir or default_project_dir()).resolve()
    if args.update_suites:
        try:
            changed = update_context(project_dir)
        except SuiteSpecError as error:
            print(f"quality gate: cannot generate the suites: {error}", file=sys.stderr)
            return 1
        print("quality gate: gx/ is current" if not changed else "quality gate: updated " + ", ".join(changed))
        return 0
    database = (args.database or default_database(project_dir)).resolve()
    if not database.exists():
        print(f"quality gate: FAILED: no warehouse at {database}: run `make build` first", file=sys.stderr)
        return 1
    report = run_gate(database, project_dir)
    print_report(report, verbose=args.verbose)
    if not report.error:
        print(f"quality gate: GX Data Docs {project_dir / DATA_DOCS_INDEX}")
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
