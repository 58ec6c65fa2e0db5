"""The answer as the parts read it: lines of words, each word at its place.

A front end (`frontends.text` for a text, `frontends.pdf` for a PDF) turns a
document into `Document`: numbered lines, each with its words and the place of
each word in the line. A PDF's front end also says on which page a line
stands, where each word stands on that page, and, for a line that is a row of
a table, the column each word stands in: the parts read a table's cells by
their column where the document keeps it, and by their order where it does
not (a text extraction).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable

from meldpunt1712.answer.model import AnswerError, PrintedNumber

TEXT, PDF = "text", "pdf"
# What a line of a PDF is: running text, a table's header row, or a table's body row.
PROSE, TABLE_HEADER, TABLE_ROW = "prose", "table header", "table row"


@dataclass(frozen=True)
class Word:
    """A run of non-blank characters of a line, where it stands.

    column is the table column a word of a PDF table stands in (0 the label
    column, 1, 2, ... the columns after it as printed); None where the layout
    says nothing of columns (a text, or running text of a PDF).
    """

    line_number: int
    position: int          # 1-based column of its first character in the line's text
    text: str
    page: int | None = None
    x0: float | None = None
    top: float | None = None
    column: int | None = None
    char_x0: tuple[float, ...] = ()     # a PDF word's characters, where each starts


@dataclass
class Line:
    """One line: its text, its words, and for a PDF its page and what it is."""

    text: str
    words: list[Word] = field(default_factory=list)
    page: int | None = None
    line_on_page: int | None = None
    kind: str = PROSE
    table: int | None = None       # which table of the PDF it belongs to (a table broken over pages is one)
    row: int | None = None         # a body row's number in its table as printed (1-based, header rows not counted)


class Document:
    """The lines of an answer, 1-based, and the numbers its front end already knows are not figures."""

    def __init__(self, lines: list[Line], kind: str, non_figures: Iterable[PrintedNumber] = (),
                 page_count: int | None = None):
        self.lines = lines
        self.kind = kind
        self.non_figures = list(non_figures)
        self.page_count = page_count

    def __len__(self) -> int:
        return len(self.lines)

    def __getitem__(self, number: int) -> str:
        return self.lines[number - 1].text

    def line(self, number: int) -> Line:
        """The line itself, with its words and place."""
        return self.lines[number - 1]

    def words(self, numbers: Iterable[int]) -> list[Word]:
        """The words of some lines, in order."""
        return [word for number in numbers for word in self.lines[number - 1].words]

    def find(self, pattern: str, start: int = 1, stop: int | None = None, flags: int = re.IGNORECASE) -> int | None:
        """The first line from start to stop whose text matches the pattern."""
        regex = re.compile(pattern, flags)
        for number in range(start, (stop or len(self)) + 1):
            if regex.search(self[number]):
                return number
        return None

    def text(self, start: int, stop: int) -> str:
        """Lines start to stop as text."""
        return "\n".join(line.text for line in self.lines[start - 1:stop])

    def where(self, number: int, column: int | None = None) -> str:
        """How a message names a line: 'line 57' in a text, 'page 3, row 5, column 7' in a PDF's table."""
        line = self.lines[number - 1]
        if line.page is None:
            return f"line {number}"
        if line.row is not None:
            return f"page {line.page}, row {line.row}" + (f", column {column + 1}" if column is not None else "")
        return f"page {line.page}, line {line.line_on_page}"

    def error(self, number: int | None, message: str, column: int | None = None) -> AnswerError:
        """An AnswerError naming the line (and in a PDF's table the row and column) it is about."""
        if not number:
            return AnswerError(None, "", message)
        return AnswerError(number, self[number], message, where=self.where(number, column))

    def locate(self, number: int, position: int) -> tuple[int | None, float | None, float | None]:
        """The page, x0 and top of the word that holds a character of a line (None, None, None in a text)."""
        line = self.lines[number - 1]
        if line.page is None:
            return None, None, None
        holding = [w for w in line.words if w.position <= position]
        word = holding[-1] if holding else (line.words[0] if line.words else None)
        if word is None:
            return line.page, None, None
        offset = position - word.position
        x0 = word.char_x0[offset] if 0 <= offset < len(word.char_x0) else word.x0
        return line.page, round(x0, 1), word.top


def words_of_text(line_number: int, text: str) -> list[Word]:
    """The words of a line of plain text."""
    return [Word(line_number, m.start() + 1, m.group(0)) for m in re.finditer(r"\S+", text)]


@dataclass
class Passage:
    """Collapsed text of some lines, each character traced back to its line and column."""

    text: str
    where: list[tuple[int, int]]

    @classmethod
    def of(cls, document: Document, numbers: Iterable[int]) -> "Passage":
        """The lines' text with every run of blanks (line ends included) as one space."""
        chars: list[str] = []
        where: list[tuple[int, int]] = []
        for number in numbers:
            for column, char in enumerate(document[number], start=1):
                if char.isspace():
                    if chars and chars[-1] != " ":
                        chars.append(" ")
                        where.append((number, column))
                else:
                    chars.append(char)
                    where.append((number, column))
            if chars and chars[-1] != " ":
                chars.append(" ")
                where.append((number, len(document[number]) + 1))
        while chars and chars[-1] == " ":
            chars.pop()
            where.pop()
        return cls("".join(chars), where)

    def line_of(self, offset: int) -> int:
        """The line a character of the passage stands on."""
        return self.where[min(offset, len(self.where) - 1)][0]


def collapse(text: str) -> str:
    """Every run of blanks as one space, no blanks at the ends."""
    return " ".join(text.split())
