"""An answer's PDF as lines of words: every table cell in its column, page furniture set apart.

The parliament publishes answers as PDF: A4 pages, running headers and page
numbers, tables with or without rulings, a wide table on a landscape page,
column headers set horizontally, wrapped, or vertically. A text extraction
loses what matters most here, the column of each cell. This front end reads
the page geometry with pdfplumber (`pdf_tables` finds the tables and their
cells) and gives the parts the same lines of words a text gives, with more:

- every line knows its page and its line on that page;
- a table's body row is one line (a label wrapped over lines in its cell is
  one label), its words carrying the column they stand in (0: the label, 1...:
  the columns after it as printed); its header is one line of header words
  with their columns; a table broken across pages is one table, a header
  repeated on the next page read once;
- running headers and footers and page numbers are no lines of the reading:
  their numbers are known non-figures (`Document.non_figures`, line 0);
- paragraphs are separated by a blank line, as in a text.

Refused, naming the file: a PDF that cannot be opened (corrupt, or encrypted
with a password), and one without a text layer (a scan: no OCR here).
"""
from __future__ import annotations

import contextlib
import io
import re
import statistics
from dataclasses import dataclass, field

from meldpunt1712.answer.document import PDF, PROSE, TABLE_HEADER, TABLE_ROW, Document, Line, Word
from meldpunt1712.answer.frontends.pdf_tables import (PageTable, PdfWord, adopt_header, find_tables, is_table_line,
                                                      unify_columns, vertical_runs, visual_lines)
from meldpunt1712.answer.model import NOT_A_FIGURE, AnswerError, PrintedNumber

# A line of page furniture: a page number alone ('3', '3 / 6', 'Pagina 3 van 6', '- 3 -').
PAGE_NUMBER = re.compile(r"^\s*(?:pagina|page|blz\.?|p\.)?\s*-?\s*\d{1,3}\s*(?:(?:/|van|of)\s*\d{1,3})?\s*-?\s*$",
                         re.IGNORECASE)
# Furniture sits within this share of the page height from its top or bottom edge.
MARGIN_SHARE = 0.09
# A gap between two lines wider than this many times the usual line pitch separates paragraphs.
PARAGRAPH_GAP = 1.45


@dataclass
class PageContent:
    """What one page holds: its upright words in lines, its tables, its size."""

    number: int
    width: float
    height: float
    lines: list[list[PdfWord]]
    tables: list[PageTable]
    furniture: list[list[PdfWord]] = field(default_factory=list)
    verticals: list[PdfWord] = field(default_factory=list)     # runs of text set sideways


def open_pdf(data: bytes, name: str):
    """The PDF opened by pdfplumber; AnswerError naming the file when it cannot be read."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        pdf.pages  # parses the page tree: a corrupt file fails here, not later
    except Exception as error:  # pdfminer raises many kinds of error on a damaged file, pdfplumber wraps them
        causes = [error, *error.args, error.__cause__, error.__context__]
        if any(isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)) for cause in causes):
            raise AnswerError(None, "", f"{name} is encrypted: it opens only with a password; ask for the answer "
                              "as published") from None
        reason = next((f"{type(c).__name__}: {c}" for c in causes if isinstance(c, Exception) and str(c)), repr(error))
        raise AnswerError(None, "", f"{name} is not a readable PDF (damaged or cut short): {reason}") from None
    return pdf


def pdf_document(data: bytes, name: str = "the answer") -> Document:
    """The answer's lines from its PDF."""
    pdf = open_pdf(data, name)
    try:
        pages = []
        for page in pdf.pages:
            with page_errors(name, page):
                words, turned = page_words(page)
                pages.append(PageContent(page.page_number, float(page.width), float(page.height),
                                         visual_lines(words), [], verticals=vertical_runs(turned, page.page_number)))
        if not any(page.lines for page in pages):
            raise AnswerError(None, "", f"{name} has no text layer (a scan?): this command does not do OCR; ask for "
                              "the answer as published, or its text")
        set_furniture_apart(pages)
        for page, content in zip(pdf.pages, pages):
            with page_errors(name, page):
                content.tables = find_tables(page, content.lines, content.verticals)
    finally:
        pdf.close()
    adopt_orphan_headers(pages)
    return lay_out(pages)


def adopt_orphan_headers(pages: list[PageContent]) -> None:
    """A table that opens a page without a header, after a page that ends with lines (or vertical text) that
    stand over its columns: those are its header, left alone at the bottom of the page before."""
    for previous, page in zip(pages, pages[1:]):
        items = page_items(page)
        if not items or items[0][1] != "table" or items[0][2].header or previous.width != page.width:
            continue
        table = items[0][2]
        before = page_items(previous)
        last_table = max((i for i, item in enumerate(before) if item[1] == "table"), default=-1)
        tail = [item[2] for item in before[last_table + 1:] if item[1] == "line"]
        floor = before[last_table][2].bottom if last_table >= 0 else 0.0
        verticals = [v for v in previous.verticals if v.top > floor
                     and not any(t.top - 1 <= v.middle <= t.bottom + 1 for t in previous.tables)]
        taken = adopt_header(table, tail, verticals)
        previous.lines = [line for line in previous.lines if not any(line is t for t in taken)]


@contextlib.contextmanager
def page_errors(name: str, page):
    """An error pdfplumber raises on a damaged page as an AnswerError naming the file and the page."""
    try:
        yield
    except AnswerError:
        raise
    except Exception as error:  # pdfminer raises many kinds of error on a damaged page
        raise AnswerError(None, "", f"{name}: page {page.page_number} cannot be read: "
                          f"{type(error).__name__}: {error}") from None


def page_words(page) -> tuple[list[PdfWord], list]:
    """The page's upright words, and its characters set sideways (vertical column headers)."""
    raw = page.extract_words(x_tolerance=1.5, y_tolerance=2.5, keep_blank_chars=False, use_text_flow=False,
                             extra_attrs=["upright", "size"], return_chars=True)
    words = [PdfWord(w["text"], float(w["x0"]), float(w["x1"]), float(w["top"]), float(w["bottom"]),
                     float(w["size"]), page.page_number, tuple(float(c["x0"]) for c in w["chars"]))
             for w in raw if w["upright"]]
    sideways = [c for c in page.chars if not c["upright"]]
    return words, sideways


# --------------------------------------------------------------------------- page furniture


def set_furniture_apart(pages: list[PageContent]) -> None:
    """Running headers, footers and page numbers: a page's first or last lines that stand in its outer margin,
    apart from the text by more than two lines' height, and that are a page number, that another page
    repeats at the same height (digits aside), or that are set smaller than the text."""
    def key(line: list[PdfWord]) -> str:
        return re.sub(r"\d+", "#", " ".join(w.text for w in line)).lower()

    def margin_lines(lines: list[list[PdfWord]], in_margin) -> list[list[PdfWord]]:
        """The most lines (up to three) from a page edge that stand in its margin, apart from the next line by
        more than two of their lines' height."""
        best: list[list[PdfWord]] = []
        for count in range(1, min(3, len(lines)) + 1):
            last = lines[count - 1]
            if not all(in_margin(line) for line in lines[:count]):
                break
            if count == len(lines) or abs(lines[count][0].top - last[0].top) >= 2 * last[0].size:
                best = lines[:count]
        return best

    def candidates(page: PageContent) -> list[list[PdfWord]]:
        top = margin_lines(page.lines, lambda line: line[0].top < page.height * MARGIN_SHARE)
        bottom = margin_lines(page.lines[::-1], lambda line: line[0].bottom > page.height * (1 - MARGIN_SHARE))
        return top + [line for line in bottom if not any(line is t for t in top)]

    seen: dict[str, list[tuple[int, float]]] = {}
    for page in pages:
        for line in candidates(page):
            seen.setdefault(key(line), []).append((page.number, line[0].top))
    text_size = statistics.median(w.size for page in pages for line in page.lines for w in line)
    for page in pages:
        for line in candidates(page):
            text = " ".join(w.text for w in line)
            repeated = any(number != page.number and abs(top - line[0].top) < 6 for number, top in seen[key(line)])
            smaller = max(w.size for w in line) < 0.9 * text_size and not is_table_line(line)   # not a table row
            if PAGE_NUMBER.match(text) or repeated or smaller:
                page.furniture.append(line)
        page.lines = [line for line in page.lines if not any(line is f for f in page.furniture)]


# --------------------------------------------------------------------------- the reading


@dataclass
class Reading:
    """The document's lines as they are laid out, and the numbers known as non-figures."""

    lines: list[Line] = field(default_factory=list)
    non_figures: list[PrintedNumber] = field(default_factory=list)
    line_on_page: int = 0

    def add(self, page: int, kind: str, words: list[tuple[PdfWord, int | None]], table: int | None = None,
            row: int | None = None) -> None:
        """One line of words (each with its column, or None) at the end of the reading."""
        number = len(self.lines) + 1
        self.line_on_page += 1
        out, position = [], 1
        for word, column in words:
            # A header adopted from the bottom of the page before keeps its own page.
            out.append(Word(number, position, word.text, word.page, round(word.x0, 1), round(word.top, 1), column,
                            word.char_x0))
            position += len(word.text) + 1
        line_page = out[0].page if out else page
        self.lines.append(Line(" ".join(w.text for w, _ in words), out, line_page, self.line_on_page, kind, table,
                               row))

    def blank(self, page: int) -> None:
        """A blank line (between paragraphs, around a table), never two in a row."""
        if self.lines and self.lines[-1].text:
            self.lines.append(Line("", [], page, None))

    def repeated_header(self, table: PageTable) -> None:
        """A table's header printed again on the next page: read once; its numbers are no figures."""
        for word, _ in table.header_words():
            for match in re.finditer(r"\d+", word.text):
                self.non_figures.append(PrintedNumber(0, len(self.non_figures) + 1, match.group(0), NOT_A_FIGURE,
                                                      "a table header repeated on the next page",
                                                      table.header_text(), word.page, round(word.x0, 1),
                                                      round(word.top, 1)))

    def furniture(self, line: list[PdfWord]) -> None:
        """A running header or footer: its numbers are no figures."""
        for word in line:
            for match in re.finditer(r"\d+", word.text):
                self.non_figures.append(PrintedNumber(0, len(self.non_figures) + 1, match.group(0), NOT_A_FIGURE,
                                                      "page number or running header", " ".join(
                                                          w.text for w in line), word.page, round(word.x0, 1),
                                                      round(word.top, 1)))


def page_items(page: PageContent) -> list[tuple[float, str, object]]:
    """A page's prose lines and tables, top to bottom."""
    prose = [line for line in page.lines if not any(t.holds(line) for t in page.tables)]
    items = [(line[0].top, "line", line) for line in prose] + [(table.top, "table", table) for table in page.tables]
    return sorted(items, key=lambda item: item[0])


def join_broken_tables(pages: list[PageContent]) -> None:
    """A table that opens a page goes on with the table that ended the page before when it stands in the same
    columns (a page of the same width) under no header or the same one: it is marked `continued`, and the
    columns of every piece of the table are numbered alike (a column with no figure on one page keeps its
    number)."""
    chain: list[PageTable] = []           # the pieces of the table the previous page ended with
    for previous, page in zip([None] + pages[:-1], pages):
        items = page_items(page)
        first = items[0][2] if items and items[0][1] == "table" else None
        if (first is not None and chain and previous.width == page.width and chain[-1].continues_in(first)
                and (not first.header or first.header_text() == chain[0].header_text())):
            first.continued = True
            chain.append(first)
        last = items[-1][2] if items and items[-1][1] == "table" else None
        if not chain or chain[-1] is not last:
            if len(chain) > 1:
                unify_columns(chain)
            chain = [last] if last is not None else []
    if len(chain) > 1:
        unify_columns(chain)


def lay_out(pages: list[PageContent]) -> Document:
    """Every page's prose lines and tables in reading order, tables broken across pages joined."""
    join_broken_tables(pages)
    reading = Reading()
    table_number = 0
    rows_so_far = 0
    for page in pages:
        reading.line_on_page = 0
        for line in page.furniture:
            reading.furniture(line)
        items = page_items(page)
        pitch = line_pitch([item for _, kind, item in items if kind == "line"])
        previous_top = None
        for index, (top, kind, item) in enumerate(items):
            if kind == "table":
                if not item.continued:
                    table_number += 1
                    rows_so_far = 0
                    reading.blank(page.number)
                    if item.header:
                        reading.add(page.number, TABLE_HEADER, item.header_words(), table_number)
                else:
                    reading.repeated_header(item)
                for row in item.rows:
                    rows_so_far += 1
                    reading.add(page.number, TABLE_ROW, row.words(), table_number, rows_so_far)
                reading.blank(page.number)
                previous_top = None
                continue
            line = item
            if previous_top is not None and line[0].top - previous_top > PARAGRAPH_GAP * pitch:
                reading.blank(page.number)
            elif previous_top is None and index == 0 and reading.lines and reading.lines[-1].text and ends_paragraph(
                    reading.lines[-1].text, line):
                reading.blank(page.number)          # a page break between paragraphs
            reading.add(page.number, PROSE, [(w, None) for w in line])
            previous_top = line[0].top
    while reading.lines and not reading.lines[-1].text:
        reading.lines.pop()
    return Document(reading.lines, PDF, reading.non_figures, page_count=len(pages))


def ends_paragraph(previous: str, line: list[PdfWord]) -> bool:
    """At a page break: the previous line ends a sentence and the next starts one (else the paragraph goes on)."""
    return bool(re.search(r"[.:?!]\s*$", previous)) and bool(re.match(r"[A-Z0-9“\"‘(]", line[0].text))


def line_pitch(lines: list[list[PdfWord]]) -> float:
    """The distance between the tops of two lines of one paragraph: the lower quartile of the distances between
    consecutive lines of running text (most lines follow a line of their own paragraph)."""
    gaps = sorted(b[0].top - a[0].top for a, b in zip(lines, lines[1:]) if 0 < b[0].top - a[0].top < 40)
    if not gaps:
        return 1.2 * statistics.median(w.size for line in lines for w in line) if lines else 14.0
    return gaps[len(gaps) // 4]
