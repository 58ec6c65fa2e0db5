"""The data-quality gate: GX suites on the marts, the seeds against the source text.

The gate runs on the warehouse that `make build` wrote (published file, else
build file); the cases that must fail edit copies in memory or in tmp_path,
never the project's seeds or warehouse.
"""
from __future__ import annotations

import copy
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from meldpunt1712.expectations.seeds import Seeds, read_seeds
from meldpunt1712.expectations.source_text import check_source_text
from meldpunt1712.layout import PROJECT_DIR, SEED_SUBDIR, SOURCE_SUBDIR
from meldpunt1712.quality_gate import default_database, main, read_marts, run_expectations

PROJECT = PROJECT_DIR
SOURCE = PROJECT / SOURCE_SUBDIR


@pytest.fixture(scope="module")
def seeds() -> Seeds:
    return read_seeds(PROJECT / SEED_SUBDIR)


@pytest.fixture(scope="module")
def database() -> Path:
    path = default_database(PROJECT)
    if not path.exists():
        pytest.skip(f"no warehouse at {path}: run `make build` first")
    return path


@pytest.fixture(scope="module")
def marts(database: Path) -> dict[str, pd.DataFrame]:
    return read_marts(database)


def failed(results):
    return [r for r in results if not r.success]


def edited(seeds: Seeds, seed: str, match: dict[str, str], **changes: str) -> Seeds:
    copied = copy.deepcopy(seeds)
    row = next(r for r in copied.rows(seed) if all(r[k] == v for k, v in match.items()))
    row.update(changes)
    return copied


# --------------------------------------------------------------------------- source text


def test_every_seed_figure_is_printed_in_the_source_text(seeds: Seeds) -> None:
    results = check_source_text(seeds, SOURCE)
    assert failed(results) == []
    assert len(results) > 90


def test_two_swapped_caller_values_fail_with_the_documents_version(seeds: Seeds) -> None:
    swapped = copy.deepcopy(seeds)
    row_1100 = [r for r in swapped.rows("caller_theme_printed_values") if r["caller_type_code"] == "1100"]
    row_1100[2]["contacts"], row_1100[3]["contacts"] = row_1100[3]["contacts"], row_1100[2]["contacts"]

    failures = failed(check_source_text(swapped, SOURCE))

    row = next(f for f in failures if "caller type 1100" in f.check)
    assert "caller_theme_printed_values.csv" in row.table and row.report_year == 2018
    assert row.observed.startswith("1100 - slachtoffer zelf 154 15 37 413")
    assert row.expected.startswith("1100 - slachtoffer zelf 154 15 413 37")


def test_a_narrative_figure_is_read_from_its_sentence(seeds: Seeds) -> None:
    wrong = edited(seeds, "service_facts", {"fact_code": "chat_conversations_registered"}, value_integer="32")
    [failure] = failed(check_source_text(wrong, SOURCE))
    assert failure.table == "service_facts.csv"
    assert failure.observed == "32"
    assert "Er zijn momenteel 31 chatgesprekken geregistreerd" in failure.expected


def test_a_dropped_row_is_named_with_what_the_document_prints(seeds: Seeds) -> None:
    dropped = copy.deepcopy(seeds)
    dropped.tables["contacts_by_month"] = [r for r in dropped.rows("contacts_by_month")
                                           if r["month_label_nl"] != "Juli 2018"]
    [failure] = failed(check_source_text(dropped, SOURCE))
    assert "contacts_by_month.csv" in failure.table
    assert "the document prints 'Juli 2018 465', the seeds give 'nothing'" in failure.detail


def test_a_misspelt_reference_label_fails(seeds: Seeds) -> None:
    wrong = edited(seeds, "caller_types", {"caller_type_code": "7000"}, caller_type_label_nl="Justitiele instanties")
    failures = failed(check_source_text(wrong, SOURCE))
    assert any("caller_types.csv" in f.table and "7000" in f.check for f in failures)


# --------------------------------------------------------------------------- great-expectations


def test_every_expectation_passes_on_the_warehouse(marts, seeds: Seeds) -> None:
    results = run_expectations(marts, seeds)
    assert failed(results) == []
    tables = {r.table for r in results}
    assert {"fct_contacts_monthly", "fct_contacts_by_theme", "fct_contacts_by_age_gender",
            "fct_contacts_by_caller_type", "four tables", "rpt_published_totals_check"} <= tables


def test_a_wrong_mart_figure_names_mart_year_observed_and_expected(marts, seeds: Seeds) -> None:
    wrong = dict(marts)
    months = marts["fct_contacts_monthly"].copy()
    months.loc[months["month_label_nl"] == "Januari 2018", "contacts"] += 1
    wrong["fct_contacts_monthly"] = months

    failures = failed(run_expectations(wrong, seeds))

    total = next(f for f in failures if f.table == "fct_contacts_monthly" and "pair_values" in f.check)
    assert total.report_year == 2018
    assert "computed=5127, published=5126" in total.observed
    assert total.expected == "computed = published on every row"
    assert any(f.table == "four tables" and "theme_table=5126, month_table=5127" in f.observed for f in failures)


def test_the_published_totals_are_read_from_the_seeds(marts, seeds: Seeds) -> None:
    other = edited(seeds, "published_totals", {"table_name": "contacts_by_theme", "total_kind": "year_total"},
                   published_value="5000")
    failures = failed(run_expectations(marts, other))
    assert any(f.table == "fct_contacts_by_theme" and "published=5000" in f.observed for f in failures)


def test_labels_outside_the_seeds_fail(marts, seeds: Seeds) -> None:
    wrong = dict(marts)
    genders = marts["fct_contacts_by_age_gender"].copy()
    genders.loc[genders["gender_code"] == "female", "gender_label_nl"] = "Vrouw"
    wrong["fct_contacts_by_age_gender"] = genders
    failures = failed(run_expectations(wrong, seeds))
    assert any("gender_label_nl" in f.check and "Vrouw" in f.observed for f in failures)


def test_caller_theme_bounds_are_checked_once_the_mart_exists(marts, seeds: Seeds) -> None:
    assert not any(r.table == "fct_caller_theme" for r in run_expectations(
        {k: v for k, v in marts.items() if k != "fct_caller_theme"}, seeds))
    cells = pd.DataFrame({"report_year": [2018, 2018], "caller_type_code": ["1100", "1100"],
                          "theme_code": ["child_abuse", "partner_violence"],
                          "contacts_min": [10, 5], "contacts": [12, 4], "contacts_max": [11, 6]})
    failures = failed(run_expectations({**marts, "fct_caller_theme": cells}, seeds))
    assert any(f.table == "fct_caller_theme" and "contacts <= contacts_max" in f.check for f in failures)
    assert any(f.table == "fct_caller_theme" and "contacts_min <= contacts" in f.check for f in failures)


# --------------------------------------------------------------------------- the command


def test_the_command_passes_and_writes_the_html_page(database: Path, tmp_path: Path, capsys) -> None:
    page = tmp_path / "quality" / "index.html"
    assert main(["--database", str(database), "--html", str(page)]) == 0
    assert "quality gate: PASSED" in capsys.readouterr().out
    assert "Data-quality gate: <span class=\"verdict-PASSED\">PASSED" in page.read_text(encoding="utf-8")


def test_the_command_exits_non_zero_and_says_what_failed(database: Path, tmp_path: Path, capsys) -> None:
    broken = tmp_path / "broken.duckdb"
    with duckdb.connect(str(broken)) as connection:
        connection.execute(f"attach '{database}' as built (read_only)")
        connection.execute("create schema marts")
        tables = connection.execute(
            "select table_name from duckdb_tables() where database_name = 'built' and schema_name = 'marts'").fetchall()
        for (table,) in tables:
            connection.execute(f'create table marts."{table}" as select * from built.marts."{table}"')
        connection.execute("update marts.fct_contacts_by_theme set contacts = contacts + 1 "
                           "where theme_code = 'partner_violence'")
    page = tmp_path / "index.html"

    assert main(["--database", str(broken), "--html", str(page)]) == 1

    out = capsys.readouterr().out
    assert "FAIL great expectations: fct_contacts_by_theme [report_year 2018]" in out
    assert "observed: 1 row(s) of 1 unexpected: table_name=contacts_by_theme, total_kind=year_total" in out
    assert "quality gate: FAILED" in out
    assert "FAILED" in page.read_text(encoding="utf-8")
