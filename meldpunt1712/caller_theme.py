"""Reconstruct the "caller type x theme" cross table from its lossy text.

Why this module exists
----------------------
The annual report prints a cross table of caller types (rows) by themes
(columns).  PDF-to-text extraction dropped the empty cells, so every row only
keeps its non-empty cells left to right, followed by the row total.  The
column totals line survives, so the column *order* and each column's total are
known, but which column a printed value belongs to is not.

A *placement* puts every printed value of a row in a distinct column, keeping
the printed order (strictly increasing column positions), leaves all other
cells of the row empty (zero), and makes every column add up to its printed
total.  The printed row totals hold automatically once the printed values add
up to them, which :func:`validate` checks.

What can be said with certainty
-------------------------------
A cell ``(row, column position)`` is either empty or holds exactly one printed
value of that row.  Hence the set of values the cell takes over all
placements is::

    {0 if some placement leaves the cell empty}
    ∪ {v_i : some placement puts printed value i (= v_i) in that cell}

so exact integer bounds follow from two kinds of yes/no questions, with no
optimisation per cell:

* *value literal* (row, i, c): does some placement put printed value i in c?
* *empty literal* (row, c): does some placement leave the cell empty?  This is
  not implied by the value literals (a cell can be occupied in every placement
  by different printed values), so it is asked separately.

``min = 0`` if the empty literal holds, else the smallest value that can sit
there; ``max`` is the largest value that can sit there (0 if none).  Because
the bounds come from the *set* of attainable values, a cell is certain when
equal printed values swap places (e.g. two 1s of a row that can each be the
one in column 9) even though which printed value lands there is not.

Themes versus column positions
------------------------------
Columns with equal totals can carry interchangeable labels (in 2018 the two
columns totalling 1 are "ritual violence" and "forced adoption" in an order
the text does not give).  The caller wants figures per theme.  Any bijection
between the positions of such a group and its themes is admissible, and it
is admissible independently of the placement (the totals are equal, so every
placement stays valid under every labelling).  So for a theme ``t`` whose
group occupies positions ``G`` the attainable values of cell (row, t) are the
union over ``p`` in ``G`` of the attainable values of cell (row, p), hence::

    min(row, t) = min_{p in G} min(row, p),   max(row, t) = max_{p in G} max(row, p)

and the cell is certain iff that union is a single number.  These are
per-cell (marginal) bounds; joint facts (one labelling applies to the whole
table) still hold but are not expressible cell by cell.

How the exact answers are computed (and why this way)
-----------------------------------------------------
The question set is ~1,500 literals for the 2018 table.  One CP-SAT call per
literal (30-100 ms each: the column equalities behave like subset sums) takes
minutes, so literals are decided in stages, each exact:

1. *Propagation.*  Per row: value i of a row with k values can only sit in
   positions ``i..C-k+i`` whose column total is at least the value, and only
   where the values before/after it still fit.  Per column: a value can sit
   in a column only if the column total can be completed with at most one
   option (a value or "empty") from every other row, checked exactly with
   subset-sum bitsets; a cell no completion can leave empty must be
   occupied.  Iterated to a fixpoint.  Only removes impossible literals.
2. *Witness harvesting without the solver.*  Every literal true in some
   placement is feasible.  From a placement, (a) an exact two-row exchange
   DP enumerates the re-placements of a pair of rows that keep the pair's
   combined column vector, and (b) a breadth-first search finds cycles of
   rows each shifting one equal value inside its own gap.  Each new
   placement is a witness and is explored further.
3. *CP-SAT for the rest.*  Each call requires "at least one still-open
   literal is true"; a solution decides at least one literal and seeds stage
   2 again; infeasibility proves at once that every remaining literal is
   impossible.  Solver settings change the run time, never the answer.

Measured on the 2-core machine (``python -m meldpunt1712.bench_caller_theme``):
the 2018 table takes ~8-14 s, mostly ~100 CP-SAT calls of stage 3 and the
pair sweeps after each; the synthetic 130 x 20 table does not finish in
120 s because CP-SAT alone needs 6-70 s (or more) to find even a first
placement there.  ``time_limit`` turns an overrun into TimeoutError instead
of an inexact answer.

Best estimate
-------------
The brief suggested the Poisson likelihood under independence
(``E_rc = R_r T_c / N``).  It cannot rank placements: ``sum x log E`` equals
``sum_r R_r log R_r + sum_c T_c log T_c - N log N`` for *every* placement
(row and column sums are fixed), ``sum E`` is constant and ``sum log x!`` is
constant because the same printed values are placed each time.  The same
holds for the multinomial/hypergeometric likelihood and for the deviance G².
Pearson's X² = ``sum (x - E)² / E`` does discriminate: it equals
``N * sum_placed v² / (R_r T_c) - N``.  The estimate is therefore the
placement closest to independence in this sense (minimum X²): it puts large
values in large columns and fills small columns from large rows, claiming no
association the margins do not force.  Weights ``v²/(R_r T_c)`` are rounded
to integers at a resolution of 1e-9 (placements closer than that tie).

The exact X² optimum (``exact_estimate=True``; ties broken by the
lexicographically smallest vector of column positions, rows in table order,
values in printed order) costs ~10 s on the 2018 table, because many small
values nearly tie; CP-SAT and HiGHS behave alike.  The default is an X²
descent: start from the solver's first placement (deterministic: one
worker, fixed model) and apply the cheapest exact two-row exchange while it
strictly lowers X², sweeping pairs in table order.  It is deterministic and
satisfies every constraint, but is a local optimum (X² 3770 versus the
optimum 3437 for 2018).

Within an ambiguous label group the positions, in ascending order, get the
candidate themes in the order the input lists them (X² is label-invariant
there, so this is a convention; ``is_certain`` flags it).

The module is independent of dbt/duckdb: plain Python data in, frozen
dataclasses out, plus :func:`to_frames` for pandas.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from math import isfinite
import time
from typing import TYPE_CHECKING, Callable, Iterable, Sequence

from ortools.sat.python import cp_model

if TYPE_CHECKING:  # pandas is only needed by to_frames()
    import pandas as pd

__all__ = [
    "Analysis",
    "CellRange",
    "Column",
    "CrossTable",
    "InfeasibleTableError",
    "Row",
    "ThemeCellRange",
    "ValueOptions",
    "analyse",
    "chi_square",
    "placement_errors",
    "to_frames",
    "validate",
]

# Integer resolution of the X² weights v²/(R·T) (each weight is <= 1 because a
# value never exceeds its row total or its column total).
_WEIGHT_SCALE = 10**9
# Two workers on the two-core machine; results do not depend on it (every
# answer is either a witnessed placement or a proof), only run time does.
_WORKERS = 2
# Weight of a literal proven impossible (never chosen by the descent).
_INFEASIBLE_WEIGHT = 1 << 62


class InfeasibleTableError(ValueError):
    """The printed numbers admit no placement (or are malformed).

    The message names the offending row or column in plain words; solver
    internals never leak into it.
    """


# --------------------------------------------------------------------------
# Input
# --------------------------------------------------------------------------


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

    @property
    def is_ambiguous(self) -> bool:
        """True when the column's theme is one of several interchangeable ones."""
        return len(self.theme_candidates) > 1


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


# --------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class ValueOptions:
    """Where one printed value can go.

    ``positions``: the column positions it occupies in at least one full
    placement; ``themes``: the themes it can therefore count towards.
    """

    row_key: str
    index: int  # 1-based printed position within the row
    value: int
    positions: tuple[int, ...]
    themes: tuple[str, ...]
    best_position: int

    @property
    def is_certain(self) -> bool:
        """True when every placement puts this value in the same column."""
        return len(self.positions) == 1


class _Bounded:
    """Shared by the cell types: exact ``min``/``max`` and the estimate ``best``."""

    min: int
    max: int

    @property
    def is_certain(self) -> bool:
        """True when every placement (and admissible labelling) agrees on the cell."""
        return self.min == self.max


@dataclass(frozen=True)
class CellRange(_Bounded):
    """Exact bounds of cell (row, column position) over all placements."""

    row_key: str
    position: int
    min: int
    max: int
    best: int


@dataclass(frozen=True)
class ThemeCellRange(_Bounded):
    """Exact bounds of cell (row, theme) over all placements and labellings."""

    row_key: str
    theme: str
    positions: tuple[int, ...]  # column positions that may carry this theme
    min: int
    max: int
    best: int


@dataclass(frozen=True)
class Analysis:
    """Everything :func:`analyse` derives from a :class:`CrossTable`."""

    table: CrossTable
    values: tuple[ValueOptions, ...]
    cells: tuple[CellRange, ...]  # row-major, positions ascending
    theme_cells: tuple[ThemeCellRange, ...]  # row-major, themes in column order
    best_placement: dict[str, tuple[int, ...]]  # row key -> 1-based positions
    best_theme_of_position: dict[int, str]  # labelling used by the estimate
    best_chi_square: float

    def cell(self, row_key: str, position: int) -> CellRange:
        """Bounds of cell (row, column position)."""
        return self._cell_index()[row_key, position]

    def theme_cell(self, row_key: str, theme: str) -> ThemeCellRange:
        """Bounds of cell (row, theme)."""
        return self._theme_index()[row_key, theme]

    def is_certain(self, row_key: str, theme: str) -> bool:
        """True when cell (row, theme) has one value under every placement and labelling."""
        return self.theme_cell(row_key, theme).is_certain

    def summary(self) -> dict[str, int]:
        """Counts of what is certain, for logging and reporting."""
        certain_values = [v for v in self.values if v.is_certain]
        certain_theme_values = [v for v in certain_values if len(v.themes) == 1]
        return {
            "values": len(self.values),
            "contacts": sum(v.value for v in self.values),
            "values_certain_position": len(certain_values),
            "contacts_certain_position": sum(v.value for v in certain_values),
            "values_certain_theme": len(certain_theme_values),
            "contacts_certain_theme": sum(v.value for v in certain_theme_values),
            "theme_cells": len(self.theme_cells),
            "theme_cells_certain": sum(c.is_certain for c in self.theme_cells),
        }

    def _cell_index(self) -> dict[tuple[str, int], CellRange]:
        return {(c.row_key, c.position): c for c in self.cells}

    def _theme_index(self) -> dict[tuple[str, str], ThemeCellRange]:
        return {(c.row_key, c.theme): c for c in self.theme_cells}


# --------------------------------------------------------------------------
# Compiled problem and propagation
# --------------------------------------------------------------------------


class _Wipeout(Exception):
    """Propagation proved that no placement exists; ``message`` names where."""


class _Problem:
    """Index-based view of a table (0-based columns) with propagated domains.

    ``domains[r][i]``: columns printed value i of row r may take;
    ``must[r]``: cells of row r that are occupied in every placement;
    ``cell_cols[r]``: cells of row r that some value may occupy.
    """

    def __init__(self, table: CrossTable, propagate: bool = True) -> None:
        self.table = table
        self.totals = [c.total for c in table.columns]
        self.n_cols = len(self.totals)
        self.values = [r.values for r in table.rows]
        self.domains = [_row_domains(vs, self.totals) for vs in self.values]
        self.must: list[set[int]] = [set() for _ in self.values]
        if propagate:
            self.domains, self.must = _propagate(self)
        self.cell_cols = [sorted({c for dom in doms for c in dom}) for doms in self.domains]
        # cells whose "empty" literal is still open (must-cells are never empty)
        self.emptiable = [
            [c for c in cells if c not in must] for cells, must in zip(self.cell_cols, self.must)
        ]
        self.emptiable_set = [set(cells) for cells in self.emptiable]

    def row_label(self, r: int) -> str:
        return f"row '{self.table.rows[r].key}'"

    def column_label(self, c: int) -> str:
        return f"column {c + 1} (total {self.totals[c]})"


def _row_domains(values: Sequence[int], totals: Sequence[int]) -> list[tuple[int, ...]]:
    """Columns each value of one row can take, ignoring the other rows.

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


def _row_filter(k: int, dom: list[int], must: int, n_cols: int) -> tuple[list[int], int] | None:
    """Exact consistency of one row on its own (domains as column bitmasks).

    Walks the columns left to right; state = number of values already placed
    (a bitmask over 0..k).  A column may be skipped unless it must be
    occupied.  Returns the columns each value can take on some complete walk
    and the bitmask of columns some walk leaves empty, or None if no walk
    exists.
    """
    fwd = [0] * (n_cols + 1)
    fwd[0] = 1
    for c in range(n_cols):
        f = fwd[c]
        placeable = 0
        for i in range(k):
            if (f >> i) & 1 and (dom[i] >> c) & 1:
                placeable |= 1 << i
        fwd[c + 1] = (0 if (must >> c) & 1 else f) | (placeable << 1)
    if not (fwd[n_cols] >> k) & 1:
        return None
    back = 1 << k
    new_dom = [0] * k
    avoidable = 0
    for c in range(n_cols - 1, -1, -1):
        skip = 0 if (must >> c) & 1 else back
        place = 0
        f = fwd[c]
        for i in range(k):
            if (dom[i] >> c) & 1 and (back >> (i + 1)) & 1:
                place |= 1 << i
                if (f >> i) & 1:
                    new_dom[i] |= 1 << c
        if skip & f:
            avoidable |= 1 << c
        back = skip | place
    return new_dom, avoidable


def _propagate(prob: _Problem) -> tuple[list[tuple[int, ...]], list[set[int]]]:
    """Arc consistency of the row-order and column-total constraints.

    Column constraint: value i of row r may sit in column c only if the
    column total can be completed with at most one option (a value or
    "empty") from every other row; checked exactly with prefix/suffix
    subset-sum bitsets (Python integers), O(rows) per column.  Likewise a
    cell that no completion can leave empty must be occupied.  Everything
    removed here is impossible in every placement, so this only shrinks the
    search; it never decides feasibility on its own.  Raises _Wipeout.
    """
    n_cols, totals, values = prob.n_cols, prob.totals, prob.values
    n_rows = len(values)
    dom = [[sum(1 << c for c in d) for d in doms] for doms in prob.domains]
    must = [0] * n_rows
    avoidable = [0] * n_rows
    dirty_rows = set(range(n_rows))
    dirty_cols = set(range(n_cols))
    while dirty_rows or dirty_cols:
        for r in sorted(dirty_rows):
            res = _row_filter(len(values[r]), dom[r], must[r], n_cols)
            if res is None:
                raise _Wipeout(
                    f"{prob.row_label(r)}: its values cannot be placed left to right "
                    "in columns whose totals can still take them"
                )
            new_dom, avoidable[r] = res
            for old, new in zip(dom[r], new_dom):
                gone = old ^ new
                dirty_cols.update(c for c in range(n_cols) if (gone >> c) & 1)
            dom[r] = new_dom
        dirty_rows = set()
        for c in sorted(dirty_cols):
            total = totals[c]
            options = [
                ([values[r][i] for i, d in enumerate(dom[r]) if (d >> c) & 1], (avoidable[r] >> c) & 1)
                for r in range(n_rows)
            ]
            mask = (1 << (total + 1)) - 1
            prefix = [1]
            for vals, empty in options:
                p = prefix[-1]
                acc = p if empty else 0
                for v in vals:
                    acc |= p << v
                prefix.append(acc & mask)
            if not (prefix[-1] >> total) & 1:
                raise _Wipeout(f"{prob.column_label(c)}: no placement reaches this total")
            # suffix[r]: bit j set when rows r.. can add exactly total - j
            suffix = 1 << total
            for r in range(n_rows - 1, -1, -1):
                vals, empty = options[r]
                p = prefix[r]
                for i, d in enumerate(dom[r]):
                    if (d >> c) & 1 and not (p << values[r][i]) & suffix:
                        dom[r][i] &= ~(1 << c)
                        dirty_rows.add(r)
                if empty and not p & suffix:
                    must[r] |= 1 << c
                    dirty_rows.add(r)
                acc = suffix if empty else 0
                for v in vals:
                    acc |= suffix >> v
                suffix = acc
        dirty_cols = set()
    domains = [[tuple(c for c in range(n_cols) if (d >> c) & 1) for d in row] for row in dom]
    musts = [{c for c in range(n_cols) if (m >> c) & 1} for m in must]
    return domains, musts


# --------------------------------------------------------------------------
# Validation
# --------------------------------------------------------------------------


def _check_shape(table: CrossTable) -> None:
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


def _check_theme_groups(cols: Sequence[Column]) -> None:
    """Each theme belongs to one column or to one group of interchangeable columns."""
    groups: dict[frozenset[str], list[Column]] = {}
    for col in cols:
        groups.setdefault(frozenset(col.theme_candidates), []).append(col)
    owner: dict[str, frozenset[str]] = {}
    for themes, members in groups.items():
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


def _check_rows_fit(table: CrossTable) -> None:
    """Every value of every row fits somewhere, looking at that row alone."""
    totals = [c.total for c in table.columns]
    for row in table.rows:
        for i, (v, dom) in enumerate(zip(row.values, _row_domains(row.values, totals)), start=1):
            if not dom:
                big = [c.position for c in table.columns if c.total >= v]
                raise InfeasibleTableError(
                    f"row '{row.key}': printed value {i} ({v}) cannot be placed "
                    f"left to right; columns with a total of at least {v}: {big}"
                )


def validate(table: CrossTable, time_limit: float | None = None) -> None:
    """Raise :class:`InfeasibleTableError` unless at least one placement exists.

    Checks go from cheap to expensive so that the message names the culprit:
    shape and sums (row, grand total), each row on its own, each column on
    its own (a column total no combination of candidate values reaches),
    then propagation of all of these together (naming the row or column
    where it runs dry), and only then the full search; if that fails, a
    minimal set of column totals that cannot be met together is named.
    """
    _feasible_problem(table, _deadline(time_limit))


def _feasible_problem(
    table: CrossTable, deadline: float | None
) -> tuple[_Problem, list[tuple[int, ...]]]:
    """Validate and return the compiled problem with one placement."""
    _check_shape(table)
    _check_rows_fit(table)
    try:
        prob = _Problem(table)
    except _Wipeout as exc:
        raise InfeasibleTableError(str(exc)) from None
    placement = _Model(prob).solve(deadline=deadline)
    if placement is None:
        raise InfeasibleTableError(_explain_global_infeasibility(table, deadline))
    return prob, placement


def _explain_global_infeasibility(table: CrossTable, deadline: float | None) -> str:
    """Name a minimal set of column totals that no placement meets together.

    Deletion filter on the unpropagated model (propagation used every column
    total, so its domains are not valid once a total is dropped): drop a
    column's equality whenever the rest stays infeasible.  Dropping a single
    equality never helps on its own, since the grand total implies it; the
    filter handles that naturally.
    """
    prob = _Problem(table, propagate=False)
    enforced = list(range(prob.n_cols))
    for c in range(prob.n_cols):
        trial = [k for k in enforced if k != c]
        if _Model(prob, enforced_columns=trial).solve(deadline=deadline) is None:
            enforced = trial
    cols = ", ".join(prob.column_label(k) for k in enforced)
    return (
        "no placement meets all column totals at once, although every row and "
        f"every column is feasible on its own; these column totals conflict: {cols}"
    )


# --------------------------------------------------------------------------
# CP-SAT model
# --------------------------------------------------------------------------


def _deadline(time_limit: float | None) -> float | None:
    return None if time_limit is None else time.monotonic() + time_limit


def _timeout() -> TimeoutError:
    return TimeoutError("the caller x theme analysis ran out of its time limit")


def _check_deadline(deadline: float | None) -> None:
    if deadline is not None and time.monotonic() > deadline:
        raise _timeout()


class _Model:
    """CP-SAT model of all placements, built once per domain set.

    x[r, i, c] says "printed value i of row r sits in column c".  Order uses
    prefix sums: value i+1 sits at or before column c only if value i sits
    at or before c-1, which gives strictly increasing positions (and so at
    most one value per cell) with few, tight constraints; this was the
    fastest of the encodings tried (integer positions, clauses).
    """

    def __init__(
        self,
        prob: _Problem,
        domains: Sequence[Sequence[tuple[int, ...]]] | None = None,
        enforced_columns: Sequence[int] | None = None,
    ) -> None:
        self.prob = prob
        domains = prob.domains if domains is None else domains
        m = self.model = cp_model.CpModel()
        self.x: dict[tuple[int, int, int], cp_model.IntVar] = {}
        col_terms: list[list[tuple[int, cp_model.IntVar]]] = [[] for _ in range(prob.n_cols)]
        self.occupied: dict[tuple[int, int], cp_model.IntVar] = {}
        for r, (vs, doms) in enumerate(zip(prob.values, domains)):
            for i, (v, dom) in enumerate(zip(vs, doms)):
                for c in dom:
                    var = self.x[r, i, c] = m.new_bool_var(f"x_{r}_{i}_{c}")
                    col_terms[c].append((v, var))
                m.add_exactly_one(self.x[r, i, c] for c in dom)
                if i:
                    prev = doms[i - 1]
                    for c in dom:
                        m.add(
                            sum(self.x[r, i, d] for d in dom if d <= c)
                            <= sum(self.x[r, i - 1, d] for d in prev if d < c)
                        )
            for c in sorted({c for dom in doms for c in dom}):
                occ = self.occupied[r, c] = m.new_bool_var(f"o_{r}_{c}")
                m.add(sum(self.x[r, i, c] for i, dom in enumerate(doms) if c in dom) == occ)
                if c in prob.must[r]:
                    m.add(occ == 1)
        columns = range(prob.n_cols) if enforced_columns is None else enforced_columns
        for c in columns:
            m.add(sum(v * var for v, var in col_terms[c]) == prob.totals[c])

    def literal(self, lit: tuple) -> cp_model.IntVar:
        """CP-SAT literal of ('x', r, i, c) or ('e', r, c)."""
        if lit[0] == "x":
            return self.x[lit[1:]]
        return self.occupied[lit[1:]].Not()

    def solve(
        self,
        at_least_one: Sequence[tuple] = (),
        deadline: float | None = None,
    ) -> list[tuple[int, ...]] | None:
        """One placement (0-based positions per row), or None if there is none.

        ``at_least_one``: literals of which one must hold (added to a copy).
        """
        model = self.model
        if at_least_one:
            model = self.model.clone()
            model.add_bool_or([self.literal(lit) for lit in at_least_one])
        solver = _solver(deadline)
        status = solver.solve(model)
        if status == cp_model.INFEASIBLE:
            return None
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            raise _timeout()  # the solver stopped at the deadline
        return self.read(solver)

    def read(self, solver: cp_model.CpSolver) -> list[tuple[int, ...]]:
        """Decode a solver's solution into positions per row."""
        out: list[list[int]] = [[-1] * len(vs) for vs in self.prob.values]
        for (r, i, c), var in self.x.items():
            if solver.boolean_value(var):
                out[r][i] = c
        return [tuple(p) for p in out]


def _solver(deadline: float | None, workers: int = 1) -> cp_model.CpSolver:
    """A CP-SAT solver tuned for these small, propagation-heavy models.

    Measured on the 2018 table: one worker without presolve and without LP
    relaxation answers a feasibility query in ~30 ms, 3-10x faster than the
    default portfolio (the LP adds nothing to subset-sum style equalities).
    Results never depend on these settings, only the time does.
    """
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = workers
    if workers == 1:
        solver.parameters.cp_model_presolve = False
        solver.parameters.linearization_level = 0
    if deadline is not None:
        solver.parameters.max_time_in_seconds = max(0.01, deadline - time.monotonic())
    return solver


# --------------------------------------------------------------------------
# Deciding every literal
# --------------------------------------------------------------------------


class _Literals:
    """Book-keeping of which literals have a witness placement."""

    def __init__(self, prob: _Problem) -> None:
        self.prob = prob
        self.x_feasible = [[set() for _ in vs] for vs in prob.values]
        self.empty_feasible = [set() for _ in prob.values]
        self.unknown_in_row = [
            sum(len(d) for d in doms) + len(cells)
            for doms, cells in zip(prob.domains, prob.emptiable)
        ]

    def mark_row(self, r: int, positions: Sequence[int]) -> bool:
        """Record a witness for row r; True if it decided a new literal."""
        new = False
        feas = self.x_feasible[r]
        for i, c in enumerate(positions):
            if c not in feas[i]:
                feas[i].add(c)
                new = True
                self.unknown_in_row[r] -= 1
        empty = self.empty_feasible[r]
        occupied = set(positions)
        for c in self.prob.emptiable[r]:
            if c not in occupied and c not in empty:
                empty.add(c)
                new = True
                self.unknown_in_row[r] -= 1
        return new

    def is_new(self, r: int, positions: Sequence[int]) -> bool:
        """True if this row placement would decide a new literal."""
        feas = self.x_feasible[r]
        if any(c not in feas[i] for i, c in enumerate(positions)):
            return True
        occupied = set(positions)
        empty = self.empty_feasible[r]
        return any(c not in occupied and c not in empty for c in self.prob.emptiable[r])

    def is_open(self, r: int, i: int | None, c: int) -> bool:
        """True if literal (row r, value i or None for "empty", column c) has no witness yet."""
        if i is None:
            return c not in self.empty_feasible[r] and c in self.prob.emptiable_set[r]
        return c not in self.x_feasible[r][i]

    def open_count(self) -> int:
        """Number of literals without a witness yet."""
        return sum(self.unknown_in_row)

    def unknown(self) -> list[tuple]:
        """Literals without a witness yet, in a fixed order."""
        out: list[tuple] = []
        for r, doms in enumerate(self.prob.domains):
            if not self.unknown_in_row[r]:
                continue
            for i, dom in enumerate(doms):
                out.extend(("x", r, i, c) for c in dom if c not in self.x_feasible[r][i])
            out.extend(("e", r, c) for c in self.prob.emptiable[r] if c not in self.empty_feasible[r])
        return out


def _shift_targets(prob: _Problem, placement: Sequence[tuple[int, ...]], r: int, i: int) -> list[int]:
    """Columns printed value i of row r can move to with the rest of its row fixed."""
    pos = placement[r]
    lo = pos[i - 1] + 1 if i else 0
    hi = pos[i + 1] - 1 if i + 1 < len(pos) else prob.n_cols - 1
    return [c for c in prob.domains[r][i] if lo <= c <= hi and c != pos[i]]


def _shift_cycle(
    prob: _Problem,
    placement: list[tuple[int, ...]],
    holders: dict[int, dict[int, list[tuple[int, int]]]],
    r: int,
    i: int,
    start: int,
    goal: int,
) -> list[tuple[int, ...]] | None:
    """Move value i of row r to ``start``, then pass an equal value along other rows.

    After the move column ``start`` has v too much and column ``goal`` (the
    old cell) v too little.  A breadth-first search over columns finds rows
    that each shift one equal value within their own gap, from the column
    with the surplus to a next one, until the surplus arrives at ``goal``.
    Every row keeps its order and every column its total, so the result is a
    valid placement (rows on the path must be distinct; otherwise give up).
    """
    v = prob.values[r][i]
    by_col = holders.get(v, {})
    parent: dict[int, tuple[int, int, int]] = {}
    frontier = [start]
    seen = {start}
    while frontier and goal not in parent:
        nxt = []
        for x in frontier:
            for r2, i2 in by_col.get(x, ()):
                if r2 == r:
                    continue
                for y in _shift_targets(prob, placement, r2, i2):
                    if y not in seen:
                        seen.add(y)
                        parent[y] = (x, r2, i2)
                        nxt.append(y)
        frontier = nxt
    if goal not in parent:
        return None
    moves = [(r, i, start)]
    y = goal
    while y != start:
        x, r2, i2 = parent[y]
        moves.append((r2, i2, y))
        y = x
    if len({m[0] for m in moves}) != len(moves):
        return None
    out = list(placement)
    for rr, ii, col in moves:
        row = list(out[rr])
        row[ii] = col
        out[rr] = tuple(row)
    return out


def _value_holders(prob: _Problem, placement: Sequence[tuple[int, ...]]) -> dict[int, dict[int, list[tuple[int, int]]]]:
    holders: dict[int, dict[int, list[tuple[int, int]]]] = {}
    for r, pos in enumerate(placement):
        for i, (v, c) in enumerate(zip(prob.values[r], pos)):
            holders.setdefault(v, {}).setdefault(c, []).append((r, i))
    return holders


def _harvest_shifts(prob: _Problem, lits: "_Literals", placement: list[tuple[int, ...]]) -> list[tuple[int, ...]]:
    """Witness undecided literals by equal-value shift cycles; returns the last placement."""
    progress = True
    while progress:
        progress = False
        holders = _value_holders(prob, placement)
        for lit in lits.unknown():
            if lit[0] == "x":
                _, r, i, c = lit
                if c not in _shift_targets(prob, placement, r, i):
                    continue
                found = _shift_cycle(prob, placement, holders, r, i, c, placement[r][i])
            else:
                _, r, c = lit
                if c not in placement[r]:
                    continue
                i = placement[r].index(c)
                found = None
                for y in _shift_targets(prob, placement, r, i):
                    found = _shift_cycle(prob, placement, holders, r, i, y, c)
                    if found is not None:
                        break
            if found is not None:
                changed = [k for k in range(len(found)) if found[k] != placement[k]]
                for k in changed:
                    lits.mark_row(k, found[k])
                placement = found
                holders = _value_holders(prob, placement)
                progress = True
    return placement


def _pair_alternatives(
    v1: Sequence[int],
    p1: Sequence[int],
    v2: Sequence[int],
    p2: Sequence[int],
    novel: Callable[[int, int | None, int], bool],
) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """All joint re-placements of two rows that keep their combined column vector.

    Any other row is untouched, so every result is again a full placement.
    Dynamic programming over the columns the pair occupies, state = how many
    values of each row are placed.  Returns re-placements that together
    witness every literal the pair can reach for which ``novel(row 0/1,
    value index or None for "empty", column)`` is true.
    """
    amount = _pair_amounts(v1, p1, v2, p2)
    cols = sorted(amount)
    # forward layers: state -> (previous state, move); move bit 1 = row 1 places, 2 = row 2
    layers: list[dict[tuple[int, int], tuple[tuple[int, int], int]]] = [{(0, 0): ((0, 0), 0)}]
    branching = False
    for c in cols:
        nxt: dict[tuple[int, int], tuple[tuple[int, int], int]] = {}
        for state in layers[-1]:
            moves = _moves(v1, v2, state, amount[c])
            branching |= len(moves) > 1
            for move, succ in moves:
                nxt.setdefault(succ, (state, move))
        layers.append(nxt)
    end = (len(v1), len(v2))
    if not branching or end not in layers[-1]:
        return []  # only the current path exists
    # backward: one successor for every state that can still reach the end
    alive: list[dict[tuple[int, int], tuple[tuple[int, int], int]]] = [{} for _ in layers]
    alive[-1] = {end: (end, 0)}
    for s in range(len(cols) - 1, -1, -1):
        for state in layers[s]:
            for move, succ in _moves(v1, v2, state, amount[cols[s]]):
                if succ in alive[s + 1]:
                    alive[s].setdefault(state, (succ, move))
    results = []
    covered: set[tuple[int, int | None, int]] = set()  # (row 0/1, value index or None=empty, col)
    for s, c in enumerate(cols):
        for state in alive[s]:
            for move, succ in _moves(v1, v2, state, amount[c]):
                if succ not in alive[s + 1]:
                    continue
                here = (
                    (0, state[0] if move & 1 else None, c),
                    (1, state[1] if move & 2 else None, c),
                )
                if all(lit in covered or not novel(*lit) for lit in here):
                    continue
                path = _path(layers, alive, s, state, move, succ)
                q1 = tuple(cols[t] for t, m in enumerate(path) if m & 1)
                q2 = tuple(cols[t] for t, m in enumerate(path) if m & 2)
                for t, m in enumerate(path):
                    covered.add((0, q1.index(cols[t]) if m & 1 else None, cols[t]))
                    covered.add((1, q2.index(cols[t]) if m & 2 else None, cols[t]))
                results.append((q1, q2))
    return results


def _pair_amounts(
    v1: Sequence[int], p1: Sequence[int], v2: Sequence[int], p2: Sequence[int]
) -> dict[int, int]:
    """Combined column vector of two placed rows (occupied columns only)."""
    amount: dict[int, int] = {}
    for v, c in zip(v1, p1):
        amount[c] = v
    for v, c in zip(v2, p2):
        amount[c] = amount.get(c, 0) + v
    return amount


def _moves(
    v1: Sequence[int], v2: Sequence[int], state: tuple[int, int], amount: int
) -> list[tuple[int, tuple[int, int]]]:
    """Ways the pair can fill a column holding ``amount`` from ``state``."""
    i1, i2 = state
    has1, has2 = i1 < len(v1), i2 < len(v2)
    out = []
    if has1 and v1[i1] == amount:
        out.append((1, (i1 + 1, i2)))
    if has2 and v2[i2] == amount:
        out.append((2, (i1, i2 + 1)))
    if has1 and has2 and v1[i1] + v2[i2] == amount:
        out.append((3, (i1 + 1, i2 + 1)))
    return out


def _path(layers, alive, s, state, move, succ) -> list[int]:
    """Moves of a complete path through (layer s, state) --move--> succ."""
    back: list[int] = []
    cur = state
    for t in range(s, 0, -1):
        prev, m = layers[t][cur]
        back.append(m)
        cur = prev
    back.reverse()
    fwd = [move]
    cur = succ
    for t in range(s + 1, len(layers) - 1):
        cur, m = alive[t][cur]
        fwd.append(m)
    return back + fwd


def _harvest_pairs(
    prob: _Problem,
    lits: _Literals,
    start: list[tuple[int, ...]],
    changed: Iterable[int],
    deadline: float | None,
) -> list[tuple[int, ...]]:
    """Explore two-row exchanges from a witness placement; returns the last one found.

    Breadth first; a derived placement differs from its parent in two rows
    only, so only pairs touching those rows can produce anything new.
    """
    n = len(prob.values)
    queue: deque[tuple[list[tuple[int, ...]], tuple[int, ...]]] = deque()
    queue.append((start, tuple(sorted(set(changed)))))
    vals = prob.values
    last = start
    while queue:
        _check_deadline(deadline)
        placement, rows = queue.popleft()
        done: set[tuple[int, int]] = set()
        for a in rows:
            for b in range(n):
                if a == b or not (lits.unknown_in_row[a] or lits.unknown_in_row[b]):
                    continue
                pair = (a, b) if a < b else (b, a)
                if pair in done:
                    continue
                done.add(pair)
                r1, r2 = pair
                rows = (r1, r2)

                def novel(t: int, i: int | None, c: int, rows=rows) -> bool:
                    return lits.is_open(rows[t], i, c)

                for q1, q2 in _pair_alternatives(
                    vals[r1], placement[r1], vals[r2], placement[r2], novel
                ):
                    if lits.is_new(r1, q1) or lits.is_new(r2, q2):
                        lits.mark_row(r1, q1)
                        lits.mark_row(r2, q2)
                        child = list(placement)
                        child[r1], child[r2] = q1, q2
                        queue.append((child, pair))
                        last = child
    return last


def _harvest(
    prob: _Problem, lits: _Literals, placement: list[tuple[int, ...]], deadline: float | None
) -> None:
    """Stage 2: witnesses derived from a placement without calling the solver."""
    for r, pos in enumerate(placement):
        lits.mark_row(r, pos)
    rows: Iterable[int] = range(len(prob.values))
    while lits.open_count():
        before = lits.open_count()
        placement = _harvest_pairs(prob, lits, placement, rows, deadline)
        placement = _harvest_shifts(prob, lits, placement)
        if lits.open_count() == before:
            return
        rows = [r for r in range(len(prob.values)) if lits.unknown_in_row[r]]


def _decide_literals(
    prob: _Problem, model: _Model, first: list[tuple[int, ...]], deadline: float | None
) -> _Literals:
    """Decide every literal exactly (stages 2 and 3)."""
    lits = _Literals(prob)
    _harvest(prob, lits, first, deadline)
    while lits.open_count():
        found = model.solve(at_least_one=lits.unknown(), deadline=deadline)
        if found is None:
            break  # proof: none of the remaining literals holds in any placement
        _harvest(prob, lits, found, deadline)
    return lits


# --------------------------------------------------------------------------
# Best estimate
# --------------------------------------------------------------------------


def _weight(v: int, row_total: int, col_total: int) -> int:
    """Integer X² weight of value v in a cell with these margins."""
    return round(_WEIGHT_SCALE * v * v / (row_total * col_total))


def chi_square(table: CrossTable, placement: Sequence[Sequence[int]]) -> float:
    """Pearson X² against independence of a placement (1-based positions per row)."""
    n = table.grand_total
    total = 0.0
    for row, pos in zip(table.rows, placement):
        for v, p in zip(row.values, pos):
            total += v * v / (row.total * table.columns[p - 1].total)
    return n * total - n


def _pair_cheapest(
    v1: Sequence[int],
    p1: Sequence[int],
    w1: Sequence[dict[int, int]],
    v2: Sequence[int],
    p2: Sequence[int],
    w2: Sequence[dict[int, int]],
) -> tuple[int, tuple[int, ...], tuple[int, ...]]:
    """Cheapest joint re-placement of two rows keeping their combined column vector.

    Same column DP as :func:`_pair_alternatives`, minimising the summed
    integer X² weights; ties keep the first path found (deterministic).
    """
    amount = _pair_amounts(v1, p1, v2, p2)
    cols = sorted(amount)
    best: dict[tuple[int, int], tuple[int, tuple[int, ...], tuple[int, ...]]] = {(0, 0): (0, (), ())}
    for c in cols:
        nxt: dict[tuple[int, int], tuple[int, tuple[int, ...], tuple[int, ...]]] = {}
        for state, (cost, q1, q2) in best.items():
            for move, succ in _moves(v1, v2, state, amount[c]):
                add, n1, n2 = cost, q1, q2
                if move & 1:
                    add += w1[state[0]].get(c, _INFEASIBLE_WEIGHT)
                    n1 = q1 + (c,)
                if move & 2:
                    add += w2[state[1]].get(c, _INFEASIBLE_WEIGHT)
                    n2 = q2 + (c,)
                if succ not in nxt or add < nxt[succ][0]:
                    nxt[succ] = (add, n1, n2)
        best = nxt
    return best[len(v1), len(v2)]


def _local_estimate(
    prob: _Problem,
    feasible_domains: list[list[tuple[int, ...]]],
    start: list[tuple[int, ...]],
    deadline: float | None,
) -> list[tuple[int, ...]]:
    """X² descent by exact two-row exchanges (the default best estimate).

    Sweeps row pairs in table order and applies the cheapest joint
    re-placement of the pair whenever it strictly lowers X² (integer
    weights, so no rounding loops); stops when no pair improves.  The start
    is the first solver placement, which is deterministic with one worker.
    """
    weights = [
        [
            {c: _weight(v, prob.table.rows[r].total, prob.totals[c]) for c in dom}
            for v, dom in zip(vs, doms)
        ]
        for r, (vs, doms) in enumerate(zip(prob.values, feasible_domains))
    ]

    def row_cost(r: int, pos: Sequence[int]) -> int:
        return sum(weights[r][i][c] for i, c in enumerate(pos))

    placement = list(start)
    improved = True
    n = len(placement)
    while improved:
        improved = False
        _check_deadline(deadline)
        for r1 in range(n):
            for r2 in range(r1 + 1, n):
                now = row_cost(r1, placement[r1]) + row_cost(r2, placement[r2])
                cost, q1, q2 = _pair_cheapest(
                    prob.values[r1], placement[r1], weights[r1],
                    prob.values[r2], placement[r2], weights[r2],
                )
                if cost < now:
                    placement[r1], placement[r2] = q1, q2
                    improved = True
    return placement


def _best_estimate(
    prob: _Problem,
    feasible_domains: list[list[tuple[int, ...]]],
    hint: Sequence[tuple[int, ...]],
    deadline: float | None,
) -> list[tuple[int, ...]]:
    """Exact minimum-X² placement, ties broken by the smallest position vector.

    Solved on the model restricted to feasible literals (exact: every
    placement only uses feasible literals).  The tie-break loop asks for an
    optimal placement lexicographically smaller than the incumbent until
    there is none.  Costly on real tables (~10 s for 2018: many near-ties
    among small values), hence opt-in.
    """
    model = _Model(prob, feasible_domains)
    cost = sum(
        _weight(prob.values[r][i], prob.table.rows[r].total, prob.totals[c]) * var
        for (r, i, c), var in model.x.items()
    )
    m = model.model.clone()
    m.minimize(cost)
    for (r, i, c), var in model.x.items():
        m.add_hint(var, hint[r][i] == c)
    solver = _solver(deadline, workers=_WORKERS)
    status = solver.solve(m)
    if status != cp_model.OPTIMAL:
        raise _timeout()
    best = model.read(solver)
    optimum = round(solver.objective_value)
    free = [
        (r, i) for r, doms in enumerate(feasible_domains) for i, dom in enumerate(doms) if len(dom) > 1
    ]
    base = model.model
    base.add(cost <= optimum)
    while True:
        model.model = base.clone()
        _add_lex_smaller(model, free, feasible_domains, best)
        better = model.solve(deadline=deadline)
        if better is None:
            return best
        best = better


def _add_lex_smaller(
    model: _Model,
    free: Sequence[tuple[int, int]],
    domains: Sequence[Sequence[tuple[int, ...]]],
    current: Sequence[tuple[int, ...]],
) -> None:
    """Require a position vector lexicographically smaller than ``current``.

    ``prefix`` literals say "all earlier free values are where they are in
    current"; one ``win`` literal must hold: prefix equal and this value
    strictly further left.
    """
    m = model.model
    prefix = m.new_constant(1)
    wins = []
    for r, i in free:
        here = current[r][i]
        earlier = [model.x[r, i, c] for c in domains[r][i] if c < here]
        if earlier:
            win = m.new_bool_var("")
            m.add_implication(win, prefix)
            m.add_bool_or(earlier).only_enforce_if(win)
            wins.append(win)
        nxt = m.new_bool_var("")
        m.add_implication(nxt, prefix)
        m.add_implication(nxt, model.x[r, i, here])
        prefix = nxt
    m.add_bool_or(wins or [m.new_constant(0)])


# --------------------------------------------------------------------------
# Analysis
# --------------------------------------------------------------------------


def _position_themes(table: CrossTable) -> dict[int, str]:
    """Labelling used by the best estimate: a group's positions, ascending, get
    its candidate themes in listed order."""
    out: dict[int, str] = {}
    groups: dict[frozenset[str], list[Column]] = {}
    for col in table.columns:
        groups.setdefault(frozenset(col.theme_candidates), []).append(col)
    for members in groups.values():
        for col, theme in zip(members, members[0].theme_candidates):
            out[col.position] = theme
    return out


def analyse(
    table: CrossTable, time_limit: float | None = None, exact_estimate: bool = False
) -> Analysis:
    """Exact candidate columns per value, exact cell bounds and the best estimate.

    Raises :class:`InfeasibleTableError` (see :func:`validate`) when no
    placement exists, and TimeoutError if ``time_limit`` seconds do not
    suffice (never an inexact answer).  ``exact_estimate`` switches the best
    estimate from the X² descent to the global X² optimum (slow, see module
    docstring).
    """
    deadline = _deadline(time_limit)
    prob, first = _feasible_problem(table, deadline)
    lits = _decide_literals(prob, _Model(prob), first, deadline)
    feasible_domains = [[tuple(sorted(s)) for s in row] for row in lits.x_feasible]
    if exact_estimate:
        best = _best_estimate(prob, feasible_domains, first, deadline)
    else:
        best = _local_estimate(prob, feasible_domains, first, deadline)
    return _assemble(prob, lits, best)


def _assemble(prob: _Problem, lits: _Literals, best: list[tuple[int, ...]]) -> Analysis:
    table = prob.table
    labels = _position_themes(table)
    themes_at = {c.position: c.theme_candidates for c in table.columns}
    values: list[ValueOptions] = []
    cells: list[CellRange] = []
    theme_cells: list[ThemeCellRange] = []
    for r, row in enumerate(table.rows):
        attainable: list[set[int]] = [set() for _ in range(prob.n_cols)]
        for i, v in enumerate(row.values):
            positions = tuple(c + 1 for c in sorted(lits.x_feasible[r][i]))
            for c in lits.x_feasible[r][i]:
                attainable[c].add(v)
            themes = sorted({t for p in positions for t in themes_at[p]})
            values.append(ValueOptions(row.key, i + 1, v, positions, tuple(themes), best[r][i] + 1))
        best_cell = [0] * prob.n_cols
        for v, c in zip(row.values, best[r]):
            best_cell[c] = v
        occupiable = set(prob.cell_cols[r])
        for c in range(prob.n_cols):
            if c not in occupiable or c in lits.empty_feasible[r]:
                attainable[c].add(0)
            cells.append(
                CellRange(row.key, c + 1, min(attainable[c]), max(attainable[c]), best_cell[c])
            )
        done: set[str] = set()
        for col in table.columns:
            for theme in col.theme_candidates:
                if theme in done:
                    continue
                done.add(theme)
                positions = tuple(
                    k.position for k in table.columns if theme in k.theme_candidates
                )
                union = set().union(*(attainable[p - 1] for p in positions))
                best_value = next(best_cell[p - 1] for p in positions if labels[p] == theme)
                theme_cells.append(
                    ThemeCellRange(row.key, theme, positions, min(union), max(union), best_value)
                )
    one_based = [tuple(c + 1 for c in pos) for pos in best]
    x2 = chi_square(table, one_based)
    assert isfinite(x2)
    return Analysis(
        table=table,
        values=tuple(values),
        cells=tuple(cells),
        theme_cells=tuple(theme_cells),
        best_placement={row.key: pos for row, pos in zip(table.rows, one_based)},
        best_theme_of_position=labels,
        best_chi_square=x2,
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


def to_frames(analysis: Analysis) -> dict[str, "pd.DataFrame"]:
    """The analysis as three tidy pandas frames.

    ``values``: one row per printed value with its candidate columns/themes;
    ``cells_by_position``: one row per (row, column position);
    ``cells_by_theme``: one row per (row, theme) — what the warehouse publishes.
    """
    import pandas as pd

    values = pd.DataFrame(
        [
            {
                "row_key": v.row_key,
                "value_index": v.index,
                "value": v.value,
                "candidate_positions": list(v.positions),
                "candidate_themes": list(v.themes),
                "n_candidate_positions": len(v.positions),
                "best_position": v.best_position,
                "is_certain": v.is_certain,
            }
            for v in analysis.values
        ]
    )
    def bounds(c: _Bounded) -> dict[str, object]:
        return {
            "contacts_min": c.min,
            "contacts_max": c.max,
            "is_certain": c.is_certain,
            "contacts": c.best,
        }

    by_position = pd.DataFrame(
        [{"row_key": c.row_key, "column_position": c.position, **bounds(c)} for c in analysis.cells]
    )
    by_theme = pd.DataFrame(
        [
            {"row_key": c.row_key, "theme": c.theme, "column_positions": list(c.positions), **bounds(c)}
            for c in analysis.theme_cells
        ]
    )
    return {"values": values, "cells_by_position": by_position, "cells_by_theme": by_theme}
