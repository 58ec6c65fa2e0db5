"""Benchmark of a warm plain `dbt build`: median wall time, and the ratio to a reference project.

Speed targets are measured here, never by a timed test: a timed test fails
on a busy CI machine and passes on a fast one, and proves nothing either way.

    python -m benchmarks.build [--runs 5] [--reference DIR]

With `--reference`, the runs alternate between this project and the
reference project (e.g. a checkout of dbt-labs/jaffle_shop_duckdb, never
committed here), in the same virtual environment, so that both see the same
machine load; the ratio of the medians is the figure. Each project builds
into its own scratch DuckDB file.
"""
from __future__ import annotations

import argparse
import os
import statistics
import tempfile
from collections import Counter
from pathlib import Path

from meldpunt1712.dbt_runner import DbtRun, run_dbt
from meldpunt1712.layout import PROJECT_DIR


def build(project: Path, database: Path) -> DbtRun:
    run = run_dbt(project, ["build", "--quiet"], database)
    if not run.ok:
        raise SystemExit(f"dbt build failed in {project}:\n{run.output[-3000:]}")
    return run


def node_counts(run: DbtRun) -> Counter[str]:
    return Counter(result["unique_id"].split(".")[0] for result in run.results)


def describe(name: str, times: list[float], run: DbtRun) -> str:
    counts = node_counts(run)
    return (f"{name}: median {statistics.median(times):.2f} s of {len(times)} warm runs "
            f"(min {min(times):.2f}, max {max(times):.2f}); {sum(counts.values())} nodes: "
            + ", ".join(f"{count} {kind}s" for kind, count in sorted(counts.items())))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--reference", type=Path, default=None,
                        help="a dbt project to compare with (e.g. a jaffle_shop_duckdb checkout)")
    args = parser.parse_args(argv)
    projects = [("meldpunt_1712", PROJECT_DIR)] + ([("reference", args.reference.resolve())] if args.reference else [])
    print(f"bench build: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}", flush=True)
    with tempfile.TemporaryDirectory() as scratch:
        databases = {name: Path(scratch) / f"{name}.duckdb" for name, _ in projects}
        for name, project in projects:        # warm-up: parse cache, file-system cache, built file present
            build(project, databases[name])
        times: dict[str, list[float]] = {name: [] for name, _ in projects}
        last: dict[str, DbtRun] = {}
        for _ in range(args.runs):
            for name, project in projects:    # alternating: both see the same machine
                last[name] = build(project, databases[name])
                times[name].append(last[name].seconds)
    for name, _ in projects:
        print(describe(name, times[name], last[name]))
    if args.reference:
        ratio = statistics.median(times["meldpunt_1712"]) / statistics.median(times["reference"])
        print(f"ratio meldpunt_1712 / reference: {ratio:.2f} (target 2.2 or less)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
