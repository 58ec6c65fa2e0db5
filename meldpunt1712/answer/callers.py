"""The caller table ("Wie belt/e-mailt waarover?"): contacts per caller type and theme, row and column totals.

A text extraction keeps each row's non-empty cells in order only, and no
column headers: which theme each printed value belongs to is reconstructed
later (meldpunt1712.caller_theme), and a column is matched to the theme(s)
whose theme-table total equals its column total. A PDF keeps every cell in
its column under a header that names its theme: each value is read with its
column (`column_position`), the header decides the column's theme (the totals
where a header cannot be read), and every row and column must add up.
"""
from __future__ import annotations

import re

from meldpunt1712.answer.context import Context
from meldpunt1712.answer.document import PDF, TABLE_HEADER, Word
from meldpunt1712.answer.model import FIGURE, NOT_A_FIGURE, Row
from meldpunt1712.answer.numbers import (NUMBER_TOKEN, by_column, dutch_int, figure_text, figure_value, groupings,
                                         trailing_numbers)
from meldpunt1712.answer.reference import spellings
from meldpunt1712.answer.tables import TOTAL_LABELS, check_figures, one_reading, row_with_total

ENGLISH_COUNTS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}
HEADING = r"Wie belt\s*(/|of)\s*e-?mailt waarover\??"
HEADER_BASIS = "column header names the theme"

CallerRow = tuple[int, str, list[Word]]     # line, caller type code, number words


def read_caller_table(context: Context, theme_rows: list[Row]) -> tuple[list[Row], list[Row], list[Row]]:
    """caller_theme_printed_values, caller_theme_columns and published_totals rows of the caller table."""
    document, ledger = context.document, context.ledger
    heading = document.find(HEADING, start=context.answer_line)
    if heading is None:
        raise document.error(None, "no caller table (heading 'Wie belt/e-mailt waarover?')")
    section = context.section("caller", heading)
    rows, headers, totals_line = caller_rows(context, heading, section)
    ledger.take_lines(range(heading, totals_line + 1))
    column_words = totals_figures(document.line(totals_line).words)
    column_groups, total_group = caller_column_totals(context, column_words, totals_line, theme_rows)
    column_totals, year_total = [figure_value(g) for g in column_groups], figure_value(total_group)
    by_position = all(w.column is not None for w in column_words)
    if document.kind == PDF and not by_position:
        raise document.error(totals_line, "the caller table's figures are not laid out in columns the reader can "
                             "place (a PDF keeps each cell in its column): its cells would have to be estimated")
    total_column = column_words[-1].column if by_position else None
    theme_columns = [group[0].column for group in column_groups] if by_position else []
    if by_position:
        check_cells_add_up(context, rows, column_groups, total_column)
    values, totals = [], []
    column_sums = [0] * len(column_totals)
    for number, code, figures in rows:
        if not figures:
            raise document.error(number, f"caller type {code} prints no figures")
        cells, total = row_with_total(context, figures, number, f"caller type {code}")
        if by_position and total[0].column != total_column:
            raise document.error(number, f"caller type {code}: its total is not in the total column", total[0].column)
        for position, group in enumerate(cells, start=1):
            ledger.claim_words(group, FIGURE)
            value = {**context.base, "source_section": section, "caller_type_code": code,
                     "printed_position": str(position), "contacts": str(dutch_int(figure_text(group))),
                     "column_position": "", **context.place(number, group[0].column)}
            if by_position:
                if group[0].column not in theme_columns:
                    raise document.error(number, f"caller type {code}: a figure stands in no theme column",
                                         group[0].column)
                column_position = theme_columns.index(group[0].column) + 1
                column_sums[column_position - 1] += dutch_int(figure_text(group))
                value["column_position"] = str(column_position)
            values.append(value)
        ledger.claim_words(total, FIGURE)
        totals.append(context.total("caller", heading, "caller_theme", "row_total", code,
                                    dutch_int(figure_text(total)), printed=(number, total[0].column)))
    row_sum = sum(int(t["published_value"]) for t in totals)
    if row_sum != year_total:
        raise document.error(totals_line, f"caller table row totals: the figures add up to {row_sum}, the printed "
                             f"total is {year_total}")
    if by_position:
        for position, (added, printed) in enumerate(zip(column_sums, column_totals), start=1):
            if added != printed:
                raise document.error(totals_line, f"caller table column {position}: the cells add up to {added}, the "
                                     f"printed column total is {printed}", theme_columns[position - 1])
    for position, (value, group) in enumerate(zip(column_totals, column_groups), start=1):
        totals.append(context.total("caller", heading, "caller_theme", "column_total", str(position), value,
                                    printed=(totals_line, group[0].column)))
    totals.append(context.total("caller", heading, "caller_theme", "year_total", "", year_total,
                                printed=(totals_line, total_group[0].column)))
    header_labels = [headers.get(column, "") for column in theme_columns] if by_position else []
    columns = caller_columns(context, column_totals, theme_rows, totals_line, header_labels, theme_columns)
    return values, columns, totals


def check_cells_add_up(context: Context, rows: list[CallerRow], column_groups: list[tuple[Word, ...]],
                       total_column: int | None) -> None:
    """A table whose every cell stands in its column (a PDF) adds up row by row and column by column; where
    it does not, the cell in a row and a column that both miss their printed totals is named."""
    document = context.document
    column_totals = {group[0].column: figure_value(group) for group in column_groups}
    sums = dict.fromkeys(column_totals, 0)
    wrong_rows = []
    for number, code, figures in rows:
        check_figures(document, figures, number)
        groups = by_column(figures)
        cells = [g for g in groups if g[0].column != total_column]
        total = [g for g in groups if g[0].column == total_column]
        for group in cells:
            if group[0].column in sums:
                sums[group[0].column] += figure_value(tuple(group))
        if total and sum(figure_value(tuple(g)) for g in cells) != figure_value(tuple(total[0])):
            wrong_rows.append((number, code, cells, figure_value(tuple(total[0]))))
    wrong_columns = [c for c, added in sums.items() if added != column_totals[c]]
    for number, code, cells, printed in wrong_rows:
        for group in cells:
            if group[0].column in wrong_columns:
                column = group[0].column
                raise document.error(number, f"caller type {code}: the cell {figure_text(tuple(group))!r} breaks "
                                     f"its row (the cells add up to {sum(figure_value(tuple(g)) for g in cells)}, "
                                     f"the printed row total is {printed}) and its column (the cells add up to "
                                     f"{sums[column]}, the printed column total is {column_totals[column]})", column)


def totals_figures(words: list[Word]) -> list[Word]:
    """The figures of the column-totals line, without a label ('Totaal', 'Som') before them."""
    label, figures = trailing_numbers(words)
    return figures if label else words


def caller_column_totals(context: Context, words: list[Word], line_number: int,
                         theme_rows: list[Row]) -> tuple[list[tuple[Word, ...]], tuple[Word, ...]]:
    """The column totals line: the one reading whose columns add up and each match a theme's total (the columns'
    figures, and the year total's)."""
    document = context.document
    check_figures(document, words, line_number)
    theme_totals = [int(r["contacts"]) for r in theme_rows]
    fits = []
    for reading in groupings(words):
        values = [dutch_int(figure_text(g)) for g in reading]
        if len(values) > 1 and sum(values[:-1]) == values[-1] and all(v in theme_totals for v in values[:-1]):
            fits.append(reading)
    fits = one_reading(context, fits)
    if len(fits) != 1:
        values = [dutch_int(figure_text(g)) for g in next(groupings(words))] if words[0].column is not None else [
            dutch_int(w.text) for w in words]
        problem = (f"the column totals add up to {sum(values[:-1])}, the printed total is {values[-1]}"
                   if not fits else f"the column totals can be read in {len(fits)} ways (thousands written "
                   "with a space); write them with a thousands dot")
        if not fits and sum(values[:-1]) == values[-1]:
            problem = "a column total matches no theme total of the theme table"
        raise document.error(line_number, f"caller table column totals: {problem}")
    for group in fits[0]:
        context.ledger.claim_words(group, FIGURE)
    return fits[0][:-1], fits[0][-1]


def caller_rows(context: Context, heading: int, section: str) -> tuple[list[CallerRow], dict[int, str], int]:
    """(line, caller type code, number words) per row, the header's text per column (a PDF), and the line of
    the column totals.

    The rows are read as one stream of words, since a long label wraps and
    its figures may stand on a line of their own. A line of figures alone
    belongs to the row above when that row has none yet; otherwise it is
    the column totals, which end the table. So is a line whose label is a
    total ('Totaal', 'Som').
    """
    document, reference = context.document, context.reference
    known_codes = reference.rows["caller_types"]
    headings = reference.codes("caller_groups")
    printed_headings = {r["caller_group_label_nl"].lower() for r in reference.rows["caller_groups"]
                        if r.get("is_heading_printed") == "true"} | {
        r["caller_group_label_nl"].lower() for r, _ in reference.added.get("caller_groups", [])}
    printed_headings |= set(reference.aliases.get("caller_groups", {}))
    label_only = {r["caller_type_code"].lower(): r["caller_type_code"] for r in known_codes
                  if not re.fullmatch(r"\d+", r["caller_type_code"])}
    rows: list[CallerRow] = []
    headers: dict[int, str] = {}
    group, previous = None, None
    number = heading + 1 if document.line(heading).kind != TABLE_HEADER else heading
    pending_words: list[Word] = []   # words of a line that is neither a row nor figures: a heading
    while number <= len(document):
        line = document[number]
        words = document.line(number).words
        if document.line(number).kind == TABLE_HEADER:
            for word in words:
                if word.column:
                    headers[word.column] = " ".join(filter(None, (headers.get(word.column), word.text)))
                    if re.search(r"\d", word.text):
                        context.ledger.claim(word.line_number, word.position, word.text, NOT_A_FIGURE,
                                             "part of a column header")
            number += 1
            continue
        if not words:
            number += 1
            continue
        all_numbers = all(NUMBER_TOKEN.match(w.text) for w in words)
        label_words, figures = trailing_numbers(words)
        is_total = figures and " ".join(w.text for w in label_words).lower() in TOTAL_LABELS
        if (all_numbers and not (len(words) >= 2 and words[1].text == "-")) or is_total:
            if not is_total and rows and not rows[-1][2] and not pending_words:
                rows[-1][2].extend(words)
                number += 1
                continue
            if len(figures) >= 3:
                return rows, headers, number
            raise document.error(number, "a line of figures that belongs to no caller type")
        if re.fullmatch(r"\d{4}", words[0].text) and len(words) > 1 and words[1].text == "-":
            code = words[0].text
            rest = words[2:]
            context.ledger.claim(words[0].line_number, words[0].position, code, NOT_A_FIGURE, "caller type code")
        else:
            label = " ".join(w.text for w in label_words).lower()
            if label in label_only and figures:
                code = label_only[label]
                rest = figures
            elif not figures:
                # a group heading, or the start of one wrapped over lines
                text = " ".join(w.text for w in pending_words + words)
                if text.lower() in printed_headings or text.lower() in headings or reference.new_labels:
                    group = reference.resolve(
                        "caller_groups", text, number, line, after=group,
                        extra={"caller_group_label_en": "", "is_heading_printed": "true",
                               "source_document_id": context.document_id, "source_section": section},
                        where=document.where(number))
                    pending_words = []
                elif any(h.startswith(text.lower() + " ") for h in printed_headings):
                    pending_words = pending_words + words
                else:
                    same = reference.same_label_written_otherwise("caller_groups", text)
                    raise document.error(number, f"cannot read {text!r} in the caller table: not a caller type "
                                         "(CODE - label), a known row or a group heading of caller_groups.csv"
                                         + (f"; it is the heading {same!r} written otherwise" if same else ""))
                number += 1
                continue
            else:
                printed = " ".join(w.text for w in label_words)
                code = reference.resolve("caller_types", printed, number, line, after=previous, code=printed,
                                         extra=new_caller_type(context, group, section), where=document.where(number))
                rest = figures
        figures, last = caller_label(context, code, rest, number, group, previous, section)
        previous = code
        rows.append((number, code, figures))
        number = last + 1
    raise document.error(heading, "the caller table has no line of column totals")


def new_caller_type(context: Context, group: str | None, section: str) -> Row:
    """The columns of a caller type added with --new-labels besides its label and code."""
    return {"caller_type_label_en": "", "caller_group_code": group or "",
            "source_document_id": context.document_id, "source_section": section}


def caller_label(context: Context, code: str, rest: list[Word], number: int, group: str | None,
                 previous: str | None, section: str) -> tuple[list[Word], int]:
    """After a row's code: its label (possibly wrapped over lines) checked, its figures and its last line."""
    document, reference = context.document, context.reference
    words = list(rest)
    first_line = number
    while not any(NUMBER_TOKEN.match(w.text) for w in words[-1:]) or not words:
        following = number + 1
        if following > len(document):
            break
        if not document[following].strip():
            number = following
            continue
        more = document.line(following).words
        if re.fullmatch(r"\d{4}", more[0].text) and len(more) > 1 and more[1].text == "-":
            break
        words += more
        number = following
    label_words, figures = trailing_numbers(words)
    label = " ".join(w.text for w in label_words)
    if re.fullmatch(r"\d{4}", code):
        known = reference.label_of("caller_types", code)
        aliased = reference.aliases.get("caller_types", {}).get(label.lower())
        if known is None:
            reference.resolve("caller_types", label, first_line, document[first_line], after=previous, code=code,
                              extra=new_caller_type(context, group, section), where=document.where(first_line))
        elif not spellings(known) & spellings(label) and aliased != code:
            raise document.error(first_line, f"caller type {code} is labelled {label!r} here, {known!r} in "
                                 f"caller_types.csv. If both name the same caller type, map the printed label with "
                                 f"`--alias \"{label}={code}\"`")
    return figures, number


def header_theme(context: Context, header: str) -> str | None:
    """The theme a column header names: as printed, read backwards (vertical text may come reversed), or with
    its white space ignored (a header word broken over two lines of its cell)."""
    if not header.strip():
        return None
    for text in (header, header[::-1], " ".join(reversed(header.split()))):
        code = context.reference.code_of("themes", " ".join(text.split()))
        if code is not None:
            return code
    return context.reference.code_of_unspaced("themes", header)


def caller_columns(context: Context, column_totals: list[int], theme_rows: list[Row], line_number: int,
                   header_labels: list[str], table_columns: list[int]) -> list[Row]:
    """Each column's theme(s): named by its header where one is printed and readable; else the themes whose
    total equals the column's total (more than one where columns tie, which a PDF may not leave open)."""
    document, reference = context.document, context.reference
    section = context.section("caller_columns", line_number)
    codes = reference.codes("themes")
    code_of_row = {r["theme_label_nl"]: codes[r["theme_label_nl"].lower()] for r in theme_rows}
    total_of_code = {code: int(r["contacts"]) for r, code in zip(theme_rows, code_of_row.values())}
    named = [header_theme(context, label) for label in header_labels] if header_labels else [None] * len(column_totals)
    for position, (code, total) in enumerate(zip(named, column_totals), start=1):
        if code is not None and total_of_code.get(code) != total:
            printed = total_of_code.get(code)
            raise document.error(line_number, f"caller table column {position} is headed {header_labels[position - 1]!r}"
                                 f" ({code}), which the theme table gives {printed if printed is not None else 'no'} "
                                 f"contacts; its column total is {total}")
    taken = [code for code in named if code is not None]
    if len(taken) != len(set(taken)):
        twice = sorted({c for c in taken if taken.count(c) > 1})
        raise document.error(line_number, f"caller table: theme(s) {', '.join(twice)} head more than one column")
    ties = []
    for total in sorted(set(column_totals)):
        tied = [p for p, t in enumerate(column_totals, start=1) if t == total and named[p - 1] is None]
        if len(tied) > 1 and header_labels:
            themes = [label for label, code in code_of_row.items() if total_of_code[code] == total and code not in taken]
            ties.append(f"columns {', '.join(map(str, tied))} each total {total}, as do the themes "
                        f"{', '.join(repr(t) for t in themes)}")
    if ties:
        raise document.error(line_number, f"caller table: {'; '.join(ties)}, and no header names them: which "
                             "column is which theme is not printed")
    rows = []

    def printed(position: int) -> Row:
        column = table_columns[position - 1] + 1 if table_columns else ""
        return {**context.page_of(line_number), "printed_column": str(column)}

    for position, total in enumerate(column_totals, start=1):
        if named[position - 1] is not None:
            rows.append({**context.base, "source_section": section, "column_position": str(position),
                         "theme_code": named[position - 1], "matching_basis": HEADER_BASIS, **printed(position)})
            continue
        themes = [label for label, code in code_of_row.items() if total_of_code[code] == total and code not in taken]
        columns = sum(1 for p, t in enumerate(column_totals, start=1) if t == total and named[p - 1] is None)
        if len(themes) != columns:
            raise document.error(line_number, f"column {position} totals {total}: {columns} column(s) but "
                                 f"{len(themes)} theme(s) with that total in the theme table")
        basis = ("column total equals exactly one theme total" if columns == 1 else
                 f"{ENGLISH_COUNTS.get(columns, columns)} columns total {total}: label order not given by the text")
        for label in themes:
            rows.append({**context.base, "source_section": section, "column_position": str(position),
                         "theme_code": code_of_row[label], "matching_basis": basis, **printed(position)})
    return rows

