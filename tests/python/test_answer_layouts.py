"""The generative proof of the reader: answers written from random consistent figures are read right.

proof/answer_generator.py writes a minister's answer in the layouts real answers take
(number formats, month names in any case with or without the year, tables in any order, a theme
absent or printed with 0, ties between column totals, wrapped caller labels, parts missing, an
extra table the reader does not know, counts written with a space, decimals, percentages, a
figure printed twice) and knows every figure it printed. The properties:

1. `add_answer` takes exactly the generator's figures into the seeds, and a second run changes
   nothing;
2. every number printed is accounted for: the reader's `Answer.numbers` holds each number the
   oracle's own tokenizer finds, once, at its line and column, with the disposition the
   generator gave it; the unread ones are the year's rows of unread_figures.csv;
3. a second year leaves the first year's rows untouched;
4. a damaged text (headline against the tables, a row that does not add up, a month printed
   twice) is refused with exit 1, no file changed, the line named (of the texts the reader takes
   undamaged: a refused undamaged text fails property 1);
5. (slow) three fixed generated answers (a zero column, a tie, a repeated figure) pass
   `dbt build` and the great-expectations gate on the published file, in the tests' shared
   scratch build (conftest.py's `answers_build`).

The Hypothesis profile is derandomized (the same examples in every run, CI included), with no
deadline: no test asserts a time.
"""
from __future__ import annotations

import contextlib
import io
import random
import re
import shutil
import tempfile
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import assume, given, note, settings
from hypothesis import strategies as st

from proof.answer_generator import (FIGURE, LABELS, MONTHS, NOT_A_FIGURE, UNREAD, GeneratedAnswer, Layout, Token,
                                    answers, drawn_answers_profile, generate, number_tokens, placement_count)
from meldpunt1712.add_answer import add_answer
from meldpunt1712.add_answer import main as add_answer_main
from meldpunt1712.answer import AnswerError, Reference, read_answer
from meldpunt1712.layout import SEED_SUBDIR, SOURCE_SUBDIR
from proof.scratch_project import ScratchAnswer, copy_project, read_seed

PROFILE = drawn_answers_profile("answer-layouts", max_examples=60)

YEARLY_SEEDS = ("contacts_by_month", "contacts_by_theme", "contacts_by_age_gender", "caller_theme_printed_values",
                "published_totals", "evening_pilot_calls", "service_facts")


# --------------------------------------------------------------------------- scratch projects


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy of the project; each example works on a copy of it."""
    return copy_project(tmp_path_factory.mktemp("answer_layouts") / "project")


@contextlib.contextmanager
def scratch(pristine: Path):
    with tempfile.TemporaryDirectory(prefix="answer_layouts_") as folder:
        project = Path(shutil.copytree(pristine, Path(folder) / "project"))
        yield project, Path(folder)


def add(project: Path, folder: Path, text: str, name: str = "answer.txt") -> tuple[int, str, str]:
    """`python -m meldpunt1712.add_answer PATH --project-dir PROJECT`: exit code, stdout, stderr."""
    path = folder / name
    path.write_text(text, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = add_answer_main([str(path), "--project-dir", str(project)])
    return code, out.getvalue(), err.getvalue()


def add_rows(project: Path, folder: Path, text: str, name: str = "answer.txt") -> str:
    """What `add` does to the seeds, without regenerating the GX suites (seconds an answer; the slow
    test runs the whole command and the gate): '' when it wrote the rows, else the refusal."""
    path = folder / name
    path.write_text(text, encoding="utf-8")
    try:
        add_answer(path, project, update_suites=False)
    except AnswerError as error:
        return str(error)
    return ""


def snapshot(project: Path) -> dict[str, bytes]:
    files = sorted((project / SEED_SUBDIR).glob("*.csv")) + sorted((project / SOURCE_SUBDIR).glob("*.txt"))
    return {str(path.relative_to(project)): path.read_bytes() for path in files}


def month_of(label: str, year: int) -> int | str:
    """'Januari 2019' or 'januari' -> 1; anything else is returned as it is (and then differs)."""
    words = label.split()
    if words and words[0].lower() in MONTHS and words[1:] in ([], [str(year)]):
        return MONTHS.index(words[0].lower()) + 1
    return label


def written(project: Path, year: int) -> dict[str, list[tuple]]:
    """What the seeds hold for `year`, in the generator's shapes."""
    def rows(seed: str) -> list[dict[str, str]]:
        return [r for r in read_seed(project, seed) if r["report_year"] == str(year)]
    return {
        "contacts_by_month": sorted((month_of(r["month_label_nl"], year), int(r["contacts"]))
                                    for r in rows("contacts_by_month")),
        "contacts_by_theme": sorted((int(r["printed_position"]), r["theme_label_nl"], int(r["contacts"]))
                                    for r in rows("contacts_by_theme")),
        "contacts_by_age_gender": sorted((r["age_group_label_nl"], r["gender_label_nl"], int(r["contacts"]))
                                         for r in rows("contacts_by_age_gender")),
        "caller_theme_printed_values": sorted((r["caller_type_code"], int(r["printed_position"]), int(r["contacts"]))
                                              for r in rows("caller_theme_printed_values")),
        "published_totals": sorted((r["table_name"], r["total_kind"], r["total_key"], int(r["published_value"]))
                                   for r in rows("published_totals")),
        "evening_pilot_calls": sorted((r["month_start_date"], r["theme_code"], int(r["legitimate_calls"]))
                                      for r in rows("evening_pilot_calls")),
        "service_facts": sorted((r["unit"], int(r["value_integer"])) for r in rows("service_facts")),
    }


def differences(got: dict[str, list[tuple]], wanted: dict[str, list[tuple]]) -> dict[str, dict[str, list]]:
    """Per seed, the rows written but not generated and the rows generated but not written."""
    out = {}
    for seed in YEARLY_SEEDS:
        extra, missing = Counter(got[seed]) - Counter(wanted[seed]), Counter(wanted[seed]) - Counter(got[seed])
        if extra or missing:
            out[seed] = {"written, not printed": sorted(extra.elements())[:8],
                         "printed, not written": sorted(missing.elements())[:8]}
    return out


def show(answer: GeneratedAnswer) -> None:
    note(f"layout: {answer.layout}")
    note("text:\n" + "\n".join(f"{i:4d}| {line}" for i, line in enumerate(answer.text.split("\n"), start=1)))


# --------------------------------------------------------------------------- the generator itself


@PROFILE
@given(answer=answers())
def test_the_generator_prints_consistent_figures_and_records_every_number(answer: GeneratedAnswer) -> None:
    """The oracle's own check: its record of printed numbers is what its tokenizer finds, and every table adds up."""
    show(answer)
    assert sorted(token for token, _ in answer.printed) == number_tokens(answer.text)
    lines = answer.text.split("\n")
    for token, _ in answer.printed:
        assert lines[token.line - 1][token.position - 1:].startswith(token.text), token
    expected = answer.expected
    year_totals = {table: value for table, kind, _, value in expected["published_totals"] if kind == "year_total"}
    assert set(year_totals) == {"answer_headline", "contacts_by_month", "contacts_by_theme",
                                "contacts_by_age_gender", "caller_theme"}
    total = year_totals["answer_headline"]
    assert set(year_totals.values()) == {total}
    assert sum(v for _, v in expected["contacts_by_month"]) == total and len(expected["contacts_by_month"]) == 12
    assert sum(v for *_, v in expected["contacts_by_theme"]) == total
    assert sum(v for *_, v in expected["contacts_by_age_gender"]) == total
    assert sum(v for *_, v in expected["caller_theme_printed_values"]) == total
    theme_totals = sorted(v for *_, v in expected["contacts_by_theme"])
    column_totals = sorted(v for table, kind, _, v in expected["published_totals"]
                           if (table, kind) == ("caller_theme", "column_total"))
    assert column_totals == theme_totals
    # the age x gender cells fit the row and column sums one way only
    genders = [key for table, kind, key, _ in expected["published_totals"]
               if (table, kind) == ("contacts_by_age_gender", "column_total")]
    sums = {key: v for table, kind, key, v in expected["published_totals"]
            if (table, kind) == ("contacts_by_age_gender", "column_total")}
    order = {g: i for i, g in enumerate(LABELS.genders)}
    rows: dict[str, list[tuple[int, int]]] = {}
    for age, gender, value in expected["contacts_by_age_gender"]:
        rows.setdefault(age, []).append((order[gender], value))
    printed = [[v for _, v in sorted(cells)] for cells in rows.values()]
    assert placement_count(printed, [sums[g] for g in sorted(genders, key=order.get)]) == 1
    assert {d for _, d in answer.printed} <= {FIGURE, NOT_A_FIGURE, UNREAD}


# --------------------------------------------------------------------------- property 1 (and 3: twice)


@PROFILE
@given(answer=answers())
def test_add_answer_writes_exactly_the_generated_figures_and_twice_changes_nothing(
        pristine: Path, answer: GeneratedAnswer) -> None:
    """Property 1 and 3 (twice), and the unread half of property 2: unread_figures.csv lists the unread numbers."""
    show(answer)
    with scratch(pristine) as (project, folder):
        assert add_rows(project, folder, answer.text) == ""
        assert differences(written(project, answer.year), answer.expected) == {}
        unread = [r for r in read_seed(project, "unread_figures") if r["report_year"] == str(answer.year)]
        assert sorted((int(r["line_number"]), int(r["line_position"]), r["figure"]) for r in unread) == [
            (t.line, t.position, t.text) for t in answer.unread]
        for row in unread:
            assert row["figure"] in row["sentence"] and row["reason"].strip(), row
        once = snapshot(project)
        assert add_rows(project, folder, answer.text, "again.txt") == ""
        assert snapshot(project) == once, "a second add_answer of the same text changed a file"


# --------------------------------------------------------------------------- property 2


@PROFILE
@given(answer=answers())
def test_every_printed_number_is_accounted_for(pristine: Path, answer: GeneratedAnswer) -> None:
    show(answer)
    read = read_answer(answer.text, Reference.from_seeds(lambda seed: read_seed(pristine, seed)), "generated.txt")
    lines = answer.text.split("\n")
    found = Counter((n.line_number, n.position, n.text) for n in read.numbers)
    tokens = {(t.line, t.position, t.text) for t in number_tokens(answer.text)}
    twice = sorted(key for key, count in found.items() if count > 1)
    missing = sorted(tokens - set(found))
    extra = sorted(set(found) - tokens)
    assert not (twice or missing or extra), {
        "listed more than once": twice[:8],
        "printed, not in Answer.numbers": [(k, lines[k[0] - 1]) for k in missing[:8]],
        "in Answer.numbers, not a number of the text": [(k, lines[k[0] - 1]) for k in extra[:8]]}
    wanted = {(t.line, t.position, t.text): disposition for t, disposition in answer.printed}
    given_ = {(n.line_number, n.position, n.text): n.disposition for n in read.numbers}
    wrong = sorted((key, given_[key], wanted[key], lines[key[0] - 1]) for key in wanted if given_[key] != wanted[key])
    assert not wrong, [f"line {k[0]} col {k[1]} {k[2]!r}: {got!r}, should be {want!r} in {line!r}"
                       for k, got, want, line in wrong[:10]]


# --------------------------------------------------------------------------- property 3


@settings(PROFILE, max_examples=20)
@given(first=answers(st.integers(2019, 2029)), second=answers(st.integers(2030, 2040)))
def test_a_second_year_leaves_the_first_years_rows_untouched(pristine: Path, first: GeneratedAnswer,
                                                             second: GeneratedAnswer) -> None:
    show(second)
    with scratch(pristine) as (project, folder):
        assert add_rows(project, folder, first.text, "first.txt") == ""
        before = {path.name: read_seed(project, path.stem) for path in (project / SEED_SUBDIR).glob("*.csv")}
        texts = {path.name: path.read_bytes() for path in (project / SOURCE_SUBDIR).glob("*.txt")}
        assert add_rows(project, folder, second.text, "second.txt") == ""
        documents = {r["document_id"] for r in read_seed(project, "source_documents")
                     if r["report_year"] == str(second.year)}

        def of_second(row: dict[str, str]) -> bool:
            if "report_year" in row:
                return row["report_year"] == str(second.year)
            return row.get("document_id") in documents       # cited questions; reference seeds: never
        for name, rows in before.items():
            after = [row for row in read_seed(project, Path(name).stem) if not of_second(row)]
            assert after == rows, f"{name}: rows of other years changed when {second.year} was added"
        assert {p.name: p.read_bytes() for p in (project / SOURCE_SUBDIR).glob("*.txt") if p.name in texts} == texts


# --------------------------------------------------------------------------- property 4


def replace_at(text: str, token: Token, new: str) -> str:
    lines = text.split("\n")
    line = lines[token.line - 1]
    start = token.position - 1
    assert line[start:start + len(token.text)] == token.text, (line, token)
    lines[token.line - 1] = line[:start] + new + line[start + len(token.text):]
    return "\n".join(lines)


def printed_like(value: int, like: str) -> str:
    """`value` in the format of `like` (5.390, 5 390 or 5390)."""
    separator = "." if "." in like else " " if " " in like else ""
    return f"{value:,}".replace(",", separator)


def damaged(answer: GeneratedAnswer, damage: str, data: st.DataObject) -> tuple[str, set[int]]:
    """The text with one figure or label changed, and the lines an error may name."""
    if damage == "headline":
        [token] = [t for t, d in answer.printed if t.line == answer.headline_line and d == FIGURE]
        value = int(re.sub(r"\D", "", token.text))
        new = value + data.draw(st.sampled_from((-81, -9, -1, 1, 9, 100)), label="headline change")
        return replace_at(answer.text, token, printed_like(new, token.text)), {answer.headline_line}
    if damage == "row":
        lines, token = data.draw(st.sampled_from(answer.rows), label="row")
        value = int(re.sub(r"\D", "", token.text))
        return replace_at(answer.text, token, printed_like(value + 1, token.text)), set(lines)
    first, second = data.draw(st.lists(st.integers(1, 12), min_size=2, max_size=2, unique=True), label="months")
    line = answer.month_lines[second]
    word = answer.text.split("\n")[line - 1].split()[0]
    name = MONTHS[first - 1]
    name = name.upper() if word.isupper() else name.capitalize() if word[0].isupper() else name
    return replace_at(answer.text, Token(line, 1, word), name), {line, answer.month_lines[first]}


@settings(PROFILE, max_examples=30)
@given(answer=answers(), damage=st.sampled_from(("headline", "row", "month twice")), data=st.data())
def test_a_damaged_text_is_refused_naming_its_line_and_nothing_changes(
        pristine: Path, answer: GeneratedAnswer, damage: str, data: st.DataObject) -> None:
    text, lines = damaged(answer, damage, data)
    assert text != answer.text
    note(f"damage: {damage}; an error may name line(s) {sorted(lines)}")
    note("text:\n" + "\n".join(f"{i:4d}| {line}" for i, line in enumerate(text.split("\n"), start=1)))
    with scratch(pristine) as (project, folder):
        # the damage is what is refused: the text as generated is read (a refusal of it fails property 1)
        assume(add_rows(project, folder, answer.text, "undamaged.txt") == "")
    with scratch(pristine) as (project, folder):
        before = snapshot(project)
        code, _, err = add(project, folder, text)
        assert code == 1, f"{damage}: the damaged text was accepted"
        assert snapshot(project) == before
        named = {int(n) for n in re.findall(r"\bline (\d+)\b", err)}
        assert named & lines, f"{damage}: the error names line(s) {sorted(named)}, not {sorted(lines)}: {err}"


# --------------------------------------------------------------------------- property 5: the build and the gate


FIXED_ANSWERS = (
    # (layout, seed of the figures, what it must contain); years apart from test_answer_reader's layouts,
    # which share the scratch build (conftest.py's answers_build)
    (Layout(year=2041, zero_theme=True, theme_count=10, number_style="dot", month_case="lower",
            month_year="never", pilot=False, channel_table=True), 7, "zero column"),
    (Layout(year=2042, tie=True, theme_count=14, number_style="dot", table_order=("caller", "age_gender",
            "theme", "month"), tables_in_part_one=3, campaign=False, decimal=True, percentage="61%"), 11, "tie"),
    (Layout(year=2043, repeated_count=True, age_range_repeated=True, spaced_count=True, number_style="dot",
            month_case="upper", telephone_number=True), 23, "repeated figure"),
)


def fixed_answer(layout: Layout, seed: int, feature: str) -> GeneratedAnswer:
    answer = generate(layout, random.Random(seed))
    columns = [v for table, kind, _, v in answer.expected["published_totals"]
               if (table, kind) == ("caller_theme", "column_total")]
    facts = [fact for fact in answer.expected["service_facts"]]
    has = {"zero column": 0 in columns, "tie": len(set(columns)) < len(columns),
           "repeated figure": len(set(facts)) < len(facts)}
    assert has[feature], f"the fixed answer of {layout.year} has no {feature}"
    return answer


def answers_for_the_shared_build() -> list[ScratchAnswer]:
    """The fixed generated answers, for the tests' one scratch build with the gate (conftest.py)."""
    return [ScratchAnswer(f"answer_{layout.year}.txt", generate(layout, random.Random(seed)).text)
            for layout, seed, _ in FIXED_ANSWERS]


@pytest.mark.slow
@pytest.mark.parametrize("layout, seed, feature", FIXED_ANSWERS, ids=[f for *_, f in FIXED_ANSWERS])
def test_generated_answers_pass_the_build_and_the_quality_gate(answers_build, layout: Layout, seed: int,
                                                               feature: str) -> None:
    """add_answer takes the generator's figures, and `dbt build` and the gate on the published file pass."""
    answer = fixed_answer(layout, seed, feature)
    answers_build.check(ScratchAnswer(f"answer_{layout.year}.txt", answer.text))
    assert differences(written(answers_build.project, answer.year), answer.expected) == {}, feature
