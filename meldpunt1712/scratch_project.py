"""A throw-away copy of the dbt project, for tests that must edit seeds.

Tests that prove a check fails (a wrong total, a second report year, a
mutated figure) must never touch the real seeds or the real warehouse. They
copy the project to a temporary folder, edit the copy's CSV files, and run
dbt there against a DuckDB file of their own.
"""
from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from meldpunt1712.layout import BUILD_DEFAULT, BUILD_ENV, PROJECT_DIR, SEED_SUBDIR

PROJECT_PARTS = ("dbt_project.yml", "profiles.yml", "seeds", "models", "macros", "tests", "analyses", "source")


@dataclass
class DbtRun:
    """What one dbt invocation did: exit code, console output, per-node results."""

    returncode: int
    output: str
    results: list[dict] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.returncode == 0

    def failed_nodes(self) -> list[str]:
        """unique_ids of the nodes (models, tests) that errored or failed."""
        return [r["unique_id"] for r in self.results if r["status"] in ("error", "fail")]


def copy_project(destination: Path) -> Path:
    """Copy the dbt project and the source text (no target/, logs/, venv or warehouse) into `destination`."""
    destination = Path(destination)
    destination.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = PROJECT_DIR / part
        if source.is_dir():
            shutil.copytree(source, destination / part, ignore=shutil.ignore_patterns("python", "__pycache__"))
        else:
            shutil.copy2(source, destination / part)
    (destination / BUILD_DEFAULT).parent.mkdir(parents=True, exist_ok=True)
    return destination


def run_dbt(project_dir: Path, args: list[str], database: Path | None = None) -> DbtRun:
    """Run dbt in `project_dir` as a subprocess, against `database` (default: the copy's build file)."""
    project_dir = Path(project_dir)
    env = dict(os.environ)
    env[BUILD_ENV] = str(database or project_dir / BUILD_DEFAULT)
    env["DBT_SEND_ANONYMOUS_USAGE_STATS"] = "false"
    dbt = Path(sys.executable).with_name("dbt")
    completed = subprocess.run(
        [str(dbt), *args, "--project-dir", str(project_dir), "--profiles-dir", str(project_dir)],
        cwd=project_dir, env=env, capture_output=True, text=True,
    )
    results_file = project_dir / "target" / "run_results.json"
    results = json.loads(results_file.read_text())["results"] if results_file.exists() else []
    return DbtRun(completed.returncode, completed.stdout + completed.stderr, results)


def seed_path(project_dir: Path, seed_name: str) -> Path:
    return Path(project_dir) / SEED_SUBDIR / f"{seed_name}.csv"


def read_seed(project_dir: Path, seed_name: str) -> list[dict[str, str]]:
    """The rows of a seed CSV as dicts of text, exactly as written."""
    with seed_path(project_dir, seed_name).open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def write_seed(project_dir: Path, seed_name: str, rows: list[dict[str, str]],
               fieldnames: list[str] | None = None) -> None:
    """Overwrite a seed CSV; the column order is kept from the file unless given."""
    path = seed_path(project_dir, seed_name)
    if fieldnames is None:
        with path.open(newline="", encoding="utf-8") as handle:
            fieldnames = next(csv.reader(handle))
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=fieldnames, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


# Seeds whose rows belong to one report year, and the columns that carry it.
YEARLY_SEEDS = (
    "contacts_by_month", "contacts_by_theme", "contacts_by_age_gender",
    "caller_theme_printed_values", "caller_theme_columns", "published_totals",
    "evening_pilot_calls", "service_facts",
)
COUNT_COLUMNS = {
    "contacts_by_month": "contacts",
    "contacts_by_theme": "contacts",
    "contacts_by_age_gender": "contacts",
    "caller_theme_printed_values": "contacts",
    "published_totals": "published_value",
    "evening_pilot_calls": "legitimate_calls",
    "service_facts": "value_integer",
}


def add_fictitious_year(project_dir: Path, year: int, scale: int = 1, base_year: int = 2018) -> str:
    """Add a clearly fictitious report year: every figure of `base_year` times `scale`.

    Scaling every count and every published total by the same factor keeps
    all totals consistent, so the new year passes every check unless a test
    then edits it. Dates and month labels move to the new year; the new
    year gets its own document and evening pilot. Returns the document id.
    """
    document_id = f"fictitious_{year}"
    shift = year - base_year

    documents = read_seed(project_dir, "source_documents")
    base_document = next(d for d in documents if d["report_year"] == str(base_year))
    documents.append({**base_document, "document_id": document_id, "report_year": str(year),
                      "question_date": _shift_date(base_document["question_date"], shift),
                      "subject_nl": f"FICTITIOUS test year {year}",
                      "source_file": "none (generated by a test)"})
    write_seed(project_dir, "source_documents", documents)

    pilots = read_seed(project_dir, "evening_pilots")
    pilot_codes = {}
    for pilot in [p for p in pilots if p["report_year"] == str(base_year)]:
        pilot_codes[pilot["pilot_code"]] = f"{pilot['pilot_code']}_fictitious_{year}"
        pilots.append({**pilot, "pilot_code": pilot_codes[pilot["pilot_code"]],
                       "report_year": str(year), "document_id": document_id,
                       "period_start_date": _shift_date(pilot["period_start_date"], shift),
                       "period_end_date": _shift_date(pilot["period_end_date"], shift)})
    write_seed(project_dir, "evening_pilots", pilots)

    for seed_name in YEARLY_SEEDS:
        rows = read_seed(project_dir, seed_name)
        count_column = COUNT_COLUMNS.get(seed_name)
        for row in [r for r in rows if r["report_year"] == str(base_year)]:
            new = {**row, "report_year": str(year), "document_id": document_id}
            if count_column and new[count_column]:
                new[count_column] = str(int(new[count_column]) * scale)
            if "month_label_nl" in new:
                new["month_label_nl"] = new["month_label_nl"].replace(str(base_year), str(year))
            if "month_start_date" in new:
                new["month_start_date"] = _shift_date(new["month_start_date"], shift)
            if seed_name == "published_totals" and new["total_key"].startswith(f"{base_year}-"):
                new["total_key"] = new["total_key"].replace(str(base_year), str(year), 1)
            if "pilot_code" in new:
                new["pilot_code"] = pilot_codes[new["pilot_code"]]
            rows.append(new)
        write_seed(project_dir, seed_name, rows)
    return document_id


def _shift_date(iso_date: str, years: int) -> str:
    year, rest = iso_date.split("-", 1)
    return f"{int(year) + years}-{rest}"
