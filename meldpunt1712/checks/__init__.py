"""Checks of the inputs that publish and the gate share (see docs/quality.md).

- `finding`: CheckResult, one check's outcome as a line a user can act on.
- `seed_files`: the seed CSVs read as text, and the facts about them from the seeds' YAML.
- `printed_in_answer`: every seed row found in the answer's text where it is printed; also
  run inside dbt (int_seed_rows_against_answer_text).
"""
from __future__ import annotations

from pathlib import Path

from meldpunt1712.checks.finding import CheckResult
from meldpunt1712.checks.seed_files import Seeds, check_seed_files, read_seeds


def check_inputs(seeds_dir: Path, source_dir: Path | None) -> tuple[Seeds, list[CheckResult]]:
    """The checks that need no warehouse: the seed files, and every seed row in the answer's text.

    ``source_dir=None`` leaves the text out.
    """
    from meldpunt1712.checks.printed_in_answer import check_source_text

    seeds = read_seeds(seeds_dir)
    text_results = [] if source_dir is None else check_source_text(seeds, source_dir)
    return seeds, check_seed_files(seeds) + text_results
