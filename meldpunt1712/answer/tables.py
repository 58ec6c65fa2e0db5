"""What the tables share: a row's figures and total, a table's total line, the readings of spaced thousands."""
from __future__ import annotations

from meldpunt1712.answer.context import Context
from meldpunt1712.answer.document import Document, Word
from meldpunt1712.answer.model import FIGURE
from meldpunt1712.answer.numbers import NUMBER_TOKEN, by_column, dutch_int, figure_text, groupings

TOTAL_LABELS = ("som", "totaal", "total", "totaal:", "som:")

Reading = list[tuple[Word, ...]]


def table_end(document: Document, start: int, what: str) -> int:
    """The line of a table's total ('Som N', 'TOTAAL N') after `start`."""
    labels = "|".join(TOTAL_LABELS)
    stop = document.find(rf"^\s*({labels})\s+\d", start=start + 1)
    if stop is None:
        raise document.error(start, f"the {what} has no total line ('Som N' or 'TOTAAL N')")
    return stop


def check_figures(document: Document, words: list[Word], line_number: int) -> None:
    """Every word is a whole number as the answer prints one; the words of one table cell are one figure."""
    for word in words:
        if not NUMBER_TOKEN.match(word.text):
            raise document.error(line_number, f"{word.text!r} is not a whole number as the answer prints one "
                                 "(5.126, 5126 or 5 126)", word.column)
    if words and all(w.column is not None for w in words):
        for group in by_column(words):
            try:
                dutch_int(figure_text(tuple(group)))
            except ValueError:
                raise document.error(line_number, f"{figure_text(tuple(group))!r} stands in one column but is not "
                                     "one figure", group[0].column) from None


def single_figure(document: Document, words: list[Word], line_number: int, what: str) -> tuple[Word, ...]:
    """The one figure a row prints at its end (`5.126`, `5126` or, where spaces group thousands, `5 126`)."""
    readings = [g for g in groupings(words) if len(g) == 1]
    if not words or not readings:
        raise document.error(line_number, f"{what} must end in one figure")
    check_figures(document, words, line_number)
    return readings[0][0]


def one_reading(context: Context, fits: list[Reading]) -> list[Reading]:
    """Of several readings that add up, the one without spaced thousands, in an answer that dots them."""
    apart = [reading for reading in fits if all(len(group) == 1 for group in reading)]
    return apart if len(fits) > 1 and context.dotted and apart else fits


def row_with_total(context: Context, words: list[Word], line_number: int, what: str,
                   cells: int | None = None) -> tuple[Reading, tuple[Word, ...]]:
    """A row's cells and its total: the one reading of its number words where the cells add up."""
    document = context.document
    check_figures(document, words, line_number)
    fits = []
    for reading in groupings(words):
        values = [dutch_int(figure_text(g)) for g in reading]
        if len(values) == 1 or (sum(values[:-1]) == values[-1] and (cells is None or len(values) == cells + 1)):
            fits.append(reading)
    if not fits:
        values = [dutch_int(figure_text(g)) for g in next(groupings(words))] if words[0].column is not None else [
            dutch_int(w.text) for w in words]
        raise document.error(line_number, f"{what}: the figures add up to {sum(values[:-1])}, the printed total "
                             f"is {values[-1]}", words[-1].column)
    fits = one_reading(context, fits)
    if len(fits) > 1:
        raise document.error(line_number, f"{what}: the figures can be read in {len(fits)} ways that all add up "
                             "(thousands written with a space); write them with a thousands dot")
    return fits[0][:-1], fits[0][-1]


def table_total(context: Context, stop: int, parts: list[int], what: str) -> tuple[int, tuple[Word, ...]]:
    """The total on a table's total line, which the parts must add up to; claimed as a figure. Also the words
    it is printed as."""
    document = context.document
    figure = single_figure(document, document.line(stop).words[1:], stop, f"the {what}'s total line")
    total = dutch_int(figure_text(figure))
    if sum(parts) != total:
        raise document.error(stop, f"{what}: the figures add up to {sum(parts)}, the printed total is {total}")
    context.ledger.claim_words(figure, FIGURE)
    return total, figure
