"""What reading an answer gives: seed rows per seed, every printed number with its disposition, or an error."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from meldpunt1712.answer.reference import Reference

Row = dict[str, str]

# The dispositions of a printed number.
FIGURE, NOT_A_FIGURE, UNREAD = "figure", "not a figure", "unread"


class AnswerError(ValueError):
    """The answer cannot be read into seed rows; names the place (line, or page) and what is wrong."""

    def __init__(self, line_number: int | None, line: str, message: str, where: str | None = None):
        if where is None:
            where = f"line {line_number}" if line_number else ""
        super().__init__(f"{where}: {line.strip()!r}: {message}" if where else message)
        self.line_number = line_number


@dataclass
class PrintedNumber:
    """One number as printed (`5.126`, `14 500`, `2,6`, `58%`) and what the reader did with it.

    line_number and position place it in the document's lines (a text's own lines; a PDF's lines
    as the PDF front end lays them out). A PDF also gives its page and where on the page it
    stands (x0 and top in points from the page's top left corner, as pdfplumber measures).
    """

    line_number: int
    position: int          # 1-based column of its first character in the line
    text: str
    disposition: str       # FIGURE, NOT_A_FIGURE or UNREAD
    reason: str = ""
    sentence: str = ""
    page: int | None = None
    x0: float | None = None
    top: float | None = None


@dataclass
class Answer:
    """Every seed row the answer gives, per seed name, for its report year, and every number printed."""

    report_year: int
    document_id: str
    rows: dict[str, list[Row]] = field(default_factory=dict)
    numbers: list[PrintedNumber] = field(default_factory=list)
    reference: Reference | None = None

    def add(self, seed: str, row: Row) -> None:
        """Append a row to a seed's rows."""
        self.rows.setdefault(seed, []).append(row)

    @property
    def unread(self) -> list[PrintedNumber]:
        """The numbers no seed takes and that are no known non-figure."""
        return [n for n in self.numbers if n.disposition == UNREAD]
