"""Where a pytest run's CPU goes: a pytest plugin that prints each test's CPU time, slowest first.

    .venv/bin/python -m pytest -p benchmarks.pytest_cpu [pytest's arguments]

The CPU time of a test is what its worker process and the child processes it waited for used
between the test's start and end (`getrusage`), its fixtures' setup included: on a shared machine
the wall time says little, the CPU time says what the test costs. A session fixture counts for
the first test that asks for it. pytest-xdist shows no worker's output: with
PYTEST_CPU_REPORT=FILE each process appends its tests to FILE instead. Nothing here is an
assertion: no test asserts a time.
"""
from __future__ import annotations

import os
import resource
import time

import pytest

RESULTS: list[tuple[float, float, str]] = []


def cpu_seconds() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None):
    cpu, wall = cpu_seconds(), time.perf_counter()
    yield
    RESULTS.append((cpu_seconds() - cpu, time.perf_counter() - wall, item.nodeid))


def pytest_sessionfinish(session: pytest.Session) -> None:
    if not RESULTS:
        return
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    lines = [f"{cpu:8.1f} s CPU {wall:8.1f} s wall  {nodeid}" for cpu, wall, nodeid in sorted(RESULTS, reverse=True)]
    total = sum(cpu for cpu, _, _ in RESULTS)
    report = f"\nCPU per test{' on ' + worker if worker else ''} ({total:.0f} s in all):\n" + "\n".join(lines) + "\n"
    path = os.environ.get("PYTEST_CPU_REPORT")
    if path:
        with open(path, "a", encoding="utf-8") as out:
            out.write(report)
    else:
        print(report)
