"""Readers never see a half-built warehouse while it is rebuilt and published.

The old warehouse is the project as it is (report year 2018); the new one
gets a clearly fictitious year 2099 with every figure doubled (all totals
still consistent), so every answer tells which warehouse it came from.
Two reader processes query the published file read-only in a loop, bounded
in time, while a third process runs the whole publish:

- one holds a single connection open all along: it must keep working and
  keep seeing the old warehouse;
- one connects anew for every query: it must see the old warehouse, then the
  new one, never anything in between, never an error.

(Readers are separate processes: within one process DuckDB shares one open
database between connections to the same path, so a "new" connection made
while an old one is still open sees the old file.)
"""
from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import duckdb
import pytest


from meldpunt1712.layout import EXPORTS_DEFAULT, PROJECT_DIR, PUBLISHED_DEFAULT
from proof.publish_testing import PUBLISH_ENDED, PUBLISH_STARTED, Published, published_baseline, run_publish, snapshot, \
    start_reader
from proof.scratch_project import FICTITIOUS_YEAR, add_fictitious_year, copy_project, read_seed

pytestmark = [pytest.mark.slow, pytest.mark.needs_build]


# the years the seeds answer, and the fictitious year the new publish adds
OLD_YEARS = sorted(int(r["report_year"]) for r in read_seed(PROJECT_DIR, "source_documents"))
NEW_YEARS = OLD_YEARS + [FICTITIOUS_YEAR]


@pytest.fixture(scope="session")
def baseline() -> Published:
    return published_baseline()


def wait_for(paths: list[Path], timeout: float) -> None:
    waited = time.monotonic()
    while not all(p.exists() for p in paths):
        assert time.monotonic() - waited < timeout, f"readers not ready after {timeout} s"
        time.sleep(0.1)


def test_readers_see_the_old_or_the_new_warehouse_never_a_half_built_one(baseline: Published,
                                                                         tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    add_fictitious_year(project, NEW_YEARS[-1], scale=2)
    published = project / PUBLISHED_DEFAULT
    shutil.copy2(baseline.file, published)
    shutil.copytree(baseline.exports, project / EXPORTS_DEFAULT)

    work = tmp_path / "readers"
    work.mkdir()
    readers = {
        "persistent": start_reader(published, "persistent", work),
        "reconnect": start_reader(published, "reconnect", work, expect_years=NEW_YEARS),
    }
    try:
        wait_for([ready for _, ready, _ in readers.values()], timeout=60)
        (work / PUBLISH_STARTED).write_text("")
        run = run_publish(project)
        (work / PUBLISH_ENDED).write_text("")
        (work / "stop").write_text("stop")  # each reader stops after one more answer, after the swap
        for process, _, _ in readers.values():
            process.wait(timeout=60)
    finally:
        (work / "stop").write_text("stop")
        for process, _, _ in readers.values():
            if process.poll() is None:
                process.kill()
    assert run.ok, run.output[-6000:]

    results = {}
    for mode, (process, _, out) in readers.items():
        assert out.exists(), f"{mode} reader wrote no result:\n{process.stdout.read()}"
        results[mode] = json.loads(out.read_text())
        assert results[mode]["errors"] == [], f"{mode} reader got errors"
        # every answer: a complete warehouse whose totals check out
        assert all(complete for *_, complete in results[mode]["answers"]), results[mode]["answers"]

    # the open connection kept working through the swap, on the old warehouse: answers wholly before the
    # publish started, while it ran and wholly after it ended (each reader labels its answers by the markers)
    held = results["persistent"]["answers"]
    assert [(phase, years) for phase, years, *_ in held] == [
        ("before", OLD_YEARS), ("during", OLD_YEARS), ("after", OLD_YEARS)], held

    # a new connection sees the old warehouse, then the new one, and nothing else: the old one before the
    # publish started, the new one after it ended
    fresh = results["reconnect"]["answers"]
    runs = [years for i, (_, years, *_) in enumerate(fresh) if i == 0 or years != fresh[i - 1][1]]
    assert runs == [OLD_YEARS, NEW_YEARS], fresh
    assert fresh[0][:2] == ["before", OLD_YEARS] and fresh[-1][:2] == ["after", NEW_YEARS], fresh
    assert all(years == NEW_YEARS for phase, years, *_ in fresh if phase == "after"), fresh

    with duckdb.connect(str(published), read_only=True) as connection:
        seen = snapshot(connection)
        assert seen["complete"] and sorted(seen["years"]) == NEW_YEARS
        assert (seen["years"][2018], seen["years"][FICTITIOUS_YEAR]) == (5126, 10252)
