"""The yearly figures of other publications: each of their tests can fail, and names what failed.

Every proof copies the project (proof/scratch_project.copy_project), breaks one thing in
seeds/publications (or, for the one-preferred rule and the comparison of publication dates, the
marts' own SQL), builds the yearly marts with their upstream and their tests, and asserts the
failing node and the row it names. The two-year warehouse (conftest.py: 2018 and a fictitious
2099 added by add_answer) shows the answers' figures follow every report year the seeds hold;
a copy of it lets the marts' unit tests run alone.
"""
from __future__ import annotations

from pathlib import Path

import shutil

import duckdb
import pytest

from meldpunt1712.dbt_runner import DbtRun, run_dbt
from meldpunt1712.layout import BUILD_DEFAULT, PROJECT_DIR
from proof.scratch_project import FICTITIOUS_YEAR, copy_project, read_seed, write_seed

pytestmark = pytest.mark.slow

PUBLICATIONS = Path("seeds") / "publications"
FIGURES_FILE = (PUBLICATIONS / "yearly_figures.csv").as_posix()
SELECT = ["--select", "+fct_yearly_figures+", "+rpt_yearly_figure_conflicts+", "--indirect-selection", "cautious"]
TEST = "test.meldpunt_1712."
UNIT_TEST = "unit_test.meldpunt_1712."


def read_rows(project: Path, seed: str) -> list[dict[str, str]]:
    return read_seed(project, seed, PUBLICATIONS)


def write_rows(project: Path, seed: str, rows: list[dict[str, str]]) -> None:
    write_seed(project, seed, rows, subdir=PUBLICATIONS)


def row(rows: list[dict[str, str]], figure_id: str) -> dict[str, str]:
    return next(r for r in rows if r["figure_id"] == figure_id)


def build(project: Path, *extra: str) -> tuple[DbtRun, Path]:
    database = project / "warehouse" / "build" / "yearly.duckdb"
    return run_dbt(project, ["build", *SELECT, *extra], database), database


def query(database: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(database), read_only=True) as connection:
        return connection.sql(sql).fetchall()


def failed_tests(run: DbtRun) -> set[str]:
    return {node.removeprefix(TEST).split(".")[0] for node in run.failed_nodes() if node.startswith(TEST)}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def test_the_answers_give_a_preferred_figure_for_every_report_year(two_year_warehouse: tuple[Path, Path]) -> None:
    _, database = two_year_warehouse
    answered = {int(r["report_year"]) for r in read_seed(PROJECT_DIR, "source_documents")} | {FICTITIOUS_YEAR}
    answers = dict(query(database, """
        select report_year, figure_value from marts.fct_yearly_figures
        where source_kind = 'answer' and is_preferred and measure = 'contacts'"""))
    assert set(answers) == answered
    assert (answers[2018], answers[FICTITIOUS_YEAR]) == (5126, 10252)
    preferred = query(database, """
        select report_year, measure, count(*) filter (where is_preferred)
        from marts.fct_yearly_figures group by 1, 2""")
    assert preferred and all(count == 1 for _, _, count in preferred)
    # the 2018 press figure repeats the answer: not a conflict
    assert query(database, "select count(*) from marts.rpt_yearly_figure_conflicts where report_year = 2018") == [(0,)]


def test_a_publication_that_differs_from_the_answer_fails_naming_both(project: Path) -> None:
    rows = read_rows(project, "yearly_figures")
    row(rows, "nieuwsblad_20190430_contacts_2018")["printed_value"] = "5.127"
    write_rows(project, "yearly_figures", rows)

    run, _ = build(project)

    assert failed_tests(run) == {"assert_publications_agree_with_the_answer"}
    assert ("the answer sv304_2019 (source/000_a09852dfb7e0c744.txt) prints 5.126, publication "
            "nieuwsblad_20190430_contacts_2018 (https://www.nieuwsblad.be/cnt/dmf20190430_04366238) prints 5.127"
            ) in run.output


def test_a_figure_without_address_or_date_or_of_an_unknown_kind_fails_naming_its_row(project: Path) -> None:
    rows = read_rows(project, "yearly_figures")
    row(rows, "metrotime_20170416_contacts_2014")["url"] = "nl.metrotime.be/2017/04/16"
    row(rows, "metrotime_20170416_contacts_2015")["published_on"] = ""
    row(rows, "metrotime_20170416_contacts_2016")["published_on"] = "2016-06"  # before the year it counts ended
    victims = row(rows, "hln_202202_victims_2021")
    victims["measure"], victims["unit"] = "contacts", "contacts"  # victims filed as contacts
    write_rows(project, "yearly_figures", rows)

    run, _ = build(project)

    failed = failed_tests(run)
    assert any(name.startswith("has_a_dated_source") for name in failed)
    assert any(name.startswith("counts_a_known_measure") for name in failed)
    assert any(name.startswith("published_after_its_period") for name in failed)
    assert (f"{FIGURES_FILE}: row metrotime_20170416_contacts_2014: url 'nl.metrotime.be/2017/04/16' "
            "is not a web address") in run.output
    assert f"{FIGURES_FILE}: row metrotime_20170416_contacts_2015: published_on is empty" in run.output
    assert (f"{FIGURES_FILE}: row metrotime_20170416_contacts_2016: published 2016-06, before the period it counts "
            "ends on 2016-12-31") in run.output
    # a date to the month or to the year is a date: those rows pass both tests
    assert "row hln_202202_contacts_2021:" not in run.output and "row cdenv_2018_contacts_2017:" not in run.output
    assert (f"{FIGURES_FILE}: row hln_202202_victims_2021: measure 'contacts' in unit 'contacts' printed as "
            "'mogelijke slachtoffers' is not a row of seeds/publications/measures.csv") in run.output


def test_contacts_and_persons_never_share_a_series(project: Path) -> None:
    measures = read_rows(project, "measures")
    measures.append({"measure": "contacts", "unit": "persons", "printed_term_nl": "personen",
                     "measure_label_en": "a measure that mixes persons into the contacts"})
    write_rows(project, "measures", measures)
    rows = read_rows(project, "yearly_figures")
    persons = dict(row(rows, "metrotime_20170416_contacts_2016"), figure_id="persons_as_contacts_2016",
                   unit="persons", printed_term="personen", printed_value="6.792",
                   url="https://example.org/persons")
    write_rows(project, "yearly_figures", [*rows, persons])

    run, _ = build(project)

    assert "assert_one_unit_per_measure" in failed_tests(run)
    assert "measure=contacts, units=contacts, persons" in run.output


def test_exactly_one_preferred_figure_fails_when_the_ordering_prefers_two(project: Path) -> None:
    mart = project / "models" / "marts" / "fct_yearly_figures.sql"
    text = mart.read_text(encoding="utf-8")
    assert "weighed.preference_order = 1 as is_preferred" in text
    mart.write_text(text.replace("weighed.preference_order = 1 as is_preferred",
                                 "weighed.preference_order <= 2 as is_preferred"), encoding="utf-8")

    # the unit test of the rule would stop the build first: this proves the data test on its own
    run, _ = build(project, "--exclude", "test_type:unit")

    assert "assert_one_preferred_figure_per_year_and_measure" in failed_tests(run)
    assert "report_year=2013, measure=contacts, preferred_figures=2" in run.output
    assert "report_year=2018, measure=contacts, preferred_figures=2" in run.output


@pytest.mark.parametrize(("edits", "column", "message"), [
    ({"printed_value": "5,126"}, "printed_value", "is not a Dutch whole number (5.126, 812)"),
    ({"printed_value": "68.5%", "unit": "percent_of_contacts", "measure": "share_by_phone", "printed_term": "via telefoon"},
     "printed_value", "is not a Dutch percentage (68 %, 12,5 %)"),
    ({"published_on": "spring 2019"}, "published_on", "is not a date written YYYY-MM-DD, YYYY-MM or YYYY"),
])
def test_a_figure_or_date_written_otherwise_stops_the_build_naming_file_row_and_value(
        project: Path, edits: dict[str, str], column: str, message: str) -> None:
    rows = read_rows(project, "yearly_figures")
    row(rows, "nieuwsblad_20190430_contacts_2018").update(edits)
    write_rows(project, "yearly_figures", rows)

    run, _ = build(project)

    assert not run.ok
    assert (f"{FIGURES_FILE}: row nieuwsblad_20190430_contacts_2018, column {column}: "
            f"'{edits[column]}' {message}") in run.output


def test_dutch_numbers_and_shares_are_read_as_printed(project: Path) -> None:
    rows = read_rows(project, "yearly_figures")
    share = dict(row(rows, "plusmagazine_202303_contacts_2022"), figure_id="share_by_chat_2022",
                 measure="share_by_chat", unit="percent_of_contacts", printed_term="via chat", printed_value="12,5 %")
    # another press figure for 2022, dated to a day inside Plus Magazine's month: not later than it, so the
    # first figure_id decides (comparing first days would have made the day the later publication)
    same_month = dict(row(rows, "plusmagazine_202303_contacts_2022"), figure_id="z_press_day_in_march_2023",
                      printed_value="9.100", published_on="2023-03-20", url="https://example.org/a-day-in-march")
    write_rows(project, "yearly_figures", [*rows, share, same_month])

    run, database = build(project)

    assert run.ok, run.output[-3000:]
    values = dict(query(database, "select figure_id, figure_value from marts.fct_yearly_figures"))
    assert values["share_by_chat_2022"] == 12.5
    assert values["standaard_20140328_contacts_2012"] == 2954
    assert values["plusmagazine_202303_victims_2022"] == 12044
    # the operating year from March 2013 against calendar 2013: listed, marked as another period
    assert query(database, """
        select preferred_figure_id, other_figure_id, difference, is_same_period
        from marts.rpt_yearly_figure_conflicts where report_year = 2013""") == [
        ("metrotime_20170416_contacts_2013", "standaard_20140328_contacts_2013", 260.0, False)]
    dates = {r[0]: r[1:] for r in query(database, """
        select figure_id, source_date_precision, cast(source_date as varchar), cast(source_date_last_day as varchar),
            source_date_label from marts.fct_yearly_figures""")}
    assert dates["cdenv_2018_contacts_2017"] == ("year", "2018-01-01", "2018-12-31", "2018")
    assert dates["hln_202202_contacts_2021"] == ("month", "2022-02-01", "2022-02-28", "2022-02")
    assert dates["nieuwsblad_20210308_contacts_2020"] == ("day", "2021-03-08", "2021-03-08", "2021-03-08")
    overlap = "publication dates that overlap at their precision decide nothing: the first figure_id comes first"
    assert query(database, """
        select figure_id, preference_reason from marts.fct_yearly_figures
        where report_year = 2022 and measure = 'contacts' order by is_preferred desc""") == [
        ("plusmagazine_202303_contacts_2022", f"preferred over 1 other figure(s): {overlap}"),
        ("z_press_day_in_march_2023", f"not preferred: plusmagazine_202303_contacts_2022 comes first ({overlap})")]
    assert query(database, """
        select other_figure_id, difference, preferred_source_date_precision, other_source_date_precision, publication_order
        from marts.rpt_yearly_figure_conflicts where report_year in (2013, 2022) order by report_year""") == [
        ("standaard_20140328_contacts_2013", 260.0, "day", "day", "the preferred figure came out later"),
        ("z_press_day_in_march_2023", 55.0, "month", "day", "not known at the precision of the dates")]


def test_the_unit_tests_fail_when_publication_dates_are_compared_without_their_precision(
        project: Path, two_year_warehouse: tuple[Path, Path]) -> None:
    """Both marts compare dates as spans; comparing first days instead (a day in February 2022 would be
    'later' than February 2022, a day in 2037 'later' than 2037) is caught by each mart's unit test."""
    marts = project / "models" / "marts"
    broken = {
        marts / "fct_yearly_figures.sql": ("certainly_later_publications asc,", "source_date desc,"),
        marts / "rpt_yearly_figure_conflicts.sql": ("preferred.source_date > others.source_date_last_day",
                                                    "preferred.source_date > others.source_date"),
    }
    for path, (rule, naive) in broken.items():
        text = path.read_text(encoding="utf-8")
        assert rule in text, f"{path.name} no longer holds {rule!r}"
        path.write_text(text.replace(rule, naive), encoding="utf-8")
    # unit tests read their inputs' columns from the warehouse: a copy of the built two-year file, under its
    # own name (DuckDB names the catalog after the file, and the views refer to it)
    built = two_year_warehouse[1]
    database = project / BUILD_DEFAULT.parent / built.name
    shutil.copy2(built, database)

    run = run_dbt(project, ["test", "--select", "test_type:unit,fct_yearly_figures",
                            "test_type:unit,rpt_yearly_figure_conflicts"], database)

    failed = {node.removeprefix(UNIT_TEST) for node in run.failed_nodes()}
    assert failed == {"fct_yearly_figures.yearly_figure_preference_rule",
                      "rpt_yearly_figure_conflicts.yearly_figure_conflicts_publication_order"}, run.output[-3000:]
