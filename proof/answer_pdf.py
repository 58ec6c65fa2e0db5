"""Writes minister's answers on the 1712 figures as PDFs, laid out as the parliament lays them out: the oracle.

The reader of answer PDFs (meldpunt1712.answer) needs PDFs whose every printed number it knows,
where it is on the page and what the warehouse must do with it. This module draws the document
that proof/answer_generator.py writes (the same figures, the same wording, the same parts for a
layout and seed) on A4 pages with reportlab's canvas, and records each number where it draws it.
It shares no code with the reader: its own layout engine, its own reasons for numbers that are
not figures.

What varies (`PdfLayout`, drawn by `pdf_layouts()`): the font (Helvetica or Times, not embedded,
or Bitstream Vera, an embedded TrueType subset); justified or ragged prose; the parliament's header
block (SCHRIFTELIJKE VRAAG / nr. / van / datum: ...) present or absent; running headers with or
without numbers in them; page numbers ('2 / 4', 'Pagina 2 van 4', '- 2 -') in the footer or the
header, on the first page or not; which tables are ruled (a grid of cell borders) and which are
aligned by white space only; narrow label columns (caller labels over two or three lines) and
figures vertically centred or top-aligned on such a row; figures right-aligned or centred; the
caller table's column headers horizontal, wrapped (a word too long for its cell broken between
two letters, as Word does), rotated (bottom to top or top to bottom), replaced by letters that
name no theme, or absent; the caller table on landscape pages among portrait ones; the caller and
theme tables broken across pages, their header row repeated on the next page or not.

`generate_pdf(layout, pdf_layout, rnd)` is the plain function; `pdf_answers()` the Hypothesis
strategy; `SIX_PAGES` a fixed answer of six pages (the reader's benchmark). The bad files:
`scanned_pdf`, `encrypted_pdf`, `truncated_pdf`, `garbage_pdf`, `other_document_pdf`,
`unbalanced_caller_pdf`.

Coordinates are pdfplumber's: points, from the top-left corner of each page (`top` grows
downward); a number's box is its characters' box as pdfminer computes it (x0 of its first
character, x1 of its last, top and bottom of the font's em box around the baseline), so a
test matches the reader's numbers to `GeneratedPdf.numbers` by page and position.

What pdfplumber 0.11.11 returns of these PDFs (the facts the oracle's tests rely on are checked in
tests/python/test_answer_pdf_oracle.py; the others were seen on generated PDFs):

- Words: every line is drawn with space characters between its words (a justified line: each
  word with its space, at its own place), so `extract_words()` splits at them. A number printed
  with a thousands space ('14 500', '5 390', '58 %') therefore comes back as two words ('14',
  '500'); dotted and plain numbers ('5.390', '5390') are one word. A justified line widens the
  gaps between words, never the space inside a number.
- Word order: `extract_words()` returns a page's rotated (non-upright) words first, then the
  upright ones top to bottom; `extract_text()` likewise starts with the rotated header text.
- Rotated headers: characters drawn bottom to top have `upright` False and matrix
  (0, 1, -1, 0, x, y); `extract_words()` gives them with direction 'ttb', one word per printed
  word, letters reversed and the words in reverse order ('Gedwongen adoptie' comes back as
  'eitpoda', 'negnowdeG', sorted by top): the column's words joined by a space and reversed give
  the header. Top-to-bottom headers (matrix (0, -1, 1, 0, x, y)) come back in reading order.
  `extract_tables()` (lines) gives a rotated header cell as 'eitpoda\nnegnowdeG'.
- Wrapped headers and labels: each printed line of a cell is a line of words of its own; a header
  word broken between two letters comes back as two words on two lines ('Kindermishandel' above
  'ing', 'Ouderenmis(b' above 'e)handeling'): compare headers with all white space removed.
  `extract_tables()` (lines) joins a cell's lines with '\n' ('1200 - (stief-) ouder(s) van het\n
  slachtoffer', 'Scheidingspro\nblematiek').
- Figures of a wrapped label: top-aligned, they share the label's first line (same `top`);
  vertically centred, a two-line label's figures sit half a line below its first line, between
  its two lines, and `extract_text()` prints label line 1, the figures, label line 2; with three
  lines the figures share the middle line's top ('personen uit woonomgeving 96 16 112').
- Empty cells: nothing is printed there. On a ruled table `extract_tables()` gives '' for an
  empty cell and None for the cells a merged row spans (a caller group's heading row:
  ['Persoon uit de omgeving van het slachtoffer', None, None, ...]). On an unruled table the
  "text" strategy does well on the small tables (month, theme, age x gender: '' where a cell is
  empty, an empty row between printed rows) but not on the caller table: it cuts wrapped labels
  between letters into several columns ('Persoon uit d', 'e omgeving'), puts a centred row's
  figures on a row of their own, and shreds rotated headers into letters; filter the upright
  characters and place figures by x against the header's columns instead. The oracle's
  `TablePlacement.column_edges` are the true column edges.
- A table broken across pages: its rows go on below the next page's running header; a repeated
  header row is the same header words again (ruled: the same borders).
- Landscape pages: `page.width` 841.89 > `page.height` 595.28; words upright as on any page.
- Page furniture: running headers and page numbers are ordinary words above the top margin
  (top < 65) and below the bottom margin ('2', '/', '4'; 'Pagina', '2', 'van', '4'; '-', '2', '-').
- Bad files: `pdfplumber.open` of an encrypted file without its password raises
  pdfplumber.utils.exceptions.PdfminerException(PDFPasswordIncorrect()); of a truncated file
  PdfminerException(PSEOF('Unexpected EOF')); of garbage PdfminerException(PDFSyntaxError('No
  /Root object! - Is this really a PDF?')). A scanned file opens: each page has no chars and one
  image.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import io
import os
import random
import re
from dataclasses import dataclass, field

import reportlab
from hypothesis import reject
from hypothesis import strategies as st
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from proof.answer_generator import (BODY, FIGURE, HEADING, MONTHS, NOT_A_FIGURE, PART_START, PLAIN, TOTAL, UNREAD,
                                    YEAR, Document, Gap, Layout, Line, Num, Paragraph, QuestionFields, Row, Segment,
                                    Table, Word, layouts, seg_text, words, write_document)

A4_PORTRAIT = (595.2756, 841.8898)
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 62.36, 70.87, 70.87      # 2.2 cm, 2.5 cm, 2.5 cm
HEADER_BASELINE, FOOTER_BASELINE = 40.0, 36.0                   # from the top, from the bottom
BODY_SIZE = 10.5
CALLER_SIZES = (8.0, 7.5, 7.0, 6.5, 6.0, 5.5, 5.0)

FONTS = {"Helvetica": ("Helvetica", "Helvetica-Bold"), "Times-Roman": ("Times-Roman", "Times-Bold"),
         "Vera": ("Vera", "Vera-Bold")}
CALLER_HEADERS = ("horizontal", "wrapped", "vertical", "vertical_down", "letters", "absent")
READABLE_HEADERS = ("horizontal", "wrapped", "vertical", "vertical_down")
PAGE_NUMBERS = ("", "slash", "pagina", "dash")       # none, '2 / 4', 'Pagina 2 van 4', '- 2 -'
TABLE_NAMES = ("month", "theme", "age_gender", "caller", "channel")


def register_fonts() -> None:
    """Bitstream Vera ships with reportlab: the same embedded TrueType font on every machine."""
    folder = os.path.join(os.path.dirname(reportlab.__file__), "fonts")
    for name, file in (("Vera", "Vera.ttf"), ("Vera-Bold", "VeraBd.ttf")):
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, os.path.join(folder, file)))


register_fonts()


def text_width(text: str, font: str, size: float) -> float:
    return pdfmetrics.stringWidth(text, font, size)


# The Descender of Adobe's AFM files of the standard fonts, which PDF readers (pdfminer among them) use
# for fonts a PDF does not embed; reportlab's own tables differ for Times-Bold (-205).
AFM_DESCENDER = {"Helvetica": -207, "Helvetica-Bold": -207, "Times-Roman": -217, "Times-Bold": -217}


def descent(font: str) -> float:
    """The font's descent per point of size (negative), as a reader of the PDF takes it for a character's box.

    An embedded font's is the one reportlab writes into its FontDescriptor.
    """
    return AFM_DESCENDER.get(font, pdfmetrics.getFont(font).face.descent) / 1000


def char_top(baseline: float, font: str, size: float) -> float:
    """pdfminer's top of a character drawn on `baseline` (both from the page's top)."""
    return baseline - size * (1 + descent(font))


# --------------------------------------------------------------------------- what the PDF carries


@dataclass(frozen=True)
class PdfLayout:
    """How an answer is laid out on its pages, apart from what it says (proof.answer_generator.Layout)."""

    font: str = "Helvetica"                 # Helvetica, Times-Roman (standard, not embedded) or Vera (embedded)
    justified: bool = True                  # prose justified to both margins, or ragged right
    parliament_header: bool = True          # SCHRIFTELIJKE VRAAG / nr. N / van ASKER / datum: D first
    running_header: str = "numbered"        # '', 'plain' (no numbers) or 'numbered' (question number and year)
    page_numbers: str = "slash"             # '' (none), 'slash' (2 / 4), 'pagina' (Pagina 2 van 4), 'dash' (- 2 -)
    page_number_place: str = "footer"       # footer (centred) or header (right)
    furniture_on_first_page: bool = False   # running header and page number on page 1 too
    ruled: tuple[str, ...] = TABLE_NAMES    # the tables drawn with a grid of cell borders; the others unruled
    caller_labels: str = "narrow"           # narrow (long labels over 2-3 lines) or fit (as wide as the room allows)
    theme_labels: str = "fit"               # narrow (the longer theme labels over two lines) or fit
    figures_valign: str = "middle"          # a wrapped label's figures: middle (centred in the row) or top
    figures_align: str = "right"            # figures right-aligned or centred in their cells
    caller_header: str = "vertical"         # one of CALLER_HEADERS
    caller_landscape: bool = False          # the caller table on landscape pages of its own
    caller_break: bool = True               # the caller table broken across pages (forced when it would fit)
    theme_break: bool = False               # the theme table broken across pages
    repeat_header: bool = True              # a broken table repeats its header row on each next page

    def __post_init__(self) -> None:
        assert self.font in FONTS and self.caller_header in CALLER_HEADERS, self
        assert self.page_numbers in PAGE_NUMBERS and self.running_header in ("", "plain", "numbered"), self
        assert set(self.ruled) <= set(TABLE_NAMES), self.ruled


@dataclass(frozen=True)
class PdfNumber:
    """One number as the PDF prints it, where, and what the warehouse must do with it.

    `printed_row` is the 1-based row of its table as printed, counted below the header row:
    every row counts (a caller group's heading row, the total row), header rows do not (nor a
    header row repeated on a later page), and a table continued on the next page goes on counting
    (rows are never split across pages). `printed_column` is the 1-based figure column, left to
    right, the label column not counted: in the caller table column c (1..n) is the c-th theme
    column and n+1 the row totals; 0 for a number in a label (a year in 'Januari 2019', a caller
    type code, the 12 of '-12 jaar'). Outside tables `table` is '' and both are 0.
    """

    page: int                   # 1-based
    x0: float
    top: float
    x1: float
    bottom: float
    text: str                   # as printed: '5.126', '14 500', '2,6', '58 %'
    disposition: str            # FIGURE, NOT_A_FIGURE or UNREAD
    reason: str                 # why not a figure, or why unread ('' for a figure)
    table: str = ""             # month, theme, age_gender, caller, channel; '' outside tables
    printed_row: int = 0
    printed_column: int = 0
    pdf_only: bool = False      # printed by the page layout only (page furniture, the parliament's header block)


@dataclass(frozen=True)
class PdfPage:
    number: int
    width: float
    height: float

    @property
    def landscape(self) -> bool:
        return self.width > self.height


@dataclass(frozen=True)
class TablePlacement:
    """Where a table is printed and how: what a test needs to check the layout it asked for."""

    name: str
    pages: tuple[int, ...]                  # the pages the table's rows are on, title page first
    parts: tuple[tuple[int, float, float], ...]   # (page, top, bottom) of the table's rows on each page
    column_edges: tuple[float, ...]         # x of the label column's left edge, then each column's right edge
    ruled: bool
    header: str                             # caller table: one of CALLER_HEADERS; the others 'horizontal' or 'absent'
    header_pages: tuple[int, ...]           # pages on which its header row is printed (first page, and repeats)
    header_boxes: tuple[tuple[int, float, float], ...]   # (page, top, bottom) of each header row printed
    rows: tuple[tuple[int, float, float], ...]   # (page, top, bottom) of each printed row (cell borders), in order
    header_texts: tuple[str, ...]           # each figure column's header as printed (lines joined by a space)
    body_rows: int                          # rows below the header (heading and total rows included)
    label_lines: tuple[int, ...]            # lines each row's label takes, per printed row
    size: float                             # font size of the table


@dataclass(frozen=True)
class QuestionHeader:
    """The written question's header as the PDF prints it."""

    number: int
    date: dt.date
    asked_by: str
    answered_by: str
    role: str
    block_page: int | None                  # page of the parliament's header block; None when not printed
    answer_page: int                        # page of 'ANTWOORD / op vraag nr. N van D / van ASKER'


@dataclass(frozen=True)
class CellDamage:
    """The one caller cell changed so that its row and column no longer add up."""

    page: int
    printed_row: int
    printed_column: int
    caller_type_code: str
    column_position: int
    printed: str                            # the text printed in the cell
    true_value: int                         # what the row and column totals say it is


@dataclass
class GeneratedPdf:
    """A generated answer PDF and everything a test must know about what it prints.

    `expected` has the text generator's rows (same seeds, same shapes) and the cells with their
    printed columns: `caller_theme_cells` (caller_type_code, column_position, contacts) for each
    printed (non-empty) cell, column_position 1-based among the theme columns as printed left to
    right; `caller_theme_columns` (column_position, theme_label_nl) for every theme column, also
    when its header is not readable; `age_gender_cells` (age_group_label_nl, column_position,
    contacts) and `age_gender_columns` (column_position, gender_label_nl) likewise.

    `where` has, per key of `expected`, each expected row with the number printed for it (its
    page, position, table, printed row and column), sorted as `expected`. A row printed twice
    (a count repeated in the narrative) appears with each of its numbers.

    `unresolved_columns` lists the groups of caller columns whose theme neither a readable header
    nor a column total decides (equal totals under letters or no header): a reader must refuse
    such a PDF naming those columns. Empty: every column can be read.
    """

    layout: Layout
    pdf_layout: PdfLayout
    pdf: bytes = field(repr=False)
    pages: list[PdfPage] = field(repr=False)
    expected: dict[str, list[tuple]] = field(repr=False)
    where: dict[str, list[tuple[tuple, PdfNumber]]] = field(repr=False)
    header: QuestionHeader = field(repr=False)
    numbers: list[PdfNumber] = field(repr=False)
    tables: dict[str, TablePlacement] = field(repr=False)
    unresolved_columns: list[tuple[int, ...]] = field(repr=False)
    damage: CellDamage | None = field(default=None, repr=False)

    @property
    def year(self) -> int:
        return self.layout.year

    def _repr_pretty_(self, printer, cycle: bool) -> None:
        printer.text(f"GeneratedPdf(layout={self.layout!r}, pdf_layout={self.pdf_layout!r})")


class LayoutDoesNotFit(ValueError):
    """The caller table cannot be printed within the page's width in this layout."""


# --------------------------------------------------------------------------- numbers in text and their reasons


@dataclass(frozen=True)
class Mark:
    offset: int                 # in the word's text
    text: str
    disposition: str
    reason: str
    num: Num | None             # the document's number (None: digits in literal text)


MONTH_AFTER = re.compile(rf" ({'|'.join(MONTHS)})\b")


def literal_reason(text: str, start: int, digits: str) -> str:
    """Why digits in the oracle's own literal text are not a figure, from where its templates print them."""
    before, after = text[:start], text[start + len(digits):]
    if digits == "1712":
        return "the helpline's number"
    if after.startswith("h") or re.match(r" en \d+ uur", after) or (before.endswith(" en ") and
                                                                      after.startswith(" uur")):
        return "time of day"
    if before.endswith("nr. "):
        return "question number"
    if re.fullmatch(r"\d{4}", digits) and after.startswith(" - "):
        return "caller type code"
    if before[-1:] in "-+" and after.startswith(" jaar"):
        return "age label"
    if re.fullmatch(r"(?:\d+-)?", before.strip()) and re.match(r"(?:-\d+)?\.", after):
        return "part number"
    if MONTH_AFTER.match(after):
        return "date"
    if YEAR.fullmatch(digits):
        return "year"
    raise ValueError(f"no reason known for {digits!r} in {text!r}")


def marks_of(block_words: list[Word]) -> list[list[Mark]]:
    """Every number of each word: the document's numbers, and digits in literal text with their reason."""
    text = " ".join(seg_text(word) for word in block_words)
    out, offset = [], 0
    for word in block_words:
        marks, inner = [], 0
        for segment in word:
            if isinstance(segment, Num):
                marks.append(Mark(inner, segment.text, segment.disposition, segment.reason, segment))
            else:
                for match in PLAIN.finditer(segment):
                    reason = literal_reason(text, offset + inner + match.start(), match.group(0))
                    marks.append(Mark(inner + match.start(), match.group(0), NOT_A_FIGURE, reason, None))
            inner += len(seg_text([segment]))
        out.append(marks)
        offset += inner + 1
    return out


def to_words(segments: list[Segment]) -> list[Word]:
    """Segments as words: text split at white space, a number never split (its own space stays inside)."""
    out: list[Word] = []
    current: Word = []
    for segment in segments:
        if isinstance(segment, Num):
            current.append(segment)
            continue
        for part in re.split(r"(\s+)", segment):
            if part.isspace():
                if current:
                    out.append(current)
                    current = []
            elif part:
                current.append(part)
    if current:
        out.append(current)
    return out


def wrap_text(text: str, width: float, font: str, size: float, break_words: bool = False) -> list[str]:
    """Greedy lines of at most `width` points; a word wider than that is broken between letters if asked."""
    lines: list[str] = []
    for word in text.split():
        pieces = [word]
        if break_words and text_width(word, font, size) > width:
            pieces, piece = [], ""
            for letter in word:
                if piece and text_width(piece + letter, font, size) > width:
                    pieces.append(piece)
                    piece = ""
                piece += letter
            pieces.append(piece)
        for i, piece in enumerate(pieces):
            if lines and i == 0 and text_width(f"{lines[-1]} {piece}", font, size) <= width:
                lines[-1] += f" {piece}"
            else:
                lines.append(piece)
    return lines or [""]


# --------------------------------------------------------------------------- the layout engine


@dataclass
class PageDraft:
    width: float
    height: float
    ops: list[tuple] = field(default_factory=list)


@dataclass
class Geometry:
    """A table's measures at one font size."""

    size: float
    leading: float
    pad_x: float
    pad_y: float
    label_width: float
    widths: list[float]
    headers: list[list[str]] | None         # each figure column's header lines (None: no header row)
    header_height: float
    label_lines: list[list[str]]            # per row
    heights: list[float]                    # per row

    def edges(self, x0: float) -> list[float]:
        out = [x0, x0 + self.label_width]
        for w in self.widths:
            out.append(out[-1] + w)
        return out


class Composer:
    """Lays a document out on pages, in pdfplumber's coordinates, and records every number it draws."""

    def __init__(self, document: Document, pdf_layout: PdfLayout, rnd: random.Random):
        self.document, self.pdf_layout, self.rnd = document, pdf_layout, rnd
        self.regular, self.bold = FONTS[pdf_layout.font]
        self.pages: list[PageDraft] = []
        self.numbers: list[PdfNumber] = []
        self.placed: dict[int, PdfNumber] = {}
        self.tables: dict[str, TablePlacement] = {}
        self.block_page: int | None = None
        self.answer_page = 0
        self.y = 0.0
        self.new_page()

    # ------------------------------------------------------------------ pages

    @property
    def page(self) -> PageDraft:
        return self.pages[-1]

    @property
    def page_number(self) -> int:
        return len(self.pages)

    def new_page(self, landscape: bool = False) -> None:
        width, height = A4_PORTRAIT[::-1] if landscape else A4_PORTRAIT
        self.pages.append(PageDraft(width, height))
        self.y = MARGIN_TOP

    def turn_page(self, landscape: bool) -> None:
        """A new page in `landscape` or portrait; an empty current page is turned instead."""
        if not self.page.ops:
            self.pages.pop()
        self.new_page(landscape)

    @property
    def landscape(self) -> bool:
        return self.page.width > self.page.height

    @property
    def bottom(self) -> float:
        return self.page.height - MARGIN_BOTTOM

    @property
    def text_width(self) -> float:
        return self.page.width - 2 * MARGIN_X

    def fits(self, height: float) -> bool:
        return self.y + height <= self.bottom

    def space(self, height: float) -> None:
        if self.y > MARGIN_TOP:
            self.y += height

    # ------------------------------------------------------------------ drawing

    def draw(self, x: float, baseline: float, text: str, font: str, size: float, angle: int = 0) -> None:
        self.page.ops.append(("text", x, baseline, text, font, size, angle))

    def rule(self, x0: float, y0: float, x1: float, y1: float) -> None:
        self.page.ops.append(("line", x0, y0, x1, y1))

    def record(self, mark: Mark, x0: float, baseline: float, font: str, size: float, table: str = "",
               row: int = 0, column: int = 0, pdf_only: bool = False, page: int | None = None) -> None:
        top = char_top(baseline, font, size)
        number = PdfNumber(page or self.page_number, round(x0, 3), round(top, 3),
                           round(x0 + text_width(mark.text, font, size), 3), round(top + size, 3), mark.text,
                           mark.disposition, mark.reason, table, row, column, pdf_only)
        self.numbers.append(number)
        if mark.num is not None:
            assert id(mark.num) not in self.placed, f"{mark.num} drawn twice"
            self.placed[id(mark.num)] = number

    def draw_words(self, line_words: list[Word], marks: list[list[Mark]], x: float, baseline: float, font: str,
                   size: float, gap: float | None = None, **where) -> None:
        """A line of words from x: one string with its spaces, or (justified, `gap` given) each word with its
        space at its own place; either way a space character separates the words, as Word writes them."""
        space = text_width(" ", font, size)
        texts = [seg_text(word) for word in line_words]
        if gap is None:
            self.draw(x, baseline, " ".join(texts), font, size)
        for i, (text, word_marks) in enumerate(zip(texts, marks)):
            if gap is not None:
                self.draw(x, baseline, text + (" " if i < len(texts) - 1 else ""), font, size)
            for mark in word_marks:
                self.record(mark, x + text_width(text[:mark.offset], font, size), baseline, font, size, **where)
            x += text_width(text, font, size) + (space if gap is None else gap)

    def baseline_in(self, top: float, font: str, size: float, leading: float) -> float:
        """The baseline that centres a line's characters (em box) in a slot of `leading` at `top`."""
        return top + (leading - size) / 2 + size * (1 + descent(font))

    # ------------------------------------------------------------------ prose

    def lines_of(self, block_words: list[Word], font: str, size: float, width: float) -> list[list[int]]:
        """Greedy lines of word indexes; a word like '2019.' never starts a line (it would read as a part)."""
        space = text_width(" ", font, size)
        lines: list[list[int]] = [[]]
        used = 0.0
        for i, word in enumerate(block_words):
            w = text_width(seg_text(word), font, size)
            if lines[-1] and used + space + w > width:
                if PART_START.match(seg_text(word)) and len(lines[-1]) > 1:
                    moved = lines[-1].pop()
                    lines.append([moved])
                    used = text_width(seg_text(block_words[moved]), font, size)
                else:
                    lines.append([])
                    used = 0.0
            used += (space if lines[-1] else 0) + w
            lines[-1].append(i)
        return lines

    def prose(self, block_words: list[Word], font: str | None = None, size: float = BODY_SIZE,
              justified: bool | None = None, after: float | None = None, pdf_only: bool = False) -> None:
        font = font or self.regular
        justified = self.pdf_layout.justified if justified is None else justified
        leading = size * 1.25
        marks = marks_of(block_words)
        lines = self.lines_of(block_words, font, size, self.text_width)
        for n, line in enumerate(lines):
            if not self.fits(leading):
                self.new_page(self.landscape)
            baseline = self.baseline_in(self.y, font, size, leading)
            widths = [text_width(seg_text(block_words[i]), font, size) for i in line]
            gap = (self.text_width - sum(widths)) / max(1, len(line) - 1)
            self.draw_words([block_words[i] for i in line], [marks[i] for i in line], MARGIN_X, baseline, font, size,
                            gap if justified and n < len(lines) - 1 and len(line) > 1 else None, pdf_only=pdf_only)
            self.y += leading
        self.y += size * 0.6 if after is None else after

    def line_block(self, line: Line) -> None:
        block_words = to_words(line.segments)
        if not block_words:
            return
        text = seg_text(line.segments).strip()
        bold = text.isupper() or line.role == "subject"
        if text == "ANTWOORD":
            self.space(BODY_SIZE)
            self.answer_page = self.page_number
        self.prose(block_words, self.bold if bold else self.regular, BODY_SIZE, justified=False, after=0)

    # ------------------------------------------------------------------ the document

    def compose(self) -> None:
        fields = self.document.fields
        if self.pdf_layout.parliament_header:
            self.block_page = self.page_number
            self.prose([["SCHRIFTELIJKE"], ["VRAAG"]], self.bold, 13, justified=False, after=4)
            for text in (f"nr. {fields.number}", f"van {fields.asked_by}", f"datum: {fields.date}"):
                self.prose(to_words([text]), self.bold, BODY_SIZE, justified=False, after=0, pdf_only=True)
            self.space(BODY_SIZE)
        for block in self.document.blocks:
            if isinstance(block, Line):
                self.line_block(block)
            elif isinstance(block, Paragraph):
                self.prose(block.words, after=0)
            elif isinstance(block, Gap):
                self.space(BODY_SIZE * 0.7)
            else:
                self.table(block)
        self.furniture()

    # ------------------------------------------------------------------ tables

    def header_texts(self, table: Table, mode: str) -> list[str] | None:
        if mode == "absent" or not any(table.columns):
            return None
        if mode == "letters":
            return [chr(ord("A") + i) for i in range(len(table.columns) - 1)] + [table.columns[-1]]
        return list(table.columns)

    def measure(self, table: Table, mode: str, label_mode: str, size: float, available: float) -> Geometry | None:
        regular, bold = self.regular, self.bold
        leading, pad_x, pad_y = size * 1.25, size * 0.5, size * 0.3
        headers = self.header_texts(table, mode)
        widths = []
        for c in range(len(table.columns)):
            texts = [(row.cells[c].text, bold if row.kind == TOTAL else regular) for row in table.rows
                     if row.kind != HEADING and row.cells[c] is not None]
            w = max([text_width(t, f, size) for t, f in texts] + [text_width("0", regular, size)]) + 2 * pad_x
            if headers is not None and mode in ("horizontal", "letters"):
                w = max(w, text_width(headers[c], bold, size) + 2 * pad_x)
            if mode in ("vertical", "vertical_down"):
                w = max(w, size * 1.4 + 2 * pad_x)
            widths.append(w)
        labels = [(row.label, regular if row.kind == BODY else bold) for row in table.rows if row.kind != HEADING]
        labels.append((table.label_header, bold))
        longest_word = max(text_width(w, font, size) for label, font in labels for w in label.split() or [""])
        longest = max(text_width(label, font, size) for label, font in labels)
        room = available - sum(widths)
        if label_mode == "narrow":
            label_width = max(longest_word, longest / 2.6) + 2 * pad_x
            while max(len(wrap_text(label, label_width - 2 * pad_x, font, size)) for label, font in labels) > 3:
                label_width += 2
        else:
            label_width = min(longest + 2 * pad_x, room)
        if label_width < longest_word + 2 * pad_x or label_width > room + 0.01:
            return None
        header_lines: list[list[str]] | None = None
        header_height = 0.0
        if headers is not None:
            if mode == "wrapped":
                spare = available - label_width - sum(widths)
                themes = len(widths)
                wants = [max(0.0, text_width(headers[c], bold, size) + 2 * pad_x - widths[c]) for c in range(themes)]
                while spare > 0.5 and any(w > 0.01 for w in wants):   # the spare width, shared out to who wants it
                    share = spare / sum(w > 0.01 for w in wants)
                    for c in range(themes):
                        given = min(share, wants[c])
                        widths[c] += given
                        wants[c] -= given
                        spare -= given
                header_lines = [wrap_text(h, w - 2 * pad_x, bold, size, break_words=True)
                                for h, w in zip(headers, widths)]
                pieces = [len(wrap_text(word, w - 2 * pad_x, bold, size, break_words=True))
                          for h, w in zip(headers, widths) for word in h.split()]
                if max(pieces) > 3:          # a word in four pieces or more: try a smaller font
                    return None
            else:
                header_lines = [[h] for h in headers]
            if mode in ("vertical", "vertical_down"):
                header_height = max(text_width(h, bold, size) for h in headers) + 2 * pad_y + 2
            else:
                header_height = max(len(lines) for lines in header_lines) * leading + 2 * pad_y
            header_height = max(header_height, len(wrap_text(table.label_header, label_width - 2 * pad_x, bold,
                                                             size)) * leading + 2 * pad_y)
        label_lines, heights = [], []
        total_width = label_width + sum(widths)
        for row in table.rows:
            font = bold if row.kind != BODY else regular
            width = (total_width if row.kind == HEADING else label_width) - 2 * pad_x
            lines = wrap_text(row.label, width, font, size) if row.label else [""]
            if row.kind != HEADING and len(lines) > 3:     # labels take three lines at the most
                return None
            label_lines.append(lines)
            heights.append(len(lines) * leading + 2 * pad_y)
        return Geometry(size, leading, pad_x, pad_y, label_width, widths, header_lines, header_height, label_lines,
                        heights)

    def geometry(self, table: Table, mode: str, label_mode: str) -> Geometry:
        sizes = CALLER_SIZES if table.name == "caller" else (BODY_SIZE - 1.5,)
        for size in sizes:
            geometry = self.measure(table, mode, label_mode, size, self.text_width)
            if geometry is not None:
                return geometry
        raise LayoutDoesNotFit(f"the {table.name} table with {len(table.columns)} columns, headers {mode}, labels "
                               f"{label_mode}, does not fit {self.text_width:.0f} points even at {sizes[-1]} pt")

    def table(self, table: Table) -> None:
        layout, name = self.pdf_layout, table.name
        landscape = name == "caller" and layout.caller_landscape
        if landscape:
            self.turn_page(landscape=True)
        mode = layout.caller_header if name == "caller" else "horizontal"
        label_mode = {"caller": layout.caller_labels, "theme": layout.theme_labels}.get(name, "fit")
        g = self.geometry(table, mode, label_mode)
        if g.headers is None:
            mode = "absent"
        title_words = to_words(["".join(table.title)])
        title_height = len(self.lines_of(title_words, self.regular, BODY_SIZE, self.text_width)) * BODY_SIZE * 1.25
        if not self.fits(title_height + 4 + g.header_height + g.heights[0]):
            self.new_page(self.landscape)
        first_page = self.page_number
        self.prose(title_words, justified=False, after=4)
        x0 = MARGIN_X
        edges = g.edges(x0)
        forced = None
        if (name == "caller" and layout.caller_break) or (name == "theme" and layout.theme_break):
            low = min(2, len(table.rows) - 1)
            forced = self.rnd.randint(low, max(low, len(table.rows) - 2))
        header_pages: list[int] = []
        header_boxes: list[tuple[int, float, float]] = []
        row_boxes: list[tuple[int, float, float]] = []
        parts: list[tuple[int, float, float]] = []
        part_rows: list[tuple[float, float, bool]] = []          # (top, height, spans the whole width)

        def start_part() -> None:
            if g.headers is not None and (not header_pages or layout.repeat_header):
                part_rows.append((self.y, g.header_height, False))
                self.draw_header(table, g, mode, edges, self.y)
                header_pages.append(self.page_number)
                header_boxes.append((self.page_number, round(self.y, 3), round(self.y + g.header_height, 3)))
                self.y += g.header_height

        def end_part() -> None:
            if part_rows:
                parts.append((self.page_number, part_rows[0][0], self.y))
                if name in layout.ruled:
                    self.draw_rules(edges, part_rows, self.y)
            part_rows.clear()

        start_part()
        broken = False
        for index, (row, height) in enumerate(zip(table.rows, g.heights)):
            if not self.fits(height) or (index == forced and not broken):
                end_part()
                self.new_page(self.landscape)
                broken = True
                start_part()
            part_rows.append((self.y, height, row.kind == HEADING))
            row_boxes.append((self.page_number, round(self.y, 3), round(self.y + height, 3)))
            self.draw_row(table, row, index + 1, g, edges, self.y, height)
            self.y += height
        end_part()
        self.tables[name] = TablePlacement(
            name, tuple(range(first_page, self.page_number + 1)), tuple(parts), tuple(round(e, 3) for e in edges),
            name in layout.ruled, mode, tuple(header_pages), tuple(header_boxes), tuple(row_boxes),
            tuple(" ".join(lines) for lines in g.headers) if g.headers else (), len(table.rows),
            tuple(len(lines) for lines in g.label_lines), g.size)
        self.y += BODY_SIZE * 0.6
        if landscape:
            self.turn_page(landscape=False)

    def draw_header(self, table: Table, g: Geometry, mode: str, edges: list[float], top: float) -> None:
        bold, size = self.bold, g.size
        for n, line in enumerate(wrap_text(table.label_header, g.label_width - 2 * g.pad_x, bold, size)):
            if line:
                self.draw(edges[0] + g.pad_x, self.baseline_in(top + g.pad_y + n * g.leading, bold, size, g.leading),
                          line, bold, size)
        for c, lines in enumerate(g.headers or []):
            left, right = edges[c + 1], edges[c + 2]
            centre = (left + right) / 2
            if mode in ("vertical", "vertical_down"):
                text = lines[0]
                assert not PLAIN.search(text), f"digits in a rotated header: {text!r}"
                # a rotated line's characters span size across: from the baseline by size * (1 + descent) one way
                # and -size * descent the other
                above, below = size * (1 + descent(bold)), -size * descent(bold)
                if mode == "vertical":        # bottom to top, set at the cell's foot
                    self.draw(centre + (above - below) / 2, top + g.header_height - g.pad_y, text, bold, size, 90)
                else:                         # top to bottom, hanging from the cell's head
                    self.draw(centre - (above - below) / 2, top + g.pad_y, text, bold, size, -90)
                continue
            for n, line in enumerate(lines):
                x = centre - text_width(line, bold, size) / 2
                baseline = self.baseline_in(top + g.pad_y + n * g.leading, bold, size, g.leading)
                line_words: list[Word] = [[w] for w in line.split()]
                self.draw_words(line_words, marks_of(line_words), x, baseline, bold, size, table=table.name)

    def draw_row(self, table: Table, row: Row, number: int, g: Geometry, edges: list[float], top: float,
                 height: float) -> None:
        size, leading = g.size, g.leading
        font = self.regular if row.kind == BODY else self.bold
        label_words = [[w] for w in row.label.split()]
        marks = marks_of(label_words) if label_words else []
        i = 0
        for n, line in enumerate(g.label_lines[number - 1]):
            baseline = self.baseline_in(top + g.pad_y + n * leading, font, size, leading)
            count = len(line.split())
            self.draw_words(label_words[i:i + count], marks[i:i + count], edges[0] + g.pad_x, baseline, font, size,
                            table=table.name, row=number)
            i += count
        if row.kind == HEADING:
            return
        if self.pdf_layout.figures_valign == "top":
            slot = top + g.pad_y
        else:
            slot = top + (height - leading) / 2
        baseline = self.baseline_in(slot, font, size, leading)
        for c, cell in enumerate(row.cells):
            if cell is None:
                continue
            left, right = edges[c + 1], edges[c + 2]
            w = text_width(cell.text, font, size)
            x = right - g.pad_x - w if self.pdf_layout.figures_align == "right" else (left + right - w) / 2
            self.draw(x, baseline, cell.text, font, size)
            self.record(Mark(0, cell.text, cell.disposition, cell.reason, cell), x, baseline, font, size,
                        table=table.name, row=number, column=c + 1)

    def draw_rules(self, edges: list[float], rows: list[tuple[float, float, bool]], bottom: float) -> None:
        left, right = edges[0], edges[-1]
        for top, height, spans in rows:
            self.rule(left, top, right, top)
            for x in ((left, right) if spans else edges):
                self.rule(x, top, x, top + height)
        self.rule(left, bottom, right, bottom)

    # ------------------------------------------------------------------ page furniture

    def furniture(self) -> None:
        """Running headers and page numbers, drawn once the page count is known; their numbers are not figures."""
        layout, fields = self.pdf_layout, self.document.fields
        pages = len(self.pages)
        running = self.running_header(fields) if layout.running_header else []
        for number, page in enumerate(self.pages, start=1):
            if number == 1 and not layout.furniture_on_first_page:
                continue
            size = 8.0
            if running:
                self.furniture_line(number, running, MARGIN_X, HEADER_BASELINE, size)
            if layout.page_numbers:
                text = page_number_segments(layout.page_numbers, number, pages)
                width = text_width(seg_text(text), self.regular, size)
                if layout.page_number_place == "footer":
                    x, baseline = (page.width - width) / 2, page.height - FOOTER_BASELINE
                else:
                    x, baseline = page.width - MARGIN_X - width, HEADER_BASELINE + (11 if running else 0)
                self.furniture_line(number, text, x, baseline, size)

    def running_header(self, fields: QuestionFields) -> list[Segment]:
        if self.pdf_layout.running_header == "plain":
            return ["Vlaams Parlement - Schriftelijke vragen en antwoorden"]
        number = Num(str(fields.number), NOT_A_FIGURE, "running header: question number")
        year = Num(str(fields.day.year), NOT_A_FIGURE, "running header: year")
        if self.rnd.random() < 0.5:
            return ["Vlaams Parlement - Schriftelijke vraag ", number, " - ", year]
        day, month, _ = fields.date.split()
        return ["Schriftelijke vraag nr. ", number, " van ", Num(day, NOT_A_FIGURE, "running header: date"),
                f" {month} ", year]

    def furniture_line(self, page: int, segments: list[Segment], x: float, baseline: float, size: float) -> None:
        font, text, offset = self.regular, seg_text(segments), 0
        self.pages[page - 1].ops.append(("text", x, baseline, text, font, size, 0))
        for segment in segments:
            if isinstance(segment, Num):
                mark = Mark(offset, segment.text, segment.disposition, segment.reason, None)
                self.record(mark, x + text_width(text[:offset], font, size), baseline, font, size, pdf_only=True,
                            page=page)
            else:
                assert not PLAIN.search(segment), f"digits in page furniture without a reason: {segment!r}"
            offset += len(seg_text([segment]))

    # ------------------------------------------------------------------ the file

    def pdf(self, encrypt: StandardEncryption | None = None) -> bytes:
        buffer = io.BytesIO()
        drawing = canvas.Canvas(buffer, pagesize=A4_PORTRAIT, invariant=1, encrypt=encrypt, pageCompression=1)
        drawing.setTitle(self.document.fields.subject)
        drawing.setAuthor("Vlaams Parlement")
        for page in self.pages:
            drawing.setPageSize((page.width, page.height))
            drawing.setLineWidth(0.5)
            for op in page.ops:
                if op[0] == "line":
                    _, x0, y0, x1, y1 = op
                    drawing.line(x0, page.height - y0, x1, page.height - y1)
                    continue
                _, x, baseline, text, font, size, angle = op
                drawing.setFont(font, size)
                if angle:
                    drawing.saveState()
                    drawing.translate(x, page.height - baseline)
                    drawing.rotate(angle)
                    drawing.drawString(0, 0, text)
                    drawing.restoreState()
                else:
                    drawing.drawString(x, page.height - baseline, text)
            drawing.showPage()
        drawing.save()
        return buffer.getvalue()


def page_number_segments(style: str, page: int, pages: int) -> list[Segment]:
    number = Num(str(page), NOT_A_FIGURE, "page number")
    count = Num(str(pages), NOT_A_FIGURE, "page count")
    return {"slash": [number, " / ", count], "pagina": ["Pagina ", number, " van ", count],
            "dash": ["- ", number, " -"]}[style]


# --------------------------------------------------------------------------- generating


def generate_pdf(layout: Layout, pdf_layout: PdfLayout, rnd: random.Random,
                 encrypt: StandardEncryption | None = None) -> GeneratedPdf:
    """One answer as a PDF: the figures of `generate(layout, rnd)` for the same seed, laid out as `pdf_layout` asks."""
    return render_pdf(write_document(layout, rnd), pdf_layout, rnd, encrypt)


def render_pdf(document: Document, pdf_layout: PdfLayout, rnd: random.Random,
               encrypt: StandardEncryption | None = None, damage: CellDamage | None = None) -> GeneratedPdf:
    composer = Composer(document, pdf_layout, rnd)
    composer.compose()
    fields = document.fields
    header = QuestionHeader(fields.number, fields.day, fields.asked_by, fields.answered_by, fields.role,
                            composer.block_page, composer.answer_page)
    expected = dict(document.expected) | dict(document.cells)
    where: dict[str, list[tuple[tuple, PdfNumber]]] = {}
    for seed, row, num in document.sources:
        where.setdefault(seed, []).append((row, composer.placed[id(num)]))
    where = {seed: sorted(pairs, key=lambda p: (p[0], p[1].page, p[1].top, p[1].x0)) for seed, pairs in where.items()}
    unresolved = []
    if pdf_layout.caller_header not in READABLE_HEADERS and "caller" in composer.tables:
        unresolved = [tuple(columns) for _, columns in sorted(document.columns_by_total.items()) if len(columns) > 1]
    pages = [PdfPage(i, page.width, page.height) for i, page in enumerate(composer.pages, start=1)]
    numbers = sorted(composer.numbers, key=lambda n: (n.page, n.top, n.x0))
    return GeneratedPdf(document.layout, pdf_layout, composer.pdf(encrypt), pages, expected, where, header, numbers,
                        composer.tables, unresolved, damage)


@st.composite
def pdf_layouts(draw, theme_count: int = 14) -> PdfLayout:
    """Every page layout the parliament's answers take (and a few the reader must survive), drawn.

    Horizontal caller headers are drawn only where they fit (up to 6 theme columns on a portrait page,
    9 on a landscape one), wrapped ones on landscape pages or up to 7 columns.
    """
    landscape = draw(st.booleans())
    headers = tuple(mode for mode in CALLER_HEADERS
                    if (mode != "horizontal" or theme_count <= (9 if landscape else 6))
                    and (mode != "wrapped" or landscape or theme_count <= 7))
    ruled = draw(st.sampled_from((TABLE_NAMES, ())) | st.lists(st.sampled_from(TABLE_NAMES), unique=True)
                 .map(tuple))
    return PdfLayout(
        font=draw(st.sampled_from(tuple(FONTS))),
        justified=draw(st.booleans()),
        parliament_header=draw(st.booleans()),
        running_header=draw(st.sampled_from(("", "plain", "numbered"))),
        page_numbers=draw(st.sampled_from(PAGE_NUMBERS)),
        page_number_place=draw(st.sampled_from(("footer", "header"))),
        furniture_on_first_page=draw(st.booleans()),
        ruled=ruled,
        caller_labels=draw(st.sampled_from(("narrow", "fit"))),
        theme_labels=draw(st.sampled_from(("fit", "narrow"))),
        figures_valign=draw(st.sampled_from(("middle", "top"))),
        figures_align=draw(st.sampled_from(("right", "center"))),
        caller_header=draw(st.sampled_from(headers)),
        caller_landscape=landscape,
        caller_break=draw(st.booleans()),
        theme_break=draw(st.booleans()),
        repeat_header=draw(st.booleans()),
    )


@st.composite
def pdf_answers(draw, years: st.SearchStrategy[int] = st.integers(2019, 2040)) -> GeneratedPdf:
    """A generated answer PDF: text layout, page layout and figures drawn (figures by a Random Hypothesis shrinks)."""
    layout = draw(layouts(years))
    pdf_layout = draw(pdf_layouts(layout.theme_count))
    try:
        return generate_pdf(layout, pdf_layout, draw(st.randoms(use_true_random=False), label="figures"))
    except LayoutDoesNotFit:
        reject()


# A fixed answer of six pages (the caller table of 29 caller types and 14 themes over three landscape pages,
# 128 printed cells, 367 numbers): the reader's benchmark reads it.
SIX_PAGES = (Layout(year=2019, theme_count=14, tie=True, channel_table=True, age_range_repeated=True,
                    repeated_count=True, decimal=True, percentage="58 %", telephone_number=True),
             PdfLayout(caller_landscape=True), 24)


def six_page_pdf() -> GeneratedPdf:
    layout, pdf_layout, seed = SIX_PAGES
    return generate_pdf(layout, pdf_layout, random.Random(seed))


# --------------------------------------------------------------------------- bad files


def scanned_pdf(pdf: bytes, dpi: int = 100) -> bytes:
    """The PDF's pages as images only, as a scanner makes them: no text layer."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    buffer = io.BytesIO()
    drawing = canvas.Canvas(buffer, invariant=1)
    try:
        for page in document:
            width, height = page.get_size()
            image = page.render(scale=dpi / 72).to_pil().convert("L")
            drawing.setPageSize((width, height))
            drawing.drawImage(ImageReader(image), 0, 0, width, height)
            drawing.showPage()
    finally:
        document.close()
    drawing.save()
    return buffer.getvalue()


def encrypted_pdf(layout: Layout, pdf_layout: PdfLayout, rnd: random.Random, user_password: str = "geheim") -> bytes:
    """The answer PDF encrypted (128-bit RC4, reportlab's standard encryption): it opens only with `user_password`."""
    encryption = StandardEncryption(user_password, ownerPassword="eigenaar-" + user_password, strength=128)
    return generate_pdf(layout, pdf_layout, rnd, encrypt=encryption).pdf


def truncated_pdf(pdf: bytes, keep: float = 0.5) -> bytes:
    """The first part of a PDF, as an interrupted download leaves it."""
    return pdf[:max(1, int(len(pdf) * keep))]


def garbage_pdf(rnd: random.Random, size: int = 4096) -> bytes:
    """Random bytes (no PDF header at all): what a wrong file renamed to .pdf holds."""
    return bytes(rnd.randrange(256) for _ in range(size))


def other_document_pdf(rnd: random.Random, pdf_layout: PdfLayout = PdfLayout()) -> bytes:
    """A parliamentary answer on another subject (places in child care per province): no 1712 table in it."""
    year = rnd.randint(2019, 2040)
    provinces = ("Antwerpen", "Limburg", "Oost-Vlaanderen", "Vlaams-Brabant", "West-Vlaanderen")
    places = [[rnd.randint(4000, 40000) for _ in range(2)] for _ in provinces]
    fmt = lambda value: f"{value:,}".replace(",", ".")          # noqa: E731
    unread = lambda value: Num(fmt(value), UNREAD, "another document")   # noqa: E731
    rows = [Row(BODY, province, [unread(a), unread(b)]) for province, (a, b) in zip(provinces, places)]
    rows.append(Row(TOTAL, "Totaal", [unread(sum(p[0] for p in places)), unread(sum(p[1] for p in places))]))
    minister, role = "HILDE CREVITS", "VLAAMS MINISTER VAN WELZIJN, VOLKSGEZONDHEID EN GEZIN"
    number, date = rnd.randint(1, 700), f"{rnd.randint(1, 28)} {rnd.choice(MONTHS)} {year}"
    fields = QuestionFields(number, date, "AN MOERENHOUT", minister, role, "Kinderopvang - Plaatsen per provincie")
    blocks = [
        Line([f"aan {minister}"]), Line([role]), Gap(), Line(["Kinderopvang - Plaatsen per provincie"], "subject"),
        Gap(),
        Paragraph(words("1. Hoeveel plaatsen in de kinderopvang telde elke provincie op het einde van het jaar? "
                        "Graag een vergelijking met het jaar voordien.")), Gap(),
        Line([f"{minister}"]), Line([role]), Gap(), Line(["ANTWOORD"]),
        Line([f"op vraag nr. {number} van {date}"]), Line(["van AN MOERENHOUT"]), Gap(),
        Paragraph(words(f"1. Het aantal plaatsen in de kinderopvang steeg in {year - 1} in elke provincie. "
                        "Zie de tabel hieronder.")), Gap(),
        Table("places", ["Aantal plaatsen in de kinderopvang per provincie:"], 1, "Provincie",
              [str(year - 2), str(year - 1)], None, rows, False), Gap(),
        Paragraph(words("2. De uitbreiding wordt voortgezet volgens het meerjarenplan van het agentschap "
                        "Opgroeien.")),
    ]
    document = Document(Layout(year=year), fields, blocks, {}, {}, [], {})
    return render_pdf(document, pdf_layout, rnd).pdf


def unbalanced_caller_pdf(layout: Layout, pdf_layout: PdfLayout, rnd: random.Random) -> GeneratedPdf:
    """The answer PDF with one caller cell changed, so its row and its column no longer add up.

    The expected rows stay those of the true figures; `damage` says where the changed cell is
    printed and what it should have been.
    """
    document = write_document(layout, rnd)
    table = document.tables()["caller"]
    candidates = [(i, c) for i, row in enumerate(table.rows) if row.kind == BODY
                  for c, cell in enumerate(row.cells[:-1]) if cell is not None]
    index, column = rnd.choice(candidates)
    row = table.rows[index]
    old = row.cells[column]
    value = int(re.sub(r"\D", "", old.text))
    new = value + rnd.choice((1, 2, 9, 10, 100))
    separator = "." if "." in old.text else " " if " " in old.text else ""
    changed = Num(f"{new:,}".replace(",", separator), FIGURE)
    table.rows[index] = dataclasses.replace(row, cells=row.cells[:column] + [changed] + row.cells[column + 1:])
    document.sources = [(seed, r, changed if num is old else num) for seed, r, num in document.sources]
    generated = render_pdf(document, pdf_layout, rnd)
    placed = next(n for n in generated.numbers if n.table == "caller" and n.printed_row == index + 1
                  and n.printed_column == column + 1)
    generated.damage = CellDamage(placed.page, index + 1, column + 1, row.key, column + 1, changed.text, value)
    return generated
