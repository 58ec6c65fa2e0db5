"""The PDF oracle itself: the layouts it claims are in its PDFs, and its record of every number is true.

proof/answer_pdf.py draws the generator's answers as PDFs and records where it prints each number.
The reader's tests trust that record, so it is checked here against what pdfplumber finds in the
PDF: every recorded number is printed at its page and position, every digit on a page belongs to a
recorded number, each layout option asked for is really in the file, the PDF says what the text of
the same answer says, and the bad files are what they claim to be.
"""
from __future__ import annotations

import io
import random
import re
from collections import Counter

import pdfplumber
import pytest
from hypothesis import HealthCheck, Phase, given, settings

from proof.answer_generator import LABELS, Layout, generate
from proof.answer_pdf import (MARGIN_X, READABLE_HEADERS, GeneratedPdf, PdfLayout, encrypted_pdf, garbage_pdf,
                              generate_pdf, other_document_pdf, pdf_answers, scanned_pdf, six_page_pdf,
                              truncated_pdf, unbalanced_caller_pdf)

TOLERANCE = 0.05          # points: the record is as tight as pdfminer's own arithmetic

CASES = {
    "ruled, rotated headers, portrait": (
        Layout(year=2021, theme_count=14, number_style="dot"),
        PdfLayout(font="Helvetica", caller_header="vertical", caller_labels="narrow", figures_valign="middle",
                  caller_break=True, repeat_header=True, page_numbers="slash", running_header="numbered"), 3),
    "unruled, top-to-bottom headers, landscape": (
        Layout(year=2022, theme_count=14, number_style="space", spaced_count=True, percentage="58 %", decimal=True),
        PdfLayout(font="Times-Roman", ruled=(), caller_header="vertical_down", caller_landscape=True,
                  caller_break=True, theme_break=True, repeat_header=False, theme_labels="narrow",
                  figures_valign="top", page_numbers="pagina", page_number_place="header", parliament_header=False,
                  justified=False), 8),
    "wrapped headers, embedded font": (
        Layout(year=2023, theme_count=14, number_style="plain", tie=True, channel_table=True),
        PdfLayout(font="Vera", caller_header="wrapped", caller_landscape=True, ruled=("caller", "month"),
                  page_numbers="dash", running_header="plain", furniture_on_first_page=True,
                  figures_align="center", caller_break=False), 4),
    "horizontal headers": (
        Layout(year=2024, theme_count=5),
        PdfLayout(caller_header="horizontal", caller_labels="fit", ruled=("caller",), caller_break=False,
                  running_header="", page_numbers=""), 5),
    "letters for headers, a tie": (
        Layout(year=2025, theme_count=9, tie=True),
        PdfLayout(caller_header="letters", ruled=("caller", "theme"), caller_landscape=True), 6),
    "no header row": (
        Layout(year=2026, theme_count=8, zero_theme=True),
        PdfLayout(caller_header="absent", ruled=(), caller_labels="fit"), 7),
}


class Opened:
    """A generated PDF and what pdfplumber reads of it, read once."""

    def __init__(self, generated: GeneratedPdf):
        self.generated = generated
        with pdfplumber.open(io.BytesIO(generated.pdf)) as pdf:
            self.sizes = [(page.width, page.height) for page in pdf.pages]
            self.chars = [list(page.chars) for page in pdf.pages]
            self.words = [page.extract_words() for page in pdf.pages]
            self.lines = [list(page.lines) + list(page.rects) for page in pdf.pages]
            self.tables = {}
            for name, placement in generated.tables.items():
                page_number, top, bottom = placement.parts[0]
                page = pdf.pages[page_number - 1]
                box = (placement.column_edges[0] - 1, top - 1, placement.column_edges[-1] + 1, bottom + 1)
                self.tables[name] = page.crop(box).extract_tables()

    def words_in(self, page: int, top: float, bottom: float, left: float = 0, right: float = 1e9) -> list[dict]:
        return [w for w in self.words[page - 1] if top - 0.5 <= w["top"] and w["bottom"] <= bottom + 0.5
                and left - 0.5 <= w["x0"] and w["x1"] <= right + 0.5]


@pytest.fixture(scope="module")
def opened() -> dict[str, Opened]:
    return {name: Opened(generate_pdf(layout, pdf_layout, random.Random(seed)))
            for name, (layout, pdf_layout, seed) in CASES.items()}


def printed_at(chars: list[dict], number) -> str:
    inside = [c for c in chars if c["upright"] and abs(c["top"] - number.top) < TOLERANCE
              and number.x0 - TOLERANCE <= c["x0"] and c["x1"] <= number.x1 + TOLERANCE]
    return "".join(c["text"] for c in sorted(inside, key=lambda c: c["x0"]))


def misplaced_numbers(generated: GeneratedPdf, chars: list[list[dict]]) -> list:
    """Recorded numbers not printed at their place, digits printed outside every recorded number, and
    anything printed beyond the side margins."""
    wrong = [(n, printed_at(chars[n.page - 1], n)) for n in generated.numbers
             if printed_at(chars[n.page - 1], n) != n.text]
    for page, page_chars in zip(generated.pages, chars):
        wrong += [(f"page {page.number}: {c['text']!r} at x0={c['x0']:.2f} x1={c['x1']:.2f}", "beyond the margin")
                  for c in page_chars if c["text"] != " " and not MARGIN_X - TOLERANCE <= c["x0"] <= c["x1"]
                  <= page.width - MARGIN_X + TOLERANCE]
    for page, page_chars in enumerate(chars, start=1):
        boxes = [n for n in generated.numbers if n.page == page]
        for c in page_chars:
            if c["text"].isdigit() and not any(n.x0 - TOLERANCE <= c["x0"] and c["x1"] <= n.x1 + TOLERANCE
                                               and abs(c["top"] - n.top) < TOLERANCE for n in boxes):
                wrong.append((f"page {page}: digit {c['text']!r} at x0={c['x0']:.2f} top={c['top']:.2f}",
                              "recorded nowhere"))
    return wrong


# --------------------------------------------------------------------------- the record of numbers


def test_every_recorded_number_is_printed_at_its_place_and_every_digit_is_recorded(opened) -> None:
    for name, case in opened.items():
        assert misplaced_numbers(case.generated, case.chars) == [], name


@settings(max_examples=4, deadline=None, derandomize=True, database=None, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much])
@given(generated=pdf_answers())
def test_drawn_layouts_too(generated: GeneratedPdf) -> None:
    """The same, on layouts Hypothesis draws (not shrunk: a PDF a step takes too long to shrink by)."""
    with pdfplumber.open(io.BytesIO(generated.pdf)) as pdf:
        chars = [list(page.chars) for page in pdf.pages]
    assert len(chars) == len(generated.pages)
    assert misplaced_numbers(generated, chars) == []


def test_the_pdf_says_what_the_text_of_the_same_answer_says() -> None:
    for layout, pdf_layout, seed in CASES.values():
        text, generated = generate(layout, random.Random(seed)), generate_pdf(layout, pdf_layout, random.Random(seed))
        assert {k: v for k, v in generated.expected.items() if k in text.expected} == text.expected
        in_text = Counter((token.text, disposition) for token, disposition in text.printed)
        in_pdf = Counter((n.text, n.disposition) for n in generated.numbers if not n.pdf_only)
        assert in_pdf == in_text, (in_pdf - in_text, in_text - in_pdf)


def test_numbers_outside_the_answer_are_not_figures_with_a_reason(opened) -> None:
    for name, case in opened.items():
        for number in case.generated.numbers:
            assert number.disposition != "figure" or number.reason == "", (name, number)
            assert number.disposition == "figure" or number.reason, (name, number)
            if number.pdf_only:
                assert number.disposition == "not a figure", (name, number)
        furniture = [n for n in case.generated.numbers if n.reason.startswith(("page ", "running header"))]
        layout = case.generated.pdf_layout
        pages = len(case.generated.pages) - (0 if layout.furniture_on_first_page else 1)
        assert len([n for n in furniture if n.reason == "page number"]) == (pages if layout.page_numbers else 0), name
        assert all(n.pdf_only for n in furniture), name


def test_every_expected_row_is_tied_to_the_number_printed_for_it(opened) -> None:
    for name, case in opened.items():
        generated = case.generated
        for seed, rows in generated.expected.items():
            if seed.endswith("_columns"):
                continue
            tied = generated.where[seed]
            assert Counter(row for row, _ in tied) == Counter(rows), (name, seed)
            for row, number in tied:
                assert int(re.sub(r"\D", "", number.text)) == row[-1], (name, seed, row, number)
                if seed in ("caller_theme_cells", "age_gender_cells"):
                    assert number.printed_column == row[1], (name, seed, row, number)


# --------------------------------------------------------------------------- the caller table's cells


def test_caller_cells_add_up_to_their_printed_totals_in_their_columns(opened) -> None:
    for name, case in opened.items():
        expected = case.generated.expected
        columns = {int(key): value for table, kind, key, value in expected["published_totals"]
                   if (table, kind) == ("caller_theme", "column_total")}
        sums = Counter()
        for _, column, value in expected["caller_theme_cells"]:
            sums[column] += value
        assert {c: sums[c] for c in columns} == columns, name
        themes = {label: value for _, label, value in expected["contacts_by_theme"]}
        for position, label in expected["caller_theme_columns"]:
            assert themes[label] == columns[position], (name, label)


def test_unresolved_columns_are_the_equal_totals_under_unreadable_headers(opened) -> None:
    for name, case in opened.items():
        generated = case.generated
        totals = [(value, int(key)) for table, kind, key, value in generated.expected["published_totals"]
                  if (table, kind) == ("caller_theme", "column_total")]
        equal = sorted(tuple(sorted(c for v2, c in totals if v2 == v)) for v in {v for v, _ in totals}
                       if sum(v2 == v for v2, _ in totals) > 1)
        unreadable = generated.pdf_layout.caller_header not in READABLE_HEADERS
        assert generated.unresolved_columns == (equal if unreadable else []), name
    assert opened["letters for headers, a tie"].generated.unresolved_columns, "the tie case has no tie"


# --------------------------------------------------------------------------- the layouts are in the file


def test_landscape_pages_hold_the_caller_table_when_asked(opened) -> None:
    for name, case in opened.items():
        caller = set(case.generated.tables["caller"].pages)
        for number, (width, height) in enumerate(case.sizes, start=1):
            landscape = case.generated.pdf_layout.caller_landscape and number in caller
            assert (width > height) == landscape, (name, number)
            assert case.generated.pages[number - 1].landscape == landscape


def test_ruled_tables_have_lines_and_unruled_ones_none(opened) -> None:
    for name, case in opened.items():
        for table, placement in case.generated.tables.items():
            page, top, bottom = placement.parts[0]
            left, right = placement.column_edges[0], placement.column_edges[-1]
            lines = [ln for ln in case.lines[page - 1] if left - 1 <= ln["x0"] and ln["x1"] <= right + 1
                     and top - 1 <= ln["top"] and ln["bottom"] <= bottom + 1]
            if placement.ruled:
                verticals = {round(ln["x0"], 1) for ln in lines if abs(ln["x0"] - ln["x1"]) < 0.01}
                assert {round(x, 1) for x in placement.column_edges} <= verticals, (name, table)
                [found] = case.tables[table]
                assert len(found[0]) == len(placement.column_edges) - 1, (name, table)
            else:
                assert lines == [], (name, table)


def header_words(case: Opened, box: tuple[int, float, float]) -> list[dict]:
    """The words of a caller header row, right of the label column."""
    page, top, bottom = box
    return case.words_in(page, top, bottom, case.generated.tables["caller"].column_edges[1])


def test_caller_headers_are_printed_as_asked(opened) -> None:
    for name, case in opened.items():
        placement, layout = case.generated.tables["caller"], case.generated.pdf_layout
        themes = [label for _, label in case.generated.expected["caller_theme_columns"]]
        mode = layout.caller_header
        if mode == "absent":
            page, top, _ = placement.rows[0]
            above = case.words_in(page, placement.parts[0][1], top, placement.column_edges[1])
            assert placement.header_boxes == () and above == [], name
            continue
        words = header_words(case, placement.header_boxes[0])
        edges = placement.column_edges
        for c, label in enumerate(list(placement.header_texts)):
            in_column = sorted((w for w in words if edges[c + 1] <= w["x0"] and w["x1"] <= edges[c + 2]),
                               key=lambda w: (w["top"], w["x0"]))
            printed = " ".join(w["text"] for w in in_column)
            if mode == "vertical":        # bottom to top: pdfplumber gives the letters, and the words, reversed
                assert all(not w["upright"] for w in in_column) and printed[::-1] == label, (name, printed)
            elif mode == "vertical_down":
                assert all(not w["upright"] for w in in_column) and printed == label, (name, printed)
            elif mode == "wrapped":
                assert printed.replace(" ", "") == label.replace(" ", ""), (name, printed)
            else:
                assert printed == label, (name, printed)
        if mode == "letters":
            assert not set(placement.header_texts) & set(themes), name
        else:       # a wrapped header's lines are joined by a space, also where a word was broken
            squeeze = lambda texts: [t.replace(" ", "") for t in texts]          # noqa: E731
            assert squeeze(placement.header_texts[:-1]) == squeeze(themes), name
        if mode == "wrapped":
            assert any(len(re.findall(r"\S+", h)) > len(label.split()) for h, label in
                       zip(placement.header_texts, themes)), f"{name}: no header word broken"


def test_broken_tables_span_pages_and_repeat_their_header_only_when_asked(opened) -> None:
    for name, case in opened.items():
        layout = case.generated.pdf_layout
        for table, asked in (("caller", layout.caller_break), ("theme", layout.theme_break)):
            placement = case.generated.tables[table]
            if asked:
                assert len(placement.parts) >= 2, (name, table)
            continued = [page for page, _, _ in placement.parts[1:]]
            if placement.header == "absent":
                assert placement.header_pages == (), (name, table)
            elif layout.repeat_header:
                assert list(placement.header_pages[1:]) == continued, (name, table)
            else:
                assert len(placement.header_pages) == 1, (name, table)
        caller = case.generated.tables["caller"]
        if len(caller.header_pages) > 1 and caller.header in ("horizontal", "letters", "wrapped"):
            first, again = (sorted(w["text"] for w in header_words(case, box)) for box in caller.header_boxes[:2])
            assert first == again, name


def test_narrow_labels_wrap_and_figures_sit_as_asked(opened) -> None:
    for name, case in opened.items():
        generated, layout = case.generated, case.generated.pdf_layout
        placement = generated.tables["caller"]
        if layout.caller_labels == "narrow":
            assert 2 <= max(placement.label_lines) <= 3, name
        assert max(placement.label_lines) <= 3, name
        figures = {}
        for number in generated.numbers:
            if number.table == "caller" and number.printed_column >= 1:
                figures.setdefault(number.printed_row, set()).add(number.top)
        for row, tops in figures.items():
            assert len(tops) == 1, (name, row)       # a row's figures on one line
            page, top, bottom = placement.rows[row - 1]
            label_tops = sorted({w["top"] for w in case.words_in(page, top, bottom, 0, placement.column_edges[1])})
            assert len(label_tops) == placement.label_lines[row - 1] or label_tops == [], (name, row)
            if len(label_tops) > 1 and layout.figures_valign == "top":
                assert abs(min(tops) - label_tops[0]) < TOLERANCE, (name, row)
            if len(label_tops) == 2 and layout.figures_valign == "middle":
                assert label_tops[0] < min(tops) < label_tops[-1], (name, row)
    assert any(max(c.generated.tables["theme"].label_lines) == 2 for c in opened.values()
               if c.generated.pdf_layout.theme_labels == "narrow")


def test_page_furniture_and_the_parliaments_header_block(opened) -> None:
    for name, case in opened.items():
        generated, layout = case.generated, case.generated.pdf_layout
        pages = len(generated.pages)
        first_words = " ".join(w["text"] for w in case.words[0] if w["top"] > 65)
        assert first_words.startswith("SCHRIFTELIJKE VRAAG nr.") == layout.parliament_header, name
        assert (generated.header.block_page == 1) == layout.parliament_header, name
        answer = " ".join(w["text"] for w in case.words[generated.header.answer_page - 1])
        assert f"ANTWOORD op vraag nr. {generated.header.number} van" in answer, name
        for page in range(2, pages + 1):
            height = case.sizes[page - 1][1]
            margin = " ".join(w["text"] for w in case.words[page - 1] if w["bottom"] < 65 or w["top"] > height - 65)
            wanted = {"": "", "slash": f"{page} / {pages}", "pagina": f"Pagina {page} van {pages}",
                      "dash": f"- {page} -"}[layout.page_numbers]
            assert wanted in margin, (name, page, margin)
            if layout.running_header == "numbered":
                assert str(generated.header.number) in margin, (name, page, margin)
        if "Vera" in layout.font:
            assert all("Vera" in c["fontname"] for c in case.chars[0]), name


def test_a_six_page_answer_for_the_benchmark() -> None:
    generated = six_page_pdf()
    assert len(generated.pages) == 6
    assert sum(page.landscape for page in generated.pages) >= 2


# --------------------------------------------------------------------------- the bad files


def test_the_bad_files_are_what_they_claim() -> None:
    generated = generate_pdf(Layout(), PdfLayout(caller_landscape=True), random.Random(2))
    with pdfplumber.open(io.BytesIO(scanned_pdf(generated.pdf, dpi=40))) as scan:
        assert len(scan.pages) == len(generated.pages)
        assert [p.width > p.height for p in scan.pages] == [p.landscape for p in generated.pages]
        assert all(page.chars == [] and len(page.images) == 1 for page in scan.pages)
    locked = encrypted_pdf(Layout(), PdfLayout(), random.Random(2), user_password="geheim")
    with pytest.raises(Exception) as refused:
        with pdfplumber.open(io.BytesIO(locked)) as pdf:
            pdf.pages[0].chars
    assert "PDFPasswordIncorrect" in repr(refused.value)
    with pdfplumber.open(io.BytesIO(locked), password="geheim") as pdf:
        assert "ANTWOORD" in pdf.pages[0].extract_text() + pdf.pages[1].extract_text()
    for broken in (truncated_pdf(generated.pdf), garbage_pdf(random.Random(1))):
        with pytest.raises(Exception):
            with pdfplumber.open(io.BytesIO(broken)) as pdf:
                [page.chars for page in pdf.pages]
    with pdfplumber.open(io.BytesIO(other_document_pdf(random.Random(3)))) as pdf:
        text = "\n".join(page.extract_text() for page in pdf.pages)
    assert "ANTWOORD" in text and "1712" not in text
    assert not any(label in text for _, label in LABELS.themes if label != "Leeg")


def test_the_unbalanced_caller_table_has_one_cell_that_does_not_add_up() -> None:
    damaged = unbalanced_caller_pdf(Layout(theme_count=10), PdfLayout(), random.Random(5))
    damage = damaged.damage
    cells = [n for n in damaged.numbers if n.table == "caller" and n.printed_row == damage.printed_row
             and n.printed_column >= 1]
    [cell] = [n for n in cells if n.printed_column == damage.printed_column]
    assert cell.page == damage.page and cell.text == damage.printed
    with pdfplumber.open(io.BytesIO(damaged.pdf)) as pdf:
        assert printed_at(pdf.pages[cell.page - 1].chars, cell) == damage.printed
    value = lambda n: int(re.sub(r"\D", "", n.text))          # noqa: E731
    *row, total = sorted(cells, key=lambda n: n.printed_column)
    assert sum(value(n) for n in row) != value(total)
    assert sum(value(n) for n in row) - value(cell) + damage.true_value == value(total)
