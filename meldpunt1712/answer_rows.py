"""The answers' texts as the reader takes them, in long form: one side of the text check in the DAG.

`dbt build` compares every seed row of every answer with what the reader
(`meldpunt1712.answer`, the one owner of the answer's format) takes from
the answer's text in source/: one row per seed, answer, row and column, here
from the text and in `int_answer_seed_rows` from the seeds, joined by
`assert_seed_rows_equal_the_answer_text`. Nothing renders the seeds back into
the answer's format, so a layout the reader reads is a layout the check accepts.

The reader's rows of a text are cached (parquet) under a key of the text's
bytes, the reference labels it resolved against, the seeds' row keys and the
reader's own code, so the cache cannot go stale.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Callable

import pandas as pd

from meldpunt1712.answer import AnswerError, Reference, read_answer

Row = dict[str, str]
LONG_COLUMNS = ["seed_name", "document_id", "report_year", "row_key", "column_name", "value"]
READER_ERROR_COLUMN = "the answer text"
# The reader and what it calls (the age x gender placement) make the rows: their code is in the key.
READER_CODE = sorted([Path(__file__)] + list((Path(__file__).parent / "answer").rglob("*.py"))
                     + list((Path(__file__).parent / "caller_theme").glob("*.py")))


def row_key(row: Row, columns: list[str]) -> str:
    """A row's key as the SQL side writes it: its key columns joined by ' | ' (a missing value is empty)."""
    return " | ".join(row.get(column, "") for column in columns)


def long_rows(rows: dict[str, list[Row]], document_id: str, report_year: int,
              row_keys: dict[str, list[str]]) -> list[dict]:
    """Every non-empty cell of the reader's rows of one answer (seeds without a row key are left out)."""
    out = []
    for seed, seed_rows in rows.items():
        if seed not in row_keys:
            continue
        for row in seed_rows:
            key = row_key({**row, "document_id": document_id}, row_keys[seed])
            for column, value in row.items():
                if column != "document_id" and value != "":
                    out.append({"seed_name": seed, "document_id": document_id, "report_year": report_year,
                                "row_key": key, "column_name": column, "value": value})
    return out


def cache_key(text: bytes, reference: Reference, row_keys: dict[str, list[str]], source_file: str) -> str:
    digest = hashlib.sha256(text)
    digest.update(json.dumps([reference.rows, reference.aliases, row_keys, source_file], sort_keys=True).encode())
    for path in READER_CODE:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:32]


def answer_rows_long(documents: list[Row], reference_rows: Callable[[str], list[Row]], source_dir: Path,
                     row_keys: dict[str, list[str]], cache_dir: Path | None = None) -> pd.DataFrame:
    """What each document's text prints, as the reader takes it, in long form.

    `documents` are the source_documents seed rows: each names its text
    (source_file) and its document_id, which the reader's rows take over (the
    reader's own id is only a convention). A text that is missing or that the
    reader refuses gives one row whose value is the reason: no seed has it, so
    the text check fails naming it.
    """
    reference = Reference.from_seeds(reference_rows)
    frames = []
    for document in documents:
        document_id, source_file = document["document_id"], document.get("source_file") or ""
        path = source_dir / source_file
        failure = {"seed_name": "source_documents", "document_id": document_id,
                   "report_year": int(document["report_year"]) if document.get("report_year", "").isdigit() else None,
                   "row_key": document_id, "column_name": READER_ERROR_COLUMN}
        if not source_file or not path.is_file():
            frames.append(pd.DataFrame([{**failure, "value": f"source/{source_file} is missing"}]))
            continue
        data = path.read_bytes()
        cached = cache_dir / f"answer-{cache_key(data, reference, row_keys, source_file)}.parquet" if cache_dir else None
        if cached is not None and cached.exists():
            frames.append(pd.read_parquet(cached).assign(document_id=document_id))
            continue
        try:
            answer = read_answer(data, reference, source_file)
            frame = pd.DataFrame(long_rows(answer.rows, document_id, answer.report_year, row_keys),
                                 columns=LONG_COLUMNS)
        except AnswerError as error:
            frames.append(pd.DataFrame([{**failure, "value": f"the reader refuses source/{source_file}: {error}"}]))
            continue
        if cached is not None:
            cached.parent.mkdir(parents=True, exist_ok=True)
            temporary = cached.with_suffix(".tmp")
            frame.to_parquet(temporary, index=False)
            temporary.replace(cached)
        frames.append(frame)
    frame = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=LONG_COLUMNS)
    frame = frame[LONG_COLUMNS].astype({"seed_name": "string", "document_id": "string", "row_key": "string",
                                        "column_name": "string", "value": "string"})
    frame["report_year"] = frame["report_year"].astype("Int64")
    return frame
