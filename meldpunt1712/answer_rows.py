"""The answer documents as the reader takes them, in long form: one side of the text check in the DAG.

`dbt build` compares every seed row of every answer with what the reader
(`meldpunt1712.answer`, the one owner of the answer's format) takes from the
answer's document in source/ (its PDF, or its text): one row per seed, answer,
row and column, here from the document (int_answer_document_cells, keyed in
int_answer_text_rows) and in `int_answer_seed_rows` from the seeds, joined by
`assert_seed_rows_equal_the_answer_text`. Nothing renders the seeds back into
the answer's format, so a layout the reader reads is a layout the check accepts.

A document is read again only when its reading digest changes: its bytes, the
reference labels it is read against, its name and the reader's own code. The
caller passes the rows of the previous reading (the model's previous table),
so an unchanged document costs no reading and the result cannot go stale.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Callable

import pandas as pd

from meldpunt1712.answer import AnswerError, Reference, read_answer

Row = dict[str, str]
READING_COLUMNS = ["seed_name", "document_id", "report_year", "row_number", "column_name", "value", "reading_digest"]
READER_ERROR_COLUMN = "the answer document"
# The reader and what it calls (the age x gender placement) make the rows: their code is in the digest.
READER_CODE = sorted([Path(__file__)] + list((Path(__file__).parent / "answer").rglob("*.py"))
                     + list((Path(__file__).parent / "caller_theme").glob("*.py")))


def reading_digest(data: bytes, reference: Reference, source_file: str) -> str:
    """What a reading of a document depends on: its bytes, the labels, its name, the reader's code."""
    digest = hashlib.sha256(data)
    digest.update(json.dumps([reference.rows, reference.aliases, source_file], sort_keys=True).encode())
    for path in READER_CODE:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:32]


def long_cells(rows: dict[str, list[Row]], document_id: str, report_year: int, digest: str) -> list[dict]:
    """Every non-empty cell of the reader's rows of one answer, each row numbered within its seed."""
    return [{"seed_name": seed, "document_id": document_id, "report_year": report_year, "row_number": number,
             "column_name": column, "value": value, "reading_digest": digest}
            for seed, seed_rows in rows.items()
            for number, row in enumerate(seed_rows, start=1)
            for column, value in row.items() if column != "document_id" and value != ""]


def read_documents(documents: list[Row], reference_rows: Callable[[str], list[Row]], files: dict[str, bytes],
                   previous: list[dict] = ()) -> pd.DataFrame:
    """What each document prints, as the reader takes it, in long form.

    `documents` are the source_documents rows: each names its document
    (source_file, a key of `files`) and its document_id, which the reader's
    rows take over (the reader's own id is only a convention). A document that
    is missing or that the reader refuses gives one row (row_number 0) whose
    value is the reason: no seed has it, so the text check fails naming it.
    `previous` are rows of an earlier reading; those of a document whose
    digest is unchanged are taken over instead of reading it again.
    """
    reference = Reference.from_seeds(reference_rows)
    earlier: dict[str, list[dict]] = {}
    for row in previous:
        earlier.setdefault(row["reading_digest"], []).append(row)
    out: list[dict] = []
    for document in documents:
        document_id, source_file = document["document_id"], document.get("source_file") or ""
        report_year = int(document["report_year"]) if document.get("report_year", "").isdigit() else None

        def refused(reason: str, digest: str = "") -> dict:
            return {"seed_name": "source_documents", "document_id": document_id, "report_year": report_year,
                    "row_number": 0, "column_name": READER_ERROR_COLUMN, "value": reason, "reading_digest": digest}

        if source_file not in files:
            out.append(refused(f"source/{source_file} is missing"))
            continue
        data = files[source_file]
        digest = reading_digest(data, reference, source_file)
        if digest in earlier:
            out += [{**row, "document_id": document_id} for row in earlier[digest]]
            continue
        try:
            answer = read_answer(data, reference, source_file)
        except AnswerError as error:
            out.append(refused(f"the reader refuses source/{source_file}: {error}", digest))
            continue
        out += long_cells(answer.rows, document_id, answer.report_year, digest)
    frame = pd.DataFrame(out, columns=READING_COLUMNS)
    frame = frame.astype({"seed_name": "string", "document_id": "string", "column_name": "string",
                          "value": "string", "reading_digest": "string"})
    frame["report_year"] = frame["report_year"].astype("Int64")
    frame["row_number"] = frame["row_number"].astype("int32")
    return frame
