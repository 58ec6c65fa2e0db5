"""A text answer (the text extraction of an answer's PDF) as lines of words."""
from __future__ import annotations

from meldpunt1712.answer.document import TEXT, Document, Line, words_of_text


def text_document(text: str) -> Document:
    """The text's lines (any line ending), each with its words at their columns."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return Document([Line(line, words_of_text(number, line)) for number, line in enumerate(lines, start=1)], TEXT)
