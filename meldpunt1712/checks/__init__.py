"""Checks of the inputs that publish and the gate share (see docs/quality.md).

- `finding`: CheckResult, one check's outcome as a line a user can act on.
- `seed_files`: the seed CSVs read as text, and the facts about them from the seeds' YAML.
"""
from __future__ import annotations

from pathlib import Path

from meldpunt1712.checks.finding import CheckResult
from meldpunt1712.checks.seed_files import Seeds, check_seed_files, read_seeds


def check_inputs(seeds_dir: Path) -> tuple[Seeds, list[CheckResult]]:
    """The checks that need no warehouse: the seed files can be read and have their declared columns.

    The seeds against the answer's text is a test of dbt build (assert_seed_rows_equal_the_answer_text).
    """
    seeds = read_seeds(seeds_dir)
    return seeds, check_seed_files(seeds)
