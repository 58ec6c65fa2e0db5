"""great-expectations on the published file (see meldpunt1712.quality_gate and docs/quality.md).

- `suites`: the expectation suites, generated from the seeds and the marts' YAML.
- `context`: the file-backed Data Context under gx/ that holds them, kept in step with the seeds.
"""
