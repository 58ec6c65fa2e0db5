"""Benchmark of a warm `dbt build`: median wall time of several runs.

Speed targets are measured here, never by a timed test: a timed test fails
on a busy CI machine and passes on a fast one, and proves nothing either way.

    python -m meldpunt1712.bench_build [--runs 5]
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from meldpunt1712.layout import PROJECT_DIR


def run_build() -> float:
    """Run one `dbt build` from the repository root and return its wall time in seconds."""
    dbt = Path(sys.executable).with_name("dbt")
    started = time.perf_counter()
    subprocess.run([str(dbt), "build", "--quiet"], cwd=PROJECT_DIR, check=True)
    return time.perf_counter() - started


def node_counts() -> Counter[str]:
    """Count what the last run executed, by kind (model, seed, test, unit_test)."""
    results = json.loads((PROJECT_DIR / "target" / "run_results.json").read_text())
    return Counter(result["unique_id"].split(".")[0] for result in results["results"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    run_build()  # warm-up: parse cache, file-system cache, built file present
    times = [run_build() for _ in range(args.runs)]
    counts = node_counts()
    print(f"dbt build (warm), {args.runs} runs: median {statistics.median(times):.2f} s "
          f"(min {min(times):.2f} s, max {max(times):.2f} s)")
    print(f"executed per build: {counts['model']} models, {counts['seed']} seeds, "
          f"{counts['test']} data tests, {counts['unit_test']} unit tests")


if __name__ == "__main__":
    main()
