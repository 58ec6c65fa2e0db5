"""The month table: contacts per month of the report year, and their sum."""
from __future__ import annotations

import re

from meldpunt1712.answer.context import Context
from meldpunt1712.answer.model import FIGURE, NOT_A_FIGURE, Row
from meldpunt1712.answer.numbers import dutch_int, figure_text
from meldpunt1712.answer.tables import single_figure, table_end, table_total

DUTCH_MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli",
                "augustus", "september", "oktober", "november", "december")
MONTH_ROW = re.compile(rf"^\s*({'|'.join(DUTCH_MONTHS)})(\s+[\d.,]+)+\s*$", re.IGNORECASE)


def read_month_table(context: Context) -> tuple[list[Row], list[Row]]:
    """contacts_by_month rows (January to December) and the table's year total: rows 'Maand [JJJJ] N', 'Som N'."""
    document, ledger, year = context.document, context.ledger, context.report_year
    start = next((n for n in range(context.answer_line, len(document) + 1) if MONTH_ROW.match(document[n])), None)
    if start is None:
        raise document.error(None, "no month table (rows 'Januari JJJJ N' or 'Januari N')")
    stop = table_end(document, start, "month table")
    heading = start - 1 if start > 1 and re.match(r"^\s*maand\b", document[start - 1], re.IGNORECASE) else start
    ledger.take_lines(range(heading, stop + 1))
    section = context.section("month", start)
    out, seen = [], {}
    for number in range(start, stop):
        if not document[number].strip():
            continue
        words = document.line(number).words
        month = words[0].text.lower()
        if month not in DUTCH_MONTHS:
            raise document.error(number, "a month row must read 'Maand JJJJ N' or 'Maand N'")
        figures = words[1:]
        if len(figures) >= 2 and re.fullmatch(r"\d{4}", figures[0].text):      # the month's year
            if int(figures[0].text) != year:
                raise document.error(number, f"the month is not in the report year {year}")
            ledger.claim_words(figures[:1], NOT_A_FIGURE, "year")
            figures = figures[1:]
        figure = single_figure(document, figures, number, "a month row")
        if month in seen:
            raise document.error(number, f"{words[0].text} is printed twice (first on {document.where(seen[month])})")
        seen[month] = number
        ledger.claim_words(figure, FIGURE)
        out.append({**context.base, "source_section": section, "month_label_nl": f"{month.capitalize()} {year}",
                    "contacts": str(dutch_int(figure_text(figure))), **context.place(number, figure[0].column)})
    if len(out) != 12:
        missing = [m for m in DUTCH_MONTHS if m not in seen]
        raise document.error(start, f"the month table has {len(out)} months; missing: " + ", ".join(missing))
    out.sort(key=lambda r: DUTCH_MONTHS.index(r["month_label_nl"].split()[0].lower()))
    total, printed = table_total(context, stop, [int(r["contacts"]) for r in out], "month table")
    return out, [context.total("month", start, "contacts_by_month", "year_total", "", total,
                               printed=(stop, printed[0].column))]
