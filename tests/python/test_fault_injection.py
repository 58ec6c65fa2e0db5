"""The gate catches every corrupted figure (see proof.fault_injection).

Every published figure of the seeds raised by 1, and every kind of structural
damage, in scratch copies of the project: the dbt build and the quality gate
must fail for each, with a failure that names the table. The whole proof runs
once per session (a few minutes: two worker processes, one dbt build for all
the per-year mutations).
"""
from __future__ import annotations

import pytest


from proof.fault_injection import (
    TEXT_CHECK_LAYER, Report, base_rows, enumerate_mutations, read_tables, run_fault_injection, seed_facts,
)
from meldpunt1712.layout import BUILD_DEFAULT, PROJECT_DIR, PUBLISHED_DEFAULT

pytestmark = [pytest.mark.proof, pytest.mark.slow, pytest.mark.needs_build]


STRUCTURAL_KINDS = {"row dropped", "row duplicated", "values swapped", "label misspelt", "decimal typed",
                    "empty seed file", "missing column"}


@pytest.fixture(scope="session")
def report() -> Report:
    """One run for every test here, on the build make test made (its publish proves every dbt test passed)."""
    build, published = PROJECT_DIR / BUILD_DEFAULT, PROJECT_DIR / PUBLISHED_DEFAULT
    assert build.exists() and published.exists() and published.stat().st_mtime >= build.stat().st_mtime, \
        "no build that passed (a published file newer than the build file): run `make build` first"
    return run_fault_injection(built_by_make=build)


def test_every_published_figure_of_the_seeds_is_mutated() -> None:
    tables = read_tables(PROJECT_DIR)
    figures = sum(1 for seed, column in seed_facts().figure_columns.items() for i in base_rows(tables, seed)
                  if tables[seed].rows[i][column] != "")
    mutations = enumerate_mutations(tables)
    assert sum(m.kind == "figure +1" for m in mutations) == figures > 300
    assert {m.kind for m in mutations} >= STRUCTURAL_KINDS
    assert any(m.kind == "empty seed file" for m in mutations if m.seed == "themes")
    assert len({m.key for m in mutations}) == len(mutations)


def test_every_mutation_is_caught(report: Report) -> None:
    print(f"\nfault injection: {report.tried} tried, {len(report.caught)} caught, {report.seconds:.0f} s")
    assert report.tried > 1000
    assert [v.key for v in report.missed] == []


def test_every_caught_mutation_is_named_by_a_failure(report: Report) -> None:
    assert [(v.key, v.messages[:1]) for v in report.misnamed] == []


def test_swapped_values_are_caught_by_plain_dbt_build(report: Report) -> None:
    """Two swapped values keep every total: the text comparison inside dbt catches them."""
    swaps = [v for v in report.verdicts if v.kind == "values swapped"]
    assert swaps and all(TEXT_CHECK_LAYER in v.layers for v in swaps)


def test_a_figure_plus_one_fails_plain_dbt_build(report: Report) -> None:
    """Any seed figure +1, narrative figures included, fails a dbt test (no step outside dbt needed)."""
    plus_one = [v for v in report.verdicts if v.kind == "figure +1"]
    assert plus_one and [v.key for v in plus_one if not {"dbt tests", TEXT_CHECK_LAYER} & set(v.layers)] == []
