"""How an answer prints whole numbers: 5.126, 5126 or 5 126, and the readings of a run of number words."""
from __future__ import annotations

import re
from typing import Iterator

from meldpunt1712.answer.document import Word

NUMBER = r"\d{1,3}(?:\.\d{3})+|\d+"
NUMBER_TOKEN = re.compile(rf"^(?:{NUMBER})$")
DOTTED_THOUSANDS = re.compile(r"(?<![\d.,])\d{1,3}(?:\.\d{3})+(?![\d,]|\.\d)")


def dutch_int(token: str) -> int:
    """'5.126', '5126' or '5 126' -> 5126; anything else raises ValueError."""
    token = token.strip()
    if not re.fullmatch(rf"{NUMBER}|\d{{1,3}}(?: \d{{3}})+", token):
        raise ValueError(f"{token!r} is not a whole number")
    return int(token.replace(".", "").replace(" ", ""))


def groupings(words: list[Word]) -> Iterator[list[tuple[Word, ...]]]:
    """Every way to read a run of number words as figures: `1 329` is 1329 or 1 and 329.

    A figure written with spaces is a word of one to three digits, not starting
    with 0, followed by words of exactly three digits. Words that stand in a
    table column (a PDF) are grouped by their column and read one way only.
    """
    if words and all(w.column is not None for w in words):
        yield [tuple(group) for group in by_column(words)]
        return
    if not words:
        yield []
        return
    first = words[0]
    limit = 1
    if re.fullmatch(r"[1-9]\d{0,2}", first.text):
        while limit < len(words) and re.fullmatch(r"\d{3}", words[limit].text):
            limit += 1
    for size in range(1, limit + 1):
        for rest in groupings(words[size:]):
            yield [tuple(words[:size]), *rest]


def by_column(words: list[Word]) -> list[list[Word]]:
    """Consecutive words of the same table column, as one figure each."""
    groups: list[list[Word]] = []
    for word in words:
        if groups and groups[-1][-1].column == word.column:
            groups[-1].append(word)
        else:
            groups.append([word])
    return groups


def figure_text(group: tuple[Word, ...]) -> str:
    """A figure as printed, its words joined by a space."""
    return " ".join(w.text for w in group)


def figure_value(group: tuple[Word, ...]) -> int:
    """A figure's value."""
    return dutch_int(figure_text(group))


def trailing_numbers(words: list[Word]) -> tuple[list[Word], list[Word]]:
    """A row's label words and the number words at its end (a PDF's table row: by column)."""
    if words and all(w.column is not None for w in words):
        return [w for w in words if w.column == 0], [w for w in words if w.column != 0]
    cut = len(words)
    while cut and re.fullmatch(r"[\d.,]*\d[\d.,]*", words[cut - 1].text):
        cut -= 1
    return words[:cut], words[cut:]
