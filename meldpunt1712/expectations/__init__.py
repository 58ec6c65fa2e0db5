"""The data-quality checks, kept as code (see meldpunt1712.quality_gate and docs/quality.md).

- `suites`: the great-expectations suites of the published file, generated from the seeds
  and the marts' YAML.
- `context`: the file-backed Data Context under gx/ that holds them, kept in step with the seeds.
- `source_text`: every figure of the seeds found in the source document, in the row or
  sentence it is printed in.
- `seeds`: reading the seed CSVs as text.
"""
