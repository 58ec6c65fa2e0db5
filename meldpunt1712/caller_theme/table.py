"""The printed table and the checks that need no search.

A *placement* puts every printed value of a row in a distinct column, keeping
the printed order (strictly increasing column positions), leaves all other
cells of the row empty (zero), and makes every column add up to its printed
total.  The printed row totals then hold once the printed values add up to
them, which :func:`check_shape` checks.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence


class InfeasibleTableError(ValueError):
    """The printed numbers admit no placement (or are malformed).

    The message names the offending row or column in plain words; solver
    internals never leak into it.
    """


@dataclass(frozen=True)
class Row:
    """One printed row: its key, its non-empty cells in printed order, its total."""

    key: str
    values: tuple[int, ...]
    total: int


@dataclass(frozen=True)
class Column:
    """One printed column.

    ``position`` is 1-based in printed order.  ``theme_candidates`` holds one
    theme when the label is known; columns whose labels are interchangeable
    all list the same candidate themes (one per column of the group), which
    is how a group is recognised.
    """

    position: int
    total: int
    theme_candidates: tuple[str, ...]


@dataclass(frozen=True)
class CrossTable:
    """The printed table: rows in printed order and columns in printed order."""

    rows: tuple[Row, ...]
    columns: tuple[Column, ...]

    @classmethod
    def from_printed(
        cls,
        rows: Iterable[tuple[str, Sequence[int], int]],
        column_totals: Sequence[int],
        themes: Sequence[str | Sequence[str]],
    ) -> "CrossTable":
        """Build a table from plain lists.

        ``themes[p]`` is the theme of column position ``p + 1``, or a
        sequence of interchangeable themes shared by every column of its
        group, e.g. ``("ritual_violence", "forced_adoption")`` at both
        positions 9 and 12.
        """
        if len(themes) != len(column_totals):
            raise InfeasibleTableError(
                f"{len(column_totals)} column totals but {len(themes)} theme entries"
            )
        columns = tuple(
            Column(p + 1, int(t), (th,) if isinstance(th, str) else tuple(th))
            for p, (t, th) in enumerate(zip(column_totals, themes))
        )
        return cls(
            rows=tuple(Row(str(k), tuple(int(v) for v in vs), int(tot)) for k, vs, tot in rows),
            columns=columns,
        )

    @property
    def grand_total(self) -> int:
        """Sum of the column totals (the printed grand total when consistent)."""
        return sum(c.total for c in self.columns)


def check_shape(table: CrossTable) -> None:
    """Checks that need no search: types, sums, label groups."""
    cols = table.columns
    if not cols:
        raise InfeasibleTableError("the table has no columns")
    for expected, col in enumerate(cols, start=1):
        if col.position != expected:
            raise InfeasibleTableError(
                f"column positions must be 1..{len(cols)} in printed order; "
                f"found position {col.position} where {expected} was expected"
            )
        if not isinstance(col.total, int) or col.total < 0:
            raise InfeasibleTableError(
                f"column {col.position}: total {col.total!r} is not a non-negative integer"
            )
        if not col.theme_candidates:
            raise InfeasibleTableError(f"column {col.position}: no theme given")
    _check_theme_groups(cols)
    seen: set[str] = set()
    for row in table.rows:
        if row.key in seen:
            raise InfeasibleTableError(f"row '{row.key}' appears more than once")
        seen.add(row.key)
        for i, v in enumerate(row.values, start=1):
            if not isinstance(v, int) or v <= 0:
                raise InfeasibleTableError(
                    f"row '{row.key}': printed value {i} is {v!r}; only positive "
                    "integers are printed (empty cells are dropped)"
                )
        if len(row.values) > len(cols):
            raise InfeasibleTableError(
                f"row '{row.key}' has {len(row.values)} values but only "
                f"{len(cols)} columns"
            )
        if sum(row.values) != row.total:
            raise InfeasibleTableError(
                f"row '{row.key}': printed values sum to {sum(row.values)} "
                f"but printed row total is {row.total}"
            )
    rows_sum = sum(r.total for r in table.rows)
    if rows_sum != table.grand_total:
        raise InfeasibleTableError(
            f"row totals sum to {rows_sum} but column totals sum to {table.grand_total}"
        )


def theme_groups(cols: Sequence[Column]) -> dict[frozenset[str], list[Column]]:
    """Columns by the set of themes they may carry, in printed order."""
    groups: dict[frozenset[str], list[Column]] = {}
    for col in cols:
        groups.setdefault(frozenset(col.theme_candidates), []).append(col)
    return groups


def _check_theme_groups(cols: Sequence[Column]) -> None:
    """Each theme belongs to one column or to one group of interchangeable columns."""
    owner: dict[str, frozenset[str]] = {}
    for themes, members in theme_groups(cols).items():
        where = ", ".join(str(c.position) for c in members)
        if len(themes) != len(members[0].theme_candidates):
            raise InfeasibleTableError(f"column {members[0].position}: a theme is listed twice")
        if len(members) != len(themes):
            raise InfeasibleTableError(
                f"column(s) {where}: {len(themes)} interchangeable theme(s) "
                f"{sorted(themes)} need exactly {len(themes)} column(s)"
            )
        if len({c.total for c in members}) > 1:
            raise InfeasibleTableError(
                f"columns {where} share interchangeable themes but have different "
                f"totals {[c.total for c in members]}; totals would tell them apart"
            )
        for theme in themes:
            if theme in owner:
                raise InfeasibleTableError(
                    f"theme '{theme}' is listed for column(s) {where} and elsewhere"
                )
            owner[theme] = themes


def row_domains(values: Sequence[int], totals: Sequence[int]) -> list[tuple[int, ...]]:
    """Columns (0-based) each value of one row can take, ignoring the other rows.

    Value i needs a column whose total is at least the value, after some
    admissible column of value i-1 and before some admissible column of value
    i+1.  Because "after some column of the previous value" only depends on
    the previous value's leftmost option, one forward and one backward pass
    suffice.
    """
    n_cols, k = len(totals), len(values)
    lo = [n_cols] * k
    prev = -1
    for i, v in enumerate(values):
        lo[i] = next((c for c in range(prev + 1, n_cols) if totals[c] >= v), n_cols)
        prev = lo[i]
    hi = [-1] * k
    nxt = n_cols
    for i in range(k - 1, -1, -1):
        hi[i] = next((c for c in range(nxt - 1, -1, -1) if totals[c] >= values[i]), -1)
        nxt = hi[i]
    return [
        tuple(c for c in range(lo[i], hi[i] + 1) if totals[c] >= values[i]) for i in range(k)
    ]


def check_rows_fit(table: CrossTable) -> None:
    """Every value of every row fits somewhere, looking at that row alone."""
    totals = [c.total for c in table.columns]
    for row in table.rows:
        for i, (v, dom) in enumerate(zip(row.values, row_domains(row.values, totals)), start=1):
            if not dom:
                big = [c.position for c in table.columns if c.total >= v]
                raise InfeasibleTableError(
                    f"row '{row.key}': printed value {i} ({v}) cannot be placed "
                    f"left to right; columns with a total of at least {v}: {big}"
                )


def placement_errors(table: CrossTable, placement: Sequence[Sequence[int]]) -> list[str]:
    """Every constraint a placement (1-based positions per row) breaks; empty if valid."""
    errors: list[str] = []
    sums = [0] * len(table.columns)
    if len(placement) != len(table.rows):
        return [f"{len(placement)} rows placed but the table has {len(table.rows)}"]
    for row, pos in zip(table.rows, placement):
        if len(pos) != len(row.values):
            errors.append(f"row '{row.key}': {len(pos)} positions for {len(row.values)} values")
            continue
        if any(not 1 <= p <= len(table.columns) for p in pos):
            errors.append(f"row '{row.key}': position outside 1..{len(table.columns)}")
            continue
        if any(a >= b for a, b in zip(pos, pos[1:])):
            errors.append(f"row '{row.key}': positions {tuple(pos)} do not keep printed order")
        if sum(row.values) != row.total:
            errors.append(f"row '{row.key}': values do not add up to the row total")
        for v, p in zip(row.values, pos):
            sums[p - 1] += v
    for col, s in zip(table.columns, sums):
        if s != col.total:
            errors.append(f"column {col.position}: placed values sum to {s}, total is {col.total}")
    return errors
