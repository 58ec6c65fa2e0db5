"""Read a minister's answer on the 1712 figures into seed rows.

The Flemish Parliament publishes these answers as PDF; their text keeps the
tables' rows but loses empty cells, wraps long labels and writes 5.126 for
five thousand one hundred and twenty-six. This module knows that format
(headings, table shapes, the evening pilot's sentences) and nothing of any
year's figures: every figure comes from the text, every label is matched
against the reference seeds (themes, genders, age groups, caller types).

Tolerant where layout varies (blank lines, labels wrapped over lines,
heading case, `5.431` or `5431`), strict where figures are concerned: a
table that does not add up to its printed total, a label that is not known,
or a line that cannot be read raises `AnswerError` naming the line.
"""
from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

Row = dict[str, str]

NUMBER = r"\d{1,3}(?:\.\d{3})+|\d+"
NUMBER_TOKEN = re.compile(rf"^(?:{NUMBER})$")
DUTCH_MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli",
                "augustus", "september", "oktober", "november", "december")
DUTCH_WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
# "een" is also the article, so only from two upwards.
NUMBER_WORDS = {"twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8,
                "negen": 9, "tien": 10, "elf": 11, "twaalf": 12}
ENGLISH_COUNTS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}
# A number followed by one of these words is not a count of something.
NOT_A_UNIT = {"en", "of", "tot", "tussen", "uur", "jaar", "op", "in", "van", "per", "à", "a"}
# Abbreviations whose full stop does not end a sentence.
ABBREVIATIONS = ("o.a.", "bv.", "nr.", "enz.", "d.w.z.", "m.a.w.", "e.a.", "i.p.v.", "t.e.m.")
# Narrative topics, by the words of the paragraph a figure stands in (first match wins).
TOPIC_WORDS = (("chat", ("chat",)), ("campaign", ("campagne", "folder", "affiche", "spot")),
               ("volunteers", ("vrijwillig",)))

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


class AnswerError(ValueError):
    """The answer cannot be read into seed rows; names the line and what is wrong."""

    def __init__(self, line_number: int | None, line: str, message: str):
        where = f"line {line_number}: {line.strip()!r}: " if line_number else ""
        super().__init__(f"{where}{message}")
        self.line_number = line_number


def dutch_int(token: str) -> int:
    """'5.126' -> 5126; a token that is not a Dutch whole number raises ValueError."""
    token = token.strip()
    if not NUMBER_TOKEN.match(token):
        raise ValueError(f"{token!r} is not a whole number")
    return int(token.replace(".", ""))


def collapse(text: str) -> str:
    return " ".join(text.split())


@dataclass
class Reference:
    """The reference seeds' Dutch labels, which the answer prints."""

    themes: dict[str, str]                 # label -> theme_code
    genders: dict[str, str]                # label -> gender_code
    age_groups: dict[str, str]             # label -> age_group_code
    caller_types: dict[str, str]           # code -> label
    caller_headings: dict[str, str]        # printed heading -> caller_group_code

    @classmethod
    def from_seeds(cls, rows: Callable[[str], list[Row]]) -> "Reference":
        """From the reference seeds; `rows(name)` gives a seed's rows as text."""
        return cls(
            themes={r["theme_label_nl"]: r["theme_code"] for r in rows("themes")},
            genders={r["gender_label_nl"]: r["gender_code"] for r in rows("genders")},
            age_groups={r["age_group_label_nl"]: r["age_group_code"] for r in rows("age_groups")},
            caller_types={r["caller_type_code"]: r["caller_type_label_nl"] for r in rows("caller_types")},
            caller_headings={r["caller_group_label_nl"]: r["caller_group_code"] for r in rows("caller_groups")
                             if r.get("is_heading_printed") == "true"},
        )


@dataclass
class Answer:
    """Every seed row the answer gives, per seed name, for its report year."""

    report_year: int
    document_id: str
    rows: dict[str, list[Row]] = field(default_factory=dict)
    unread: list[tuple[int, str, str]] = field(default_factory=list)   # line number, figure, line

    def add(self, seed: str, row: Row) -> None:
        self.rows.setdefault(seed, []).append(row)


class Lines:
    """The text's lines, 1-based, with the whole text collapsed for sentence searches."""

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


# --------------------------------------------------------------------------- tables


def logical_rows(lines: Lines, start: int, stop: int) -> list[tuple[int, str]]:
    """Non-blank lines from start to stop, a label wrapped over lines joined to its figures.

    A line that does not end in a figure is the start of a label that goes on
    below; it is joined with the lines after it until one ends in a figure.
    """
    rows: list[tuple[int, str]] = []
    pending: tuple[int, str] | None = None
    for number in range(start, stop + 1):
        line = collapse(lines[number])
        if not line:
            continue
        if pending:
            line = f"{pending[1]} {line}"
            number = pending[0]
            pending = None
        last = line.split()[-1]
        if re.fullmatch(r"[\d.,]*\d[\d.,]*", last) and not NUMBER_TOKEN.match(last):
            raise AnswerError(number, lines[number], f"{last!r} is not a whole number as the answer prints one "
                              "(5.126 or 5126)")
        if NUMBER_TOKEN.match(last):
            rows.append((number, line))
        else:
            pending = (number, line)
    if pending:
        rows.append(pending)
    return rows


def split_figures(line: str) -> tuple[str, list[str]]:
    """'Partnergeweld 822' -> ('Partnergeweld', ['822']); trailing figures only."""
    words = line.split()
    figures: list[str] = []
    while words and NUMBER_TOKEN.match(words[-1]):
        figures.insert(0, words.pop())
    return " ".join(words), figures


def figures_of(number: int, line: str, tokens: list[str]) -> list[int]:
    try:
        return [dutch_int(token) for token in tokens]
    except ValueError as error:
        raise AnswerError(number, line, str(error)) from None


def require_sum(number: int, line: str, parts: list[int], total: int, what: str) -> None:
    if sum(parts) != total:
        raise AnswerError(number, line, f"{what}: the figures add up to {sum(parts)}, the printed total is {total}")


def match_label(line: str, labels: list[str]) -> str | None:
    """The longest known label that the line starts with, case-insensitively."""
    lowered = line.lower()
    for label in sorted(labels, key=len, reverse=True):
        if lowered == label.lower() or lowered.startswith(label.lower() + " "):
            return label
    return None


# --------------------------------------------------------------------------- the reader


PILOT_MONTH = rf"({NUMBER}) oproepen tijdens de avondpermanenties? in (\w+)(?: waarvan ([^;.]*))?"


class AnswerReader:
    def __init__(self, text: str, reference: Reference, source_file: str):
        self.lines = Lines(text)
        self.reference = reference
        self.source_file = source_file
        self.consumed: set[int] = set()      # lines whose figures went into a seed
        answer_line = self.lines.find(r"^\s*ANTWOORD\s*$", flags=0)
        if answer_line is None:
            raise AnswerError(None, "", "no line 'ANTWOORD': this is not an answer to a written question")
        self.answer_line = answer_line
        self.sections = self.answer_sections()

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

    # ------------------------------------------------------------------ document

    def read(self) -> Answer:
        document = self.document()
        answer = Answer(int(document["report_year"]), document["document_id"])
        answer.add("source_documents", document)
        for row in self.cited_questions(document["document_id"]):
            answer.add("cited_questions", row)
        year, doc = answer.report_year, answer.document_id
        self.base = {"report_year": str(year), "document_id": doc}
        totals: list[Row] = [self.total("headline", self.headline_line, "answer_headline", "year_total", "",
                                        self.headline_total)]
        month_rows, month_totals = self.month_table(year)
        theme_rows, theme_totals = self.theme_table()
        age_rows, age_totals = self.age_gender_table()
        caller_rows, columns, caller_totals = self.caller_table(theme_rows)
        pilot, pilot_calls, pilot_totals = self.evening_pilot(year)
        facts = self.narrative_facts(answer)
        for seed, rows in (("contacts_by_month", month_rows), ("contacts_by_theme", theme_rows),
                           ("contacts_by_age_gender", age_rows), ("caller_theme_printed_values", caller_rows),
                           ("caller_theme_columns", columns), ("evening_pilots", pilot),
                           ("evening_pilot_calls", pilot_calls), ("service_facts", facts),
                           ("published_totals", totals + month_totals + theme_totals + age_totals
                            + caller_totals + pilot_totals)):
            answer.rows[seed] = rows
        return answer

    def document(self) -> Row:
        header = self.lines.find(r"^\s*op vraag nr\.\s*\d+\s+van\s+", start=self.answer_line)
        if header is None:
            raise AnswerError(self.answer_line, "ANTWOORD", "no line 'op vraag nr. N van D MAAND JJJJ' after ANTWOORD")
        match = re.search(r"nr\.\s*(\d+)\s+van\s+(\d{1,2}\s+\w+\s+\d{4})", self.lines[header], re.IGNORECASE)
        question_date = self.date(header, match.group(2))
        asked = self.lines.find(r"^\s*van\s+\S", start=header + 1)
        if asked is None:
            raise AnswerError(header, self.lines[header], "no line 'van NAAM' (who asked) after it")
        signature = [n for n in range(1, self.answer_line) if self.lines[n].strip()][-2:]
        if len(signature) < 2:
            raise AnswerError(self.answer_line, "ANTWOORD", "no minister's name and role above ANTWOORD")
        subject = next((collapse(self.lines[n]) for n in range(2, self.answer_line)
                        if self.lines[n].strip() and n > 1 and not self.lines[n].isupper()), "")
        headline = self.lines.find(rf"1712 ontving in (\d{{4}}) ({NUMBER}) oproepen", start=self.answer_line)
        if headline is None:
            raise AnswerError(None, "", "no sentence '1712 ontving in JJJJ N oproepen' in the answer")
        found = re.search(rf"1712 ontving in (\d{{4}}) ({NUMBER}) oproepen", self.lines[headline])
        self.headline_line = headline
        self.headline_total = figures_of(headline, self.lines[headline], [found.group(2)])[0]
        self.consumed.add(headline)
        return {
            "document_id": f"sv{match.group(1)}_{question_date.year}",
            "report_year": found.group(1),
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
        question = self.lines.text(1, self.answer_line - 1)
        for sentence in (s for paragraph in re.split(r"\n\s*\n", question) for s in sentences(collapse(paragraph))):
            for match in re.finditer(r"vraag nr\.\s*(\d+)\s+van\s+(\d{1,2}\s+\w+\s+\d{4})", sentence):
                number = self.lines.find(re.escape(match.group(1)), stop=self.answer_line) or 1
                rows.append({"document_id": document_id, "cited_question_number": match.group(1),
                             "cited_question_date": self.date(number, match.group(2)).isoformat(),
                             "source_quote": sentence, "source_section": QUESTION_SECTION})
        return rows

    def total(self, kind: str, line_number: int, table: str, total_kind: str, key: str, value: int) -> Row:
        return {**self.base, "source_section": self.section(kind, line_number), "table_name": table,
                "total_kind": total_kind, "total_key": key, "published_value": str(value)}

    # ------------------------------------------------------------------ the month and theme tables

    def table_rows(self, heading: str, total_label: str, what: str) -> tuple[int, list[tuple[int, str]], tuple[int, str]]:
        start = self.lines.find(heading, start=self.answer_line)
        if start is None:
            raise AnswerError(None, "", f"no {what} (a heading like {heading.strip('^$')!r})")
        stop = self.lines.find(rf"^\s*{total_label}\s+({NUMBER})\s*$", start=start + 1)
        if stop is None:
            raise AnswerError(start, self.lines[start], f"the {what} has no '{total_label} N' line")
        rows = logical_rows(self.lines, start + 1, stop - 1)
        self.consumed.update(range(start, stop + 1))
        return start, rows, (stop, self.lines[stop])

    def month_table(self, year: int) -> tuple[list[Row], list[Row]]:
        start, rows, (stop, total_line) = self.table_rows(r"^\s*MAAND\s+AANTAL", "Som", "month table")
        out, seen = [], {}
        for number, line in rows:
            parts = line.split()
            if len(parts) != 3 or parts[0].lower() not in DUTCH_MONTHS or not re.fullmatch(r"\d{4}", parts[1]):
                raise AnswerError(number, line, "a month row must read 'Maand JJJJ N'")
            figures = parts[2:]
            if parts[1] != str(year):
                raise AnswerError(number, line, f"the month is not in the report year {year}")
            month = parts[0].lower()
            if month in seen:
                raise AnswerError(number, line, f"{parts[0]} is printed twice (first on line {seen[month]})")
            seen[month] = number
            out.append({**self.base, "source_section": self.section("month", start),
                        "month_label_nl": f"{month.capitalize()} {year}",
                        "contacts": str(figures_of(number, line, figures)[0])})
        if len(out) != 12:
            missing = [m for m in DUTCH_MONTHS if m not in seen]
            raise AnswerError(start, self.lines[start], f"the month table has {len(out)} months; missing: "
                              + ", ".join(missing))
        total = figures_of(stop, total_line, split_figures(collapse(total_line))[1])[0]
        require_sum(stop, total_line, [int(r["contacts"]) for r in out], total, "month table")
        return out, [self.total("month", start, "contacts_by_month", "year_total", "", total)]

    def theme_table(self) -> tuple[list[Row], list[Row]]:
        start, rows, (stop, total_line) = self.table_rows(r"^\s*THEMA\s+TOTAAL", "TOTAAL", "theme table")
        out = []
        for position, (number, line) in enumerate(rows, start=1):
            label, figures = split_figures(line)
            known = {name.lower(): name for name in self.reference.themes}
            if len(figures) != 1:
                raise AnswerError(number, line, "a theme row must read 'Thema N'")
            if label.lower() not in known:
                raise AnswerError(number, line, f"unknown theme {label!r}: add it to "
                                  "seeds/vlaams_parlement/themes.csv (theme_code, labels) first")
            if any(r["theme_label_nl"] == known[label.lower()] for r in out):
                raise AnswerError(number, line, f"theme {label!r} is printed twice")
            out.append({**self.base, "source_section": self.section("theme", start), "printed_position": str(position),
                        "theme_label_nl": known[label.lower()], "contacts": str(figures_of(number, line, figures)[0])})
        total = figures_of(stop, total_line, split_figures(collapse(total_line))[1])[0]
        require_sum(stop, total_line, [int(r["contacts"]) for r in out], total, "theme table")
        return out, [self.total("theme", start, "contacts_by_theme", "year_total", "", total)]

    # ------------------------------------------------------------------ age x gender

    def age_gender_table(self) -> tuple[list[Row], list[Row]]:
        genders = list(self.reference.genders)
        header = None
        for number in range(self.answer_line, len(self.lines) + 1):
            words = collapse(self.lines[number])
            if words.endswith(" Som") and sum(1 for g in genders if re.search(rf"\b{re.escape(g)}\b", words)) >= 2:
                header = number
                break
        if header is None:
            raise AnswerError(None, "", "no age x gender table (a header line of genders ending in 'Som')")
        columns = collapse(self.lines[header]).split()[:-1]
        unknown = [c for c in columns if c not in self.reference.genders]
        if unknown:
            raise AnswerError(header, self.lines[header], f"unknown gender {unknown[0]!r}: add it to "
                              "seeds/vlaams_parlement/genders.csv first")
        stop = self.lines.find(rf"^\s*Som(\s+({NUMBER}))+\s*$", start=header + 1)
        if stop is None:
            raise AnswerError(header, self.lines[header], "the age x gender table has no 'Som' line")
        self.consumed.update(range(header, stop + 1))
        section = self.section("age_gender", header)
        printed: list[tuple[int, str, list[int], int]] = []
        for number, line in logical_rows(self.lines, header + 1, stop - 1):
            label = match_label(line, list(self.reference.age_groups))
            if label is None:
                raise AnswerError(number, line, "unknown age group: add it to seeds/vlaams_parlement/age_groups.csv first")
            figures = figures_of(number, line, line[len(label):].split())
            if len(figures) < 2:
                raise AnswerError(number, line, "an age row must print its cells and its row total")
            require_sum(number, line, figures[:-1], figures[-1], f"age group {label!r}")
            printed.append((number, label, figures[:-1], figures[-1]))
        sums = figures_of(stop, self.lines[stop], collapse(self.lines[stop]).split()[1:])
        if len(sums) != len(columns) + 1:
            raise AnswerError(stop, self.lines[stop], f"the 'Som' line prints {len(sums)} figures; "
                              f"expected {len(columns)} column sums and the total")
        require_sum(stop, self.lines[stop], sums[:-1], sums[-1], "age x gender column sums")
        require_sum(stop, self.lines[stop], [total for *_, total in printed], sums[-1], "age x gender row totals")
        placement = place_cells(printed, columns, sums[:-1], header, self.lines[header])
        rows, totals = [], []
        for number, label, values, total in printed:
            for position, value in enumerate(values, start=1):
                rows.append({**self.base, "source_section": section, "age_group_label_nl": label,
                             "printed_position": str(position), "gender_label_nl": placement[(label, position)],
                             "contacts": str(value)})
            totals.append(self.total("age_gender", header, "contacts_by_age_gender", "row_total", label, total))
        for gender, value in zip(columns, sums):
            totals.append(self.total("age_gender", header, "contacts_by_age_gender", "column_total", gender, value))
        totals.append(self.total("age_gender", header, "contacts_by_age_gender", "year_total", "", sums[-1]))
        return rows, totals

    # ------------------------------------------------------------------ caller type x theme

    def caller_table(self, theme_rows: list[Row]) -> tuple[list[Row], list[Row], list[Row]]:
        heading = self.lines.find(r"Wie belt/e-mailt waarover\?", start=self.answer_line)
        if heading is None:
            raise AnswerError(None, "", "no caller table (heading 'Wie belt/e-mailt waarover?')")
        # The column totals: the last line of figures alone before the next part of the answer (a
        # wrapped row's figures also stand alone on a line, but never last).
        next_part = min([first for first, _ in self.sections if first > heading] + [len(self.lines) + 1])
        figure_lines = [n for n in range(heading + 1, next_part)
                        if re.fullmatch(rf"\s*({NUMBER})(\s+({NUMBER})){{2,}}\s*", self.lines[n])]
        totals_line = figure_lines[-1] if figure_lines else None
        if totals_line is None:
            raise AnswerError(heading, self.lines[heading], "the caller table has no line of column totals")
        self.consumed.update(range(heading, totals_line + 1))
        self.narrative_start = totals_line + 1
        section = self.section("caller", heading)
        tokens = [(number, word) for number in range(heading + 1, totals_line)
                  for word in self.lines[number].split()]
        rows = self.caller_rows(tokens)
        values, totals = [], []
        for number, code, figures in rows:
            line = self.lines[number]
            if len(figures) < 1:
                raise AnswerError(number, line, f"caller type {code} prints no figures")
            if len(figures) > 1:
                require_sum(number, line, figures[:-1], figures[-1], f"caller type {code}")
            for position, value in enumerate(figures[:-1], start=1):
                values.append({**self.base, "source_section": section, "caller_type_code": code,
                               "printed_position": str(position), "contacts": str(value)})
            totals.append(self.total("caller", heading, "caller_theme", "row_total", code, figures[-1]))
        column_line = self.lines[totals_line]
        figures = figures_of(totals_line, column_line, column_line.split())
        require_sum(totals_line, column_line, figures[:-1], figures[-1], "caller table column totals")
        require_sum(totals_line, column_line, [int(t["published_value"]) for t in totals], figures[-1],
                    "caller table row totals")
        for position, value in enumerate(figures[:-1], start=1):
            totals.append(self.total("caller", heading, "caller_theme", "column_total", str(position), value))
        totals.append(self.total("caller", heading, "caller_theme", "year_total", "", figures[-1]))
        columns = self.caller_columns(figures[:-1], theme_rows, totals_line)
        return values, columns, totals

    def caller_rows(self, tokens: list[tuple[int, str]]) -> list[tuple[int, str, list[int]]]:
        """(line, caller type code, figures) per row; headings set nothing but are checked."""
        headings = {h.lower(): h for h in self.reference.caller_headings}
        labels = {code: label.lower().split() for code, label in self.reference.caller_types.items()}
        rows: list[tuple[int, str, list[int]]] = []
        i = 0
        while i < len(tokens):
            number, word = tokens[i]
            code = None
            if re.fullmatch(r"\d{4}", word) and i + 1 < len(tokens) and tokens[i + 1][1] == "-":
                code, i = word, i + 2
            elif word in self.reference.caller_types and not re.fullmatch(r"\d+", word):
                code, i = word, i + 1          # a row printed without a number, such as 'Leeg'
            else:
                heading = self.heading_at(tokens, i, headings)
                if heading is None:
                    raise AnswerError(number, self.lines[number], f"cannot read {word!r} in the caller table: "
                                      "not a caller type code, a known row or a group heading")
                i += heading
                continue
            if code not in self.reference.caller_types:
                raise AnswerError(number, self.lines[number], f"unknown caller type {code}: add it to "
                                  "seeds/vlaams_parlement/caller_types.csv first")
            label_words = labels[code] if re.fullmatch(r"\d{4}", code) else []
            printed = [w.lower() for _, w in tokens[i:i + len(label_words)]]
            if printed != label_words:
                raise AnswerError(number, self.lines[number], f"caller type {code} is labelled "
                                  f"{' '.join(printed)!r} here, {' '.join(label_words)!r} in caller_types.csv")
            i += len(label_words)
            figures = []
            while i < len(tokens) and NUMBER_TOKEN.match(tokens[i][1]) and not (
                    re.fullmatch(r"\d{4}", tokens[i][1]) and i + 1 < len(tokens) and tokens[i + 1][1] == "-"):
                figures.append(figures_of(tokens[i][0], self.lines[tokens[i][0]], [tokens[i][1]])[0])
                i += 1
            rows.append((number, code, figures))
        codes = [code for _, code, _ in rows]
        doubled = {c for c in codes if codes.count(c) > 1}
        if doubled:
            line = next(n for n, c, _ in rows if c in doubled)
            raise AnswerError(line, self.lines[line], f"caller type {sorted(doubled)[0]} is printed twice")
        return rows

    def heading_at(self, tokens: list[tuple[int, str]], i: int, headings: dict[str, str]) -> int | None:
        """How many tokens a group heading starting at i takes, or None."""
        for heading in sorted(headings, key=len, reverse=True):
            words = heading.split()
            if [w.lower() for _, w in tokens[i:i + len(words)]] == words:
                return len(words)
        return None

    def caller_columns(self, column_totals: list[int], theme_rows: list[Row], line_number: int) -> list[Row]:
        """Each column's theme(s): the themes whose total equals the column's total."""
        section = self.section("caller_columns", line_number)
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
                             "theme_code": self.reference.themes[label], "matching_basis": basis})
        return rows

    # ------------------------------------------------------------------ narrative

    def paragraphs(self) -> list[tuple[int, int, str]]:
        """(first line, last line, collapsed text) of each paragraph after the tables."""
        out, start = [], None
        for number in range(self.narrative_start, len(self.lines) + 2):
            blank = number > len(self.lines) or not self.lines[number].strip()
            if blank and start is not None:
                out.append((start, number - 1, collapse(self.lines.text(start, number - 1))))
                start = None
            elif not blank and start is None:
                start = number
        return out

    def line_of(self, first: int, last: int, phrase: str) -> int:
        """The line of a paragraph where `phrase` (collapsed) starts."""
        target = phrase.split()[0] if phrase.split() else ""
        for number in range(first, last + 1):
            if target and target in self.lines[number]:
                return number
        return first

    pilot_paragraph: tuple[int, int, str, list[tuple[int, int]]] | None = None

    def evening_pilot(self, year: int) -> tuple[list[Row], list[Row], list[Row]]:
        """The evening pilot's paragraph: legitimate calls per month and theme, the decision."""
        pattern = rf"({NUMBER}) [“\"]?terechte[”\"]? oproepen"
        found = [(first, last, text) for first, last, text in self.paragraphs()
                 if "avondpermanentie" in text and re.search(pattern, text)]
        if not found:
            return [], [], []
        first, last, text = found[0]
        self.consumed.update(range(first, last + 1))
        spans = [m.span() for m in re.finditer(rf"liep van .*? tot en met \w+ \d{{4}}|{pattern}|{PILOT_MONTH}", text)]
        self.pilot_paragraph = (first, last, text, spans)
        section = self.section("pilot_calls", first)
        period = re.search(r"liep van (\w+) (\d{4}) tot en met (\w+) (\d{4})", text)
        if not period or period.group(1).lower() not in DUTCH_MONTHS or period.group(3).lower() not in DUTCH_MONTHS:
            raise AnswerError(first, self.lines[first], "the evening pilot's period ('liep van MAAND JJJJ tot en met "
                              "MAAND JJJJ') cannot be read")
        start = dt.date(int(period.group(2)), DUTCH_MONTHS.index(period.group(1).lower()) + 1, 1)
        end_month = DUTCH_MONTHS.index(period.group(3).lower()) + 1
        end = dt.date(int(period.group(4)), end_month, calendar.monthrange(int(period.group(4)), end_month)[1])
        pilot_code = f"evening_phone_{year}"
        total = dutch_int(re.search(pattern, text).group(1))
        themes = {label.lower(): code for label, code in self.reference.themes.items()}
        calls, month_totals = [], []
        for match in re.finditer(PILOT_MONTH, text):
            month_name = match.group(2).lower()
            line = self.line_of(first, last, match.group(0))
            if month_name not in DUTCH_MONTHS:
                raise AnswerError(line, self.lines[line], f"{match.group(2)!r} is not a Dutch month name")
            month = next((dt.date(y, DUTCH_MONTHS.index(month_name) + 1, 1) for y in range(start.year, end.year + 1)
                          if start <= dt.date(y, DUTCH_MONTHS.index(month_name) + 1, 1) <= end), None)
            if month is None:
                raise AnswerError(line, self.lines[line], f"{match.group(2)} is outside the pilot's period")
            count = dutch_int(match.group(1))
            parts = []
            for detail in re.split(r",\s*|\s+en\s+(?=\S+ rond )", match.group(3) or ""):
                part = re.fullmatch(rf"({NUMBER}) rond (.+)", detail.strip())
                if not part:
                    raise AnswerError(line, self.lines[line], f"cannot read {detail!r} as 'N rond THEMA'")
                phrase = part.group(2).strip()
                theme = themes.get(re.sub(r"^(een|de|het) ", "", phrase.lower()))
                if theme is None:
                    raise AnswerError(line, self.lines[line], f"{phrase!r} names no theme of themes.csv")
                parts.append(dutch_int(part.group(1)))
                calls.append({**self.base, "source_section": section, "pilot_code": pilot_code,
                              "month_start_date": month.isoformat(), "theme_phrase_nl": phrase,
                              "theme_code": theme, "legitimate_calls": str(parts[-1])})
            require_sum(line, self.lines[line], parts, count, f"evening pilot, {match.group(2)}")
            month_totals.append(self.total("pilot_calls", first, "evening_pilot", "month_total",
                                           month.strftime("%Y-%m"), count))
        require_sum(first, self.lines[first], [int(t["published_value"]) for t in month_totals], total,
                    "evening pilot months")
        month_totals.append(self.total("pilot_calls", first, "evening_pilot", "pilot_total", "", total))
        return [self.pilot_row(pilot_code, start, end, text, first)], calls, month_totals

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

    def narrative_facts(self, answer: Answer) -> list[Row]:
        """Every count in the paragraphs after the tables, with the sentence it stands in."""
        facts: list[Row] = []
        codes: dict[str, int] = {}
        if self.pilot_paragraph:
            first, last, text, spans = self.pilot_paragraph
            for token, _, start in counts(text, answer.report_year):
                if not any(a <= start < b for a, b in spans):
                    line = self.line_of(first, last, text[start:])
                    answer.unread.append((line, token, collapse(self.lines[line])))
        for first, last, text in self.paragraphs():
            if first in self.consumed:
                continue
            lowered = text.lower()
            topic = next((name for name, words in TOPIC_WORDS if any(w in lowered for w in words)), "other")
            for sentence in sentences(text):
                for token, unit, start in counts(sentence, answer.report_year):
                    line = self.line_of(first, last, sentence[start:])
                    if unit is None:
                        answer.unread.append((line, token, collapse(self.lines[line])))
                        continue
                    code = f"{topic}_{slug(unit)}"
                    codes[code] = codes.get(code, 0) + 1
                    facts.append({"fact_code": code if codes[code] == 1 else f"{code}_{codes[code]}",
                                  **self.base, "source_section": self.section("narrative", first), "topic": topic,
                                  "value_integer": str(token_value(token)), "unit": unit,
                                  "source_quote": sentence})
        return facts


# --------------------------------------------------------------------------- narrative figures


def sentences(text: str) -> list[str]:
    """Sentences of collapsed text; abbreviations and Dutch thousands do not end one."""
    protected = text
    for abbreviation in ABBREVIATIONS:
        protected = protected.replace(abbreviation, abbreviation.replace(".", "\0"))
    parts = re.split(r"(?<=[.?!])\s+(?=[A-Z0-9“\"‘(])", protected)
    return [part.replace("\0", ".").strip() for part in parts if part.strip()]


COUNT = re.compile(rf"(?<![\w.,/-])({NUMBER}|{'|'.join(NUMBER_WORDS)})(?![\w-]|[.,]\d)", re.IGNORECASE)


TIME_OF_DAY = re.compile(r"\d{1,2}(?:h\s+en\s+\d{1,2}h|\s+en\s+\d{1,2}\s+uur)")
TIME_OF_DAY_END = re.compile(r"\d{1,2}(?:h|\s+uur)\W{0,3}$")


def counts(sentence: str, report_year: int) -> list[tuple[str, str | None, int]]:
    """(figure as printed, the noun it counts or None when unread, position) in a sentence.

    Years (four digits within 50 of the report year), times of day ("17h",
    "tussen 17 en 19 uur"), dates ("1 oktober") and the helpline's own number
    1712 are not figures. A number followed by no
    noun (a telephone number, an age range) is returned with unit None: it is
    printed, not taken, and add_answer lists it.
    """
    out = []
    for match in COUNT.finditer(sentence):
        token = match.group(1)
        after = sentence[match.end():]
        word = re.match(r"\s+[“\"‘]?([^\W\d][\w-]*)", after)
        unit = word.group(1).lower() if word else None
        if token.isdigit() and len(token) == 4 and (abs(int(token) - report_year) <= 50 or token == "1712"):
            continue
        if match.start() == 0 and after.startswith("."):
            continue                                    # the number of a part of the answer: "3. In 2018"
        if unit in DUTCH_MONTHS or TIME_OF_DAY.match(sentence[match.start():]) or TIME_OF_DAY_END.search(
                sentence[:match.end()] + after[:4]):
            continue
        if unit in NOT_A_UNIT or unit in NUMBER_WORDS:
            unit = None
        if token.lower() in NUMBER_WORDS and unit is None:
            continue
        out.append((token, unit, match.start()))
    return out


def token_value(token: str) -> int:
    return NUMBER_WORDS.get(token.lower()) or dutch_int(token)


def slug(word: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", word.lower()).strip("_")


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

    table = CrossTable.from_printed([(label, values, total) for _, label, values, total in printed], sums, columns)
    try:
        analysis = analyse(table)
    except InfeasibleTableError as error:
        raise AnswerError(line_number, line, f"no placement of the age x gender cells meets the sums: {error}") from None
    if not analysis.is_exact:
        raise AnswerError(line_number, line, "the placement of the age x gender cells was not decided in time")
    placement = {}
    for option in analysis.values:
        if len(option.positions) != 1:
            fits = ", ".join(columns[p - 1] for p in option.positions)
            raise AnswerError(line_number, line, f"age group {option.row_key!r}: value {option.value} at printed "
                              f"position {option.index} fits columns {fits}; the sums do not decide")
        placement[(option.row_key, option.index)] = columns[option.positions[0] - 1]
    return placement


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
    answer = AnswerReader(text, reference, source_file).read()
    answer.unread.sort()
    return answer
