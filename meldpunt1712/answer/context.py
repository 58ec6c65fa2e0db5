"""What every part of the reader is given: the document, the ledger, the labels, and the answer's year and parts."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from meldpunt1712.answer.document import Document
from meldpunt1712.answer.ledger import Ledger
from meldpunt1712.answer.model import AnswerError, Row
from meldpunt1712.answer.numbers import DOTTED_THOUSANDS
from meldpunt1712.answer.reference import Reference

SECTION_NAMES = {
    "headline": "antwoord {n} - eerste zin",
    "month": "antwoord {n} - tabel per maand",
    "theme": "antwoord {n} - tabel per thema",
    "age_gender": "antwoord {n} - tabel leeftijd x geslacht",
    "caller": "antwoord {n} - tabel Wie belt/e-mailt waarover?",
    "caller_columns": "antwoord {n} - kolomtotalen Wie belt/e-mailt waarover?",
    "pilot_calls": "antwoord {n} - avondpermanentie",
    "pilot": "antwoord {n} - avondpermanentie en vraag (inleiding)",
    "narrative": "antwoord {n}",
}


@dataclass(frozen=True)
class AnswerParts:
    """Where the answer starts ('ANTWOORD') and its numbered parts ('1.', '2.', '4-5.') with their first line."""

    answer_line: int
    parts: tuple[tuple[int, str], ...]

    def number_at(self, line_number: int) -> str:
        """The number of the part a line belongs to."""
        current = self.parts[0][1]
        for first, number in self.parts:
            if first <= line_number:
                current = number
        return current


def answer_parts(document: Document) -> AnswerParts:
    """The 'ANTWOORD' line and the numbered parts after it; AnswerError when either is missing."""
    answer_line = document.find(r"^\s*ANTWOORD\s*$", flags=0)
    if answer_line is None:
        raise AnswerError(None, "", "no line 'ANTWOORD': this is not an answer to a written question")
    parts = []
    for number in range(answer_line + 1, len(document) + 1):
        match = re.match(r"^\s*(\d+(?:-\d+)?)\.\s", document[number])
        if match:
            parts.append((number, match.group(1)))
    if not parts:
        raise document.error(answer_line, "the answer has no numbered parts ('1. ...')")
    return AnswerParts(answer_line, tuple(parts))


@dataclass
class Context:
    """The document being read, the ledger of its numbers, the labels, the report year and the answer's parts."""

    document: Document
    ledger: Ledger
    reference: Reference
    report_year: int
    document_id: str
    parts: AnswerParts

    @property
    def answer_line(self) -> int:
        """The line 'ANTWOORD'."""
        return self.parts.answer_line

    @property
    def base(self) -> Row:
        """The columns every yearly seed row starts with."""
        return {"report_year": str(self.report_year), "document_id": self.document_id}

    @cached_property
    def dotted(self) -> bool:
        """An answer that writes dotted thousands writes no spaced ones in its tables: where a row's figures
        can be read both ways, it means them apart."""
        document = self.document
        return any(DOTTED_THOUSANDS.search(document[n]) for n in range(self.answer_line, len(document) + 1))

    def section(self, kind: str, line_number: int) -> str:
        """The source_section of a row of some kind read at a line."""
        return SECTION_NAMES[kind].format(n=self.parts.number_at(line_number))

    def total(self, kind: str, line_number: int, table: str, total_kind: str, key: str, value: int,
              printed: tuple[int, int | None] | None = None) -> Row:
        """A published_totals row; `printed` is the line (and table column) the total is printed at."""
        at_line, column = printed or (line_number, None)
        return {**self.base, "source_section": self.section(kind, line_number), "table_name": table,
                "total_kind": total_kind, "total_key": key, "published_value": str(value),
                **self.place(at_line, column)}

    def page_of(self, line_number: int) -> Row:
        """The page a row is printed on (a PDF's): its source_page; empty in a text."""
        page = self.document.line(line_number).page
        return {"source_page": str(page) if page else ""}

    def place(self, line_number: int, column: int | None = None) -> Row:
        """Where a table's figure is printed in a PDF: its page, and its row and column in the table as printed
        (1-based, the label column first); empty in a text, which keeps neither."""
        line = self.document.line(line_number)
        in_table = line.row is not None and column is not None
        return {**self.page_of(line_number), "printed_row": str(line.row) if in_table else "",
                "printed_column": str(column + 1) if in_table else ""}
