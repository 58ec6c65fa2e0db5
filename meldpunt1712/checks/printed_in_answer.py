"""Every figure of the seeds, found in the source document where it is printed.

The published totals catch a figure that no longer adds up, but not everything
does: two values of a caller row swapped keep every total, and the narrative
figures (31 chat conversations, 11.000 leaflets) have no total at all. So this
check renders each seed row the way the answer prints it ("Januari 2018 465",
"1100 - slachtoffer zelf 154 15 413 ... 1.168", "Er zijn momenteel 31
chatgesprekken geregistreerd") and looks for it in the document's text, whose
whitespace is collapsed so that wrapped rows read as one line. Each table is
also looked for as a whole block, in order, so that a dropped, doubled or
moved row is caught even when every single row is still printed somewhere.

Nothing here holds a figure: the figures come from the seeds, the text from
`source/`. What is typed in is the document's layout: the table headings and
Dutch month names. The narrative rows (service_facts, cited_questions,
evening_pilots, unread_figures) are sentences, not table rows: they are
compared, both ways, with what add_answer's reader takes from the same text,
so a narrative figure needs no rule of its own in any year.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from meldpunt1712.checks.finding import CheckResult
from meldpunt1712.checks.seed_files import Row, Seeds, dutch_number, whole_number, yearly_seeds

LAYER = "source text"

DUTCH_MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni", "juli",
    "augustus", "september", "oktober", "november", "december",
)
# Reference labels printed as row labels of a table (the others are rendered in the rows above).
REFERENCE_LABELS = (("themes", "theme_label_nl"), ("age_groups", "age_group_label_nl"))

# Headings the answer prints above its tables (layout, not figures).
MONTH_HEADING = "MAAND AANTAL OPROEPEN"
MONTH_TOTAL_LABEL = "Som"
THEME_HEADING = "THEMA TOTAAL"
THEME_TOTAL_LABEL = "TOTAAL"
AGE_GENDER_TOTAL_LABEL = "Som"
CALLER_HEADING = "Wie belt/e-mailt waarover?"


def normalise(text: str) -> str:
    """Collapse every run of whitespace (line breaks, page breaks) into one space."""
    return " ".join(text.split())


def find(text: str, phrase: str) -> int:
    """Where `phrase` starts in `text` as whole words, or -1.

    "465" does not match inside "4651", nor "5" inside "5.126"; punctuation
    may follow ("partnergeweld;").
    """
    start = text.find(phrase)
    while start >= 0:
        end = start + len(phrase)
        before_ok = start == 0 or text[start - 1].isspace()
        after = text[end:end + 2]
        after_ok = (not after or after[0].isspace() or after[0] in ";:,)"
                    or (after[0] == "." and not after[1:2].isdigit()))
        if before_ok and after_ok:
            return start
        start = text.find(phrase, start + 1)
    return -1


def contains(text: str, phrase: str) -> bool:
    return bool(phrase) and find(text, phrase) >= 0


def dutch_date(iso_date: str) -> str:
    """2019-04-15 -> "15 april 2019", as the answer writes dates."""
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", (iso_date or "").strip())
    if not match:
        return f"<not a date: {iso_date!r}>"
    year, month, day = (int(part) for part in match.groups())
    if not 1 <= month <= 12:
        return f"<not a date: {iso_date!r}>"
    return f"{day} {DUTCH_MONTHS[month - 1]} {year}"


def as_int(text: str, default: int = 10**9) -> int:
    number = whole_number(text)
    return default if number is None else number


# --------------------------------------------------------------------------- printed tables


@dataclass
class PrintedLine:
    """One row as the answer prints it, rendered from seed rows."""

    text: str
    seeds: tuple[str, ...]
    what: str
    label: str = ""


@dataclass
class PrintedTable:
    """A table (or paragraph) of the answer, rendered from the seeds, in printed order."""

    name: str
    heading: str
    lines: list[PrintedLine] = field(default_factory=list)
    separator: str = " "
    suffix: str = ""

    @property
    def seeds(self) -> tuple[str, ...]:
        names: list[str] = []
        for line in self.lines:
            names.extend(name for name in line.seeds if name not in names)
        return tuple(names)

    def block(self) -> str:
        body = self.separator.join(line.text for line in self.lines) + self.suffix
        return f"{self.heading} {body}".strip() if self.heading else body


def number_text(row: Row, column: str, problems: list[str], what: str) -> str:
    """A figure of a seed row as the answer prints it; notes a figure that is not a whole number."""
    value = whole_number(row.get(column, ""))
    if value is None:
        problems.append(f"{what}: {column} {row.get(column, '')!r} is not a whole number "
                        f"(write a Dutch 5.126 as 5126)")
        return f"<{row.get(column, '')!r}>"
    return dutch_number(value)


class TotalsLookup:
    """The published totals of one report year, by (table_name, total_kind, total_key)."""

    def __init__(self, rows: list[Row]):
        self.rows: dict[tuple[str, str, str], Row] = {}
        self.doubles: list[tuple[str, str, str]] = []
        for row in rows:
            key = (row.get("table_name", ""), row.get("total_kind", ""), row.get("total_key", ""))
            if key in self.rows:
                self.doubles.append(key)
            self.rows[key] = row
        self.used: set[tuple[str, str, str]] = set()

    def get(self, table: str, kind: str, key: str = "") -> Row | None:
        self.used.add((table, kind, key))
        return self.rows.get((table, kind, key))

    def keys(self, table: str, kind: str) -> list[str]:
        return [key for (t, k, key) in self.rows if t == table and k == kind]


def total_text(totals: TotalsLookup, table: str, kind: str, key: str, problems: list[str]) -> str:
    row = totals.get(table, kind, key)
    what = f"published_totals {table} {kind} {key}".strip()
    if row is None:
        return "<missing total>"
    return number_text(row, "published_value", problems, what)


def labelled_table(name: str, heading: str, seed: str, label_column: str, order: Callable[[Row], int],
                   rows: list[Row], totals: TotalsLookup, total_label: str, problems: list[str]) -> PrintedTable:
    """A table of `label figure` rows and a total line (the month and the theme table)."""
    table = PrintedTable(name, heading)
    for row in sorted(rows, key=order):
        label = row.get(label_column, "")
        figure = number_text(row, "contacts", problems, f"{seed} row {label}")
        table.lines.append(PrintedLine(f"{label} {figure}", (seed,), f"row {label}", label))
    total = total_text(totals, seed, "year_total", "", problems)
    table.lines.append(PrintedLine(f"{total_label} {total}", ("published_totals",), f"{seed} year_total",
                                   total_label))
    return table


def month_order(row: Row) -> int:
    first = row.get("month_label_nl", "").split(" ")[0].lower()
    return DUTCH_MONTHS.index(first) if first in DUTCH_MONTHS else 99


def month_table(rows: list[Row], totals: TotalsLookup, problems: list[str]) -> PrintedTable:
    return labelled_table("month table", MONTH_HEADING, "contacts_by_month", "month_label_nl", month_order,
                          rows, totals, MONTH_TOTAL_LABEL, problems)


def theme_table(rows: list[Row], totals: TotalsLookup, problems: list[str]) -> PrintedTable:
    return labelled_table("theme table", THEME_HEADING, "contacts_by_theme", "theme_label_nl",
                          lambda r: as_int(r.get("printed_position", "")), rows, totals, THEME_TOTAL_LABEL, problems)


def age_gender_table(seeds: Seeds, cells: list[Row], totals: TotalsLookup,
                     problems: list[str]) -> PrintedTable:
    genders = sorted(seeds.rows("genders"), key=lambda r: as_int(r.get("sort_order", "")))
    gender_labels = [g.get("gender_label_nl", "") for g in genders]
    header = " ".join(gender_labels + [AGE_GENDER_TOTAL_LABEL])
    table = PrintedTable("age x gender table", "")
    table.lines.append(PrintedLine(header, ("genders",), "column headings", ""))

    age_order = [a.get("age_group_label_nl", "") for a in
                 sorted(seeds.rows("age_groups"), key=lambda r: as_int(r.get("sort_order", "")))]
    labels = [label for label in age_order
              if any(c.get("age_group_label_nl") == label for c in cells)
              or totals.rows.get(("contacts_by_age_gender", "row_total", label))]
    labels += sorted({c.get("age_group_label_nl", "") for c in cells} - set(labels))
    for label in labels:
        row_cells = sorted((c for c in cells if c.get("age_group_label_nl") == label),
                           key=lambda c: as_int(c.get("printed_position", "")))
        figures = [number_text(c, "contacts", problems, f"contacts_by_age_gender {label} x "
                               f"{c.get('gender_label_nl', '')}") for c in row_cells]
        figures.append(total_text(totals, "contacts_by_age_gender", "row_total", label, problems))
        table.lines.append(PrintedLine(" ".join([label, *figures]),
                                       ("contacts_by_age_gender", "published_totals", "age_groups"),
                                       f"row {label}", label))

    column_keys = totals.keys("contacts_by_age_gender", "column_total")
    ordered = [g for g in gender_labels if g in column_keys] + [k for k in column_keys if k not in gender_labels]
    figures = [total_text(totals, "contacts_by_age_gender", "column_total", key, problems) for key in ordered]
    figures.append(total_text(totals, "contacts_by_age_gender", "year_total", "", problems))
    table.lines.append(PrintedLine(" ".join([AGE_GENDER_TOTAL_LABEL, *figures]), ("published_totals",),
                                   "column totals line", AGE_GENDER_TOTAL_LABEL))
    return table


def caller_label(row: Row) -> str:
    code, label = row.get("caller_type_code", ""), row.get("caller_type_label_nl", "")
    return label if code == label else f"{code} - {label}"


def caller_table(seeds: Seeds, values: list[Row], totals: TotalsLookup,
                 problems: list[str]) -> PrintedTable:
    types = sorted(seeds.rows("caller_types"), key=lambda r: as_int(r.get("sort_order", "")))
    groups = {g.get("caller_group_code", ""): g for g in seeds.rows("caller_groups")}
    printed_codes = {v.get("caller_type_code", "") for v in values} | set(totals.keys("caller_theme", "row_total"))
    known = [t for t in types if t.get("caller_type_code") in printed_codes]
    unknown = sorted(printed_codes - {t.get("caller_type_code", "") for t in types})
    known += [{"caller_type_code": code, "caller_type_label_nl": f"<code {code} not in caller_types>"}
              for code in unknown]

    table = PrintedTable("caller type table", CALLER_HEADING)
    current_group = None
    for caller_type in known:
        group_code = caller_type.get("caller_group_code", "")
        group = groups.get(group_code)
        if group_code != current_group and group and group.get("is_heading_printed", "").lower() == "true":
            heading = group.get("caller_group_label_nl", "")
            table.lines.append(PrintedLine(heading, ("caller_groups",), f"group heading {heading}", heading))
        current_group = group_code
        code = caller_type.get("caller_type_code", "")
        row_values = sorted((v for v in values if v.get("caller_type_code") == code),
                            key=lambda v: as_int(v.get("printed_position", "")))
        figures = [number_text(v, "contacts", problems, f"caller_theme_printed_values {code} "
                               f"#{v.get('printed_position', '')}") for v in row_values]
        figures.append(total_text(totals, "caller_theme", "row_total", code, problems))
        label = caller_label(caller_type)
        table.lines.append(PrintedLine(" ".join([label, *figures]),
                                       ("caller_theme_printed_values", "published_totals", "caller_types"),
                                       f"caller type {code}", label))

    positions = sorted(totals.keys("caller_theme", "column_total"), key=as_int)
    figures = [total_text(totals, "caller_theme", "column_total", key, problems) for key in positions]
    figures.append(total_text(totals, "caller_theme", "year_total", "", problems))
    table.lines.append(PrintedLine(" ".join(figures), ("published_totals",), "column totals line", ""))
    return table


def evening_pilot_paragraph(calls: list[Row], totals: TotalsLookup, problems: list[str]) -> PrintedTable:
    months = sorted({c.get("month_start_date", "")[:7] for c in calls} | set(totals.keys("evening_pilot", "month_total")))
    pilot_total = total_text(totals, "evening_pilot", "pilot_total", "", problems)
    table = PrintedTable("evening pilot paragraph", "", separator="; ", suffix=".")
    for month in months:
        month_calls = [c for c in calls if c.get("month_start_date", "")[:7] == month]
        items = []
        for call in month_calls:
            what = f"evening_pilot_calls {month} {call.get('theme_code', '')}"
            items.append(f"{number_text(call, 'legitimate_calls', problems, what)} rond {call.get('theme_phrase_nl', '')}")
        listed = items[0] if len(items) == 1 else ", ".join(items[:-1]) + " en " + items[-1] if items else ""
        number = whole_number(month[5:7]) if len(month) == 7 else None
        month_name = DUTCH_MONTHS[number - 1] if number and 1 <= number <= 12 else f"<month {month}>"
        month_total = total_text(totals, "evening_pilot", "month_total", month, problems)
        table.lines.append(PrintedLine(
            f"{month_total} oproepen tijdens de avondpermanenties in {month_name} waarvan {listed}",
            ("evening_pilot_calls", "published_totals"), f"month {month}",
            f"oproepen tijdens de avondpermanenties in {month_name} waarvan"))
    table.heading = f"heeft 1712 {pilot_total} “terechte” oproepen ontvangen:"
    return table


# --------------------------------------------------------------------------- what only the reader knows


# The seeds whose rows are sentences of the answer rather than table rows: they are compared
# with what add_answer's reader takes from the same text, row by row, both ways.
READ_SEEDS = {
    "service_facts": ("fact_code",),
    "cited_questions": ("cited_question_number",),
    "evening_pilots": ("pilot_code",),
    "unread_figures": ("line_number", "figure"),
}


def check_read_rows(seeds: Seeds, raw_text: str, document: Row, year: int | None, label: str) -> list[CheckResult]:
    """The narrative rows of one document against what the answer's reader takes from its text."""
    from meldpunt1712.add_answer import unread_rows
    from meldpunt1712.answer_text import AnswerError, Reference, read_answer

    reference = Reference.from_seeds(seeds.rows)
    document_id = document.get("document_id", "")
    try:
        answer = read_answer(raw_text, reference, document.get("source_file", ""))
    except AnswerError as error:
        return [CheckResult(LAYER, "source_documents.csv", f"document {document_id}: {label} can be read", False,
                            observed=str(error), expected="an answer in the format add_answer reads",
                            report_year=year)]
    # The document's id is the seeds' own name for the file; the reader's id is only a convention.
    printed = {seed: [{**row, "document_id": document_id} if "document_id" in row else row for row in rows]
               for seed, rows in dict(answer.rows, unread_figures=unread_rows(answer)).items()}
    results = []
    for seed, key in READ_SEEDS.items():
        def keyed(rows: list[Row]) -> dict[tuple[str, ...], Row]:
            return {tuple(row.get(k, "") for k in key): row for row in rows
                    if row.get("document_id") == document_id}
        seeded, read = keyed(seeds.rows(seed)), keyed(printed.get(seed, []))
        for row_key in sorted(set(seeded) | set(read)):
            name = " ".join(row_key)
            if row_key not in read:
                results.append(CheckResult(
                    LAYER, f"{seed}.csv", f"row {name}: printed in {label}", False,
                    observed=f"seeded: {seeded[row_key]}", expected="no such row in the answer", report_year=year))
            elif row_key not in seeded:
                results.append(CheckResult(
                    LAYER, f"{seed}.csv", f"row {name}: the answer prints it, the seed has it", False,
                    observed="no row", expected=f"{read[row_key]}", report_year=year,
                    detail="a row was dropped or renamed; `python -m meldpunt1712.add_answer` writes it"))
            else:
                differ = {column: (seeded[row_key].get(column, ""), value)
                          for column, value in read[row_key].items() if seeded[row_key].get(column, "") != value}
                results.append(CheckResult(
                    LAYER, f"{seed}.csv", f"row {name}: as printed in {label}", not differ,
                    observed="; ".join(f"{c} {v[0]!r}" for c, v in differ.items()) or "as printed",
                    expected="; ".join(f"{c} {v[1]!r}" for c, v in differ.items()) or "as printed",
                    report_year=year))
    return results


# --------------------------------------------------------------------------- the check


def source_snippet(text: str, line: PrintedLine) -> str:
    """What the document prints where the rendered line should stand (same label, same length)."""
    words = line.text.split()
    if line.label:
        start = find(text, line.label)
        if start < 0:
            return f"no row {line.label!r} in the document"
        words_before = len(line.text[:line.text.find(line.label)].split())
        preceding = text[:start].split()
        following = text[start:].split()
        return " ".join(preceding[len(preceding) - words_before:] + following[:len(words) - words_before])
    for length in range(len(words) - 1, 0, -1):
        start = find(text, " ".join(words[:length]))
        if start >= 0:
            return " ".join(text[start:].split()[:len(words)])
    return "not in the document"


def describe_difference(source_words: list[str], rendered_words: list[str]) -> str:
    """The first differences between the document's and the seeds' version of a table."""
    matcher = difflib.SequenceMatcher(None, source_words, rendered_words, autojunk=False)
    parts = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        before = " ".join(source_words[max(0, i1 - 3):i1])
        printed = " ".join(source_words[i1:i2]) or "nothing"
        seeded = " ".join(rendered_words[j1:j2]) or "nothing"
        parts.append(f"after '{before}' the document prints '{printed}', the seeds give '{seeded}'")
        if len(parts) == 3:
            break
    return "; ".join(parts)


def check_table(text: str, table: PrintedTable, year: int, source_file: str) -> list[CheckResult]:
    results = []
    seeds_named = " + ".join(f"{name}.csv" for name in table.seeds)
    all_found = True
    for line in table.lines:
        found = contains(text, line.text)
        all_found &= found
        results.append(CheckResult(
            LAYER, " + ".join(f"{name}.csv" for name in line.seeds),
            f"{table.name}, {line.what}: printed in {source_file}", found,
            observed=line.text if not found else "printed as in the document",
            expected=source_snippet(text, line) if not found else line.text,
            report_year=year,
            detail="" if found else "the seed row(s) differ from the document: correct the seed",
        ))
    block = table.block()
    block_found = contains(text, block)
    if all_found and not block_found:
        heading = table.heading or table.lines[0].text
        start = find(text, heading)
        source_words: list[str] = []
        if start >= 0:
            rest = text[start:]
            last = table.lines[-1].text
            end = find(rest, last)
            rest = rest[:end + len(last)] if end >= 0 else " ".join(rest.split()[:len(block.split()) + 5])
            source_words = rest.split()
        results.append(CheckResult(
            LAYER, seeds_named, f"{table.name}: every row, in printed order, nothing doubled or missing",
            False, observed="the rows of the seeds, in order, are not the document's table",
            expected=f"the table as printed in {source_file}", report_year=year,
            detail=describe_difference(source_words, block.split()) or "rows missing, doubled or out of order",
        ))
    else:
        results.append(CheckResult(
            LAYER, seeds_named, f"{table.name}: every row, in printed order, nothing doubled or missing",
            block_found, observed="" if block_found else "see the failing rows above",
            expected=f"the table as printed in {source_file}", report_year=year))
    return results


def check_questions(text: str, document: Row, cited: list[Row], year: int, source_file: str) -> list[CheckResult]:
    """The question number and date of the document, and of every question it cites."""
    results = []
    phrases = []
    for row, seed, what in [(document, "source_documents", "its own question")] + [
            (c, "cited_questions", f"cited question {c.get('cited_question_number', '')}") for c in cited]:
        number = row.get("question_number" if seed == "source_documents" else "cited_question_number", "")
        date = row.get("question_date" if seed == "source_documents" else "cited_question_date", "")
        phrase = f"vraag nr. {number} van {dutch_date(date)}"
        phrases.append(phrase)
        found = contains(text, phrase)
        snippet = ", ".join(sorted(set(re.findall(r"vraag nr\. \d+ van \d{1,2} [a-z]+ \d{4}", text))))
        results.append(CheckResult(
            LAYER, f"{seed}.csv", f"{what}: number and date as in {source_file}", found,
            observed=phrase if not found else "as in the document",
            expected=("one of: " + snippet) if not found else phrase, report_year=year))
    for printed in re.findall(r"vraag nr\. \d+ van \d{1,2} [a-z]+ \d{4}", text):
        if printed not in phrases:
            results.append(CheckResult(
                LAYER, "cited_questions.csv", f"the document's '{printed}' is in the seeds", False,
                observed="no row for it", expected=printed, report_year=year,
                detail="a cited question (or the document's own) is missing from the seeds"))
    return results


def check_source_text(seeds: Seeds, source_dir: Path) -> list[CheckResult]:
    """Check every figure of every source document's seed rows against the document's text."""
    results: list[CheckResult] = []
    documents = seeds.rows("source_documents")
    if not documents:
        return [CheckResult(LAYER, "source_documents.csv", "the seeds name at least one source document",
                            False, observed="no rows", expected="one row per document")]
    caller_groups = {g.get("caller_group_code", ""): g for g in seeds.rows("caller_groups")}
    for caller_type in seeds.rows("caller_types"):
        group = caller_groups.get(caller_type.get("caller_group_code", ""))
        if group and group.get("is_heading_printed", "").lower() != "true":
            ok = group.get("caller_group_label_nl") == caller_type.get("caller_type_label_nl")
            results.append(CheckResult(
                LAYER, "caller_groups.csv + caller_types.csv",
                f"group {group.get('caller_group_code')} without a printed heading is labelled as its row", ok,
                observed=group.get("caller_group_label_nl", ""),
                expected=caller_type.get("caller_type_label_nl", "")))

    by_year: dict[str, dict[int | None, list[Row]]] = {}
    for seed in yearly_seeds():
        by_year[seed] = {}
        for row in seeds.rows(seed):
            by_year[seed].setdefault(whole_number(row.get("report_year", "")), []).append(row)
    cited: dict[str, list[Row]] = {}
    for row in seeds.rows("cited_questions"):
        cited.setdefault(row.get("document_id", ""), []).append(row)

    texts: list[str] = []
    documented = {whole_number(d.get("report_year", "")) for d in documents}
    for seed in yearly_seeds():
        for year in sorted(set(by_year[seed]) - documented,
                           key=lambda y: (y is None, y or 0)):
            results.append(CheckResult(
                LAYER, f"{seed}.csv + source_documents.csv", "every report year has its source document", False,
                observed=f"rows of report_year {year} with no row in source_documents.csv",
                expected="a source document per report year", report_year=year))

    for document in documents:
        year = whole_number(document.get("report_year", ""))
        source_file = document.get("source_file", "")
        path = Path(source_dir) / source_file
        if not source_file or not path.is_file():
            results.append(CheckResult(LAYER, "source_documents.csv",
                                       f"document {document.get('document_id')}: source file readable", False,
                                       observed=f"{path} missing", expected="the text of the document in source/",
                                       report_year=year))
            continue
        raw_text = path.read_text(encoding="utf-8")
        text = normalise(raw_text)
        texts.append(text)
        label = f"source/{source_file}"

        def of_year(seed: str) -> list[Row]:
            return by_year[seed].get(year, [])

        problems: list[str] = []
        totals = TotalsLookup(of_year("published_totals"))
        results += check_questions(text, document, cited.get(document.get("document_id", ""), []), year, label)
        headline = total_text(totals, "answer_headline", "year_total", "", problems)
        phrase = f"1712 ontving in {year} {headline} oproepen."
        results.append(CheckResult(LAYER, "published_totals.csv", f"answer_headline year_total: printed in {label}",
                                   contains(text, phrase), observed=phrase, expected=phrase
                                   if contains(text, phrase) else source_snippet(
                                       text, PrintedLine(phrase, (), "", f"1712 ontving in {year}")),
                                   report_year=year))
        tables = [
            month_table(of_year("contacts_by_month"), totals, problems),
            theme_table(of_year("contacts_by_theme"), totals, problems),
            age_gender_table(seeds, of_year("contacts_by_age_gender"), totals, problems),
            caller_table(seeds, of_year("caller_theme_printed_values"), totals, problems),
        ]
        if of_year("evening_pilot_calls") or totals.keys("evening_pilot", "pilot_total"):
            tables.append(evening_pilot_paragraph(of_year("evening_pilot_calls"), totals, problems))
        for table in tables:
            results += check_table(text, table, year, label)
        results += check_read_rows(seeds, raw_text, document, year, label)

        for key in totals.doubles:
            results.append(CheckResult(LAYER, "published_totals.csv", f"total {' '.join(key).strip()} given once",
                                       False, observed="given twice", expected="once", report_year=year))
        for key in sorted(set(totals.rows) - totals.used):
            results.append(CheckResult(LAYER, "published_totals.csv",
                                       f"total {' '.join(key).strip()}: printed in {label}", False,
                                       observed=f"published_value {totals.rows[key].get('published_value')}",
                                       expected="a total the document prints (known table, kind and key)",
                                       report_year=year))
        for problem in problems:
            results.append(CheckResult(LAYER, problem.split(" ")[0] + ".csv", "figure is a whole number", False,
                                       observed=problem, expected="digits only", report_year=year))
    # Reference labels the tables print as row labels: each is printed in some document.
    for seed, column in REFERENCE_LABELS:
        for value in seeds.labels(seed, column):
            found = any(contains(text, value) for text in texts)
            results.append(CheckResult(LAYER, f"{seed}.csv", f"label {value!r} is printed in a source document",
                                       found, observed=value if not found else "printed",
                                       expected="the label exactly as the answer prints it"))
    return results
