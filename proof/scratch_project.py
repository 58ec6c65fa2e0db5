"""A throw-away copy of the dbt project, for tests that must edit seeds.

Tests that prove a check fails (a wrong total, a second report year, a
mutated figure) must never touch the real seeds or the real warehouse. They
copy the project to a temporary folder, edit the copy's CSV files, and run
dbt there against a DuckDB file of their own.
"""
from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from meldpunt1712.answer import DUTCH_MONTHS
from meldpunt1712.checks.seed_files import dutch_number, read_seed_file, render_seed_file
from meldpunt1712.layout import BUILD_DEFAULT, PROJECT_DIR, SEED_SUBDIR, SOURCE_SUBDIR

# The report year of the tests' fictitious answer (clearly not a real year).
FICTITIOUS_YEAR = 2099



@dataclass(frozen=True)
class ScratchAnswer:
    """An answer a test puts through the tests' shared scratch build (conftest.py's `answers_build`).

    `content` is written to `file_name` (unique among the declared answers; text as UTF-8, bytes as
    they are, for a document that is no text file) and added with `python -m meldpunt1712.add_answer`
    and `options` (`--alias LABEL=CODE`, for example).
    """

    file_name: str
    content: str | bytes
    options: tuple[str, ...] = ()


PROJECT_PARTS = ("dbt_project.yml", "profiles.yml", "seeds", "models", "macros", "tests", "analyses", "source", "gx")


def copy_project(destination: Path) -> Path:
    """Copy the dbt project and the source text (no target/, logs/, venv or warehouse) into `destination`."""
    destination = Path(destination)
    destination.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = PROJECT_DIR / part
        if source.is_dir():
            # gx/data_docs_assets/node_modules (about 100 MB) is make quality's, never a scratch project's
            shutil.copytree(source, destination / part,
                            ignore=shutil.ignore_patterns("python", "__pycache__", "uncommitted", "node_modules"))
        else:
            shutil.copy2(source, destination / part)
    (destination / BUILD_DEFAULT).parent.mkdir(parents=True, exist_ok=True)
    return destination


def seed_path(project_dir: Path, seed_name: str, subdir: Path = SEED_SUBDIR) -> Path:
    """A seed's CSV; `subdir` is its source system's folder (vlaams_parlement unless told)."""
    return Path(project_dir) / subdir / f"{seed_name}.csv"


def read_seed(project_dir: Path, seed_name: str, subdir: Path = SEED_SUBDIR) -> list[dict[str, str]]:
    """The rows of a seed CSV as dicts of text, exactly as written."""
    return read_seed_file(seed_path(project_dir, seed_name, subdir))[1]


def write_seed(project_dir: Path, seed_name: str, rows: list[dict[str, str]],
               fieldnames: list[str] | None = None, subdir: Path = SEED_SUBDIR) -> None:
    """Overwrite a seed CSV; the column order is kept from the file unless given."""
    path = seed_path(project_dir, seed_name, subdir)
    if fieldnames is None:
        fieldnames = read_seed_file(path)[0] or []
    path.write_text(render_seed_file(fieldnames, rows), encoding="utf-8")


def fictitious_answer(text: str, year: int, scale: int = 1, base_year: int = 2018,
                      with_evening_pilot: bool = True) -> str:
    """The `base_year` answer's text rewritten as a clearly fictitious answer about `year`.

    Every figure after ANTWOORD is multiplied by `scale` (so every total still
    holds), printed the Dutch way; years move by `year - base_year`. Codes,
    dates, times, part numbers, age labels and 1712 stay as they are. Without
    the evening pilot, its paragraph is left out: a year with no pilot.
    """
    shift = year - base_year
    text = re.sub(r"(?<!\d)(20\d\d)(?!\d)(?![ \t]+-)", lambda m: str(int(m.group(1)) + shift), text)
    text = text.replace("Meldpunt 1712  -  Oproepen", "FICTITIOUS Meldpunt 1712  -  Oproepen")
    head, answer = text.split("ANTWOORD", 1)
    months = "|".join(DUTCH_MONTHS)

    def scaled(match: re.Match) -> str:
        token = match.group(0)
        after = answer[match.end():match.end() + 12]
        before = answer[max(0, match.start() - 8):match.start()]
        line_start = answer.rfind("\n", 0, match.start()) + 1
        if (re.match(rf"[ \t]+(-|{months}\b|h\b|en \d+ uur)", after, re.IGNORECASE)
                or re.search(r"(nr\.\s*|tussen\s*)$", before) or answer[line_start:match.start()].strip() == ""
                and re.match(r"\.\s", after) or len(token) == 4 and "." not in token):
            return token
        return dutch_number(int(token.replace(".", "")) * scale)

    answer = re.sub(r"(?<![\w.,/+-])\d{1,3}(?:\.\d{3})+(?![\w-]|[.,]\d)|(?<![\w.,/+-])\d+(?![\w-]|[.,]\d)",
                    scaled, answer)
    if not with_evening_pilot:
        paragraphs = re.split(r"(\n\s*\n)", answer)
        answer = "".join(p for p in paragraphs if not ("avondpermanentie" in p and "terechte" in p))
    return head + "ANTWOORD" + answer


def add_fictitious_year(project_dir: Path, year: int, scale: int = 1, base_year: int = 2018,
                        with_evening_pilot: bool = True) -> str:
    """Add a clearly fictitious report year through add_answer, as a user adds a new answer.

    The text is the `base_year` answer with every figure times `scale`
    (`fictitious_answer`), so the new year passes every check, the text
    comparison included, unless a test then edits it. Returns the document id.
    """
    from meldpunt1712.add_answer import add_answer

    documents = read_seed(project_dir, "source_documents")
    base = next(d for d in documents if d["report_year"] == str(base_year))
    text = (Path(project_dir) / SOURCE_SUBDIR / base["source_file"]).read_text(encoding="utf-8")
    answer_file = Path(project_dir) / "target" / f"fictitious_answer_{year}.txt"
    answer_file.parent.mkdir(parents=True, exist_ok=True)
    answer_file.write_text(fictitious_answer(text, year, scale, base_year, with_evening_pilot), encoding="utf-8")
    answer, _ = add_answer(answer_file, Path(project_dir))
    return answer.document_id
