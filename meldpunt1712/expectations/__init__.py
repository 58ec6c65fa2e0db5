"""The data-quality gate's checks, kept as code (see meldpunt1712.quality_gate).

- `marts`: the great-expectations suite of every mart, with every published
  total and every label set read from the seeds, never typed in.
- `source_text`: every figure of the seeds found in the source document, in
  the row or sentence it is printed in.
- `seeds`: reading the seed CSVs as text, shared by both.
"""
