"""The age x gender grid is certain, although its text lost the empty cells.

Like the caller-type table, each age group's row prints only its non-empty
cells. The seed places them in gender columns; this proves that placement is
the only one that meets every published row and column sum, with the same
exact reconstruction that handles the caller-type table.
"""
from __future__ import annotations

from meldpunt1712.caller_theme import CrossTable, analyse
from meldpunt1712.layout import PROJECT_DIR
from proof.scratch_project import read_seed


def test_the_published_sums_leave_one_placement_of_the_printed_cells() -> None:
    cells = [c for c in read_seed(PROJECT_DIR, "contacts_by_age_gender") if c["report_year"] == "2018"]
    totals = [t for t in read_seed(PROJECT_DIR, "published_totals")
              if t["report_year"] == "2018" and t["table_name"] == "contacts_by_age_gender"]
    genders = [g["gender_label_nl"] for g in read_seed(PROJECT_DIR, "genders")]
    ages = [a["age_group_label_nl"] for a in read_seed(PROJECT_DIR, "age_groups")]
    row_total = {t["total_key"]: int(t["published_value"]) for t in totals if t["total_kind"] == "row_total"}
    column_total = {t["total_key"]: int(t["published_value"]) for t in totals if t["total_kind"] == "column_total"}

    printed = {age: sorted((c for c in cells if c["age_group_label_nl"] == age),
                           key=lambda c: int(c["printed_position"])) for age in ages}
    table = CrossTable.from_printed(
        [(age, [int(c["contacts"]) for c in printed[age]], row_total[age]) for age in ages],
        [column_total[gender] for gender in genders],
        genders,
    )
    analysis = analyse(table)

    assert all(cell.is_certain for cell in analysis.theme_cells)
    seed_grid = {(c["age_group_label_nl"], c["gender_label_nl"]): int(c["contacts"]) for c in cells}
    proved_grid = {(cell.row_key, cell.theme): cell.min for cell in analysis.theme_cells if cell.min}
    assert proved_grid == seed_grid
