"""Helpers for the tests of the publish step (tests/python/test_publish*.py and friends).

They publish scratch copies of the project (proof.scratch_project),
never the real warehouse, and read published files the way a BI tool does.
The reader loop runs in its own process:

    python -m proof.publish_testing read FILE --mode reconnect --out OUT.json --work-dir DIR ...
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb

from meldpunt1712.layout import BUILD_DEFAULT, BUILD_ENV, EXPORTS_DEFAULT, MARTS_SCHEMA, PROJECT_DIR, PUBLISHED_DEFAULT


@dataclass
class PublishRun:
    returncode: int
    output: str

    @property
    def ok(self) -> bool:
        return self.returncode == 0


@dataclass
class Published:
    """A scratch project with its published file and exports."""

    project: Path

    @property
    def file(self) -> Path:
        return self.project / PUBLISHED_DEFAULT

    @property
    def exports(self) -> Path:
        return self.project / EXPORTS_DEFAULT

    @property
    def manifest(self) -> dict:
        return json.loads((self.project / "target" / "manifest.json").read_text(encoding="utf-8"))

    def mart_nodes(self) -> dict[str, dict]:
        return {n["name"]: n for n in self.manifest["nodes"].values()
                if n["resource_type"] == "model" and n["schema"] == MARTS_SCHEMA}


def run_publish(project: Path, timeout: float = 400) -> PublishRun:
    """`python -m meldpunt1712.publish` on a scratch project, with its own build, published and exports paths."""
    project = Path(project)
    env = dict(os.environ)
    env[BUILD_ENV] = str(project / BUILD_DEFAULT)
    env["DBT_SEND_ANONYMOUS_USAGE_STATS"] = "false"
    completed = subprocess.run(
        [sys.executable, "-m", "meldpunt1712.publish", "--project-dir", str(project),
         "--published", str(project / PUBLISHED_DEFAULT),
         "--exports-dir", str(project / EXPORTS_DEFAULT)],
        cwd=project, env=env, capture_output=True, text=True, timeout=timeout,
    )
    return PublishRun(completed.returncode, completed.stdout + completed.stderr)



# Every model file under models/marts is one published table.
MART_COUNT = len(list((PROJECT_DIR / "models" / "marts").glob("*.sql")))


def published_baseline() -> Published:
    """The warehouse `make build` published in the repository: one build shared by every test that reads it.

    Fails, never skips, when there is none: `make test` builds it first.
    """
    published = Published(PROJECT_DIR)
    missing = [p for p in (published.file, published.exports / "datapackage.json",
                           PROJECT_DIR / "target" / "manifest.json") if not p.exists()]
    assert not missing, f"no published warehouse ({', '.join(map(str, missing))} missing): run `make build` first"
    return published


# ---------------------------------------------------------------- what a reader sees

SNAPSHOT_SQL = """
with monthly as (
    select report_year, cast(sum(contacts) as bigint) as monthly_total, count(*) as months
    from marts.fct_contacts_monthly group by report_year
),
published as (
    select report_year, published_value
    from marts.rpt_published_totals_check
    where table_name = 'contacts_by_month' and total_kind = 'year_total'
),
themes as (
    select report_year, cast(sum(contacts) as bigint) as theme_total
    from marts.fct_contacts_by_theme group by report_year
)
select
    coalesce(monthly.report_year, published.report_year, themes.report_year) as report_year,
    monthly.monthly_total, monthly.months, published.published_value, themes.theme_total,
    (select count(*) from duckdb_tables() where schema_name = 'marts') as mart_tables
from monthly
full join published on monthly.report_year = published.report_year
full join themes on coalesce(monthly.report_year, published.report_year) = themes.report_year
order by 1
"""


def snapshot(connection: duckdb.DuckDBPyConnection) -> dict:
    """The warehouse as a reader sees it: per year the month total, the published total, the theme total.

    `complete` says whether the totals check out (every year has 12 months and
    month total = published total = theme total) and every mart of the project is there.
    """
    rows = connection.execute(SNAPSHOT_SQL).fetchall()
    years = {int(r[0]): r[1] for r in rows}
    complete = bool(rows) and all(
        r[2] == 12 and r[1] is not None and r[1] == r[3] == r[4] and r[5] == MART_COUNT for r in rows
    )
    return {"years": years, "complete": complete}


# Marker files in a reader's work folder: the test writes the first just before it starts the publish and
# the second just after the publish returned. A reader labels each answer by them, so the order of
# answers and publish is read from cause and effect, not from comparing clocks.
PUBLISH_STARTED, PUBLISH_ENDED = "publish-started", "publish-ended"


def read_loop(database: Path, mode: str, work_dir: Path, ready_file: Path, out_file: Path,
              interval: float, deadline: float, expect_years: list[int] | None) -> None:
    """Query `database` read-only until `work_dir`/stop appears (or `deadline` seconds pass).

    mode "persistent": one connection, opened once and held the whole time.
    mode "reconnect": a new connection for every query, closed right after.
    Each answer has a phase: "before" when the publish-started marker was still absent after the
    query finished (the whole query came before the publish), "after" when the publish-ended marker
    existed before the query began (the whole query came after it), else "during".
    A reader that is told to stop goes on (20 seconds at most) until its last answer is one
    after the publish (with `expect_years`, one with those years): on a busy machine the
    test's stop can come before the reader's next query.
    Writes {"answers": [[phase, years, complete, count], ...] run-length encoded, "errors": [...]}.
    """
    started = time.monotonic()
    answers: list[list] = []  # [phase, years, complete, count]
    errors: list[str] = []
    persistent = duckdb.connect(str(database), read_only=True) if mode == "persistent" else None
    stop_file = work_dir / "stop"
    stop_seen_at = None
    try:
        while time.monotonic() - started < deadline:
            after = (work_dir / PUBLISH_ENDED).exists()
            try:
                if persistent is not None:
                    seen = snapshot(persistent)
                else:
                    with duckdb.connect(str(database), read_only=True) as connection:
                        seen = snapshot(connection)
            except Exception as error:  # every error is a finding, recorded and reported
                errors.append(f"{type(error).__name__}: {error}")
                seen = None
            before = not (work_dir / PUBLISH_STARTED).exists()
            if seen is not None:
                answer = ["before" if before else "after" if after else "during", sorted(seen["years"]), seen["complete"]]
                if answers and answers[-1][:3] == answer:
                    answers[-1][3] += 1
                else:
                    answers.append([*answer, 1])
                if not ready_file.exists():
                    ready_file.write_text("ready")
            if stop_file.exists():
                stop_seen_at = stop_seen_at or time.monotonic()
                wanted = bool(answers) and answers[-1][0] == "after" and (
                    expect_years is None or answers[-1][1] == sorted(expect_years))
                if wanted or time.monotonic() - stop_seen_at > 20:
                    break
            time.sleep(interval)
    finally:
        if persistent is not None:
            persistent.close()
        out_file.write_text(json.dumps({"mode": mode, "answers": answers, "errors": errors}))


def start_reader(database: Path, mode: str, work_dir: Path, interval: float = 0.05, deadline: float = 240,
                 expect_years: list[int] | None = None) -> tuple[subprocess.Popen, Path, Path]:
    """Start a reader process; returns (process, ready file, result file).

    Write work_dir/PUBLISH_STARTED and work_dir/PUBLISH_ENDED around the publish; stop it with work_dir/'stop'.
    """
    ready, out = work_dir / f"{mode}.ready", work_dir / f"{mode}.json"
    command = [sys.executable, "-m", "proof.publish_testing", "read", str(database), "--mode", mode,
               "--work-dir", str(work_dir), "--ready", str(ready), "--out", str(out),
               "--interval", str(interval), "--deadline", str(deadline)]
    if expect_years:
        command += ["--expect-years", ",".join(map(str, expect_years))]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return process, ready, out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    read = sub.add_parser("read")
    read.add_argument("database", type=Path)
    read.add_argument("--mode", choices=("persistent", "reconnect"), required=True)
    read.add_argument("--work-dir", type=Path, required=True)
    read.add_argument("--ready", type=Path, required=True)
    read.add_argument("--out", type=Path, required=True)
    read.add_argument("--interval", type=float, default=0.05)
    read.add_argument("--deadline", type=float, default=240)
    read.add_argument("--expect-years", default="")
    args = parser.parse_args()
    expect = [int(y) for y in args.expect_years.split(",") if y] or None
    read_loop(args.database, args.mode, args.work_dir, args.ready, args.out, args.interval, args.deadline, expect)


if __name__ == "__main__":
    main()
