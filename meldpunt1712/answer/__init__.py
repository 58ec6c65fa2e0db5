"""Read a minister's answer on the 1712 figures into seed rows: the one owner of the answer's format.

The Flemish Parliament publishes these answers as PDF. A front end turns the
document into lines of words at their places (`frontends.text` for a text
extraction, `frontends.pdf` for the PDF itself, which keeps every table cell in
its column); one module per part of the answer reads its section into rows
(`header`: the question and the headline; `months`, `themes`, `age_gender`,
`callers`: the tables; `pilot`: the evening pilot; `narrative`: every other
count), and `read.read` runs them in order, each given what the ones before it
found. Nothing here knows a year's figures: every figure comes from the
document, every label is matched against the reference seeds and their aliases
(`reference`).

Every number printed is accounted for in `Answer.numbers`: taken by a seed row
('figure'), a known non-figure (a date, a year, a question or part number, a
time of day, the helpline's own number 1712, a row label, a caller-type code,
a page number or running header) or 'unread' (a decimal, a percentage, a count
with no noun, a row of a table the reader does not know), which becomes a row
of the unread_figures seed.

Tolerant where layout varies (tables in any order, blank lines, labels wrapped
over lines, heading and month-name case, month rows with or without the year,
thousands written 5.431, 5431 or 5 431), strict where figures are concerned: a
table that does not add up to its printed total, tables that disagree with each
other or with the headline, a label that is not known, or a line that cannot be
read raises `AnswerError` naming the line (in a PDF: the page, row and column).
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from meldpunt1712.answer.document import Document
from meldpunt1712.answer.frontends.pdf import pdf_document
from meldpunt1712.answer.frontends.text import text_document
from meldpunt1712.answer.model import FIGURE, NOT_A_FIGURE, UNREAD, AnswerError, PrintedNumber, Row
from meldpunt1712.answer.months import DUTCH_MONTHS
from meldpunt1712.answer.read import Answer, read
from meldpunt1712.answer.reference import REFERENCE_SEEDS, Reference

__all__ = ["FIGURE", "NOT_A_FIGURE", "UNREAD", "DUTCH_MONTHS", "REFERENCE_SEEDS", "PDF_SUFFIX", "TEXT_SUFFIX",
           "SOURCE_SUFFIXES", "Answer", "AnswerError", "PrintedNumber", "Reference", "Row", "document_of", "is_pdf",
           "read_answer", "source_file_name"]

TEXT_SUFFIX, PDF_SUFFIX = ".txt", ".pdf"
SOURCE_SUFFIXES = (TEXT_SUFFIX, PDF_SUFFIX)


def is_pdf(data: bytes) -> bool:
    """A PDF starts with '%PDF-' (within its first kilobyte, the standard allows some bytes before it)."""
    return b"%PDF-" in data[:1024]


def document_of(data: bytes | str, name: str = "the answer") -> Document:
    """A document's lines from its bytes: a text (UTF-8) or a PDF; AnswerError when it is neither."""
    if isinstance(data, str):
        return text_document(data)
    if is_pdf(data):
        return pdf_document(data, name)
    try:
        return text_document(data.decode("utf-8"))
    except UnicodeDecodeError as error:
        if str(name).lower().endswith(PDF_SUFFIX):
            raise AnswerError(None, "", f"{name} is not a readable PDF: it does not start as a PDF does "
                              "('%PDF-')") from None
        raise AnswerError(None, "", f"{name} is neither a PDF nor UTF-8 text: {error}") from None


def read_answer(data: bytes | str, reference: Reference, source_file: str) -> Answer:
    """Every seed row of an answer (its text or its PDF's bytes) and every number it prints."""
    return read(document_of(data, source_file), reference, source_file)


def source_file_name(data: bytes, existing: list[Path], suffix: str = ".txt") -> str:
    """The name a document gets in source/: a running number and its hash, or the name it already has."""
    digest = hashlib.sha256(data).hexdigest()[:16]
    for path in existing:
        if path.read_bytes() == data:
            return path.name
    numbers = [int(p.name[:3]) for p in existing if p.name[:3].isdigit()]
    return f"{(max(numbers) + 1) if numbers else 0:03d}_{digest}{suffix}"
