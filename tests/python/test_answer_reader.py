"""The layouts real answers change from year to year, one test each.

Each test writes a small answer whose figures are chosen by hand and agree
everywhere (3.690 contacts: the month, theme, age x gender and caller tables
and the headline), changes one thing about its layout, and checks what
`add_answer` writes and what the reader lists as unread. The slow test puts
one answer per layout through `dbt build` and the great-expectations gate, in
the tests' shared scratch build (conftest.py's `answers_build`): everything the
reader accepts, the build and the gate accept.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from meldpunt1712.add_answer import add_answer, main
from meldpunt1712.answer import FIGURE, NOT_A_FIGURE, UNREAD, AnswerError, Reference, read_answer
from meldpunt1712.checks.seed_files import dutch_number, read_seeds
from meldpunt1712.layout import PROJECT_DIR, SEED_SUBDIR, SOURCE_SUBDIR
from proof.scratch_project import ScratchAnswer, copy_project, read_seed

MONTHS = ("Januari", "Februari", "Maart", "April", "Mei", "Juni", "Juli", "Augustus", "September", "Oktober",
          "November", "December")
MONTH_CONTACTS = (300, 310, 320, 330, 290, 280, 270, 300, 310, 320, 330, 330)
THEMES = (("Kindermishandeling", 2400), ("Partnergeweld", 1290), ("Ritueel geweld", 0))
TOTAL = 3690


dotted = dutch_number


def spaced(value: int) -> str:
    return f"{value:,}".replace(",", " ")


def answer_text(year: int = 2030, number=dotted, month_row="{month} {year} {n}", table_order=("month", "theme",
                "age", "caller"), themes=THEMES, pilot: bool = True, campaign: bool = True, extra: str = "",
                theme_labels: dict[str, str] | None = None) -> str:
    """A consistent answer in the layout of the 2018 text, with the given layout changes."""
    n = number
    labels = theme_labels or {}
    tables = {
        "month": "Aantal oproepen en e-mails per maand:\n\nMAAND AANTAL OPROEPEN\n" + "".join(
            month_row.format(month=m, year=year, n=n(c)) + "\n" for m, c in zip(MONTHS, MONTH_CONTACTS))
        + f"Som {n(TOTAL)}\n",
        "theme": "Aantal oproepen en e-mails per thema:\n\nTHEMA TOTAAL\n" + "".join(
            f"{labels.get(t, t)} {n(c)}\n" for t, c in themes) + f"TOTAAL {n(TOTAL)}\n",
        "age": ("2. Aantal contacten (telefoon + e-mail) met 1712 per leeftijd en geslacht van de\ncontactnemer\n\n"
                f"Vrouwelijk Mannelijk Som\n-12 jaar 100 50 150\nMeerderjarig {n(2300)} {n(1240)} {n(3540)}\n"
                f"Leeg 0\nSom {n(2400)} {n(1290)} {n(TOTAL)}\n"),
        "caller": ("Wie belt/e-mailt waarover?\n Persoon uit de omgeving van het slachtoffer\n"
                   f"1100 - slachtoffer zelf {n(1400)} {n(1000)} {n(2400)}\n"
                   "1200 - (stief-) ouder(s) van het \nslachtoffer\n\n"
                   f"{n(1000)} 290 {n(1290)}\n\n"
                   + " ".join(n(c) for _, c in themes if c or "zero column" not in extra)
                   + f" {n(TOTAL)}\n"),
    }
    parts = "\n".join(tables[name] for name in table_order)
    pilot_text = (
        f"\n4. De experimentele fase van de avondpermanentie liep van oktober {year} tot en met\n"
        f"november {year}. In deze periode heeft 1712 5 “terechte” oproepen ontvangen: 3\n"
        "oproepen tijdens de avondpermanenties in oktober waarvan 2 rond\nkindermishandeling en 1 rond "
        "partnergeweld; 2 oproepen tijdens de\navondpermanenties in november waarvan 2 rond partnergeweld. "
        "Om die reden werd dan ook in\noverleg tussen de sector en het kabinet beslist de telefonische\n"
        "avondpermanentie niet verder te zetten.\n") if pilot else ""
    campaign_text = (
        f"\n3. In {year} werden {spaced(14500)} folders verspreid. De campagne richtte zich op kinderen tussen 10 en\n"
        "12 jaar, want kinderen jonger dan 12 jaar bellen zelden.\n") if campaign else ""
    return (
        f" aan JO VANDEURZEN\nVLAAMS MINISTER VAN WELZIJN, VOLKSGEZONDHEID EN GEZIN\n\n"
        f"Meldpunt 1712  -  Oproepen {year}\n\n"
        f"In antwoord op mijn schriftelijke vraag nr. 289 van 26 januari {year} gaf de minister\n"
        f"cijfers. 1712 is sinds die datum gedurende één avond (donderdag) aanvullend\n"
        "bereikbaar tussen 17 en 19 uur. Er werd geen actieve communicatie gedaan.\n\n"
        "1. Hoeveel oproepen ontving 1712?\n\n"
        "JO VANDEURZEN \nVLAAMS MINISTER VAN WELZIJN, VOLKSGEZONDHEID EN GEZIN\n\n"
        f"ANTWOORD\nop vraag nr. 304 van 15 april {year + 1}\nvan KATRIEN SCHRYVERS\n\n"
        f"1. 1712 ontving in {year} {n(TOTAL)} oproepen.\n\n{extra if 'zero column' not in extra else ''}\n"
        f"{parts}\n{campaign_text}{pilot_text}\n"
        f"5. Er zijn momenteel 31 chatgesprekken geregistreerd, gemiddeld 2,6 per chatavond; 58% van de\n"
        "chatters is meerderjarig.\n")


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def add(project: Path, tmp_path: Path, text: str, *options: str) -> int:
    path = tmp_path / f"answer_{abs(hash(text))}.txt"
    path.write_text(text, encoding="utf-8")
    return main([str(path), "--project-dir", str(project), *options])


def year_rows(project: Path, seed: str, year: int = 2030) -> list[dict[str, str]]:
    return [r for r in read_seed(project, seed) if r["report_year"] == str(year)]


def written(project: Path, year: int = 2030) -> dict[str, list[dict[str, str]]]:
    """The rows add_answer wrote for one report year, per yearly seed."""
    seeds = ("contacts_by_month", "contacts_by_theme", "contacts_by_age_gender", "caller_theme_printed_values",
             "published_totals")
    return {seed: year_rows(project, seed, year) for seed in seeds}


def read(text: str) -> dict[str, list[dict[str, str]]]:
    """The rows the reader takes from a text, against the repository's reference seeds."""
    return read_answer(text, reference(PROJECT_DIR), "answer.txt").rows


def assert_figures(rows: dict[str, list[dict[str, str]]], year: int = 2030, themes=THEMES) -> None:
    """The rows are the answer's figures."""
    assert [int(r["contacts"]) for r in rows["contacts_by_month"]] == list(MONTH_CONTACTS)
    assert [r["month_label_nl"] for r in rows["contacts_by_month"]] == [f"{m} {year}" for m in MONTHS]
    assert [(r["theme_label_nl"], int(r["contacts"])) for r in rows["contacts_by_theme"]] == [
        (t, c) for t, c in themes]
    cells = {(r["age_group_label_nl"], r["gender_label_nl"]): int(r["contacts"])
             for r in rows["contacts_by_age_gender"]}
    assert cells == {("-12 jaar", "Vrouwelijk"): 100, ("-12 jaar", "Mannelijk"): 50,
                     ("Meerderjarig", "Vrouwelijk"): 2300, ("Meerderjarig", "Mannelijk"): 1240}
    printed = [(r["caller_type_code"], int(r["contacts"])) for r in rows["caller_theme_printed_values"]]
    assert printed == [("1100", 1400), ("1100", 1000), ("1200", 1000), ("1200", 290)]
    totals = {(r["table_name"], r["total_kind"], r["total_key"]): int(r["published_value"])
              for r in rows["published_totals"]}
    assert {v for (t, k, _), v in totals.items() if k == "year_total"} == {TOTAL}
    assert totals[("contacts_by_age_gender", "row_total", "Leeg")] == 0


def reference(project: Path) -> Reference:
    return Reference.from_seeds(read_seeds(project / SEED_SUBDIR).rows)


# --------------------------------------------------------------------------- number formats


@pytest.mark.parametrize("number", [dotted, str, spaced], ids=["5.390", "5390", "5 390"])
def test_thousands_with_a_dot_none_or_a_space(project: Path, tmp_path: Path, number) -> None:
    assert add(project, tmp_path, answer_text(number=number)) == 0
    assert_figures(written(project))


def test_a_count_written_with_a_space_is_read_whole() -> None:
    folders = [r for r in read(answer_text())["service_facts"] if r["unit"] == "folders"]
    assert [r["value_integer"] for r in folders] == ["14500"]


# --------------------------------------------------------------------------- months


@pytest.mark.parametrize("month_row", ["{month} {year} {n}", "{month} {n}", "{lower} {year} {n}", "{upper} {n}"],
                         ids=["Januari 2030 300", "Januari 300", "januari 2030 300", "JANUARI 300"])
def test_month_names_in_any_case_with_or_without_the_year(month_row: str) -> None:
    row = month_row.replace("{lower}", "{month_lower}").replace("{upper}", "{month_upper}")
    text = answer_text(month_row="@@{month}@@ {year} {n}")
    text = re.sub(r"@@(\w+)@@ (\d{4}) (\S+)", lambda m: row.format(
        month=m.group(1), month_lower=m.group(1).lower(), month_upper=m.group(1).upper(), year=m.group(2),
        n=m.group(3)), text)
    assert_figures(read(text))


def test_a_month_row_of_another_year_is_refused(project: Path, tmp_path: Path, capsys) -> None:
    text = answer_text().replace("Maart 2030 320", "Maart 2029 320")
    assert add(project, tmp_path, text) == 1
    assert "the month is not in the report year 2030" in capsys.readouterr().err


# --------------------------------------------------------------------------- tables and parts


@pytest.mark.parametrize("order", [("caller", "age", "theme", "month"), ("theme", "month", "caller", "age")],
                         ids=["caller-age-theme-month", "theme-month-caller-age"])
def test_tables_in_any_order(order) -> None:
    assert_figures(read(answer_text(table_order=order)))


def test_an_answer_without_pilot_or_campaign(project: Path, tmp_path: Path) -> None:
    assert add(project, tmp_path, answer_text(pilot=False, campaign=False)) == 0
    assert_figures(written(project))
    assert year_rows(project, "evening_pilots") == [] and year_rows(project, "evening_pilot_calls") == []
    assert [r["unit"] for r in year_rows(project, "service_facts")] == ["chatgesprekken"]
    assert not any(r["table_name"] == "evening_pilot" for r in year_rows(project, "published_totals"))


def test_a_theme_absent_in_a_year_and_a_zero_theme_printed_as_0() -> None:
    rows = read(answer_text())
    assert_figures(rows)        # only three of the fourteen themes; Ritueel geweld 0, its column 0
    columns = [(r["column_position"], r["theme_code"]) for r in rows["caller_theme_columns"]]
    assert columns == [("1", "child_abuse"), ("2", "partner_violence"), ("3", "ritual_violence")]


def test_a_zero_column_left_out_of_the_caller_table() -> None:
    rows = read(answer_text(extra="zero column"))
    assert_figures(rows)
    assert len(rows["caller_theme_columns"]) == 2


def test_a_figure_repeated_in_a_paragraph_is_kept_at_each_place() -> None:
    answer = read_answer(answer_text(), reference(PROJECT_DIR), "answer.txt")
    twelves = [(n.line_number, n.position) for n in answer.unread if n.text == "12"]
    assert len(twelves) == 2 and len(set(twelves)) == 2
    rows = answer.rows["unread_figures"]
    assert len({(r["line_number"], r["line_position"]) for r in rows}) == len(rows)


def test_decimals_percentages_and_unknown_tables_are_listed_unread() -> None:
    channel_table = "Aantal contacten per kanaal:\nTelefoon 3.002\nE-mail 688\nSom 3.690\n"
    answer = read_answer(answer_text(extra=channel_table), reference(PROJECT_DIR), "answer.txt")
    unread = {n.text: n.reason for n in answer.unread}
    assert unread["2,6"] == "a decimal" and unread["58%"] == "a percentage"
    assert unread["3.002"] == unread["688"] == "a row of a table the reader does not know"
    assert [r["unit"] for r in answer.rows["service_facts"]] == ["folders", "chatgesprekken"]
    assert all(row["published_value"] != "3002" for row in answer.rows["published_totals"])


def test_every_printed_number_is_accounted_for() -> None:
    text = answer_text(extra="Aantal contacten per kanaal:\nTelefoon 3.002\nE-mail 688\nSom 3.690\n")
    answer = read_answer(text, reference(PROJECT_DIR), "answer.txt")
    printed = {(n.line_number, n.position): n for n in answer.numbers}
    lines = text.split("\n")
    for number, line in enumerate(lines, start=1):
        for match in re.finditer(r"\d+", line):
            covering = [n for (l, p), n in printed.items() if l == number and p <= match.start() + 1
                        < p + len(n.text)]
            assert len(covering) == 1, (number, line, match.group(0))
    assert {n.disposition for n in answer.numbers} == {FIGURE, NOT_A_FIGURE, UNREAD}
    assert all(n.reason for n in answer.numbers if n.disposition != FIGURE)


# --------------------------------------------------------------------------- refusals before any file changes


@pytest.mark.parametrize("damage, named", [
    (lambda t: t.replace("1712 ontving in 2030 3.690 oproepen", "1712 ontving in 2030 3.609 oproepen"),
     "the headline gives 3609 contacts, but the month table 3690"),
    (lambda t: t.replace("Kindermishandeling 2.400", "Kindermishandelingen 2.400"),
     "unknown theme 'Kindermishandelingen' (not in themes.csv); the known theme labels are: 'Kindermishandeling', "),
    (lambda t: t.replace("Meerderjarig 2.300", "Meerderjarig 2.301"), "age group 'Meerderjarig': the figures add up"),
])
def test_refused_with_the_line_and_nothing_changed(project: Path, tmp_path: Path, capsys, damage, named) -> None:
    before = {p: p.read_bytes() for p in sorted((project / SEED_SUBDIR).glob("*.csv")) + sorted(
        (project / SOURCE_SUBDIR).glob("*.txt")) + sorted((project / "gx").rglob("*.json"))}
    text = answer_text()
    assert damage(text) != text
    assert add(project, tmp_path, damage(text)) == 1
    error = capsys.readouterr().err
    assert named in error and "nothing was changed" in error and re.search(r"line \d+", error)
    after = {p: p.read_bytes() for p in before}
    assert after == before and sorted((project / SOURCE_SUBDIR).glob("*.txt")) == sorted(
        p for p in before if p.suffix == ".txt")


# --------------------------------------------------------------------------- labels


def test_new_labels_are_added_in_printed_order_without_an_english_label(project: Path, tmp_path: Path) -> None:
    themes = (("Kindermishandeling", 2400), ("Digitaal geweld", 1290), ("Ritueel geweld", 0))
    text = answer_text(themes=themes).replace("1100 - slachtoffer zelf", "1150 - buurkind van het slachtoffer")
    assert add(project, tmp_path, text) == 1
    assert add(project, tmp_path, text, "--new-labels") == 0
    theme = next(r for r in read_seed(project, "themes") if r["theme_label_nl"] == "Digitaal geweld")
    assert (theme["theme_code"], theme["theme_label_en"]) == ("digitaal_geweld", "")
    types = sorted(read_seed(project, "caller_types"), key=lambda r: int(r["sort_order"]))
    codes = [r["caller_type_code"] for r in types]
    assert codes.index("1150") < codes.index("1200")     # printed first, before 1200: first in the order
    assert [int(r["sort_order"]) for r in types] == list(range(1, len(types) + 1))
    assert next(r for r in types if r["caller_type_code"] == "1150")["caller_group_code"] == "victim_environment"


@pytest.mark.parametrize("printed", ["Ouderenmishandeling", "Ouderenmisbehandeling", "OUDERENMIS(BE)HANDELING"])
def test_a_label_with_an_optional_part_matches_both_spellings(printed: str) -> None:
    themes = (("Kindermishandeling", 2400), ("Partnergeweld", 1290), ("Ouderenmis(be)handeling", 0))
    rows = read(answer_text(themes=themes, theme_labels={"Ouderenmis(be)handeling": printed}))
    # stored as the reference seed spells it, so the models resolve it to its code
    assert [r["theme_label_nl"] for r in rows["contacts_by_theme"]][-1] == "Ouderenmis(be)handeling"


@pytest.mark.parametrize("printed, other_concept", [
    ("Oudermisbehandeling", "Ouderenmis(be)handeling"),    # parents, not elders: no spelling of elder_abuse
    ("Ouderenmishandelingen", "Oudermishandeling"),        # the closest by letters is the other series
])
def test_a_refusal_never_names_another_concept_as_the_closest_label(printed: str, other_concept: str) -> None:
    text = answer_text(theme_labels={"Partnergeweld": printed})
    with pytest.raises(AnswerError) as refused:
        read(text)
    message = str(refused.value)
    assert f"unknown theme {printed!r}" in message
    assert "closest" not in message and "written otherwise" not in message
    assert f"the known theme labels are: " in message and repr(other_concept) in message   # listed, not pointed to


def test_a_known_label_written_with_other_hyphens_or_accents_is_named_as_itself() -> None:
    text = answer_text(theme_labels={"Partnergeweld": "Partner-geweld"})
    with pytest.raises(AnswerError, match="it is 'Partnergeweld' written otherwise"):
        read(text)


def test_an_alias_maps_another_spelling_onto_a_known_code(project: Path, tmp_path: Path) -> None:
    text = answer_text(theme_labels={"Kindermishandeling": "Kindermishandeling (incl. verwaarlozing)"})
    assert add(project, tmp_path, text) == 1
    assert add(project, tmp_path, text, "--alias", "Kindermishandeling (incl. verwaarlozing)=child_abuse") == 0
    assert read_seed(project, "label_aliases") == [
        {"reference_seed": "themes", "label_nl": "Kindermishandeling (incl. verwaarlozing)", "code": "child_abuse"}]
    assert year_rows(project, "contacts_by_theme")[0]["theme_label_nl"] == "Kindermishandeling (incl. verwaarlozing)"
    assert add(project, tmp_path, text) == 0      # the alias is kept: the next run needs no option


def test_an_alias_onto_an_unknown_code_is_refused(project: Path, tmp_path: Path, capsys) -> None:
    assert add(project, tmp_path, answer_text(), "--alias", "Kindermishandeling=no_such_code") == 1
    assert "code 'no_such_code' is in no reference seed" in capsys.readouterr().err


# --------------------------------------------------------------------------- the build and the gate


LAYOUTS = {
    2030: dict(),
    2031: dict(number=str, month_row="{month} {n}"),
    2032: dict(number=spaced, table_order=("caller", "age", "theme", "month"), pilot=False),
    2033: dict(campaign=False, extra="zero column"),
    2034: dict(extra="Aantal contacten per kanaal:\nTelefoon 3.002\nE-mail 688\nSom 3.690\n"),
    2035: dict(theme_labels={"Partnergeweld": "Intrafamiliaal partnergeweld"}),
}


def layout_answer(year: int) -> ScratchAnswer:
    layout = LAYOUTS[year]
    aliases = ("--alias", "Intrafamiliaal partnergeweld=partner_violence") if "theme_labels" in layout else ()
    return ScratchAnswer(f"answer_{year}.txt", answer_text(year=year, **layout), aliases)


def answers_for_the_shared_build() -> list[ScratchAnswer]:
    """One answer per layout, for the tests' one scratch build with the gate (conftest.py)."""
    return [layout_answer(year) for year in LAYOUTS]


@pytest.mark.slow
@pytest.mark.parametrize("year", LAYOUTS)
def test_every_layout_passes_dbt_build_and_the_gate(answers_build, year: int) -> None:
    """Added by add_answer, built with every dbt test, published and judged by the gate, among the other answers."""
    answers_build.check(layout_answer(year))
    assert [r["report_year"] for r in read_seed(answers_build.project, "source_documents")].count(str(year)) == 1


@pytest.mark.parametrize("headline", ["1712 ontving in 2030 in totaal 3.690 oproepen", "In 2030 ontving 1712 3.690 "
                                      "oproepen", "1712 ontving in 2030\n3.690 contacten"])
def test_the_headline_in_other_words_or_wrapped(headline: str) -> None:
    text = answer_text().replace("1712 ontving in 2030 3.690 oproepen", headline)
    answer = read_answer(text, reference(PROJECT_DIR), "answer.txt")
    assert answer.report_year == 2030
    assert [r["published_value"] for r in answer.rows["published_totals"] if r["table_name"] == "answer_headline"] == [
        "3690"]
