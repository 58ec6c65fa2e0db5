"""Benchmark of :func:`meldpunt1712.caller_theme.analyse`.

Run as ``python -m meldpunt1712.bench_caller_theme`` from the repository root.
Prints the median wall time over several runs for the 2018 table and for a
synthetic table four times larger (130 rows x 20 columns).  Nothing here is
timed inside pytest.

``--first-placement`` instead times how long each exact engine available
here takes to find a single placement (propagation and model building
included), each in its own process that is killed at the time limit: the
evidence for why the synthetic table misses its target.

The 2018 table is read from the test fixture (tests/python/test_caller_theme.py)
so that the figures live in one place; production code gets them from dbt seeds.
"""

from __future__ import annotations

import argparse
import importlib.util
import multiprocessing
import random
import statistics
import time
from pathlib import Path

from meldpunt1712 import caller_theme as ct

_FIXTURE = Path(__file__).resolve().parent.parent / "tests" / "python" / "test_caller_theme.py"


def table_2018() -> ct.CrossTable:
    """The 2018 table from the test fixture file."""
    spec = importlib.util.spec_from_file_location("_caller_theme_fixture", _FIXTURE)
    if spec is None or spec.loader is None:
        raise FileNotFoundError(f"test fixture not found: {_FIXTURE}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.table_2018()


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


def _bench(name: str, table: ct.CrossTable, runs: int, time_limit: float, target: float) -> None:
    n_values = sum(len(r.values) for r in table.rows)
    print(
        f"{name}: {len(table.rows)} rows x {len(table.columns)} columns, {n_values} values "
        f"(target: median {target:.0f} s or less)"
    )
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        try:
            analysis = ct.analyse(table, time_limit=time_limit)
        except TimeoutError:
            print(f"  run did not finish within {time_limit:.0f} s")
            return
        times.append(time.perf_counter() - start)
        print(f"  run {len(times)}: {times[-1]:.2f} s", flush=True)
    summary = analysis.summary()
    print(
        f"  median {statistics.median(times):.2f} s over {runs} runs; "
        f"{summary['values_certain_position']}/{summary['values']} values certain; "
        f"best estimate X2 {analysis.best_chi_square:.1f}"
    )


FIRST_PLACEMENT_ENGINES = ("glucose4", "cadical195", "highs")


def _find_first_placement(table: ct.CrossTable, engine: str) -> None:
    """Build the exact model of ``table`` and find one placement with ``engine``."""
    prob = ct._Problem(table)
    if engine == "highs":
        program = ct._estimate_program(prob)
        program.cost[:] = 0  # feasibility only: the first placement HiGHS finds
        found = ct._solve_estimate(program, None) is not None
    else:
        found = ct._Sat(prob, solver=engine).solve()
    if not found:
        raise SystemExit(f"{engine} reports no placement")


def _survey_first_placement(name: str, table: ct.CrossTable, runs: int, time_limit: float) -> None:
    print(f"{name}: time to one placement, per engine (limit {time_limit:.0f} s per run)")
    context = multiprocessing.get_context("fork")
    for engine in FIRST_PLACEMENT_ENGINES:
        times = []
        for _ in range(runs):
            process = context.Process(target=_find_first_placement, args=(table, engine))
            start = time.perf_counter()
            process.start()
            process.join(time_limit)
            elapsed = time.perf_counter() - start
            if process.is_alive():
                process.kill()
                process.join()
                break
            if process.exitcode != 0:
                raise RuntimeError(f"{engine} failed on the {name} (exit code {process.exitcode})")
            times.append(elapsed)
        if len(times) < runs:
            print(f"  {engine}: a run found none within {time_limit:.0f} s", flush=True)
        else:
            print(
                f"  {engine}: median {statistics.median(times):.2f} s over {runs} runs "
                f"({min(times):.2f}-{max(times):.2f} s)",
                flush=True,
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--time-limit", type=float, default=120.0, help="seconds per run")
    parser.add_argument(
        "--first-placement",
        action="store_true",
        help="time each exact engine's first placement instead of the whole analysis",
    )
    args = parser.parse_args()
    real = table_2018()
    tables = {"2018 table": real, "synthetic 4x table": synthetic_table(real)}
    if args.first_placement:
        for name, table in tables.items():
            _survey_first_placement(name, table, args.runs, args.time_limit)
        return
    for (name, table), target in zip(tables.items(), (5, 60)):
        _bench(name, table, args.runs, args.time_limit, target=target)


if __name__ == "__main__":
    main()
