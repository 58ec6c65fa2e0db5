"""Read a minister's answer on the 1712 figures into seed rows: the one owner of the answer's format.

The Flemish Parliament publishes these answers as PDF; their text keeps the
tables' rows but loses empty cells, wraps long labels and writes 5.126 (or
5126, or 5 126) for five thousand one hundred and twenty-six. This module is
the only code that knows how an answer is printed: month names, number
formats, headings, table shapes, the evening pilot's sentences. It knows no
year's figures: every figure comes from the text, every label is matched
against the reference seeds (themes, genders, age groups, caller types) and
their aliases.

Every number printed in the text is accounted for in `Answer.numbers`: taken
by a seed row ('figure'), a known non-figure (a date, a year, a question or
part number, a time of day, the helpline's own number 1712, a row label or a
caller-type code) or 'unread' (a decimal, a percentage, a count with no noun,
a row of a table the reader does not know). Unread numbers become rows of the
unread_figures seed, so nothing printed is lost silently.

Tolerant where layout varies (tables in any order, blank lines, labels
wrapped over lines, heading and month-name case, month rows with or without
the year, thousands written 5.431, 5431 or 5 431), strict where figures are
concerned: a table that does not add up to its printed total, tables that
disagree with each other or with the headline, a label that is not known, or
a line that cannot be read raises `AnswerError` naming the line.
"""
from __future__ import annotations

import calendar
import datetime as dt
import difflib
import hashlib
import itertools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

Row = dict[str, str]

NUMBER = r"\d{1,3}(?:\.\d{3})+|\d+"
NUMBER_TOKEN = re.compile(rf"^(?:{NUMBER})$")
DOTTED_THOUSANDS = re.compile(r"(?<![\d.,])\d{1,3}(?:\.\d{3})+(?![\d,]|\.\d)")
DUTCH_MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli",
                "augustus", "september", "oktober", "november", "december")
DUTCH_WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
TOTAL_LABELS = ("som", "totaal", "total", "totaal:", "som:")
# "een" is also the article, so only from two upwards.
NUMBER_WORDS = {"twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8,
                "negen": 9, "tien": 10, "elf": 11, "twaalf": 12}
ENGLISH_COUNTS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}
# A number followed by one of these words is not a count of something.
NOT_A_UNIT = {"en", "of", "tot", "tussen", "uur", "jaar", "op", "in", "van", "per", "à", "a", "t.e.m.", "tot en met"}
# Abbreviations whose full stop does not end a sentence.
ABBREVIATIONS = ("o.a.", "bv.", "nr.", "enz.", "d.w.z.", "m.a.w.", "e.a.", "i.p.v.", "t.e.m.")
# Narrative topics, by the words of the paragraph a figure stands in (first match wins).
TOPIC_WORDS = (("chat", ("chat",)), ("campaign", ("campagne", "folder", "affiche", "spot")),
               ("volunteers", ("vrijwillig",)))
HELPLINE_NUMBER = "1712"

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
DOCUMENT_SECTION = "kop van de vraag en van het antwoord"
QUESTION_SECTION = "vraag (inleiding)"

# The dispositions of a printed number.
FIGURE, NOT_A_FIGURE, UNREAD = "figure", "not a figure", "unread"

# Reference seeds: the label column, the code column, and whether rows carry a sort order.
REFERENCE_SEEDS = {
    "themes": ("theme_label_nl", "theme_code", False),
    "genders": ("gender_label_nl", "gender_code", True),
    "age_groups": ("age_group_label_nl", "age_group_code", True),
    "caller_types": ("caller_type_label_nl", "caller_type_code", True),
    "caller_groups": ("caller_group_label_nl", "caller_group_code", True),
}
REFERENCE_WHAT = {"themes": "theme", "genders": "gender", "age_groups": "age group",
                  "caller_types": "caller type", "caller_groups": "caller group heading"}


class AnswerError(ValueError):
    """The answer cannot be read into seed rows; names the line and what is wrong."""

    def __init__(self, line_number: int | None, line: str, message: str):
        where = f"line {line_number}: {line.strip()!r}: " if line_number else ""
        super().__init__(f"{where}{message}")
        self.line_number = line_number


def dutch_int(token: str) -> int:
    """'5.126', '5126' or '5 126' -> 5126; anything else raises ValueError."""
    token = token.strip()
    if not re.fullmatch(rf"{NUMBER}|\d{{1,3}}(?: \d{{3}})+", token):
        raise ValueError(f"{token!r} is not a whole number")
    return int(token.replace(".", "").replace(" ", ""))


def collapse(text: str) -> str:
    return " ".join(text.split())


def slug(word: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", word.lower()).strip("_")


# --------------------------------------------------------------------------- reference labels


@dataclass
class Reference:
    """The reference seeds' labels, which the answer prints, with their aliases.

    With `new_labels`, a label no seed knows becomes a new reference row
    (`added`) instead of a refusal: a code derived from the Dutch label, the
    order as printed, no English label yet.
    """

    rows: dict[str, list[Row]]
    aliases: dict[str, dict[str, str]] = field(default_factory=dict)   # seed -> label (lower) -> code
    new_labels: bool = False
    added: dict[str, list[tuple[Row, str | None]]] = field(default_factory=dict)   # seed -> (row, after code)

    @classmethod
    def from_seeds(cls, rows: Callable[[str], list[Row]], new_labels: bool = False,
                   extra_aliases: Iterable[Row] = ()) -> "Reference":
        """From the reference seeds and label_aliases; `rows(name)` gives a seed's rows as text."""
        reference = cls({seed: [dict(r) for r in rows(seed)] for seed in REFERENCE_SEEDS}, new_labels=new_labels)
        for alias in [*rows("label_aliases"), *extra_aliases]:
            reference.aliases.setdefault(alias["reference_seed"], {})[alias["label_nl"].lower()] = alias["code"]
        return reference

    def codes(self, seed: str) -> dict[str, str]:
        """label -> code of a reference seed, its own labels and its aliases, lower-cased labels."""
        label, code, _ = REFERENCE_SEEDS[seed]
        known = {r[label].lower(): r[code] for r in self.rows[seed]}
        known.update({r[label].lower(): r[code] for r, _ in self.added.get(seed, [])})
        known.update(self.aliases.get(seed, {}))
        return known

    def label_of(self, seed: str, code: str) -> str | None:
        label, code_column, _ = REFERENCE_SEEDS[seed]
        return next((r[label] for r in self.rows[seed] + [r for r, _ in self.added.get(seed, [])]
                     if r[code_column] == code), None)

    def labels(self, seed: str) -> list[str]:
        label = REFERENCE_SEEDS[seed][0]
        return [r[label] for r in self.rows[seed]] + [r[label] for r, _ in self.added.get(seed, [])] + [
            a for a in self.aliases.get(seed, {})]

    def resolve(self, seed: str, printed: str, line_number: int, line: str, *, after: str | None = None,
                code: str | None = None, extra: Row | None = None) -> str:
        """The code of a printed label; a new reference row with --new-labels; else AnswerError."""
        found = self.codes(seed).get(printed.lower())
        if found is not None:
            return found
        what = REFERENCE_WHAT[seed]
        if not self.new_labels:
            close = difflib.get_close_matches(printed, self.labels(seed), n=1, cutoff=0.6)
            hint = f"; the closest known label is {close[0]!r}" if close else ""
            raise AnswerError(line_number, line, f"unknown {what} {printed!r} (not in {seed}.csv){hint}. Add it with "
                              "`--new-labels`, or map it onto a known code with `--alias \"LABEL=CODE\"`")
        label_column, code_column, _ = REFERENCE_SEEDS[seed]
        taken = {r[code_column] for r in self.rows[seed]} | {r[code_column] for r, _ in self.added.get(seed, [])}
        new_code = code or slug(printed)
        if new_code in taken or not new_code:
            raise AnswerError(line_number, line, f"new {what} {printed!r}: its code {new_code!r} is taken; "
                              "map the label onto a code with `--alias \"LABEL=CODE\"`")
        row = {label_column: printed, code_column: new_code, **(extra or {})}
        self.added.setdefault(seed, []).append((row, after))
        return new_code


# --------------------------------------------------------------------------- the answer and its numbers


@dataclass
class PrintedNumber:
    """One number as printed (`5.126`, `14 500`, `2,6`, `58%`) and what the reader did with it."""

    line_number: int
    position: int          # 1-based column of its first character in the line
    text: str
    disposition: str       # FIGURE, NOT_A_FIGURE or UNREAD
    reason: str = ""
    sentence: str = ""


@dataclass
class Answer:
    """Every seed row the answer gives, per seed name, for its report year, and every number printed."""

    report_year: int
    document_id: str
    rows: dict[str, list[Row]] = field(default_factory=dict)
    numbers: list[PrintedNumber] = field(default_factory=list)
    reference: Reference | None = None

    def add(self, seed: str, row: Row) -> None:
        self.rows.setdefault(seed, []).append(row)

    @property
    def unread(self) -> list[PrintedNumber]:
        return [n for n in self.numbers if n.disposition == UNREAD]


class Lines:
    """The text's lines, 1-based."""

    def __init__(self, text: str):
        self.lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")

    def __len__(self) -> int:
        return len(self.lines)

    def __getitem__(self, number: int) -> str:
        return self.lines[number - 1]

    def find(self, pattern: str, start: int = 1, stop: int | None = None, flags: int = re.IGNORECASE) -> int | None:
        regex = re.compile(pattern, flags)
        for number in range(start, (stop or len(self)) + 1):
            if regex.search(self[number]):
                return number
        return None

    def text(self, start: int, stop: int) -> str:
        return "\n".join(self.lines[start - 1:stop])


@dataclass
class Passage:
    """Collapsed text of some lines, each character traced back to its line and column."""

    text: str
    where: list[tuple[int, int]]

    @classmethod
    def of(cls, lines: Lines, numbers: Iterable[int]) -> "Passage":
        chars: list[str] = []
        where: list[tuple[int, int]] = []
        for number in numbers:
            for column, char in enumerate(lines[number], start=1):
                if char.isspace():
                    if chars and chars[-1] != " ":
                        chars.append(" ")
                        where.append((number, column))
                else:
                    chars.append(char)
                    where.append((number, column))
            if chars and chars[-1] != " ":
                chars.append(" ")
                where.append((number, len(lines[number]) + 1))
        while chars and chars[-1] == " ":
            chars.pop()
            where.pop()
        return cls("".join(chars), where)

    def line_of(self, offset: int) -> int:
        return self.where[min(offset, len(self.where) - 1)][0]


@dataclass
class Word:
    line_number: int
    position: int
    text: str


def words_of(lines: Lines, numbers: Iterable[int]) -> list[Word]:
    return [Word(n, m.start() + 1, m.group(0)) for n in numbers for m in re.finditer(r"\S+", lines[n])]


# --------------------------------------------------------------------------- figures of a table row


def groupings(words: list[Word]) -> Iterator[list[tuple[Word, ...]]]:
    """Every way to read a run of number words as figures: `1 329` is 1329 or 1 and 329.

    A figure written with spaces is a word of one to three digits, not starting
    with 0, followed by words of exactly three digits.
    """
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


def figure_text(group: tuple[Word, ...]) -> str:
    return " ".join(w.text for w in group)


class AnswerReader:
    def __init__(self, text: str, reference: Reference, source_file: str):
        self.lines = Lines(text)
        self.reference = reference
        self.source_file = source_file
        self.claimed_lines: set[int] = set()
        self.pilot_lines: range = range(0)     # the evening pilot's paragraph, once read
        self.numbers: dict[tuple[int, int], PrintedNumber] = {}
        answer_line = self.lines.find(r"^\s*ANTWOORD\s*$", flags=0)
        if answer_line is None:
            raise AnswerError(None, "", "no line 'ANTWOORD': this is not an answer to a written question")
        self.answer_line = answer_line
        self.sections = self.answer_sections()
        for first, _ in self.sections:
            for part in re.match(r"^\s*(\d+)(?:-(\d+))?\.", self.lines[first]).groups():
                if part:
                    self.claim(first, self.lines[first].index(part) + 1, part, NOT_A_FIGURE, "part number")
        # An answer that writes dotted thousands in its tables writes no spaced ones there: where a
        # row's figures can be read both ways, it means them apart.
        self.dotted = any(DOTTED_THOUSANDS.search(self.lines[n]) for n in range(answer_line, len(self.lines) + 1))

    # ------------------------------------------------------------------ bookkeeping

    def claim(self, line_number: int, position: int, text: str, disposition: str, reason: str = "",
              sentence: str = "") -> None:
        key = (line_number, position)
        if key not in self.numbers:
            self.numbers[key] = PrintedNumber(line_number, position, text, disposition, reason, sentence)

    def claim_words(self, group: Iterable[Word], disposition: str, reason: str = "") -> None:
        group = list(group)
        if group:
            self.claim(group[0].line_number, group[0].position, figure_text(tuple(group)), disposition, reason)

    def is_claimed(self, line_number: int, position: int) -> bool:
        return (line_number, position) in self.numbers

    # ------------------------------------------------------------------ layout

    def answer_sections(self) -> list[tuple[int, str]]:
        """(first line, number) of each numbered part of the answer: '1.', '2.', '4-5.'."""
        sections = []
        for number in range(self.answer_line + 1, len(self.lines) + 1):
            match = re.match(r"^\s*(\d+(?:-\d+)?)\.\s", self.lines[number])
            if match:
                sections.append((number, match.group(1)))
        if not sections:
            raise AnswerError(self.answer_line, "ANTWOORD", "the answer has no numbered parts ('1. ...')")
        return sections

    def section_number(self, line_number: int) -> str:
        current = self.sections[0][1]
        for first, number in self.sections:
            if first <= line_number:
                current = number
        return current

    def section(self, kind: str, line_number: int) -> str:
        return SECTION_NAMES[kind].format(n=self.section_number(line_number))

    def total(self, kind: str, line_number: int, table: str, total_kind: str, key: str, value: int) -> Row:
        return {**self.base, "source_section": self.section(kind, line_number), "table_name": table,
                "total_kind": total_kind, "total_key": key, "published_value": str(value)}

    # ------------------------------------------------------------------ the document

    def read(self) -> Answer:
        document = self.document()
        answer = Answer(int(document["report_year"]), document["document_id"], reference=self.reference)
        self.year = answer.report_year
        answer.add("source_documents", document)
        self.base = {"report_year": str(self.year), "document_id": answer.document_id}
        for row in self.cited_questions(answer.document_id):
            answer.add("cited_questions", row)
        totals: list[Row] = [self.total("headline", self.headline_line, "answer_headline", "year_total", "",
                                        self.headline_total)]
        month_rows, month_totals = self.month_table()
        theme_rows, theme_totals = self.theme_table()
        age_rows, age_totals = self.age_gender_table()
        caller_rows, columns, caller_totals = self.caller_table(theme_rows)
        self.check_year_totals(month_totals + theme_totals + age_totals + caller_totals)
        pilot, pilot_calls, pilot_totals = self.evening_pilot()
        facts = self.narrative()
        self.account_for_every_digit()
        for seed, rows in (("contacts_by_month", month_rows), ("contacts_by_theme", theme_rows),
                           ("contacts_by_age_gender", age_rows), ("caller_theme_printed_values", caller_rows),
                           ("caller_theme_columns", columns), ("evening_pilots", pilot),
                           ("evening_pilot_calls", pilot_calls), ("service_facts", facts),
                           ("published_totals", totals + month_totals + theme_totals + age_totals
                            + caller_totals + pilot_totals)):
            answer.rows[seed] = rows
        answer.numbers = sorted(self.numbers.values(), key=lambda n: (n.line_number, n.position))
        answer.rows["unread_figures"] = [
            {**self.base, "line_number": str(n.line_number), "line_position": str(n.position), "figure": n.text,
             "reason": n.reason, "sentence": n.sentence or collapse(self.lines[n.line_number])}
            for n in answer.unread]
        return answer

    def check_year_totals(self, totals: list[Row]) -> None:
        """Every table, and the headline, give the same year total."""
        year_totals = [(t["table_name"], int(t["published_value"])) for t in totals if t["total_kind"] == "year_total"]
        differing = [(table, value) for table, value in year_totals if value != self.headline_total]
        if differing:
            listed = ", ".join(f"the {TABLE_WORDS[table]} {value}" for table, value in differing)
            raise AnswerError(self.headline_line, self.lines[self.headline_line],
                              f"the headline gives {self.headline_total} contacts, but {listed}: "
                              "the tables and the headline must give the same year total")

    def document(self) -> Row:
        header = self.lines.find(r"^\s*op vraag nr\.\s*\d+\s+van\s+", start=self.answer_line)
        if header is None:
            raise AnswerError(self.answer_line, "ANTWOORD", "no line 'op vraag nr. N van D MAAND JJJJ' after ANTWOORD")
        match = re.search(r"nr\.\s*(\d+)\s+van\s+(\d{1,2}\s+\w+\s+\d{4})", self.lines[header], re.IGNORECASE)
        if match is None:
            raise AnswerError(header, self.lines[header], "cannot read the question's number and date")
        question_date = self.date(header, match.group(2))
        asked = self.lines.find(r"^\s*van\s+\S", start=header + 1)
        if asked is None:
            raise AnswerError(header, self.lines[header], "no line 'van NAAM' (who asked) after it")
        signature = [n for n in range(1, self.answer_line) if self.lines[n].strip()][-2:]
        if len(signature) < 2:
            raise AnswerError(self.answer_line, "ANTWOORD", "no minister's name and role above ANTWOORD")
        subject = next((collapse(self.lines[n]) for n in range(2, self.answer_line)
                        if self.lines[n].strip() and not self.lines[n].isupper()), "")
        self.headline(self.answer_line)
        return {
            "document_id": f"sv{match.group(1)}_{question_date.year}",
            "report_year": str(self.headline_year),
            "document_type": "schriftelijke vraag met antwoord",
            "question_number": match.group(1),
            "question_date": question_date.isoformat(),
            "asked_by": name_case(re.sub(r"^\s*van\s+", "", self.lines[asked], flags=re.IGNORECASE)),
            "asked_by_role": "Vlaams volksvertegenwoordiger",
            "answered_by": name_case(self.lines[signature[0]]),
            "answered_by_role": role_case(self.lines[signature[1]]),
            "subject_nl": subject,
            "source_file": self.source_file,
            "source_section": DOCUMENT_SECTION,
        }

    HEADLINE_FIGURE = r"(?P<total>\d{1,3}(?:\.\d{3})+|\d{1,3}(?: \d{3})+|\d+) (?:oproepen|contacten)"
    HEADLINE = re.compile(rf"(?:1712 (?:ontving|kreeg) in (?:het jaar )?(?P<year>\d{{4}})|In (?P<year_first>\d{{4}}) "
                          rf"(?:ontving|kreeg) 1712)(?: in totaal)? {HEADLINE_FIGURE}", re.IGNORECASE)

    def headline(self, start: int) -> None:
        """'1712 ontving in JJJJ N oproepen', possibly wrapped over lines."""
        for first, last in self.paragraph_bounds(start + 1, len(self.lines)):
            passage = Passage.of(self.lines, range(first, last + 1))
            found = self.HEADLINE.search(passage.text)
            if found:
                self.headline_year = int(found.group("year") or found.group("year_first"))
                line, column = passage.where[found.start("total")]
                self.headline_line = line
                self.headline_total = dutch_int(found.group("total"))
                self.claim(line, column, found.group("total"), FIGURE, "the headline's year total")
                return
        raise AnswerError(None, "", "no sentence '1712 ontving in JJJJ N oproepen' in the answer")

    def date(self, number: int, text: str) -> dt.date:
        day, month, year = text.split()
        if month.lower() not in DUTCH_MONTHS:
            raise AnswerError(number, self.lines[number], f"{month!r} is not a Dutch month name")
        try:
            return dt.date(int(year), DUTCH_MONTHS.index(month.lower()) + 1, int(day))
        except ValueError as error:
            raise AnswerError(number, self.lines[number], str(error)) from None

    def cited_questions(self, document_id: str) -> list[Row]:
        rows = []
        for first, last in self.paragraph_bounds(1, self.answer_line - 1):
            passage = Passage.of(self.lines, range(first, last + 1))
            for sentence, _ in sentences(passage.text):
                for match in re.finditer(r"vraag nr\.\s*(\d+)\s+van\s+(\d{1,2}\s+\w+\s+\d{4})", sentence):
                    number = self.lines.find(rf"nr\.\s*{re.escape(match.group(1))}\b", start=first, stop=last) or first
                    rows.append({"document_id": document_id, "cited_question_number": match.group(1),
                                 "cited_question_date": self.date(number, match.group(2)).isoformat(),
                                 "source_quote": sentence, "source_section": QUESTION_SECTION})
        return rows

    def paragraph_bounds(self, start: int, stop: int) -> list[tuple[int, int]]:
        """(first, last) line of each run of non-blank lines not claimed by a table, from start to stop."""
        out, first = [], None
        for number in range(start, stop + 2):
            blank = number > stop or not self.lines[number].strip() or number in self.claimed_lines
            if blank and first is not None:
                out.append((first, number - 1))
                first = None
            elif not blank and first is None:
                first = number
        return out

    # ------------------------------------------------------------------ tables: shared

    def table_end(self, start: int, what: str) -> int:
        """The line of a table's total ('Som N', 'TOTAAL N') after `start`."""
        labels = "|".join(TOTAL_LABELS)
        stop = self.lines.find(rf"^\s*({labels})\s+\d", start=start + 1)
        if stop is None:
            raise AnswerError(start, self.lines[start], f"the {what} has no total line ('Som N' or 'TOTAAL N')")
        return stop

    def single_figure(self, words: list[Word], line_number: int, what: str) -> tuple[Word, ...]:
        """The one figure a row prints at its end (`5.126`, `5126` or, where spaces group thousands, `5 126`)."""
        readings = [g for g in groupings(words) if len(g) == 1]
        if not words or not readings:
            raise AnswerError(line_number, self.lines[line_number], f"{what} must end in one figure")
        self.check_figures(words, line_number)
        return readings[0][0]

    def check_figures(self, words: list[Word], line_number: int) -> None:
        for word in words:
            if not NUMBER_TOKEN.match(word.text):
                raise AnswerError(line_number, self.lines[line_number], f"{word.text!r} is not a whole number as "
                                  "the answer prints one (5.126, 5126 or 5 126)")

    def trailing_numbers(self, words: list[Word]) -> tuple[list[Word], list[Word]]:
        """A row's label words and the number words at its end."""
        cut = len(words)
        while cut and re.fullmatch(r"[\d.,]*\d[\d.,]*", words[cut - 1].text):
            cut -= 1
        return words[:cut], words[cut:]

    def row_with_total(self, words: list[Word], line_number: int, what: str,
                       cells: int | None = None) -> tuple[list[tuple[Word, ...]], tuple[Word, ...]]:
        """A row's cells and its total: the one reading of its number words where the cells add up."""
        self.check_figures(words, line_number)
        fits = []
        for reading in groupings(words):
            values = [dutch_int(figure_text(g)) for g in reading]
            if len(values) == 1 or (sum(values[:-1]) == values[-1] and (cells is None or len(values) == cells + 1)):
                fits.append(reading)
        if not fits:
            values = [dutch_int(w.text) for w in words]
            raise AnswerError(line_number, self.lines[line_number],
                              f"{what}: the figures add up to {sum(values[:-1])}, the printed total is {values[-1]}")
        fits = self.one_reading(fits)
        if len(fits) > 1:
            raise AnswerError(line_number, self.lines[line_number], f"{what}: the figures can be read in "
                              f"{len(fits)} ways that all add up (thousands written with a space); write them "
                              "with a thousands dot")
        return fits[0][:-1], fits[0][-1]

    def one_reading(self, fits: list[list[tuple[Word, ...]]]) -> list[list[tuple[Word, ...]]]:
        """Of several readings that add up, the one without spaced thousands, in an answer that dots them."""
        apart = [reading for reading in fits if all(len(group) == 1 for group in reading)]
        return apart if len(fits) > 1 and self.dotted and apart else fits

    # ------------------------------------------------------------------ the month table

    MONTH_ROW = re.compile(rf"^\s*({'|'.join(DUTCH_MONTHS)})(\s+[\d.,]+)+\s*$", re.IGNORECASE)

    def month_table(self) -> tuple[list[Row], list[Row]]:
        start = next((n for n in range(self.answer_line, len(self.lines) + 1)
                      if self.MONTH_ROW.match(self.lines[n])), None)
        if start is None:
            raise AnswerError(None, "", "no month table (rows 'Januari JJJJ N' or 'Januari N')")
        stop = self.table_end(start, "month table")
        heading = start - 1 if start > 1 and re.match(r"^\s*maand\b", self.lines[start - 1], re.IGNORECASE) else start
        self.claimed_lines.update(range(heading, stop + 1))
        section = self.section("month", start)
        out, seen = [], {}
        for number in range(start, stop):
            if not self.lines[number].strip():
                continue
            words = words_of(self.lines, [number])
            month = words[0].text.lower()
            if month not in DUTCH_MONTHS:
                raise AnswerError(number, self.lines[number], "a month row must read 'Maand JJJJ N' or 'Maand N'")
            figures = words[1:]
            if len(figures) >= 2 and re.fullmatch(r"\d{4}", figures[0].text):      # the month's year
                if int(figures[0].text) != self.year:
                    raise AnswerError(number, self.lines[number], f"the month is not in the report year {self.year}")
                self.claim_words(figures[:1], NOT_A_FIGURE, "year")
                figures = figures[1:]
            figure = self.single_figure(figures, number, "a month row")
            if month in seen:
                raise AnswerError(number, self.lines[number], f"{words[0].text} is printed twice (first on line "
                                  f"{seen[month]})")
            seen[month] = number
            self.claim_words(figure, FIGURE)
            out.append({**self.base, "source_section": section, "month_label_nl": f"{month.capitalize()} {self.year}",
                        "contacts": str(dutch_int(figure_text(figure)))})
        if len(out) != 12:
            missing = [m for m in DUTCH_MONTHS if m not in seen]
            raise AnswerError(start, self.lines[start], f"the month table has {len(out)} months; missing: "
                              + ", ".join(missing))
        out.sort(key=lambda r: DUTCH_MONTHS.index(r["month_label_nl"].split()[0].lower()))
        total = self.table_total(stop, [int(r["contacts"]) for r in out], "month table")
        return out, [self.total("month", start, "contacts_by_month", "year_total", "", total)]

    def table_total(self, stop: int, parts: list[int], what: str) -> int:
        figure = self.single_figure(words_of(self.lines, [stop])[1:], stop, f"the {what}'s total line")
        total = dutch_int(figure_text(figure))
        if sum(parts) != total:
            raise AnswerError(stop, self.lines[stop], f"{what}: the figures add up to {sum(parts)}, the printed "
                              f"total is {total}")
        self.claim_words(figure, FIGURE)
        return total

    # ------------------------------------------------------------------ the theme table

    def theme_table(self) -> tuple[list[Row], list[Row]]:
        start = self.lines.find(r"^\s*thema(\s+(totaal|aantal)\b[^\d]*)?\s*$", start=self.answer_line)
        if start is None:
            raise AnswerError(None, "", "no theme table (a heading line 'THEMA TOTAAL')")
        stop = self.table_end(start, "theme table")
        self.claimed_lines.update(range(start, stop + 1))
        section = self.section("theme", start)
        out: list[Row] = []
        previous = None
        for number in range(start + 1, stop):
            if not self.lines[number].strip():
                continue
            label_words, figures = self.trailing_numbers(words_of(self.lines, [number]))
            figure = self.single_figure(figures, number, "a theme row ('Thema N')")
            label = " ".join(w.text for w in label_words)
            code = self.reference.resolve("themes", label, number, self.lines[number], after=previous,
                                          extra={"theme_label_en": "", "source_document_id": self.base["document_id"],
                                                 "source_section": section})
            if any(r["theme_label_nl"].lower() == label.lower() for r in out):
                raise AnswerError(number, self.lines[number], f"theme {label!r} is printed twice")
            previous = code
            self.claim_words(figure, FIGURE)
            out.append({**self.base, "source_section": section, "printed_position": str(len(out) + 1),
                        "theme_label_nl": self.printed_label("themes", label),
                        "contacts": str(dutch_int(figure_text(figure)))})
        total = self.table_total(stop, [int(r["contacts"]) for r in out], "theme table")
        return out, [self.total("theme", start, "contacts_by_theme", "year_total", "", total)]

    def printed_label(self, seed: str, printed: str) -> str:
        """The label as the reference seed spells it when only the case differs; else as printed (an alias)."""
        own = {label.lower(): label for label in [r[REFERENCE_SEEDS[seed][0]] for r in self.reference.rows[seed]]
               + [r[REFERENCE_SEEDS[seed][0]] for r, _ in self.reference.added.get(seed, [])]}
        return own.get(printed.lower(), printed)

    # ------------------------------------------------------------------ age x gender

    def age_gender_table(self) -> tuple[list[Row], list[Row]]:
        known = self.reference.codes("genders")
        header = None
        for number in range(self.answer_line, len(self.lines) + 1):
            words = collapse(self.lines[number]).split()
            if (len(words) >= 3 and words[-1].lower() in ("som", "totaal") and not re.search(r"\d", self.lines[number])
                    and sum(1 for w in words[:-1] if w.lower() in known) >= 2):
                header = number
                break
        if header is None:
            raise AnswerError(None, "", "no age x gender table (a header line of genders ending in 'Som')")
        section = self.section("age_gender", header)
        columns = collapse(self.lines[header]).split()[:-1]
        previous = None
        for column in columns:
            previous = self.reference.resolve("genders", column, header, self.lines[header], after=previous,
                                              extra={"gender_label_en": "", "source_document_id": self.base["document_id"],
                                                     "source_section": section})
        labels = "|".join(TOTAL_LABELS)
        stop = self.lines.find(rf"^\s*({labels})(\s+[\d.]+)+\s*$", start=header + 1)
        if stop is None:
            raise AnswerError(header, self.lines[header], "the age x gender table has no 'Som' line")
        self.claimed_lines.update(range(header, stop + 1))
        printed: list[tuple[int, str, list[tuple[Word, ...]], tuple[Word, ...]]] = []
        previous = None
        for number in range(header + 1, stop):
            if not self.lines[number].strip():
                continue
            label_words, figures = self.trailing_numbers(words_of(self.lines, [number]))
            label = " ".join(w.text for w in label_words)
            if not label or not figures:
                raise AnswerError(number, self.lines[number], "an age row must print its label, its cells and its "
                                  "row total")
            previous = self.reference.resolve("age_groups", label, number, self.lines[number], after=previous,
                                              extra={"age_group_label_en": "",
                                                     "source_document_id": self.base["document_id"],
                                                     "source_section": section})
            for word in label_words:
                if re.search(r"\d", word.text):
                    self.claim(word.line_number, word.position + re.search(r"\d", word.text).start(),
                               re.search(r"\d[\d.,]*", word.text).group(0), NOT_A_FIGURE, "part of a row label")
            cells, total = self.row_with_total(figures, number, f"age group {label!r}")
            printed.append((number, self.printed_label("age_groups", label), cells, total))
        sums_words = words_of(self.lines, [stop])[1:]
        cells, total = self.row_with_total(sums_words, stop, "age x gender column sums", cells=len(columns))
        sums = [dutch_int(figure_text(g)) for g in cells]
        if len(sums) != len(columns):
            raise AnswerError(stop, self.lines[stop], f"the 'Som' line prints {len(sums) + 1} figures; "
                              f"expected {len(columns)} column sums and the total")
        year_total = dutch_int(figure_text(total))
        row_totals = [dutch_int(figure_text(t)) for *_, t in printed]
        if sum(row_totals) != year_total:
            raise AnswerError(stop, self.lines[stop], f"age x gender row totals: the figures add up to "
                              f"{sum(row_totals)}, the printed total is {year_total}")
        values = [(number, label, [dutch_int(figure_text(c)) for c in cs], dutch_int(figure_text(t)))
                  for number, label, cs, t in printed]
        columns = [self.printed_label("genders", column) for column in columns]
        placement = place_cells(values, columns, sums, header, self.lines[header])
        rows, totals = [], []
        for (number, label, cell_words, total_words), (_, _, cell_values, row_total) in zip(printed, values):
            for position, (group, value) in enumerate(zip(cell_words, cell_values), start=1):
                self.claim_words(group, FIGURE)
                rows.append({**self.base, "source_section": section, "age_group_label_nl": label,
                             "printed_position": str(position), "gender_label_nl": placement[(label, position)],
                             "contacts": str(value)})
            self.claim_words(total_words, FIGURE)
            totals.append(self.total("age_gender", header, "contacts_by_age_gender", "row_total", label, row_total))
        for group in [*cells, total]:
            self.claim_words(group, FIGURE)
        for gender, value in zip(columns, sums):
            totals.append(self.total("age_gender", header, "contacts_by_age_gender", "column_total",
                                     self.printed_label("genders", gender), value))
        totals.append(self.total("age_gender", header, "contacts_by_age_gender", "year_total", "", year_total))
        return rows, totals

    # ------------------------------------------------------------------ caller type x theme

    def caller_table(self, theme_rows: list[Row]) -> tuple[list[Row], list[Row], list[Row]]:
        heading = self.lines.find(r"Wie belt\s*(/|of)\s*e-?mailt waarover\??", start=self.answer_line)
        if heading is None:
            raise AnswerError(None, "", "no caller table (heading 'Wie belt/e-mailt waarover?')")
        section = self.section("caller", heading)
        rows, totals_line = self.caller_rows(heading, section)
        self.claimed_lines.update(range(heading, totals_line + 1))
        values, totals = [], []
        for number, code, figures in rows:
            line = self.lines[number]
            if not figures:
                raise AnswerError(number, line, f"caller type {code} prints no figures")
            cells, total = self.row_with_total(figures, number, f"caller type {code}")
            for position, group in enumerate(cells, start=1):
                self.claim_words(group, FIGURE)
                values.append({**self.base, "source_section": section, "caller_type_code": code,
                               "printed_position": str(position), "contacts": str(dutch_int(figure_text(group)))})
            self.claim_words(total, FIGURE)
            totals.append(self.total("caller", heading, "caller_theme", "row_total", code,
                                     dutch_int(figure_text(total))))
        column_words = words_of(self.lines, [totals_line])
        column_totals, year_total = self.caller_column_totals(column_words, totals_line, theme_rows)
        row_sum = sum(int(t["published_value"]) for t in totals)
        if row_sum != year_total:
            raise AnswerError(totals_line, self.lines[totals_line], f"caller table row totals: the figures add up to "
                              f"{row_sum}, the printed total is {year_total}")
        for position, value in enumerate(column_totals, start=1):
            totals.append(self.total("caller", heading, "caller_theme", "column_total", str(position), value))
        totals.append(self.total("caller", heading, "caller_theme", "year_total", "", year_total))
        columns = self.caller_columns(column_totals, theme_rows, totals_line)
        return values, columns, totals

    def caller_column_totals(self, words: list[Word], line_number: int, theme_rows: list[Row]) -> tuple[list[int], int]:
        """The column totals line: the one reading whose columns add up and each match a theme's total."""
        self.check_figures(words, line_number)
        theme_totals = [int(r["contacts"]) for r in theme_rows]
        fits = []
        for reading in groupings(words):
            values = [dutch_int(figure_text(g)) for g in reading]
            if len(values) > 1 and sum(values[:-1]) == values[-1] and all(v in theme_totals for v in values[:-1]):
                fits.append(reading)
        fits = self.one_reading(fits)
        if len(fits) != 1:
            values = [dutch_int(w.text) for w in words]
            problem = (f"the column totals add up to {sum(values[:-1])}, the printed total is {values[-1]}"
                       if not fits else f"the column totals can be read in {len(fits)} ways (thousands written "
                       "with a space); write them with a thousands dot")
            if not fits and sum(values[:-1]) == values[-1]:
                problem = "a column total matches no theme total of the theme table"
            raise AnswerError(line_number, self.lines[line_number], f"caller table column totals: {problem}")
        for group in fits[0]:
            self.claim_words(group, FIGURE)
        values = [dutch_int(figure_text(g)) for g in fits[0]]
        return values[:-1], values[-1]

    def caller_rows(self, heading: int, section: str) -> tuple[list[tuple[int, str, list[Word]]], int]:
        """(line, caller type code, number words) per row, and the line of the column totals.

        The rows are read as one stream of words, since a long label wraps and
        its figures may stand on a line of their own. A line of figures alone
        belongs to the row above when that row has none yet; otherwise it is
        the column totals, which end the table.
        """
        known_codes = self.reference.rows["caller_types"]
        headings = self.reference.codes("caller_groups")
        printed_headings = {r["caller_group_label_nl"].lower() for r in self.reference.rows["caller_groups"]
                            if r.get("is_heading_printed") == "true"} | {
            r["caller_group_label_nl"].lower() for r, _ in self.reference.added.get("caller_groups", [])}
        printed_headings |= {a for a, c in self.reference.aliases.get("caller_groups", {}).items()}
        label_only = {r["caller_type_code"].lower(): r["caller_type_code"] for r in known_codes
                      if not re.fullmatch(r"\d+", r["caller_type_code"])}
        rows: list[tuple[int, str, list[Word]]] = []
        group, previous = None, None
        number = heading + 1
        pending_words: list[Word] = []   # words of a line that is neither a row nor figures: a heading
        while number <= len(self.lines):
            line = self.lines[number]
            words = words_of(self.lines, [number])
            if not words:
                number += 1
                continue
            all_numbers = all(NUMBER_TOKEN.match(w.text) for w in words)
            if all_numbers and not (len(words) >= 2 and words[1].text == "-"):
                if rows and not rows[-1][2] and not pending_words:
                    rows[-1][2].extend(words)
                    number += 1
                    continue
                if len(words) >= 3:
                    return rows, number
                raise AnswerError(number, line, "a line of figures that belongs to no caller type")
            if re.fullmatch(r"\d{4}", words[0].text) and len(words) > 1 and words[1].text == "-":
                code = words[0].text
                rest = words[2:]
                self.claim(words[0].line_number, words[0].position, code, NOT_A_FIGURE, "caller type code")
            else:
                label_words, figures = self.trailing_numbers(words)
                label = " ".join(w.text for w in label_words).lower()
                if label in label_only and figures:
                    code = label_only[label]
                    rest = figures
                elif not figures:
                    # a group heading, or the start of one wrapped over lines
                    text = " ".join(w.text for w in pending_words + words)
                    if text.lower() in printed_headings or text.lower() in headings or self.reference.new_labels:
                        group = self.reference.resolve(
                            "caller_groups", text, number, line, after=group,
                            extra={"caller_group_label_en": "", "is_heading_printed": "true",
                                   "source_document_id": self.base["document_id"], "source_section": section})
                        pending_words = []
                    elif any(h.startswith(text.lower() + " ") for h in printed_headings):
                        pending_words = pending_words + words
                    else:
                        raise AnswerError(number, line, f"cannot read {text!r} in the caller table: not a caller "
                                          "type (CODE - label), a known row or a group heading of caller_groups.csv"
                                          + self.closest_hint(text, list(printed_headings)))
                    number += 1
                    continue
                else:
                    printed = " ".join(w.text for w in label_words)
                    code = self.reference.resolve("caller_types", printed, number, line, after=previous, code=printed,
                                                  extra=self.new_caller_type(printed, group, section))
                    rest = figures
            figures, last = self.caller_label(code, rest, number, group, previous, section)
            previous = code
            rows.append((number, code, figures))
            number = last + 1
        raise AnswerError(heading, self.lines[heading], "the caller table has no line of column totals")

    def closest_hint(self, text: str, labels: list[str]) -> str:
        close = difflib.get_close_matches(text.lower(), labels, n=1, cutoff=0.6)
        return f"; the closest known heading is {close[0]!r}" if close else ""

    def new_caller_type(self, label: str, group: str | None, section: str) -> Row:
        return {"caller_type_label_en": "", "caller_group_code": group or "",
                "source_document_id": self.base["document_id"], "source_section": section}

    def caller_label(self, code: str, rest: list[Word], number: int, group: str | None, previous: str | None,
                     section: str) -> tuple[list[Word], int]:
        """After a row's code: its label (possibly wrapped over lines) checked, its figures and its last line."""
        words = list(rest)
        first_line = number
        while not any(NUMBER_TOKEN.match(w.text) for w in words[-1:]) or not words:
            following = number + 1
            if following > len(self.lines):
                break
            if not self.lines[following].strip():
                number = following
                continue
            more = words_of(self.lines, [following])
            if re.fullmatch(r"\d{4}", more[0].text) and len(more) > 1 and more[1].text == "-":
                break
            words += more
            number = following
        label_words, figures = self.trailing_numbers(words)
        label = " ".join(w.text for w in label_words)
        if re.fullmatch(r"\d{4}", code):
            known = self.reference.label_of("caller_types", code)
            aliased = self.reference.aliases.get("caller_types", {}).get(label.lower())
            if known is None:
                self.reference.resolve("caller_types", label, first_line, self.lines[first_line], after=previous,
                                       code=code, extra=self.new_caller_type(label, group, section))
            elif known.lower() != label.lower() and aliased != code:
                raise AnswerError(first_line, self.lines[first_line], f"caller type {code} is labelled {label!r} "
                                  f"here, {known!r} in caller_types.csv. If both name the same caller type, map the "
                                  f"printed label with `--alias \"{label}={code}\"`")
        return figures, number

    def caller_columns(self, column_totals: list[int], theme_rows: list[Row], line_number: int) -> list[Row]:
        """Each column's theme(s): the themes whose total equals the column's total."""
        section = self.section("caller_columns", line_number)
        codes = self.reference.codes("themes")
        rows = []
        for position, total in enumerate(column_totals, start=1):
            themes = [r["theme_label_nl"] for r in theme_rows if int(r["contacts"]) == total]
            columns = column_totals.count(total)
            if len(themes) != columns:
                raise AnswerError(line_number, self.lines[line_number],
                                  f"column {position} totals {total}: {columns} column(s) but {len(themes)} "
                                  "theme(s) with that total in the theme table")
            basis = ("column total equals exactly one theme total" if columns == 1 else
                     f"{ENGLISH_COUNTS.get(columns, columns)} columns total {total}: label order not given by the text")
            for label in themes:
                rows.append({**self.base, "source_section": section, "column_position": str(position),
                             "theme_code": codes[label.lower()], "matching_basis": basis})
        return rows

    # ------------------------------------------------------------------ the evening pilot

    PILOT_TOTAL = re.compile(rf"({NUMBER}) [“\"]?terechte[”\"]? oproepen")
    PILOT_MONTH = re.compile(rf"({NUMBER}) oproepen tijdens de avondpermanenties? in (\w+)(?: waarvan ([^;.]*))?")
    PILOT_PERIOD = re.compile(r"liep van (\w+) (\d{4}) tot en met (\w+) (\d{4})")

    def evening_pilot(self) -> tuple[list[Row], list[Row], list[Row]]:
        """The evening pilot's paragraph: legitimate calls per month and theme, the decision."""
        found = None
        for first, last in self.paragraph_bounds(self.answer_line + 1, len(self.lines)):
            passage = Passage.of(self.lines, range(first, last + 1))
            if "avondpermanentie" in passage.text and self.PILOT_TOTAL.search(passage.text):
                found = (first, last, passage)
                break
        if found is None:
            return [], [], []
        first, last, passage = found
        text = passage.text
        self.pilot_lines = range(first, last + 1)
        section = self.section("pilot_calls", first)
        period = self.PILOT_PERIOD.search(text)
        if not period or period.group(1).lower() not in DUTCH_MONTHS or period.group(3).lower() not in DUTCH_MONTHS:
            raise AnswerError(first, self.lines[first], "the evening pilot's period ('liep van MAAND JJJJ tot en met "
                              "MAAND JJJJ') cannot be read")
        start = dt.date(int(period.group(2)), DUTCH_MONTHS.index(period.group(1).lower()) + 1, 1)
        end_month = DUTCH_MONTHS.index(period.group(3).lower()) + 1
        end = dt.date(int(period.group(4)), end_month, calendar.monthrange(int(period.group(4)), end_month)[1])
        pilot_code = f"evening_phone_{self.year}"
        total_match = self.PILOT_TOTAL.search(text)
        total = dutch_int(total_match.group(1))
        self.claim_at(passage, total_match.start(1), total_match.group(1), FIGURE)
        themes = self.reference.codes("themes")
        calls, month_totals = [], []
        for match in self.PILOT_MONTH.finditer(text):
            month_name = match.group(2).lower()
            line = passage.line_of(match.start())
            if month_name not in DUTCH_MONTHS:
                raise AnswerError(line, self.lines[line], f"{match.group(2)!r} is not a Dutch month name")
            month = next((dt.date(y, DUTCH_MONTHS.index(month_name) + 1, 1) for y in range(start.year, end.year + 1)
                          if start <= dt.date(y, DUTCH_MONTHS.index(month_name) + 1, 1) <= end), None)
            if month is None:
                raise AnswerError(line, self.lines[line], f"{match.group(2)} is outside the pilot's period")
            count = dutch_int(match.group(1))
            self.claim_at(passage, match.start(1), match.group(1), FIGURE)
            parts = []
            offset = match.start(3) if match.group(3) else match.end()
            for detail in re.split(r"(,\s*|\s+en\s+(?=\S+ rond ))", match.group(3) or ""):
                if not detail or re.fullmatch(r",\s*|\s+en\s+", detail):
                    offset += len(detail)
                    continue
                part = re.fullmatch(rf"({NUMBER}) rond (.+)", detail.strip())
                if not part:
                    raise AnswerError(line, self.lines[line], f"cannot read {detail!r} as 'N rond THEMA'")
                phrase = part.group(2).strip()
                theme = themes.get(re.sub(r"^(een|de|het) ", "", phrase.lower()))
                if theme is None:
                    raise AnswerError(line, self.lines[line], f"{phrase!r} names no theme of themes.csv")
                parts.append(dutch_int(part.group(1)))
                self.claim_at(passage, offset + detail.index(part.group(1)), part.group(1), FIGURE)
                offset += len(detail)
                calls.append({**self.base, "source_section": section, "pilot_code": pilot_code,
                              "month_start_date": month.isoformat(), "theme_phrase_nl": phrase,
                              "theme_code": theme, "legitimate_calls": str(parts[-1])})
            if sum(parts) != count:
                raise AnswerError(line, self.lines[line], f"evening pilot, {match.group(2)}: the figures add up to "
                                  f"{sum(parts)}, the printed total is {count}")
            month_totals.append(self.total("pilot_calls", first, "evening_pilot", "month_total",
                                           month.strftime("%Y-%m"), count))
        months_sum = sum(int(t["published_value"]) for t in month_totals)
        if months_sum != total:
            raise AnswerError(first, self.lines[first], f"evening pilot months: the figures add up to {months_sum}, "
                              f"the printed total is {total}")
        month_totals.append(self.total("pilot_calls", first, "evening_pilot", "pilot_total", "", total))
        return [self.pilot_row(pilot_code, start, end, text, first)], calls, month_totals

    def claim_at(self, passage: Passage, offset: int, text: str, disposition: str, reason: str = "",
                 sentence: str = "") -> None:
        line, column = passage.where[offset]
        self.claim(line, column, text, disposition, reason, sentence)

    def pilot_row(self, pilot_code: str, start: dt.date, end: dt.date, text: str, first: int) -> Row:
        whole = collapse(self.lines.text(1, len(self.lines)))
        hours = re.search(r"avond \((\w+)\)[^.]*?tussen (\d{1,2}) en (\d{1,2}) uur", whole)
        if not hours or hours.group(1).lower() not in DUTCH_WEEKDAYS:
            raise AnswerError(first, self.lines[first], "the evening pilot's weekday and hours ('avond (DAG) ... "
                              "tussen H en H uur') are not in the text")
        decision = re.search(r"beslist (?:om )?([^.]*?)\.", text)
        decided_by = re.search(r"(in overleg (?:tussen|met) [^.]*?) beslist", text)
        if not decision:
            raise AnswerError(first, self.lines[first], "the evening pilot's decision ('beslist ...') is not in the text")
        announced = re.search(r"geen (?:actieve )?(?:communicatie|bekendmaking)", whole)
        return {"pilot_code": pilot_code, **self.base, "source_section": self.section("pilot", first),
                "period_start_date": start.isoformat(), "period_end_date": end.isoformat(),
                "weekday_label_nl": hours.group(1).lower(),
                "iso_weekday": str(DUTCH_WEEKDAYS.index(hours.group(1).lower()) + 1),
                "start_time": f"{int(hours.group(2)):02d}:00", "end_time": f"{int(hours.group(3)):02d}:00",
                "was_announced": "false" if announced else "",
                "decision_label_nl": decision.group(1).strip(),
                "is_continued": "false" if re.search(r"\bniet\b", decision.group(1)) else "true",
                "decided_by_nl": decided_by.group(1) if decided_by else ""}

    # ------------------------------------------------------------------ the narrative

    def narrative(self) -> list[Row]:
        """Every other number of the text: a count with its noun (service_facts), a non-figure, or unread."""
        facts: list[Row] = []
        codes: dict[str, int] = {}
        pilot_lines = set(self.pilot_lines)
        for first, last in self.paragraph_bounds(1, len(self.lines)):
            table_lines = self.unknown_table_lines(first, last)
            for number in table_lines:
                for token in NARRATIVE_NUMBER.finditer(self.lines[number]):
                    if not self.is_claimed(number, token.start() + 1):
                        self.claim(number, token.start() + 1, token.group(0).rstrip(), UNREAD,
                                   "a row of a table the reader does not know", collapse(self.lines[number]))
            lines = [n for n in range(first, last + 1) if n not in table_lines]
            if not lines:
                continue
            passage = Passage.of(self.lines, lines)
            in_question = last < self.answer_line
            lowered = passage.text.lower()
            topic = next((name for name, words in TOPIC_WORDS if any(w in lowered for w in words)), "other")
            for sentence, offset in sentences(passage.text):
                for token in classify(sentence, self.year, paragraph_start=offset == 0):
                    line, column = passage.where[offset + token.start]
                    if token.start_digit and self.is_claimed(line, column):
                        continue
                    if token.reason:
                        if token.start_digit:
                            self.claim(line, column, token.text, NOT_A_FIGURE, token.reason, sentence)
                        continue
                    unread_reason = ("in the question, not the answer" if in_question else
                                     "in the evening pilot's paragraph, no row takes it" if first in pilot_lines else
                                     token.unread_reason)
                    if unread_reason:
                        if token.start_digit:
                            self.claim(line, column, token.text, UNREAD, unread_reason, sentence)
                        continue
                    code = f"{topic}_{slug(token.unit)}"
                    codes[code] = codes.get(code, 0) + 1
                    if token.start_digit:
                        self.claim(line, column, token.text, FIGURE, "", sentence)
                    facts.append({"fact_code": code if codes[code] == 1 else f"{code}_{codes[code]}",
                                  **self.base, "source_section": self.section("narrative", first), "topic": topic,
                                  "value_integer": str(token.value), "unit": token.unit, "source_quote": sentence})
        return facts

    TABLE_ROW = re.compile(r"^\s*[^\d\s.!?;,][^.!?;]{0,60}?(\s+[\d.]+)+\s*$")

    def unknown_table_lines(self, first: int, last: int) -> set[int]:
        """Runs of two or more 'Label N' lines in a paragraph: rows of a table the reader does not know."""
        found: set[int] = set()
        run: list[int] = []
        for number in range(first, last + 2):
            if number <= last and self.TABLE_ROW.match(self.lines[number]):
                run.append(number)
                continue
            if len(run) >= 2:
                found.update(run)
            run = []
        return found

    def account_for_every_digit(self) -> None:
        """No digit of the text goes unaccounted: whatever no part claimed is listed as unread."""
        covered: dict[int, set[int]] = {}
        for (line, position), printed in self.numbers.items():
            covered.setdefault(line, set()).update(range(position, position + len(printed.text)))
        for number in range(1, len(self.lines) + 1):
            for match in re.finditer(r"\d+", self.lines[number]):
                if match.start() + 1 not in covered.get(number, ()):
                    self.claim(number, match.start() + 1, match.group(0), UNREAD, "not read by any part of the reader",
                               collapse(self.lines[number]))


TABLE_WORDS = {"contacts_by_month": "month table", "contacts_by_theme": "theme table",
               "contacts_by_age_gender": "age x gender table", "caller_theme": "caller table"}


# --------------------------------------------------------------------------- narrative numbers


def sentences(text: str) -> list[tuple[str, int]]:
    """(sentence, offset) of collapsed text; abbreviations and Dutch thousands do not end one."""
    protected = text
    for abbreviation in ABBREVIATIONS:
        protected = protected.replace(abbreviation, abbreviation.replace(".", "\0"))
    out, start = [], 0
    for match in re.finditer(r"(?<=[.?!])\s+(?=[A-Z0-9“\"‘(])", protected):
        out.append((start, match.start()))
        start = match.end()
    out.append((start, len(protected)))
    return [(text[a:b].strip(), a) for a, b in out if text[a:b].strip()]


NARRATIVE_NUMBER = re.compile(
    r"(?<![\w.,])(?P<number>\d{1,3}(?:\.\d{3})+|\d{1,3}(?: \d{3})+(?![\d])|\d+)(?P<decimal>,\d+)?(?P<percent>\s?%)?")
WORD_NUMBER = re.compile(rf"(?<![\w-])({'|'.join(NUMBER_WORDS)})(?![\w-])", re.IGNORECASE)


@dataclass
class Token:
    text: str
    start: int
    start_digit: bool
    value: int = 0
    unit: str = ""
    reason: str = ""            # why it is not a figure
    unread_reason: str = ""     # why no seed takes it


# Words before a four-digit number that make it a year rather than a count ("in 2019", "maart 2019").
YEAR_CONTEXT = {"in", "sinds", "van", "vanaf", "tot", "voor", "na", "begin", "eind", "einde", "midden", "voorjaar",
                "najaar", "zomer", "winter", "jaar", "met", "en", "of", "tussen", "het", "t.e.m.", "oproepen",
                "", *DUTCH_MONTHS}


def previous_word(before: str) -> str:
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


def name_case(text: str) -> str:
    return " ".join(part.capitalize() for part in collapse(text).split())


def role_case(text: str) -> str:
    small = {"van", "en", "de", "het", "der", "voor", "minister", "viceminister-president"}
    words = collapse(text).split()
    return " ".join(w.lower() if i and w.lower().strip(",") in small else w.capitalize() for i, w in enumerate(words))


# --------------------------------------------------------------------------- placement of the age x gender cells


def place_cells(printed: list[tuple[int, str, list[int], int]], columns: list[str], sums: list[int],
                line_number: int, line: str) -> dict[tuple[str, int], str]:
    """The only placement of each row's printed cells in the gender columns, or AnswerError."""
    from meldpunt1712.caller_theme import CrossTable, InfeasibleTableError, analyse

    placement: dict[tuple[str, int], str] = {}
    open_rows = []
    for _, label, values, total in printed:
        if len(values) == len(columns):          # every cell printed, zeros too: nothing to decide
            placement.update({(label, i): columns[i - 1] for i in range(1, len(values) + 1)})
        elif values:
            open_rows.append((label, values, total))
    if not open_rows:
        return placement
    full = [(label, values) for _, label, values, _ in printed if len(values) == len(columns)]
    remaining = [s - sum(v[i] for _, v in full) for i, s in enumerate(sums)]
    fits = small_table_fits(open_rows, remaining)
    if fits is not None:
        if not fits:
            raise AnswerError(line_number, line, "no placement of the age x gender cells meets the column sums")
        for (label, index), positions in fits.items():
            if len(positions) != 1:
                listed = ", ".join(columns[p] for p in sorted(positions))
                raise AnswerError(line_number, line, f"age group {label!r}: the value at printed position {index} "
                                  f"fits columns {listed}; the sums do not decide")
            placement[(label, index)] = columns[next(iter(positions))]
        return placement
    table = CrossTable.from_printed(open_rows, remaining, columns)
    try:
        analysis = analyse(table)
    except InfeasibleTableError as error:
        raise AnswerError(line_number, line, f"no placement of the age x gender cells meets the sums: {error}") from None
    if not analysis.is_exact:
        raise AnswerError(line_number, line, "the placement of the age x gender cells was not decided in time")
    for option in analysis.values:
        if len(option.positions) != 1:
            fits = ", ".join(columns[p - 1] for p in option.positions)
            raise AnswerError(line_number, line, f"age group {option.row_key!r}: value {option.value} at printed "
                              f"position {option.index} fits columns {fits}; the sums do not decide")
        placement[(option.row_key, option.index)] = columns[option.positions[0] - 1]
    return placement


def small_table_fits(rows: list[tuple[str, list[int], int]], sums: list[int],
                     limit: int = 200_000) -> dict[tuple[str, int], set[int]] | None:
    """Every column each printed cell takes in some placement, by exhaustive search; None past `limit` steps.

    An age x gender table has a handful of rows and columns: trying every
    placement is exact and takes milliseconds, where the general engine
    (meldpunt1712.caller_theme) starts solver threads. An empty dict: no placement.
    """
    width = len(sums)
    options = [list(itertools.combinations(range(width), len(values))) for _, values, _ in rows]
    fits: dict[tuple[str, int], set[int]] = {}
    steps = 0
    chosen: list[tuple[int, ...]] = []

    def search(row: int, left: list[int]) -> bool:
        nonlocal steps
        steps += 1
        if steps > limit:
            return False
        if row == len(rows):
            if any(left):
                return True
            for (label, _, _), columns in zip(rows, chosen):
                for index, column in enumerate(columns, start=1):
                    fits.setdefault((label, index), set()).add(column)
            return True
        values = rows[row][1]
        for columns in options[row]:
            if all(left[c] >= v for c, v in zip(columns, values)):
                for c, v in zip(columns, values):
                    left[c] -= v
                chosen.append(columns)
                search(row + 1, left)
                chosen.pop()
                for c, v in zip(columns, values):
                    left[c] += v
        return True

    search(0, list(sums))
    return None if steps > limit else fits


# --------------------------------------------------------------------------- entry points


def source_file_name(text: bytes, existing: list[Path]) -> str:
    """The name the text gets in source/: a running number and its hash, or the name it already has."""
    digest = hashlib.sha256(text).hexdigest()[:16]
    for path in existing:
        if path.read_bytes() == text:
            return path.name
    numbers = [int(p.name[:3]) for p in existing if p.name[:3].isdigit()]
    return f"{(max(numbers) + 1) if numbers else 0:03d}_{digest}.txt"


def read_answer(text: str, reference: Reference, source_file: str) -> Answer:
    return AnswerReader(text, reference, source_file).read()
