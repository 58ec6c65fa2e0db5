"""Several `mf` commands in one interpreter, for the tests of the semantic layer.

    .venv/bin/python -m proof.mf_commands '[["query", "--metrics", "contacts", ...], ["query", ...]]'

Each runs through MetricFlow's own command line (the `mf` that users type), in order, from
the current folder and with this environment. Importing MetricFlow and dbt takes seconds; a
query takes a fraction of one, so one process for all of them keeps the test suite short.
Prints every command's output; exits with the first non-zero exit code.
"""
from __future__ import annotations

import json
import sys


def main(argv: list[str] | None = None) -> int:
    from click.testing import CliRunner
    from dbt_metricflow.cli.main import cli

    commands = json.loads((argv if argv is not None else sys.argv[1:])[0])
    failed = 0
    for command in commands:
        result = CliRunner().invoke(cli, command)
        print(f"$ mf {' '.join(command)}  (exit {result.exit_code})\n{result.output}", flush=True)
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            print(repr(result.exception), flush=True)
        failed = failed or result.exit_code
    return failed


if __name__ == "__main__":
    sys.exit(main())
