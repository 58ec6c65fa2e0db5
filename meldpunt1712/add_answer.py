"""Add a minister's answer on the 1712 figures to the warehouse's seeds.

    python -m meldpunt1712.add_answer ANSWER.pdf|ANSWER.txt [--new-labels] [--alias "LABEL=CODE" ...]
                                      [--project-dir DIR]
    make add-answer ANSWER=ANSWER.pdf            (the same command)

Reads the whole answer first (meldpunt1712/answer: the PDF as the parliament
publishes it, every table cell in its column, or a text extraction of it) and
refuses, exit 1 and no file changed, when anything does not add up: a table
against its own totals, the tables against each other and against the
headline, an unknown label, a line that cannot be read, a file that is no
answer. Then copies the document into source/ (a running number and its hash,
or the name it already has), replaces that report year's rows in every yearly
seed with what the document prints (other years' rows untouched; running it
twice changes nothing)
and regenerates the great-expectations suites, so the project is ready for
`make build` and `make test`. Prints the rows written per seed and every
number the text prints that no seed takes ("unread figures").

--new-labels adds each unknown label (theme, gender, age group, caller type,
caller group heading) to its reference seed: a code derived from the Dutch
label, the order as printed, no English label yet (the marts show it as not
yet translated). --alias "LABEL=CODE" maps another spelling onto an existing
code; the mapping is kept in label_aliases.csv, so later builds and the text
check know it.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from meldpunt1712.answer import (PDF_SUFFIX, REFERENCE_SEEDS, SOURCE_SUFFIXES, TEXT_SUFFIX, Answer, AnswerError,
                                 PrintedNumber, Reference, is_pdf, read_answer, source_file_name)
from meldpunt1712.checks.seed_files import Seeds, answer_seeds, read_seeds, render_seed_file
from meldpunt1712.layout import SEED_SUBDIR, SOURCE_SUBDIR, default_project_dir

ALIASES = "label_aliases"


def parse_aliases(pairs: list[str], seeds: Seeds) -> list[dict[str, str]]:
    """'LABEL=CODE' pairs as label_aliases rows; the code must exist in exactly one reference seed."""
    rows = []
    for pair in pairs:
        label, sep, code = pair.rpartition("=")
        label, code = label.strip(), code.strip()
        if not sep or not label or not code:
            raise AnswerError(None, "", f"--alias {pair!r}: write it as \"LABEL=CODE\"")
        owners = [seed for seed, (_, code_column, _) in REFERENCE_SEEDS.items()
                  if any(r.get(code_column) == code for r in seeds.rows(seed))]
        if len(owners) != 1:
            where = "no reference seed" if not owners else "several reference seeds (" + ", ".join(owners) + ")"
            raise AnswerError(None, "", f"--alias {pair!r}: code {code!r} is in {where}")
        rows.append({"reference_seed": owners[0], "label_nl": label, "code": code})
    return rows


def reference_rows(seed: str, existing: list[dict[str, str]], added: list[tuple[dict[str, str], str | None]],
                   header: list[str]) -> list[dict[str, str]]:
    """A reference seed with its new labels, each after the label printed before it; sort orders renumbered."""
    _, code_column, sorted_seed = REFERENCE_SEEDS[seed]
    rows = sorted(existing, key=lambda r: int(r.get("sort_order") or 0)) if sorted_seed else list(existing)
    for row, after in added:
        full = {column: row.get(column, "") for column in header}
        codes = [r[code_column] for r in rows]
        rows.insert(codes.index(after) + 1 if after in codes else 0, full)
    if sorted_seed:
        rows = [{**r, "sort_order": str(i)} for i, r in enumerate(rows, start=1)]
    return rows


def new_seed_files(answer: Answer, seeds: Seeds, aliases: list[dict[str, str]]) -> dict[Path, str]:
    """Every changed seed file's new text: other answers' rows kept in order, this answer's rows as read."""
    folder = seeds.folder
    # rows keyed by document only (cited_questions) sort by their document's report year
    year_of_document = {row["document_id"]: row["report_year"]
                        for row in seeds.rows("source_documents") + answer.rows["source_documents"]}
    files = {}
    for seed, key in answer_seeds(folder).items():
        header = seeds.headers.get(seed)
        if header is None:
            raise AnswerError(None, "", f"{folder / (seed + '.csv')} is missing")
        own = answer.document_id if key == "document_id" else str(answer.report_year)
        new = answer.rows.get(seed, [])
        for row in new:
            if set(row) != set(header):
                raise AnswerError(None, "", f"{seed}.csv: the reader gives columns {sorted(row)}, the file has "
                                  f"{header}")
        kept = [row for row in seeds.rows(seed) if row[key] != own]

        def year_of(row: dict[str, str]) -> str:
            return row.get("report_year") or year_of_document.get(row.get("document_id", ""), "")
        files[folder / f"{seed}.csv"] = render_seed_file(header, sorted(kept + new, key=year_of))  # stable sort
    reference = answer.reference
    for seed, added in (reference.added.items() if reference else []):
        header = seeds.headers[seed]
        files[folder / f"{seed}.csv"] = render_seed_file(header, reference_rows(seed, seeds.rows(seed), added, header))
    known = {(r["reference_seed"], r["label_nl"].lower()) for r in seeds.rows(ALIASES)}
    fresh = [a for a in aliases if (a["reference_seed"], a["label_nl"].lower()) not in known]
    if fresh:
        files[folder / f"{ALIASES}.csv"] = render_seed_file(seeds.headers[ALIASES], seeds.rows(ALIASES) + fresh)
    return files


def write_atomically(files: dict[Path, str | bytes]) -> dict[Path, bytes | None]:
    """Write every changed file through a temporary file; returns the changed ones with their old bytes."""
    encoded = {path: content.encode("utf-8") if isinstance(content, str) else content
               for path, content in files.items()}
    changed = {path: (path.read_bytes() if path.exists() else None) for path, content in encoded.items()
               if not path.exists() or path.read_bytes() != content}
    temporary = []
    for path in changed:
        temp = path.with_name(f".{path.name}.add_answer")
        temp.write_bytes(encoded[path])
        temporary.append((temp, path))
    for temp, path in temporary:
        os.replace(temp, path)
    return changed


def restore(changed: dict[Path, bytes | None]) -> None:
    """Put back what write_atomically changed: old bytes rewritten, new files removed."""
    for path, old in changed.items():
        if old is None:
            path.unlink(missing_ok=True)
        else:
            temp = path.with_name(f".{path.name}.add_answer")
            temp.write_bytes(old)
            os.replace(temp, path)


def add_answer(answer_path: Path, project_dir: Path, new_labels: bool = False, aliases: list[str] = (),
               update_suites: bool = True) -> tuple[Answer, list[Path]]:
    """Read the answer whole, then write its rows; on any refusal nothing is written."""
    seed_dir, source_dir = project_dir / SEED_SUBDIR, project_dir / SOURCE_SUBDIR
    data = answer_path.read_bytes()
    if answer_path.suffix.lower() == PDF_SUFFIX and not is_pdf(data):
        raise AnswerError(None, "", "is not a readable PDF: it does not start as a PDF does ('%PDF-')")
    seeds = read_seeds(seed_dir)
    alias_rows = parse_aliases(list(aliases), seeds)
    reference = Reference.from_seeds(seeds.rows, new_labels=new_labels, extra_aliases=alias_rows)
    name = source_file_name(data, sorted(p for p in source_dir.iterdir() if p.suffix in SOURCE_SUFFIXES),
                            PDF_SUFFIX if is_pdf(data) else TEXT_SUFFIX)
    answer = read_answer(data, reference, name)
    files: dict[Path, str | bytes] = new_seed_files(answer, seeds, alias_rows)
    source_file = source_dir / name
    if not source_file.exists():
        files[source_file] = data
    changed = write_atomically(files)
    if update_suites and changed:
        from meldpunt1712.expectations.context import update_context
        try:
            update_context(project_dir)
        except Exception:
            restore(changed)
            raise
    return answer, sorted(changed)


def place(number: PrintedNumber) -> str:
    """Where a number is printed: its line in a text, its page and line in a PDF."""
    return f"line {number.line_number}" if number.page is None else f"page {number.page}"


def print_summary(answer: Answer, changed: list[Path], project_dir: Path) -> None:
    """What was written: rows per seed, new labels, unread figures, the files changed, what to do next."""
    print(f"add_answer: report year {answer.report_year}, document {answer.document_id}")
    for seed in answer_seeds(project_dir / SEED_SUBDIR):
        print(f"  {seed + '.csv':34} {len(answer.rows.get(seed, [])):4d} rows")
    for seed, added in (answer.reference.added.items() if answer.reference else []):
        label_column, code_column, _ = REFERENCE_SEEDS[seed]
        for row, _ in added:
            print(f"add_answer: new label in {seed}.csv: {row[label_column]!r} as {row[code_column]!r} "
                  "(English label not yet translated)")
    unread = answer.unread
    if unread:
        print(f"add_answer: {len(unread)} unread figure(s): printed in the answer, taken by no seed")
        for number in unread:
            print(f"  {place(number)}: {number.text!r} ({number.reason}) in {number.sentence!r}")
    print("add_answer: changed " + (", ".join(str(p.relative_to(project_dir)) for p in changed) or "nothing"))
    print("add_answer: next: make build, review `git diff seeds/ source/`, make test")


def main(argv: list[str] | None = None) -> int:
    """The command line: exit 0 when the answer's rows were written, 1 (nothing changed) when refused."""
    parser = argparse.ArgumentParser(prog="python -m meldpunt1712.add_answer", description=__doc__.split("\n\n")[0])
    parser.add_argument("answer", type=Path, help="the answer: its PDF as the parliament publishes it, or a text "
                        "extraction of it (UTF-8)")
    parser.add_argument("--new-labels", action="store_true",
                        help="add each unknown label to its reference seed (code from the Dutch label, order as printed)")
    parser.add_argument("--alias", action="append", default=[], metavar="LABEL=CODE",
                        help="map another spelling onto an existing code (kept in label_aliases.csv); repeatable")
    parser.add_argument("--project-dir", type=Path, default=None, help="the dbt project (default: this repository)")
    args = parser.parse_args(argv)
    project_dir = (args.project_dir or default_project_dir()).resolve()
    try:
        answer, changed = add_answer(args.answer, project_dir, args.new_labels, args.alias)
    except (AnswerError, OSError) as error:
        print(f"add_answer: {args.answer}: {error}\nadd_answer: nothing was changed", file=sys.stderr)
        return 1
    print_summary(answer, changed, project_dir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
