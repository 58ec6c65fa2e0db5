"""Adding a report year means adding seed rows, not changing models.

A scratch copy of the project gets a clearly fictitious year 2099 through
add_answer (the 2018 text with every figure doubled and no evening pilot; see
conftest.py). The marts must split by year and every totals check must hold
per year; then one 2099 figure is changed and the checks must fail for 2099
alone.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest


from meldpunt1712.dbt_runner import run_dbt
from meldpunt1712.layout import PROJECT_DIR
from proof.scratch_project import FICTITIOUS_YEAR, read_seed, write_seed

pytestmark = pytest.mark.slow


def query(database: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(database), read_only=True) as connection:
        return connection.sql(sql).fetchall()


def test_marts_split_by_year_and_totals_hold_per_year(two_year_warehouse: tuple[Path, Path]) -> None:
    _, database = two_year_warehouse
    answered = {int(r["report_year"]) for r in read_seed(PROJECT_DIR, "source_documents")}
    year_sums = {year: (months, contacts) for year, months, contacts in query(database, """
        select report_year, count(*), sum(contacts)
        from marts.fct_contacts_monthly group by 1""")}
    assert set(year_sums) == answered | {FICTITIOUS_YEAR}
    assert (year_sums[2018], year_sums[FICTITIOUS_YEAR]) == ((12, 5126), (12, 10252))

    for mart in ("fct_contacts_by_theme", "fct_contacts_by_age_gender", "fct_contacts_by_caller_type"):
        per_year = dict(query(database, f"select report_year, sum(contacts) from marts.{mart} group by 1"))
        assert per_year == {year: contacts for year, (_, contacts) in year_sums.items()}, mart

    checks = dict(((year, table), (count, matched)) for year, table, count, matched in query(database, """
        select report_year, table_name, count(*), count(*) filter (where status = 'match')
        from marts.rpt_published_totals_check group by 1, 2"""))
    assert all(count == matched for count, matched in checks.values())
    # the same totals in both years, but the evening pilot's: 2099's answer has no pilot
    assert {t for y, t in checks if y == 2018} - {t for y, t in checks if y == FICTITIOUS_YEAR} == {"evening_pilot"}
    assert sum(count for (y, _), (count, _) in checks.items() if y == 2018) > 60
    pilot_years = {year for (year,) in query(database, "select distinct report_year from marts.rpt_evening_pilot")}
    assert 2018 in pilot_years and FICTITIOUS_YEAR not in pilot_years


def test_a_wrong_figure_fails_its_own_year_only(two_year_warehouse: tuple[Path, Path], tmp_path: Path) -> None:
    # a copy of its own: the shared project stays as add_answer left it, whatever the order of the tests
    two_year_project = Path(shutil.copytree(two_year_warehouse[0], tmp_path / "one_wrong_figure",
                                            ignore=shutil.ignore_patterns("*.duckdb", "*.wal", "target")))
    months = read_seed(two_year_project, "contacts_by_month")
    edited = next(row for row in months if row["month_label_nl"] == f"Maart {FICTITIOUS_YEAR}")
    edited["contacts"] = str(int(edited["contacts"]) + 1)
    write_seed(two_year_project, "contacts_by_month", months)

    database = two_year_project / "warehouse" / "build" / "one_wrong_figure.duckdb"
    run = run_dbt(two_year_project, ["build"], database)

    assert not run.ok
    failed = run.failed_nodes()
    assert "test.meldpunt_1712.assert_published_totals_all_match" in failed
    assert "test.meldpunt_1712.assert_four_tables_agree_on_year_total" in failed
    assert f"report_year={FICTITIOUS_YEAR}, table_name=contacts_by_month" in run.output
    assert "report_year=2018, table_name=contacts_by_month" not in run.output

    mismatches = query(database, """
        select report_year, table_name, difference
        from marts.rpt_published_totals_check where status <> 'match' order by 2""")
    assert mismatches == [
        (FICTITIOUS_YEAR, "answer_headline", 1),
        (FICTITIOUS_YEAR, "contacts_by_month", 1),
    ]
