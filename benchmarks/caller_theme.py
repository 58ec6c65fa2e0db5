"""Benchmark of the caller x theme analysis (:func:`meldpunt1712.caller_theme.analyse`).

Run from the repository root, e.g.::

    python -m benchmarks.caller_theme                       # everything (~1 h on 2 cores)
    python -m benchmarks.caller_theme --tables 2018 --runs 5
    python -m benchmarks.caller_theme --tables generator --seeds 1-100
    python -m benchmarks.caller_theme --tables 50,66,130x20

Tables: ``2018`` (read from the seeds), ``generator`` (the same-shape tables
``synthetic_table(table_2018(), n_rows=33, n_cols=14, seed=s)``), ``50``
and ``66`` (the same generator with 50 and 66 rows, seed 1712) and
``130x20`` (130 rows x 20 columns, seed 1712).  Every analysis gets the time
budget (``--time-limit``, default 60 s, as the warehouse); the figures are
wall time and the process's CPU time (all threads: the machine is shared,
so wall time alone says little when others run), whether the result is
exact, and the share of cells whose bounds are proven exact.  Nothing here
is timed inside pytest.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time
from datetime import datetime


from meldpunt1712 import caller_theme as ct
from meldpunt1712.caller_theme_frames import seed_table
from meldpunt1712.layout import PROJECT_DIR

TARGETS = {"2018": "median 2 s or less", "generator": "all exact, median 5 s or less, slowest 30 s or less"}


def table_2018() -> ct.CrossTable:
    """The 2018 table, from the project's seeds."""
    return seed_table(PROJECT_DIR, 2018)


def synthetic_table(
    template: ct.CrossTable, n_rows: int = 130, n_cols: int = 20, seed: int = 1712
) -> ct.CrossTable:
    """A larger table drawn from the template's distribution, feasible by construction.

    Each synthetic row copies a random template row's total and number of
    non-empty cells; the cells go to columns drawn with probability
    proportional to the template's column shares (extra columns reuse random
    shares; a small floor keeps every column in use), each cell gets 1 and
    the rest of the row total is spread multinomially over the chosen
    cells.  Printed rows and column totals are derived from this full grid,
    so the grid itself is a valid placement.
    """
    rng = random.Random(seed)
    shares = [c.total / template.grand_total for c in template.columns]
    weights = list(shares)
    for _ in range(n_cols - len(shares)):
        weights.insert(rng.randrange(len(weights) + 1), rng.choice(shares))
    weights = [w + 0.003 for w in weights]
    grid = []
    for _ in range(n_rows):
        model_row = rng.choice(template.rows)
        k = min(len(model_row.values), n_cols)
        chosen: set[int] = set()
        while len(chosen) < k:
            chosen.add(rng.choices(range(n_cols), weights)[0])
        cols = sorted(chosen)
        cells = [0] * n_cols
        for c in cols:
            cells[c] = 1
        col_weights = [weights[c] for c in cols]
        for _ in range(model_row.total - k):
            cells[rng.choices(cols, col_weights)[0]] += 1
        grid.append(cells)
    totals = [sum(row[c] for row in grid) for c in range(n_cols)]
    rows = [(f"s{r:03d}", [v for v in row if v], sum(row)) for r, row in enumerate(grid)]
    return ct.CrossTable.from_printed(rows, totals, [f"theme_{p + 1}" for p in range(n_cols)])


def _measure(table: ct.CrossTable, time_limit: float) -> tuple[float, float, ct.Analysis]:
    wall, cpu = time.perf_counter(), time.process_time()
    analysis = ct.analyse(table, time_limit=time_limit)
    return time.perf_counter() - wall, time.process_time() - cpu, analysis


def _describe(analysis: ct.Analysis) -> str:
    summary = analysis.summary()
    share = summary["cells_exact"] / summary["cells"]
    return (f"{analysis.status}, {summary['open_questions']}/{summary['questions']} questions open, "
            f"{share:.1%} of cells exact, estimate {'optimal' if analysis.estimate_is_optimal else 'not proven optimal'}")


def _shape(table: ct.CrossTable) -> str:
    return (f"{len(table.rows)} rows x {len(table.columns)} columns, "
            f"{sum(len(r.values) for r in table.rows)} values")


def bench_2018(runs: int, time_limit: float) -> None:
    table = table_2018()
    print(f"2018 table ({_shape(table)}), {runs} runs (target: {TARGETS['2018']})", flush=True)
    walls, cpus = [], []
    for run in range(1, runs + 1):
        wall, cpu, analysis = _measure(table, time_limit)
        walls.append(wall)
        cpus.append(cpu)
        print(f"  run {run}: {wall:.2f} s wall, {cpu:.2f} s CPU; {_describe(analysis)}", flush=True)
    print(f"  median {statistics.median(walls):.2f} s wall ({min(walls):.2f}-{max(walls):.2f}), "
          f"median {statistics.median(cpus):.2f} s CPU", flush=True)


def bench_generator(seeds: list[int], time_limit: float) -> None:
    template = table_2018()
    print(f"generator tables synthetic_table(table_2018(), n_rows=33, n_cols=14, seed=s), "
          f"seeds {seeds[0]}-{seeds[-1]}, budget {time_limit:.0f} s (target: {TARGETS['generator']})", flush=True)
    walls, cpus, exact = [], [], 0
    for seed in seeds:
        wall, cpu, analysis = _measure(synthetic_table(template, n_rows=33, n_cols=14, seed=seed), time_limit)
        walls.append(wall)
        cpus.append(cpu)
        exact += analysis.is_exact
        print(f"  seed {seed}: {wall:.2f} s wall, {cpu:.2f} s CPU; {_describe(analysis)}", flush=True)
    slowest = max(range(len(seeds)), key=lambda k: walls[k])
    print(f"  {exact} of {len(seeds)} exact; median {statistics.median(walls):.2f} s wall, "
          f"{statistics.median(cpus):.2f} s CPU; slowest seed {seeds[slowest]}: {walls[slowest]:.2f} s wall, "
          f"{cpus[slowest]:.2f} s CPU", flush=True)


def bench_large(name: str, time_limit: float) -> None:
    template = table_2018()
    shape = {"50": (50, 14), "66": (66, 14), "130x20": (130, 20)}[name]
    table = synthetic_table(template, n_rows=shape[0], n_cols=shape[1], seed=1712)
    print(f"{name} table, seed 1712 ({_shape(table)}), budget {time_limit:.0f} s "
          "(target: a partial result within the budget)", flush=True)
    wall, cpu, analysis = _measure(table, time_limit)
    print(f"  {wall:.2f} s wall, {cpu:.2f} s CPU; {_describe(analysis)}", flush=True)


def _seeds(text: str) -> list[int]:
    out: list[int] = []
    for part in text.split(","):
        low, _, high = part.partition("-")
        out.extend(range(int(low), int(high or low) + 1))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tables", default="2018,generator,50,66,130x20",
                        help="comma-separated: 2018, generator, 50, 66, 130x20")
    parser.add_argument("--seeds", default="1-100", help="generator seeds, e.g. 1-100 or 3,5,11")
    parser.add_argument("--runs", type=int, default=5, help="runs of the 2018 table (median)")
    parser.add_argument("--time-limit", type=float, default=60.0, help="budget per analysis, seconds")
    args = parser.parse_args()
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"bench_caller_theme {datetime.now():%Y-%m-%d %H:%M}, {os.cpu_count()} cores, "
          f"load average {load} (figures are inflated when others use the cores)", flush=True)
    for name in args.tables.split(","):
        if name == "2018":
            bench_2018(args.runs, args.time_limit)
        elif name == "generator":
            bench_generator(_seeds(args.seeds), args.time_limit)
        elif name in ("50", "66", "130x20"):
            bench_large(name, args.time_limit)
        else:
            raise SystemExit(f"unknown table {name!r}: use 2018, generator, 50, 66 or 130x20")
    print(f"load average at the end {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
