"""The age x gender table: contacts per age group and gender, with row and column sums.

A text extraction keeps only each row's non-empty cells, in order: the gender
of each is the only placement that meets every row and column sum (refused
where the sums do not decide). A PDF keeps each cell in its column: the header
above it names the gender, and the sums are checked cell by cell.
"""
from __future__ import annotations

import itertools
import re

from meldpunt1712.answer.context import Context
from meldpunt1712.answer.document import Word, collapse
from meldpunt1712.answer.model import FIGURE, NOT_A_FIGURE, AnswerError, Row
from meldpunt1712.answer.numbers import dutch_int, figure_text, trailing_numbers
from meldpunt1712.answer.tables import TOTAL_LABELS, row_with_total

Printed = tuple[int, str, list[tuple[Word, ...]], tuple[Word, ...]]   # line, label, cells, total


def header_columns(words: list[Word]) -> list[str]:
    """The gender columns a header line names, without its last ('Som'): by table column where the layout keeps
    them (a label may be two words), else one word each."""
    if words and all(w.column is not None for w in words):
        columns = sorted({w.column for w in words if w.column})
        labels = [" ".join(w.text for w in words if w.column == c) for c in columns]
        return labels[:-1]
    return [w.text for w in words][:-1]


def read_age_gender_table(context: Context) -> tuple[list[Row], list[Row]]:
    """contacts_by_age_gender rows (every non-empty cell with its gender) and the table's row, column and year
    totals."""
    document, ledger, reference = context.document, context.ledger, context.reference
    known = reference.codes("genders")
    header = None
    for number in range(context.answer_line, len(document) + 1):
        words = collapse(document[number]).split()
        if (len(words) >= 3 and words[-1].lower() in ("som", "totaal") and not re.search(r"\d", document[number])
                and sum(1 for w in words[:-1] if w.lower() in known) >= 2):
            header = number
            break
    if header is None:
        raise document.error(None, "no age x gender table (a header line of genders ending in 'Som')")
    section = context.section("age_gender", header)
    header_words = document.line(header).words
    columns = header_columns(header_words)
    by_position = header_words and all(w.column is not None for w in header_words)
    column_of_gender = sorted({w.column for w in header_words if w.column})[:len(columns)] if by_position else []
    previous = None
    for column in columns:
        previous = reference.resolve("genders", column, header, document[header], after=previous,
                                     extra={"gender_label_en": "", "source_document_id": context.document_id,
                                            "source_section": section}, where=document.where(header))
    labels = "|".join(TOTAL_LABELS)
    stop = document.find(rf"^\s*({labels})(\s+[\d.]+)+\s*$", start=header + 1)
    if stop is None:
        raise document.error(header, "the age x gender table has no 'Som' line")
    ledger.take_lines(range(header, stop + 1))
    printed: list[Printed] = []
    previous = None
    for number in range(header + 1, stop):
        if not document[number].strip():
            continue
        label_words, figures = trailing_numbers(document.line(number).words)
        label = " ".join(w.text for w in label_words)
        if not label or not figures:
            raise document.error(number, "an age row must print its label, its cells and its row total")
        previous = reference.resolve("age_groups", label, number, document[number], after=previous,
                                     extra={"age_group_label_en": "", "source_document_id": context.document_id,
                                            "source_section": section}, where=document.where(number))
        for word in label_words:
            if re.search(r"\d", word.text):
                ledger.claim(word.line_number, word.position + re.search(r"\d", word.text).start(),
                             re.search(r"\d[\d.,]*", word.text).group(0), NOT_A_FIGURE, "part of a row label")
        cells, total = row_with_total(context, figures, number, f"age group {label!r}")
        printed.append((number, reference.spelled("age_groups", label), cells, total))
    sums_words = document.line(stop).words[1:]
    cells, total = row_with_total(context, sums_words, stop, "age x gender column sums", cells=len(columns))
    sums = [dutch_int(figure_text(g)) for g in cells]
    if len(sums) != len(columns):
        raise document.error(stop, f"the 'Som' line prints {len(sums) + 1} figures; expected {len(columns)} column "
                             "sums and the total")
    year_total = dutch_int(figure_text(total))
    row_totals = [dutch_int(figure_text(t)) for *_, t in printed]
    if sum(row_totals) != year_total:
        raise document.error(stop, f"age x gender row totals: the figures add up to {sum(row_totals)}, the printed "
                             f"total is {year_total}")
    values = [(number, label, [dutch_int(figure_text(c)) for c in cs], dutch_int(figure_text(t)))
              for number, label, cs, t in printed]
    columns = [reference.spelled("genders", column) for column in columns]
    if by_position:
        placement = placement_as_printed(context, printed, columns, column_of_gender, sums, stop)
    else:
        placement = place_cells(values, columns, sums, header, document[header])
    rows, totals = [], []
    for (number, label, cell_words, total_words), (_, _, cell_values, row_total) in zip(printed, values):
        for position, (group, value) in enumerate(zip(cell_words, cell_values), start=1):
            ledger.claim_words(group, FIGURE)
            rows.append({**context.base, "source_section": section, "age_group_label_nl": label,
                         "printed_position": str(position), "gender_label_nl": placement[(label, position)],
                         "contacts": str(value), **context.place(number, group[0].column)})
        ledger.claim_words(total_words, FIGURE)
        totals.append(context.total("age_gender", header, "contacts_by_age_gender", "row_total", label, row_total,
                                    printed=(number, total_words[0].column)))
    for group in [*cells, total]:
        ledger.claim_words(group, FIGURE)
    for gender, value, group in zip(columns, sums, cells):
        totals.append(context.total("age_gender", header, "contacts_by_age_gender", "column_total",
                                    reference.spelled("genders", gender), value, printed=(stop, group[0].column)))
    totals.append(context.total("age_gender", header, "contacts_by_age_gender", "year_total", "", year_total,
                                printed=(stop, total[0].column)))
    return rows, totals


def placement_as_printed(context: Context, printed: list[Printed], columns: list[str], column_of_gender: list[int],
                         sums: list[int], stop: int) -> dict[tuple[str, int], str]:
    """Each cell's gender from the column it is printed in; every column adds up to its printed sum."""
    document = context.document
    gender_of_column = dict(zip(column_of_gender, columns))
    placement: dict[tuple[str, int], str] = {}
    column_sums = dict.fromkeys(column_of_gender, 0)
    for number, label, cells, _ in printed:
        for position, group in enumerate(cells, start=1):
            column = group[0].column
            if column not in gender_of_column:
                raise document.error(number, f"age group {label!r}: a figure stands in no gender column", column)
            placement[(label, position)] = gender_of_column[column]
            column_sums[column] += dutch_int(figure_text(group))
    for column, gender in gender_of_column.items():
        expected = sums[columns.index(gender)]
        if column_sums[column] != expected:
            raise document.error(stop, f"age x gender column {gender!r}: the cells add up to {column_sums[column]}, "
                                 f"the printed sum is {expected}", column)
    return placement


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
