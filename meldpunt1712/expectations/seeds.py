"""The seed CSVs as the project holds them, read as text.

The gate reads the published totals and the label sets from the seeds, not
from the warehouse: the published file holds only the marts, and a total
compared with a figure copied from the same table would prove nothing.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

SEED_SUBDIR = Path("seeds") / "vlaams_parlement"

Row = dict[str, str]


@dataclass
class Seeds:
    """Every seed CSV of a folder: rows of text, keyed by the seed's name (file stem)."""

    folder: Path
    tables: dict[str, list[Row]] = field(default_factory=dict)
    problems: dict[str, str] = field(default_factory=dict)

    def rows(self, name: str) -> list[Row]:
        return self.tables.get(name, [])

    def path(self, name: str) -> str:
        return f"{SEED_SUBDIR.as_posix()}/{name}.csv"

    def published_totals(self) -> list[Row]:
        return self.rows("published_totals")

    def labels(self, seed: str, column: str) -> list[str]:
        """The distinct values of a reference seed's column, in file order."""
        values: list[str] = []
        for row in self.rows(seed):
            value = row.get(column, "")
            if value and value not in values:
                values.append(value)
        return values


def read_seeds(folder: Path) -> Seeds:
    """Read every `*.csv` of `folder`; a file that cannot be read is noted in `problems`."""
    seeds = Seeds(Path(folder))
    for path in sorted(Path(folder).glob("*.csv")):
        try:
            with path.open(newline="", encoding="utf-8") as handle:
                reader = csv.DictReader(handle)
                rows = [{key: (value or "") for key, value in row.items() if key is not None}
                        for row in reader]
                if reader.fieldnames is None:
                    seeds.problems[path.stem] = "the file is empty (not even a header line)"
        except (OSError, UnicodeDecodeError, csv.Error) as error:
            seeds.problems[path.stem] = str(error)
            rows = []
        seeds.tables[path.stem] = rows
    return seeds


def whole_number(text: str) -> int | None:
    """A seed's whole number, or None when the text is not one (e.g. a Dutch "5.126")."""
    text = (text or "").strip()
    if text.lstrip("-").isdigit():
        return int(text)
    return None


def dutch_number(value: int) -> str:
    """How the answer prints a whole number: 5126 -> "5.126"."""
    return f"{value:,}".replace(",", ".")
