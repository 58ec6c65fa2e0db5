"""Fault injection: proof that the gate catches every corrupted figure.

    python -m proof.fault_injection [--list] [--json FILE]

For every published figure in the seeds (every count, every published total,
every narrative figure of service_facts, the question numbers) the figure is
raised by 1 in a scratch copy of the project; so is structural damage done: a
row dropped, a row duplicated, two adjacent printed values swapped, a label
misspelt, a Dutch "5.126" typed into a count, an empty seed file, a missing
column. Each mutation is judged by every check a real build goes through: the
seed-file check of publish step 1, the dbt build with every dbt test (among
them the text check, `assert_seed_rows_equal_the_answer_text`, which compares
every seed row with what the reader takes from the answer's text), then the
quality gate `meldpunt1712.quality_gate` (great-expectations on the marts). A
mutation is caught when a check fails for it, and named when a failure names
the mutated table (its seed, its mart or the published table).

Speed. A dbt build costs ~10 s, too slow for a thousand mutations. Every model
and test works per report_year, so the mutations of per-year seeds are put
into one scratch project at once: the 2018 rows are copied into a fictitious
report year per mutation (3001, 3002, ...; 3000 stays unmutated as a control),
each with its own source document (the 2018 text with its years moved), and
one mutation is applied to each year. One `dbt build` (models, then every
test, so that a failing test does not skip the checks downstream of it for all
the other years) and one gate run judge them all; every failing row carries
its report year and is traced back to its mutation. The control year and 2018
must come out clean, and a failure that cannot be traced to a year splits the
batch in halves until it can. Models tagged `expensive_per_year` (a per-year
reconstruction that costs seconds a year) stay out of the batch build: that
can only leave checks out, so every "caught" still holds. Mutations that break the build as a whole (a
missing column, an empty file, a decimal count, a misspelt label that a
contract rejects) and mutations of the reference seeds run one by one on a
copy of the 2018 project, with the baseline warehouse restored before each
and `dbt build --select <seed>+`: nothing outside what reads the seed can
change, so that is the same verdict as a full build, at a quarter of the cost.
dbt runs in-process (dbtRunner) in two worker processes, one per core, and
parses each scratch project once: a mutation changes seed rows, which dbt
reads when it loads a seed, never when it parses.
"""
from __future__ import annotations

import argparse
import functools
import gc
import json
import os
import pickle
import re
import shutil
import sys
import tempfile
import time
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field, fields
from datetime import date, datetime
from multiprocessing import get_context
from pathlib import Path

from meldpunt1712.checks.seed_files import answer_seeds, dutch_number, figure_columns, read_seed_file, seed_meta
from meldpunt1712.dbt_runner import DbtRun, parse_in_process, run_dbt
from meldpunt1712.layout import BUILD_DEFAULT, PROJECT_DIR, SEED_SUBDIR, SOURCE_SUBDIR
from proof.scratch_project import copy_project, seed_path, write_seed

BASE_YEAR = 2018
CONTROL_YEAR = 3000
FAULT_DOCUMENT = "fault_{year}"
# Models whose cost grows with every report year beyond reason (the caller x theme
# reconstruction takes ~10 s a year: 1154 fictitious years would take hours) carry this
# tag and stay out of the batch build, with everything downstream of them. That can only
# leave checks out, never add a failure, so "caught" stays proven; what they would add is
# covered by the one-by-one runs, which build everything the mutated seed feeds.
BATCH_EXCLUDE = "tag:expensive_per_year+"
MAX_BATCH_RUNS = 12  # halving a batch whose failures name no year: give up (and say why) after this


@dataclass(frozen=True)
class SeedFacts:
    """What the seeds' YAML says that fault injection needs (read when asked, never at import)."""

    figure_columns: dict[str, str]            # the figure a mutation raises by one, per seed
    fictitious_year_seeds: tuple[str, ...]    # seeds with rows of the base year: copied, and damaged
    missing_column: dict[str, str]            # the column a "missing column" mutation drops, per seed
    may_be_empty: frozenset[str]              # seeds that may hold no rows: emptying them is no damage

    @property
    def not_shifted(self) -> set[str]:
        """Columns never moved to the fictitious year (figures and positions)."""
        return set(self.figure_columns.values()) | {"printed_position", "column_position", "sort_order",
                                                    "iso_weekday"}


def seed_facts(project_dir: Path = PROJECT_DIR) -> SeedFacts:
    seed_dir = Path(project_dir) / SEED_SUBDIR
    figures = {**figure_columns(seed_dir), "source_documents": "question_number",
               "cited_questions": "cited_question_number"}
    missing = {**figure_columns(seed_dir), **MISSING_COLUMN}
    return SeedFacts(figures, tuple(answer_seeds(seed_dir)), missing,
                     frozenset(name for name, meta in seed_meta(seed_dir).items() if meta.get("may_be_empty")))

REFERENCE_SEEDS = ("themes", "age_groups", "genders", "caller_types", "caller_groups")



@functools.cache
def table_names(seed: str) -> tuple[str, ...]:
    """What names a seed's table in a failure: the seed and every model built from it (dbt's manifest)."""
    manifest_file = PROJECT_DIR / "target" / "manifest.json"
    if not manifest_file.exists():
        run_dbt(PROJECT_DIR, ["parse"])
    manifest = json.loads(manifest_file.read_text(encoding="utf-8"))
    seeds = {n for n in manifest["nodes"] if n.startswith("seed.")}
    # a model built from every seed (the text check) names no table in particular
    of_every_seed = {n for n, parents in manifest["parent_map"].items() if seeds <= set(parents)}
    names, pending = [seed], [f"seed.meldpunt_1712.{seed}"]
    while pending:
        for child in manifest["child_map"].get(pending.pop(), []):
            if child.startswith("model.") and child not in of_every_seed and child.split(".")[-1] not in names:
                names.append(child.split(".")[-1])
                pending.append(child)
    return tuple(names)


# Beside each seed's figure column: the column a "missing column" mutation drops.
MISSING_COLUMN = {
    "source_documents": "report_year",
    "cited_questions": "cited_question_number", "caller_theme_columns": "theme_code", "unread_figures": "figure",
    "evening_pilots": "period_start_date", "themes": "theme_label_nl", "age_groups": "age_group_label_nl",
    "genders": "gender_label_nl", "caller_types": "caller_type_label_nl", "caller_groups": "caller_group_label_nl",
    "label_aliases": "code",
}
# Labels misspelt: (seed, column, row) — run one by one, since a label the
# references do not know breaks the build (a contract) or fails a test whose
# failing rows carry no report year.
MISSPELT_ONE_BY_ONE = (
    ("contacts_by_month", "month_label_nl", 0), ("contacts_by_theme", "theme_label_nl", 0),
    ("contacts_by_age_gender", "age_group_label_nl", 0), ("contacts_by_age_gender", "gender_label_nl", 0),
    ("themes", "theme_label_nl", 0), ("age_groups", "age_group_label_nl", 0), ("genders", "gender_label_nl", 0),
    ("caller_types", "caller_type_label_nl", 0), ("caller_groups", "caller_group_label_nl", 0),
    ("caller_groups", "caller_group_label_nl", 6),
)
# Adjacent printed values swapped: (seed, the column, the columns that make one printed row).
SWAPS = (
    ("caller_theme_printed_values", "contacts", ("caller_type_code",)),
    ("contacts_by_age_gender", "contacts", ("age_group_label_nl",)),
    ("contacts_by_month", "contacts", ()),
    ("contacts_by_theme", "contacts", ()),
    ("evening_pilot_calls", "legitimate_calls", ("month_start_date",)),
)


# --------------------------------------------------------------------------- seeds in memory


@dataclass
class SeedTable:
    fieldnames: list[str]
    rows: list[dict[str, str]]


def read_tables(project: Path) -> dict[str, SeedTable]:
    tables = {}
    for path in sorted((project / SEED_SUBDIR).glob("*.csv")):
        header, rows = read_seed_file(path)
        tables[path.stem] = SeedTable(header or [], rows)
    return tables


def copy_tables(tables: dict[str, SeedTable]) -> dict[str, SeedTable]:
    """A copy a mutation can change without touching `tables`."""
    return {name: SeedTable(list(t.fieldnames), [dict(r) for r in t.rows]) for name, t in tables.items()}


def write_tables(project: Path, tables: dict[str, SeedTable]) -> None:
    for name, table in tables.items():
        write_seed(project, name, table.rows, fieldnames=table.fieldnames)


def base_rows(tables: dict[str, SeedTable], seed: str) -> list[int]:
    """Indexes of the 2018 rows of a seed (all rows for a reference seed)."""
    rows = tables[seed].rows
    if seed == "cited_questions":
        documents = {r["document_id"] for r in tables["source_documents"].rows if r["report_year"] == str(BASE_YEAR)}
        return [i for i, r in enumerate(rows) if r["document_id"] in documents]
    if rows and "report_year" in rows[0]:
        return [i for i, r in enumerate(rows) if r["report_year"] == str(BASE_YEAR)]
    return list(range(len(rows)))


def row_label(seed: str, row: dict[str, str]) -> str:
    """How a user finds the row in the CSV."""
    keys = {
        "contacts_by_month": ("month_label_nl",), "contacts_by_theme": ("theme_label_nl",),
        "contacts_by_age_gender": ("age_group_label_nl", "gender_label_nl"),
        "caller_theme_printed_values": ("caller_type_code", "printed_position"),
        "published_totals": ("table_name", "total_kind", "total_key"),
        "evening_pilot_calls": ("month_start_date", "theme_code"), "service_facts": ("fact_code",),
        "source_documents": ("document_id",), "cited_questions": ("cited_question_number",),
        "caller_theme_columns": ("column_position", "theme_code"), "evening_pilots": ("pilot_code",),
        "unread_figures": ("line_number", "figure"),
    }.get(seed) or (next(iter(row)),)
    return " ".join(("#" if key == "printed_position" else "") + row.get(key, "") for key in keys).strip()


# --------------------------------------------------------------------------- mutations


@dataclass(frozen=True)
class Mutation:
    """One corruption of the seeds, as data (it is sent to worker processes)."""

    key: str
    kind: str
    seed: str
    description: str
    names: tuple[str, ...]
    per_year: bool
    row: int | None = None          # index among the seed's 2018 rows
    column: str | None = None
    value: str | None = None        # the new value
    other_row: int | None = None    # swaps


def misspell(text: str) -> str:
    """Double the first letter after the first character: "Kindermishandeling" -> "Kiindermishandeling"."""
    for i, char in enumerate(text):
        if i > 0 and char.isalpha():
            return text[:i] + char + text[i:]
    return text + "x"


def enumerate_mutations(tables: dict[str, SeedTable], facts: SeedFacts | None = None) -> list[Mutation]:
    facts = facts or seed_facts()
    mutations: list[Mutation] = []

    def names(seed: str, row: dict[str, str] | None = None) -> tuple[str, ...]:
        extra = (row["table_name"],) if seed == "published_totals" and row else ()
        return table_names(seed) + extra

    def add(kind: str, seed: str, description: str, per_year: bool, row_data=None, **fields) -> None:
        key = f"{kind}: {description}"
        mutations.append(Mutation(key, kind, seed, description, names(seed, row_data), per_year, **fields))

    for seed, column in facts.figure_columns.items():
        for n, index in enumerate(base_rows(tables, seed)):
            row = tables[seed].rows[index]
            if row[column] == "":
                continue
            new = str(int(row[column]) + 1)
            add("figure +1", seed, f"{seed}.csv row '{row_label(seed, row)}': {column} {row[column]} -> {new}",
                True, row, row=n, column=column, value=new)

    for seed in facts.fictitious_year_seeds:
        for n, index in enumerate(base_rows(tables, seed)):
            row = tables[seed].rows[index]
            if seed == "service_facts" and not row["value_integer"]:
                continue  # a statement without a figure: see the report, not a published figure
            add("row dropped", seed, f"{seed}.csv row '{row_label(seed, row)}' dropped", True, row, row=n)
            add("row duplicated", seed, f"{seed}.csv row '{row_label(seed, row)}' duplicated", True, row, row=n)

    for seed, column, group in SWAPS:
        indexes = base_rows(tables, seed)
        for n in range(len(indexes) - 1):
            first, second = tables[seed].rows[indexes[n]], tables[seed].rows[indexes[n + 1]]
            if any(first[g] != second[g] for g in group) or first[column] == second[column]:
                continue  # not adjacent in one printed row, or equal values: swapping changes nothing
            add("values swapped", seed, f"{seed}.csv rows '{row_label(seed, first)}' and "
                f"'{row_label(seed, second)}': {column} {first[column]} and {second[column]} swapped",
                True, first, row=n, other_row=n + 1, column=column)

    for n, index in enumerate(base_rows(tables, "evening_pilot_calls")):
        row = tables["evening_pilot_calls"].rows[index]
        new = misspell(row["theme_phrase_nl"])
        add("label misspelt", "evening_pilot_calls", f"evening_pilot_calls.csv row '{row_label('evening_pilot_calls', row)}'"
            f": theme_phrase_nl '{row['theme_phrase_nl']}' -> '{new}'", True, row, row=n,
            column="theme_phrase_nl", value=new)
    for seed, column, n in MISSPELT_ONE_BY_ONE:
        row = tables[seed].rows[base_rows(tables, seed)[n]]
        new = misspell(row[column])
        add("label misspelt", seed, f"{seed}.csv row '{row_label(seed, row)}': {column} '{row[column]}' -> '{new}'",
            False, row, row=n, column=column, value=new)

    for seed, column in figure_columns(PROJECT_DIR / SEED_SUBDIR).items():
        indexes = base_rows(tables, seed)
        values = [(int(tables[seed].rows[i][column]), n) for n, i in enumerate(indexes) if tables[seed].rows[i][column]]
        largest, n = max(values)
        row = tables[seed].rows[indexes[n]]
        typed = dutch_number(largest) if largest >= 1000 else "5.126"
        add("decimal typed", seed, f"{seed}.csv row '{row_label(seed, row)}': {column} {largest} typed as '{typed}'",
            False, row, row=n, column=column, value=typed)

    for seed in sorted(tables):
        if seed not in facts.may_be_empty:
            add("empty seed file", seed, f"{seed}.csv emptied (header line only)", False)
        add("missing column", seed, f"{seed}.csv without its column {facts.missing_column[seed]}", False,
            column=facts.missing_column[seed])
    add("empty seed file", "contacts_by_month", "contacts_by_month.csv emptied (0 bytes, not even a header)",
        False, value="zero bytes")
    return mutations


def apply(mutation: Mutation, tables: dict[str, SeedTable], rows_of: dict[str, list[int]]) -> None:
    """Apply a mutation to `tables`; `rows_of[seed]` maps the mutation's row number to a row index."""
    table = tables[mutation.seed]
    if mutation.kind == "empty seed file":
        table.rows = []
        if mutation.value == "zero bytes":
            table.fieldnames = []
        return
    if mutation.kind == "missing column":
        table.fieldnames = [f for f in table.fieldnames if f != mutation.column]
        for row in table.rows:
            row.pop(mutation.column, None)
        return
    index = rows_of[mutation.seed][mutation.row]
    if mutation.kind == "row dropped":
        del table.rows[index]
    elif mutation.kind == "row duplicated":
        table.rows.insert(index + 1, dict(table.rows[index]))
    elif mutation.kind == "values swapped":
        other = rows_of[mutation.seed][mutation.other_row]
        column = mutation.column
        table.rows[index][column], table.rows[other][column] = table.rows[other][column], table.rows[index][column]
    else:
        table.rows[index][mutation.column] = mutation.value


# --------------------------------------------------------------------------- fictitious years


YEARS_IN_TEXT = re.compile(r"(?<!\d)(2017|2018|2019)(?!\d)")


def shift_text(text: str, year: int) -> str:
    """Move the years of the 2018 answer to `year` (2017 -> year-1, 2019 -> year+1)."""
    return YEARS_IN_TEXT.sub(lambda m: str(year + int(m.group(1)) - BASE_YEAR), text)


def year_copy(tables: dict[str, SeedTable], year: int, base_document: str,
              facts: SeedFacts | None = None) -> dict[str, list[dict[str, str]]]:
    """The 2018 rows of every per-year seed, moved to `year` with their own document."""
    copies = {}
    facts = facts or seed_facts()
    not_shifted = facts.not_shifted
    for seed in facts.fictitious_year_seeds:
        rows = []
        for index in base_rows(tables, seed):
            row = {}
            for column, value in tables[seed].rows[index].items():
                if column in not_shifted:
                    row[column] = value
                elif column == "pilot_code":
                    row[column] = f"evening_phone_{year}"   # as add_answer names a year's pilot
                elif value == base_document:
                    row[column] = FAULT_DOCUMENT.format(year=year)
                else:
                    row[column] = shift_text(value, year)
            if seed == "source_documents":
                row["source_file"] = f"{FAULT_DOCUMENT.format(year=year)}.txt"
            rows.append(row)
        copies[seed] = rows
    return copies


# --------------------------------------------------------------------------- judging a run


@dataclass
class Failure:
    layer: str
    text: str
    report_year: int | None = None


def progress(message: str) -> None:
    print(f"fault injection: {message}", file=sys.stderr, flush=True)


# One parse per scratch project in each worker process: a mutation changes the rows of seeds (and
# the batch adds answer texts), never what dbt parses, so every run of the project starts from it.
PARSED: dict[tuple[Path, Path], tuple[type, bytes]] = {}


def manifest_of(project: Path, database: Path):
    """A fresh copy of the project's manifest, parsed in this process the first time it is asked for.

    A copy for each run: dbt's compilation marks the nodes of the manifest it is given (an
    ephemeral model's CTE counts as injected), and a second run on the same objects would
    compile without the CTE. The copy is made of the manifest's public fields (its lookups and
    locks are built again when dbt needs them): dbt's own pickling of a Manifest passes its
    fields positionally and leaves two out, which shifts the lookups into the wrong fields.
    """
    key = (project.resolve(), database.resolve())
    if key not in PARSED:
        manifest = parse_in_process(project, database)
        public = {f.name: getattr(manifest, f.name) for f in fields(manifest)
                  if f.init and not f.name.startswith("_")}
        PARSED[key] = type(manifest), pickle.dumps(public)
        # What lives on from here (dbt's modules) is left out of every later collection:
        # release_duckdb's gc.collect after each run then scans only that run's objects.
        gc.collect()
        gc.freeze()
    manifest_class, public = PARSED[key]
    return manifest_class(**pickle.loads(public))


def invoke_dbt(project: Path, args: list[str], database: Path) -> DbtRun:
    """dbt in this process: no interpreter start, and one parse for all the runs of a project."""
    return run_dbt(project, args, database, in_process=True, manifest=manifest_of(project, database))


# The layers of docs/quality.md: dbt's tests, the text comparison (a dbt test of its own), GX.
TEXT_CHECK_TEST = "assert_seed_rows_equal_the_answer_text"
TEXT_CHECK_LAYER = "dbt text check"
DOCUMENT_YEAR = re.compile(r"(?:fault|evening_phone)_(\d{4})")


def year_of(row: dict, test_name: str) -> int | None:
    """The report year a failing row belongs to, from its columns."""
    if row.get("report_year") is not None:
        return int(row["report_year"])
    for value in row.values():
        if isinstance(value, (date, datetime)) and value.year >= CONTROL_YEAR:
            return value.year
        if isinstance(value, str):
            found = DOCUMENT_YEAR.search(value) or re.fullmatch(r"(\d{4})-\d{2}", value)
            if found:
                return int(found.group(1))
    for column in ("from_field", "unique_field"):
        if column in row and "report_year" in test_name and row[column] is not None:
            return int(row[column])
    return None


def rows_of_not_null_test(project: Path, unique_id: str) -> str | None:
    """The whole failing rows of a not_null test (dbt selects only the empty column, so no year)."""
    manifest = json.loads((project / "target" / "manifest.json").read_text())
    node = manifest["nodes"].get(unique_id, {})
    metadata = node.get("test_metadata") or {}
    if metadata.get("name") != "not_null" or not node.get("depends_on", {}).get("nodes"):
        return None
    relation = manifest["nodes"][node["depends_on"]["nodes"][0]]["relation_name"]
    return f"select * from {relation} where {metadata['kwargs']['column_name']} is null"


def dbt_failures(run: DbtRun, project: Path, database: Path) -> list[Failure]:
    """Every failed node; for a failed test, every failing row, as the on-run-end hook prints them."""
    import duckdb

    failures = []
    if run.output:
        failures.append(Failure("dbt tests", run.output))
    for result in run.results:
        if result["status"] not in ("fail", "error", "warn"):
            continue
        kind, _, name = result["unique_id"].split(".")[:3]
        if kind == "test" and result["status"] == "fail" and result.get("compiled_code"):
            with duckdb.connect(str(database), read_only=True) as connection:
                def fetch(sql: str) -> list[dict]:
                    cursor = connection.execute(sql)
                    columns = [c[0] for c in cursor.description]
                    return [dict(zip(columns, values)) for values in cursor.fetchall()]

                rows = fetch(result["compiled_code"])
                if rows and all(year_of(row, name) is None for row in rows):
                    whole = rows_of_not_null_test(project, result["unique_id"])
                    rows = fetch(whole) if whole else rows
            layer = TEXT_CHECK_LAYER if name == TEXT_CHECK_TEST else "dbt tests"
            for row in rows:
                cells = ", ".join(f"{k}={v}" for k, v in row.items())
                failures.append(Failure(layer, f"FAILED dbt test {name}: {cells}", year_of(row, name)))
            if not rows:
                failures.append(Failure(layer, f"FAILED dbt test {name} ({result.get('failures')} rows)"))
        else:
            message = " ".join((result.get("message") or "").split())[:400]
            failures.append(Failure("dbt tests", f"{result['status'].upper()} dbt {kind} {name}: {message}"))
    return failures


def gate_failures(project: Path, database: Path) -> list[Failure]:
    """The great-expectations checkpoint on the built file, with suites generated from the mutated seeds."""
    from meldpunt1712.expectations.context import update_context
    from meldpunt1712.expectations.suites import SuiteSpecError
    from meldpunt1712.quality_gate import run_gate

    import duckdb

    with duckdb.connect(str(database), read_only=True) as connection:
        built = {name for (name,) in connection.execute(
            "select table_name from duckdb_tables() where schema_name = 'marts'").fetchall()}
    try:
        update_context(project, built)
    except SuiteSpecError as error:
        year = re.search(r"report year (\d{4})", str(error))
        return input_failures(project) + [Failure("quality gate", f"the suites cannot be generated: {error}",
                                                  int(year.group(1)) if year else None)]
    report = run_gate(database, project, data_docs=False, marts=built)
    failures = input_failures(project)
    if report.error:
        failures.append(Failure("quality gate", report.error))
    for result in report.failures:
        failures.append(Failure(result.layer, result.line(), result.report_year))
    return failures


def input_failures(project: Path) -> list[Failure]:
    """The check `make build` runs before dbt that dbt cannot make: the seed files can be read.

    The text comparison runs inside dbt (assert_seed_rows_equal_the_answer_text), so the
    dbt runs count it, as its own layer.
    """
    from meldpunt1712.checks.seed_files import check_seed_files, read_seeds

    results = check_seed_files(read_seeds(project / SEED_SUBDIR))
    return [Failure(r.layer, r.line(), r.report_year) for r in results if not r.success]


@dataclass
class Verdict:
    key: str
    kind: str
    seed: str
    caught: bool
    named: bool
    layers: list[str]
    messages: list[str]
    how: str


def verdict(mutation: Mutation, failures: list[Failure], how: str) -> Verdict:
    texts = [f.text for f in failures]
    named = any(name.lower() in text.lower() for text in texts for name in mutation.names)
    layers = sorted({f.layer for f in failures})
    ranked = sorted(texts, key=lambda t: not any(n.lower() in t.lower() for n in mutation.names))
    return Verdict(mutation.key, mutation.kind, mutation.seed, bool(failures), named, layers, ranked[:3], how)


# --------------------------------------------------------------------------- batch of fictitious years


class HarnessError(RuntimeError):
    """The unmutated data did not pass: the proof would prove nothing."""


def run_batch(mutations: list[Mutation], workdir: Path) -> tuple[list[Verdict], dict]:
    """All per-year mutations in one project, one fictitious report year each."""
    project = copy_project(workdir / "project")
    pristine = read_tables(project)
    base_document = next(r for r in pristine["source_documents"].rows if r["report_year"] == str(BASE_YEAR))
    base_text = (project / SOURCE_SUBDIR / base_document["source_file"]).read_text(encoding="utf-8")
    timings: dict = {"batches": []}
    verdicts: list[Verdict] = []
    facts = seed_facts(project)
    pending = [mutations]
    while pending:
        group = pending.pop(0)
        started = time.perf_counter()
        years = {CONTROL_YEAR + 1 + n: m for n, m in enumerate(group)}
        tables = copy_tables(pristine)
        for year in [CONTROL_YEAR, *years]:
            copies = year_copy(pristine, year, base_document["document_id"], facts)
            year_tables = {seed: SeedTable(tables[seed].fieldnames, copies[seed]) for seed in copies}
            if year in years:
                apply(years[year], year_tables, {seed: list(range(len(rows))) for seed, rows in copies.items()})
            for seed, table in year_tables.items():
                tables[seed].rows.extend(table.rows)
            (project / SOURCE_SUBDIR / f"{FAULT_DOCUMENT.format(year=year)}.txt").write_text(
                shift_text(base_text, year), encoding="utf-8")
        write_tables(project, tables)
        database = project / BUILD_DEFAULT
        database.unlink(missing_ok=True)
        built = invoke_dbt(project, ["build", "--exclude-resource-type", "test", "unit_test",
                                     "--exclude", BATCH_EXCLUDE], database)
        tested = invoke_dbt(project, ["test", "--exclude", BATCH_EXCLUDE], database)
        dbt_seconds = time.perf_counter() - started
        failures = dbt_failures(built, project, database) + dbt_failures(tested, project, database)
        failures += gate_failures(project, database)
        progress(f"batch of {len(group)} mutations as report years {CONTROL_YEAR + 1}-{CONTROL_YEAR + len(group)}: "
                 f"dbt {dbt_seconds:.0f} s, gate {time.perf_counter() - started - dbt_seconds:.0f} s")
        by_year: dict[int | None, list[Failure]] = defaultdict(list)
        for failure in failures:
            by_year[failure.report_year].append(failure)
        timings["batches"].append({"mutations": len(group), "dbt_seconds": round(dbt_seconds, 1),
                                   "seconds": round(time.perf_counter() - started, 1)})
        clean = [year for year in (BASE_YEAR, CONTROL_YEAR) if by_year.get(year)]
        if clean:
            raise HarnessError("unmutated years failed the gate: " + "; ".join(
                f.text for year in clean for f in by_year[year][:5]))
        unattributed = [f for f in failures if f.report_year is None]
        if unattributed and len(timings["batches"]) >= MAX_BATCH_RUNS:
            raise HarnessError("failures that name no report year keep coming back: "
                               + "; ".join(f.text[:300] for f in unattributed[:5]))
        if unattributed and len(group) > 1:
            half = len(group) // 2
            pending[:0] = [group[:half], group[half:]]
            timings.setdefault("split_because", []).append(unattributed[0].text[:300])
            progress(f"split the batch: a failure names no report year: {unattributed[0].text[:200]}")
            continue
        for year, mutation in years.items():
            verdicts.append(verdict(mutation, by_year.get(year, []) + by_year.get(None, []), "batch"))
    return verdicts, timings


# --------------------------------------------------------------------------- one by one


def run_one_by_one(mutations: list[Mutation], workdir: Path, built_by_make: Path | None = None
                   ) -> tuple[list[Verdict], dict]:
    """Mutations that break the build as a whole, or touch reference seeds, each on its own.

    `built_by_make`: the repository's build file of a build that passed (make test's), used as
    the unmutated baseline instead of building the same project again; the gate still judges it.
    """
    project = copy_project(workdir / "project")
    pristine = read_tables(project)
    database = project / BUILD_DEFAULT
    baseline = workdir / "baseline.duckdb"
    started = time.perf_counter()
    if built_by_make:
        shutil.copy2(built_by_make, database)
        manifest_of(project, database)   # parsed before any seed is mutated
        failures = gate_failures(project, database)
    else:
        built = invoke_dbt(project, ["build"], database)
        failures = dbt_failures(built, project, database) + gate_failures(project, database)
        failures += [] if built.ok else [Failure("dbt tests", "the unmutated build failed")]
    if failures:
        raise HarnessError("the unmutated project failed the gate: " + "; ".join(f.text for f in failures[:5]))
    shutil.copy2(database, baseline)
    timings = {"baseline_seconds": round(time.perf_counter() - started, 1), "runs": []}
    verdicts = []
    for mutation in mutations:
        started = time.perf_counter()
        tables = copy_tables(pristine)
        apply(mutation, tables, {seed: base_rows(pristine, seed) for seed in tables})
        write_tables(project, {mutation.seed: tables[mutation.seed]})
        if mutation.value == "zero bytes":
            seed_path(project, mutation.seed).write_bytes(b"")
        shutil.copy2(baseline, database)
        run = invoke_dbt(project, ["build", "--select", f"{mutation.seed}+"], database)
        failures = dbt_failures(run, project, database)
        if not run.ok and not failures:
            failures.append(Failure("dbt tests", f"dbt build failed ({run.output or 'see its log'})"))
        # The seed-file and source-text checks read only the seeds: they run whatever dbt
        # said. The marts are only worth a great-expectations run when dbt built them.
        if run.ok:
            failures += gate_failures(project, database)
        else:
            failures += input_failures(project)
        verdicts.append(verdict(mutation, failures, "one by one"))
        write_tables(project, {mutation.seed: pristine[mutation.seed]})
        timings["runs"].append(round(time.perf_counter() - started, 1))
    return verdicts, timings


# --------------------------------------------------------------------------- the whole proof


@dataclass
class Report:
    verdicts: list[Verdict] = field(default_factory=list)
    seconds: float = 0.0
    timings: dict = field(default_factory=dict)

    @property
    def tried(self) -> int:
        return len(self.verdicts)

    @property
    def caught(self) -> list[Verdict]:
        return [v for v in self.verdicts if v.caught]

    @property
    def missed(self) -> list[Verdict]:
        return [v for v in self.verdicts if not v.caught]

    @property
    def misnamed(self) -> list[Verdict]:
        return [v for v in self.verdicts if v.caught and not v.named]


def _work(task: str, mutations: list[Mutation], workdir: str, built_by_make: str | None = None
          ) -> tuple[list[Verdict], dict]:
    import warnings

    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    # agate's note on a seed without a declared column: the mutation meant it.
    warnings.filterwarnings("ignore", message=".*does not match the name of any column.*")
    if task == "batch":
        return run_batch(mutations, Path(workdir))
    return run_one_by_one(mutations, Path(workdir), Path(built_by_make) if built_by_make else None)


def run_fault_injection(workdir: Path | None = None, workers: int = 2, kinds: list[str] | None = None,
                        every: int = 1, built_by_make: Path | None = None) -> Report:
    """Run every mutation (or those of `kinds`, or every `every`-th one, for a quick look).

    `built_by_make`: a build file of this project whose build passed (see run_one_by_one).
    """
    started = time.perf_counter()
    tables = read_tables(PROJECT_DIR)
    mutations = [m for m in enumerate_mutations(tables) if not kinds or m.kind in kinds][::every]
    batch = [m for m in mutations if m.per_year]
    single = [m for m in mutations if not m.per_year]
    with tempfile.TemporaryDirectory(prefix="fault_injection_") as temporary:
        root = Path(workdir or temporary)
        (root / "batch").mkdir(parents=True, exist_ok=True)
        (root / "single").mkdir(parents=True, exist_ok=True)
        with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn")) as pool:
            batch_job = pool.submit(_work, "batch", batch, str(root / "batch"))
            single_job = pool.submit(_work, "single", single, str(root / "single"),
                                     str(built_by_make) if built_by_make else None)
            batch_verdicts, batch_timings = batch_job.result()
            single_verdicts, single_timings = single_job.result()
    order = {m.key: n for n, m in enumerate(mutations)}
    verdicts = sorted(batch_verdicts + single_verdicts, key=lambda v: order[v.key])
    return Report(verdicts, time.perf_counter() - started,
                  {"batch": batch_timings, "one_by_one": single_timings,
                   "batch_mutations": len(batch), "one_by_one_mutations": len(single)})


def print_report(report: Report, listing: bool = False) -> None:
    kinds = Counter(v.kind for v in report.verdicts)
    caught = Counter(v.kind for v in report.caught)
    named = Counter(v.kind for v in report.verdicts if v.caught and v.named)
    if listing:
        for v in report.verdicts:
            status = "caught" if v.caught else "MISSED"
            print(f"{status:6} [{'+'.join(v.layers) or '-'}] {v.key}")
            if v.messages:
                print(f"       {v.messages[0][:300]}")
    print("fault injection: mutations by kind (caught / tried, of which the failure names the table):")
    for kind in kinds:
        print(f"  {kind:16} {caught[kind]:5} / {kinds[kind]:<5} named {named[kind]}")
    layers = Counter(layer for v in report.caught for layer in v.layers)
    print("fault injection: checks that failed, per layer (a mutation is usually caught by several): "
          + ", ".join(f"{layer} {count}" for layer, count in sorted(layers.items())))
    only = Counter(v.layers[0] for v in report.caught if len(v.layers) == 1)
    print("fault injection: caught by one layer alone: "
          + (", ".join(f"{layer} {count}" for layer, count in sorted(only.items())) or "none"))
    for v in report.missed:
        print(f"NOT CAUGHT: {v.key}")
    for v in report.misnamed:
        print(f"CAUGHT, BUT NO FAILURE NAMES ITS TABLE: {v.key}: {v.messages[:1]}")
    timings = report.timings
    batches = timings["batch"]["batches"]
    runs = timings["one_by_one"]["runs"]
    print(f"fault injection: {timings['batch_mutations']} per-year mutations in {len(batches)} batch run(s) "
          f"({sum(b['seconds'] for b in batches):.0f} s); {timings['one_by_one_mutations']} mutations one by one "
          f"(baseline {timings['one_by_one']['baseline_seconds']:.0f} s, then {sum(runs):.0f} s)")
    rate = 100.0 * len(report.caught) / report.tried if report.tried else 0.0
    print(f"fault injection: {report.tried} mutations tried, {len(report.caught)} caught ({rate:.1f}%), "
          f"{report.tried - len(report.misnamed) - len(report.missed)} caught and named; "
          f"wall time {report.seconds:.0f} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--list", action="store_true", help="print every mutation and its first failure")
    parser.add_argument("--json", type=Path, default=None, help="write every verdict to this file")
    parser.add_argument("--workdir", type=Path, default=None, help="keep the scratch projects here")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--kind", action="append", default=None,
                        help="only mutations of this kind (e.g. 'figure +1'; repeatable)")
    parser.add_argument("--every", type=int, default=1, help="only every n-th mutation (a quick look)")
    args = parser.parse_args(argv)
    report = run_fault_injection(args.workdir, args.workers, args.kind, args.every)
    print_report(report, listing=args.list)
    if args.json:
        args.json.write_text(json.dumps({"seconds": report.seconds, "timings": report.timings,
                                         "verdicts": [asdict(v) for v in report.verdicts]}, indent=1))
    return 0 if not report.missed and not report.misnamed else 1


if __name__ == "__main__":
    sys.exit(main())
