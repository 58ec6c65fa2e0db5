"""What several test files share: scratch warehouses built once, and how the files are spread over workers.

`make test` runs pytest on two workers (pytest-xdist, --dist loadgroup --no-loadscope-reorder):
each test file stays on one worker (`pytest_collection_modifyitems` below makes each file a
group), so its fixtures are made once; the files that read one of the shared scratch builds
form one group, run one after the other on one worker, so that no worker waits for the other's
build; and those groups, then the files marked slow, go first, the quick files fill in at the
end. A worker may run another file's tests between two of a file's, which would tear a module
fixture down and make it again: the expensive fixtures are session-scoped for that reason. A
scratch warehouse that tests of several files read is built once per run, under a file lock in
the session's shared temp folder (`built_once`), so that a run with another split holds too:

- `two_year_warehouse`: 2018 and a fictitious 2099, added the way a user adds an answer;
- `answers_build`: every answer a test module declares (`answers_for_the_shared_build()`, see
  `proof.scratch_project.ScratchAnswer`), added with `python -m meldpunt1712.add_answer` to one
  copy of the project, built with every dbt test, published and judged by the quality gate.
"""
from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import pytest

from meldpunt1712.dbt_runner import run_dbt
from proof.scratch_project import FICTITIOUS_YEAR, ScratchAnswer, add_fictitious_year, copy_project


# The fixtures of the scratch builds that tests of several files share.
SHARED_BUILDS = ("two_year_warehouse", "answers_build")
# Seconds of caller x theme analysis per generated year in `answers_build` (the project's default is 60):
# what the build proves of a year holds for an exact analysis and a partial one alike (sound outer
# bounds, flagged; test_caller_theme.py proves them against brute force), so a generated table that
# would take minutes to settle goes through build and gate partial instead.
ANSWERS_BUILD_BUDGET_S = 10


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """One xdist group per file, one per shared scratch build; shared builds first, then slow files."""
    files: dict[Path, list[pytest.Item]] = {}
    for item in items:
        files.setdefault(item.path, []).append(item)
    shared = {path: "+".join(sorted({name for item in file_items for name in SHARED_BUILDS
                                     if name in getattr(item, "fixturenames", ())}))
              for path, file_items in files.items()}
    slow = {path: any(item.get_closest_marker("slow") for item in file_items) for path, file_items in files.items()}
    for path, file_items in files.items():
        for item in file_items:
            item.add_marker(pytest.mark.xdist_group(shared[path] or path.name))
    items.sort(key=lambda item: (not shared[item.path], not slow[item.path]))


def pytest_collection_finish(session: pytest.Session) -> None:
    """Stop a run whose files xdist would spread over both workers after all.

    `--dist loadgroup` keeps a group on one worker by a suffix xdist adds to each node id; pytest 9.2
    ignores it (pytest-dev/pytest-xdist#1386), and the run then builds each shared fixture on both
    workers without a word. requirements.txt pins a pytest where it works.
    """
    if os.environ.get("PYTEST_XDIST_WORKER") and session.config.getvalue("loadgroup"):
        ungrouped = [item.nodeid for item in session.items if "@" not in item.nodeid.rsplit("]", 1)[-1]]
        if ungrouped:
            raise pytest.UsageError(f"xdist did not group {len(ungrouped)} tests by file ({ungrouped[0]}, ...): "
                                    "this pytest breaks --dist loadgroup (pytest-dev/pytest-xdist#1386)")


def shared_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The session's temp folder that both workers see (xdist gives each worker a folder inside it)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@contextlib.contextmanager
def built_once(tmp_path_factory: pytest.TempPathFactory, name: str) -> Iterator[tuple[Path, bool]]:
    """(the shared folder `name`, whether it still has to be built): the other worker waits until it is."""
    folder = shared_folder(tmp_path_factory) / name
    done = folder.with_name(f"{name}.built")
    with folder.with_name(f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
        yield folder, not done.exists()
        done.touch()


@pytest.fixture(scope="session")
def two_year_warehouse(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """2018 and a fictitious 2099 (every 2018 figure doubled, no evening pilot), added the way a user adds
    an answer (add_answer on a written text) and built with every dbt test. Read it; copy it to change it."""
    with built_once(tmp_path_factory, "two_years") as (folder, to_build):
        project = folder / "project"
        database = project / "warehouse" / "build" / "two_years.duckdb"
        if to_build:
            copy_project(project)
            add_fictitious_year(project, FICTITIOUS_YEAR, scale=2, with_evening_pilot=False)
            run = run_dbt(project, ["build"], database)
            assert run.ok, run.output[-6000:]
    return project, database


@dataclass
class AnswersBuild:
    """What the shared build of the declared answers gave: read by every test that declared one."""

    project: Path
    refused: dict[str, str]       # answer file -> add_answer's exit code and message, when it refused the answer
    build_ok: bool
    build_output: str
    gate_problems: list[str]      # the gate's error and failing checks on the published file: empty when it passed
    gate_checks: int

    def check(self, answer: ScratchAnswer) -> None:
        """Fail naming what went wrong for `answer`: refused, or a build or gate that did not pass."""
        assert answer.file_name not in self.refused, self.refused[answer.file_name]
        assert self.build_ok, self.build_output[-6000:]
        assert self.gate_problems == [] and self.gate_checks > 0, self.gate_problems[:10]


def declared_answers(session: pytest.Session) -> list[ScratchAnswer]:
    """The answers of every collected test module that declares some, in file order."""
    modules = {item.module.__name__: item.module for item in session.items if getattr(item, "module", None)}
    answers = [answer for name in sorted(modules)
               for answer in getattr(modules[name], "answers_for_the_shared_build", lambda: ())()]
    names = [answer.file_name for answer in answers]
    assert len(set(names)) == len(names), f"two declared answers share a file name: {names}"
    return answers


def build_answers(project: Path, folder: Path, answers: list[ScratchAnswer]) -> dict:
    """Add each answer as a user does, build with every dbt test, publish, and run the gate on the published file."""
    import io

    from meldpunt1712.add_answer import main as add_answer_main
    from meldpunt1712.expectations.context import stale_items
    from meldpunt1712.publish import marts_to_publish, write_published_file
    from meldpunt1712.quality_gate import main as quality_gate_main
    from meldpunt1712.quality_gate import run_gate
    from meldpunt1712.storage import storage_version

    copy_project(project)
    refused = {}
    for answer in answers:
        path = folder / answer.file_name
        if isinstance(answer.content, bytes):
            path.write_bytes(answer.content)
        else:
            path.write_text(answer.content, encoding="utf-8")
        err = io.StringIO()
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
            code = add_answer_main([str(path), "--project-dir", str(project), *answer.options])
        if code != 0:
            refused[answer.file_name] = f"add_answer exit code {code}: {err.getvalue()}"
    database = project / "warehouse" / "build" / "answers.duckdb"
    run = run_dbt(project, ["build"], database, dbt_vars={"caller_theme_time_budget_s": ANSWERS_BUILD_BUDGET_S})
    result = {"refused": refused, "build_ok": run.ok, "build_output": run.output[-8000:],
              "gate_problems": ["the build failed: no gate"], "gate_checks": 0}
    if run.ok:
        # the gate reads what `make build` publishes: the marts copied with their descriptions as comments
        published = project / "warehouse" / "answers_published.duckdb"
        write_published_file(database, marts_to_publish(project, database), published, storage_version(project))
        if stale_items(project):    # add_answer regenerates the suites itself; if a version does not, do it here
            assert quality_gate_main(["--update-suites", "--project-dir", str(project)]) == 0
        report = run_gate(published, project, data_docs=False)
        result["gate_problems"] = ([report.error] if report.error else []) + [r.line() for r in report.failures]
        result["gate_checks"] = len(report.results)
    return result


@pytest.fixture(scope="session")
def answers_build(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> AnswersBuild:
    """Every declared answer in ONE scratch project: one add_answer each, one `dbt build`, one publish, one gate.

    A test module declares its answers with a module function `answers_for_the_shared_build()` returning
    `ScratchAnswer`s (distinct report years and file names), and calls `answers_build.check(answer)` for
    each; it may read `answers_build.project` (its seeds) too.
    """
    answers = declared_answers(request.session)
    with built_once(tmp_path_factory, "answers") as (folder, to_build):
        record = folder / "result.json"
        if to_build:
            result = build_answers(folder / "project", folder, answers)
            result["answers"] = [answer.file_name for answer in answers]
            record.write_text(json.dumps(result), encoding="utf-8")
        result = json.loads(record.read_text(encoding="utf-8"))
    assert result.pop("answers") == [answer.file_name for answer in answers], "the workers declared other answers"
    return AnswersBuild(folder / "project", **result)
