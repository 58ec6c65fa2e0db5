"""The evening pilot's paragraph: legitimate calls per month and theme, the pilot's evenings and its decision."""
from __future__ import annotations

import calendar
import datetime as dt
import re

from meldpunt1712.answer.context import Context
from meldpunt1712.answer.document import Passage, collapse
from meldpunt1712.answer.model import FIGURE, Row
from meldpunt1712.answer.months import DUTCH_MONTHS
from meldpunt1712.answer.numbers import NUMBER, dutch_int

DUTCH_WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
PILOT_TOTAL = re.compile(rf"({NUMBER}) [“\"]?terechte[”\"]? oproepen")
PILOT_MONTH = re.compile(rf"({NUMBER}) oproepen tijdens de avondpermanenties? in (\w+)(?: waarvan ([^;.]*))?")
PILOT_PERIOD = re.compile(r"liep van (\w+) (\d{4}) tot en met (\w+) (\d{4})")


def read_evening_pilot(context: Context) -> tuple[list[Row], list[Row], list[Row], range]:
    """evening_pilots, evening_pilot_calls and published_totals rows, and the paragraph's lines (none: no pilot)."""
    document, ledger = context.document, context.ledger
    found = None
    for first, last in ledger.paragraphs(context.answer_line + 1, len(document)):
        passage = Passage.of(document, range(first, last + 1))
        if "avondpermanentie" in passage.text and PILOT_TOTAL.search(passage.text):
            found = (first, last, passage)
            break
    if found is None:
        return [], [], [], range(0)
    first, last, passage = found
    text = passage.text
    section = context.section("pilot_calls", first)
    period = PILOT_PERIOD.search(text)
    if not period or period.group(1).lower() not in DUTCH_MONTHS or period.group(3).lower() not in DUTCH_MONTHS:
        raise document.error(first, "the evening pilot's period ('liep van MAAND JJJJ tot en met MAAND JJJJ') "
                             "cannot be read")
    start = dt.date(int(period.group(2)), DUTCH_MONTHS.index(period.group(1).lower()) + 1, 1)
    end_month = DUTCH_MONTHS.index(period.group(3).lower()) + 1
    end = dt.date(int(period.group(4)), end_month, calendar.monthrange(int(period.group(4)), end_month)[1])
    pilot_code = f"evening_phone_{context.report_year}"
    total_match = PILOT_TOTAL.search(text)
    total = dutch_int(total_match.group(1))
    ledger.claim_at(passage, total_match.start(1), total_match.group(1), FIGURE)
    calls, month_totals = [], []
    for match in PILOT_MONTH.finditer(text):
        month_name = match.group(2).lower()
        line = passage.line_of(match.start())
        if month_name not in DUTCH_MONTHS:
            raise document.error(line, f"{match.group(2)!r} is not a Dutch month name")
        month = next((dt.date(y, DUTCH_MONTHS.index(month_name) + 1, 1) for y in range(start.year, end.year + 1)
                      if start <= dt.date(y, DUTCH_MONTHS.index(month_name) + 1, 1) <= end), None)
        if month is None:
            raise document.error(line, f"{match.group(2)} is outside the pilot's period")
        count = dutch_int(match.group(1))
        ledger.claim_at(passage, match.start(1), match.group(1), FIGURE)
        parts = []
        offset = match.start(3) if match.group(3) else match.end()
        for detail in re.split(r"(,\s*|\s+en\s+(?=\S+ rond ))", match.group(3) or ""):
            if not detail or re.fullmatch(r",\s*|\s+en\s+", detail):
                offset += len(detail)
                continue
            part = re.fullmatch(rf"({NUMBER}) rond (.+)", detail.strip())
            if not part:
                raise document.error(line, f"cannot read {detail!r} as 'N rond THEMA'")
            phrase = part.group(2).strip()
            theme = context.reference.code_of("themes", re.sub(r"^(een|de|het) ", "", phrase.lower()))
            if theme is None:
                raise document.error(line, f"{phrase!r} names no theme of themes.csv")
            parts.append(dutch_int(part.group(1)))
            ledger.claim_at(passage, offset + detail.index(part.group(1)), part.group(1), FIGURE)
            offset += len(detail)
            calls.append({**context.base, "source_section": section, "pilot_code": pilot_code,
                          "month_start_date": month.isoformat(), "theme_phrase_nl": phrase,
                          "theme_code": theme, "legitimate_calls": str(parts[-1]), **context.page_of(line)})
        if sum(parts) != count:
            raise document.error(line, f"evening pilot, {match.group(2)}: the figures add up to {sum(parts)}, the "
                                 f"printed total is {count}")
        month_totals.append(context.total("pilot_calls", first, "evening_pilot", "month_total",
                                          month.strftime("%Y-%m"), count, printed=(line, None)))
    months_sum = sum(int(t["published_value"]) for t in month_totals)
    if months_sum != total:
        raise document.error(first, f"evening pilot months: the figures add up to {months_sum}, the printed total "
                             f"is {total}")
    month_totals.append(context.total("pilot_calls", first, "evening_pilot", "pilot_total", "", total))
    return [pilot_row(context, pilot_code, start, end, text, first)], calls, month_totals, range(first, last + 1)


def pilot_row(context: Context, pilot_code: str, start: dt.date, end: dt.date, text: str, first: int) -> Row:
    """The evening_pilots row: period, weekday and hours (from anywhere in the document), the decision."""
    document = context.document
    whole = collapse(document.text(1, len(document)))
    hours = re.search(r"avond \((\w+)\)[^.]*?tussen (\d{1,2}) en (\d{1,2}) uur", whole)
    if not hours or hours.group(1).lower() not in DUTCH_WEEKDAYS:
        raise document.error(first, "the evening pilot's weekday and hours ('avond (DAG) ... tussen H en H uur') "
                             "are not in the text")
    decision = re.search(r"beslist (?:om )?([^.]*?)\.", text)
    decided_by = re.search(r"(in overleg (?:tussen|met) [^.]*?) beslist", text)
    if not decision:
        raise document.error(first, "the evening pilot's decision ('beslist ...') is not in the text")
    announced = re.search(r"geen (?:actieve )?(?:communicatie|bekendmaking)", whole)
    return {"pilot_code": pilot_code, **context.base, "source_section": context.section("pilot", first),
            "period_start_date": start.isoformat(), "period_end_date": end.isoformat(),
            "weekday_label_nl": hours.group(1).lower(),
            "iso_weekday": str(DUTCH_WEEKDAYS.index(hours.group(1).lower()) + 1),
            "start_time": f"{int(hours.group(2)):02d}:00", "end_time": f"{int(hours.group(3)):02d}:00",
            "was_announced": "false" if announced else "",
            "decision_label_nl": decision.group(1).strip(),
            "is_continued": "false" if re.search(r"\bniet\b", decision.group(1)) else "true",
            "decided_by_nl": decided_by.group(1) if decided_by else "", **context.page_of(first)}
