"""What several test files share: one two-year warehouse, and how the files are spread over workers.

`make test` runs pytest on two workers (pytest-xdist, --dist loadfile): each test file stays on
one worker, so its fixtures (fault injection's one run, for example) are made once. A worker may
run another file's tests between two of a file's, which would tear a module fixture down and
make it again: the expensive fixtures are session-scoped for that reason. The two-year
warehouse is built once for both workers, under a file lock in the session's shared temp folder.
"""
from __future__ import annotations

import fcntl
import os
import shutil
from pathlib import Path

import pytest

from meldpunt1712.dbt_runner import run_dbt
from proof.scratch_project import FICTITIOUS_YEAR, add_fictitious_year, copy_project


@pytest.fixture(scope="session")
def two_year_warehouse(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """2018 and a fictitious 2099 (every 2018 figure doubled, no evening pilot), added the way a user adds
    an answer (add_answer on a written text) and built with every dbt test. Read it; copy it to change it."""
    # xdist gives each worker a folder in the session's folder; without xdist the session's folder is its own
    shared = tmp_path_factory.getbasetemp()
    shared = shared.parent if os.environ.get("PYTEST_XDIST_WORKER") else shared
    project = shared / "two_years" / "project"
    database = project / "warehouse" / "build" / "two_years.duckdb"
    built = shared / "two_years" / "built"
    with (shared / "two_years.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)           # the other worker waits here while one builds
        if not built.exists():
            shutil.rmtree(project, ignore_errors=True)
            copy_project(project)
            add_fictitious_year(project, FICTITIOUS_YEAR, scale=2, with_evening_pilot=False)
            run = run_dbt(project, ["build"], database)
            assert run.ok, run.output[-6000:]
            built.touch()
    return project, database
