"""The file-backed great-expectations Data Context under `gx/`, kept in step with the seeds.

What a GX user expects to find is committed: `gx/great_expectations.yml` (a
pandas datasource `published_warehouse` with one SQL query asset per suite,
read from the published DuckDB file read-only), `gx/expectations/` (the
suites), `gx/validation_definitions/` and the checkpoint
`gx/checkpoints/published_warehouse.json`, whose `UpdateDataDocsAction` writes
GX's Data Docs to `gx/uncommitted/data_docs/local_site/`.

The suites are generated (`meldpunt1712.expectations.suites`): `update_context`
rewrites what the seeds or the marts' YAML changed, and only that, so a
regeneration with nothing new leaves every file as it was; `stale_items` says
what is out of date without writing (the gate refuses to run on stale suites,
and a test keeps the committed ones current).

Why the asset reads the DuckDB file through pandas (`read_sql_query` with a
duckdb-engine URL) and not GX's SQL datasource: with duckdb-engine, GX's SQL
datasource returns no rows (its result cursor dies with the connection).
The file's path comes from `$MELDPUNT_GX_DATABASE` at run time, so the same
committed context validates the published file, a build file or a test copy.
"""
from __future__ import annotations

import json
import logging
import os
import shutil
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

import yaml

from meldpunt1712.expectations.suites import SuiteSpec, suite_specs

if TYPE_CHECKING:
    from great_expectations.data_context import FileDataContext

GX_SUBDIR = Path("gx")
DATASOURCE = "published_warehouse"
CHECKPOINT = "published_warehouse"
BATCH_DEFINITION = "all_rows"
DATABASE_ENV = "MELDPUNT_GX_DATABASE"
CONNECTION = "duckdb:///${" + DATABASE_ENV + "}?access_mode=read_only"
DATA_DOCS_INDEX = GX_SUBDIR / "uncommitted" / "data_docs" / "local_site" / "index.html"


def quiet_gx() -> None:
    """No usage statistics, no progress bars, no INFO logs: the gate prints its own lines."""
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    for name in ["great_expectations", *[n for n in logging.root.manager.loggerDict
                                         if n.startswith("great_expectations")]]:
        logging.getLogger(name).setLevel(logging.ERROR)


def open_context(project_dir: Path) -> FileDataContext:
    """The file-backed Data Context in `project_dir/gx`, quiet (the gate prints its own lines)."""
    quiet_gx()
    import great_expectations as gx

    # progress bars are off in gx/great_expectations.yml (progress_bars: globally: false)
    return gx.get_context(mode="file", project_root_dir=str(project_dir))


# --------------------------------------------------------------------------- what is on disk


def expectation_records(expectations: list[dict]) -> list[tuple]:
    """What makes two stored expectations the same, ids and GX's own metadata aside."""
    return [(e["type"], json.dumps(e.get("kwargs", {}), sort_keys=True), e.get("description"),
             json.dumps(e.get("meta", {}), sort_keys=True)) for e in expectations]


def wanted_records(spec: SuiteSpec) -> list[tuple]:
    """The records of the suite `spec` describes, built by GX itself so that they compare with what GX stored."""
    quiet_gx()
    import great_expectations as gx

    suite = gx.ExpectationSuite(name=spec.name, expectations=[build(e) for e in spec.expectations])
    return expectation_records(suite.to_json_dict()["expectations"])


def build(expectation):
    """The GX expectation of a generated one."""
    import great_expectations.expectations as gxe
    from great_expectations.expectations.row_conditions import Column

    cls = next(c for c in vars(gxe).values()
               if isinstance(c, type) and getattr(c, "expectation_type", None) == expectation.type)
    if not expectation.mart:
        return cls(**expectation.kwargs, description=expectation.description)
    return cls(**expectation.kwargs, description=expectation.description, meta={"mart": expectation.mart},
               row_condition=Column("mart") == expectation.mart)


def stored_assets(gx_dir: Path) -> dict[str, dict]:
    """The query assets of the datasource as `gx/great_expectations.yml` holds them, by name."""
    config_file = gx_dir / "great_expectations.yml"
    if not config_file.exists():
        return {}
    config = yaml.safe_load(config_file.read_text(encoding="utf-8")) or {}
    source = (config.get("fluent_datasources") or {}).get(DATASOURCE) or {}
    return source.get("assets") or {}


def stored_json(path: Path) -> dict | None:
    """A committed GX file's JSON, or None when the file is missing (then it is stale)."""
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def stale_items(project_dir: Path, marts: set[str] | None = None) -> list[str]:
    """What `update_context` would change, in words; empty when `gx/` is current."""
    gx_dir = project_dir / GX_SUBDIR
    specs = suite_specs(project_dir, marts)
    assets = stored_assets(gx_dir)
    stale = []
    for spec in specs:
        asset = assets.get(spec.name)
        if asset is None or asset.get("sql") != spec.sql or asset.get("con") != CONNECTION:
            stale.append(f"asset {spec.name}")
        suite = stored_json(gx_dir / "expectations" / f"{spec.name}.json")
        if suite is None or expectation_records(suite["expectations"]) != wanted_records(spec):
            stale.append(f"suite {spec.name}")
        if stored_json(gx_dir / "validation_definitions" / f"{spec.name}.json") is None:
            stale.append(f"validation definition {spec.name}")
    names = {spec.name for spec in specs}
    stale += [f"asset {name} (no longer generated)" for name in assets if name not in names]
    stale += [f"suite {path.stem} (no longer generated)"
              for path in sorted((gx_dir / "expectations").glob("*.json")) if path.stem not in names]
    checkpoint = stored_json(gx_dir / "checkpoints" / f"{CHECKPOINT}.json")
    if checkpoint is None or [v["name"] for v in checkpoint["validation_definitions"]] != [s.name for s in specs]:
        stale.append(f"checkpoint {CHECKPOINT}")
    return stale


# --------------------------------------------------------------------------- writing


def update_context(project_dir: Path, marts: set[str] | None = None) -> list[str]:
    """Bring `gx/` in step with the seeds and the marts' YAML (of `marts` only, if given); return what changed.

    A suite whose expectations changed is rewritten in place (same id), so its
    validation definition and the checkpoint stay as they are; an asset whose
    query changed gets a new validation definition, and then the checkpoint,
    which names them, is written again.
    """
    import great_expectations as gx

    stale = stale_items(project_dir, marts)
    if not stale:
        return []
    specs = suite_specs(project_dir, marts)
    names = [spec.name for spec in specs]
    context = open_context(project_dir)
    if DATASOURCE in context.data_sources.all():
        source = context.data_sources.get(DATASOURCE)
    else:
        source = context.data_sources.add_pandas(DATASOURCE)
    checkpoint_file = project_dir / GX_SUBDIR / "checkpoints" / f"{CHECKPOINT}.json"
    definitions = {d.name for d in context.validation_definitions.all()}
    renamed = set(definitions) != set(names) or any(item.startswith("asset ") for item in stale)
    if renamed and checkpoint_file.exists():
        context.checkpoints.delete(CHECKPOINT)  # it refers to the definitions about to go
    for name in definitions - set(names):
        context.validation_definitions.delete(name)
    for asset in [a for a in source.assets if a.name not in names]:
        source.delete_asset(asset.name)
    for path in (project_dir / GX_SUBDIR / "expectations").glob("*.json"):
        if path.stem not in names:
            context.suites.delete(path.stem)
    for spec in specs:
        if f"asset {spec.name}" in stale:
            if spec.name in definitions:
                context.validation_definitions.delete(spec.name)
                definitions.discard(spec.name)
            if any(a.name == spec.name for a in source.assets):
                source.delete_asset(spec.name)
            source.add_sql_query_asset(name=spec.name, sql=spec.sql, con=CONNECTION) \
                .add_batch_definition_whole_dataframe(BATCH_DEFINITION)
        if f"suite {spec.name}" in stale:
            expectations = [build(e) for e in spec.expectations]
            if (project_dir / GX_SUBDIR / "expectations" / f"{spec.name}.json").exists():
                suite = context.suites.get(spec.name)
                suite.expectations = []
                for expectation in expectations:
                    suite.add_expectation(expectation)
                suite.save()
            else:
                context.suites.add(gx.ExpectationSuite(name=spec.name, expectations=expectations))
        if spec.name not in definitions:
            batch_definition = source.get_asset(spec.name).get_batch_definition(BATCH_DEFINITION)
            context.validation_definitions.add(gx.ValidationDefinition(
                name=spec.name, data=batch_definition, suite=context.suites.get(spec.name)))
            renamed = True
    if renamed or not checkpoint_file.exists():
        if checkpoint_file.exists():
            context.checkpoints.delete(CHECKPOINT)
        context.checkpoints.add(gx.Checkpoint(
            name=CHECKPOINT, validation_definitions=[context.validation_definitions.get(n) for n in names],
            actions=[gx.checkpoint.UpdateDataDocsAction(name="update_data_docs")],
            result_format={"result_format": "COMPLETE"}))
    return stale


# --------------------------------------------------------------------------- running


@contextmanager
def database_for_gx(database: Path) -> Iterator[None]:
    """Point the committed datasource at one DuckDB file for the duration of a run."""
    before = os.environ.get(DATABASE_ENV)
    os.environ[DATABASE_ENV] = str(Path(database).resolve())
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(DATABASE_ENV, None)
        else:
            os.environ[DATABASE_ENV] = before


def run_checkpoint(project_dir: Path, database: Path, data_docs: bool = True) -> list:
    """The committed checkpoint on `database`, read-only: one validation result per suite.

    With `data_docs`, the checkpoint's own `UpdateDataDocsAction` renders the
    results into the Data Docs site, which then shows this run only; without,
    its validation definitions run as the checkpoint would run them and
    nothing is kept (the fault injection validates a thousand fictitious years
    at a time, which would make a Data Docs page nobody reads).
    """
    import warnings

    context = open_context(project_dir)
    checkpoint = context.checkpoints.get(CHECKPOINT)
    with database_for_gx(database), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if data_docs:
            forget_earlier_runs(project_dir)
            return list(checkpoint.run().run_results.values())
        with results_discarded(project_dir):
            return [definition.run(result_format=checkpoint.result_format)
                    for definition in checkpoint.validation_definitions]


# --------------------------------------------------------------------------- what a run leaves behind


def run_folders(project_dir: Path) -> tuple[Path, list[Path]]:
    """Where GX keeps runs, as `gx/great_expectations.yml` sets them: the validation results store,
    and the validation pages of each Data Docs site."""
    gx_dir = project_dir / GX_SUBDIR
    config = yaml.safe_load((gx_dir / "great_expectations.yml").read_text(encoding="utf-8")) or {}
    store = config["stores"][config["validation_results_store_name"]]["store_backend"]["base_directory"]
    sites = [site["store_backend"]["base_directory"] for site in (config.get("data_docs_sites") or {}).values()]
    return gx_dir / store, [gx_dir / site / "validations" for site in sites]


def forget_earlier_runs(project_dir: Path) -> None:
    """Drop the stored results and the Data Docs pages of every earlier run.

    GX keeps both for every run and never prunes them, so `gx/uncommitted`
    would grow with each gate run. The site's index lists what the results
    store holds, so a store holding only the coming run gives a site that
    shows the published file's latest verdict, and nothing older.
    """
    store, pages = run_folders(project_dir)
    for folder in (store, *pages):
        if folder.is_dir():
            for entry in folder.iterdir():
                if entry.is_dir():  # a store's own files (its backend id) stay
                    shutil.rmtree(entry)


@contextmanager
def results_discarded(project_dir: Path) -> Iterator[None]:
    """Remove what a run without Data Docs stored: `ValidationDefinition.run` always stores its results."""
    store, _ = run_folders(project_dir)
    kept = set(store.rglob("*")) if store.is_dir() else set()
    try:
        yield
    finally:
        added = set(store.rglob("*")) - kept if store.is_dir() else set()
        for path in sorted(added, reverse=True):  # a folder's files before the folder
            try:
                path.rmdir() if path.is_dir() else path.unlink()
            except OSError:  # another run's file in a shared folder: leave it
                pass
