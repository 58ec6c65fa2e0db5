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
The question set is ~1,400 literals for the 2018 table.  One CP-SAT call per
literal (30-100 ms each: the column equalities behave like subset sums) took
minutes, and even batched CP-SAT calls with witness harvesting took ~9 s, so:

1. *Propagation.*  Per row: value i of a row with k values can only sit in
   positions ``i..C-k+i`` whose column total is at least the value, and only
   where the values before/after it still fit.  Per column: a value can sit
   in a column only if the column total can be completed with at most one
   option (a value or "empty") from every other row, checked exactly with
   subset-sum bitsets; a cell no completion can leave empty must be
   occupied.  Iterated to a fixpoint.  Only removes impossible literals.
2. *One incremental SAT model* (:class:`_Sat`, Glucose 4.1 through
   python-sat).  Each column total is a decision diagram over the rows that
   can reach it (states = partial sums that are reachable and can still
   reach the total), so unit propagation reasons about subset sums the way
   step 1 does, but jointly with every other decision.  Each open literal is
   one solver call under an assumption: a satisfying assignment is a
   witness placement and also decides every other literal it makes true; an
   unsatisfiable answer is a proof, kept as a clause for later calls.  The
   solver keeps what it learnt between calls, so a call takes ~5 ms.

Solver settings change the run time, never the answer.  ``time_limit``
turns an overrun into TimeoutError instead of an inexact answer.

Measured on the 2-core machine (``python -m meldpunt1712.bench_caller_theme``,
figures in the README): the whole 2018 analysis, best estimate included,
takes ~3 s.

Best estimate
-------------
The brief suggested the Poisson likelihood under independence
(``E_rc = R_r T_c / N``).  It cannot rank placements: ``sum x log E`` equals
``sum_r R_r log R_r + sum_c T_c log T_c - N log N`` for *every* placement
(row and column sums are fixed), ``sum E`` is constant and ``sum log x!`` is
constant because the same printed values are placed each time.  The same
holds for the multinomial/hypergeometric likelihood and for the deviance G².
Pearson's X² = ``sum (x - E)² / E`` does discriminate: it equals
``sum_placed N v² / (R_r T_c) - N``.  The estimate is therefore the
placement closest to independence in this sense: it puts large values in
large columns and fills small columns from large rows, claiming no
association the margins do not force.

The rule, exactly (:func:`estimate_key`): minimise the sum of every value's
X² share ``N v² / (R_r T_c)`` in hundredths, each rounded half up (so X² to
within 0.01 per cell); among placements that tie, minimise the sum of (row
number x column number), which separates the usual ties, equal values of
two rows with equal totals trading columns.  Both criteria are combined into
one integer objective and solved by HiGHS (scipy's MIP solver) in a second
thread while the SAT solver decides the literals.  For 2018 the optimum has
X² 3437.3.

Within an ambiguous label group the positions, in ascending order, get the
candidate themes in the order the input lists them (X² is label-invariant
there, so this is a convention; ``is_certain`` flags it).

The module is independent of dbt/duckdb: plain Python data in, frozen
dataclasses out (meldpunt1712.caller_theme_frames turns them into frames).
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from math import isfinite
import threading
import time
from typing import TYPE_CHECKING, Iterable, Sequence

if TYPE_CHECKING:
    import numpy as np

# The solvers (python-sat, scipy's HiGHS) and numpy are imported where they
# are used: every `dbt build` imports this module, and on a cache hit
# (caller_theme_frames) needs none of them; that saves ~0.6 s per build.

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
    "estimate_key",
    "placement_errors",
    "validate",
]


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


def _theme_groups(cols: Sequence[Column]) -> dict[frozenset[str], list[Column]]:
    """Columns by the set of themes they may carry, in printed order."""
    groups: dict[frozenset[str], list[Column]] = {}
    for col in cols:
        groups.setdefault(frozenset(col.theme_candidates), []).append(col)
    return groups


def _check_theme_groups(cols: Sequence[Column]) -> None:
    """Each theme belongs to one column or to one group of interchangeable columns."""
    owner: dict[str, frozenset[str]] = {}
    for themes, members in _theme_groups(cols).items():
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


def _feasible_problem(table: CrossTable, deadline: float | None) -> tuple[_Problem, "_Sat"]:
    """Validate and return the compiled problem with its SAT model, holding one placement."""
    _check_shape(table)
    _check_rows_fit(table)
    try:
        prob = _Problem(table)
    except _Wipeout as exc:
        raise InfeasibleTableError(str(exc)) from None
    sat = _Sat(prob)
    if not sat.solve(deadline=deadline):
        raise InfeasibleTableError(_explain_global_infeasibility(table, deadline))
    return prob, sat


def _explain_global_infeasibility(table: CrossTable, deadline: float | None) -> str:
    """Name a minimal set of column totals that no placement meets together.

    Deletion filter on the unpropagated model (propagation used every column
    total, so its domains are not valid once a total is dropped): every
    column total is guarded by a selector, and a column's selector is left
    out whenever the rest stays unsatisfiable.  Dropping a single total
    never helps on its own, since the grand total implies it; the filter
    handles that naturally.
    """
    sat = _Sat(_Problem(table, propagate=False), selectors=True)
    enforced = list(range(sat.prob.n_cols))
    for c in range(sat.prob.n_cols):
        trial = [k for k in enforced if k != c]
        if not sat.solve([sat.selector[k] for k in trial], deadline):
            enforced = trial
    cols = ", ".join(sat.prob.column_label(k) for k in enforced)
    return (
        "no placement meets all column totals at once, although every row and "
        f"every column is feasible on its own; these column totals conflict: {cols}"
    )


# --------------------------------------------------------------------------
# SAT model
# --------------------------------------------------------------------------


def _deadline(time_limit: float | None) -> float | None:
    return None if time_limit is None else time.monotonic() + time_limit


def _timeout() -> TimeoutError:
    return TimeoutError("the caller x theme analysis ran out of its time limit")


@dataclass
class _Diagram:
    """Decision diagram of one column total over the rows that can reach it.

    ``layers[k]`` maps each amount row k can put in the column (0 = empty) to
    the literals that mean it; rows with a single possible amount are folded
    into ``target``.  ``states[k]``: partial sums of layers < k that are
    reachable from 0 and can still reach ``target``.
    """

    column: int
    layers: list[dict[int, list[int]]]
    target: int
    states: list[set[int]]

    @property
    def size(self) -> int:
        return sum(len(s) for s in self.states)


class _Sat:
    """Incremental SAT model of all placements (python-sat, Glucose 4.1).

    Variables: ``x[r, i, c]`` "printed value i of row r sits in column c",
    an order encoding ``p[r, i, c]`` "... sits at or left of column c" (value
    i+1 at or left of c forces value i at or left of the previous candidate
    column, which keeps positions strictly increasing), ``occupied[r, c]``
    "some value of row r sits in column c", and one node variable per state
    of each column's decision diagram ("the rows before this layer put
    exactly s in the column"): a node and a chosen amount force the next
    node, a node needs a predecessor, and an amount whose next node cannot
    reach the total is forbidden.  Unit propagation on the diagram keeps
    every column total consistent with the other rows' options, which is
    what makes the yes/no questions below cheap; the solver keeps what it
    learnt between questions.  ``solver`` names another python-sat engine
    for the benchmark's solver survey; the analysis always uses Glucose.
    """

    def __init__(self, prob: _Problem, selectors: bool = False, solver: str = "glucose4") -> None:
        self.prob = prob
        self._n_vars = 0
        self._clauses: list[list[int]] = []
        self.true = self._new()
        self._clauses.append([self.true])
        self.x: dict[tuple[int, int, int], int] = {}
        self.occupied: dict[tuple[int, int], int] = {}
        for r, doms in enumerate(prob.domains):
            self._encode_row(r, doms)
        diagrams = [self._diagram(c) for c in range(prob.n_cols)]
        self.selector: dict[int, int] = {}
        if selectors:
            for d in diagrams:
                self.selector[d.column] = self._new()
                self._encode_diagram(d, guard=-self.selector[d.column])
        else:
            # Every value is placed exactly once and the row totals add up to
            # the column totals (checked), so one column total follows from
            # the others: leave out the column with the largest diagram.
            implied = max(diagrams, key=lambda d: d.size).column
            for d in diagrams:
                if d.column != implied:
                    self._encode_diagram(d, guard=None)
        from pysat.solvers import Solver

        self.solver = Solver(name=solver, bootstrap_with=self._clauses)
        self._clauses = []

    def _new(self) -> int:
        self._n_vars += 1
        return self._n_vars

    def _encode_row(self, r: int, doms: Sequence[tuple[int, ...]]) -> None:
        add = self._clauses.append
        at_or_left: dict[tuple[int, int], int] = {}
        for i, dom in enumerate(doms):
            prev = None
            for c in dom:
                p = at_or_left[i, c] = self._new()
                x = self.x[r, i, c] = self._new()
                if prev is None:  # x <-> p
                    add([-x, p])
                    add([-p, x])
                else:  # x <-> p and not prev; prev -> p
                    add([-prev, p])
                    add([-x, p])
                    add([-x, -prev])
                    add([-p, prev, x])
                prev = p
            add([prev])  # every value is placed
            if i:
                for c in dom:
                    earlier = [d for d in doms[i - 1] if d < c]
                    if earlier:
                        add([-at_or_left[i, c], at_or_left[i - 1, earlier[-1]]])
                    else:
                        add([-at_or_left[i, c]])
        for c in self.prob.cell_cols[r]:
            o = self.occupied[r, c] = self._new()
            xs = [self.x[r, i, c] for i, dom in enumerate(doms) if c in dom]
            for x in xs:
                add([-x, o])
            add([-o, *xs])
            if c in self.prob.must[r]:
                add([o])

    def _diagram(self, c: int) -> _Diagram:
        prob = self.prob
        target = prob.totals[c]
        layers: list[dict[int, list[int]]] = []
        for r, doms in enumerate(prob.domains):
            if c not in prob.cell_cols[r]:
                continue
            amounts: dict[int, list[int]] = {}
            if c not in prob.must[r]:
                amounts[0] = [-self.occupied[r, c]]
            for i, dom in enumerate(doms):
                if c in dom:
                    amounts.setdefault(prob.values[r][i], []).append(self.x[r, i, c])
            if len(amounts) == 1:
                target -= next(iter(amounts))
            else:
                layers.append(amounts)
        # Large amounts first keeps the diagram small (measured on 2018: 8.7k nodes
        # against 14k in table order).
        layers.sort(key=lambda amounts: (-max(amounts), len(amounts)))
        forward = [{0}]
        for amounts in layers:
            forward.append({s + w for s in forward[-1] for w in amounts if s + w <= target})
        states = [set() for _ in forward]
        states[-1] = {target} & forward[-1]
        for k in range(len(layers) - 1, -1, -1):
            states[k] = {s for s in forward[k] if any(s + w in states[k + 1] for w in layers[k])}
        return _Diagram(c, layers, target, states)

    def _encode_diagram(self, d: _Diagram, guard: int | None) -> None:
        extra = [] if guard is None else [guard]

        def add(clause: list[int]) -> None:
            self._clauses.append(clause + extra)

        if 0 not in d.states[0]:
            add([-self.true])  # no combination of the rows' options reaches the total
            return
        last = len(d.layers)
        nodes = [
            {s: self.true if k in (0, last) else self._new() for s in d.states[k]}
            for k in range(last + 1)
        ]
        for k, amounts in enumerate(d.layers):
            chosen: dict[int, int] = {}
            for w, lits in amounts.items():
                if len(lits) == 1:
                    chosen[w] = lits[0]
                else:  # several equal values of the row could sit here
                    y = chosen[w] = self._new()
                    for lit in lits:
                        add([-lit, y])
                    add([-y, *lits])
            predecessors: dict[int, list[int]] = {}
            for s, node in nodes[k].items():
                for w, lit in chosen.items():
                    nxt = nodes[k + 1].get(s + w)
                    if nxt is None:
                        add([-node, -lit])
                    else:
                        if nxt != self.true:
                            add([-node, -lit, nxt])
                        predecessors.setdefault(s + w, []).append(node)
            if k + 1 < last:
                for s, node in nodes[k + 1].items():
                    add([-node, *predecessors[s]])

    def literal(self, lit: tuple) -> int:
        """SAT literal of ('x', r, i, c) or ('e', r, c)."""
        if lit[0] == "x":
            return self.x[lit[1:]]
        return -self.occupied[lit[1:]]

    def solve(self, assumptions: Sequence[int] = (), deadline: float | None = None) -> bool:
        """True if a placement satisfies the assumptions (it is then in :meth:`placement`)."""
        if deadline is None:
            return self.solver.solve(assumptions=assumptions)
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise _timeout()
        timer = threading.Timer(remaining, self.solver.interrupt)
        timer.start()
        try:
            answer = self.solver.solve_limited(assumptions=assumptions, expect_interrupt=True)
        finally:
            timer.cancel()
        if answer is None:
            self.solver.clear_interrupt()
            raise _timeout()
        return answer

    def forbid(self, literal: int) -> None:
        """Record a proven impossibility, so that later questions start from it."""
        self.solver.add_clause([-literal])

    def placement(self) -> list[tuple[int, ...]]:
        """The last satisfying assignment as 0-based positions per row."""
        model = self.solver.get_model()
        out: list[list[int]] = [[-1] * len(vs) for vs in self.prob.values]
        for (r, i, c), var in self.x.items():
            if model[var - 1] > 0:
                out[r][i] = c
        return [tuple(p) for p in out]


# --------------------------------------------------------------------------
# Deciding every literal
# --------------------------------------------------------------------------


class _Literals:
    """Which literals have a witness placement."""

    def __init__(self, prob: _Problem) -> None:
        self.prob = prob
        self.x_feasible: list[list[set[int]]] = [[set() for _ in vs] for vs in prob.values]
        self.empty_feasible: list[set[int]] = [set() for _ in prob.values]

    def mark(self, placement: Sequence[tuple[int, ...]]) -> None:
        """Record every literal a placement witnesses."""
        for r, positions in enumerate(placement):
            for i, c in enumerate(positions):
                self.x_feasible[r][i].add(c)
            occupied = set(positions)
            self.empty_feasible[r].update(c for c in self.prob.emptiable[r] if c not in occupied)

    def is_open(self, lit: tuple) -> bool:
        """True if the literal has no witness yet."""
        if lit[0] == "x":
            _, r, i, c = lit
            return c not in self.x_feasible[r][i]
        _, r, c = lit
        return c not in self.empty_feasible[r]

    def questions(self) -> list[tuple]:
        """Every literal propagation left open, in a fixed order."""
        out: list[tuple] = []
        for r, doms in enumerate(self.prob.domains):
            for i, dom in enumerate(doms):
                out.extend(("x", r, i, c) for c in dom)
            out.extend(("e", r, c) for c in self.prob.emptiable[r])
        return out


def _decide_literals(prob: _Problem, sat: _Sat, deadline: float | None) -> _Literals:
    """Decide every literal exactly: a satisfying assignment is a witness
    placement (and witnesses every literal it makes true), an unsatisfiable
    answer is a proof that no placement makes the literal true."""
    lits = _Literals(prob)
    lits.mark(sat.placement())
    for lit in lits.questions():
        if not lits.is_open(lit):
            continue
        literal = sat.literal(lit)
        if sat.solve([literal], deadline):
            lits.mark(sat.placement())
        else:
            sat.forbid(literal)
    return lits


# --------------------------------------------------------------------------
# Best estimate
# --------------------------------------------------------------------------


def _weight(v: int, row_total: int, col_total: int, grand_total: int) -> int:
    """A value's share of X², N v² / (R T), in hundredths (rounded half up, in integers)."""
    denominator = row_total * col_total
    return (200 * grand_total * v * v + denominator) // (2 * denominator)


def _tie_weight(r: int, c: int) -> int:
    """Second criterion: (row number) x (column number), 1-based.

    Moving equal values between two rows (the usual source of exact X²
    ties) changes this sum by (r2 - r1)(c2 - c1), never by 0.
    """
    return (r + 1) * (c + 1)


def chi_square(table: CrossTable, placement: Sequence[Sequence[int]]) -> float:
    """Pearson X² against independence of a placement (1-based positions per row)."""
    n = table.grand_total
    total = 0.0
    for row, pos in zip(table.rows, placement):
        for v, p in zip(row.values, pos):
            total += v * v / (row.total * table.columns[p - 1].total)
    return n * total - n


def estimate_key(table: CrossTable, placement: Sequence[Sequence[int]]) -> tuple[int, int]:
    """What the best estimate minimises, in order: integer X² weight, then tie weight."""
    x2 = tie = 0
    for r, (row, pos) in enumerate(zip(table.rows, placement)):
        for v, p in zip(row.values, pos):
            x2 += _weight(v, row.total, table.columns[p - 1].total, table.grand_total)
            tie += _tie_weight(r, p - 1)
    return x2, tie


@dataclass
class _EstimateProgram:
    """The best estimate as a 0-1 program: minimise ``cost @ x`` subject to
    ``lower <= A x <= upper``; ``index[r, i, c]`` is the column of x[r, i, c]."""

    prob: _Problem
    index: dict[tuple[int, int, int], int]
    cost: np.ndarray
    entries: list[tuple[int, int, int]]  # (constraint, variable, coefficient)
    lower: list[float]
    upper: list[float]

    def constrain(self, coefs: dict[int, int], lo: float, hi: float) -> None:
        self.entries.extend((len(self.lower), k, a) for k, a in coefs.items())
        self.lower.append(lo)
        self.upper.append(hi)


def _estimate_program(prob: _Problem) -> _EstimateProgram:
    """HiGHS' model of :func:`estimate_key` on the propagated domains.

    Binaries x[r, i, c], one column per value, the order as prefix sums
    (value i at or left of c needs value i-1 left of c), the column totals
    as equalities; values with a single candidate column are constants.  The
    two criteria are combined into one integer objective, X² weight x (1 +
    largest possible tie weight) + tie weight, so optimality is exact on
    integers (HiGHS' gap tolerances are below 1).
    """
    import numpy as np

    values, domains = prob.values, prob.domains
    rows = prob.table.rows
    residual = list(prob.totals)
    index: dict[tuple[int, int, int], int] = {}
    for r, doms in enumerate(domains):
        for i, dom in enumerate(doms):
            if len(dom) == 1:
                residual[dom[0]] -= values[r][i]
            else:
                for c in dom:
                    index[r, i, c] = len(index)
    tie_span = 1 + sum(_tie_weight(r, prob.n_cols - 1) * len(vs) for r, vs in enumerate(values))
    cost = np.zeros(len(index))
    for (r, i, c), k in index.items():
        weight = _weight(values[r][i], rows[r].total, prob.totals[c], prob.table.grand_total)
        cost[k] = weight * tie_span + _tie_weight(r, c)
    program = _EstimateProgram(prob, index, cost, [], [], [])
    for r, doms in enumerate(domains):
        for i, dom in enumerate(doms):
            if len(dom) > 1:
                program.constrain({index[r, i, c]: 1 for c in dom}, 1, 1)
            if i == 0 or (len(dom) == 1 and len(doms[i - 1]) == 1):
                continue
            for c in dom:
                coefs = {index[r, i, d]: 1 for d in dom if d <= c and len(dom) > 1}
                bound = 0 if len(dom) > 1 else -1  # a fixed value i sits at c itself
                for d in doms[i - 1]:
                    if d < c:
                        if len(doms[i - 1]) == 1:
                            bound += 1
                        else:
                            coefs[index[r, i - 1, d]] = coefs.get(index[r, i - 1, d], 0) - 1
                if coefs:
                    program.constrain(coefs, -np.inf, bound)
    for c in range(prob.n_cols):
        coefs = {k: values[r][i] for (r, i, d), k in index.items() if d == c}
        if coefs:
            program.constrain(coefs, residual[c], residual[c])
    return program


def _solve_estimate(program: _EstimateProgram, deadline: float | None) -> list[tuple[int, ...]] | None:
    """The optimal placement of the program, or None if it has none."""
    import numpy as np
    from scipy import optimize, sparse

    prob = program.prob
    placement = [[dom[0] if len(dom) == 1 else -1 for dom in doms] for doms in prob.domains]
    if program.index:
        options: dict[str, float] = {"mip_rel_gap": 0.0}
        if deadline is not None:
            options["time_limit"] = max(0.01, deadline - time.monotonic())
        row_idx, col_idx, coef = zip(*program.entries)
        matrix = sparse.csr_array(
            (coef, (row_idx, col_idx)), shape=(len(program.lower), len(program.index))
        )
        result = optimize.milp(
            program.cost,
            constraints=optimize.LinearConstraint(matrix, program.lower, program.upper),
            integrality=np.ones(len(program.index)),
            bounds=optimize.Bounds(0, 1),
            options=options,
        )
        if result.status == 1:
            raise _timeout()
        if result.status == 2:
            return None
        if result.status != 0:
            raise RuntimeError(f"HiGHS found no optimal placement: {result.message}")
        for (r, i, c), k in program.index.items():
            if result.x[k] > 0.5:
                placement[r][i] = c
    best = [tuple(p) for p in placement]
    errors = placement_errors(prob.table, [tuple(c + 1 for c in p) for p in best])
    if errors:
        raise RuntimeError(f"HiGHS returned an invalid placement: {errors[:3]}")
    return best


def _best_estimate(prob: _Problem, deadline: float | None) -> list[tuple[int, ...]]:
    """The placement that minimises :func:`estimate_key` (HiGHS, see :func:`_estimate_program`)."""
    best = _solve_estimate(_estimate_program(prob), deadline)
    if best is None:
        raise RuntimeError("HiGHS found no placement where the SAT solver found one")
    return best


def _runner_up(prob: _Problem, best: Sequence[tuple[int, ...]]) -> list[tuple[int, ...]] | None:
    """The best placement that differs from ``best`` in at least one value, or None.

    Used by the tests to prove that the estimate is the only optimum, i.e.
    that no solver choice among ties is involved.
    """
    program = _estimate_program(prob)
    chosen = [program.index[r, i, c] for r, pos in enumerate(best) for i, c in enumerate(pos)
              if (r, i, c) in program.index]
    if not chosen:
        return None
    program.constrain({k: 1 for k in chosen}, -float("inf"), len(chosen) - 1)
    return _solve_estimate(program, None)


# --------------------------------------------------------------------------
# Analysis
# --------------------------------------------------------------------------


def _position_themes(table: CrossTable) -> dict[int, str]:
    """Labelling used by the best estimate: a group's positions, ascending, get
    its candidate themes in listed order."""
    out: dict[int, str] = {}
    for members in _theme_groups(table.columns).values():
        for col, theme in zip(members, members[0].theme_candidates):
            out[col.position] = theme
    return out


def analyse(table: CrossTable, time_limit: float | None = None) -> Analysis:
    """Exact candidate columns per value, exact cell bounds and the best estimate.

    Raises :class:`InfeasibleTableError` (see :func:`validate`) when no
    placement exists, and TimeoutError if ``time_limit`` seconds do not
    suffice (never an inexact answer).  The best estimate (HiGHS, which
    releases the GIL) runs in a second thread while the SAT solver decides
    the literals.
    """
    deadline = _deadline(time_limit)
    prob, sat = _feasible_problem(table, deadline)
    with ThreadPoolExecutor(max_workers=1) as pool:
        estimate = pool.submit(_best_estimate, prob, deadline)
        lits = _decide_literals(prob, sat, deadline)
        best = estimate.result()
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
