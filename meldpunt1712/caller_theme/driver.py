"""The driver: decide every question within a time budget, then assemble the answer.

Order of work (each step only ever adds proven facts):

1. checks that need no search, then propagation (an infeasible table stops
   here with a message naming the row or column);
2. the best estimate starts in a second thread (HiGHS, see ``estimate``);
3. a first placement (Glucose with a conflict budget, else CP-SAT);
4. every open question to Glucose with an adaptive conflict budget: easy
   yes and no answers cost milliseconds, and every placement found (by any
   engine) answers all the questions it makes true at once;
5. a question Glucose cannot settle within its budget goes at once to
   CP-SAT in another thread, so both cores work; when Glucose is through,
   its thread joins CP-SAT on what is left.

When the budget runs out, every question still open counts as possible:
the bounds stay an outer approximation and nothing undecided is called
certain.  Without a budget the analysis always ends exact.
"""

from __future__ import annotations

import queue
import threading
import time
from dataclasses import replace
from concurrent.futures import ThreadPoolExecutor
from typing import Callable, Sequence

from .engines import CpSatModel, SatModel
from .estimate import Estimate, NoPlacement, best_estimate, estimate_key, tie_weight, weight
from .propagation import Problem, Wipeout
from .results import EXACT, PARTIAL, Analysis, CellRange, ThemeCellRange, ValueOptions
from .table import CrossTable, InfeasibleTableError, check_rows_fit, check_shape, theme_groups

# Conflicts Glucose may spend on the first placement and on each question
# before the question goes to CP-SAT (measured: see docs/reconstruction.md).
FIRST_PLACEMENT_CONFLICTS = 2_000
# The conflict budget per question adapts: halved when a question exhausts it
# (a table where Glucose gets stuck hands its questions to CP-SAT quickly),
# raised again while questions are settled (an easy table never needs CP-SAT).
# Not below 500: Glucose settles a question in ~0.05 s, CP-SAT in 0.2-0.4 s,
# and a floor of 100 sent Glucose's cheap answers to CP-SAT.
QUESTION_CONFLICTS = (500, 3_000)
CP_SAT_WORKERS = 1

Progress = Callable[[int, int, float], None]
"""progress(decided, questions, elapsed seconds), called now and then while the analysis works."""


class Knowledge:
    """What is proven about every question: witnessed (a placement makes it
    true), refuted (no placement does), or open."""

    def __init__(self, prob: Problem) -> None:
        self.prob = prob
        self.questions = prob.questions()
        self.x_witnessed: list[list[set[int]]] = [[set() for _ in vs] for vs in prob.values]
        self.empty_witnessed: list[set[int]] = [set() for _ in prob.values]
        self.refuted: set[tuple] = set()
        self._new_refutations: list[tuple] = []
        self._lock = threading.Lock()  # the driver's threads share what is proven
        self.best_witness: tuple[tuple[int, ...], ...] | None = None
        self._best_key: tuple[int, int] | None = None
        table = prob.table
        self._weights = [  # each value's share of estimate_key, per candidate column
            [{c: (weight(v, row.total, prob.totals[c], table.grand_total), tie_weight(r, c)) for c in dom}
             for v, dom in zip(row.values, prob.domains[r])]
            for r, row in enumerate(table.rows)
        ]

    def mark(self, placement: Sequence[tuple[int, ...]]) -> None:
        """Record every question a placement (0-based columns per row) answers with yes."""
        with self._lock:
            self._mark(placement)

    def _mark(self, placement: Sequence[tuple[int, ...]]) -> None:
        for r, positions in enumerate(placement):
            for i, c in enumerate(positions):
                self.x_witnessed[r][i].add(c)
            occupied = set(positions)
            self.empty_witnessed[r].update(c for c in self.prob.emptiable[r] if c not in occupied)
        x2 = tie = 0
        for r, positions in enumerate(placement):
            for i, c in enumerate(positions):
                share, order = self._weights[r][i][c]
                x2 += share
                tie += order
        key = (x2, tie)  # = estimate_key of the placement
        if self._best_key is None or key < self._best_key:
            self._best_key, self.best_witness = key, tuple(tuple(p) for p in placement)

    def refute(self, question: tuple) -> None:
        """Record that no placement makes `question` true; CP-SAT's refutations are passed on to Glucose."""
        with self._lock:
            if question not in self.refuted:
                self.refuted.add(question)
                self._new_refutations.append(question)

    def take_new_refutations(self) -> list[tuple]:
        """Refutations recorded since the last call (each is returned once)."""
        with self._lock:
            taken, self._new_refutations = self._new_refutations, []
        return taken

    def is_witnessed(self, q: tuple) -> bool:
        """True when a found placement makes `q` true (a value in a column, or a cell left empty)."""
        if q[0] == "x":
            return q[3] in self.x_witnessed[q[1]][q[2]]
        return q[2] in self.empty_witnessed[q[1]]

    def is_open(self, q: tuple) -> bool:
        """Neither witnessed nor refuted: counted as possible, which keeps partial bounds safe."""
        return q not in self.refuted and not self.is_witnessed(q)

    def open_questions(self) -> list[tuple]:
        """The questions still open, in the fixed order of `Problem.questions`."""
        return [q for q in self.questions if self.is_open(q)]


class _Reporter:
    """Calls ``progress`` at most once per ``interval`` seconds (and at the end)."""

    def __init__(self, progress: Progress | None, know: Knowledge, start: float, interval: float = 2.0):
        self.progress, self.know, self.start, self.interval = progress, know, start, interval
        self.last = start

    def __call__(self, force: bool = False) -> None:
        now = time.monotonic()
        if self.progress is None or (not force and now - self.last < self.interval):
            return
        self.last = now
        total = len(self.know.questions)
        self.progress(total - len(self.know.open_questions()), total, now - self.start)


def analyse(table: CrossTable, time_limit: float | None = None, progress: Progress | None = None) -> Analysis:
    """Candidate columns per value, cell bounds and the best estimate, within ``time_limit`` seconds.

    Raises :class:`InfeasibleTableError` when the table provably has no
    placement.  Without ``time_limit`` the result is exact.  With it, the
    result is exact if everything was decided in time, else ``partial``:
    sound outer bounds, exactness flags per cell, and the best placement
    found (if any), flagged as not proven optimal.
    """
    start = time.monotonic()
    deadline = None if time_limit is None else start + time_limit
    prob = _propagated(table)
    know = Knowledge(prob)
    report = _Reporter(progress, know, start)
    with ThreadPoolExecutor(max_workers=1) as pool:
        estimate_job = pool.submit(best_estimate, prob, deadline)
        try:
            _decide(prob, know, deadline, report)
        finally:
            estimate = _finish_estimate(estimate_job, know, deadline)
    report(force=True)
    return _assemble(prob, know, estimate, time.monotonic() - start)


def validate(table: CrossTable, time_limit: float | None = None) -> None:
    """Raise :class:`InfeasibleTableError` unless at least one placement exists.

    Checks go from cheap to expensive so that the message names the
    culprit: shape and sums (row, grand total), each row on its own,
    propagation (naming the row or column where it runs dry), then the full
    search; if that fails, a minimal set of column totals that cannot be met
    together is named.  Returns quietly if ``time_limit`` runs out first.
    """
    deadline = None if time_limit is None else time.monotonic() + time_limit
    prob = _propagated(table)
    _first_placement(prob, SatModel(prob), Knowledge(prob), deadline)


def _propagated(table: CrossTable) -> Problem:
    """The table after the checks that need no search and propagation; raises
    :class:`InfeasibleTableError` naming the row or column where either fails."""
    check_shape(table)
    check_rows_fit(table)
    try:
        return Problem(table)
    except Wipeout as exc:
        raise InfeasibleTableError(str(exc)) from None


def _decide(prob: Problem, know: Knowledge, deadline: float | None, report: _Reporter) -> None:
    """Glucose asks every open question with a small conflict budget; each
    question it cannot settle goes at once to CP-SAT in a second thread
    (CP-SAT solves without holding Python's lock, Glucose holds it, so the
    two use both cores); when Glucose is through, this thread joins CP-SAT."""
    cp = CpSatModel(prob)
    first = _FirstPlacement(cp, deadline)  # CP-SAT searches while the SAT model is built
    sat = SatModel(prob)
    if not first.settle(sat, know, deadline):
        return
    report()
    hard: queue.SimpleQueue[tuple | None] = queue.SimpleQueue()
    helper = threading.Thread(target=_cp_sat_worker, args=(cp, know, hard, deadline, None), daemon=True)
    helper.start()
    fewest, most = QUESTION_CONFLICTS
    conflicts = most
    try:
        for q in know.questions:
            if _expired(deadline):
                return
            if not know.is_open(q):
                continue
            _sync_refutations(sat, know)
            literal = sat.literal(q)
            answer = sat.solve([literal], deadline, conflicts=conflicts)
            conflicts = max(fewest, conflicts // 2) if answer is None else min(most, conflicts + conflicts // 4)
            if answer:
                know.mark(sat.placement())
            elif answer is False:
                know.refute(q)
                sat.forbid(literal)
            else:
                hard.put(q)
            report()
        hard.put(None)  # no more questions: whichever thread takes this tells the other
        _cp_sat_worker(cp, know, hard, deadline, report)
    finally:
        hard.put(None)
        helper.join()


def _sync_refutations(sat: SatModel, know: Knowledge) -> None:
    """Tell Glucose what CP-SAT refuted meanwhile, so that its search starts from it."""
    for q in know.take_new_refutations():
        sat.forbid(sat.literal(q))


def _cp_sat_worker(cp: CpSatModel, know: Knowledge, hard: queue.SimpleQueue, deadline: float | None,
                   report: _Reporter | None) -> None:
    """CP-SAT, one question at a time from ``hard``, until None (passed on), or the deadline."""
    while True:
        q = hard.get()
        if q is None:
            hard.put(None)
            return
        if _expired(deadline):
            continue
        if not know.is_open(q):
            continue
        # No hint: a search hinted with the best placement stays near it and
        # takes longer per answer (measured: about a quarter more calls per CPU second without).
        found, witness = cp.solve(any_of=[q], deadline=deadline, workers=CP_SAT_WORKERS)
        if found:
            know.mark(witness)
        elif found is False:
            know.refute(q)
        if report is not None:
            report()


class _FirstPlacement:
    """One placement, from whichever engine finds it first.

    CP-SAT starts at once in a thread; Glucose gets a small conflict budget
    once its model is built (on a big table building it takes seconds, and
    CP-SAT finds a first placement where Glucose gets lost).
    """

    def __init__(self, cp: CpSatModel, deadline: float | None) -> None:
        self.solver: list = []
        self.result: tuple[bool | None, list[tuple[int, ...]] | None] = (None, None)
        self.thread = threading.Thread(target=self._run, args=(cp, deadline), daemon=True)
        self.thread.start()

    def _run(self, cp: CpSatModel, deadline: float | None) -> None:
        self.result = cp.solve(deadline=deadline, workers=CP_SAT_WORKERS, started=self.solver)

    def settle(self, sat: SatModel, know: Knowledge, deadline: float | None) -> bool:
        """True once a placement is marked; False if the deadline came first; raises if none exists."""
        answer = None if not self.thread.is_alive() else sat.solve(
            deadline=deadline, conflicts=FIRST_PLACEMENT_CONFLICTS)
        if answer is not None:
            for solver in self.solver:
                solver.stop_search()
        self.thread.join()
        if answer:
            know.mark(sat.placement())
            return True
        if answer is None:
            answer, witness = self.result
            if answer:
                know.mark(witness)
                return True
        if answer is False:
            raise InfeasibleTableError(_explain_global_infeasibility(sat.prob.table, deadline))
        return False


def _first_placement(prob: Problem, sat: SatModel, know: Knowledge, deadline: float | None) -> bool:
    """Find one placement (True), or run out of time (False); raise if there is none."""
    return _FirstPlacement(CpSatModel(prob), deadline).settle(sat, know, deadline)


def _explain_global_infeasibility(table: CrossTable, deadline: float | None) -> str:
    """Name a minimal set of column totals that no placement meets together.

    Deletion filter on the unpropagated model (propagation used every column
    total, so its domains are not valid once a total is dropped): every
    column total is guarded by a selector, and a column's selector is left
    out whenever the rest stays unsatisfiable.  A trial that runs out of
    time keeps its column, so the set named always conflicts; it is minimal
    when every trial finished.
    """
    sat = SatModel(Problem(table, propagated=False), selectors=True)
    enforced = list(range(sat.prob.n_cols))
    for c in range(sat.prob.n_cols):
        trial = [k for k in enforced if k != c]
        if sat.solve([sat.selector[k] for k in trial], deadline) is False:
            enforced = trial
    cols = ", ".join(sat.prob.column_label(k) for k in enforced)
    return (
        "no placement meets all column totals at once, although every row and "
        f"every column is feasible on its own; these column totals conflict: {cols}"
    )


def _expired(deadline: float | None) -> bool:
    return deadline is not None and time.monotonic() >= deadline


def _finish_estimate(job, know: Knowledge, deadline: float | None) -> Estimate | None:
    """HiGHS' estimate, or the best witness placement when HiGHS found nothing better in time.

    Raises InfeasibleTableError when HiGHS proved that no placement exists.
    """
    try:
        estimate = job.result()
    except NoPlacement:
        if know.best_witness is not None:
            raise RuntimeError("HiGHS found no placement where another engine found one") from None
        raise InfeasibleTableError(_explain_global_infeasibility(know.prob.table, deadline)) from None
    if estimate is not None:
        know.mark(estimate.placement)
    witness = know.best_witness
    if witness is None:
        return estimate
    if estimate is None:
        return Estimate(witness, False)
    if not estimate.is_optimal:
        table = know.prob.table
        if estimate_key(table, _one_based(witness)) < estimate_key(table, _one_based(estimate.placement)):
            return Estimate(witness, False)
    return estimate


def _one_based(placement: Sequence[Sequence[int]]) -> list[tuple[int, ...]]:
    return [tuple(c + 1 for c in p) for p in placement]


def _position_themes(table: CrossTable) -> dict[int, str]:
    """Labelling used by the best estimate: a group's positions, ascending, get
    its candidate themes in listed order."""
    out: dict[int, str] = {}
    for members in theme_groups(table.columns).values():
        for col, theme in zip(members, members[0].theme_candidates):
            out[col.position] = theme
    return out


def _assemble(prob: Problem, know: Knowledge, estimate: Estimate | None, seconds: float) -> Analysis:
    """Outer options (not refuted), witnessed options, and bounds per cell and theme."""
    table = prob.table
    labels = _position_themes(table)
    themes_at = {c.position: c.theme_candidates for c in table.columns}
    best = estimate.placement if estimate is not None else None
    values: list[ValueOptions] = []
    cells: list[CellRange] = []
    theme_cells: list[ThemeCellRange] = []
    for r, row in enumerate(table.rows):
        possible: list[set[int]] = [set() for _ in range(prob.n_cols)]
        witnessed: list[set[int]] = [set() for _ in range(prob.n_cols)]
        for i, v in enumerate(row.values):
            cols = [c for c in prob.domains[r][i] if ("x", r, i, c) not in know.refuted]
            seen = know.x_witnessed[r][i]
            for c in cols:
                possible[c].add(v)
                if c in seen:
                    witnessed[c].add(v)
            positions = tuple(c + 1 for c in cols)
            themes = sorted({t for p in positions for t in themes_at[p]})
            values.append(ValueOptions(
                row.key, i + 1, v, positions, tuple(c + 1 for c in sorted(seen)), tuple(themes),
                None if best is None else best[r][i] + 1,
            ))
        best_cell = [0] * prob.n_cols
        if best is not None:
            for v, c in zip(row.values, best[r]):
                best_cell[c] = v
        occupiable = set(prob.cell_cols[r])
        for c in range(prob.n_cols):
            if c not in occupiable:
                possible[c].add(0)
                if know.best_witness is not None:
                    witnessed[c].add(0)
            elif c in prob.emptiable_set[r] and ("e", r, c) not in know.refuted:
                possible[c].add(0)
                if c in know.empty_witnessed[r]:
                    witnessed[c].add(0)
            cell = _bounded(CellRange, (row.key, c + 1), possible[c], witnessed[c],
                            None if best is None else best_cell[c])
            cells.append(replace(cell, options=tuple(sorted(possible[c])),
                                 witnessed_options=tuple(sorted(witnessed[c]))))
        done: set[str] = set()
        for col in table.columns:
            for theme in col.theme_candidates:
                if theme in done:
                    continue
                done.add(theme)
                positions = tuple(k.position for k in table.columns if theme in k.theme_candidates)
                union = set().union(*(possible[p - 1] for p in positions))
                seen = set().union(*(witnessed[p - 1] for p in positions))
                best_value = None if best is None else next(
                    best_cell[p - 1] for p in positions if labels[p] == theme)
                theme_cells.append(_bounded(ThemeCellRange, (row.key, theme, positions), union, seen, best_value))
    best_placement = None if best is None else {row.key: p for row, p in zip(table.rows, _one_based(best))}
    open_count = len(know.open_questions())
    return Analysis(
        table=table,
        values=tuple(values),
        cells=tuple(cells),
        theme_cells=tuple(theme_cells),
        best_placement=best_placement,
        best_theme_of_position=labels,
        status=EXACT if open_count == 0 and best is not None else PARTIAL,
        questions=len(know.questions),
        open_questions=open_count,
        estimate_is_optimal=estimate is not None and estimate.is_optimal,
        seconds=seconds,
    )


def _bounded(kind, key: tuple, possible: set[int], witnessed: set[int], best: int | None):
    """A cell of ``kind``: outer bounds from ``possible``, exact where both ends are witnessed."""
    low, high = min(possible), max(possible)
    return kind(*key, low, high, best, low in witnessed and high in witnessed)
