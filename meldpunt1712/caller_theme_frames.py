"""From the staging tables to `caller_theme` tables and back: the dbt side of the reconstruction.

`meldpunt1712.caller_theme` knows nothing of dbt or of report years. This
module turns the staged seeds (printed values, published row and column
totals, the theme(s) matched to each column) into one `CrossTable` per report
year, and the analysis back into one tidy frame of *cell options*: every
value a cell (caller type, column position) can take in at least one
placement. The marts aggregate those options to bounds per theme with plain
SQL, so a reviewer can follow every bound back to the placements behind it.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

from meldpunt1712 import caller_theme
from meldpunt1712.caller_theme import Analysis, CrossTable, InfeasibleTableError, analyse

# printed_position of the option "this cell is empty".
EMPTY_CELL = 0

OPTION_COLUMNS = [
    "report_year", "caller_type_code", "column_position", "printed_position",
    "contacts", "is_best_estimate", "best_estimate_theme_code", "problem",
]


def cross_table(
    year: int,
    printed_values: pd.DataFrame,
    published_totals: pd.DataFrame,
    column_themes: pd.DataFrame,
    theme_order: pd.DataFrame,
    caller_order: pd.DataFrame,
) -> CrossTable:
    """The printed caller x theme table of one report year, from the staged seeds.

    printed_values: report_year, caller_type_code, printed_position, contacts.
    published_totals: report_year, table_name, total_kind, total_key, published_value.
    column_themes: report_year, column_position, theme_code (two rows for a column whose label
        is one of two interchangeable themes).
    theme_order: report_year, theme_code, printed_position (the theme table's order), used to
        list the candidates of an ambiguous column in a fixed order: the estimate gives tied
        columns their themes in that order.
    caller_order: caller_type_code, sort_order (the printed row order; ties in the estimate
        are broken in row order).
    """
    totals = published_totals[(published_totals["table_name"] == "caller_theme")
                              & (published_totals["report_year"] == year)]
    return _cross_table(
        year,
        printed_values[printed_values["report_year"] == year],
        totals,
        column_themes[column_themes["report_year"] == year],
        theme_order[theme_order["report_year"] == year],
        caller_order,
    )


def _cross_table(year, printed, totals, column_themes, theme_order, caller_order) -> CrossTable:
    row_totals = {
        str(r.total_key): int(r.published_value)
        for r in totals[totals["total_kind"] == "row_total"].itertuples()
    }
    column_totals = {
        int(r.total_key): int(r.published_value)
        for r in totals[totals["total_kind"] == "column_total"].itertuples()
    }
    if not column_totals:
        raise InfeasibleTableError(f"report year {year}: the caller-type table has no published column totals")
    positions = sorted(column_totals)
    if positions != list(range(1, len(positions) + 1)):
        raise InfeasibleTableError(f"report year {year}: column positions {positions} do not run 1..n")

    theme_rank = dict(zip(theme_order["theme_code"], theme_order["printed_position"]))
    themes = []
    for position in positions:
        candidates = column_themes.loc[column_themes["column_position"] == position, "theme_code"]
        if candidates.empty:
            raise InfeasibleTableError(f"report year {year}: column {position} is matched to no theme")
        themes.append(tuple(sorted(candidates, key=lambda code: (theme_rank.get(code, 10**6), code))))

    row_rank = dict(zip(caller_order["caller_type_code"], caller_order["sort_order"]))
    rows = []
    for code, values in printed.sort_values("printed_position").groupby("caller_type_code", sort=False):
        if code not in row_totals:
            raise InfeasibleTableError(f"report year {year}: caller type {code!r} has no published row total")
        rows.append((str(code), [int(v) for v in values["contacts"]], row_totals[code]))
    rows.sort(key=lambda row: (row_rank.get(row[0], 10**6), row[0]))
    missing = sorted(set(row_totals) - {row[0] for row in rows})
    if missing:
        raise InfeasibleTableError(f"report year {year}: caller type(s) {missing} have a row total but no printed values")

    try:
        return CrossTable.from_printed(rows, [column_totals[p] for p in positions],
                                       [t[0] if len(t) == 1 else t for t in themes])
    except InfeasibleTableError as error:
        raise InfeasibleTableError(f"report year {year}: {error}") from None


def cell_options(year: int, analysis: Analysis) -> pd.DataFrame:
    """Every value each cell (row, column position) takes in at least one placement."""
    best_index = {
        (row_key, position): index + 1
        for row_key, best_positions in analysis.best_placement.items()
        for index, position in enumerate(best_positions)
    }
    empty_possible = {(c.row_key, c.position) for c in analysis.cells if c.min == 0}
    records = [
        (year, v.row_key, position, v.index, v.value, best_index.get((v.row_key, position)) == v.index)
        for v in analysis.values
        for position in v.positions
    ]
    records += [
        (year, row_key, position, EMPTY_CELL, 0, (row_key, position) not in best_index)
        for row_key, position in sorted(empty_possible)
    ]
    frame = pd.DataFrame.from_records(records, columns=OPTION_COLUMNS[:6])
    frame["best_estimate_theme_code"] = frame["column_position"].map(analysis.best_theme_of_position)
    frame["problem"] = None
    return frame


def problem_row(year: int, error: InfeasibleTableError) -> pd.DataFrame:
    """A year whose printed figures admit no placement, as one row a dbt test reports.

    Raising here would stop the whole build at the first bad year, hiding
    every other year's checks; as data, the failure is reported by
    `assert_caller_theme_table_is_feasible` with this message, and the
    year's missing estimate fails the totals tests as well.
    """
    return pd.DataFrame([(year, "", 0, 0, 0, False, None, str(error))], columns=OPTION_COLUMNS)


def analyse_cell_options(
    printed_values: pd.DataFrame,
    published_totals: pd.DataFrame,
    column_themes: pd.DataFrame,
    theme_order: pd.DataFrame,
    caller_order: pd.DataFrame,
    cache_dir: Path | None = None,
) -> pd.DataFrame:
    """`cross_table`, `analyse` and `cell_options` for every report year, in one frame.

    With `cache_dir`, a table's options are kept under a key made of the
    printed table and of the source of the code that analyses it: a rebuild
    with the same figures and code reuses them, any change to either
    recomputes, so the result cannot go stale.
    """
    options = []
    for year in sorted(int(y) for y in printed_values["report_year"].unique()):
        try:
            table = cross_table(year, printed_values, published_totals, column_themes, theme_order, caller_order)
            options.append(_analysed(year, table, cache_dir))
        except InfeasibleTableError as error:
            options.append(problem_row(year, error))
    result = pd.concat(options, ignore_index=True) if options else pd.DataFrame(columns=OPTION_COLUMNS)
    return result.astype({"report_year": "int32", "column_position": "int32", "printed_position": "int32",
                          "contacts": "int32", "is_best_estimate": "bool", "problem": "object"})


def _analysed(year: int, table: CrossTable, cache_dir: Path | None) -> pd.DataFrame:
    cached = cache_dir / f"{_cache_key(table)}.parquet" if cache_dir else None
    if cached is not None and cached.exists():
        return pd.read_parquet(cached).assign(report_year=year)
    try:
        year_options = cell_options(year, analyse(table))
    except InfeasibleTableError as error:
        raise InfeasibleTableError(f"report year {year}: {error}") from None
    if cached is not None:
        cached.parent.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(".partial")
        year_options.to_parquet(partial, index=False)
        partial.replace(cached)
    return year_options


def _cache_key(table: CrossTable) -> str:
    digest = hashlib.sha256(repr(table).encode())
    for module_file in (caller_theme.__file__, __file__):
        digest.update(Path(module_file).read_bytes())
    return digest.hexdigest()[:32]
