"""The reader's account of every printed number, and of the lines the tables took."""
from __future__ import annotations

import re
from typing import Iterable

from meldpunt1712.answer.document import Document, Passage, Word, collapse
from meldpunt1712.answer.model import UNREAD, PrintedNumber
from meldpunt1712.answer.numbers import figure_text


class Ledger:
    """What each part has accounted for so far: numbers by their place, and the lines of tables.

    Every part of the reader gets the ledger as an argument and writes to it
    what it took; the narrative, which reads last, reads every number the
    tables did not claim, and `account_for_every_digit` lists whatever no part
    claimed as unread. A number keeps its first claim.
    """

    def __init__(self, document: Document):
        self.document = document
        self.numbers: dict[tuple[int, int], PrintedNumber] = {}
        self.table_lines: set[int] = set()
        for known in document.non_figures:
            self.numbers.setdefault((known.line_number, known.position), known)

    def claim(self, line_number: int, position: int, text: str, disposition: str, reason: str = "",
              sentence: str = "") -> None:
        """Account for the number printed at a line and column (its first claim stands)."""
        key = (line_number, position)
        if key not in self.numbers:
            page, x0, top = self.document.locate(line_number, position)
            self.numbers[key] = PrintedNumber(line_number, position, text, disposition, reason, sentence, page, x0, top)

    def claim_words(self, group: Iterable[Word], disposition: str, reason: str = "") -> None:
        """Account for a figure printed as one or more words."""
        group = list(group)
        if group:
            self.claim(group[0].line_number, group[0].position, figure_text(tuple(group)), disposition, reason)

    def claim_at(self, passage: Passage, offset: int, text: str, disposition: str, reason: str = "",
                 sentence: str = "") -> None:
        """Account for a number found at an offset of a passage."""
        line, column = passage.where[offset]
        self.claim(line, column, text, disposition, reason, sentence)

    def is_claimed(self, line_number: int, position: int) -> bool:
        """Whether a number at this place is accounted for."""
        return (line_number, position) in self.numbers

    def take_lines(self, numbers: Iterable[int]) -> None:
        """Lines a table took: no paragraph reads them."""
        self.table_lines.update(numbers)

    def paragraphs(self, start: int, stop: int) -> list[tuple[int, int]]:
        """(first, last) line of each run of non-blank lines not taken by a table, from start to stop."""
        out, first = [], None
        for number in range(start, stop + 2):
            blank = number > stop or not self.document[number].strip() or number in self.table_lines
            if blank and first is not None:
                out.append((first, number - 1))
                first = None
            elif not blank and first is None:
                first = number
        return out

    def account_for_every_digit(self) -> None:
        """No digit goes unaccounted: whatever no part claimed is listed as unread."""
        covered: dict[int, set[int]] = {}
        for (line, position), printed in self.numbers.items():
            covered.setdefault(line, set()).update(range(position, position + len(printed.text)))
        for number in range(1, len(self.document) + 1):
            for match in re.finditer(r"\d+", self.document[number]):
                if match.start() + 1 not in covered.get(number, ()):
                    self.claim(number, match.start() + 1, match.group(0), UNREAD,
                               "not read by any part of the reader", collapse(self.document[number]))

    def sorted_numbers(self) -> list[PrintedNumber]:
        """Every number accounted for, in the order printed."""
        return sorted(self.numbers.values(), key=lambda n: (n.line_number, n.position))


