"""Reconstruct any damaged cross table: ``python -m meldpunt1712.reconstruct TABLE.json [--time-limit SECONDS]``.

A damaged table lost its empty cells: each row keeps only its non-empty
values, left to right, and its total; the column totals survive.  This
command finds, for every cell, the smallest and largest value it takes over
all placements of the values that meet every total, and one such placement
(the best estimate, see docs/reconstruction.md).

Input (columns by position; ``column_labels`` is optional and only checked)::

    {"rows": [{"code": "1100", "values": [154, 15], "total": 169}, ...],
     "column_totals": [2769, 117, ...]}

Output on stdout, one cell per row x column (``column`` is the 0-based
position)::

    {"status": "exact" | "partial", "seconds": 1.2,
     "cells": [{"row": "1100", "column": 0, "min": 0, "max": 4, "exact": true, "estimate": 2}, ...]}

``status`` is "partial" when the time limit ran out first: then every
interval still holds every value the cell can take, ``exact`` says which
intervals are proven tight, and ``estimate`` (a placement meeting every
total, or null if none was found in time) is not proven the closest to
independence.  Exit code 1, with a message on stderr naming the row or the
column, when the input is malformed or no placement fits the totals.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from meldpunt1712.caller_theme import CrossTable, InfeasibleTableError, analyse


class InputError(ValueError):
    """The JSON file does not describe a table; the message says where."""


def read_table(path: Path) -> CrossTable:
    """The table of a JSON file in the command's input format."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise InputError(f"{path}: cannot read: {error.strerror or error}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: not valid JSON: {error}") from None
    if not isinstance(data, dict):
        raise InputError(f"{path}: expected an object with 'rows' and 'column_totals'")
    missing = [key for key in ("rows", "column_totals") if key not in data]
    if missing:
        raise InputError(f"{path}: missing {', '.join(repr(k) for k in missing)}")
    totals = data["column_totals"]
    if not isinstance(totals, list) or not totals or not all(_whole(t) and t >= 0 for t in totals):
        raise InputError(f"{path}: 'column_totals' must be a non-empty list of whole numbers >= 0")
    labels = data.get("column_labels")
    if labels is not None and (not isinstance(labels, list) or len(labels) != len(totals)):
        raise InputError(f"{path}: 'column_labels' must list one label per column total ({len(totals)})")
    if not isinstance(data["rows"], list):
        raise InputError(f"{path}: 'rows' must be a list")
    rows = [_row(path, k, row) for k, row in enumerate(data["rows"])]
    # every position its own theme: no label ambiguity here
    return CrossTable.from_printed(rows, totals, [f"column_{p}" for p in range(len(totals))])


def _row(path: Path, k: int, row: object) -> tuple[str, list[int], int]:
    where = f"{path}: rows[{k}]"
    if not isinstance(row, dict):
        raise InputError(f"{where}: expected an object with 'code', 'values' and 'total'")
    code = row.get("code")
    if not isinstance(code, (str, int)) or isinstance(code, bool) or str(code) == "":
        raise InputError(f"{where}: 'code' must be a non-empty text")
    where = f"{path}: row '{code}'"
    values, total = row.get("values"), row.get("total")
    if not isinstance(values, list) or not all(_whole(v) and v > 0 for v in values):
        raise InputError(f"{where}: 'values' must be a list of whole numbers > 0 (empty cells are left out)")
    if not _whole(total):
        raise InputError(f"{where}: 'total' must be a whole number")
    if sum(values) != total:
        raise InputError(f"{where}: values sum to {sum(values)} but the total is {total}")
    return str(code), values, total


def _whole(x: object) -> bool:
    return isinstance(x, int) and not isinstance(x, bool)


def result_json(table: CrossTable, time_limit: float | None) -> dict:
    """The command's output for ``table``."""
    analysis = analyse(table, time_limit=time_limit)
    best = analysis.best_placement
    cells = []
    for cell in analysis.cells:
        estimate = None
        if best is not None:
            row = next(r for r in table.rows if r.key == cell.row_key)
            estimate = dict(zip(best[cell.row_key], row.values)).get(cell.position, 0)
        cells.append({"row": cell.row_key, "column": cell.position - 1, "min": cell.min, "max": cell.max,
                      "exact": cell.bounds_are_exact, "estimate": estimate})
    return {"status": analysis.status, "seconds": round(analysis.seconds, 2), "cells": cells}


def main(argv: list[str] | None = None) -> int:
    """`python -m meldpunt1712.reconstruct`: the JSON on stdout and exit code 0, or a message on stderr and 1."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0].split(": ``")[0])
    parser.add_argument("table", type=Path, help="the damaged table as JSON (see --help)")
    parser.add_argument("--time-limit", type=float, default=None, metavar="SECONDS",
                        help="stop after this many seconds with a sound partial answer (default: no limit)")
    args = parser.parse_args(argv)
    if args.time_limit is not None and args.time_limit < 0:
        parser.error("--time-limit must be 0 or more seconds")
    try:
        table = read_table(args.table)
        result = result_json(table, args.time_limit)
    except InputError as error:
        print(f"reconstruct: {error}", file=sys.stderr)
        return 1
    except InfeasibleTableError as error:
        print(f"reconstruct: {args.table}: no placement fits the totals: {error}", file=sys.stderr)
        return 1
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
