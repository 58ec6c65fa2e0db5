"""Benchmark of reading an answer's PDF (:func:`meldpunt1712.answer.read_answer`).

Run from the repository root::

    python -m benchmarks.answer_pdf                 # the six-page answer, 5 runs
    python -m benchmarks.answer_pdf --runs 9

The answer is the PDF oracle's fixed six-page answer (`proof.answer_pdf.six_page_pdf`: the caller
table of 29 caller types and 14 themes over three landscape pages, 128 cells, 367 numbers).
Each run reads it whole, from its bytes to every seed row, in this process, after one run that
loads the libraries; the figures are wall and CPU seconds (the machine is shared, so wall time
alone says little when others run). Nothing here is timed inside pytest.
"""
from __future__ import annotations

import argparse
import statistics
import time

from meldpunt1712.answer import Reference, read_answer
from meldpunt1712.checks.seed_files import read_seeds
from meldpunt1712.layout import PROJECT_DIR, SEED_SUBDIR
from proof.answer_pdf import six_page_pdf


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    generated = six_page_pdf()
    seeds = read_seeds(PROJECT_DIR / SEED_SUBDIR)
    read_answer(generated.pdf, Reference.from_seeds(seeds.rows), "six_pages.pdf")      # imports, caches
    walls, cpus = [], []
    for _ in range(args.runs):
        wall, cpu = time.perf_counter(), time.process_time()
        read_answer(generated.pdf, Reference.from_seeds(seeds.rows), "six_pages.pdf")
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    print(f"answer PDF, {len(generated.pages)} pages, {args.runs} runs: wall median {statistics.median(walls):.2f} s "
          f"(min {min(walls):.2f}, max {max(walls):.2f}), CPU median {statistics.median(cpus):.2f} s")


if __name__ == "__main__":
    main()
