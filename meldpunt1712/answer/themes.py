"""The theme table: contacts per theme in the printed order, and their total."""
from __future__ import annotations

from meldpunt1712.answer.context import Context
from meldpunt1712.answer.model import FIGURE, Row
from meldpunt1712.answer.numbers import dutch_int, figure_text, trailing_numbers
from meldpunt1712.answer.tables import single_figure, table_end, table_total


def read_theme_table(context: Context) -> tuple[list[Row], list[Row]]:
    """contacts_by_theme rows in the printed order and the table's year total: 'THEMA TOTAAL', rows, 'TOTAAL N'."""
    document, ledger, reference = context.document, context.ledger, context.reference
    start = document.find(r"^\s*thema(\s+(totaal|aantal)\b[^\d]*)?\s*$", start=context.answer_line)
    if start is None:
        raise document.error(None, "no theme table (a heading line 'THEMA TOTAAL')")
    stop = table_end(document, start, "theme table")
    ledger.take_lines(range(start, stop + 1))
    section = context.section("theme", start)
    out: list[Row] = []
    printed_lines: dict[str, int] = {}      # code -> the line that printed it
    previous = None
    for number in range(start + 1, stop):
        if not document[number].strip():
            continue
        label_words, figures = trailing_numbers(document.line(number).words)
        figure = single_figure(document, figures, number, "a theme row ('Thema N')")
        label = " ".join(w.text for w in label_words)
        code = reference.resolve("themes", label, number, document[number], after=previous,
                                 extra={"theme_label_en": "", "source_document_id": context.document_id,
                                        "source_section": section}, where=document.where(number))
        if code in printed_lines:
            raise document.error(number, f"theme {label!r} is printed twice (first on "
                                 f"{document.where(printed_lines[code])})")
        printed_lines[code] = number
        previous = code
        ledger.claim_words(figure, FIGURE)
        out.append({**context.base, "source_section": section, "printed_position": str(len(out) + 1),
                    "theme_label_nl": reference.spelled("themes", label),
                    "contacts": str(dutch_int(figure_text(figure))), **context.place(number, figure[0].column)})
    total, printed = table_total(context, stop, [int(r["contacts"]) for r in out], "theme table")
    return out, [context.total("theme", start, "contacts_by_theme", "year_total", "", total,
                               printed=(stop, printed[0].column))]
