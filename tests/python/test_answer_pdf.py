"""Answers as the parliament publishes them, PDFs, read by add_answer: every cell in its column.

proof/answer_pdf.py draws the answers of the text oracle (proof/answer_generator.py) on A4 pages
in the layouts of parliament's PDFs and knows every number it prints, where, and what the
warehouse must do with it. It shares no code with the reader. The properties:

1. the reader's rows are the oracle's figures, and the caller table is exact: every printed value
   in the column it is printed in (column_position), every column's theme, every age x gender cell
   in its gender's column;
2. every number the PDF prints is accounted for, at its page and place, with the oracle's
   disposition (figures, non-figures such as page numbers and running headers, unread);
3. every figure's row records where it is printed: its page, and in a table its row and column;
4. the written question's header (number, date, who asked, who answered) is read;
5. columns whose totals tie and whose headers name no theme are refused, every tied group named;
6. (slow) a generated PDF added with add_answer passes `dbt build` and the great-expectations gate in
   the tests' shared scratch build (conftest.py's `answers_build`), and its caller x theme cells
   reach fct_caller_theme as read: every cell as printed, exact and certain, with its page.

Each layout of a parliament's PDF has a fixed example (test_each_layout); the Hypothesis property
draws the rest (derandomized: the same examples in every run, CI included; no deadline). Bad files
are refused by add_answer with exit 1, the reason named and nothing changed.
"""
from __future__ import annotations

import random
import shutil
from collections import Counter
from pathlib import Path

import duckdb
import pytest
from hypothesis import given, note

from meldpunt1712.add_answer import main as add_answer_main
from meldpunt1712.answer import AnswerError, Reference, read_answer
from meldpunt1712.layout import SEED_SUBDIR, SOURCE_SUBDIR
from proof.answer_generator import MONTHS, Layout, drawn_answers_profile
from proof.answer_pdf import (GeneratedPdf, PdfLayout, encrypted_pdf, garbage_pdf, generate_pdf, other_document_pdf,
                              pdf_answers, scanned_pdf, truncated_pdf, unbalanced_caller_pdf)
from proof.scratch_project import ScratchAnswer, copy_project, read_seed

PROFILE = drawn_answers_profile("answer-pdf", max_examples=8)


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy of the project; each test that writes works on a copy of it."""
    return copy_project(tmp_path_factory.mktemp("answer_pdf") / "project")


def reference(project: Path) -> Reference:
    """The project's labels, as add_answer reads them."""
    return Reference.from_seeds(lambda seed: read_seed(project, seed))


# --------------------------------------------------------------------------- what a PDF must give


def month_of(label: str) -> int:
    return MONTHS.index(label.split()[0].lower()) + 1


def read_rows(answer) -> dict[str, list[tuple]]:
    """The reader's rows in the oracle's shapes."""
    rows = answer.rows
    return {
        "contacts_by_month": [(month_of(r["month_label_nl"]), int(r["contacts"])) for r in rows["contacts_by_month"]],
        "contacts_by_theme": [(int(r["printed_position"]), r["theme_label_nl"], int(r["contacts"]))
                              for r in rows["contacts_by_theme"]],
        "contacts_by_age_gender": [(r["age_group_label_nl"], r["gender_label_nl"], int(r["contacts"]))
                                   for r in rows["contacts_by_age_gender"]],
        "caller_theme_printed_values": [(r["caller_type_code"], int(r["printed_position"]), int(r["contacts"]))
                                        for r in rows["caller_theme_printed_values"]],
        "caller_theme_cells": [(r["caller_type_code"], int(r["column_position"]), int(r["contacts"]))
                               for r in rows["caller_theme_printed_values"]],
        "caller_theme_columns": [(int(r["column_position"]), answer.reference.label_of("themes", r["theme_code"]))
                                 for r in rows["caller_theme_columns"]],
        "published_totals": [(r["table_name"], r["total_kind"], r["total_key"], int(r["published_value"]))
                             for r in rows["published_totals"]],
        "evening_pilot_calls": [(r["month_start_date"], r["theme_code"], int(r["legitimate_calls"]))
                                for r in rows["evening_pilot_calls"]],
        "service_facts": [(r["unit"], int(r["value_integer"])) for r in rows["service_facts"]],
    }


def assert_read_as_printed(generated: GeneratedPdf, project: Path) -> None:
    """Properties 1 to 4 for one PDF."""
    answer = read_answer(generated.pdf, reference(project), "answer.pdf")
    got = read_rows(answer)
    for seed in ("contacts_by_month", "contacts_by_theme", "contacts_by_age_gender", "caller_theme_printed_values",
                 "caller_theme_cells", "caller_theme_columns", "published_totals", "evening_pilot_calls",
                 "service_facts"):
        assert Counter(got[seed]) == Counter(generated.expected[seed]), seed
    assert all(r["column_position"] for r in answer.rows["caller_theme_printed_values"])

    # 2. every number printed, at its page and place, with the oracle's disposition
    read = {}
    for number in answer.numbers:
        read.setdefault((number.page, round(number.top)), []).append(number)
    for printed in generated.numbers:
        near = [n for dy in (-1, 0, 1) for n in read.get((printed.page, round(printed.top) + dy), [])
                if abs(n.x0 - printed.x0) < 1.0]
        assert len(near) == 1, printed
        assert (near[0].text.replace(" ", ""), near[0].disposition) == (printed.text.replace(" ", ""),
                                                                        printed.disposition), (printed, near[0])
        assert near[0].disposition == "figure" or near[0].reason, near[0]
    assert len(answer.numbers) == len(generated.numbers)
    unread = {(r["source_page"], r["figure"].replace(" ", "")) for r in answer.rows["unread_figures"]}
    assert unread == {(str(n.page), n.text.replace(" ", "")) for n in generated.numbers if n.disposition == "unread"}

    # 3. where each figure is printed: its page, and in a table its row and column (the label column first)
    def place(row: dict[str, str]) -> tuple:
        return row["source_page"], row.get("printed_row", ""), row.get("printed_column", "")

    def printed_place(number, in_table: bool = True) -> tuple:
        if not in_table:
            return str(number.page), "", ""
        return str(number.page), str(number.printed_row), str(number.printed_column + 1)

    rows = answer.rows
    by_month = {month_of(r["month_label_nl"]): place(r) for r in rows["contacts_by_month"]}
    assert {month: printed_place(n) for (month, _), n in generated.where.get("contacts_by_month", [])} == by_month
    by_theme = {int(r["printed_position"]): place(r) for r in rows["contacts_by_theme"]}
    assert {pos: printed_place(n) for (pos, _, _), n in generated.where.get("contacts_by_theme", [])} == by_theme
    by_cell = {(r["caller_type_code"], int(r["column_position"])): place(r)
               for r in rows["caller_theme_printed_values"]}
    assert {(code, column): printed_place(n) for (code, column, _), n in generated.where.get("caller_theme_cells", [])} \
        == by_cell
    by_age = {(r["age_group_label_nl"], r["gender_label_nl"]): place(r) for r in rows["contacts_by_age_gender"]}
    assert {(age, gender): printed_place(n) for (age, gender, _), n
            in generated.where.get("contacts_by_age_gender", [])} == by_age
    totals = {(r["table_name"], r["total_kind"], r["total_key"]): place(r) for r in rows["published_totals"]}
    for (table, kind, key, _), n in generated.where.get("published_totals", []):
        assert totals[(table, kind, key)] == printed_place(n, bool(n.table)), (table, kind, key)
    facts = Counter((r["unit"], int(r["value_integer"]), r["source_page"]) for r in rows["service_facts"])
    assert facts == Counter((unit, value, str(n.page)) for (unit, value), n in generated.where.get("service_facts", []))

    # 4. the written question's header
    [document] = rows["source_documents"]
    header = generated.header
    assert (document["question_number"], document["question_date"], document["asked_by"].upper(),
            document["answered_by"].upper()) == (str(header.number), header.date.isoformat(),
                                                 header.asked_by.upper(), header.answered_by.upper())


def assert_ties_refused(generated: GeneratedPdf, project: Path) -> None:
    """Property 5: columns a header does not name and whose totals tie are refused, every group named."""
    with pytest.raises(AnswerError) as refused:
        read_answer(generated.pdf, reference(project), "answer.pdf")
    for group in generated.unresolved_columns:
        assert f"columns {', '.join(map(str, group))} each total" in str(refused.value)


def check(generated: GeneratedPdf, project: Path) -> None:
    if generated.unresolved_columns:
        assert_ties_refused(generated, project)
    else:
        assert_read_as_printed(generated, project)


# --------------------------------------------------------------------------- the layouts, one by one and drawn


LAYOUTS = {
    "ruled tables, vertical headers, a landscape caller table broken over pages, its header repeated":
        (Layout(), PdfLayout(caller_landscape=True, caller_break=True, repeat_header=True), 3),
    "unruled tables, wrapped labels with their figures beside the middle, headers not repeated":
        (Layout(), PdfLayout(ruled=(), caller_labels="narrow", figures_valign="middle", repeat_header=False), 5),
    "labels wrapped over three lines, figures at the top, centred":
        (Layout(), PdfLayout(caller_labels="narrow", theme_labels="narrow", figures_valign="top",
                             figures_align="center"), 7),
    "headers set top to bottom, a theme table broken across pages":
        (Layout(theme_count=9), PdfLayout(caller_header="vertical_down", theme_break=True), 11),
    "headers printed horizontally on a landscape page":
        (Layout(theme_count=8), PdfLayout(caller_header="horizontal", caller_landscape=True), 13),
    "header words broken over lines of their cell":
        (Layout(theme_count=7), PdfLayout(caller_header="wrapped", caller_landscape=True, ruled=()), 17),
    "headers that name no theme: the column totals decide":
        (Layout(tie=False), PdfLayout(caller_header="letters"), 19),
    "no header row at all, page numbers in the header, no parliament's header block":
        (Layout(tie=False), PdfLayout(caller_header="absent", page_numbers="pagina", page_number_place="header",
                                      parliament_header=False, running_header="plain"), 23),
    "tied totals under letters: refused naming the columns":
        (Layout(tie=True, theme_count=6), PdfLayout(caller_header="letters"), 29),
    "a table's header row left alone at the bottom of the page before its rows":
        (Layout(number_style="plain", month_year="never", table_order=("age_gender", "caller", "month", "theme"),
                tables_in_part_one=1, theme_total_label="Som", theme_count=7, pilot=False, campaign=False,
                chat=False, width=79),
         PdfLayout(justified=False, parliament_header=False, running_header="", page_numbers="", ruled=(),
                   figures_valign="top", figures_align="center", caller_header="wrapped", caller_break=False,
                   repeat_header=False), 1),
    "every number style, a zero theme, an embedded font, ragged prose":
        (Layout(number_style="mixed", zero_theme=True), PdfLayout(font="Vera", justified=False), 31),
}


@pytest.mark.parametrize("layout, pdf_layout, seed", LAYOUTS.values(), ids=list(LAYOUTS))
def test_each_layout(pristine: Path, layout: Layout, pdf_layout: PdfLayout, seed: int) -> None:
    generated = generate_pdf(layout, pdf_layout, random.Random(seed))
    if "refused" in next(name for name, value in LAYOUTS.items() if value == (layout, pdf_layout, seed)):
        assert generated.unresolved_columns       # the example is what its name says
    check(generated, pristine)


@PROFILE
@given(generated=pdf_answers())
def test_drawn_answer_pdfs_are_read_as_printed(pristine: Path, generated: GeneratedPdf) -> None:
    note(f"layouts: {generated.layout!r} {generated.pdf_layout!r}")
    check(generated, pristine)


# --------------------------------------------------------------------------- add_answer with a PDF


def snapshot(project: Path) -> dict[str, bytes]:
    files = [*(project / SEED_SUBDIR).glob("*.csv"), *(project / SOURCE_SUBDIR).iterdir(), *(project / "gx").rglob("*.json")]
    return {str(path.relative_to(project)): path.read_bytes() for path in sorted(files) if path.is_file()}


def add(project: Path, folder: Path, data: bytes, name: str, capsys) -> tuple[int, str]:
    path = folder / name
    path.write_bytes(data)
    code = add_answer_main([str(path), "--project-dir", str(project)])
    return code, capsys.readouterr().err


def test_add_answer_keeps_the_pdf_and_writes_its_rows_as_read(pristine: Path, tmp_path: Path, capsys) -> None:
    project = Path(shutil.copytree(pristine, tmp_path / "project"))
    generated = generate_pdf(Layout(year=2031), PdfLayout(caller_landscape=True), random.Random(37))
    assert add(project, tmp_path, generated.pdf, "antwoord.pdf", capsys)[0] == 0
    [kept] = [p for p in (project / SOURCE_SUBDIR).glob("*.pdf")]
    assert kept.read_bytes() == generated.pdf
    [document] = [r for r in read_seed(project, "source_documents") if r["report_year"] == "2031"]
    assert document["source_file"] == kept.name and document["source_page"] == str(generated.header.block_page or 1)
    cells = [r for r in read_seed(project, "caller_theme_printed_values") if r["report_year"] == "2031"]
    assert sorted((r["caller_type_code"], int(r["column_position"]), int(r["contacts"])) for r in cells) == sorted(
        generated.expected["caller_theme_cells"])
    assert all(r["source_page"] and r["printed_row"] and r["printed_column"] for r in cells)
    before = snapshot(project)
    assert add(project, tmp_path, generated.pdf, "again.pdf", capsys)[0] == 0
    assert snapshot(project) == before         # a second run changes nothing


BAD_FILES = {
    "a scan": (lambda g: scanned_pdf(g.pdf), "no text layer (a scan?): this command does not do OCR"),
    "encrypted": (lambda g: encrypted_pdf(Layout(), PdfLayout(), random.Random(3)), "is encrypted"),
    "cut short": (lambda g: truncated_pdf(g.pdf), "is not a readable PDF (damaged or cut short)"),
    "garbage": (lambda g: garbage_pdf(random.Random(1)), "is not a readable PDF"),
    "another document": (lambda g: other_document_pdf(random.Random(2)), "no 1712 tables found"),
}


@pytest.mark.parametrize("damage, named", BAD_FILES.values(), ids=list(BAD_FILES))
def test_a_bad_file_is_refused_and_nothing_changes(pristine: Path, tmp_path: Path, capsys, damage, named) -> None:
    before = snapshot(pristine)
    code, err = add(pristine, tmp_path, damage(generate_pdf(Layout(), PdfLayout(), random.Random(3))),
                    "antwoord.pdf", capsys)
    assert code == 1 and named in err and "nothing was changed" in err, err
    assert snapshot(pristine) == before


@pytest.mark.parametrize("seed, ruled", [(5, ("caller",)), (6, ())])
def test_a_cell_that_breaks_its_row_and_column_is_named(pristine: Path, tmp_path: Path, capsys, seed: int,
                                                        ruled: tuple) -> None:
    generated = unbalanced_caller_pdf(Layout(), PdfLayout(ruled=ruled), random.Random(seed))
    damage = generated.damage
    before = snapshot(pristine)
    code, err = add(pristine, tmp_path, generated.pdf, "antwoord.pdf", capsys)
    where = f"page {damage.page}, row {damage.printed_row}, column {damage.printed_column + 1}"
    assert code == 1 and where in err and f"the cell {damage.printed!r} breaks its row" in err, err
    assert snapshot(pristine) == before


# --------------------------------------------------------------------------- through dbt build and the gate

# A year apart from the other modules' answers in the shared build (test_answer_layouts, test_answer_reader).
SHARED_BUILD_PDF = (Layout(year=2044, zero_theme=True),
                    PdfLayout(caller_landscape=True, caller_break=True, repeat_header=True), 43)


def shared_build_pdf() -> GeneratedPdf:
    layout, pdf_layout, seed = SHARED_BUILD_PDF
    return generate_pdf(layout, pdf_layout, random.Random(seed))


def answers_for_the_shared_build() -> list[ScratchAnswer]:
    """The generated PDF, for the tests' one scratch build with the gate (conftest.py)."""
    return [ScratchAnswer(f"answer_{SHARED_BUILD_PDF[0].year}.pdf", shared_build_pdf().pdf)]


@pytest.mark.slow
def test_a_pdf_answer_passes_dbt_build_and_the_gate_with_every_cell_as_read(answers_build) -> None:
    generated = shared_build_pdf()
    answers_build.check(ScratchAnswer(f"answer_{generated.year}.pdf", generated.pdf))
    theme_of_column = dict(generated.expected["caller_theme_columns"])
    printed = {(code, theme_of_column[column]): contacts
               for code, column, contacts in generated.expected["caller_theme_cells"]}
    database = answers_build.project / "warehouse" / "build" / "answers.duckdb"
    with duckdb.connect(str(database), read_only=True) as connection:
        cells = connection.execute(
            "select caller_type_code, theme_label_nl, contacts, contacts_min, contacts_max, is_certain, source_page"
            " from marts.fct_caller_theme where report_year = ?", [generated.year]).fetchall()
        [placement] = connection.execute(
            "select distinct cell_placement || ' ' || analysis_status from marts.rpt_caller_theme_certainty"
            " where report_year = ?", [generated.year]).fetchall()
    assert cells and {(code, theme) for code, theme, *_ in cells} >= set(printed)
    for code, theme, contacts, low, high, certain, page in cells:
        assert contacts == low == high == printed.get((code, theme), 0) and certain, (code, theme)
        assert bool(page) == ((code, theme) in printed), (code, theme, page)
    assert placement == ("read exact",)
