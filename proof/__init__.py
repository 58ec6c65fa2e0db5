"""Proof tooling: scratch projects, publish testing and fault injection. Never imported by meldpunt1712."""
