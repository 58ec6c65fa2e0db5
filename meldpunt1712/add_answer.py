"""Add a minister's answer on the 1712 figures to the warehouse's seeds.

    python -m meldpunt1712.add_answer PATH.txt [--project-dir DIR]
    make add-answer ANSWER=PATH.txt

Copies the text into source/ (a running number and its hash, or the name it
already has), then replaces that report year's rows in every yearly seed with
what the text prints; other years' rows are untouched, and running it twice
changes nothing. Prints the rows written per seed and every figure of the
narrative that no seed takes ("unread figures"), so nothing printed is lost
silently. A section the answer does not have (no evening pilot, no campaign)
gives that year no rows.

Refuses, exit 1 and no file changed, when a table does not add up to its
printed total, a label is unknown or a line cannot be read, naming the line.
Then: `make build`, review `git diff seeds/ source/`, `make test`.
"""
from __future__ import annotations

import argparse
import csv
import io
import os
import sys
from pathlib import Path

from meldpunt1712.answer_text import Answer, AnswerError, Reference, read_answer, source_file_name
from meldpunt1712.checks.seed_files import answer_seeds
from meldpunt1712.layout import SEED_SUBDIR, SOURCE_SUBDIR, default_project_dir

def read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), [dict(row) for row in reader]


def render_csv(header: list[str], rows: list[dict[str, str]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\n", extrasaction="raise")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def reference(seed_dir: Path) -> Reference:
    return Reference.from_seeds(lambda name: read_csv(seed_dir / f"{name}.csv")[1])


def unread_rows(answer: Answer) -> list[dict[str, str]]:
    return [{"report_year": str(answer.report_year), "document_id": answer.document_id,
             "line_number": str(number), "figure": figure, "line_text": line}
            for number, figure, line in answer.unread]


def new_seed_files(answer: Answer, seed_dir: Path) -> dict[Path, str]:
    """Every seed file's new text: other answers' rows kept in order, this answer's rows in the text's order."""
    rows_of = dict(answer.rows, unread_figures=unread_rows(answer))
    # rows keyed by document only (cited_questions) sort by their document's report year
    year_of_document = {row["document_id"]: row["report_year"]
                        for row in read_csv(seed_dir / "source_documents.csv")[1] + answer.rows["source_documents"]}
    files = {}
    for seed, key in answer_seeds().items():
        path = seed_dir / f"{seed}.csv"
        header, existing = read_csv(path)
        own = answer.document_id if key == "document_id" else str(answer.report_year)
        new = rows_of.get(seed, [])
        for row in new:
            if set(row) != set(header):
                raise AnswerError(None, "", f"{path.name}: the reader gives columns {sorted(row)}, the file has "
                                  f"{header}")
        kept = [row for row in existing if row[key] != own]
        def year_of(row: dict[str, str]) -> str:
            return row.get("report_year") or year_of_document.get(row.get("document_id", ""), "")
        merged = sorted(kept + new, key=year_of)      # stable: each year keeps its order
        files[path] = render_csv(header, merged)
    return files


def write_atomically(files: dict[Path, str]) -> list[Path]:
    """Write every changed file through a temporary file; returns the changed ones."""
    changed = [path for path, text in files.items() if not path.exists() or path.read_text(encoding="utf-8") != text]
    temporary = []
    for path in changed:
        temp = path.with_name(f".{path.name}.add_answer")
        temp.write_text(files[path], encoding="utf-8")
        temporary.append((temp, path))
    for temp, path in temporary:
        os.replace(temp, path)
    return changed


def add_answer(answer_path: Path, project_dir: Path) -> tuple[Answer, list[Path]]:
    seed_dir, source_dir = project_dir / SEED_SUBDIR, project_dir / SOURCE_SUBDIR
    data = answer_path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise AnswerError(None, "", f"{answer_path} is not UTF-8 text: {error}") from None
    name = source_file_name(data, sorted(source_dir.glob("*.txt")))
    answer = read_answer(text, reference(seed_dir), name)
    files = new_seed_files(answer, seed_dir)
    source_file = source_dir / name
    if not source_file.exists():
        files[source_file] = text
    return answer, write_atomically(files)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m meldpunt1712.add_answer", description=__doc__.split("\n\n")[0])
    parser.add_argument("answer", type=Path, help="the answer's text (UTF-8), as extracted from the PDF")
    parser.add_argument("--project-dir", type=Path, default=None, help="the dbt project (default: this repository)")
    args = parser.parse_args(argv)
    project_dir = (args.project_dir or default_project_dir()).resolve()
    try:
        answer, changed = add_answer(args.answer, project_dir)
    except (AnswerError, OSError) as error:
        print(f"add_answer: {args.answer}: {error}\nadd_answer: nothing was changed", file=sys.stderr)
        return 1
    print(f"add_answer: report year {answer.report_year}, document {answer.document_id}")
    for seed in answer_seeds():
        count = len(unread_rows(answer)) if seed == "unread_figures" else len(answer.rows.get(seed, []))
        print(f"  {seed + '.csv':34} {count:4d} rows")
    if answer.unread:
        print(f"add_answer: {len(answer.unread)} unread figure(s): printed in the answer, taken by no seed")
        for number, figure, line in answer.unread:
            print(f"  line {number}: {figure!r} in {line!r}")
    print("add_answer: changed " + (", ".join(str(p.relative_to(project_dir)) for p in changed) or "nothing"))
    print("add_answer: next: make build, review `git diff seeds/ source/`, make test")
    return 0


if __name__ == "__main__":
    sys.exit(main())
