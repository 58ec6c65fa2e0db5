"""The data-quality gate: the committed GX checkpoint on the published file, and its Data Docs.

The gate reads the warehouse that `make build` published. The cases that must
fail damage copies of that file (in tmp_path), or scratch copies of the
project, never the project's seeds, gx/ or warehouse. Expected figures are
read from the published file or the seeds, never typed in.
"""
from __future__ import annotations

import filecmp
import html
import re
import shutil
import subprocess
from pathlib import Path

import duckdb
import pytest


from meldpunt1712.expectations.context import DATA_DOCS_INDEX, GX_SUBDIR, stale_items, update_context
from meldpunt1712.layout import PROJECT_DIR, SEED_SUBDIR
from meldpunt1712.quality_gate import default_database, main, run_gate
from proof.scratch_project import copy_project, read_seed, write_seed

pytestmark = pytest.mark.needs_build

CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="session")
def database() -> Path:
    path = default_database(PROJECT_DIR)
    assert path.exists(), f"no warehouse at {path}: run `make build` first"
    return path


@pytest.fixture(scope="module")
def gate_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project whose GX context the gate runs on damaged files: a run stores results in its
    context's folders (and removes them after), which the project's own gate (`make quality`) may be writing."""
    return copy_project(tmp_path_factory.mktemp("gate") / "project")


def damaged_copy(database: Path, folder: Path, *statements: str) -> Path:
    copy = folder / "damaged.duckdb"
    shutil.copy2(database, copy)
    with duckdb.connect(str(copy)) as connection:
        for statement in statements:
            connection.execute(statement)
    return copy


def first_year_and_total(database: Path) -> tuple[int, int]:
    with duckdb.connect(str(database), read_only=True) as connection:
        return connection.execute("select report_year, sum(contacts) from marts.fct_contacts_by_theme "
                                  "group by 1 order by 1 limit 1").fetchone()


def failures(report) -> list:
    return [r for r in report.results if not r.success]


def test_the_committed_suites_are_current() -> None:
    assert stale_items(PROJECT_DIR) == [], "run `python -m meldpunt1712.quality_gate --update-suites` and commit gx/"


def test_the_gate_passes_on_the_published_file_and_says_where_the_data_docs_are(database: Path, tmp_path: Path,
                                                                               capsys) -> None:
    # a copy of the project writes the Data Docs: the repository's are make quality's, made offline for
    # the browser test (reports/test/data-docs.test.js), which make test runs beside pytest
    project = copy_project(tmp_path / "project")
    assert main(["--database", str(database), "--project-dir", str(project)]) == 0
    out = capsys.readouterr().out
    assert re.search(r"quality gate: PASSED \(\d+ expectations, 0 failed", out)
    assert f"quality gate: GX Data Docs {project / DATA_DOCS_INDEX}" in out
    assert (project / DATA_DOCS_INDEX).exists()


def test_a_wrong_mart_figure_names_the_mart_the_year_and_both_figures(database: Path, tmp_path: Path, gate_project: Path) -> None:
    year, total = first_year_and_total(database)
    damaged = damaged_copy(database, tmp_path, f"""
        update marts.fct_contacts_by_theme set contacts = contacts + 1
        where report_year = {year} and printed_position = 1""")

    report = run_gate(damaged, gate_project, data_docs=False)

    assert not report.ok
    [failure] = failures(report)
    assert (failure.table, failure.report_year) == ("fct_contacts_by_theme", year)
    assert f"contacts_by_theme year_total: {total + 1} (published: {total})" in failure.observed


def test_a_missing_row_shows_in_the_row_count_and_the_line_count(database: Path, tmp_path: Path, gate_project: Path) -> None:
    year, _ = first_year_and_total(database)
    damaged = damaged_copy(database, tmp_path, f"""
        delete from marts.fct_service_facts
        where report_year = {year} and fact_code = (select min(fact_code) from marts.fct_service_facts)""")

    [failure] = failures(run_gate(damaged, gate_project, data_docs=False))

    assert (failure.table, failure.report_year) == ("fct_service_facts", year)
    assert re.search(r"rows: (\d+) \(published: (\d+)\)", failure.observed)
    rows, published = map(int, re.search(r"rows: (\d+) \(published: (\d+)\)", failure.observed).groups())
    assert rows == published - 1


def test_a_column_with_another_type_or_without_its_comment_fails_the_catalogue(database: Path, tmp_path: Path,
                                                                               gate_project: Path) -> None:
    damaged = damaged_copy(database, tmp_path,
                           "alter table marts.fct_contacts_monthly alter contacts type bigint",
                           "comment on column marts.fct_contacts_by_theme.theme_code is null")

    found = failures(run_gate(damaged, gate_project, data_docs=False))

    catalogue = [f for f in found if f.table == "published_catalogue"]
    assert any("fct_contacts_monthly.contacts BIGINT" in f.observed for f in catalogue)
    assert any("expect_column_values_to_not_be_null" in f.check for f in catalogue)


def test_stale_suites_are_refused_and_regenerated_from_the_seeds(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    totals = read_seed(project, "published_totals")
    totals[0]["published_value"] = str(int(totals[0]["published_value"]) + 1)
    write_seed(project, "published_totals", totals)
    untouched = tmp_path / "before"
    shutil.copytree(project / GX_SUBDIR, untouched)

    assert stale_items(project) == ["suite published_figures"]
    report = run_gate(project / "no_such.duckdb", project, data_docs=False)
    assert "out of date with the seeds: suite published_figures" in report.error
    assert "--update-suites" in report.error

    assert update_context(project) == ["suite published_figures"]
    assert stale_items(project) == []
    comparison = filecmp.dircmp(untouched, project / GX_SUBDIR, ignore=["uncommitted"])
    assert comparison.diff_files == [] and comparison.left_only == comparison.right_only == []
    assert filecmp.dircmp(untouched / "expectations", project / GX_SUBDIR / "expectations").diff_files == [
        "published_figures.json"]
    assert update_context(project) == []


def test_a_published_total_no_mart_reproduces_cannot_be_turned_into_a_suite(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    totals = read_seed(project, "published_totals")
    totals.append({**totals[0], "table_name": "leaflet_table"})
    write_seed(project, "published_totals", totals)

    report = run_gate(project / "no_such.duckdb", project, data_docs=False)

    assert f"{SEED_SUBDIR.as_posix()}/published_totals.csv: no mart" in report.error
    assert "leaflet_table year_total" in report.error


def page_text(page: Path, profile: Path) -> str:
    """What Chromium shows of a page: its DOM after scripts ran, as text."""
    assert CHROMIUM.exists(), "Chromium is missing: `make test` installs it (apt-get install chromium)"
    dom = subprocess.run(
        [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--disable-sync", f"--user-data-dir={profile}",
         "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=120, check=True).stdout
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", dom, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split())


def test_the_data_docs_show_every_failure_in_a_browser(database: Path, tmp_path: Path) -> None:
    """Offline, GX's pages load no CSS or scripts from their CDNs: unstyled, but every failure is on the page."""
    project = copy_project(tmp_path / "project")
    year, total = first_year_and_total(database)
    damaged = damaged_copy(database, tmp_path, f"""
        update marts.fct_contacts_by_theme set contacts = contacts + 1
        where report_year = {year} and printed_position = 1""",
        "alter table marts.fct_contacts_monthly alter contacts type bigint")

    assert main(["--database", str(damaged), "--project-dir", str(project)]) == 1

    index = project / DATA_DOCS_INDEX
    assert "Data Docs" in page_text(index, tmp_path / "profile_index")
    validations = project / GX_SUBDIR / "uncommitted" / "data_docs" / "local_site" / "validations"
    assert index.read_text(encoding="utf-8").count("validations/published_") >= 2
    [figures] = (validations / "published_figures").rglob("*.html")
    shown = page_text(figures, tmp_path / "profile_figures")
    assert "Status: Failed" in shown
    assert f"{year} contacts_by_theme year_total = {total + 1}" in shown
    [catalogue] = (validations / "published_catalogue").rglob("*.html")
    shown = page_text(catalogue, tmp_path / "profile_catalogue")
    assert "Status: Failed" in shown and "fct_contacts_monthly.contacts BIGINT" in shown


def test_gx_keeps_only_the_latest_run_that_the_data_docs_show(database: Path, tmp_path: Path) -> None:
    """GX stores every run's results and pages and never prunes them: the gate keeps the latest run's only."""
    project = copy_project(tmp_path / "project")
    for _ in range(2):
        assert main(["--database", str(database), "--project-dir", str(project)]) == 0
    assert run_gate(database, project, data_docs=False).ok

    uncommitted = project / GX_SUBDIR / "uncommitted"
    site = project / DATA_DOCS_INDEX.parent
    runs = {(path.relative_to(uncommitted / "validations").parts[0], path.parent.name)
            for path in (uncommitted / "validations").rglob("*.json")}
    pages = {(path.relative_to(site / "validations").parts[0], path.parent.name)
             for path in (site / "validations").rglob("*.html")}
    assert sorted(suite for suite, _ in runs) == ["published_catalogue", "published_figures"]
    assert pages == runs and len({run for _, run in runs}) == 1
    index = (project / DATA_DOCS_INDEX).read_text(encoding="utf-8")
    linked = set(re.findall(r"validations/published_\w+/[^'\"]+\.html", index))
    assert linked == {path.relative_to(site).as_posix() for path in (site / "validations").rglob("*.html")}
