"""Every other number of the answer: a count with its noun (service_facts), a non-figure with its reason, or
unread with its reason (a decimal, a percentage, a count with no noun, a row of a table the reader does not
know)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from meldpunt1712.answer.context import Context
from meldpunt1712.answer.document import TABLE_HEADER, TABLE_ROW, Passage, collapse
from meldpunt1712.answer.model import FIGURE, NOT_A_FIGURE, UNREAD, Row
from meldpunt1712.answer.months import DUTCH_MONTHS
from meldpunt1712.answer.numbers import dutch_int
from meldpunt1712.answer.prose import sentences
from meldpunt1712.answer.reference import slug

HELPLINE_NUMBER = "1712"
# "een" is also the article, so only from two upwards.
NUMBER_WORDS = {"twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8,
                "negen": 9, "tien": 10, "elf": 11, "twaalf": 12}
# A number followed by one of these words is not a count of something.
NOT_A_UNIT = {"en", "of", "tot", "tussen", "uur", "jaar", "op", "in", "van", "per", "à", "a", "t.e.m."}
# Narrative topics, by the words of the paragraph a figure stands in (first match wins).
TOPIC_WORDS = (("chat", ("chat",)), ("campaign", ("campagne", "folder", "affiche", "spot")),
               ("volunteers", ("vrijwillig",)))
# Words before a four-digit number that make it a year rather than a count ("in 2019", "maart 2019").
YEAR_CONTEXT = {"in", "sinds", "van", "vanaf", "tot", "voor", "na", "begin", "eind", "einde", "midden", "voorjaar",
                "najaar", "zomer", "winter", "jaar", "met", "en", "of", "tussen", "het", "t.e.m.", "oproepen",
                "", *DUTCH_MONTHS}
NARRATIVE_NUMBER = re.compile(
    r"(?<![\w.,])(?P<number>\d{1,3}(?:\.\d{3})+|\d{1,3}(?: \d{3})+(?![\d])|\d+)(?P<decimal>,\d+)?(?P<percent>\s?%)?")
WORD_NUMBER = re.compile(rf"(?<![\w-])({'|'.join(NUMBER_WORDS)})(?![\w-])", re.IGNORECASE)
LABEL_AND_FIGURES = re.compile(r"^\s*[^\d\s.!?;,][^.!?;]{0,60}?(\s+[\d.]+)+\s*$")


@dataclass
class Token:
    """A number of a sentence and what it is: a count (value and unit), a non-figure (reason), or unread."""

    text: str
    start: int
    start_digit: bool
    value: int = 0
    unit: str = ""
    reason: str = ""            # why it is not a figure
    unread_reason: str = ""     # why no seed takes it


def read_narrative(context: Context, pilot_lines: range) -> list[Row]:
    """service_facts rows: every count the paragraphs print with its noun; every other number claimed with why."""
    document, ledger = context.document, context.ledger
    facts: list[Row] = []
    codes: dict[str, int] = {}
    pilot = set(pilot_lines)
    for first, last in ledger.paragraphs(1, len(document)):
        table_lines = unknown_table_lines(context, first, last)
        for number in table_lines:
            for token in NARRATIVE_NUMBER.finditer(document[number]):
                if not ledger.is_claimed(number, token.start() + 1):
                    ledger.claim(number, token.start() + 1, token.group(0).rstrip(), UNREAD,
                                 "a row of a table the reader does not know", collapse(document[number]))
        lines = [n for n in range(first, last + 1) if n not in table_lines]
        if not lines:
            continue
        passage = Passage.of(document, lines)
        in_question = last < context.answer_line
        lowered = passage.text.lower()
        topic = next((name for name, words in TOPIC_WORDS if any(w in lowered for w in words)), "other")
        for sentence, offset in sentences(passage.text):
            for token in classify(sentence, context.report_year, paragraph_start=offset == 0):
                line, column = passage.where[offset + token.start]
                if token.start_digit and ledger.is_claimed(line, column):
                    continue
                if token.reason:
                    if token.start_digit:
                        ledger.claim(line, column, token.text, NOT_A_FIGURE, token.reason, sentence)
                    continue
                unread_reason = ("in the question, not the answer" if in_question else
                                 "in the evening pilot's paragraph, no row takes it" if first in pilot else
                                 token.unread_reason)
                if unread_reason:
                    if token.start_digit:
                        ledger.claim(line, column, token.text, UNREAD, unread_reason, sentence)
                    continue
                code = f"{topic}_{slug(token.unit)}"
                codes[code] = codes.get(code, 0) + 1
                if token.start_digit:
                    ledger.claim(line, column, token.text, FIGURE, "", sentence)
                facts.append({"fact_code": code if codes[code] == 1 else f"{code}_{codes[code]}",
                              **context.base, "source_section": context.section("narrative", first), "topic": topic,
                              "value_integer": str(token.value), "unit": token.unit, "source_quote": sentence,
                              **context.page_of(line)})
    return facts


def unknown_table_lines(context: Context, first: int, last: int) -> set[int]:
    """Rows of a table the reader does not know: lines the layout shows are a table's (a PDF's), and runs of
    two or more 'Label N' lines in a paragraph (a text's)."""
    document = context.document
    found = {n for n in range(first, last + 1) if document.line(n).kind in (TABLE_ROW, TABLE_HEADER)}
    run: list[int] = []
    for number in range(first, last + 2):
        if number <= last and LABEL_AND_FIGURES.match(context.document[number]):
            run.append(number)
            continue
        if len(run) >= 2:
            found.update(run)
        run = []
    return found


def previous_word(before: str) -> str:
    """The word before a number, lower case, without opening punctuation."""
    words = before.split()
    return words[-1].lower().strip("(,;:") if words else ""


def classify(sentence: str, report_year: int, paragraph_start: bool = False) -> list[Token]:
    """Every number of a sentence: a count with its noun, a non-figure with its reason, or unread with its reason."""
    out: list[Token] = []
    for match in NARRATIVE_NUMBER.finditer(sentence):
        text = match.group(0).rstrip()
        number = match.group("number")
        before = sentence[:match.start()]
        after = sentence[match.end():]
        token = Token(text, match.start(), True)
        word = re.match(r"\s+[“\"‘]?([^\W\d][\w-]*)", after)
        unit = word.group(1).lower() if word else None
        glued = re.match(r"[\w-]", after)
        if match.group("decimal") or match.group("percent"):
            token.unread_reason = "a percentage" if match.group("percent") else "a decimal"
        elif re.match(r"h\b|u\b", after) or re.match(r"\s*(en|tot)\s+\d{1,2}\s*(uur|u\b|h\b)", after) or re.match(
                r"\s*uur\b", after) and int(number.replace(".", "").replace(" ", "")) <= 24:
            token.reason = "time of day"
        elif number == HELPLINE_NUMBER:
            token.reason = "the helpline's number"
        elif re.fullmatch(r"\d{4}", number) and abs(int(number) - report_year) <= 50 and (
                unit is None or previous_word(before) in YEAR_CONTEXT):
            token.reason = "year"       # "in 2019", "voorjaar 2019", "Oproepen 2019" (a count has its noun)
        elif re.search(r"nr\.\s*$", before):
            token.reason = "question number"
        elif unit in DUTCH_MONTHS:
            token.reason = "date"
        elif match.start() == 0 and paragraph_start and re.match(r"(-\d+)?\.\s|-\d+\.", after + " "):
            token.reason = "part number"
        elif re.search(r"\d+-$", before) and paragraph_start and before.strip()[:-1].isdigit():
            token.reason = "part number"
        elif glued and not re.match(r"-[a-z]", after):
            token.unread_reason = "part of a word"
        elif unit is None or unit in NOT_A_UNIT or unit in NUMBER_WORDS or glued:
            token.unread_reason = "no noun follows: not a count"
        else:
            token.value, token.unit = dutch_int(number), unit
        out.append(token)
    for match in WORD_NUMBER.finditer(sentence):
        word = re.match(r"\s+[“\"‘]?([^\W\d][\w-]*)", sentence[match.end():])
        unit = word.group(1).lower() if word else None
        if unit and unit not in NOT_A_UNIT and unit not in NUMBER_WORDS and unit not in DUTCH_MONTHS:
            out.append(Token(match.group(1), match.start(), False, NUMBER_WORDS[match.group(1).lower()], unit))
    return sorted(out, key=lambda t: t.start)
