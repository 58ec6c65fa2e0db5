"""The seed CSVs as the project holds them, read as text.

The gate reads the published totals and the label sets from the seeds, not
from the warehouse: the published file holds only the marts, and a total
compared with a figure copied from the same table would prove nothing.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from meldpunt1712.checks.finding import CheckResult
from meldpunt1712.layout import SEED_SUBDIR

Row = dict[str, str]

SEEDS_YAML = "_vlaams_parlement__seeds.yml"


def seed_meta(seed_dir: Path) -> dict[str, dict]:
    """Each seed's `config.meta` in the seeds' YAML of `seed_dir`, by seed name, in file order."""
    import yaml

    declared = yaml.safe_load((Path(seed_dir) / SEEDS_YAML).read_text(encoding="utf-8")) or {}
    return {seed["name"]: dict((seed.get("config") or {}).get("meta") or {}) for seed in declared.get("seeds", [])}


def answer_seeds(seed_dir: Path) -> dict[str, str]:
    """Seeds filled from an answer, with the column that says which answer a row is from."""
    return {name: meta["answer_rows"] for name, meta in seed_meta(seed_dir).items() if "answer_rows" in meta}


def figure_columns(seed_dir: Path) -> dict[str, str]:
    """The column holding the published figure, per seed that has one."""
    return {name: meta["figure_column"] for name, meta in seed_meta(seed_dir).items() if "figure_column" in meta}


@dataclass
class Seeds:
    """Every seed CSV of a folder: rows of text, keyed by the seed's name (file stem)."""

    folder: Path
    tables: dict[str, list[Row]] = field(default_factory=dict)
    problems: dict[str, str] = field(default_factory=dict)
    headers: dict[str, list[str]] = field(default_factory=dict)

    def rows(self, name: str) -> list[Row]:
        """A seed's rows; none for a seed that is missing or could not be read (its problem is noted)."""
        return self.tables.get(name, [])

    def path(self, name: str) -> str:
        """The seed file as a user finds it in the repository, for messages."""
        return f"{SEED_SUBDIR.as_posix()}/{name}.csv"

    def published_totals(self) -> list[Row]:
        """The rows of `published_totals.csv`: every total the answers print."""
        return self.rows("published_totals")

    def labels(self, seed: str, column: str) -> list[str]:
        """The distinct values of a reference seed's column, in file order."""
        values: list[str] = []
        for row in self.rows(seed):
            value = row.get(column, "")
            if value and value not in values:
                values.append(value)
        return values


def read_seed_file(path: Path) -> tuple[list[str] | None, list[Row]]:
    """One seed CSV as text: its header (None for an empty file) and its rows; the one reader of seed files."""
    with Path(path).open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        rows = [{key: (value or "") for key, value in row.items() if key is not None} for row in reader]
        return (list(reader.fieldnames) if reader.fieldnames is not None else None), rows


def render_seed_file(header: list[str], rows: list[Row]) -> str:
    """A seed CSV's text as the project writes it (LF line ends); the one writer of seed files."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\n", extrasaction="raise")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def read_seeds(folder: Path) -> Seeds:
    """Read every `*.csv` of `folder`; a file that cannot be read is noted in `problems`."""
    seeds = Seeds(Path(folder))
    for path in sorted(Path(folder).glob("*.csv")):
        try:
            header, rows = read_seed_file(path)
            seeds.headers[path.stem] = header or []
            if header is None:
                seeds.problems[path.stem] = "the file is empty (not even a header line)"
        except (OSError, UnicodeDecodeError, csv.Error) as error:
            seeds.problems[path.stem] = str(error)
            rows = []
        seeds.tables[path.stem] = rows
    return seeds


def check_seed_files(seeds: Seeds) -> list[CheckResult]:
    """Every seed declared in the seeds YAML exists, has its declared columns, and has rows.

    dbt stops on these too, but with DuckDB's words ("not possible to detect
    the CSV parsing dialect"); here the file and the column are named.
    """
    import yaml

    declared: dict[str, list[str]] = {}
    may_be_empty = {name: meta.get("may_be_empty", False) for name, meta in seed_meta(seeds.folder).items()}
    for path in sorted(seeds.folder.glob("*.yml")):
        for seed in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("seeds", []):
            declared[seed["name"]] = list((seed.get("config") or {}).get("column_types", {}))
    results = []
    for name, columns in declared.items():
        where = seeds.path(name)
        if name not in seeds.tables:
            results.append(CheckResult("seed files", where, "the seed file exists", False,
                                       observed="no such file", expected=f"{where} with columns {', '.join(columns)}"))
            continue
        if name in seeds.problems:
            results.append(CheckResult("seed files", where, "the seed file can be read", False,
                                       observed=seeds.problems[name], expected="a CSV file with a header line"))
            continue
        header = seeds.headers.get(name, [])
        missing = [c for c in columns if c not in header]
        extra = [c for c in header if c not in columns]
        results.append(CheckResult(
            "seed files", where, "the header has every declared column, and no other", not missing and not extra,
            observed=("missing: " + ", ".join(missing) if missing else "") + ("; " if missing and extra else "")
            + ("not declared: " + ", ".join(extra) if extra else "") or ", ".join(header),
            expected=", ".join(columns) + " (see the seeds YAML)"))
        if not may_be_empty.get(name):
            results.append(CheckResult("seed files", where, "the seed has rows", bool(seeds.rows(name)),
                                       observed=f"{len(seeds.rows(name))} rows", expected="at least one row"))
    return results


def whole_number(text: str) -> int | None:
    """A seed's whole number, or None when the text is not one (e.g. a Dutch "5.126")."""
    text = (text or "").strip()
    if text.lstrip("-").isdigit():
        return int(text)
    return None


def dutch_number(value: int) -> str:
    """How the answer prints a whole number: 5126 -> "5.126"."""
    return f"{value:,}".replace(",", ".")
