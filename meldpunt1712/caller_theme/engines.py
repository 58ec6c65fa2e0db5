"""The exact engines: two models of all placements, each answering yes/no questions.

A question is a literal (see :meth:`Problem.questions`).  "Yes" always comes
with a *witness*, a complete placement that makes the literal true (and
decides every other literal it makes true); "no" is a proof that no
placement does.  Neither engine ever guesses: when its limit runs out it
says "undecided".

:class:`SatModel` (Glucose 4.1 through python-sat) is incremental: it keeps
what it learnt between questions, so most questions take milliseconds.
Each column total is a decision diagram over the rows that can reach it, so
unit propagation reasons about subset sums jointly with every other
decision.  On some tables it cannot find certain placements within any
reasonable number of conflicts.

:class:`CpSatModel` (OR-Tools CP-SAT) has the column totals as linear
equalities, with its LP relaxation and presolve; it finds those placements
quickly and proves the hard "no" answers, at 0.1-0.3 s per call.  The
driver uses the SAT model first with a conflict budget and sends what it
leaves undecided to CP-SAT.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Sequence

from .propagation import Problem


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


class SatModel:
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

    def __init__(self, prob: Problem, selectors: bool = False, solver: str = "glucose4") -> None:
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
            # One column total follows from the others (every value is placed
            # once and the row totals add up to the column totals), but its
            # diagram is kept: unit propagation on it settles many questions
            # Glucose otherwise leaves to CP-SAT (measured on generator seed
            # 73: 145 instead of 377 questions left after Glucose's pass).
            for d in diagrams:
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

    def solve(
        self, assumptions: Sequence[int] = (), deadline: float | None = None, conflicts: int | None = None
    ) -> bool | None:
        """True if a placement satisfies the assumptions (it is then in :meth:`placement`),
        False if none does, None if ``conflicts`` or the ``deadline`` ran out first."""
        if deadline is None and conflicts is None:
            return self.solver.solve(assumptions=assumptions)
        timer = None
        if deadline is not None:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return None
            timer = threading.Timer(remaining, self.solver.interrupt)
            timer.start()
        self.solver.conf_budget(-1 if conflicts is None else conflicts)
        try:
            answer = self.solver.solve_limited(assumptions=assumptions, expect_interrupt=timer is not None)
        finally:
            if timer is not None:
                timer.cancel()
        if answer is None:
            self.solver.clear_interrupt()
        return answer

    def forbid(self, literal: int) -> None:
        """Record a proven impossibility, so that later questions start from it."""
        self.solver.add_clause([-literal])

    def any_of(self, literals: Sequence[int]) -> int:
        """A fresh selector s with s -> (some literal true); assume s to ask for any of them."""
        s = self._new()
        self.solver.add_clause([-s, *literals])
        return s

    def placement(self) -> list[tuple[int, ...]]:
        """The last satisfying assignment as 0-based positions per row."""
        model = self.solver.get_model()
        out: list[list[int]] = [[-1] * len(vs) for vs in self.prob.values]
        for (r, i, c), var in self.x.items():
            if model[var - 1] > 0:
                out[r][i] = c
        return [tuple(p) for p in out]


class CpSatModel:
    """All placements as a CP-SAT model: x[r, i, c] Booleans, one column per
    value, pairwise order conflicts, ``occupied[r, c]`` = the cell holds a
    value, and each column total as a linear equality."""

    def __init__(self, prob: Problem) -> None:
        from ortools.sat.python import cp_model

        self._cp_model = cp_model
        self.prob = prob
        model = self.model = cp_model.CpModel()
        self.x: dict[tuple[int, int, int], object] = {}
        self.occupied: dict[tuple[int, int], object] = {}
        for r, doms in enumerate(prob.domains):
            for i, dom in enumerate(doms):
                for c in dom:
                    self.x[r, i, c] = model.new_bool_var(f"x_{r}_{i}_{c}")
                model.add_exactly_one(self.x[r, i, c] for c in dom)
                if i:
                    for c in dom:
                        for d in doms[i - 1]:
                            if d >= c:
                                model.add_bool_or([~self.x[r, i, c], ~self.x[r, i - 1, d]])
            for c in prob.cell_cols[r]:
                o = self.occupied[r, c] = model.new_bool_var(f"o_{r}_{c}")
                model.add(sum(self.x[r, i, c] for i, dom in enumerate(doms) if c in dom) == o)
                if c in prob.must[r]:
                    model.add(o == 1)
        for c in range(prob.n_cols):
            terms = [prob.values[r][i] * var for (r, i, d), var in self.x.items() if d == c]
            model.add(sum(terms) == prob.totals[c])

    def literal(self, lit: tuple):
        """The CP-SAT literal of ('x', r, i, c) or ('e', r, c)."""
        if lit[0] == "x":
            return self.x[lit[1:]]
        return ~self.occupied[lit[1:]]

    def solve(
        self,
        any_of: Sequence[tuple] = (),
        forbidden: Sequence[tuple] = (),
        deadline: float | None = None,
        workers: int = 2,
        started: list | None = None,
    ) -> tuple[bool | None, list[tuple[int, ...]] | None]:
        """Is there a placement that makes at least one literal of ``any_of``
        true (any placement if empty), none of ``forbidden``?

        Returns (True, witness), (False, None) with a proof, or (None, None)
        when the deadline came first or the search was stopped (the solver
        is appended to ``started``, whose ``stop_search()`` ends it early).
        """
        cp_model = self._cp_model
        model = self.model.clone()
        if any_of:
            model.add_bool_or([self._in(model, q) for q in any_of])
        for q in forbidden:
            model.add_bool_or([~self._in(model, q)])
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = workers
        if deadline is not None:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return None, None
            solver.parameters.max_time_in_seconds = remaining
        if started is not None:
            started.append(solver)
        status = solver.solve(model)
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            values = solver.response_proto.solution
            out: list[list[int]] = [[-1] * len(vs) for vs in self.prob.values]
            for (r, i, c), var in self.x.items():
                if values[var.index]:
                    out[r][i] = c
            return True, [tuple(p) for p in out]
        if status == cp_model.INFEASIBLE:
            return False, None
        return None, None

    def _in(self, model, lit: tuple):
        """``lit`` as a literal of the cloned ``model`` (same proto indices)."""
        var = self.x[lit[1:]] if lit[0] == "x" else self.occupied[lit[1:]]
        mine = model.get_bool_var_from_proto_index(var.index)
        return mine if lit[0] == "x" else ~mine
