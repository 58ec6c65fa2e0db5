"""`python -m meldpunt1712.add_answer`: from an answer's text to seed rows, for one report year.

The committed 2018 seeds are what the reader takes from the 2018 text (round
trip); a fictitious answer (the 2018 text with every figure doubled, years
moved) adds its year next to 2018 and leaves 2018 untouched; a text that
does not add up changes nothing and names its line.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from meldpunt1712.add_answer import main
from meldpunt1712.layout import PROJECT_DIR, SEED_SUBDIR, SOURCE_SUBDIR
from proof.scratch_project import add_fictitious_year, copy_project, fictitious_answer, read_seed

ANSWER_2018 = PROJECT_DIR / SOURCE_SUBDIR / "000_a09852dfb7e0c744.txt"


def snapshot(project: Path) -> dict[str, bytes]:
    files = sorted((project / SEED_SUBDIR).glob("*.csv")) + sorted((project / SOURCE_SUBDIR).glob("*.txt"))
    return {str(path.relative_to(project)): path.read_bytes() for path in files}


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def test_the_2018_text_gives_exactly_the_committed_seeds(project: Path, capsys: pytest.CaptureFixture) -> None:
    before = snapshot(project)
    assert main([str(ANSWER_2018), "--project-dir", str(project)]) == 0
    assert snapshot(project) == before
    printed = capsys.readouterr().out
    assert "report year 2018" in printed
    assert re.search(r"caller_theme_printed_values\.csv\s+194 rows", printed)
    assert "line 232: '1207'" in printed          # an unread figure is listed, never dropped silently


def test_a_new_answer_adds_its_year_and_leaves_the_others(project: Path, tmp_path: Path) -> None:
    before = {name: read_seed(project, name) for name in ("contacts_by_month", "published_totals", "service_facts")}
    document_id = add_fictitious_year(project, 2099, scale=2)
    once = snapshot(project)
    answer = next(project.glob("target/fictitious_answer_2099.txt"))
    assert main([str(answer), "--project-dir", str(project)]) == 0
    assert snapshot(project) == once, "running add_answer twice changed a file"

    assert document_id == "sv304_2100"
    assert any(name.startswith("source/001_") for name in once)
    for name, rows in before.items():
        after = read_seed(project, name)
        assert [r for r in after if r["report_year"] != "2099"] == rows, name   # every other year untouched
        doubled = [r for r in after if r["report_year"] == "2099"]
        assert len(doubled) == len([r for r in rows if r["report_year"] == "2018"]), name
    months = {r["month_label_nl"]: int(r["contacts"]) for r in read_seed(project, "contacts_by_month")}
    assert months["Januari 2099"] == 2 * months["Januari 2018"]
    folders = {r["report_year"]: int(r["value_integer"]) for r in read_seed(project, "service_facts")
               if r["unit"] == "folders"}
    assert (folders["2018"], folders["2099"]) == (11000, 22000)


def test_a_year_without_an_evening_pilot_has_no_pilot_rows(project: Path) -> None:
    before = {seed: read_seed(project, seed) for seed in ("evening_pilots", "evening_pilot_calls")}
    add_fictitious_year(project, 2099, scale=1, with_evening_pilot=False)
    for seed, rows in before.items():
        assert read_seed(project, seed) == rows, seed
    pilot_totals = [r for r in read_seed(project, "published_totals") if r["table_name"] == "evening_pilot"]
    assert "2018" in {r["report_year"] for r in pilot_totals} and "2099" not in {r["report_year"] for r in pilot_totals}


@pytest.mark.parametrize("damage, named", [
    (lambda t: t.replace("Maart 2019 474", "Maart 2019 475"), "line 81: 'Som 5.126': month table: the figures add up to 5127"),
    (lambda t: t.replace("Partnergeweld 822", "Partnergeweld 8,22"), "line 88: 'Partnergeweld 8,22': '8,22' is not a whole number"),
    (lambda t: t.replace("Partnergeweld 822", "Partnergeweldig 822"), "unknown theme 'Partnergeweldig'"),
    (lambda t: t.replace("Mei 2019 440", "April 2019 440"), "April is printed twice"),
    (lambda t: t.replace("1400 - grootouder(s) van het slachtoffer 274 3", "1400 - grootouder(s) van het slachtoffer 275 3"),
     "caller type 1400: the figures add up to 333, the printed total is 332"),
])
def test_a_text_that_does_not_add_up_changes_nothing(project: Path, tmp_path: Path, damage, named: str,
                                                     capsys: pytest.CaptureFixture) -> None:
    text = fictitious_answer(ANSWER_2018.read_text(encoding="utf-8"), 2019)
    broken = tmp_path / "answer.txt"
    broken.write_text(damage(text), encoding="utf-8")
    assert damage(text) != text
    before = snapshot(project)
    assert main([str(broken), "--project-dir", str(project)]) == 1
    assert snapshot(project) == before
    error = capsys.readouterr().err
    assert named in error and "nothing was changed" in error


def test_layout_may_vary_where_figures_do_not(project: Path, tmp_path: Path) -> None:
    text = fictitious_answer(ANSWER_2018.read_text(encoding="utf-8"), 2019)
    varied = (text.replace("Som 5.126", "Som 5126").replace("THEMA TOTAAL", "Thema Totaal")
              .replace("Januari 2019 465", "\nJanuari 2019 465\n")
              .replace("1700 - vriend of kennis van het slachtoffer 217", "1700 - vriend of kennis\nvan het slachtoffer\n217"))
    answer = tmp_path / "answer.txt"
    answer.write_text(varied, encoding="utf-8")
    assert main([str(answer), "--project-dir", str(project)]) == 0
    rows = [r for r in read_seed(project, "caller_theme_printed_values") if r["report_year"] == "2019"]
    assert [r["contacts"] for r in rows if r["caller_type_code"] == "1700"][:2] == ["217", "4"]
    assert sum(int(r["contacts"]) for r in read_seed(project, "contacts_by_month") if r["report_year"] == "2019") == 5126
