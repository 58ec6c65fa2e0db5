"""The best estimate: one complete placement, chosen by a fixed rule.

The Poisson likelihood under independence (``E_rc = R_r T_c / N``) cannot
rank placements: ``sum x log E`` equals ``sum_r R_r log R_r + sum_c T_c log
T_c - N log N`` for *every* placement (row and column sums are fixed), ``sum
E`` is constant and ``sum log x!`` is constant because the same printed
values are placed each time.  The same holds for the multinomial /
hypergeometric likelihood and for the deviance G².  Pearson's X² = ``sum (x -
E)² / E`` does discriminate: it equals ``sum_placed N v² / (R_r T_c) - N``.
The estimate is therefore the placement closest to independence in this
sense: it puts large values in large columns and fills small columns from
large rows, claiming no association the margins do not force.

The rule, exactly (:func:`estimate_key`): minimise the sum of every value's
X² share ``N v² / (R_r T_c)`` in hundredths, each rounded half up (so X² to
within 0.01 per cell); among placements that tie, minimise the sum of (row
number x column number), which separates the usual ties, equal values of two
rows with equal totals trading columns.  Both criteria are combined into one
integer objective and solved by HiGHS (scipy's MIP solver), which proves the
optimum when it has the time; otherwise the best placement found so far is
the estimate and it is flagged as not proven optimal.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence

from .propagation import Problem
from .table import CrossTable, placement_errors

if TYPE_CHECKING:
    import numpy as np


def weight(v: int, row_total: int, col_total: int, grand_total: int) -> int:
    """A value's share of X², N v² / (R T), in hundredths (rounded half up, in integers)."""
    denominator = row_total * col_total
    return (200 * grand_total * v * v + denominator) // (2 * denominator)


def tie_weight(r: int, c: int) -> int:
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
            x2 += weight(v, row.total, table.columns[p - 1].total, table.grand_total)
            tie += tie_weight(r, p - 1)
    return x2, tie


@dataclass
class EstimateProgram:
    """The best estimate as a 0-1 program: minimise ``cost @ x`` subject to
    ``lower <= A x <= upper``; ``index[r, i, c]`` is the column of x[r, i, c]."""

    prob: Problem
    index: dict[tuple[int, int, int], int]
    cost: np.ndarray
    entries: list[tuple[int, int, int]]  # (constraint, variable, coefficient)
    lower: list[float]
    upper: list[float]

    def constrain(self, coefs: dict[int, int], lo: float, hi: float) -> None:
        """Add one row ``lo <= sum(coefs[k] * x[k]) <= hi`` to the program."""
        self.entries.extend((len(self.lower), k, a) for k, a in coefs.items())
        self.lower.append(lo)
        self.upper.append(hi)


def estimate_program(prob: Problem) -> EstimateProgram:
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
    tie_span = 1 + sum(tie_weight(r, prob.n_cols - 1) * len(vs) for r, vs in enumerate(values))
    cost = np.zeros(len(index))
    for (r, i, c), k in index.items():
        share = weight(values[r][i], rows[r].total, prob.totals[c], prob.table.grand_total)
        cost[k] = share * tie_span + tie_weight(r, c)
    program = EstimateProgram(prob, index, cost, [], [], [])
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


@dataclass(frozen=True)
class Estimate:
    """A placement (0-based columns per row) and whether HiGHS proved it optimal."""

    placement: tuple[tuple[int, ...], ...]
    is_optimal: bool


def solve_estimate(program: EstimateProgram, deadline: float | None) -> Estimate | None:
    """The best placement HiGHS finds by ``deadline``, or None if it finds none.

    Raises :class:`NoPlacement` when HiGHS proves that the program has no
    feasible point (then the table has no placement).
    """
    import numpy as np
    from scipy import optimize, sparse

    prob = program.prob
    placement = [[dom[0] if len(dom) == 1 else -1 for dom in doms] for doms in prob.domains]
    optimal = True
    if program.index:
        options: dict[str, float] = {"mip_rel_gap": 0.0}
        if deadline is not None:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return None
            options["time_limit"] = remaining
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
        if result.status == 2:
            raise NoPlacement()
        if result.status not in (0, 1):
            raise RuntimeError(f"HiGHS failed on the best estimate: {result.message}")
        if result.x is None:
            return None
        optimal = result.status == 0
        for (r, i, c), k in program.index.items():
            if result.x[k] > 0.5:
                placement[r][i] = c
    best = tuple(tuple(p) for p in placement)
    errors = placement_errors(prob.table, [tuple(c + 1 for c in p) for p in best])
    if errors:
        raise RuntimeError(f"HiGHS returned an invalid placement: {errors[:3]}")
    return Estimate(best, optimal)


class NoPlacement(Exception):
    """HiGHS proved that the estimate's program (so the table) has no placement."""


def best_estimate(prob: Problem, deadline: float | None) -> Estimate | None:
    """The placement that minimises :func:`estimate_key` (see :func:`estimate_program`)."""
    return solve_estimate(estimate_program(prob), deadline)


def runner_up(prob: Problem, best: Sequence[tuple[int, ...]]) -> tuple[tuple[int, ...], ...] | None:
    """The best placement that differs from ``best`` in at least one value, or None.

    Used by the tests to prove that the estimate is the only optimum, i.e.
    that no solver choice among ties is involved.
    """
    program = estimate_program(prob)
    chosen = [program.index[r, i, c] for r, pos in enumerate(best) for i, c in enumerate(pos)
              if (r, i, c) in program.index]
    if not chosen:
        return None
    program.constrain({k: 1 for k in chosen}, -float("inf"), len(chosen) - 1)
    try:
        found = solve_estimate(program, None)
    except NoPlacement:
        return None
    return None if found is None else found.placement
