"""Are two published warehouses the same, mart by mart and row for row?

    .venv/bin/python -m proof.compare_marts BASE.duckdb NEW.duckdb

For every mart of BASE: its rows in BASE and not in NEW, and in NEW and not in
BASE (EXCEPT ALL both ways, on BASE's columns), and its columns: the same, or
the columns NEW adds (BI users' queries keep working), or the columns NEW lost.
Marts only NEW has are listed. Exit 1 when any mart of BASE differs in its rows
or lost a column.
"""
from __future__ import annotations

import sys

import duckdb


def compare(base: str, new: str) -> bool:
    connection = duckdb.connect(new, read_only=True)
    connection.execute(f"attach '{base}' as base (read_only)")
    new_db = connection.execute("select current_database()").fetchone()[0]

    def columns(database: str, mart: str) -> list[str]:
        return [name for (name,) in connection.execute(
            "select column_name from duckdb_columns() where database_name = ? and schema_name = 'marts' "
            "and table_name = ? order by column_index", [database, mart]).fetchall()]

    def marts(database: str) -> list[str]:
        return [name for (name,) in connection.execute(
            "select table_name from duckdb_tables() where database_name = ? and schema_name = 'marts' "
            "order by 1", [database]).fetchall()]

    same = True
    for mart in marts("base"):
        listed = ", ".join(f'"{c}"' for c in columns("base", mart))
        only = [connection.execute(f"select count(*) from (select {listed} from {a}.marts.{mart} except all "
                                   f"select {listed} from {b}.marts.{mart})").fetchone()[0]
                for a, b in (("base", new_db), (new_db, "base"))]
        rows = connection.execute(f"select count(*) from base.marts.{mart}").fetchone()[0]
        lost = [c for c in columns("base", mart) if c not in columns(new_db, mart)]
        added = [c for c in columns(new_db, mart) if c not in columns("base", mart)]
        same &= only == [0, 0] and not lost
        print(f"{mart:34} {rows:5} rows  only in base {only[0]}  only in new {only[1]}  columns "
              + (f"LOST {', '.join(lost)}" if lost else f"added {', '.join(added)}" if added else "same"))
    added = sorted(set(marts(new_db)) - set(marts("base")))
    print("marts only in new: " + (", ".join(added) or "none"))
    return same


if __name__ == "__main__":
    sys.exit(0 if compare(sys.argv[1], sys.argv[2]) else 1)
