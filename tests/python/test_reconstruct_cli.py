"""`python -m meldpunt1712.reconstruct TABLE.json`, run as a user runs it: a subprocess.

The expected cells come from the brute-force enumerator of test_caller_theme,
which shares no code with the package.
"""
from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from test_caller_theme import brute_expectations, brute_placements, simple_table


def reconstruct(tmp_path: Path, table: object, *options: str) -> subprocess.CompletedProcess:
    """The CLI's run; its `wall_seconds` attribute is how long the whole process took, seen from outside."""
    path = tmp_path / "table.json"
    path.write_text(table if isinstance(table, str) else json.dumps(table), encoding="utf-8")
    started = time.perf_counter()
    run = subprocess.run([sys.executable, "-m", "meldpunt1712.reconstruct", str(path), *options],
                         capture_output=True, text=True, timeout=300)
    run.wall_seconds = time.perf_counter() - started
    return run


TABLE = {
    "rows": [{"code": "1100", "values": [1, 1], "total": 2}, {"code": "1200", "values": [1, 1], "total": 2},
             {"code": "1300", "values": [3], "total": 3}],
    "column_totals": [1, 2, 1, 3],
}


def expected_ranges(table: dict) -> dict[tuple[str, int], tuple[int, int]]:
    cross = simple_table([(r["code"], r["values"], r["total"]) for r in table["rows"]], table["column_totals"])
    _, cell_values, _ = brute_expectations(cross, brute_placements(cross))
    return {(row, position - 1): (min(v), max(v)) for (row, position), v in cell_values.items()}


def test_prints_every_cell_with_exact_bounds_and_an_estimate(tmp_path: Path) -> None:
    run = reconstruct(tmp_path, TABLE)
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    assert set(result) == {"status", "seconds", "cells"}
    assert result["status"] == "exact"
    # the analysis' own time, in seconds: a float no longer than the process that printed it lived
    assert isinstance(result["seconds"], float) and 0 <= result["seconds"] <= run.wall_seconds, \
        (result["seconds"], run.wall_seconds)
    cells = {(c["row"], c["column"]): c for c in result["cells"]}
    assert len(result["cells"]) == len(cells) == 3 * 4
    assert all(set(c) == {"row", "column", "min", "max", "exact", "estimate"} for c in result["cells"])
    assert {k: (c["min"], c["max"]) for k, c in cells.items()} == expected_ranges(TABLE)
    assert all(c["exact"] for c in result["cells"])
    for row in TABLE["rows"]:
        estimate = [cells[row["code"], p]["estimate"] for p in range(4)]
        assert [v for v in estimate if v] == row["values"]
    for p, total in enumerate(TABLE["column_totals"]):
        assert sum(cells[r["code"], p]["estimate"] for r in TABLE["rows"]) == total
    assert cells["1300", 3] == {"row": "1300", "column": 3, "min": 3, "max": 3, "exact": True, "estimate": 3}


def test_a_zero_time_limit_gives_a_sound_partial_answer(tmp_path: Path) -> None:
    run = reconstruct(tmp_path, TABLE, "--time-limit", "0")
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    assert result["status"] == "partial"
    truth = expected_ranges(TABLE)
    for c in result["cells"]:
        low, high = truth[c["row"], c["column"]]
        assert c["min"] <= low and high <= c["max"]
        if c["exact"]:
            assert (c["min"], c["max"]) == (low, high)


@pytest.mark.parametrize("table, message", [
    ({"rows": [{"code": "A", "values": [3], "total": 3}, {"code": "B", "values": [3], "total": 3}],
      "column_totals": [4, 2]}, "column 1 (total 4): no placement reaches this total"),
    ({"rows": [{"code": "1100", "values": [154, 15], "total": 170}], "column_totals": [154, 16]},
     "row '1100': values sum to 169 but the total is 170"),
    ({"rows": [{"code": "A", "values": [2], "total": 2}], "column_totals": [1, 2]},
     "row totals sum to 2 but column totals sum to 3"),
    ({"rows": [{"code": "A", "values": [1, 0], "total": 1}], "column_totals": [1, 0]},
     "row 'A': 'values' must be a list of whole numbers > 0"),
    ({"rows": [{"code": "A", "values": [1], "total": 1}]}, "missing 'column_totals'"),
    ('{"rows": [', "not valid JSON"),
])
def test_bad_input_fails_with_a_message_naming_the_problem(tmp_path: Path, table: object, message: str) -> None:
    run = reconstruct(tmp_path, table)
    assert run.returncode == 1
    assert run.stdout == ""
    assert message in run.stderr
    assert "Traceback" not in run.stderr
