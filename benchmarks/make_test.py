"""Benchmark of `make test` (or another make target) after `make build`: wall and CPU time, median of runs.

    make build && .venv/bin/python -m benchmarks.make_test [--runs 3] [--target test]

Each run starts from what `make build` left: the caches under `target/caller_theme_cache` as they
were when the benchmark started (a run's analyses and texts would make the next one warmer than a
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
import tempfile
import time
from pathlib import Path

from meldpunt1712.layout import PROJECT_DIR, PUBLISHED_DEFAULT

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
    if not (project / PUBLISHED_DEFAULT).exists():
        parser.error(f"{project}: no published warehouse; run `make build` first")
    with tempfile.TemporaryDirectory(prefix="make_test_bench_") as folder:
        saved = Path(folder) / "caller_theme_cache"
        if (project / CACHE).exists():
            shutil.copytree(project / CACHE, saved)
        else:
            saved.mkdir()
        walls, cpus = measure(project, saved, args.target, args.runs)
    print(f"make {args.target} after make build: median {statistics.median(walls):.0f} s wall "
          f"({min(walls):.0f}-{max(walls):.0f}), {statistics.median(cpus):.0f} s CPU, of {args.runs} runs")
    return 0


def measure(project: Path, cache_after_build: Path, target: str, runs: int) -> tuple[list[float], list[float]]:
    """Wall and CPU seconds of `make TARGET`, each run from the project as the build left it."""
    walls, cpus = [], []
    for run in range(1, runs + 1):
        reset(project, cache_after_build)
        cpu_before, started = children_cpu(), time.perf_counter()
        completed = subprocess.run(["make", target], cwd=project, capture_output=True, text=True)
        wall, cpu = time.perf_counter() - started, children_cpu() - cpu_before
        if completed.returncode != 0:
            print(completed.stdout[-3000:] + completed.stderr[-3000:])
            raise SystemExit(f"make {target} failed in run {run}: no figure")
        walls.append(wall)
        cpus.append(cpu)
        load = " ".join(f"{value:.1f}" for value in os.getloadavg())
        print(f"make {target}, run {run}: {wall:.0f} s wall, {cpu:.0f} s CPU (load average {load})", flush=True)
    return walls, cpus


if __name__ == "__main__":
    raise SystemExit(main())
