"""Reading a whole answer: the parts in their order, each given what the ones before it found."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from meldpunt1712.answer.age_gender import read_age_gender_table
from meldpunt1712.answer.callers import read_caller_table
from meldpunt1712.answer.context import Context, answer_parts
from meldpunt1712.answer.document import Document, collapse
from meldpunt1712.answer.header import Headline, read_cited_questions, read_document, read_headline
from meldpunt1712.answer.ledger import Ledger
from meldpunt1712.answer.model import NOT_A_FIGURE, UNREAD, PrintedNumber, Row
from meldpunt1712.answer.months import read_month_table
from meldpunt1712.answer.narrative import read_narrative
from meldpunt1712.answer.pilot import read_evening_pilot
from meldpunt1712.answer.reference import Reference
from meldpunt1712.answer.themes import read_theme_table


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


TABLE_WORDS = {"contacts_by_month": "month table", "contacts_by_theme": "theme table",
               "contacts_by_age_gender": "age x gender table", "caller_theme": "caller table"}


def read(document: Document, reference: Reference, source_file: str) -> Answer:
    """Every seed row of the answer and every number it prints; AnswerError naming the place where it cannot."""
    parts = answer_parts(document)
    ledger = Ledger(document)
    for first, _ in parts.parts:
        for part in re.match(r"^\s*(\d+)(?:-(\d+))?\.", document[first]).groups():
            if part:
                ledger.claim(first, document[first].index(part) + 1, part, NOT_A_FIGURE, "part number")
    headline = read_headline(document, ledger, parts.answer_line)
    document_row = read_document(document, parts, headline, source_file)
    context = Context(document, ledger, reference, headline.report_year, document_row["document_id"], parts)
    answer = Answer(headline.report_year, document_row["document_id"], reference=reference)
    answer.add("source_documents", document_row)
    answer.rows["cited_questions"] = read_cited_questions(document, ledger, parts.answer_line, context.document_id)
    headline_total = context.total("headline", headline.line_number, "answer_headline", "year_total", "",
                                   headline.total)
    month_rows, month_totals = read_month_table(context)
    theme_rows, theme_totals = read_theme_table(context)
    age_rows, age_totals = read_age_gender_table(context)
    caller_values, caller_columns, caller_totals = read_caller_table(context, theme_rows)
    check_year_totals(context, headline, month_totals + theme_totals + age_totals + caller_totals)
    pilots, pilot_calls, pilot_totals, pilot_lines = read_evening_pilot(context)
    facts = read_narrative(context, pilot_lines)
    ledger.account_for_every_digit()
    answer.rows.update({
        "contacts_by_month": month_rows, "contacts_by_theme": theme_rows, "contacts_by_age_gender": age_rows,
        "caller_theme_printed_values": caller_values, "caller_theme_columns": caller_columns,
        "evening_pilots": pilots, "evening_pilot_calls": pilot_calls, "service_facts": facts,
        "published_totals": [headline_total, *month_totals, *theme_totals, *age_totals, *caller_totals,
                             *pilot_totals],
    })
    answer.numbers = ledger.sorted_numbers()
    answer.rows["unread_figures"] = [unread_row(context, n) for n in answer.unread]
    return answer


def unread_row(context: Context, number: PrintedNumber) -> Row:
    """An unread_figures row: the number where it is printed (a text's line; a PDF's page and line on that page,
    as the reader lays the page out), why no seed takes it, its sentence."""
    line = context.document.line(number.line_number)
    return {**context.base, "line_number": str(line.line_on_page or number.line_number),
            "line_position": str(number.position), "figure": number.text, "reason": number.reason,
            "sentence": number.sentence or collapse(line.text), **context.page_of(number.line_number)}


def check_year_totals(context: Context, headline: Headline, totals: list[Row]) -> None:
    """Every table, and the headline, give the same year total."""
    year_totals = [(t["table_name"], int(t["published_value"])) for t in totals if t["total_kind"] == "year_total"]
    differing = [(table, value) for table, value in year_totals if value != headline.total]
    if differing:
        listed = ", ".join(f"the {TABLE_WORDS[table]} {value}" for table, value in differing)
        raise context.document.error(headline.line_number, f"the headline gives {headline.total} contacts, but "
                                     f"{listed}: the tables and the headline must give the same year total")
