"""One way to run dbt: for publish, the tests, fault injection and the benchmarks.

dbt always runs from the project's folder (as a user runs `dbt build` from the
repository root), against the DuckDB file `database` (profiles.yml reads it
from $MELDPUNT_BUILD_DUCKDB_PATH), and what each node did is read from the
run's own target/run_results.json.

In a subprocess by default; `in_process=True` uses dbt's public `dbtRunner`
(no interpreter start-up, for the many runs of fault injection) and then
releases the DuckDB file, which dbt-duckdb keeps open in the process. An
in-process run may be given the manifest of an earlier `parse_in_process`
of the same project and database (`manifest=`): dbt then neither parses the
project again nor writes target/manifest.json.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from meldpunt1712.layout import BUILD_DEFAULT, BUILD_ENV, BUILD_TARGET

# profiles.yml takes the DuckDB file from this var (an in-process run changes no environment variable);
# the Python models take the project's folder from the other (an in-process run changes no folder).
DATABASE_VAR = "build_duckdb_path"
PROJECT_VAR = "project_dir"


@dataclass
class DbtRun:
    """What one dbt invocation did: exit code, console output (when captured), per-node results."""

    returncode: int
    output: str
    results: list[dict] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        """True when dbt exited with code 0: no node errored or failed (a warning passes)."""
        return self.returncode == 0

    def failed_nodes(self) -> list[str]:
        """unique_ids of the nodes (models, tests) that errored or failed."""
        return [r["unique_id"] for r in self.results if r["status"] in ("error", "fail")]


def target_dir(project_dir: Path) -> Path:
    """dbt's target folder: $DBT_TARGET_PATH, else dbt_project.yml's target-path, else target/."""
    import yaml

    configured = os.environ.get("DBT_TARGET_PATH")
    if not configured:
        project = yaml.safe_load((Path(project_dir) / "dbt_project.yml").read_text(encoding="utf-8"))
        configured = project.get("target-path", "target")
    path = Path(configured)
    return path if path.is_absolute() else Path(project_dir) / path


def release_duckdb() -> None:
    """Close the DuckDB file that dbt-duckdb keeps open in this process after an in-process run.

    A BI client (and the quality gate) must then open the same file read-only,
    which DuckDB refuses while a read-write instance of it is open here.
    """
    import gc

    from dbt.adapters.duckdb.connections import DuckDBConnectionManager

    DuckDBConnectionManager.close_all_connections()
    gc.collect()


def common_args(project_dir: Path, database: Path, dbt_vars: dict | None = None) -> list[str]:
    """The arguments of every run: the project's folder, the build target and the DuckDB file (as vars).

    `dbt_vars`: more vars for this run (dbt takes one --vars, so they join the file's).
    """
    # the build target, whatever $DBT_TARGET a shell exports for `mf` (the read-only published target)
    return ["--project-dir", str(project_dir), "--profiles-dir", str(project_dir), "--target", BUILD_TARGET,
            "--vars", json.dumps({**(dbt_vars or {}), DATABASE_VAR: str(database), PROJECT_VAR: str(project_dir)})]


def parse_in_process(project_dir: Path, database: Path | None = None):
    """`dbt parse` in this process (writes target/manifest.json); the manifest, for `run_dbt(manifest=...)`.

    Only for runs that change no file dbt parses (SQL, YAML, macros): a seed's rows may change,
    since dbt reads them when it loads the seed, never when it parses.
    """
    from dbt.cli.main import dbtRunner

    project_dir = Path(project_dir).resolve()
    database = Path(database or project_dir / BUILD_DEFAULT)
    outcome = dbtRunner().invoke(["parse", "--log-level", "none", *common_args(project_dir, database)])
    if not outcome.success:
        raise RuntimeError(f"dbt parse failed in {project_dir}: {outcome.exception}")
    return outcome.result


def run_dbt(project_dir: Path, args: list[str], database: Path | None = None, *,
            capture: bool = True, in_process: bool = False, manifest=None, dbt_vars: dict | None = None) -> DbtRun:
    """Run `dbt ARGS` in `project_dir` against `database` (default: the project's build file).

    `capture=False` lets dbt print to the console as it goes (publish); the
    results are read only from a run_results.json this run wrote. `manifest`
    (in process only): what `parse_in_process` returned for this project and database. `dbt_vars`:
    vars besides the database's and the project's (`caller_theme_time_budget_s`, for example).
    """
    project_dir = Path(project_dir).resolve()
    database = Path(database or project_dir / BUILD_DEFAULT)
    database.parent.mkdir(parents=True, exist_ok=True)
    results_file = target_dir(project_dir) / "run_results.json"
    results_file.unlink(missing_ok=True)
    common = common_args(project_dir, database, dbt_vars)
    started = time.perf_counter()
    if in_process:
        from dbt.cli.main import dbtRunner

        # dbt itself works from --project-dir while it runs, and returns to the caller's folder
        try:
            outcome = dbtRunner(manifest=manifest).invoke([*args, "--log-level", "none", *common])
        finally:
            release_duckdb()
        returncode = 0 if outcome.success else 1
        output = "" if outcome.exception is None else f"dbt could not run: {outcome.exception}"
    else:
        assert manifest is None, "a parsed manifest is for in-process runs"
        environment = {**os.environ, BUILD_ENV: str(database), "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
        completed = subprocess.run([str(Path(sys.executable).with_name("dbt")), *args, *common],
                                   cwd=project_dir, env=environment, capture_output=capture, text=True)
        returncode = completed.returncode
        output = (completed.stdout or "") + (completed.stderr or "") if capture else ""
    results = json.loads(results_file.read_text(encoding="utf-8"))["results"] if results_file.exists() else []
    return DbtRun(returncode, output, results, time.perf_counter() - started)
