"""Build, test and publish the warehouse for BI tools (`make build`).

    python -m meldpunt1712.publish [--project-dir DIR] [--published FILE] [--exports-dir DIR]

1. check inputs: the seed files can be read and have their declared columns
   (`meldpunt1712.checks.check_inputs`), named in the user's words before dbt
   starts; every figure against the answer's text is a test of dbt build itself.
2. dbt build: writes the *build* file (warehouse/build/meldpunt_1712.duckdb,
   or $MELDPUNT_BUILD_DUCKDB_PATH) and runs every seed, model, unit test and
   data test. A build file kept in another storage format than profiles.yml
   sets (one an earlier DuckDB created) is removed first and built anew.
3. check marts: only if every node passed, every mart (schema `marts`) must
   be a table with BI-friendly types.
4. write published file: the marts are copied as plain tables into a fresh
   DuckDB file next to the published file, with the table and column
   descriptions of the dbt docs as comments, in the storage format
   profiles.yml sets for every file (meldpunt1712.storage: v1.0.0, which every
   DuckDB from 1.0 on, the BI drivers embedding one and the report site's
   @duckdb/node-api open). Nothing else goes in: no seeds, staging views or
   test-audit tables, and no views at all, since a DuckDB view embeds the
   database name of the file it was built in.
5. write exports: Parquet and CSV with a Frictionless datapackage.json (see
   meldpunt1712.exports), in a temporary folder.
6. replace published file: os.replace swaps the new file in for
   warehouse/meldpunt_1712.duckdb in one atomic step, then the new exports
   folder replaces warehouse/exports.

A reader that has the old file open keeps reading the old file (on Linux and
macOS the old inode lives on until its last reader closes it); a new
connection opens the new one. On any failure the published file and the
exports are left exactly as they were, the failing step is printed, and the
exit code is 1; the one exception is an exports folder that cannot be
swapped in after the new file was: then the message says that the file was
published and the exports are the previous ones.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import uuid
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import yaml

from meldpunt1712.exports import Column, Mart, quote_identifier, quote_literal, write_exports
from meldpunt1712.layout import (
    BUILD_DEFAULT, BUILD_ENV, EXPORTS_DEFAULT, EXPORTS_ENV, MARTS_SCHEMA, PUBLISHED_DEFAULT, PUBLISHED_ENV,
    SEED_SUBDIR, default_project_dir, project_path,
)
from meldpunt1712.checks import check_inputs
from meldpunt1712.dbt_runner import run_dbt, target_dir
from meldpunt1712.storage import file_storage_version, storage_version

# Types BI tools read well (times of day are published as 'HH:MM' text, since
# Tableau has no time type). Anything else (HUGEINT
# from sum(), DECIMAL, ENUM, LIST, STRUCT, TIMESTAMP WITH TIME ZONE...) stops
# the publish: cast it in the model.
BI_TYPES = ("INTEGER", "BIGINT", "DOUBLE", "VARCHAR", "DATE", "BOOLEAN")

OK_STATUSES = {"success", "pass", "warn"}
# Nodes dbt build runs but builds nothing for (the semantic layer's saved queries, the exposures): status no-op.
NOTHING_TO_BUILD = {"saved_query", "exposure"}

STEPS = ("check inputs", "dbt build", "check marts", "write published file", "write exports",
         "replace published file")


class PublishError(Exception):
    """A step that failed: `step` names it for the user, `published_changed` says whether the new file is in."""
    def __init__(self, step: str, message: str, published_changed: bool = False):
        super().__init__(message)
        self.step = step
        self.message = message
        self.published_changed = published_changed


def say(message: str) -> None:
    """One console line of the publish, prefixed so that it stands out among dbt's lines."""
    print(f"publish: {message}", flush=True)


def step(name: str, what: str) -> None:
    """Announce a step as `step N/6`, so that a failure's `FAILED at step N/6` can be placed."""
    say(f"step {STEPS.index(name) + 1}/{len(STEPS)} {name}: {what}")


# ---------------------------------------------------------------- paths


# ---------------------------------------------------------------- step 1: inputs


def check_inputs_step(project_dir: Path) -> None:
    """The seed files, before anything is built: dbt would name a broken one in DuckDB's words."""
    step("check inputs", "seed files")
    try:
        _, results = check_inputs(project_dir / SEED_SUBDIR)
    except (OSError, ValueError, KeyError) as error:
        raise PublishError("check inputs", f"cannot read the seeds: {error}") from error
    failed = [r for r in results if not r.success]
    if failed:
        raise PublishError("check inputs", f"{len(failed)} of {len(results)} input checks failed:\n"
                           + "\n".join(r.line() for r in failed))


# ---------------------------------------------------------------- step 2: dbt build


def node_passed(result: dict) -> bool:
    """A node of run_results.json passed, or is one dbt builds nothing for."""
    kind = result["unique_id"].split(".", 1)[0]
    return result["status"] in OK_STATUSES or (result["status"] == "no-op" and kind in NOTHING_TO_BUILD)


def dbt_build(project_dir: Path, build_file: Path, version: str) -> None:
    """Run `dbt build` against the build file; raise PublishError unless every node passed."""
    step("dbt build", f"every seed, model and test, into {build_file}")
    remove_build_file_in_another_format(build_file, version)
    run = run_dbt(project_dir, ["build"], build_file, capture=False)
    results = run.results
    failed = [r for r in results if not node_passed(r)]
    if failed:
        lines = []
        for result in failed:
            kind, _, name = result["unique_id"].split(".", 2)
            detail = f", {result['failures']} failing row(s)" if result.get("failures") else ""
            lines.append(f"  {result['status']:<8} {kind} {name.split('.')[-1]}{detail}")
        raise PublishError("dbt build", f"{len(failed)} node(s) did not pass:\n" + "\n".join(lines))
    if not run.ok:
        raise PublishError("dbt build", f"dbt exited with code {run.returncode} (see its output above)")
    if not results:
        raise PublishError("dbt build", "dbt wrote no run_results.json")
    warned = [r["unique_id"] for r in results if r["status"] == "warn"]
    if warned:
        say("warnings (published anyway): " + ", ".join(warned))


def remove_build_file_in_another_format(build_file: Path, version: str) -> None:
    """dbt keeps an existing file in the format it was created in: a build file of another one is built anew."""
    if not build_file.exists():
        return
    try:
        kept_in = file_storage_version(build_file)
    except duckdb.Error:
        return  # dbt build opens it next and says what is wrong with it
    if kept_in != version:
        say(f"{build_file} is kept in DuckDB storage {kept_in}, not profiles.yml's {version}: building it anew")
        build_file.unlink()
        Path(str(build_file) + ".wal").unlink(missing_ok=True)


# ---------------------------------------------------------------- step 3: what to publish


def marts_to_publish(project_dir: Path, build_file: Path) -> list[Mart]:
    """The marts of the manifest with their built column types and dbt descriptions."""
    manifest = json.loads((target_dir(project_dir) / "manifest.json").read_text(encoding="utf-8"))
    models = {
        node["name"]: node for node in manifest["nodes"].values()
        if node["resource_type"] == "model" and node["schema"] == MARTS_SCHEMA
    }
    if not models:
        raise PublishError("check marts", f"the manifest has no model in schema {MARTS_SCHEMA}")
    keys = primary_keys(manifest)
    with duckdb.connect(str(build_file), read_only=True) as connection:
        rows = connection.execute(
            """select table_name, column_name, data_type, is_nullable
               from duckdb_columns() where schema_name = ? order by table_name, column_index""",
            [MARTS_SCHEMA],
        ).fetchall()
        kinds = dict(connection.execute(
            "select table_name, 'table' from duckdb_tables() where schema_name = ? "
            "union all select view_name, 'view' from duckdb_views() where schema_name = ?",
            [MARTS_SCHEMA, MARTS_SCHEMA],
        ).fetchall())
    built: dict[str, list[tuple]] = {}
    for table, column, data_type, nullable in rows:
        built.setdefault(table, []).append((column, data_type, nullable))
    marts, problems = [], []
    for name in sorted(models):
        node = models[name]
        if kinds.get(name) != "table":
            problems.append(f"{MARTS_SCHEMA}.{name} is {kinds.get(name, 'missing')} in the build file, not a table")
            continue
        documented = {c["name"].lower(): c for c in node.get("columns", {}).values()}
        columns = []
        for column, data_type, nullable in built[name]:
            if data_type not in BI_TYPES:
                problems.append(f"{MARTS_SCHEMA}.{name}.{column} is {data_type}, not one of {', '.join(BI_TYPES)}"
                                " (cast it in the model and its contract)")
            columns.append(Column(column, data_type, bool(nullable),
                                  documented.get(column.lower(), {}).get("description", "").strip()))
        marts.append(Mart(name, node.get("description", "").strip(), columns,
                          [c for c in keys.get(node["unique_id"], []) if c in {col.name for col in columns}]))
    if problems:
        raise PublishError("check marts", "\n".join("  " + p for p in problems))
    return marts


def primary_keys(manifest: dict) -> dict[str, list[str]]:
    """Per model: the columns of its uniqueness test (combination of columns first, else a unique column)."""
    single: dict[str, list[str]] = {}
    combined: dict[str, list[str]] = {}
    for node in sorted(manifest["nodes"].values(), key=lambda n: n["unique_id"]):
        metadata = node.get("test_metadata") or {}
        attached = node.get("attached_node")
        if node["resource_type"] != "test" or not attached:
            continue
        kwargs = metadata.get("kwargs", {})
        if metadata.get("name") == "unique_combination_of_columns":
            combined.setdefault(attached, list(kwargs["combination_of_columns"]))
        elif metadata.get("name") == "unique" and "column_name" in kwargs:
            single.setdefault(attached, [kwargs["column_name"]])
    return {**single, **combined}


# ---------------------------------------------------------------- step 4: the published file


def write_published_file(build_file: Path, marts: list[Mart], destination: Path, version: str) -> None:
    """Copy the marts of the build file into a new DuckDB file `destination` in storage `version`, with comments."""
    with duckdb.connect(":memory:") as connection:
        connection.execute(f"attach {quote_literal(str(build_file))} as build (read_only)")
        connection.execute(
            f"attach {quote_literal(str(destination))} as published (storage_version {quote_literal(version)})"
        )
        connection.execute(f"create schema published.{MARTS_SCHEMA}")
        for mart in marts:
            table = f"published.{MARTS_SCHEMA}.{quote_identifier(mart.name)}"
            definitions = ", ".join(
                f"{quote_identifier(c.name)} {c.data_type}{'' if c.nullable else ' not null'}" for c in mart.columns
            )
            names = ", ".join(quote_identifier(c.name) for c in mart.columns)
            connection.execute(f"create table {table} ({definitions})")
            connection.execute(
                f"insert into {table} select {names} from build.{MARTS_SCHEMA}.{quote_identifier(mart.name)}"
            )
            if mart.description:
                connection.execute(f"comment on table {table} is {quote_literal(mart.description)}")
            for column in mart.columns:
                if column.description:
                    connection.execute(
                        f"comment on column {table}.{quote_identifier(column.name)} "
                        f"is {quote_literal(column.description)}"
                    )
        connection.execute("checkpoint published")
        connection.execute("detach published")
        connection.execute("detach build")
    verify_published_file(build_file, marts, destination, version)


def verify_published_file(build_file: Path, marts: list[Mart], published: Path, version: str) -> None:
    """Reopen the new file read-only: its storage version, the same marts and row counts as the build, nothing else."""
    if Path(str(published) + ".wal").exists():
        raise PublishError("write published file", f"{published}.wal was left behind")
    kept_in = file_storage_version(published)
    if kept_in != version:
        raise PublishError("write published file", f"the new file is kept in DuckDB storage {kept_in}, not {version}")
    with duckdb.connect(":memory:") as connection:
        connection.execute(f"attach {quote_literal(str(build_file))} as build (read_only)")
        connection.execute(f"attach {quote_literal(str(published))} as published (read_only)")
        tables = connection.execute(
            "select schema_name, table_name from duckdb_tables() where database_name = 'published' order by all"
        ).fetchall()
        views = connection.execute(
            "select view_name from duckdb_views() where database_name = 'published' and not internal"
        ).fetchall()
        expected = sorted((MARTS_SCHEMA, m.name) for m in marts)
        if tables != expected or views:
            raise PublishError("write published file", f"unexpected objects: tables {tables}, views {views}")
        for mart in marts:
            quoted = f"{MARTS_SCHEMA}.{quote_identifier(mart.name)}"
            built, copied = connection.execute(
                f"select (select count(*) from build.{quoted}), (select count(*) from published.{quoted})"
            ).fetchone()
            if built != copied:
                raise PublishError("write published file", f"{mart.name}: {copied} rows copied of {built}")


# ---------------------------------------------------------------- the run


@contextmanager
def publish_lock(published: Path):
    """One publish at a time per published file (a second one fails at once)."""
    lock_path = published.with_name(f".{published.name}.publish.lock")
    handle = open(lock_path, "a+")
    try:
        try:
            import fcntl
        except ImportError:  # Windows: no advisory lock, the dbt build file lock still guards
            yield
            return
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise PublishError("dbt build", f"another publish of {published} is running ({lock_path} is locked)")
        yield
    finally:
        handle.close()


def remove_leftovers(directory: Path, prefix: str) -> None:
    """Temporary files or folders of an interrupted earlier publish."""
    for leftover in directory.glob(prefix + "*"):
        if leftover.is_dir():
            shutil.rmtree(leftover, ignore_errors=True)
        else:
            leftover.unlink(missing_ok=True)


def publish(project_dir: Path, build_file: Path, published: Path, exports_dir: Path) -> list[Mart]:
    """Run every step on `project_dir` and publish its marts to `published` and `exports_dir`.

    One publish at a time per published file; leftovers of an interrupted
    publish are removed first. Raises PublishError naming the step; nothing
    is replaced unless every step before the swap passed.
    """
    published.parent.mkdir(parents=True, exist_ok=True)
    exports_dir.parent.mkdir(parents=True, exist_ok=True)
    token = f"{os.getpid()}-{uuid.uuid4().hex[:8]}"
    temporary_file = published.with_name(f".{published.name}.publishing-{token}")
    temporary_exports = exports_dir.with_name(f".{exports_dir.name}.publishing-{token}")
    old_exports = exports_dir.with_name(f".{exports_dir.name}.replaced-{token}")
    with publish_lock(published):
        remove_leftovers(published.parent, f".{published.name}.publishing-")
        remove_leftovers(exports_dir.parent, f".{exports_dir.name}.publishing-")
        remove_leftovers(exports_dir.parent, f".{exports_dir.name}.replaced-")
        try:
            check_inputs_step(project_dir)
            try:
                version = storage_version(project_dir)
            except (OSError, KeyError, ValueError, yaml.YAMLError) as error:
                raise PublishError("check inputs", f"the storage format of the files: {error}") from error
            dbt_build(project_dir, build_file, version)

            step("check marts", "tables in schema marts, BI-friendly types")
            try:
                marts = marts_to_publish(project_dir, build_file)
            except (OSError, duckdb.Error, KeyError) as error:
                raise PublishError("check marts", str(error)) from error

            step("write published file", f"{len(marts)} marts, storage version {version}")
            try:
                write_published_file(build_file, marts, temporary_file, version)
            except (OSError, duckdb.Error) as error:
                raise PublishError("write published file", str(error)) from error

            step("write exports", f"Parquet, CSV and datapackage.json in {exports_dir}")
            created = datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")
            try:
                write_exports(temporary_file, marts, temporary_exports, created=created)
            except (OSError, duckdb.Error) as error:
                raise PublishError("write exports", str(error)) from error

            step("replace published file", str(published))
            try:
                os.replace(temporary_file, published)
            except OSError as error:
                raise PublishError(
                    "replace published file",
                    f"{error} (on Windows a reader that holds the file open blocks this: close it and retry)",
                ) from error
            try:
                if exports_dir.exists():
                    os.replace(exports_dir, old_exports)
                os.replace(temporary_exports, exports_dir)
            except OSError as error:
                if old_exports.exists() and not exports_dir.exists():
                    os.replace(old_exports, exports_dir)
                raise PublishError(
                    "write exports", f"replacing {exports_dir} failed: {error}", published_changed=True,
                ) from error
            shutil.rmtree(old_exports, ignore_errors=True)
            return marts
        finally:
            temporary_file.unlink(missing_ok=True)
            Path(str(temporary_file) + ".wal").unlink(missing_ok=True)
            shutil.rmtree(temporary_exports, ignore_errors=True)


def describe(path: Path) -> str:
    """The published file and when it was published, for the message that it was kept."""
    if not path.exists():
        return f"{path} (there is no published file yet)"
    stamp = datetime.fromtimestamp(path.stat().st_mtime).strftime("%Y-%m-%d %H:%M:%S")
    return f"{path} (published {stamp})"


def main(argv: list[str] | None = None) -> int:
    """`python -m meldpunt1712.publish`: exit code 0 when published, 1 (with the failing step) when not."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--project-dir", type=Path, default=None,
                        help="dbt project (default: the current folder if it has dbt_project.yml)")
    parser.add_argument("--published", default=None,
                        help=f"published file (default ${PUBLISHED_ENV} or {PUBLISHED_DEFAULT})")
    parser.add_argument("--exports-dir", default=None,
                        help=f"exports folder (default ${EXPORTS_ENV} or {EXPORTS_DEFAULT})")
    args = parser.parse_args(argv)

    project_dir = (args.project_dir or default_project_dir()).resolve()
    build_file = project_path(project_dir, None, BUILD_ENV, BUILD_DEFAULT)
    published = project_path(project_dir, args.published, PUBLISHED_ENV, PUBLISHED_DEFAULT)
    exports_dir = project_path(project_dir, args.exports_dir, EXPORTS_ENV, EXPORTS_DEFAULT)
    if build_file == published:
        print(f"publish: FAILED: the build file and the published file are both {published}", file=sys.stderr)
        return 1

    try:
        marts = publish(project_dir, build_file, published, exports_dir)
    except PublishError as error:
        number = STEPS.index(error.step) + 1
        if error.published_changed:
            outcome = (f"publish: the new warehouse file WAS published ({published}), "
                       f"but the exports in {exports_dir} are the previous ones")
        else:
            outcome = ("publish: nothing was published; readers keep the previous warehouse, untouched: "
                       + describe(published))
        print(f"\npublish: FAILED at step {number}/{len(STEPS)} ({error.step}):\n{error.message}\n{outcome}",
              file=sys.stderr, flush=True)
        return 1
    say(f"published {len(marts)} marts to {published}")
    say(f"exports in {exports_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
