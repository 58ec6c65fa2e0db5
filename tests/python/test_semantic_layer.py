"""The semantic layer: `mf query` gives the marts' own rows, every row and every value, both ways.

MetricFlow runs as a user runs it (the `mf` command line, from the repository, docs/bi.md): target
`published` of profiles.yml, which attaches the published file read-only. The queries run while
this process holds a read-only connection to that file, so an `mf` that opened it read-write (and
so would lock readers out, or could write) fails here, as does one that changed the file.

Each query is compared with SQL on the mart it reads: the month and theme tables row for row with
their own columns; the other metrics with the figure restated in SQL from the mart's columns.
"""
from __future__ import annotations

import csv
import datetime as dt
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from meldpunt1712.layout import PROJECT_DIR, PUBLISHED_ENV
from proof.publish_testing import published_baseline

pytestmark = pytest.mark.needs_build


@dataclass(frozen=True)
class Case:
    """An `mf query` (its arguments), and the SQL on the marts that must give the same rows.

    The SQL's first columns are the key (metric_time first, as the date it stands for), the rest the
    metrics in the order of `metrics`.
    """

    metrics: tuple[str, ...]
    group_by: tuple[str, ...]
    mart_sql: str
    where: str | None = None

    def arguments(self) -> list[str]:
        where = ["--where", self.where] if self.where else []
        return ["--metrics", ",".join(self.metrics), "--group-by", ",".join(self.group_by), *where]


SHARE = "contacts / sum(contacts) over (partition by report_year)"

CASES = {
    "contacts_by_month": Case(
        ("contacts", "working_days", "contacts_per_working_day"), ("metric_time__month",),
        "select month_start_date, contacts, working_days, contacts_per_working_day from marts.fct_contacts_monthly"),
    "contacts_by_theme": Case(
        ("contacts_by_theme", "share_of_year_by_theme"), ("metric_time__year", "theme"),
        "select make_date(report_year, 1, 1), theme_code, contacts, share_of_year from marts.fct_contacts_by_theme"),
    "caller_types": Case(
        ("contacts_by_caller_type", "share_of_year_by_caller_type"), ("metric_time__year", "caller_type"),
        f"select make_date(report_year, 1, 1), caller_type_code, contacts, {SHARE}"
        " from marts.fct_contacts_by_caller_type"),
    "age_gender": Case(
        ("contacts_by_age_gender", "share_of_year_by_age_gender"), ("metric_time__year", "age_group", "gender"),
        f"select make_date(report_year, 1, 1), age_group_code, gender_code, contacts, {SHARE}"
        " from marts.fct_contacts_by_age_gender"),
    "certain_cells": Case(
        ("contacts_in_certain_cells", "share_of_contacts_in_certain_cells", "contacts_by_caller_theme_min",
         "contacts_by_caller_theme_max"), ("metric_time__year", "caller_type"),
        """select make_date(report_year, 1, 1), caller_type_code,
               sum(case when is_certain then contacts else 0 end),
               cast(sum(case when is_certain then contacts else 0 end) as double)
               / cast(nullif(sum(contacts), 0) as double),
               sum(contacts_min), sum(contacts_max)
           from marts.fct_caller_theme group by all"""),
    "yearly_series": Case(
        ("preferred_yearly_contacts", "preferred_yearly_persons", "preferred_yearly_victims"), ("metric_time__year",),
        """select make_date(report_year, 1, 1),
               sum(figure_value) filter (where measure = 'contacts'),
               sum(figure_value) filter (where measure = 'persons'),
               sum(figure_value) filter (where measure = 'victims')
           from marts.fct_yearly_figures
           where is_preferred and measure in ('contacts', 'persons', 'victims') group by all"""),
}


def two_largest_themes() -> list[str]:
    return [theme for (theme,) in mart_rows("""select theme_code from marts.fct_contacts_by_theme
                                               group by theme_code order by sum(contacts) desc, theme_code limit 2""")]


def filtered_case(themes: list[str]) -> Case:
    """Two themes together: the share must still divide by the whole year (the window runs before the filter).

    Two, since a sum of two doubles is the same in either order, so mf and the SQL agree exactly.
    """
    in_list = ", ".join(f"'{theme}'" for theme in themes)
    return Case(("contacts_by_theme", "share_of_year_by_theme"), ("metric_time__year",),
                f"""select make_date(report_year, 1, 1), sum(contacts), sum(share) from (
                        select report_year, theme_code, contacts, {SHARE} as share from marts.fct_contacts_by_theme)
                    where theme_code in ({in_list}) group by all""",
                where=f"{{{{ Entity('theme') }}}} in ({in_list})")


def mart_rows(sql: str) -> list[tuple]:
    with duckdb.connect(str(published_baseline().file), read_only=True) as connection:
        return connection.execute(sql).fetchall()


def mf_environment(published: Path) -> dict[str, str]:
    return {**os.environ, "DBT_TARGET": "published", PUBLISHED_ENV: str(published),
            "DBT_PROFILES_DIR": str(PROJECT_DIR), "DBT_PROJECT_DIR": str(PROJECT_DIR),
            "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}


@pytest.fixture(scope="session")
def cases() -> dict[str, Case]:
    return {**CASES, "two_themes": filtered_case(two_largest_themes())}


@pytest.fixture(scope="session")
def mf_results(cases: dict[str, Case], tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict[str, str]]]:
    """Each case's rows from `mf query --csv` (all in one process: MetricFlow takes seconds to import)."""
    published = published_baseline().file
    folder = tmp_path_factory.mktemp("mf")
    commands = [["query", *case.arguments(), "--csv", str(folder / f"{name}.csv"), "--quiet"]
                for name, case in cases.items()]
    before = published.stat()
    with duckdb.connect(str(published), read_only=True):     # a reader holding the file open meanwhile
        run = subprocess.run([sys.executable, "-m", "proof.mf_commands", json.dumps(commands)], cwd=PROJECT_DIR,
                             env=mf_environment(published), capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, (run.stdout + run.stderr)[-6000:]
    after = published.stat()
    assert (after.st_ino, after.st_mtime_ns, after.st_size) == (before.st_ino, before.st_mtime_ns, before.st_size)
    results = {}
    for name in cases:
        with (folder / f"{name}.csv").open(newline="", encoding="utf-8") as handle:
            results[name] = list(csv.DictReader(handle))
    return results


def metric_time(text: str) -> dt.date:
    """metric_time as mf writes it (a timestamp at midnight) as the date it stands for."""
    stamp = dt.datetime.fromisoformat(text)
    assert stamp.time() == dt.time(0), text
    return stamp.date()


def number(text: str) -> float | None:
    return None if text == "" else float(text)


@pytest.mark.parametrize("name", [*CASES, "two_themes"])
def test_mf_query_gives_the_rows_of_the_mart(name: str, cases: dict[str, Case], mf_results: dict) -> None:
    case = cases[name]
    from_mf: dict[tuple, tuple] = {}
    for row in mf_results[name]:
        assert sorted(row) == sorted([*case.group_by, *case.metrics])
        key = tuple(metric_time(row[g]) if g.startswith("metric_time") else row[g] for g in case.group_by)
        assert key not in from_mf, f"mf gives {key} twice"
        from_mf[key] = tuple(number(row[m]) for m in case.metrics)
    width = len(case.group_by)
    from_mart = {tuple(row[:width]): tuple(row[width:]) for row in mart_rows(case.mart_sql)}
    assert from_mart, f"the mart gives no rows: {case.mart_sql}"
    assert sorted(set(from_mart) - set(from_mf)) == [], "rows of the mart that mf does not give"
    assert sorted(set(from_mf) - set(from_mart)) == [], "rows mf gives that the mart does not have"
    differing = {key: (from_mf[key], from_mart[key]) for key in from_mart if from_mf[key] != from_mart[key]}
    assert differing == {}, f"{case.metrics}: key -> (mf, mart)"
