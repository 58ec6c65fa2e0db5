"""Writes minister's answers on the 1712 figures from random but consistent figures: the oracle.

The generative proof of the reader (tests/python/test_answer_layouts.py) needs texts whose figures
it knows. This module writes them the way the Flemish Parliament's PDF text prints an answer
(source/000_a09852dfb7e0c744.txt is the one real example): the question with its citations, the
minister's name and role above `ANTWOORD`, the headline sentence, the month, theme, age x gender
and caller x theme tables, and the narrative parts. Every figure is drawn at random, and every
table adds up: the four tables and the headline give the same year total.

It shares no code with the reader (meldpunt1712/answer/): it has its own month names, its
own number formats and its own tokenizer (`number_tokens`), so a mistake in the reader cannot
hide behind the same mistake here. It reads only the reference seeds' labels (themes, genders,
age groups, caller types and groups), as a minister's office knows its own labels.

Every number it prints is recorded where it prints it (line, 1-based column, text as printed)
with what the warehouse must do with it: `figure` (a seed row takes it), `not a figure` (years,
dates, question and part numbers, times of day, 1712, caller type codes, the 12 of an age
label) or `unread` (decimals, percentages, an age range, a telephone number, a table the reader
does not know).

What an answer says is kept apart from how it is printed: `write_document(layout, rnd)` draws the
figures and writes a `Document` (lines, paragraphs, tables with their header, body, heading and
total rows, every number with its disposition, and which number each expected seed row comes
from); `render_text` prints it as the text extraction does, and proof/answer_pdf.py draws the same
document as a PDF. The choices that only the text extraction shows (blank lines, a trailing
space, where a wrapped caller label breaks) are drawn while the document is written, at their
place in the random stream, so a layout and seed give the same text as they always did.

`generate(layout, rnd)` is the plain function (for fixed answers); `answers()` the Hypothesis
strategy that draws the layout and the figures.
"""
from __future__ import annotations

import csv
import datetime as dt
import itertools
import os
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import HealthCheck, Phase, reject, settings
from hypothesis import strategies as st

from meldpunt1712.layout import PROJECT_DIR, SEED_SUBDIR

FIGURE, NOT_A_FIGURE, UNREAD = "figure", "not a figure", "unread"
DISPOSITIONS = (FIGURE, NOT_A_FIGURE, UNREAD)

# The oracle's own Dutch month names (never the reader's).
MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
          "oktober", "november", "december")
TABLES = ("month", "theme", "age_gender", "caller")
CANONICAL_ORDER = TABLES
MINISTERS = (("JO VANDEURZEN", "VLAAMS MINISTER VAN WELZIJN, VOLKSGEZONDHEID EN GEZIN"),
             ("WOUTER BEKE", "VLAAMS MINISTER VAN WELZIJN, VOLKSGEZONDHEID, GEZIN EN ARMOEDEBESTRIJDING"),
             ("HILDE CREVITS", "VLAAMS MINISTER VAN WELZIJN, VOLKSGEZONDHEID EN GEZIN"))
ASKERS = ("KATRIEN SCHRYVERS", "ELKE VAN DEN BRANDT", "LOES VANDROMME", "AN MOERENHOUT")
PARTNERS = ("Carrefour", "Colruyt", "Delhaize", "Aldi")
# A theme phrase of the evening pilot: the theme's label in lower case, "Andere problematiek" with
# the article as in 2018.
PILOT_ARTICLE = {"Andere problematiek": "een andere problematiek"}


# --------------------------------------------------------------------------- reference labels


def seed_rows(name: str, project_dir: Path = PROJECT_DIR) -> list[dict[str, str]]:
    with (Path(project_dir) / SEED_SUBDIR / f"{name}.csv").open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@dataclass(frozen=True)
class Labels:
    """The reference seeds' Dutch labels, in their sort order."""

    themes: tuple[tuple[str, str], ...]                   # (theme_code, label)
    genders: tuple[str, ...]
    age_groups: tuple[str, ...]
    caller_types: tuple[tuple[str, str, str], ...]        # (code, label, group code)
    headings: dict[str, str | None]                       # group code -> printed heading or None

    @classmethod
    def from_seeds(cls, project_dir: Path = PROJECT_DIR) -> "Labels":
        by_order = lambda rows: sorted(rows, key=lambda r: int(r["sort_order"]))   # noqa: E731
        return cls(
            themes=tuple((r["theme_code"], r["theme_label_nl"]) for r in seed_rows("themes", project_dir)),
            genders=tuple(r["gender_label_nl"] for r in by_order(seed_rows("genders", project_dir))),
            age_groups=tuple(r["age_group_label_nl"] for r in by_order(seed_rows("age_groups", project_dir))),
            caller_types=tuple((r["caller_type_code"], r["caller_type_label_nl"], r["caller_group_code"])
                               for r in by_order(seed_rows("caller_types", project_dir))),
            headings={r["caller_group_code"]: (r["caller_group_label_nl"] if r["is_heading_printed"] == "true"
                                               else None) for r in seed_rows("caller_groups", project_dir)},
        )


LABELS = Labels.from_seeds()


# --------------------------------------------------------------------------- the oracle's tokenizer


@dataclass(frozen=True, order=True)
class Token:
    line: int          # 1-based
    position: int      # 1-based column of its first character
    text: str          # as printed


ATOM = re.compile(r"(?<![\w,.])\d+(?:(?:\.\d{3})+(?!\d)|,\d+)?(?: ?%)?")
PLAIN = re.compile(r"\d+")
SPACED = re.compile(r"\d{1,3}(?: \d{3})+")
YEAR = re.compile(r"(?:19|20)\d\d")


def merge_run(words: list[str]) -> list[list[str]]:
    """How a run of numbers separated by single spaces reads: '14 500' is one number, '8 7 15' three.

    A run reads as one spaced number (`14 500`, `5 390`) when all of it has that shape, or all of
    it after a leading year (`2019 5 390`); otherwise each number is its own. Dotted numbers,
    decimals and percentages are never part of a spaced number.
    """
    if all(PLAIN.fullmatch(w) for w in words):
        if len(words) >= 2 and SPACED.fullmatch(" ".join(words)):
            return [words]
        if len(words) >= 3 and YEAR.fullmatch(words[0]) and SPACED.fullmatch(" ".join(words[1:])):
            return [words[:1], words[1:]]
    return [[w] for w in words]


def number_tokens(text: str) -> list[Token]:
    """Every number of the text, read whole: '14 500', '5.390', '5390', '2,6', '58%', '58 %'."""
    tokens = []
    for number, line in enumerate(text.split("\n"), start=1):
        atoms = [(m.start(), m.group(0)) for m in ATOM.finditer(line)]
        runs: list[list[tuple[int, str]]] = []
        for start, word in atoms:
            if runs and line[runs[-1][-1][0] + len(runs[-1][-1][1]):start] == " ":
                runs[-1].append((start, word))
            else:
                runs.append([(start, word)])
        for run in runs:
            i = 0
            for group in merge_run([w for _, w in run]):
                tokens.append(Token(number, run[i][0] + 1, " ".join(group)))
                i += len(group)
    return tokens


def run_is_ambiguous(texts: list[str]) -> bool:
    """A table row's figures that `number_tokens` would read as fewer numbers ('120 120', '8 107 115')."""
    return len(merge_run(texts)) != len(texts)


# --------------------------------------------------------------------------- a page of text


@dataclass(frozen=True)
class Num:
    """A number the generator prints, with what the warehouse must do with it."""

    text: str
    disposition: str
    reason: str = ""           # why it is not a figure or unread ('' for a figure and for digits in text)

    def __post_init__(self) -> None:
        assert self.disposition in DISPOSITIONS, self.disposition


Segment = str | Num
Word = list[Segment]


def seg_text(segments: list[Segment]) -> str:
    return "".join(s if isinstance(s, str) else s.text for s in segments)


def words(template: str, **nums: Num) -> list[Word]:
    """A sentence as words: '{n} folders' with n=Num('14 500', ...) keeps '14 500' in one word."""
    out: list[Word] = []
    for raw in template.split(" "):
        if not raw:
            continue
        word: Word = []
        for i, part in enumerate(re.split(r"\{(\w+)\}", raw)):
            if i % 2:
                word.append(nums[part])
            elif part:
                word.append(part)
        out.append(word)
    return out


PART_START = re.compile(r"^\d+(?:-\d+)?\.")


class Page:
    """Lines made of text and numbers; literal digits in text are recorded as not a figure."""

    def __init__(self) -> None:
        self.lines: list[list[Segment]] = []

    def line(self, *segments: Segment) -> int:
        self.lines.append(list(segments))
        return len(self.lines)

    def blank(self, count: int = 1) -> None:
        for _ in range(count):
            self.lines.append([])

    def paragraph(self, paragraph: list[Word], width: int, trailing: str = "") -> list[int]:
        """Wrap words greedily at `width`; a word like '2019.' never starts a line (it would read as a part)."""
        lines: list[list[Word]] = [[]]
        for word in paragraph:
            current = lines[-1]
            length = len(" ".join(seg_text(w) for w in current + [word]))
            if current and length > width:
                if PART_START.match(seg_text(word)) and len(current) > 1:
                    lines.append([current.pop()])
                else:
                    lines.append([])
            lines[-1].append(word)
        numbers = []
        for i, line in enumerate(lines):
            segments: list[Segment] = []
            for j, word in enumerate(line):
                segments += ([" "] if j else []) + word
            numbers.append(self.line(*segments, *([trailing] if trailing and i < len(lines) - 1 else [])))
        return numbers

    def render(self) -> tuple[str, list[tuple[Token, str]]]:
        texts, printed = [], []
        for number, segments in enumerate(self.lines, start=1):
            column = 0
            for segment in segments:
                if isinstance(segment, Num):
                    printed.append((Token(number, column + 1, segment.text), segment.disposition))
                    column += len(segment.text)
                    continue
                assert not re.search(r"\d[.,]\d|\d ?%|\d \d", segment), f"literal number in {segment!r}"
                for match in PLAIN.finditer(segment):
                    printed.append((Token(number, column + match.start() + 1, match.group(0)), NOT_A_FIGURE))
                column += len(segment)
            texts.append(seg_text(segments))
        return "\n".join(texts) + "\n", printed


# --------------------------------------------------------------------------- layout and figures


@dataclass(frozen=True)
class Layout:
    """What varies from one answer to the next, apart from the figures."""

    year: int = 2019
    number_style: str = "dot"          # dot (5.390), plain (5390), space (5 390), mixed
    month_case: str = "capital"        # capital, lower, upper, mixed
    month_year: str = "always"         # always (Januari 2019 489), never (Januari 489), mixed
    table_order: tuple[str, ...] = CANONICAL_ORDER
    tables_in_part_one: int = 2
    month_total_label: str = "Som"
    theme_total_label: str = "TOTAAL"
    theme_count: int = 14              # themes printed (a theme absent in a year when fewer than all)
    zero_theme: bool = False           # a theme printed with 0 contacts, its column total 0
    tie: bool = False                  # two themes with the same total
    channel_table: bool = False        # contacts per channel after the headline: unread
    wrapped_callers: bool = True       # long caller labels wrapped, figures on a line of their own
    pilot: bool = True
    telephone_number: bool = False     # '1207' in the pilot paragraph: unread
    campaign: bool = True
    spaced_count: bool = False         # '14 500 folders'
    age_range_repeated: bool = False   # 'tussen 10 en 12 jaar' ... 'jonger dan 12 jaar': unread, twice
    chat: bool = True
    repeated_count: bool = False       # '31 chatgesprekken' ... 'Van de 31 chatgesprekken'
    decimal: bool = False              # 'gemiddeld 2,6 per chatavond': unread
    percentage: str = ""               # '58%' or '58 %': unread
    blank_lines: int = 1               # the most blank lines between blocks
    width: int = 85                    # where paragraphs wrap


@dataclass
class GeneratedAnswer:
    """A generated text and what the warehouse must take from it."""

    layout: Layout
    text: str = field(repr=False)
    printed: list[tuple[Token, str]] = field(repr=False)       # every number, with its disposition
    expected: dict[str, list[tuple]] = field(repr=False)       # per seed, sorted rows in the test's shapes
    headline_line: int = field(repr=False)
    month_lines: dict[int, int] = field(repr=False)            # month (1-12) -> line
    rows: list[tuple[tuple[int, ...], Token]] = field(default_factory=list, repr=False)  # a row's lines, first cell

    @property
    def year(self) -> int:
        return self.layout.year

    def _repr_pretty_(self, printer, cycle: bool) -> None:
        """Hypothesis shows a failing answer by its layout; the test's notes show its text."""
        printer.text(f"GeneratedAnswer(layout={self.layout!r})")

    @property
    def unread(self) -> list[Token]:
        return sorted(token for token, disposition in self.printed if disposition == UNREAD)


def split(rnd: random.Random, total: int, parts: int, minimum: int = 1) -> list[int]:
    """`total` as `parts` whole numbers of at least `minimum`, at random."""
    assert parts >= 1 and total >= parts * minimum, (total, parts, minimum)
    free = total - parts * minimum
    cuts = sorted(rnd.randint(0, free) for _ in range(parts - 1))
    return [minimum + b - a for a, b in zip([0] + cuts, cuts + [free])]


def skewed_split(rnd: random.Random, total: int, parts: int) -> list[int]:
    """Like real tables: a few large shares, many small ones (each at least 1)."""
    weights = [rnd.random() ** 3 + 0.001 for _ in range(parts)]
    free = total - parts
    shares = [int(free * w / sum(weights)) for w in weights]
    shares[max(range(parts), key=lambda i: weights[i])] += free - sum(shares)
    return [1 + s for s in shares]


class Formatter:
    def __init__(self, style: str, rnd: random.Random):
        self.style, self.rnd = style, rnd

    def __call__(self, value: int, alone: bool = True) -> str:
        """A figure as printed; a spaced thousands only where it stands alone (not in a row of cells)."""
        style = self.style
        if style == "mixed":
            style = self.rnd.choice(("dot", "plain", "space") if alone else ("dot", "plain"))
        if style == "space" and not alone:
            style = "dot"
        grouped = f"{value:,}"
        return {"dot": grouped.replace(",", "."), "plain": str(value), "space": grouped.replace(",", " ")}[style]


def placements(values: list[int], columns: int) -> list[tuple[int, ...]]:
    return list(itertools.combinations(range(columns), len(values)))


def placement_count(rows: list[list[int]], sums: list[int], limit: int = 2) -> int:
    """How many ways (up to `limit`) the printed cells of each row fit the columns, order kept, meeting the sums."""
    found = 0
    remaining = list(sums)

    def place(i: int) -> None:
        nonlocal found
        if found >= limit:
            return
        if i == len(rows):
            found += all(r == 0 for r in remaining)
            return
        for columns in placements(rows[i], len(sums)):
            if all(remaining[c] >= v for c, v in zip(columns, rows[i])):
                for c, v in zip(columns, rows[i]):
                    remaining[c] -= v
                place(i + 1)
                for c, v in zip(columns, rows[i]):
                    remaining[c] += v
    place(0)
    return found


def age_gender_matrix(rnd: random.Random, total: int) -> tuple[list[str], list[str], list[list[int]]]:
    """Age rows x gender columns adding up to `total`, whose printed cells fit the sums one way only.

    As in real answers one age group (the adults, when printed) holds most contacts and the
    others fewer than a hundred each. When the printed cells would fit the sums in more than
    one way, empty cells are filled (a unit from the largest cell) until they fit one way only.
    """
    genders = [g for g in LABELS.genders if rnd.random() < 0.8]
    if len(genders) < 2:
        genders = list(LABELS.genders[:2])
    ages = [a for a in LABELS.age_groups if rnd.random() < 0.85] or [LABELS.age_groups[2]]
    for _ in range(40):
        big = ages.index(LABELS.age_groups[2]) if LABELS.age_groups[2] in ages else rnd.randrange(len(ages))
        row_totals = [rnd.randint(1, min(99, total // 20)) for _ in ages]
        row_totals[big] = total - sum(t for i, t in enumerate(row_totals) if i != big)
        matrix = [[0] * len(genders) for _ in ages]
        for r, row_total in enumerate(row_totals):
            columns = [c for c in range(len(genders)) if rnd.random() < 0.6] or [rnd.randrange(len(genders))]
            if r == big:
                columns = sorted(set(columns) | {c for c in range(len(genders))
                                                 if not any(matrix[r2][c] for r2 in range(len(ages)) if r2 != big)
                                                 and all(r2 < r or r2 == big for r2 in range(len(ages)))})
            columns = columns[:row_total]
            for c, value in zip(columns, skewed_split(rnd, row_total, len(columns))):
                matrix[r][c] = value
        for c in range(len(genders)):          # every gender column has contacts
            if not any(row[c] for row in matrix):
                donor = max(range(len(genders)), key=lambda c2: matrix[big][c2])
                matrix[big][donor] -= 1
                matrix[big][c] += 1
        while True:       # fill empty cells until the placement is unique (a full table always is)
            printed = [[v for v in row if v] for row in matrix]
            sums = [sum(row[c] for row in matrix) for c in range(len(genders))]
            if placement_count(printed, sums) == 1:
                break
            empty = next((r, c) for r in range(len(ages)) for c in range(len(genders)) if not matrix[r][c])
            largest = max(((r, c) for r in range(len(ages)) for c in range(len(genders))),
                          key=lambda rc: matrix[rc[0]][rc[1]])
            matrix[largest[0]][largest[1]] -= 1
            matrix[empty[0]][empty[1]] += 1
        if not any(run_is_ambiguous([str(v) for v in row if v] + [str(sum(row))]) for row in matrix):
            return ages, genders, matrix
    reject()


def caller_matrix(rnd: random.Random, column_totals: list[int]) -> list[tuple[str, list[int]]]:
    """Caller types (in their order) with one cell per column, the columns adding up to `column_totals`.

    A row whose figures would read as a spaced thousands ('120 120', '8 107 115') gets a small cell
    from another row of the same column, after its first cell: a real table has such rows, but
    the oracle's tokenizer cannot tell them from one number, so the generator does not print them.
    """
    share = rnd.uniform(0.3, 1.0)
    chosen = [c for c in LABELS.caller_types if rnd.random() < share] or list(LABELS.caller_types[:2])
    weights = [rnd.random() ** 2 + 0.01 for _ in chosen]
    matrix = [[0] * len(column_totals) for _ in chosen]
    for column, total in enumerate(column_totals):
        if total == 0:
            continue
        count = rnd.randint(1, min(total, len(chosen)))
        rows = sorted(set(rnd.choices(range(len(chosen)), weights=weights, k=count)))
        for row, value in zip(rows, split(rnd, total, len(rows))):
            matrix[row][column] = value
    for _ in range(300):
        ambiguous = [r for r, row in enumerate(matrix)
                     if any(row) and run_is_ambiguous([str(v) for v in row if v] + [str(sum(row))])]
        if not ambiguous:
            return [(code, row) for (code, _, _), row in zip(chosen, matrix) if any(row)]
        r = ambiguous[0]
        first = next(c for c, v in enumerate(matrix[r]) if v)
        donors = [(c, r2) for c in range(len(column_totals)) if not matrix[r][c]
                  for r2 in range(len(chosen)) if r2 != r and matrix[r2][c] >= 2]
        later = [d for d in donors if d[0] > first]
        if later or donors:
            c, r2 = rnd.choice(later or donors)
            moved = min(rnd.randint(1, 99), matrix[r2][c] - 1)
        else:       # no small cell to borrow: give most of its largest cell to the largest other row
            c = max(range(len(column_totals)), key=lambda column: matrix[r][column])
            others = [r2 for r2 in range(len(chosen)) if r2 != r]
            if not others:
                break
            r2 = max(others, key=lambda row: sum(matrix[row]))
            moved = -(matrix[r][c] - rnd.randint(1, 99))
        matrix[r2][c] -= moved
        matrix[r][c] += moved
    reject()


# --------------------------------------------------------------------------- the document: what an answer says


BODY, HEADING, TOTAL = "body", "heading", "total"


@dataclass
class Line:
    """A line printed as it stands (a name, a role, a title): never wrapped."""

    segments: list[Segment]
    role: str = ""                      # "subject" of the question, "headline": the answer's first sentence


@dataclass
class Paragraph:
    """Prose as words: the text wraps it at the layout's width, a PDF at its column's."""

    words: list[Word]
    trailing: str = ""                  # text only: what ends each wrapped line but the last (' ' or '')


@dataclass
class Gap:
    """Blank lines between blocks in the text; a paragraph's spacing in a PDF."""

    lines: int = 1


@dataclass
class Row:
    """A table row: its label and one cell per figure column (None: the cell is empty)."""

    kind: str                           # BODY, HEADING (a caller group: a label only) or TOTAL
    label: str
    cells: list[Num | None] = field(default_factory=list)
    key: object = None                  # month (1-12) of a month row, caller type code of a caller row
    # how the text extraction prints it (a PDF ignores these):
    blank_before: bool = False
    lead: str = ""                      # before a heading (' ' or '')
    wrap: tuple[int, bool] | None = None  # a long caller label: (words on its first line, figures on a line alone)

    @property
    def figures(self) -> list[Num]:
        return [cell for cell in self.cells if cell is not None]


@dataclass
class Table:
    """A table as the answer prints it: title, column headers, rows (group headings and the total row included)."""

    name: str                           # month, theme, age_gender, caller or channel
    title: list[str]                    # the title's lines as the text prints them (a PDF prints one paragraph)
    title_gap: int                      # text only: blank lines after the title
    label_header: str                   # the header of the label column ('' when none)
    columns: list[str]                  # the header of each figure column, left to right
    text_header: str | None             # the header line the text prints (the caller table's text has none)
    rows: list[Row]
    row_totals: bool                    # the last column holds each row's total


@dataclass(frozen=True)
class QuestionFields:
    """The written question the answer answers, as its header prints it."""

    number: int
    date: str                           # '15 april 2019'
    asked_by: str
    answered_by: str
    role: str
    subject: str

    @property
    def day(self) -> dt.date:
        day, month, year = self.date.split()
        return dt.date(int(year), MONTHS.index(month) + 1, int(day))


Block = Line | Paragraph | Gap | Table


@dataclass
class Document:
    """What an answer says, apart from how it is laid out: rendered as text here, as a PDF by proof.answer_pdf."""

    layout: Layout
    fields: QuestionFields
    blocks: list[Block]
    expected: dict[str, list[tuple]]                 # per seed, sorted rows in the tests' shapes
    cells: dict[str, list[tuple]]                    # table cells with their printed column (see proof.answer_pdf)
    sources: list[tuple[str, tuple, Num]]            # (seed, expected row, the number printed for it)
    columns_by_total: dict[int, list[int]]           # caller table: column total -> column positions (1-based)

    def tables(self) -> dict[str, Table]:
        return {block.name: block for block in self.blocks if isinstance(block, Table)}


def generate(layout: Layout, rnd: random.Random) -> GeneratedAnswer:
    """One answer: the text, every number it prints and the seed rows it must give."""
    return render_text(write_document(layout, rnd))


def write_document(layout: Layout, rnd: random.Random) -> Document:
    """What one answer says, its figures drawn from `rnd` (the same `rnd` gives the same answer as `generate`)."""
    return AnswerWriter(layout, rnd).write()


class AnswerWriter:
    """Draws the figures and writes the answer's blocks, in the order the text prints them.

    Every choice of how the text extraction prints a block (blank lines, a trailing space, where a
    long caller label breaks) is drawn here, at its place in the random stream, and kept on the
    block: the text of a layout and seed stays what it always was, and a PDF of the same seed says
    the same things.
    """

    def __init__(self, layout: Layout, rnd: random.Random):
        self.layout, self.rnd = layout, rnd
        self.fmt = Formatter(layout.number_style, rnd)
        self.blocks: list[Block] = []
        self.expected: dict[str, list[tuple]] = {}
        self.cells: dict[str, list[tuple]] = {}
        self.totals: list[tuple] = []
        self.sources: list[tuple[str, tuple, Num]] = []

    # ------------------------------------------------------------------ helpers

    def figure(self, value: int, alone: bool = True) -> Num:
        return Num(self.fmt(value, alone), FIGURE)

    def source(self, seed: str, row: tuple, num: Num) -> None:
        self.sources.append((seed, row, num))

    def total(self, row: tuple, num: Num) -> None:
        self.totals.append(row)
        self.source("published_totals", row, num)

    def line(self, *segments: Segment, role: str = "") -> None:
        self.blocks.append(Line(list(segments), role))

    def blank(self, count: int = 1) -> None:
        self.blocks.append(Gap(count))

    def gap(self) -> None:
        self.blank(self.rnd.randint(1, max(1, self.layout.blank_lines)))

    def month_name(self, month: int) -> str:
        name = MONTHS[month - 1]
        case = self.layout.month_case
        if case == "mixed":
            case = self.rnd.choice(("capital", "lower", "upper"))
        return {"capital": name.capitalize(), "lower": name, "upper": name.upper()}[case]

    def prose(self, template: str, **nums: Num) -> None:
        self.blocks.append(Paragraph(words(template, **nums), self.rnd.choice(("", " "))))

    # ------------------------------------------------------------------ the figures

    def draw_figures(self) -> None:
        rnd, layout = self.rnd, self.layout
        self.year_total = rnd.randint(1500, 25000)
        themes = list(LABELS.themes)
        rnd.shuffle(themes)
        themes = themes[:layout.theme_count]
        fixed: dict[int, int] = {}
        if layout.zero_theme:
            fixed[0] = 0
        if layout.tie and len(themes) >= 4:
            value = rnd.choice((1, 1, rnd.randint(1, 60)))
            fixed[1] = fixed[2] = value
        free = [i for i in range(len(themes)) if i not in fixed]
        rest = split(rnd, self.year_total - sum(fixed.values()), len(free))
        values = dict(fixed) | dict(zip(free, rest))
        order = list(range(len(themes)))
        rnd.shuffle(order)                                   # printed order of the theme table
        self.themes = [(themes[i][0], themes[i][1], values[i]) for i in order]
        columns = list(range(len(self.themes)))
        rnd.shuffle(columns)                                 # the caller table's column order
        self.columns = [self.themes[i] for i in columns]
        self.months = split(rnd, self.year_total, 12, minimum=1)
        self.ages, self.genders, self.age_matrix = age_gender_matrix(rnd, self.year_total)
        self.callers = caller_matrix(rnd, [value for _, _, value in self.columns])

    # ------------------------------------------------------------------ the answer

    def write(self) -> Document:
        self.draw_figures()
        self.header()
        self.answer()
        self.expected["published_totals"] = sorted(self.totals)
        by_total: dict[int, list[int]] = {}
        for position, (_, _, value) in enumerate(self.columns, start=1):
            by_total.setdefault(value, []).append(position)
        return Document(self.layout, self.fields, self.blocks, {k: sorted(v) for k, v in self.expected.items()},
                        {k: sorted(v) for k, v in self.cells.items()}, self.sources, by_total)

    def header(self) -> None:
        rnd, year, layout = self.rnd, self.layout.year, self.layout
        minister, role = rnd.choice(MINISTERS)
        self.line(f" aan {minister}")
        self.line(role)
        self.blank()
        subject = f"Meldpunt 1712  -  Oproepen {year}"
        self.line(subject, role="subject")
        self.blank()
        self.pilot_months = sorted(rnd.sample(range(1, 13), 2)) if layout.pilot else [10, 12]
        start = MONTHS[self.pilot_months[0] - 1]
        first, second = self.date(year), self.date(year)
        self.prose(f"In antwoord op mijn schriftelijke vraag nr. {rnd.randint(1, 700)} van {first} gaf de minister "
                   f"cijfers over het aantal oproepen bij het meldpunt 1712 in {year - 1} en de effecten van de "
                   "verschillende campagnes die met betrekking tot het meldpunt werden gevoerd. In antwoord op mijn "
                   f"schriftelijke vraag nr. {rnd.randint(1, 700)} van {second} stelde de minister dat op basis van "
                   "een analyse van de (onbeantwoorde) oproepen na de openingsuren in overleg met de betrokken "
                   "sectoren beslist werd over te gaan tot een uitbreiding van de openingsuren in een experimentele "
                   f"fase en dit met ingang van 1 {start} {year}. 1712 is sinds die datum gedurende één avond "
                   "(donderdag) aanvullend bereikbaar tussen 17 en 19 uur.")
        self.blank()
        self.prose("De minister antwoordde ook dat er geen actieve communicatie of bekendmaking van de avonduren "
                   "werd gedaan. De reden die hiervoor werd opgegeven was dat men in eerste instantie wilde "
                   "monitoren hoeveel en welke oproepen ’s avonds bij 1712 terechtkomen.")
        self.blank()
        questions = (
            f"1. Hoeveel oproepen ontving 1712 in het jaar {year}? Graag een opdeling per maand en per gemelde "
            "problematiek.",
            f"2. Welke gegevens heeft de minister met betrekking tot de mensen die in het jaar {year} een oproep "
            "deden naar 1712?",
            f"3. Kan de minister duiding geven bij de verschillende campagnes die in de loop van {year} werden "
            "opgestart in verband met het meldpunt 1712 en de effecten daarvan?",
            f"4. Wat zijn de resultaten van de experimentele fase waarbij 1712 sedert 1 {start} {year} één avond "
            "aanvullend bereikbaar is tussen 17 en 19 uur? Welke conclusies worden hieruit getrokken?",
            "5. Wat is de stand van zaken met betrekking tot de uitbouw van de 1712-chat?",
            "6. Wat is de stand van zaken met betrekking tot de mogelijke inzet en opleiding van vrijwilligers?",
        )
        for question in questions:
            self.prose(question)
            self.blank()
        self.blank(2)
        self.line(f"{minister} ")
        self.line(role)
        self.blank()
        self.line("ANTWOORD")
        number, date = rnd.randint(1, 700), self.date(year + 1)
        self.line(f"op vraag nr. {number} van {date}")
        asked_by = rnd.choice(ASKERS)
        self.line(f"van {asked_by}")
        self.blank()
        self.fields = QuestionFields(number, date, asked_by, minister, role, " ".join(subject.split()))

    def date(self, year: int) -> str:
        return f"{self.rnd.randint(1, 28)} {self.rnd.choice(MONTHS)} {year}"

    def answer(self) -> None:
        layout, year = self.layout, self.layout.year
        headline = self.figure(self.year_total)
        self.line(f"1. 1712 ontving in {year} ", headline, " oproepen.", role="headline")
        self.total(("answer_headline", "year_total", "", self.year_total), headline)
        self.gap()
        if layout.channel_table:
            self.channel_table()
        writers = {"month": self.month_table, "theme": self.theme_table, "age_gender": self.age_gender_table,
                   "caller": self.caller_table}
        for i, table in enumerate(layout.table_order):
            writers[table]("2. " if i == layout.tables_in_part_one else "")
            self.gap()
        self.expected["service_facts"] = []
        self.expected["evening_pilot_calls"] = []
        self.gap()
        if layout.campaign:
            self.campaign()
        if layout.pilot or layout.chat:
            self.pilot_and_chat()
        self.prose("6. Aan de 1712-sector werd gevraagd een analyse te maken van de mogelijke inzet van "
                   "vrijwilligers. Ik verwacht van hen voor de zomerperiode een onderbouwd standpunt.")

    # ------------------------------------------------------------------ tables

    def channel_table(self) -> None:
        phone = self.rnd.randint(self.year_total // 2, self.year_total)
        rows = [Row(BODY if label != "Som" else TOTAL, label,
                    [Num(self.fmt(value), UNREAD, "a table the reader does not know")])
                for label, value in (("Telefoon", phone), ("E-mail", self.year_total - phone),
                                     ("Som", self.year_total))]
        self.blocks.append(Table("channel", ["Aantal contacten per kanaal:"], 1, "Kanaal", ["Aantal"], None, rows,
                                 False))
        self.gap()

    def month_table(self, part: str) -> None:
        rnd, year = self.rnd, self.layout.year
        rows = []
        for month, value in enumerate(self.months, start=1):
            with_year = {"always": True, "never": False}.get(self.layout.month_year)
            if with_year is None:
                with_year = rnd.random() < 0.5
            blank_before = rnd.random() < 0.08
            label = f"{self.month_name(month)} {f'{year} ' if with_year else ''}"[:-1]
            num = self.figure(value)
            rows.append(Row(BODY, label, [num], month, blank_before))
            self.source("contacts_by_month", (month, value), num)
        total = self.figure(self.year_total)
        rows.append(Row(TOTAL, self.layout.month_total_label, [total]))
        self.blocks.append(Table("month", [f"{part}Aantal oproepen en e-mails per maand:"], 1, "MAAND",
                                 ["AANTAL OPROEPEN"], "MAAND AANTAL OPROEPEN", rows, False))
        self.expected["contacts_by_month"] = list(enumerate(self.months, start=1))
        self.total(("contacts_by_month", "year_total", "", self.year_total), total)

    def theme_table(self, part: str) -> None:
        rows = []
        for position, (_, label, value) in enumerate(self.themes, start=1):
            blank_before = self.rnd.random() < 0.08
            num = self.figure(value)
            rows.append(Row(BODY, label, [num], label, blank_before))
            self.source("contacts_by_theme", (position, label, value), num)
        total = self.figure(self.year_total)
        rows.append(Row(TOTAL, self.layout.theme_total_label, [total]))
        self.blocks.append(Table("theme", [f"{part}Aantal oproepen en e-mails per thema:"], 1, "THEMA", ["TOTAAL"],
                                 "THEMA TOTAAL", rows, False))
        self.expected["contacts_by_theme"] = [(i, label, value) for i, (_, label, value) in
                                              enumerate(self.themes, start=1)]
        self.total(("contacts_by_theme", "year_total", "", self.year_total), total)

    def age_gender_table(self, part: str) -> None:
        title = [f"{part}Aantal contacten (telefoon + e-mail) met 1712 per leeftijd en geslacht van de ",
                 "contactnemer"]
        title_gap = self.rnd.randint(1, 3)
        rows, cells = [], []
        for age, row in zip(self.ages, self.age_matrix):
            nums = [self.figure(v, alone=False) if v else None for v in row]
            total = self.figure(sum(row), alone=False)
            rows.append(Row(BODY, age, nums + [total], age))
            for position, (gender, value, num) in enumerate(zip(self.genders, row, nums), start=1):
                if value:
                    cells.append((age, gender, value))
                    self.source("contacts_by_age_gender", (age, gender, value), num)
                    self.source("age_gender_cells", (age, position, value), num)
            self.total(("contacts_by_age_gender", "row_total", age, sum(row)), total)
        sums = [sum(row[c] for row in self.age_matrix) for c in range(len(self.genders))]
        nums = [self.figure(v, alone=False) for v in sums + [self.year_total]]
        rows.append(Row(TOTAL, "Som", nums))
        for gender, value, num in zip(self.genders, sums, nums):
            self.total(("contacts_by_age_gender", "column_total", gender, value), num)
        self.total(("contacts_by_age_gender", "year_total", "", self.year_total), nums[-1])
        self.blocks.append(Table("age_gender", title, title_gap, "", list(self.genders) + ["Som"],
                                 " ".join(self.genders) + " Som", rows, True))
        self.expected["contacts_by_age_gender"] = cells
        self.cells["age_gender_cells"] = [(age, position, value) for age, row in zip(self.ages, self.age_matrix)
                                          for position, value in enumerate(row, start=1) if value]
        self.cells["age_gender_columns"] = list(enumerate(self.genders, start=1))

    def caller_table(self, part: str) -> None:
        rnd = self.rnd
        group_of = {code: group for code, _, group in LABELS.caller_types}
        label_of = {code: label for code, label, _ in LABELS.caller_types}
        printed_group = None
        values, cells, rows = [], [], []
        for code, row in self.callers:
            group = group_of[code]
            if group != printed_group:
                printed_group = group
                if LABELS.headings[group]:
                    rows.append(Row(HEADING, LABELS.headings[group], lead=rnd.choice(("", " "))))
            nums = [self.figure(v, alone=False) if v else None for v in row]
            total = self.figure(sum(row), alone=False)
            printed = [(position, v, num) for position, (v, num) in enumerate(zip(row, nums), start=1) if v]
            for i, (position, v, num) in enumerate(printed, start=1):
                values.append((code, i, v))
                cells.append((code, position, v))
                self.source("caller_theme_printed_values", (code, i, v), num)
                self.source("caller_theme_cells", (code, position, v), num)
            self.total(("caller_theme", "row_total", code, sum(row)), total)
            label = label_of[code] if code == "Leeg" else f"{code} - {label_of[code]}"
            label_words = label.split(" ")
            wrap = None
            if self.layout.wrapped_callers and len(label_words) >= 6 and rnd.random() < 0.5:
                cut = rnd.randint(3, len(label_words) - 1)
                wrap = (cut, rnd.random() < 0.7)
            rows.append(Row(BODY, label, nums + [total], code, wrap=wrap))
        column_totals = [value for _, _, value in self.columns]
        nums = [self.figure(v, alone=False) for v in column_totals + [self.year_total]]
        rows.append(Row(TOTAL, "", nums, blank_before=True))
        for position, (value, num) in enumerate(zip(column_totals, nums), start=1):
            self.total(("caller_theme", "column_total", str(position), value), num)
        self.total(("caller_theme", "year_total", "", self.year_total), nums[-1])
        self.blocks.append(Table("caller", [f"{part}Wie belt/e-mailt waarover? "], 0, "",
                                 [label for _, label, _ in self.columns] + ["Totaal"], None, rows, True))
        self.expected["caller_theme_printed_values"] = values
        self.cells["caller_theme_cells"] = cells
        self.cells["caller_theme_columns"] = [(position, label) for position, (_, label, _) in
                                              enumerate(self.columns, start=1)]

    # ------------------------------------------------------------------ narrative

    def fact(self, unit: str, value: int) -> Num:
        num = self.figure(value)
        self.expected["service_facts"].append((unit, value))
        self.source("service_facts", (unit, value), num)
        return num

    def campaign(self) -> None:
        rnd, layout, year = self.rnd, self.layout, self.layout.year
        partner = rnd.choice(PARTNERS)
        text = f"3. In {year} werden de voorbereidingen getroffen voor een campagne gericht naar kinderen"
        nums: dict[str, Num] = {}
        if layout.age_range_repeated:
            text += " tussen {a} en {b} jaar"
            nums |= {"a": Num("10", UNREAD, "an age range"), "b": Num("12", UNREAD, "an age range")}
        text += (f" die in het voorjaar {year + 1} werd gelanceerd. Met deze campagne wilden we aan kinderen de "
                 "boodschap geven dat ze over geweld kunnen spreken met iemand in hun omgeving.")
        if layout.age_range_repeated:
            text += " Ook kinderen jonger dan {c} jaar konden 1712 bellen."
            nums["c"] = Num("12", UNREAD, "an age range")
        self.prose(text, **nums)
        self.blank()
        folders = rnd.randint(1000, 30000) if layout.spaced_count else rnd.randint(100, 30000)
        count = (Num(f"{folders:,}".replace(",", " "), FIGURE) if layout.spaced_count else self.figure(folders))
        self.expected["service_facts"].append(("folders", folders))
        self.source("service_facts", ("folders", folders), count)
        self.prose(f"Daarnaast werden op vraag van {partner} {{n}} folders van 1712 verspreid naar "
                   f"{partner}-winkels, in het kader van een bewustmakingscampagne die {partner} in november "
                   f"{year} heeft opgezet. Er werden ook {{m}} affiches opgehangen.",
                   n=count, m=self.fact("affiches", rnd.randint(2, 900)))
        self.blank()

    def pilot_and_chat(self) -> None:
        rnd, layout, year = self.rnd, self.layout, self.layout.year
        part = "4-5. "
        if layout.pilot:
            first, last = self.pilot_months
            months = list(range(first, last + 1))[:4]
            last = months[-1]
            candidates = [label for code, label in LABELS.themes if label != "Leeg"]
            code_of = {label: code for code, label in LABELS.themes}
            nums: dict[str, Num] = {}
            details = []
            month_totals = []
            for month in months:
                themes = rnd.sample(candidates, rnd.randint(1, 3))
                counts = [rnd.randint(1, 6) for _ in themes]
                phrases = [PILOT_ARTICLE.get(t, t.lower()) for t in themes]
                parts = []
                for i, (theme, count, phrase) in enumerate(zip(themes, counts, phrases)):
                    key = f"m{month}t{i}"
                    nums[key] = self.figure(count)
                    parts.append(f"{{{key}}} rond {phrase}")
                    row = (dt.date(year, month, 1).isoformat(), code_of[theme], count)
                    self.expected["evening_pilot_calls"].append(row)
                    self.source("evening_pilot_calls", row, nums[key])
                joined = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " en " + parts[-1]
                nums[f"m{month}"] = self.figure(sum(counts))
                details.append(f"{{m{month}}} oproepen tijdens de avondpermanenties in {MONTHS[month - 1]} "
                               f"waarvan {joined}")
                month_totals.append(sum(counts))
                self.total(("evening_pilot", "month_total", f"{year}-{month:02d}", sum(counts)), nums[f"m{month}"])
            nums["total"] = self.figure(sum(month_totals))
            self.total(("evening_pilot", "pilot_total", "", sum(month_totals)), nums["total"])
            text = (f"{part}De experimentele fase van de avondpermanentie liep van {MONTHS[first - 1]} {year} tot "
                    f"en met {MONTHS[last - 1]} {year}. In deze periode heeft 1712 {{total}} “terechte” oproepen "
                    "ontvangen: " + "; ".join(details) + ". 1712 heeft tijdens deze avondpermanenties ook heel wat "
                    "niet-terechte oproepen ontvangen")
            if layout.telephone_number:
                text += " (bv. oproepen die bestemd waren voor {phone})"
                nums["phone"] = Num("1207", UNREAD, "a telephone number")
            text += (". Waar voor de start van het proefproject werd verondersteld dat er veel oproepen na 17h bij "
                     "1712 zouden terecht komen, blijkt uit het experiment dat het om een zeer beperkte instroom "
                     "gaat. Om die reden werd dan ook in overleg tussen de sector, de administratie en het kabinet "
                     "beslist de telefonische avondpermanentie niet verder te zetten.")
            self.prose(text, **nums)
            self.blank()
            part = ""
        if layout.chat:
            self.prose(f"{part}Begin {year + 1} is 1712 gestart met het aanbieden van een chatmogelijkheid en dit op "
                       "dinsdag, woensdag en donderdag tussen 17h en 19h.")
            self.blank()
            chats = rnd.randint(2, 4000)
            text = "Er zijn momenteel {c} chatgesprekken geregistreerd."
            nums = {"c": self.fact("chatgesprekken", chats)}
            if layout.repeated_count:
                text += (" Er moet zeker nog verder geïnvesteerd worden in het bekend maken van het chataanbod. "
                         "Van de {c2} chatgesprekken ging de helft over partnergeweld.")
                nums["c2"] = self.fact("chatgesprekken", chats)
            if layout.decimal:
                text += " Dat zijn er gemiddeld {d} per chatavond."
                nums["d"] = Num(f"{rnd.randint(1, 9)},{rnd.randint(1, 9)}", UNREAD, "a decimal")
            if layout.percentage:
                text += " Van de chatters is {p} meerderjarig."
                nums["p"] = Num(layout.percentage, UNREAD, "a percentage")
            self.prose(text, **nums)
            self.blank()
        elif part:
            self.prose(f"{part}Er liep in {year} geen avondpermanentie en er was nog geen chat.")
            self.blank()


# --------------------------------------------------------------------------- the text


def spaced(nums: list[Num]) -> list[Segment]:
    out: list[Segment] = []
    for i, num in enumerate(nums):
        out += ([" "] if i else []) + [num]
    return out


def render_text(document: Document) -> GeneratedAnswer:
    """The document as the parliament's PDF reads in a text extraction (source/000_a09852dfb7e0c744.txt)."""
    page = Page()
    rows: list[tuple[tuple[int, ...], Token]] = []
    month_lines: dict[int, int] = {}
    headline_line = 0
    for block in document.blocks:
        if isinstance(block, Line):
            number = page.line(*block.segments)
            if block.role == "headline":
                headline_line = number
        elif isinstance(block, Paragraph):
            page.paragraph(block.words, document.layout.width, block.trailing)
        elif isinstance(block, Gap):
            page.blank(block.lines)
        else:
            text_table(page, block, rows, month_lines)
    text, printed = page.render()
    return GeneratedAnswer(document.layout, text, printed, document.expected, headline_line, month_lines, rows)


def text_table(page: Page, table: Table, rows: list[tuple[tuple[int, ...], Token]],
               month_lines: dict[int, int]) -> None:
    """A table as the text extraction prints it: a row's printed cells in a run after its label, empty cells gone.

    The rows of a table with row totals are recorded (their lines, their first cell) for the tests
    that damage a row.
    """
    for title in table.title:
        page.line(title)
    page.blank(table.title_gap)
    if table.text_header is not None:
        page.line(table.text_header)
    for row in table.rows:
        if row.blank_before:
            page.blank()
        if row.kind == HEADING:
            page.line(row.lead + row.label)
            continue
        label: list[Segment] = [f"{row.label} "] if row.label else []
        figures = spaced(row.figures)
        if row.wrap is not None:
            cut, alone = row.wrap
            label_words = row.label.split(" ")
            first = page.line(" ".join(label_words[:cut]) + " ")
            rest = " ".join(label_words[cut:])
            if alone:
                page.line(rest)
                page.blank()
                number = page.line(*figures)
                page.blank()
                rows.append(((first, number), Token(number, 1, row.figures[0].text)))
            else:
                number = page.line(rest + " ", *figures)
                rows.append(((first, number), Token(number, len(rest) + 2, row.figures[0].text)))
            continue
        number = page.line(*label, *figures)
        if table.row_totals and row.kind == BODY:
            rows.append(((number,), Token(number, len(seg_text(label)) + 1, row.figures[0].text)))
        if table.name == "month" and row.kind == BODY:
            month_lines[row.key] = number


# --------------------------------------------------------------------------- the strategy


@st.composite
def layouts(draw, years: st.SearchStrategy[int] = st.integers(2019, 2040)) -> Layout:
    """Every layout a real answer may take (and the parts that may be missing), drawn."""
    order = draw(st.sampled_from([CANONICAL_ORDER]) | st.permutations(TABLES).map(tuple))
    return Layout(
        year=draw(years),
        number_style=draw(st.sampled_from(("dot", "plain", "space", "mixed"))),
        month_case=draw(st.sampled_from(("capital", "lower", "upper", "mixed"))),
        month_year=draw(st.sampled_from(("always", "never", "mixed"))),
        table_order=order,
        tables_in_part_one=draw(st.integers(1, 3)),
        month_total_label=draw(st.sampled_from(("Som", "TOTAAL"))),
        theme_total_label=draw(st.sampled_from(("TOTAAL", "Som"))),
        theme_count=draw(st.integers(3, len(LABELS.themes))),
        zero_theme=draw(st.booleans()),
        tie=draw(st.booleans()),
        channel_table=draw(st.booleans()),
        wrapped_callers=draw(st.booleans()),
        pilot=draw(st.booleans()),
        telephone_number=draw(st.booleans()),
        campaign=draw(st.booleans()),
        spaced_count=draw(st.booleans()),
        age_range_repeated=draw(st.booleans()),
        chat=draw(st.booleans()),
        repeated_count=draw(st.booleans()),
        decimal=draw(st.booleans()),
        percentage=draw(st.sampled_from(("", "58%", "58 %"))).replace("58", str(draw(st.integers(1, 99)))),
        blank_lines=draw(st.integers(1, 3)),
        width=draw(st.integers(60, 95)),
    )


@st.composite
def answers(draw, years: st.SearchStrategy[int] = st.integers(2019, 2040)) -> GeneratedAnswer:
    """A generated answer: its layout drawn, its figures from a Random that Hypothesis controls (and shrinks)."""
    return generate(draw(layouts(years)), draw(st.randoms(use_true_random=False), label="figures"))


def drawn_answers_profile(name: str, max_examples: int) -> settings:
    """The Hypothesis settings of the tests that draw answers: derandomized (the same examples in every
    run, CI included), no deadline (no test asserts a time). ANSWER_LAYOUTS_SHRINK=0 skips shrinking,
    for a quick look at a failing reader (shrinking a failure against a reader that fails on many
    layouts can take minutes)."""
    settings.register_profile(
        name, max_examples=max_examples, deadline=None, derandomize=True, database=None, print_blob=False,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
        phases=[Phase.explicit, Phase.generate] + ([Phase.shrink] if os.environ.get("ANSWER_LAYOUTS_SHRINK") != "0"
                                                    else []))
    return settings.get_profile(name)
