"""Tests of meldpunt1712.caller_theme against hand-worked tables and brute force.

The brute-force enumerator below lists every placement of a small table
directly from the definition (each row: every strictly increasing choice of
columns for its values; keep combinations whose column sums match), so it
shares no code or reasoning with the package under test.  Without a time
limit the analysis must equal brute force; cut short (tiny budgets, or the
driver stopped after a few steps), it must stay sound: every interval holds
the brute-force range, every exact or certain claim is true, and every
estimate is a placement.
"""

from __future__ import annotations

import itertools
import math
import random
from fractions import Fraction

import pytest

from meldpunt1712 import caller_theme as ct
from meldpunt1712.caller_theme import driver, estimate
from meldpunt1712.caller_theme.propagation import Problem

# --------------------------------------------------------------------------
# 2018 table (fixture data only; production reads it from dbt seeds)
# --------------------------------------------------------------------------

ROWS_2018 = [
    ("1100", [154, 15, 413, 37, 290, 39, 29, 54, 2, 5, 127, 3], 1168),
    ("1200", [942, 66, 70, 169, 31, 3, 4, 8, 1, 3, 51, 1], 1349),
    ("1300", [11, 24, 2, 11, 54, 5, 1, 1, 3, 1], 113),
    ("1400", [274, 3, 11, 19, 6, 2, 2, 14, 1], 332),
    ("1500", [272, 4, 68, 5, 19, 26, 13, 5, 18, 1], 431),
    ("1600", [385, 1, 48, 2, 11, 15, 3, 1, 22], 488),
    ("1700", [217, 4, 71, 8, 31, 8, 2, 5, 3, 1, 12], 362),
    ("1800", [10, 1, 6, 2, 18, 1, 2, 4, 2, 1, 1], 48),
    ("1999", [236, 5, 30, 2, 14, 5, 1, 1, 1, 14], 309),
    ("2100", [21, 3, 18, 4, 5, 8], 59),
    ("2200", [4, 4, 2, 1, 2], 13),
    ("2300", [1, 1, 1, 1], 4),
    ("2400", [1, 1], 2),
    ("2500", [10, 1, 1, 1, 1, 1], 15),
    ("2600", [31, 3, 3, 5], 42),
    ("2700", [28, 3, 1, 1], 33),
    ("2800", [2, 1, 1], 4),
    ("2999", [12, 1, 2, 2], 17),
    ("3100", [22, 2, 4, 3, 1, 2], 34),
    ("3200", [2, 3, 1, 1], 7),
    ("3999", [4, 2, 1], 7),
    ("4100", [11, 2, 1], 14),
    ("4200", [3, 1, 1], 5),
    ("4999", [1], 1),
    ("5100", [8, 1, 1, 2], 12),
    ("5999", [1, 1], 2),
    ("6100", [29, 2, 6, 1, 4], 42),
    ("6200", [31, 1, 19, 1, 11, 5, 4, 1, 6], 79),
    ("6300", [2, 2, 15, 1, 1], 21),
    ("6999", [13, 12, 3, 5, 1, 1, 4], 39),
    ("7000", [2, 3, 1], 6),
    ("9999", [29, 1, 1, 4, 1, 24], 60),
    ("Leeg", [8], 8),
]
COLUMN_TOTALS_2018 = [2769, 117, 822, 248, 464, 180, 70, 91, 1, 9, 10, 1, 327, 17]
RITUAL_OR_ADOPTION = ("ritual_violence", "forced_adoption")
THEMES_2018 = [
    "child_abuse",
    "violence_between_children",
    "partner_violence",
    "divorce_issues",
    "violence_against_adults",
    "elder_abuse",
    "parent_abuse",
    "coping_with_past_abuse",
    RITUAL_OR_ADOPTION,
    "honour_related_violence",
    "historical_abuse",
    RITUAL_OR_ADOPTION,
    "other_issues",
    "not_recorded",
]


def table_2018() -> ct.CrossTable:
    return ct.CrossTable.from_printed(ROWS_2018, COLUMN_TOTALS_2018, THEMES_2018)


# --------------------------------------------------------------------------
# Brute force
# --------------------------------------------------------------------------


def brute_placements(table: ct.CrossTable) -> list[tuple[tuple[int, ...], ...]]:
    """Every placement (1-based positions per row), straight from the definition."""
    n_cols = len(table.columns)
    totals = [c.total for c in table.columns]
    options = [list(itertools.combinations(range(1, n_cols + 1), len(r.values))) for r in table.rows]
    out = []

    def walk(r: int, sums: list[int], chosen: list[tuple[int, ...]]) -> None:
        if r == len(table.rows):
            if sums == totals:
                out.append(tuple(chosen))
            return
        for pos in options[r]:
            new = list(sums)
            for v, p in zip(table.rows[r].values, pos):
                new[p - 1] += v
            if all(s <= t for s, t in zip(new, totals)):
                walk(r + 1, new, chosen + [pos])

    walk(0, [0] * n_cols, [])
    return out


def brute_expectations(table: ct.CrossTable, placements):
    """Candidate positions per value and cell/theme bounds from the placements."""
    n_cols = len(table.columns)
    positions: dict[tuple[str, int], set[int]] = {}
    cell_values: dict[tuple[str, int], set[int]] = {}
    for placement in placements:
        for row, pos in zip(table.rows, placement):
            cells = [0] * n_cols
            for i, (v, p) in enumerate(zip(row.values, pos), start=1):
                positions.setdefault((row.key, i), set()).add(p)
                cells[p - 1] = v
            for p in range(1, n_cols + 1):
                cell_values.setdefault((row.key, p), set()).add(cells[p - 1])
    theme_values: dict[tuple[str, str], set[int]] = {}
    for row in table.rows:
        for col in table.columns:
            for theme in col.theme_candidates:
                theme_values.setdefault((row.key, theme), set()).update(
                    cell_values[row.key, col.position]
                )
    return positions, cell_values, theme_values


def brute_estimate_key(table: ct.CrossTable, placement) -> tuple[int, int]:
    """The estimate's two criteria, from their definition: each value's X² share
    N v² / (R T) in hundredths (rounded half up), then sum of row number x column number."""
    n = table.grand_total
    x2 = tie = 0
    for r, (row, pos) in enumerate(zip(table.rows, placement), start=1):
        for v, p in zip(row.values, pos):
            x2 += math.floor(Fraction(100 * n * v * v, row.total * table.columns[p - 1].total) + Fraction(1, 2))
            tie += r * p
    return x2, tie


def assert_matches_brute(table: ct.CrossTable, analysis: ct.Analysis, placements) -> None:
    assert analysis.status == ct.EXACT and analysis.open_questions == 0 and analysis.estimate_is_optimal
    assert all(c.bounds_are_exact for c in (*analysis.cells, *analysis.theme_cells))
    positions, cell_values, theme_values = brute_expectations(table, placements)
    for v in analysis.values:
        assert set(v.positions) == positions[v.row_key, v.index], v
    for c in analysis.cells:
        expected = cell_values[c.row_key, c.position]
        assert (c.min, c.max) == (min(expected), max(expected)), c
    for c in analysis.theme_cells:
        expected = theme_values[c.row_key, c.theme]
        assert (c.min, c.max) == (min(expected), max(expected)), c
    best = tuple(analysis.best_placement[r.key] for r in table.rows)
    assert best in placements


def simple_table(rows, totals, themes=None) -> ct.CrossTable:
    themes = themes or [f"t{p}" for p in range(1, len(totals) + 1)]
    return ct.CrossTable.from_printed(rows, totals, themes)


# --------------------------------------------------------------------------
# Hand-worked tables
# --------------------------------------------------------------------------


def test_unique_table() -> None:
    # A's 5 can only go in column 1 (the only total >= 5), its 3 then in
    # column 2 (column 3 total 2 < 3); B's 2 fills column 3.
    table = simple_table([("A", [5, 3], 8), ("B", [2], 2)], [5, 3, 2])
    a = ct.analyse(table)
    assert a.best_placement == {"A": (1, 2), "B": (3,)}
    assert all(v.is_certain for v in a.values)
    assert all(c.is_certain for c in a.cells)
    assert a.cell("A", 3).max == 0 and a.cell("B", 3).min == 2
    assert_matches_brute(table, a, brute_placements(table))


def test_ambiguous_table() -> None:
    # Two rows with a single 1 and two columns of total 1: either row can be
    # in either column, so every cell is 0 or 1.
    table = simple_table([("A", [1], 1), ("B", [1], 1)], [1, 1])
    a = ct.analyse(table)
    assert [v.positions for v in a.values] == [(1, 2), (1, 2)]
    for c in a.cells:
        assert (c.min, c.max, c.is_certain) == (0, 1, False)
    assert a.best_placement in ({"A": (1,), "B": (2,)}, {"A": (2,), "B": (1,)})
    assert_matches_brute(table, a, brute_placements(table))


def test_equal_values_swap_but_cell_is_certain() -> None:
    # Column 2 (total 2) needs a 1 from both rows; columns 1 and 3 take the
    # other 1s.  A = (1, 2) or (2, 3): cell (A, 2) is always 1, but it holds
    # A's second printed value in one placement and its first in the other.
    table = simple_table([("A", [1, 1], 2), ("B", [1, 1], 2)], [1, 2, 1])
    a = ct.analyse(table)
    by_value = {(v.row_key, v.index): v.positions for v in a.values}
    assert by_value["A", 1] == (1, 2) and by_value["A", 2] == (2, 3)
    assert a.cell("A", 2).is_certain and a.cell("A", 2).min == 1
    assert not a.cell("A", 1).is_certain
    assert_matches_brute(table, a, brute_placements(table))


def test_label_ambiguity_makes_certain_cells_uncertain_per_theme() -> None:
    # A = (1, 2) and B = (3,) are forced, so every position cell is certain,
    # but positions 1 and 3 carry themes x and y in an unknown order: A may
    # have 1 or 0 under theme x.
    table = simple_table(
        [("A", [1, 3], 4), ("B", [1], 1)], [1, 3, 1], [("x", "y"), "big", ("x", "y")]
    )
    a = ct.analyse(table)
    assert all(c.is_certain for c in a.cells)
    for theme in ("x", "y"):
        cell = a.theme_cell("A", theme)
        assert (cell.min, cell.max, cell.positions) == (0, 1, (1, 3))
        assert not a.is_certain("A", theme)
    assert a.is_certain("A", "big") and a.theme_cell("A", "big").min == 3
    # the estimate's labelling convention: ascending positions, listed order
    assert a.best_theme_of_position[1] == "x" and a.best_theme_of_position[3] == "y"
    assert a.theme_cell("A", "x").best == 1 and a.theme_cell("B", "y").best == 1
    assert_matches_brute(table, a, brute_placements(table))


def test_label_group_where_both_cells_agree_stays_certain() -> None:
    table = simple_table([("A", [1, 1], 2)], [1, 1], [("x", "y"), ("x", "y")])
    a = ct.analyse(table)
    assert a.is_certain("A", "x") and a.theme_cell("A", "x").min == 1


# --------------------------------------------------------------------------
# Infeasible input: plain messages naming the culprit
# --------------------------------------------------------------------------


def test_row_sum_mismatch_names_row() -> None:
    table = simple_table([("1100", [154, 15], 170)], [154, 15])
    with pytest.raises(ct.InfeasibleTableError, match=r"row '1100': printed values sum to 169 but printed row total is 170"):
        ct.validate(table)


def test_unreachable_column_total_names_column() -> None:
    # Column 1 needs 4 but the only candidates are two 3s (3 or 6).
    table = simple_table([("A", [3], 3), ("B", [3], 3)], [4, 2])
    with pytest.raises(ct.InfeasibleTableError, match=r"column 1 \(total 4\): no placement reaches this total"):
        ct.analyse(table)


def test_too_many_values_names_row() -> None:
    table = simple_table([("1200", [1, 1, 1], 3)], [2, 1])
    with pytest.raises(ct.InfeasibleTableError, match=r"row '1200' has 3 values but only 2 columns"):
        ct.validate(table)


def test_value_too_large_names_row_and_value() -> None:
    table = simple_table([("A", [4], 4), ("B", [1], 1)], [3, 2])
    with pytest.raises(ct.InfeasibleTableError, match=r"row 'A': printed value 1 \(4\) cannot be placed"):
        ct.validate(table)


def test_grand_total_mismatch() -> None:
    table = simple_table([("A", [2], 2)], [1, 2])
    with pytest.raises(ct.InfeasibleTableError, match="row totals sum to 2 but column totals sum to 3"):
        ct.validate(table)


def test_bad_label_group_is_rejected() -> None:
    with pytest.raises(ct.InfeasibleTableError, match="different totals"):
        ct.validate(simple_table([("A", [1, 2], 3)], [1, 2], [("x", "y"), ("x", "y")]))
    with pytest.raises(ct.InfeasibleTableError, match="need exactly 2 column"):
        ct.validate(simple_table([("A", [1, 2], 3)], [1, 2], [("x", "y"), "z"]))


def test_global_infeasibility_names_conflicting_columns() -> None:
    # Every row and every column is fine on its own, and propagation does
    # not run dry, yet no placement exists (found by random search).
    table = simple_table(
        [("A", [1, 3, 2], 6), ("B", [3], 3), ("C", [1, 2, 1], 4)], [1, 5, 4, 3]
    )
    Problem(table)  # propagation alone does not see it
    assert not brute_placements(table)
    with pytest.raises(ct.InfeasibleTableError) as refused:
        ct.analyse(table)
    assert "no placement meets all column totals at once" in str(refused.value)
    assert "column" in str(refused.value)
    with pytest.raises(ct.InfeasibleTableError):
        ct.validate(table)


# --------------------------------------------------------------------------
# Randomised comparison with brute force
# --------------------------------------------------------------------------


def random_table(rng: random.Random) -> ct.CrossTable:
    """A small table derived from a random grid, so it is feasible by construction."""
    n_rows, n_cols = rng.randint(1, 4), rng.randint(1, 5)
    grid = [
        [rng.choice([0, 0, 1, 1, 2, 3]) for _ in range(n_cols)] for _ in range(n_rows)
    ]
    totals = [sum(g[c] for g in grid) for c in range(n_cols)]
    rows = [(f"r{k}", [v for v in g if v], sum(g)) for k, g in enumerate(grid)]
    themes: list[str | tuple[str, ...]] = [f"t{p}" for p in range(n_cols)]
    by_total: dict[int, list[int]] = {}
    for p, t in enumerate(totals):
        by_total.setdefault(t, []).append(p)
    for members in by_total.values():
        if len(members) > 1 and rng.random() < 0.5:
            group = tuple(f"g{m}" for m in members)
            for m in members:
                themes[m] = group
    return ct.CrossTable.from_printed(rows, totals, themes)


def test_random_tables_match_brute_force() -> None:
    rng = random.Random(20180)
    for _ in range(250):
        table = random_table(rng)
        placements = brute_placements(table)
        analysis = ct.analyse(table)
        assert_matches_brute(table, analysis, placements)


def test_best_estimate_is_optimal_by_brute_force() -> None:
    rng = random.Random(7)
    for _ in range(120):
        table = random_table(rng)
        placements = brute_placements(table)
        best = tuple(ct.analyse(table).best_placement[r.key] for r in table.rows)
        assert best in placements
        optimum = min(brute_estimate_key(table, pl) for pl in placements)
        assert brute_estimate_key(table, best) == optimum
        assert ct.estimate_key(table, best) == optimum


def test_random_perturbed_tables_feasibility_matches_brute_force() -> None:
    # Move one unit between two column totals: sometimes still feasible.
    rng = random.Random(99)
    checked_infeasible = 0
    for _ in range(150):
        table = random_table(rng)
        if len(table.columns) < 2:
            continue
        a, b = rng.sample(range(len(table.columns)), 2)
        if table.columns[a].total == 0:
            continue
        totals = [c.total for c in table.columns]
        totals[a] -= 1
        totals[b] += 1
        bad = ct.CrossTable.from_printed(
            [(r.key, r.values, r.total) for r in table.rows], totals, [f"u{p}" for p in range(len(totals))]
        )
        if brute_placements(bad):
            ct.validate(bad)
        else:
            checked_infeasible += 1
            with pytest.raises(ct.InfeasibleTableError):
                ct.validate(bad)
    assert checked_infeasible > 20


# --------------------------------------------------------------------------
# Cut short: sound, never wrong
# --------------------------------------------------------------------------


def assert_sound(table: ct.CrossTable, analysis: ct.Analysis, placements) -> None:
    """Every claim of a possibly partial analysis holds against brute force."""
    positions, cell_values, theme_values = brute_expectations(table, placements)
    for v in analysis.values:
        truth = positions[v.row_key, v.index]
        assert set(v.witnessed_positions) <= truth <= set(v.positions), v
        if v.is_certain:
            assert truth == set(v.positions), v
    for c in analysis.cells:
        truth = cell_values[c.row_key, c.position]
        assert set(c.witnessed_options) <= truth <= set(c.options), c
    for cells, truths in ((analysis.cells, cell_values), (analysis.theme_cells, theme_values)):
        for c in cells:
            truth = truths[(c.row_key, c.position) if isinstance(c, ct.CellRange) else (c.row_key, c.theme)]
            assert c.min <= min(truth) and max(truth) <= c.max, c
            if c.bounds_are_exact:
                assert (c.min, c.max) == (min(truth), max(truth)), c
            if c.is_certain:
                assert truth == {c.min}, c
    if analysis.best_placement is not None:
        best = [analysis.best_placement[r.key] for r in table.rows]
        assert ct.placement_errors(table, best) == []
        assert tuple(best) in placements
    if analysis.open_questions == 0 and analysis.best_placement is not None:
        assert analysis.status == ct.EXACT
    else:
        assert analysis.status == ct.PARTIAL
    if analysis.estimate_is_optimal:
        best = [analysis.best_placement[r.key] for r in table.rows]
        assert brute_estimate_key(table, best) == min(brute_estimate_key(table, pl) for pl in placements)


def test_tiny_budgets_stay_sound() -> None:
    rng = random.Random(2024)
    for _ in range(150):
        table = random_table(rng)
        placements = brute_placements(table)
        for budget in (0.01, 0.1):
            assert_sound(table, ct.analyse(table, time_limit=budget), placements)


def test_analysis_stopped_after_a_few_steps_stays_sound(monkeypatch: pytest.MonkeyPatch) -> None:
    # Tiny tables finish within any real budget, so the budget's expiry is
    # simulated: the driver's clock says "time is up" after `steps` checks.
    rng = random.Random(4048)
    checked_partial = 0
    for _ in range(100):
        table = random_table(rng)
        placements = brute_placements(table)
        for steps in (0, 1, 3):
            calls = iter(range(10**6))
            monkeypatch.setattr(driver, "_expired", lambda deadline, calls=calls, steps=steps: next(calls) >= steps)
            analysis = ct.analyse(table)
            checked_partial += analysis.status == ct.PARTIAL
            assert_sound(table, analysis, placements)
    assert checked_partial > 50


# --------------------------------------------------------------------------
# The 2018 table
# --------------------------------------------------------------------------


@pytest.fixture(scope="session")
def analysis_2018() -> ct.Analysis:
    return ct.analyse(table_2018())


def test_a_tiny_budget_on_2018_is_sound_against_the_exact_answer(analysis_2018: ct.Analysis) -> None:
    table = table_2018()
    for budget in (0.01, 0.3):
        partial = ct.analyse(table, time_limit=budget)
        assert partial.status in (ct.EXACT, ct.PARTIAL)
        exact_cells = {(c.row_key, c.theme): c for c in analysis_2018.theme_cells}
        for cell in partial.theme_cells:
            truth = exact_cells[cell.row_key, cell.theme]
            assert cell.min <= truth.min and truth.max <= cell.max
            if cell.bounds_are_exact:
                assert (cell.min, cell.max) == (truth.min, truth.max)
            if cell.is_certain:
                assert truth.is_certain
        if partial.best_placement is not None:
            assert ct.placement_errors(table, [partial.best_placement[r.key] for r in table.rows]) == []


def test_2018_best_estimate_satisfies_every_constraint(analysis_2018: ct.Analysis) -> None:
    table = table_2018()
    placement = [analysis_2018.best_placement[r.key] for r in table.rows]
    assert ct.placement_errors(table, placement) == []
    cells = {(c.row_key, c.position): c.best for c in analysis_2018.cells}
    for row in table.rows:
        assert sum(cells[row.key, p] for p in range(1, 15)) == row.total
        printed = [cells[row.key, p] for p in range(1, 15) if cells[row.key, p]]
        assert printed == list(row.values)  # printed order preserved
    for col in table.columns:
        assert sum(cells[r.key, col.position] for r in table.rows) == col.total


def test_2018_bounds_are_consistent(analysis_2018: ct.Analysis) -> None:
    table = table_2018()
    for cells in (analysis_2018.cells, analysis_2018.theme_cells):
        for c in cells:
            assert c.min <= c.best <= c.max
            assert c.is_certain == (c.min == c.max)
    for row in table.rows:
        for cells in (
            [c for c in analysis_2018.cells if c.row_key == row.key],
            [c for c in analysis_2018.theme_cells if c.row_key == row.key],
        ):
            assert sum(c.min for c in cells) <= row.total <= sum(c.max for c in cells)
    for v in analysis_2018.values:
        assert v.best_position in v.positions


def test_2018_known_facts(analysis_2018: ct.Analysis) -> None:
    # Rows whose values fill every column but the two total-1 columns are
    # fully determined; the 942 of 1200 can only be child abuse.
    assert analysis_2018.best_placement["1100"] == (1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 13, 14)
    assert analysis_2018.is_certain("1200", "child_abuse")
    assert analysis_2018.theme_cell("1200", "child_abuse").min == 942
    # exactly one contact in each total-1 column: never certain per theme
    for theme in RITUAL_OR_ADOPTION:
        assert not any(
            c.is_certain and c.min == 1 for c in analysis_2018.theme_cells if c.theme == theme
        )
    assert len(analysis_2018.theme_cells) == 33 * 14
    assert len(analysis_2018.values) == sum(len(v) for _, v, _ in ROWS_2018)


def test_2018_best_estimate_is_the_only_optimum(analysis_2018: ct.Analysis) -> None:
    # No tie is left for a solver to settle: every other placement scores worse.
    table = table_2018()
    best = tuple(tuple(p - 1 for p in analysis_2018.best_placement[r.key]) for r in table.rows)
    runner_up = estimate.runner_up(Problem(table), best)
    assert runner_up is not None and runner_up != best
    one_based = [tuple(c + 1 for c in p) for p in runner_up]
    assert ct.placement_errors(table, one_based) == []
    assert ct.estimate_key(table, one_based) > ct.estimate_key(
        table, [analysis_2018.best_placement[r.key] for r in table.rows]
    )
