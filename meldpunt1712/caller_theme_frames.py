"""From the staging tables to `caller_theme` tables and back: the dbt side of the reconstruction.

`meldpunt1712.caller_theme` knows nothing of dbt or of report years. This
module turns the staged seeds (printed values, published row and column
totals, the theme(s) matched to each column) into one `CrossTable` per report
year, and the analysis back into one tidy frame of *cell options*: every
value a cell (caller type, column position) can take in at least one
placement. The marts aggregate those options to bounds per theme with plain
SQL, so a reviewer can follow every bound back to the placements behind it.

A year whose answer kept every cell in its column (a PDF: each printed value
has its `column_position`) needs no reconstruction: its options are the cells
as read, one per cell, each certain (`cell_placement` 'read'); they are checked
against every printed row and column total all the same.
"""
from __future__ import annotations

import hashlib
import sys
from pathlib import Path
from typing import Callable

import pandas as pd

from meldpunt1712 import caller_theme
from meldpunt1712.caller_theme import EXACT, Analysis, CrossTable, InfeasibleTableError, analyse

# printed_position of the option "this cell is empty".
EMPTY_CELL = 0

# Seconds per report year when nobody says otherwise (the dbt var
# caller_theme_time_budget_s has the same default).
DEFAULT_TIME_BUDGET_S = 60.0

OPTION_COLUMNS = [
    "report_year", "caller_type_code", "column_position", "printed_position",
    "contacts", "is_best_estimate", "best_estimate_theme_code", "is_witnessed",
    "analysis_status", "open_questions", "estimate_is_optimal", "problem", "cell_placement",
]
# How a year's cells got their columns: read from the document, or reconstructed from the totals.
READ, RECONSTRUCTED = "read", "reconstructed"

Log = Callable[[str], None]


def log_to_stderr(message: str) -> None:
    """dbt shows a Python model's stderr on its console as it comes."""
    print(message, file=sys.stderr, flush=True)


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


def seed_table(project_dir: Path, year: int) -> CrossTable:
    """The printed caller x theme table of one report year, read straight from the seed CSVs.

    For tools outside dbt (the benchmark); the same staging rules in Python:
    the theme table's printed order and the caller types' sort order as in
    `int_theme_printed_order` and `stg_vlaams_parlement__caller_types`.
    """
    from meldpunt1712.checks.seed_files import read_seeds
    from meldpunt1712.layout import SEED_SUBDIR

    seeds = read_seeds(Path(project_dir) / SEED_SUBDIR)

    def seed(name: str, integers: tuple[str, ...]) -> pd.DataFrame:
        frame = pd.DataFrame(seeds.rows(name))
        return frame.astype({column: "int64" for column in integers})

    aliases = [{"theme_code": a["code"], "theme_label_nl": a["label_nl"]} for a in seeds.rows("label_aliases")
               if a["reference_seed"] == "themes"]
    theme_codes = pd.concat([seed("themes", ())[["theme_code", "theme_label_nl"]], pd.DataFrame(
        aliases, columns=["theme_code", "theme_label_nl"])])
    theme_order = seed("contacts_by_theme", ("report_year", "printed_position")).merge(
        theme_codes, on="theme_label_nl")[["report_year", "theme_code", "printed_position"]]
    return cross_table(
        year,
        seed("caller_theme_printed_values", ("report_year", "printed_position", "contacts")),
        seed("published_totals", ("report_year", "published_value")),
        seed("caller_theme_columns", ("report_year", "column_position")),
        theme_order,
        seed("caller_types", ("sort_order",)),
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
    """Every value each cell (row, column position) may take: not proven impossible.

    `is_witnessed` marks the options a found placement proves possible
    (all of them when the analysis is exact); the year's status, its open
    questions and whether the estimate is proven optimal repeat on every
    row of the year.
    """
    best_index = {
        (row_key, position): index + 1
        for row_key, best_positions in (analysis.best_placement or {}).items()
        for index, position in enumerate(best_positions)
    }
    has_estimate = analysis.best_placement is not None
    records = [
        (year, v.row_key, position, v.index, v.value, best_index.get((v.row_key, position)) == v.index,
         position in v.witnessed_positions)
        for v in analysis.values
        for position in v.positions
    ]
    records += [
        (year, c.row_key, c.position, EMPTY_CELL, 0, has_estimate and (c.row_key, c.position) not in best_index,
         0 in c.witnessed_options)
        for c in analysis.cells
        if 0 in c.options
    ]
    frame = pd.DataFrame.from_records(records, columns=[*OPTION_COLUMNS[:6], "is_witnessed"])
    frame["best_estimate_theme_code"] = frame["column_position"].map(analysis.best_theme_of_position)
    frame["analysis_status"] = analysis.status
    frame["open_questions"] = analysis.open_questions
    frame["estimate_is_optimal"] = analysis.estimate_is_optimal
    frame["problem"] = None
    frame["cell_placement"] = RECONSTRUCTED
    return frame[OPTION_COLUMNS]


def problem_row(year: int, error: InfeasibleTableError) -> pd.DataFrame:
    """A year whose printed figures admit no placement, as one row a dbt test reports.

    Raising here would stop the whole build at the first bad year, hiding
    every other year's checks; as data, the failure is reported by
    `assert_caller_theme_table_is_feasible` with this message, and the
    year's missing estimate fails the totals tests as well.
    """
    return pd.DataFrame([(year, "", 0, 0, 0, False, None, False, EXACT, 0, False, str(error), None)],
                        columns=OPTION_COLUMNS)


def read_cell_options(year: int, table: CrossTable, columns: dict[tuple[str, int], int]) -> pd.DataFrame:
    """The cells as the document printed them: each value in the column it was read in, every other cell
    empty; all certain. `columns` maps (caller type, printed position) to the column read. InfeasibleTableError
    when a row or a column does not add up to its printed total, or a value stands outside the table."""
    width = len(table.columns)
    sums = [0] * width
    records = []
    for row in table.rows:
        filled = set()
        for index, value in enumerate(row.values, start=1):
            position = columns[(row.key, index)]
            if not 1 <= position <= width:
                raise InfeasibleTableError(f"report year {year}: caller type {row.key!r}, value {index}: column "
                                           f"{position} is not a column of the table (1 to {width})")
            if position in filled:
                raise InfeasibleTableError(f"report year {year}: caller type {row.key!r}: two values read in "
                                           f"column {position}")
            filled.add(position)
            sums[position - 1] += value
            records.append((year, row.key, position, index, value))
        if sum(row.values) != row.total:
            raise InfeasibleTableError(f"report year {year}: caller type {row.key!r}: its cells add up to "
                                       f"{sum(row.values)}, its printed row total is {row.total}")
        records += [(year, row.key, position, EMPTY_CELL, 0) for position in range(1, width + 1)
                    if position not in filled]
    for position, (added, printed) in enumerate(zip(sums, (c.total for c in table.columns)), start=1):
        if added != printed:
            raise InfeasibleTableError(f"report year {year}: column {position}: its cells add up to {added}, its "
                                       f"printed column total is {printed}")
    frame = pd.DataFrame.from_records(records, columns=OPTION_COLUMNS[:5])
    theme_of = {column.position: column.theme_candidates[0] for column in table.columns}
    frame["is_best_estimate"] = True
    frame["best_estimate_theme_code"] = frame["column_position"].map(theme_of)
    frame["is_witnessed"] = True
    frame["analysis_status"] = EXACT
    frame["open_questions"] = 0
    frame["estimate_is_optimal"] = True
    frame["problem"] = None
    frame["cell_placement"] = READ
    return frame[OPTION_COLUMNS]


def read_columns(year: int, printed: pd.DataFrame) -> dict[tuple[str, int], int] | None:
    """(caller type, printed position) -> the column each value was read in, when the year's document kept
    them all; None when it kept none (a text). InfeasibleTableError when it kept some only."""
    kept = printed["column_position"].notna()
    if not kept.any():
        return None
    if not kept.all():
        raise InfeasibleTableError(f"report year {year}: {int((~kept).sum())} printed value(s) have no "
                                   "column_position while the others have one: a year's cells are all read or "
                                   "all reconstructed")
    return {(str(r.caller_type_code), int(r.printed_position)): int(r.column_position) for r in printed.itertuples()}


def analyse_cell_options(
    printed_values: pd.DataFrame,
    published_totals: pd.DataFrame,
    column_themes: pd.DataFrame,
    theme_order: pd.DataFrame,
    caller_order: pd.DataFrame,
    cache_dir: Path | None = None,
    time_budget_s: float = DEFAULT_TIME_BUDGET_S,
    log: Log | None = None,
) -> pd.DataFrame:
    """`cross_table`, `analyse` and `cell_options` for every report year, in one frame.

    Each year's analysis gets `time_budget_s` seconds; a year that needs
    more comes out partial (sound outer bounds, flagged), never wrong.
    With `cache_dir`, results are kept under a key made of the printed table
    and of the source of the code that analyses it: an exact result is
    reused by any later build; a partial one only by a build with the same
    budget (the budget is part of its key), and it stays marked partial. A
    bigger budget therefore recomputes, and nothing goes stale.
    """
    options = []
    for year in sorted(int(y) for y in printed_values["report_year"].unique()):
        try:
            table = cross_table(year, printed_values, published_totals, column_themes, theme_order, caller_order)
            columns = read_columns(year, printed_values[printed_values["report_year"] == year])
            options.append(read_cell_options(year, table, columns) if columns is not None
                           else _analysed(year, table, cache_dir, time_budget_s, log))
        except InfeasibleTableError as error:
            options.append(problem_row(year, error))
    result = pd.concat(options, ignore_index=True) if options else pd.DataFrame(columns=OPTION_COLUMNS)
    return result.astype({"report_year": "int32", "column_position": "int32", "printed_position": "int32",
                          "contacts": "int32", "is_best_estimate": "bool", "is_witnessed": "bool",
                          "open_questions": "int32", "estimate_is_optimal": "bool", "problem": "object",
                          "cell_placement": "object"})


def _analysed(year: int, table: CrossTable, cache_dir: Path | None, time_budget_s: float,
              log: Log | None) -> pd.DataFrame:
    say = log or (lambda message: None)
    key = _cache_key(table)
    exact_file = cache_dir / f"{key}.parquet" if cache_dir else None
    partial_file = cache_dir / f"{key}-budget-{time_budget_s:g}s.partial.parquet" if cache_dir else None
    if exact_file is not None and exact_file.exists():
        return pd.read_parquet(exact_file).assign(report_year=year)
    if partial_file is not None and partial_file.exists():
        cached = pd.read_parquet(partial_file).assign(report_year=year)
        say(f"caller x theme {year}: PARTIAL result from the cache ({int(cached['open_questions'].iloc[0])} "
            f"questions open after a budget of {time_budget_s:g} s); a bigger caller_theme_time_budget_s "
            "recomputes it")
        return cached

    def progress(decided: int, questions: int, elapsed: float) -> None:
        say(f"caller x theme {year}: {decided} of {questions} questions decided, {questions - decided} open "
            f"({elapsed:.0f} s of {time_budget_s:g} s)")

    say(f"caller x theme {year}: analysing {len(table.rows)} rows x {len(table.columns)} columns "
        f"(budget {time_budget_s:g} s)")
    try:
        analysis = analyse(table, time_limit=time_budget_s, progress=progress)
    except InfeasibleTableError as error:
        raise InfeasibleTableError(f"report year {year}: {error}") from None
    say(f"caller x theme {year}: {analysis.status} in {analysis.seconds:.1f} s, "
        f"{analysis.open_questions} of {analysis.questions} questions open")
    year_options = cell_options(year, analysis)
    target = exact_file if analysis.is_exact else partial_file
    if target is not None:
        target.parent.mkdir(parents=True, exist_ok=True)
        unfinished = target.with_suffix(".writing")
        year_options.to_parquet(unfinished, index=False)
        unfinished.replace(target)
    return year_options


def _cache_key(table: CrossTable) -> str:
    """The printed table and every source file of the analysis."""
    digest = hashlib.sha256(repr(table).encode())
    package = Path(caller_theme.__file__).parent
    for module_file in (*sorted(package.glob("*.py")), Path(__file__)):
        digest.update(module_file.name.encode())
        digest.update(module_file.read_bytes())
    return digest.hexdigest()[:32]
