"""What reading an answer deals in: seed rows, every printed number with its disposition, or an error."""
from __future__ import annotations

from dataclasses import dataclass

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
