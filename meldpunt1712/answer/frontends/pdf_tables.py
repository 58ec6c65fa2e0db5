"""The tables of a PDF page, from its geometry: rows, columns, and every cell in its column.

Two kinds of table, one result (`PageTable`):

- ruled: cell borders drawn as lines. pdfplumber's table finder gives the grid;
  a word belongs to the cell that holds its centre, a cell spanning several
  columns (a group heading) to the column it starts in;
- unruled: columns aligned by white space only. A line is a table line when
  white space wider than a word gap splits it into a label and cells of
  figures. The columns are the groups of cells whose horizontal extents
  overlap: a column's figures share an edge or a centre, and no figure of one
  column reaches into the next. A label wrapped over lines joins its row by
  the spacing (lines within a cell sit closer than rows), or, where the
  spacing says nothing, because its continuation starts in lower case.

Header rows (text above the first body row over the figure columns, set
horizontally, wrapped, or vertically) are read per column: vertical text from
the characters pdfplumber reports as not upright, in the order the rotation
gives (bottom to top for text turned left, top to bottom for text turned right).
"""
from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field

NUMBER_WORD = re.compile(r"^(?:\d{1,3}(?:\.\d{3})+|\d+)$")
SPACED_GROUP = re.compile(r"^\d{3}$")


@dataclass(frozen=True)
class PdfWord:
    """A word on a page (or a run of vertical text read as one), with its box in points from the top left."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    page: int
    char_x0: tuple[float, ...] = ()     # where each character starts (empty for a run of vertical text)

    @property
    def centre(self) -> float:
        """Its horizontal centre."""
        return (self.x0 + self.x1) / 2

    @property
    def middle(self) -> float:
        """Its vertical centre."""
        return (self.top + self.bottom) / 2


def visual_lines(words: list[PdfWord]) -> list[list[PdfWord]]:
    """Words grouped into lines: a word joins a line when its vertical centre lies within the line's band, a
    number also when it overlaps the band by a quarter of its height (figures set halfway between the two
    lines of a label wrapped in its cell belong with its first line)."""
    lines: list[list[PdfWord]] = []
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        for line in reversed(lines[-3:]):
            top, bottom = min(w.top for w in line), max(w.bottom for w in line)
            overlap = min(bottom, word.bottom) - max(top, word.top)
            if top <= word.middle <= bottom or (is_number(word.text) and overlap > (word.bottom - word.top) / 4
                                                and not all(is_number(w.text) for w in line)):
                line.append(word)
                break
        else:
            lines.append([word])
    return [sorted(line, key=lambda w: w.x0) for line in lines]


@dataclass
class TableRow:
    """A body row: its label (words in reading order, over as many lines as it wraps) and its cells by column."""

    label: list[PdfWord]
    cells: dict[int, list[PdfWord]]

    def words(self) -> list[tuple[PdfWord, int]]:
        """The row's words with their column: the label (0), then each cell left to right."""
        return [(w, 0) for w in self.label] + [(w, column) for column in sorted(self.cells)
                                               for w in self.cells[column]]


@dataclass
class PageTable:
    """One table as it stands on one page: header text per column, body rows, its box."""

    page: int
    page_width: float
    x0: float
    x1: float
    top: float
    bottom: float
    header: dict[int, list[PdfWord]]
    rows: list[TableRow]
    column_extents: list[tuple[float, float]]          # columns 1...n
    members: set[int] = field(default_factory=set)      # id() of the page's lines the table took
    continued: bool = False                             # it goes on with the table that ended the page before
    label_right: float | None = None                    # where its label column ends (an unruled table)

    def holds(self, line: list[PdfWord]) -> bool:
        """Whether a line of the page is part of this table."""
        return id(line) in self.members

    def header_words(self) -> list[tuple[PdfWord, int]]:
        """The header's words with their column, left to right."""
        return [(w, column) for column in sorted(self.header) for w in self.header[column]]

    def header_text(self) -> str:
        """The header as one text (to recognise it repeated on the next page)."""
        return " ".join(w.text for w, _ in self.header_words())

    def continues_in(self, other: "PageTable") -> bool:
        """Whether a table at the top of the next page may go on with this one: its labels start where this
        one's do, and its figure columns stand in this one's grid: each the same as one of this one's or apart
        from all of them (a column may hold figures on one page only), and some the same."""
        labels = [w.x0 for row in self.rows for w in row.label[:1]]
        other_labels = [w.x0 for row in other.rows for w in row.label[:1]]
        if not self.column_extents or not other.column_extents or (
                labels and other_labels and abs(min(labels) - min(other_labels)) > 3):
            return False
        shared = 0
        for a in other.column_extents:
            for b in self.column_extents:
                if overlaps(a, b):
                    shared += 1
                elif min(a[1], b[1]) - max(a[0], b[0]) > 3:
                    return False               # a column astride two of the other piece's: another grid
        return shared >= 1


def unify_columns(pieces: list[PageTable]) -> None:
    """Number the columns of a table broken across pages alike: every piece's figures and header words by the
    columns of all pieces together (a column that holds no figure on one page keeps its number there)."""
    merged: list[list[float]] = []
    for a, b in sorted(extent for piece in pieces for extent in piece.column_extents):
        if merged and overlaps((a, b), (merged[-1][0], merged[-1][1])):
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    extents = [(a, b) for a, b in merged]

    def renumber(cells: dict[int, list[PdfWord]]) -> dict[int, list[PdfWord]]:
        out: dict[int, list[PdfWord]] = {}
        for column, words in cells.items():
            span = (min(w.x0 for w in words), max(w.x1 for w in words))
            touched = [i for i, extent in enumerate(extents, start=1) if overlaps(span, extent)] if column else []
            out.setdefault(touched[0] if len(touched) == 1 else column, []).extend(words)
        return out

    for piece in pieces:
        piece.column_extents = extents
        piece.header = renumber(piece.header)
        for row in piece.rows:
            row.cells = renumber(row.cells)


def overlaps(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Whether two horizontal extents stand in one column: they overlap by half the narrower one's width (grid
    cells that share an edge, or edges that differ by a point from page to page, do not)."""
    shared = min(a[1], b[1]) - max(a[0], b[0])
    return shared > 0.5 and shared > 0.5 * min(a[1] - a[0], b[1] - b[0])


def is_number(text: str) -> bool:
    """A whole number as tables print one (5.126, 5126; a spaced 5 126 is two words)."""
    return NUMBER_WORD.match(text) is not None


def find_tables(page, lines: list[list[PdfWord]], verticals: list[PdfWord]) -> list[PageTable]:
    """Every table of a page (its lines as `visual_lines` gives them), ruled or unruled, top to bottom."""
    tables = ruled_tables(page, lines, verticals)
    taken = set().union(*(t.members for t in tables)) if tables else set()
    free = [line for line in lines if id(line) not in taken]
    tables += unruled_tables(page, free, [v for v in verticals if not any(t.top - 1 <= v.middle <= t.bottom + 1
                                                                          for t in tables)])
    return sorted(tables, key=lambda t: t.top)


# --------------------------------------------------------------------------- vertical text


def vertical_runs(chars: list[dict], page: int) -> list[PdfWord]:
    """Text set sideways, one run per line of it: characters of one x position read in the rotation's order."""
    columns: list[list[dict]] = []
    for char in sorted(chars, key=lambda c: (round(float(c["x0"]), 0), float(c["top"]))):
        if columns and abs(float(columns[-1][0]["x0"]) - float(char["x0"])) <= 1.5:
            columns[-1].append(char)
        else:
            columns.append([char])
    runs = []
    for column in columns:
        upward = column[0]["matrix"][1] > 0        # turned left: read from the bottom up
        ordered = sorted(column, key=lambda c: -float(c["top"]) if upward else float(c["top"]))
        width = max(float(c["x1"]) - float(c["x0"]) for c in column)
        run: list[dict] = []
        for char in ordered:
            if run:
                gap = (float(run[-1]["top"]) - float(char["bottom"])) if upward else (
                    float(char["top"]) - float(run[-1]["bottom"]))
                if gap > 1.5 * width:
                    runs.append(run_word(run, page))
                    run = []
            run.append(char)
        if run:
            runs.append(run_word(run, page))
    return [r for r in runs if r.text.strip()]


def run_word(run: list[dict], page: int) -> PdfWord:
    """A run of vertical characters as one word-like box; gaps wider than a third of the font size are spaces."""
    width = max(float(c["x1"]) - float(c["x0"]) for c in run)
    text = ""
    for previous, char in zip([None] + run[:-1], run):
        if previous is not None:
            gap = min(abs(float(previous["top"]) - float(char["bottom"])), abs(float(char["top"]) - float(previous["bottom"])))
            if gap > width / 3 and not text.endswith(" ") and char["text"] != " ":
                text += " "
        text += char["text"]
    return PdfWord(" ".join(text.split()), min(float(c["x0"]) for c in run), max(float(c["x1"]) for c in run),
                   min(float(c["top"]) for c in run), max(float(c["bottom"]) for c in run), width, page)


# --------------------------------------------------------------------------- ruled tables


def ruled_tables(page, lines: list[list[PdfWord]], verticals: list[PdfWord]) -> list[PageTable]:
    """Tables drawn with cell borders: the grid pdfplumber finds from the page's lines and rectangles."""
    out = []
    for found in page.find_tables({"vertical_strategy": "lines", "horizontal_strategy": "lines"}):
        edges = sorted({round(c[0], 1) for row in found.rows for c in row.cells if c} | {
            round(c[2], 1) for row in found.rows for c in row.cells if c})
        if len(edges) < 3 or len(found.rows) < 2:
            continue                                   # one column: a box around text, no table
        x0, top, x1, bottom = found.bbox
        members = [line for line in lines if top - 1 <= line[0].middle <= bottom + 1
                   and x0 - 1 <= min(w.x0 for w in line) and max(w.x1 for w in line) <= x1 + 1]
        grid_rows = []
        for row in found.rows:
            cells: dict[int, list[PdfWord]] = {}
            for cell in row.cells:
                if not cell:
                    continue
                column = max(i for i, edge in enumerate(edges) if edge <= round(cell[0], 1) + 0.5)
                inside = [w for line in members for w in line
                          if cell[0] <= w.centre <= cell[2] and cell[1] <= w.middle <= cell[3]]
                inside += [v for v in verticals if cell[0] <= v.centre <= cell[2] and cell[1] <= v.middle <= cell[3]]
                if inside:
                    cells.setdefault(column, []).extend(sorted(inside, key=lambda w: (round(w.top), w.x0)))
            grid_rows.append(cells)
        header, body = split_header(grid_rows)
        rows = [TableRow(cells.get(0, []), {c: ws for c, ws in cells.items() if c}) for cells in body if cells]
        extents = [(edges[i], edges[i + 1]) for i in range(1, len(edges) - 1)]
        table = PageTable(page.page_number, float(page.width), x0, x1, top, bottom, header, rows, extents)
        table.members = {id(line) for line in members}
        out.append(table)
    return out


def split_header(grid_rows: list[dict[int, list[PdfWord]]]) -> tuple[dict[int, list[PdfWord]], list]:
    """The leading rows with text but no figure over the columns after the label are the header, joined per column."""
    header: dict[int, list[PdfWord]] = {}
    index = 0
    for index, cells in enumerate(grid_rows):
        over_columns = [w for column, ws in cells.items() if column for w in ws]
        if not over_columns or any(all(is_number(w.text) for w in ws) for c, ws in cells.items() if c):
            break
        for column, ws in cells.items():
            header.setdefault(column, []).extend(ws)
    else:
        index = len(grid_rows)
    return header, grid_rows[index:]


# --------------------------------------------------------------------------- unruled tables


def segments(line: list[PdfWord]) -> list[list[PdfWord]]:
    """A line cut where the white space is wider than a word gap: its label and its cells."""
    gap = 0.75 * statistics.median(w.size for w in line)
    out = [[line[0]]]
    for previous, word in zip(line, line[1:]):
        if word.x0 - previous.x1 > gap:
            out.append([word])
        else:
            out[-1].append(word)
    return out


def is_figure_cell(words: list[PdfWord]) -> bool:
    """A cell that prints one figure: 5.126, 5126 or 5 126."""
    texts = [w.text for w in words]
    if len(texts) == 1:
        return is_number(texts[0])
    return bool(re.fullmatch(r"[1-9]\d{0,2}", texts[0])) and all(SPACED_GROUP.match(t) for t in texts[1:])


def is_table_line(line: list[PdfWord]) -> bool:
    """Cut by wide white space into a label and cells that each print a figure (a justified sentence has wide
    white space too, but between words)."""
    parts = segments(line)
    return len(parts) >= 2 and all(is_figure_cell(part) for part in parts[1:])


@dataclass
class Block:
    """The lines of one unruled table's body, and where it starts among the page's lines."""

    start: int
    body: list[list[PdfWord]]


def unruled_tables(page, lines: list[list[PdfWord]], verticals: list[PdfWord]) -> list[PageTable]:
    """Tables aligned by white space only."""
    out = []
    for block in blocks(lines):
        extents = figure_columns(block.body)
        if not extents:
            continue
        first_top = block.body[0][0].top
        pitch = body_pitch(block.body)
        label_right = label_edge_of(block.body)
        above = vertical_header(verticals, extents, label_right, first_top, pitch)
        header_rows, leading = header_lines(lines[:block.start], block.body, extents, pitch)
        if above:       # a caption beside vertical headers stands in the header's band; a heading row below it
            band_top, band_bottom = min(v.top for v in above), max(v.bottom for v in above)
            between = [line for line in lines[:block.start] if band_top <= line[0].middle < first_top
                       and not any(line is h for h in header_rows) and not is_table_line(line)]
            header_rows += [line for line in between if line[0].middle <= band_bottom]
            leading = [line for line in between if line[0].middle > band_bottom]
            header_rows.sort(key=lambda line: line[0].top)
        block.body[:0] = leading
        extents = with_header_columns(extents, header_rows, above, label_right)
        header = header_cells(header_rows, above, extents, label_right)
        rows = body_rows(block.body, extents, label_right)
        members = header_rows + block.body
        x0 = min(w.x0 for line in members for w in line)
        x1 = max(w.x1 for line in members for w in line)
        top = min([line[0].top for line in members] + [v.top for v in above])
        bottom = max(w.bottom for line in members for w in line)
        table = PageTable(page.page_number, float(page.width), x0, x1, top, bottom, header, rows, extents,
                          label_right=label_right)
        table.members = {id(line) for line in members}
        out.append(table)
    return out


def adopt_header(table: PageTable, lines: list[list[PdfWord]], verticals: list[PdfWord]) -> list[list[PdfWord]]:
    """A header row left alone at the bottom of the page before a table that opens a page without one: the
    last lines of that page (and its vertical text below them) whose cells stand over the table's columns,
    with a group heading under them. They become the table's header (and first row); returns the lines taken."""
    label_right = table.label_right if table.label_right is not None else (
        table.column_extents[0][0] if table.column_extents else table.x0)
    size = statistics.median(w.size for line in lines for w in line) if lines else 10.0
    tail: list[list[PdfWord]] = []
    for line in reversed(lines[-6:]):
        if tail and tail[0][0].top - line[0].top > 2.2 * size or is_table_line(line):
            break
        tail.insert(0, line)
    header = [line for line in tail if any(w.centre > label_right for w in line) and not any(
        part[0].x0 < label_right < part[-1].x1 and part[-1].x1 > table.column_extents[0][0]
        for part in segments(line))]
    if not header and not verticals:
        return []
    cells = [part for line in header for part in segments(line) if part[0].x0 > label_right] + [[v] for v in verticals]
    column_bands = bands(table.column_extents, label_right)
    named = {column_of(part[-1], column_bands, table.column_extents) for part in cells} - {0}
    if len(named) < min(2, len(table.column_extents)):
        return []                                  # not this table's header
    start = tail.index(header[0]) if header else len(tail)
    before = [line for line in tail[:start] if line[0].x0 <= table.x0 + 3 and len(segments(line)) == 1]
    headings = [line for line in tail[start:] if not any(line is h for h in header)]
    caption = before[-1:] if before else []
    table.header = header_cells(caption + header, verticals, table.column_extents, label_right)
    table.rows[:0] = [TableRow(list(line), {}) for line in headings]
    return caption + header + headings


def vertical_header(verticals: list[PdfWord], extents: list[tuple[float, float]], label_right: float,
                    first_top: float, pitch: float) -> list[PdfWord]:
    """The runs of vertical text that head a table: right of its labels, in the band of vertical text closest
    above its first row (runs that overlap in height form a band)."""
    candidates = sorted((v for v in verticals if v.bottom <= first_top + 1 and v.x0 > label_right),
                        key=lambda v: v.top)
    clusters: list[list[PdfWord]] = []
    for run in candidates:
        if clusters and run.top <= max(v.bottom for v in clusters[-1]):
            clusters[-1].append(run)
        else:
            clusters.append([run])
    if not clusters:
        return []
    closest = max(clusters, key=lambda cluster: max(v.bottom for v in cluster))
    return closest if first_top - max(v.bottom for v in closest) <= 5 * pitch else []


def blocks(lines: list[list[PdfWord]]) -> list[Block]:
    """Runs of table lines, with the label-only lines between them (wrapped labels, group headings)."""
    out: list[Block] = []
    index = 0
    while index < len(lines):
        if not is_table_line(lines[index]):
            index += 1
            continue
        body = [lines[index]]
        label_edge = min(part[0].x0 for part in segments(lines[index])[1:])
        size = statistics.median(w.size for w in lines[index])
        following = index + 1
        pending: list[list[PdfWord]] = []
        while following < len(lines):
            line = lines[following]
            gap = line[0].top - (pending or body)[-1][0].top
            spacing = [b[0].top - a[0].top for a, b in zip(body + pending, (body + pending)[1:])]
            if gap > (1.6 * statistics.median(spacing) if spacing else 3.2 * size):
                break                        # wider apart than the table's lines: the table has ended
            if is_table_line(line):
                body += pending + [line]
                pending = []
                label_edge = min(label_edge, min(part[0].x0 for part in segments(line)[1:]))
            elif max(w.x1 for w in line) < label_edge or all(is_figure_cell([w]) for w in line) or (
                    len(segments(line)) == 1 and not any(is_figure_cell([w]) for w in line)):
                pending.append(line)     # a wrapped label, figures on a line of their own, a group heading
            else:
                break
            following += 1
        trailing: list[list[PdfWord]] = []          # the wrapped label of the last row goes on below it
        for line in pending:
            if following == len(lines):
                trailing = pending                  # the page ends inside the table: a heading for the next page
                break
            if (line[0].top - (trailing or body)[-1][0].top > 1.3 * size
                    or line[0].text[:1].isupper() or line[0].text[:1].isdigit()):
                break
            trailing.append(line)
        body += trailing
        out.append(Block(index, body))
        index = following - len(pending) + len(trailing)
    return out


def header_lines(before: list[list[PdfWord]], body: list[list[PdfWord]], extents: list[tuple[float, float]],
                 pitch: float) -> tuple[list[list[PdfWord]], list[list[PdfWord]]]:
    """The lines just above a table's first row that stand over its columns (a header, maybe wrapped), and the
    label-only lines between that header and the first row with figures (a group heading that opens the table).

    A header line stands within the table's left edge, runs from the label column into the figure columns
    nowhere (a sentence above the table does), and has some word over a figure column. Label-only lines
    above the first row belong to the table where a header stands above them, or where nothing else stands
    above them on the page (a table going on from the page before).
    """
    label_left = min(line[0].x0 for line in body)
    label_right = label_edge_of(body)
    figures_left = extents[0][0]
    header: list[list[PdfWord]] = []
    leading: list[list[PdfWord]] = []
    bottom = body[0][0].top
    reached_top = True                        # every line above is the table's: it goes on from the page before
    for line in reversed(before[-8:]):
        reached_top = False
        parts = segments(line)
        if bottom - line[0].top > 2.2 * pitch or is_table_line(line) or line[0].x0 < label_left - 3:
            break
        if not header and len(parts) == 1 and abs(line[0].x0 - label_left) <= 3 and not is_figure_cell(parts[0]):
            leading.insert(0, line)           # a group heading: the table's if a header stands above it
        elif any(part[0].x0 < label_right and part[-1].x1 > figures_left for part in parts):
            break
        elif any(w.centre > label_right for w in line) or header:
            header.insert(0, line)
        else:
            break
        bottom = line[0].top
        reached_top = line is before[0]
    return header, (leading if header or reached_top else [])


def figure_columns(body: list[list[PdfWord]]) -> list[tuple[float, float]]:
    """The figure columns: cells after the label whose horizontal extents overlap, left to right."""
    extents = []
    labelled = [line[0].x0 for line in body if not is_figure_cell(segments(line)[0])]
    label_left = min(labelled) if labelled else float("-inf")
    for line in body:
        parts = segments(line)
        # the first cell is the label, unless the line prints figures only (a total row, or figures set on a
        # line of their own beside a wrapped label) right of where the labels start ('2025' under a month is
        # a label's)
        figures_only = all(is_figure_cell(part) for part in parts) and line[0].x0 > label_left + 2
        cells = parts if figures_only else parts[1:]
        extents += [(part[0].x0, part[-1].x1) for part in cells if is_figure_cell(part)]
    return merge_overlapping(extents)


def merge_overlapping(extents: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Extents that overlap at all, as one (left to right)."""
    merged: list[list[float]] = []
    for a, b in sorted(extents):
        if merged and a < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    return [(a, b) for a, b in merged]


def with_header_columns(extents: list[tuple[float, float]], header: list[list[PdfWord]], verticals: list[PdfWord],
                        label_right: float) -> list[tuple[float, float]]:
    """The columns of a table with a header: one per header cell (a cell over several lines, or a run of
    vertical text), holding the figures whose centre is nearest its own and within half a column's pitch
    (figures right-aligned under a vertical header need not overlap it); a header cell over no figure on this
    page is a column all the same, and figures far from every header cell are columns of their own."""
    cells = merge_overlapping([(part[0].x0, part[-1].x1) for line in header for part in segments(line)
                               if part[0].x0 > label_right] + [(v.x0, v.x1) for v in verticals])
    if not cells:
        return extents
    centres = [(a + b) / 2 for a, b in cells]
    pitches = [b - a for a, b in zip(centres, centres[1:])] or [
        ((c + d) - (a + b)) / 2 for (a, b), (c, d) in zip(extents, extents[1:])] or [40.0]
    pitch = statistics.median(pitches)
    columns = [tuple(extent) for extent in extents]
    for cell, centre in zip(cells, centres):
        if sum(1 for extent in extents if overlaps(cell, extent)) >= 2:
            continue                              # a header over several columns names none of them
        near = [i for i, (a, b) in enumerate(columns) if abs((a + b) / 2 - centre) <= 0.5 * pitch]
        if near:
            i = min(near, key=lambda i: abs(sum(columns[i]) / 2 - centre))
            widened = (min(columns[i][0], cell[0]), max(columns[i][1], cell[1]))
            if not any(overlaps(widened, other) for j, other in enumerate(columns) if j != i):
                columns[i] = widened
        elif not any(overlaps(cell, other) for other in columns):
            columns.append(cell)
    return sorted(columns)


def bands(extents: list[tuple[float, float]], label_right: float) -> list[tuple[float, float]]:
    """Each column's band: its extent widened to halfway to its neighbours (the outer ones by as much, the
    first never into the label column)."""
    out = []
    for i, (a, b) in enumerate(extents):
        spacing = (extents[1][0] - extents[0][1]) / 2 if len(extents) > 1 else 20.0
        left = (extents[i - 1][1] + a) / 2 if i else max(label_right, a - spacing)
        right = (b + extents[i + 1][0]) / 2 if i + 1 < len(extents) else b + (
            (extents[-1][0] - extents[-2][1]) / 2 if len(extents) > 1 else 20.0)
        out.append((left, right))
    return out


def column_of(word: PdfWord, column_bands: list[tuple[float, float]],
              extents: list[tuple[float, float]] = ()) -> int:
    """The column a word stands in: the one figure column its extent overlaps (a header is often wider than
    the figures under it), else the band its centre falls in (0: left of every column, the label)."""
    touched = [index for index, extent in enumerate(extents, start=1) if overlaps((word.x0, word.x1), extent)]
    if len(touched) == 1:
        return touched[0]
    for index, (left, right) in enumerate(column_bands, start=1):
        if left <= word.centre <= right:
            return index
    return 0 if word.centre < column_bands[0][0] else len(column_bands)


def label_edge_of(body: list[list[PdfWord]]) -> float:
    """Where the label column ends: the right end of the longest label of a row with figures."""
    labels = [segments(line)[0] for line in body if is_table_line(line) and not is_figure_cell(segments(line)[0])]
    return max((part[-1].x1 for part in labels), default=min(line[0].x0 for line in body))


def header_cells(lines: list[list[PdfWord]], verticals: list[PdfWord], extents: list[tuple[float, float]],
                 label_right: float) -> dict[int, list[PdfWord]]:
    """Header words per column (horizontal words line by line, then vertical runs left to right)."""
    column_bands = bands(extents, label_right)
    header: dict[int, list[PdfWord]] = {}
    for word in [w for line in lines for w in line] + sorted(verticals, key=lambda v: v.x0):
        header.setdefault(column_of(word, column_bands, extents), []).append(word)
    return header


def body_pitch(body: list[list[PdfWord]]) -> float:
    """The usual distance between two consecutive lines of the table."""
    gaps = [b[0].top - a[0].top for a, b in zip(body, body[1:])]
    return statistics.median(gaps) if gaps else body[0][0].size * 1.2


def body_rows(body: list[list[PdfWord]], extents: list[tuple[float, float]], label_right: float) -> list[TableRow]:
    """The body lines grouped into rows (a wrapped label is one label) and every figure in its column."""
    column_bands = bands(extents, label_right)
    groups = row_groups(body)
    rows = []
    for group in groups:
        label: list[PdfWord] = []
        cells: dict[int, list[PdfWord]] = {}
        for line in group:
            for part in segments(line):
                column = column_of(part[-1], column_bands) if is_figure_cell(part) else 0
                if column and any(overlaps((part[0].x0, part[-1].x1), extent) for extent in extents):
                    cells.setdefault(column, []).extend(part)
                else:
                    label.extend(part)
        rows.append(TableRow(label, cells))
    return rows


def row_groups(body: list[list[PdfWord]]) -> list[list[list[PdfWord]]]:
    """Consecutive lines of one row together (a row holds one line of figures).

    Most lines start a row, so the wider spacings are the row pitch, and a line closer than that to the line
    above shares its row (a label wrapped in its cell, figures beside its middle). Where the spacing says
    nothing (every line as far apart), a line that does not start with a capital or a digit (lower case, a
    bracket) or a line of figures alone after a label without figures goes on with the row above."""
    label_left = min(line[0].x0 for line in body)

    def figures_alone(line: list[PdfWord]) -> bool:        # not a number of a wrapped label ('2029')
        return all(is_figure_cell(part) for part in segments(line)) and line[0].x0 > label_left + 2

    figures = {id(line): is_table_line(line) or figures_alone(line) for line in body}

    def holds_figures(group: list[list[PdfWord]]) -> bool:
        return any(figures[id(line)] for line in group)

    def starts_row(line: list[PdfWord]) -> bool:
        return not all(is_figure_cell(part) for part in segments(line)) and (
            line[0].text[:1].isupper() or line[0].text[:1].isdigit() or line[0].text[:1] in "-+")

    gaps = sorted(b[0].top - a[0].top for a, b in zip(body, body[1:]))
    size = statistics.median(w.size for line in body for w in line)
    limit = None
    if len(gaps) >= 3:
        row_pitch = gaps[(3 * len(gaps)) // 4]      # most lines start a row; those within a row sit closer
        if gaps[0] < row_pitch - 0.2 * size:
            limit = row_pitch - 0.25 * size
    groups = [[body[0]]]
    for previous, line in zip(body, body[1:]):
        if limit is not None:
            joins = line[0].top - previous[0].top <= limit
        else:
            joins = (not starts_row(line) and not figures_alone(line)
                     or figures_alone(line) and not holds_figures(groups[-1]))
        if joins and not (figures[id(line)] and holds_figures(groups[-1])):
            groups[-1].append(line)
        else:
            groups.append([line])
    return groups
