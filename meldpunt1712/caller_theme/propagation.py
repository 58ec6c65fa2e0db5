"""Propagation: remove every literal that no placement can make true, cheaply.

Per row: value i of a row with k values can only sit in positions whose
column total is at least the value, and only where the values before and
after it still fit (:func:`row_filter`, exact for the row on its own).  Per
column: a value can sit in a column only if the column total can be
completed with at most one option (a value or "empty") from every other row,
checked exactly with subset-sum bitsets; a cell no completion can leave empty
must be occupied.  Iterated to a fixpoint.  Everything removed here is
impossible in every placement, so the domains left are a sound outer
approximation of what the exact engines decide: that is what a partial
analysis reports where the engines ran out of time.
"""

from __future__ import annotations

from .table import CrossTable, row_domains


class Wipeout(Exception):
    """Propagation proved that no placement exists; ``message`` names where."""


class Problem:
    """Index-based view of a table (0-based columns) with propagated domains.

    ``domains[r][i]``: columns printed value i of row r may take;
    ``must[r]``: cells of row r that are occupied in every placement;
    ``cell_cols[r]``: cells of row r that some value may occupy.
    """

    def __init__(self, table: CrossTable, propagated: bool = True) -> None:
        self.table = table
        self.totals = [c.total for c in table.columns]
        self.n_cols = len(self.totals)
        self.values = [r.values for r in table.rows]
        self.domains = [row_domains(vs, self.totals) for vs in self.values]
        self.must: list[set[int]] = [set() for _ in self.values]
        if propagated:
            self.domains, self.must = propagate(self)
        self.cell_cols = [sorted({c for dom in doms for c in dom}) for doms in self.domains]
        # cells whose "empty" literal is still open (must-cells are never empty)
        self.emptiable = [
            [c for c in cells if c not in must] for cells, must in zip(self.cell_cols, self.must)
        ]
        self.emptiable_set = [set(cells) for cells in self.emptiable]

    def questions(self) -> list[tuple]:
        """Every literal propagation left open, in a fixed order.

        ``("x", r, i, c)``: does some placement put printed value i of row r
        in column c?  ``("e", r, c)``: does some placement leave cell (r, c)
        empty?  The exact bounds follow from the answers (see the package
        docstring).
        """
        out: list[tuple] = []
        for r, doms in enumerate(self.domains):
            for i, dom in enumerate(doms):
                out.extend(("x", r, i, c) for c in dom)
            out.extend(("e", r, c) for c in self.emptiable[r])
        return out

    def row_label(self, r: int) -> str:
        """Row `r` as a message names it, by its printed code."""
        return f"row '{self.table.rows[r].key}'"

    def column_label(self, c: int) -> str:
        """Column `c` as a message names it: counted from 1, as printed, with its total."""
        return f"column {c + 1} (total {self.totals[c]})"


def row_filter(k: int, dom: list[int], must: int, n_cols: int) -> tuple[list[int], int] | None:
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


def propagate(prob: Problem) -> tuple[list[tuple[int, ...]], list[set[int]]]:
    """Arc consistency of the row-order and column-total constraints.

    Column constraint: value i of row r may sit in column c only if the
    column total can be completed with at most one option (a value or
    "empty") from every other row; checked exactly with prefix/suffix
    subset-sum bitsets (Python integers), O(rows) per column.  Likewise a
    cell that no completion can leave empty must be occupied.  Everything
    removed here is impossible in every placement, so this only shrinks the
    search; it never decides feasibility on its own.  Raises Wipeout.
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
            res = row_filter(len(values[r]), dom[r], must[r], n_cols)
            if res is None:
                raise Wipeout(
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
                raise Wipeout(f"{prob.column_label(c)}: no placement reaches this total")
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
