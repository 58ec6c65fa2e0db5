"""Benchmark of `make test` (or another make target) after `make build`: wall and CPU time, median of runs.

    make build && .venv/bin/python -m benchmarks.make_test [--runs 3] [--target test]

Each run starts from what `make build` left: the caches under `target/caller_theme_cache` as they
were before the first run (a run's analyses and texts would make the next one warmer than a
contributor's first `make test`), and the gate's stamp and the report site removed, so that every
run runs the gate and builds the site as after a build. Run it in a clone that `make build` built;
it prints each run (wall seconds, CPU seconds of make and every process it started, load average)
and the medians. A failing run stops the benchmark: its time means nothing.
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import time
from pathlib import Path

from meldpunt1712.layout import PROJECT_DIR

CACHE = Path("target") / "caller_theme_cache"
# what `make test` makes again when it is missing: the gate's stamp and the report site's index
AFTER_BUILD_REMOVED = (Path("gx") / "uncommitted" / "gate-passed", Path("reports") / "build")


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def reset(project: Path, cache_after_build: Path) -> None:
    """Put the project back as `make build` left it (see the module's docstring)."""
    shutil.rmtree(project / CACHE, ignore_errors=True)
    shutil.copytree(cache_after_build, project / CACHE)
    for path in AFTER_BUILD_REMOVED:
        target = project / path
        if target.is_dir():
            shutil.rmtree(target)
        else:
            target.unlink(missing_ok=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--target", default="test", help="the make target (default: test)")
    parser.add_argument("--project-dir", type=Path, default=PROJECT_DIR)
    args = parser.parse_args(argv)
    project = args.project_dir.resolve()
    if not (project / "warehouse" / "meldpunt_1712.duckdb").exists():
        parser.error(f"{project}: no published warehouse; run `make build` first")
    saved = project / "target" / "caller_theme_cache.after_build"
    if not saved.exists():
        shutil.copytree(project / CACHE, saved) if (project / CACHE).exists() else saved.mkdir(parents=True)
    walls, cpus = [], []
    for run in range(1, args.runs + 1):
        reset(project, saved)
        cpu_before, started = children_cpu(), time.perf_counter()
        completed = subprocess.run(["make", args.target], cwd=project, capture_output=True, text=True)
        wall, cpu = time.perf_counter() - started, children_cpu() - cpu_before
        if completed.returncode != 0:
            print(completed.stdout[-3000:] + completed.stderr[-3000:])
            raise SystemExit(f"make {args.target} failed in run {run}: no figure")
        walls.append(wall)
        cpus.append(cpu)
        load = " ".join(f"{value:.1f}" for value in os.getloadavg())
        print(f"make {args.target}, run {run}: {wall:.0f} s wall, {cpu:.0f} s CPU (load average {load})", flush=True)
    print(f"make {args.target} after make build: median {statistics.median(walls):.0f} s wall "
          f"({min(walls):.0f}-{max(walls):.0f}), {statistics.median(cpus):.0f} s CPU, of {args.runs} runs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
