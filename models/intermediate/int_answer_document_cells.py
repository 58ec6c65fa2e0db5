"""What each answer document in source/ prints, as add_answer's reader takes it: one row per cell.

The reader's side of the text check, before its rows are keyed (int_answer_text_rows
keys them by the seeds' meta.row_key). Every input comes through dbt: the documents
from the source vlaams_parlement.answer_documents (read_blob), the documents' names
and the labels the reader resolves from the staging models. A document is read again
only when its reading digest changed (its bytes, the labels, the reader's code): the
rows of an unchanged one are taken over from this model's previous table, so a warm
`dbt build` reads no PDF.
"""
from meldpunt1712.answer_rows import READING_COLUMNS, read_documents



def text(value) -> str:
    """A value as the seed CSV writes it: '' for empty, 'true'/'false', ISO dates."""
    return "" if value is None else str(value).lower() if isinstance(value, bool) else str(value)


def text_rows(relation) -> list[dict[str, str]]:
    # straight from DuckDB's rows: no pandas frame for a handful of reference rows
    return [{column: text(value) for column, value in zip(relation.columns, values)}
            for values in relation.fetchall()]


def previous_rows(session, this) -> list[dict]:
    """This model's table as the last build left it (none on a first build, or when its columns changed)."""
    try:
        relation = session.sql(f"select {', '.join(READING_COLUMNS)} from {this}")
    except Exception:       # no table yet, or one of an older shape: read every document
        return []
    return [dict(zip(READING_COLUMNS, values)) for values in relation.fetchall()]


def model(dbt, session):
    dbt.config(materialized="table")
    # each ref written out: dbt reads a Python model's refs from its source text
    references = {
        "themes": text_rows(dbt.ref("stg_vlaams_parlement__themes")),
        "genders": text_rows(dbt.ref("stg_vlaams_parlement__genders")),
        "age_groups": text_rows(dbt.ref("stg_vlaams_parlement__age_groups")),
        "caller_types": text_rows(dbt.ref("stg_vlaams_parlement__caller_types")),
        "caller_groups": text_rows(dbt.ref("stg_vlaams_parlement__caller_groups")),
        "label_aliases": text_rows(dbt.ref("stg_vlaams_parlement__label_aliases")),
    }
    documents = text_rows(dbt.ref("stg_vlaams_parlement__source_documents"))
    files = {name.replace("\\", "/").rsplit("/", 1)[-1]: bytes(content)
             for name, content in dbt.source("vlaams_parlement", "answer_documents").project(
                 "filename, content").fetchall()}
    return read_documents(documents, references.__getitem__, files, previous_rows(session, dbt.this))
