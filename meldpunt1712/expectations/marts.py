"""The great-expectations suites of the marts, kept as code.

Each mart gets a suite on its own rows (row counts, key uniqueness, the
published Dutch labels as value sets, non-negative whole-number counts) and,
where the answer prints totals, a suite on its totals per report year: one
row per published total with the sum the mart gives and the figure the
answer prints. Every published figure and every label set comes from the
seeds (`published_totals.csv`, `themes.csv`, ...), none is typed in here.

Why totals per report year as rows rather than one `expect_column_sum_...`
per total: the warehouse is built to hold many report years, and a failing
row then names the year, the table and the total at once; one expectation
per year and total would grow with every year (the fault injection runs
hundreds of fictitious years through this same suite).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import great_expectations.expectations as gxe
import pandas as pd

from meldpunt1712.expectations.finding import CheckResult
from meldpunt1712.expectations.seeds import Seeds, whole_number
from meldpunt1712.expectations.source_text import DUTCH_MONTHS

INTEGER_TYPES = ["int8", "int16", "int32", "int64", "Int8Dtype", "Int16Dtype", "Int32Dtype", "Int64Dtype",
                 "uint8", "uint16", "uint32", "uint64"]
MONTHS_PER_YEAR = len(DUTCH_MONTHS)

# Marts that another change may add; checked only once they exist.
OPTIONAL_MARTS = ("fct_caller_theme",)


@dataclass
class Batch:
    """One data frame validated by one expectation suite."""

    mart: str
    name: str
    frame: pd.DataFrame
    expectations: list[gxe.Expectation] = field(default_factory=list)
    index_columns: list[str] = field(default_factory=list)

    def expect(self, expectation: gxe.Expectation, why: str) -> None:
        expectation.description = why
        self.expectations.append(expectation)


# --------------------------------------------------------------------------- seeds as frames


def published_frame(seeds: Seeds, tables: tuple[str, ...]) -> pd.DataFrame:
    """The published totals of some tables: report_year, table_name, total_kind, total_key, published."""
    rows = []
    for row in seeds.published_totals():
        if row.get("table_name") in tables and whole_number(row.get("report_year", "")) is not None:
            value = whole_number(row.get("published_value", ""))
            rows.append({"report_year": whole_number(row["report_year"]), "table_name": row["table_name"],
                         "total_kind": row.get("total_kind", ""), "total_key": row.get("total_key", ""),
                         "published": float("nan") if value is None else float(value)})
    return pd.DataFrame(rows, columns=["report_year", "table_name", "total_kind", "total_key", "published"])


def report_years(seeds: Seeds) -> list[int]:
    years = {whole_number(r.get("report_year", "")) for r in seeds.rows("source_documents")}
    return sorted(year for year in years if year is not None)


def reconcile(computed: pd.DataFrame, published: pd.DataFrame) -> pd.DataFrame:
    """Outer join of computed and published totals: a total missing on either side stays as NaN."""
    keys = ["report_year", "table_name", "total_kind", "total_key"]
    computed = computed.astype({"report_year": "int64", "computed": "float64"})
    published = published.astype({"report_year": "int64", "published": "float64"})
    frame = computed.merge(published, on=keys, how="outer")
    return frame.sort_values(keys).reset_index(drop=True)


def sums(frame: pd.DataFrame, by: list[str], column: str = "contacts") -> pd.DataFrame:
    if frame.empty:
        return pd.DataFrame(columns=[*by, "computed"])
    return frame.groupby(by, dropna=False)[column].sum().reset_index().rename(columns={column: "computed"})


def totals_batch(mart: str, frame: pd.DataFrame, source: str) -> Batch:
    batch = Batch(mart, f"{mart}: published totals per report year", frame,
                  index_columns=["report_year", "table_name", "total_kind", "total_key"])
    batch.expect(gxe.ExpectColumnValuesToNotBeNull(column="published"),
                 f"every total the mart gives is a total the answer prints ({source})")
    batch.expect(gxe.ExpectColumnValuesToNotBeNull(column="computed"),
                 "every total the answer prints has figures in the mart")
    batch.expect(gxe.ExpectColumnPairValuesToBeEqual(column_A="computed", column_B="published"),
                 f"the mart's sum equals the total the answer prints ({source})")
    return batch


def rows_batch(mart: str, frame: pd.DataFrame, key: str, expected: pd.Series | int, why: str) -> Batch:
    """Rows per report year against the expected count."""
    counts = frame.groupby("report_year").size() if not frame.empty else pd.Series(dtype="int64")
    years = sorted(set(counts.index) | set(expected.index if isinstance(expected, pd.Series) else []))
    table = pd.DataFrame({"report_year": years})
    table["rows"] = [int(counts.get(year, 0)) for year in years]
    table["expected_rows"] = [int(expected.get(year, 0)) if isinstance(expected, pd.Series) else expected
                              for year in years]
    batch = Batch(mart, f"{mart}: rows per report year", table, index_columns=["report_year"])
    batch.expect(gxe.ExpectColumnPairValuesToBeEqual(column_A="rows", column_B="expected_rows"),
                 f"one row per {key} and report year: {why}")
    return batch


def present(batch: Batch, *columns: str) -> None:
    for column in columns:
        batch.expect(gxe.ExpectColumnValuesToNotBeNull(column=column), f"{column} is never empty")


def count_checks(batch: Batch, column: str) -> None:
    """A published count: present, a whole number, not negative."""
    batch.expect(gxe.ExpectColumnValuesToNotBeNull(column=column), f"{column} is never empty")
    batch.expect(gxe.ExpectColumnValuesToBeInTypeList(column=column, type_list=INTEGER_TYPES),
                 f"{column} is a whole number")
    batch.expect(gxe.ExpectColumnValuesToBeBetween(column=column, min_value=0), f"{column} is not negative")


def in_seed(batch: Batch, seeds: Seeds, column: str, seed: str, seed_column: str | None = None) -> None:
    values = seeds.labels(seed, seed_column or column)
    batch.expect(gxe.ExpectColumnValuesToBeInSet(column=column, value_set=values),
                 f"{column} is one of the {len(values)} values of {seeds.path(seed)}")


def unique(batch: Batch, *columns: str) -> None:
    if len(columns) == 1:
        batch.expect(gxe.ExpectColumnValuesToBeUnique(column=columns[0]), f"{columns[0]} is unique")
    else:
        batch.expect(gxe.ExpectCompoundColumnsToBeUnique(column_list=list(columns)),
                     f"one row per {', '.join(columns)}")


def as_float(frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
    """Nullable integers as floats (NaN for NULL): GX's pair expectations fail on pandas' NA."""
    frame = frame.copy()
    for column in columns:
        if column in frame:
            frame[column] = frame[column].astype("float64")
    return frame


def with_year(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[frame["report_year"].notna()] if "report_year" in frame else frame


# --------------------------------------------------------------------------- the suites


def monthly(marts: dict[str, pd.DataFrame], seeds: Seeds) -> list[Batch]:
    mart = "fct_contacts_monthly"
    frame = marts[mart]
    batch = Batch(mart, mart, frame, index_columns=["report_year", "month_label_nl"])
    present(batch, "report_year", "month_start_date", "month_label_nl")
    count_checks(batch, "contacts")
    unique(batch, "report_year", "month_start_date")
    unique(batch, "report_year", "month_label_nl")
    names = "|".join(month.capitalize() for month in DUTCH_MONTHS)
    batch.expect(gxe.ExpectColumnValuesToMatchRegex(column="month_label_nl", regex=rf"^({names}) [0-9]{{4}}$"),
                 "month_label_nl is a Dutch month and year as printed (Januari 2018)")
    in_seed(batch, seeds, "document_id", "source_documents")
    batch.expect(gxe.ExpectColumnValuesToBeBetween(column="share_of_year", min_value=0, max_value=1),
                 "share_of_year lies between 0 and 1")

    years = pd.Series(MONTHS_PER_YEAR, index=report_years(seeds))
    computed = sums(with_year(frame), ["report_year"])
    both = pd.concat([computed.assign(table_name=name, total_kind="year_total", total_key="")
                      for name in ("contacts_by_month", "answer_headline")])
    totals = reconcile(both, published_frame(seeds, ("contacts_by_month", "answer_headline")))
    return [batch, rows_batch(mart, frame, "month", years, "the twelve months of every report year"),
            totals_batch(mart, totals, "the month table's Som and the answer's first sentence")]


def by_theme(marts: dict[str, pd.DataFrame], seeds: Seeds) -> list[Batch]:
    mart = "fct_contacts_by_theme"
    frame = marts[mart]
    batch = Batch(mart, mart, frame, index_columns=["report_year", "theme_label_nl"])
    present(batch, "report_year", "theme_code", "theme_label_nl", "printed_position")
    count_checks(batch, "contacts")
    unique(batch, "report_year", "theme_code")
    unique(batch, "report_year", "printed_position")
    in_seed(batch, seeds, "theme_code", "themes")
    in_seed(batch, seeds, "theme_label_nl", "themes")
    batch.expect(gxe.ExpectColumnValuesToBeBetween(column="share_of_year", min_value=0, max_value=1),
                 "share_of_year lies between 0 and 1")

    themes = len(seeds.rows("themes"))
    years = pd.Series(themes, index=report_years(seeds))
    computed = sums(with_year(frame), ["report_year"]).assign(
        table_name="contacts_by_theme", total_kind="year_total", total_key="")
    totals = reconcile(computed, published_frame(seeds, ("contacts_by_theme",)))

    # The caller table's column totals are the theme totals of the theme(s)
    # each column is matched to (caller_theme_columns.csv).
    columns = pd.DataFrame([
        {"report_year": whole_number(r.get("report_year", "")), "column_position": r.get("column_position", ""),
         "theme_code": r.get("theme_code", "")} for r in seeds.rows("caller_theme_columns")
    ], columns=["report_year", "column_position", "theme_code"])
    theme_totals = with_year(frame)[["report_year", "theme_code", "contacts"]]
    matched = columns.dropna(subset=["report_year"]).astype({"report_year": "int64"}).merge(
        theme_totals.astype({"report_year": "int64"}), on=["report_year", "theme_code"], how="left")
    printed = published_frame(seeds, ("caller_theme",))
    printed = printed[printed["total_kind"] == "column_total"].rename(columns={"total_key": "column_position"})
    column_frame = matched.merge(printed[["report_year", "column_position", "published"]],
                                 on=["report_year", "column_position"], how="outer")
    column_frame["theme_contacts"] = column_frame["contacts"].astype("float64")
    column_frame = column_frame.drop(columns=["contacts"]).sort_values(["report_year", "column_position"])
    column_batch = Batch(mart, f"{mart}: column totals of the caller table per report year",
                         column_frame.reset_index(drop=True),
                         index_columns=["report_year", "column_position", "theme_code"])
    column_batch.expect(gxe.ExpectColumnValuesToNotBeNull(column="theme_code"),
                        "every printed column total of the caller table is matched to a theme")
    column_batch.expect(gxe.ExpectColumnPairValuesToBeEqual(column_A="theme_contacts", column_B="published"),
                        "the theme total equals the caller table's column total matched to it "
                        "(published_totals.csv, caller_theme_columns.csv)")
    # Every theme whose total equals a column's total is listed for that column
    # (two columns total 1, and so do two themes: both columns list both).
    candidates = printed.merge(theme_totals.astype({"report_year": "int64", "contacts": "float64"}),
                               left_on=["report_year", "published"], right_on=["report_year", "contacts"])
    counts = printed[["report_year", "column_position"]].merge(
        candidates.groupby(["report_year", "column_position"]).size().rename("themes_with_that_total")
        .reset_index(), on=["report_year", "column_position"], how="left").merge(
        matched.groupby(["report_year", "column_position"]).size().rename("themes_listed").reset_index()
        .astype({"report_year": "int64"}), on=["report_year", "column_position"], how="outer").fillna(0)
    ambiguity = Batch(mart, f"{mart}: themes listed per column of the caller table", counts,
                      index_columns=["report_year", "column_position"])
    ambiguity.expect(gxe.ExpectColumnPairValuesToBeEqual(column_A="themes_listed", column_B="themes_with_that_total"),
                     "caller_theme_columns.csv lists, for each column, every theme whose total equals the "
                     "column total (no ambiguity silently resolved)")
    return [batch, rows_batch(mart, frame, "theme", years, f"the {themes} themes of {seeds.path('themes')}"),
            totals_batch(mart, totals, "the theme table's TOTAAL"), column_batch, ambiguity]


def by_age_gender(marts: dict[str, pd.DataFrame], seeds: Seeds) -> list[Batch]:
    mart = "fct_contacts_by_age_gender"
    frame = marts[mart]
    batch = Batch(mart, mart, frame, index_columns=["report_year", "age_group_label_nl", "gender_label_nl"])
    present(batch, "report_year", "age_group_code", "gender_code")
    count_checks(batch, "contacts")
    unique(batch, "report_year", "age_group_code", "gender_code")
    in_seed(batch, seeds, "age_group_code", "age_groups")
    in_seed(batch, seeds, "age_group_label_nl", "age_groups")
    in_seed(batch, seeds, "gender_code", "genders")
    in_seed(batch, seeds, "gender_label_nl", "genders")

    cells = len(seeds.rows("age_groups")) * len(seeds.rows("genders"))
    years = pd.Series(cells, index=report_years(seeds))
    rows = with_year(frame)
    computed = pd.concat([
        sums(rows, ["report_year", "age_group_label_nl"]).rename(columns={"age_group_label_nl": "total_key"})
        .assign(total_kind="row_total"),
        sums(rows, ["report_year", "gender_label_nl"]).rename(columns={"gender_label_nl": "total_key"})
        .assign(total_kind="column_total"),
        sums(rows, ["report_year"]).assign(total_kind="year_total", total_key=""),
    ]).assign(table_name="contacts_by_age_gender")
    # A row or column the answer leaves wholly empty prints no total: drop zero sums nobody printed.
    published = published_frame(seeds, ("contacts_by_age_gender",))
    totals = reconcile(computed, published)
    totals = totals[~(totals["published"].isna() & (totals["computed"] == 0))].reset_index(drop=True)
    return [batch, rows_batch(mart, frame, "age group x gender cell", years,
                              "the full grid of age_groups.csv x genders.csv"),
            totals_batch(mart, totals, "the row and column sums of the age x gender table")]


def by_caller_type(marts: dict[str, pd.DataFrame], seeds: Seeds) -> list[Batch]:
    mart = "fct_contacts_by_caller_type"
    frame = marts[mart]
    batch = Batch(mart, mart, frame, index_columns=["report_year", "caller_type_code"])
    present(batch, "report_year", "caller_type_code", "caller_type_label_nl", "caller_group_label_nl")
    count_checks(batch, "contacts")
    batch.expect(gxe.ExpectColumnValuesToBeBetween(column="printed_values_count", min_value=1),
                 "every caller type in the mart has at least one printed value")
    unique(batch, "report_year", "caller_type_code")
    in_seed(batch, seeds, "caller_type_code", "caller_types")
    in_seed(batch, seeds, "caller_type_label_nl", "caller_types")
    in_seed(batch, seeds, "caller_group_label_nl", "caller_groups")

    published = published_frame(seeds, ("caller_theme",))
    row_totals = published[published["total_kind"] == "row_total"]
    years = row_totals.groupby("report_year").size()
    rows = with_year(frame)
    computed = pd.concat([
        sums(rows, ["report_year", "caller_type_code"]).rename(columns={"caller_type_code": "total_key"})
        .assign(total_kind="row_total"),
        sums(rows, ["report_year"]).assign(total_kind="year_total", total_key=""),
    ]).assign(table_name="caller_theme")
    totals = reconcile(computed, published[published["total_kind"].isin(["row_total", "year_total"])])
    return [batch, rows_batch(mart, frame, "caller type", years,
                              "every caller type with a printed row total in published_totals.csv"),
            totals_batch(mart, totals, "the row totals of 'Wie belt/e-mailt waarover?'")]


def four_tables(marts: dict[str, pd.DataFrame], seeds: Seeds) -> list[Batch]:
    """The month, theme, age x gender and caller-type marts count the same contacts each year."""
    names = {"fct_contacts_monthly": "month_table", "fct_contacts_by_theme": "theme_table",
             "fct_contacts_by_age_gender": "age_gender_table", "fct_contacts_by_caller_type": "caller_type_table"}
    frame = pd.DataFrame({"report_year": pd.Series(report_years(seeds), dtype="int64")})
    for mart, column in names.items():
        totals = sums(with_year(marts[mart]), ["report_year"]).rename(columns={"computed": column})
        frame = frame.merge(totals.astype({"report_year": "int64", column: "float64"}), on="report_year", how="outer")
    batch = Batch("four tables", "fct_contacts_monthly + fct_contacts_by_theme + fct_contacts_by_age_gender + "
                  "fct_contacts_by_caller_type: year total per report year",
                  frame.sort_values("report_year").reset_index(drop=True), index_columns=["report_year"])
    for column in names.values():
        batch.expect(gxe.ExpectColumnValuesToNotBeNull(column=column), f"the {column} has figures for every year")
    for column in list(names.values())[1:]:
        batch.expect(gxe.ExpectColumnPairValuesToBeEqual(column_A=column, column_B="month_table"),
                     f"the {column} and the month table agree on the year total")
    return [batch]


def evening_pilot(marts: dict[str, pd.DataFrame], seeds: Seeds) -> list[Batch]:
    mart = "fct_evening_pilot"
    frame = marts[mart]
    batch = Batch(mart, mart, frame, index_columns=["report_year", "month_start_date", "theme_code"])
    count_checks(batch, "legitimate_calls")
    unique(batch, "pilot_code", "month_start_date", "theme_code")
    in_seed(batch, seeds, "theme_code", "themes")
    in_seed(batch, seeds, "theme_label_nl", "themes")
    rows = with_year(frame).copy()
    rows["total_key"] = pd.to_datetime(rows["month_start_date"]).dt.strftime("%Y-%m")
    computed = pd.concat([
        sums(rows, ["report_year", "total_key"], "legitimate_calls").assign(total_kind="month_total"),
        sums(rows, ["report_year"], "legitimate_calls").assign(total_kind="pilot_total", total_key=""),
    ]).assign(table_name="evening_pilot")
    totals = reconcile(computed, published_frame(seeds, ("evening_pilot",)))

    report = marts["rpt_evening_pilot"]
    summary = Batch("rpt_evening_pilot", "rpt_evening_pilot", report, index_columns=["report_year", "pilot_code"])
    unique(summary, "pilot_code")
    count_checks(summary, "legitimate_calls")
    summary.expect(gxe.ExpectColumnValuesToBeBetween(column="public_holiday_evenings", min_value=0),
                   "public holidays among the evenings are not negative")
    summary_totals = reconcile(
        sums(with_year(report), ["report_year"], "legitimate_calls").assign(
            table_name="evening_pilot", total_kind="pilot_total", total_key=""),
        published_frame(seeds, ("evening_pilot",)).query("total_kind == 'pilot_total'"))
    return [batch, totals_batch(mart, totals, "the legitimate calls per month and in all"),
            summary, totals_batch("rpt_evening_pilot", summary_totals, "the pilot's legitimate calls")]


def service_facts(marts: dict[str, pd.DataFrame], seeds: Seeds) -> list[Batch]:
    mart = "fct_service_facts"
    batch = Batch(mart, mart, marts[mart], index_columns=["report_year", "fact_code"])
    unique(batch, "report_year", "fact_code")
    batch.expect(gxe.ExpectColumnValuesToNotBeNull(column="fact_code"), "fact_code is never empty")
    batch.expect(gxe.ExpectColumnValuesToBeInTypeList(column="value_integer", type_list=INTEGER_TYPES),
                 "value_integer is a number (empty where the answer gives none)")
    batch.expect(gxe.ExpectColumnValuesToBeBetween(column="value_integer", min_value=0),
                 "value_integer is not negative")
    in_seed(batch, seeds, "document_id", "source_documents")
    return [batch]


def dimensions(marts: dict[str, pd.DataFrame], seeds: Seeds) -> list[Batch]:
    batches = []
    for mart, seed, code, labels in (
        ("dim_theme", "themes", "theme_code", ("theme_label_nl",)),
        ("dim_age_group", "age_groups", "age_group_code", ("age_group_label_nl",)),
        ("dim_gender", "genders", "gender_code", ("gender_label_nl",)),
        ("dim_caller_type", "caller_types", "caller_type_code", ("caller_type_label_nl",)),
    ):
        batch = Batch(mart, mart, marts[mart], index_columns=[code])
        batch.expect(gxe.ExpectTableRowCountToEqual(value=len(seeds.rows(seed))),
                     f"one row per row of {seeds.path(seed)}")
        batch.expect(gxe.ExpectColumnValuesToNotBeNull(column=code), f"{code} is never empty")
        unique(batch, code)
        in_seed(batch, seeds, code, seed)
        for label in labels:
            batch.expect(gxe.ExpectColumnValuesToNotBeNull(column=label), f"{label} is never empty")
            in_seed(batch, seeds, label, seed)
        if mart == "dim_caller_type":
            in_seed(batch, seeds, "caller_group_label_nl", "caller_groups")
        else:
            unique(batch, labels[0])
        batches.append(batch)

    documents = Batch("dim_source_document", "dim_source_document", marts["dim_source_document"],
                      index_columns=["document_id"])
    documents.expect(gxe.ExpectTableRowCountToEqual(value=len(seeds.rows("source_documents"))),
                     "one row per row of source_documents.csv")
    unique(documents, "document_id")
    unique(documents, "report_year")
    in_seed(documents, seeds, "document_id", "source_documents")
    cited = Batch("dim_cited_question", "dim_cited_question", marts["dim_cited_question"],
                  index_columns=["document_id", "cited_question_number"])
    cited.expect(gxe.ExpectTableRowCountToEqual(value=len(seeds.rows("cited_questions"))),
                 "one row per row of cited_questions.csv")
    unique(cited, "document_id", "cited_question_number")
    in_seed(cited, seeds, "document_id", "source_documents")
    calendar = Batch("dim_date", "dim_date", marts["dim_date"], index_columns=["date_day"])
    unique(calendar, "date_day")
    calendar.expect(gxe.ExpectColumnValuesToBeInSet(column="calendar_year", value_set=report_years(seeds)),
                    "the calendar covers the report years of source_documents.csv")
    calendar.expect(gxe.ExpectColumnValuesToBeBetween(column="working_days_in_month", min_value=0, max_value=23),
                    "a month has at most 23 working days")
    return batches + [documents, cited, calendar]


def published_totals_check(marts: dict[str, pd.DataFrame], seeds: Seeds) -> list[Batch]:
    mart = "rpt_published_totals_check"
    batch = Batch(mart, mart, as_float(marts[mart], "published_value", "computed_value"),
                  index_columns=["report_year", "table_name", "total_kind", "total_key"])
    batch.expect(gxe.ExpectColumnValuesToBeInSet(column="status", value_set=["match"]),
                 "every published total matches the data")
    batch.expect(gxe.ExpectColumnPairValuesToBeEqual(column_A="computed_value", column_B="published_value"),
                 "computed_value equals published_value")
    published = published_frame(seeds, tuple({r.get("table_name", "") for r in seeds.published_totals()}))
    rows = rows_batch(mart, with_year(marts[mart]), "published total", published.groupby("report_year").size(),
                      "as many as published_totals.csv gives for the year")
    return [batch, rows]


def caller_theme(marts: dict[str, pd.DataFrame], seeds: Seeds) -> list[Batch]:
    """Bounds sanity on the reconstructed caller x theme cells (only once the mart exists)."""
    mart = "fct_caller_theme"
    frame = as_float(marts[mart], "contacts_min", "contacts", "contacts_max")
    index = [c for c in ("report_year", "caller_type_code", "theme_code", "column_position") if c in frame]
    batch = Batch(mart, mart, frame, index_columns=index)
    for column in ("contacts_min", "contacts", "contacts_max"):
        batch.expect(gxe.ExpectColumnToExist(column=column), f"the cell has {column}")
        if column in frame:
            batch.expect(gxe.ExpectColumnValuesToBeBetween(column=column, min_value=0), f"{column} is not negative")
    if {"contacts_min", "contacts", "contacts_max"} <= set(frame.columns):
        # contacts (the estimate) is null only in a partial year without any placement found
        batch.expect(gxe.ExpectColumnPairValuesAToBeGreaterThanB(
            column_A="contacts", column_B="contacts_min", or_equal=True, ignore_row_if="either_value_is_missing"),
            "contacts_min <= contacts")
        batch.expect(gxe.ExpectColumnPairValuesAToBeGreaterThanB(
            column_A="contacts_max", column_B="contacts", or_equal=True, ignore_row_if="either_value_is_missing"),
            "contacts <= contacts_max")
    batches = [batch]
    if {"report_year", "caller_type_code", "contacts_min", "contacts_max"} <= set(frame.columns):
        bounds = with_year(frame).groupby(["report_year", "caller_type_code"])[["contacts_min", "contacts_max"]] \
            .sum().reset_index().rename(columns={"caller_type_code": "total_key"})
        published = published_frame(seeds, ("caller_theme",)).query("total_kind == 'row_total'")
        bounds = bounds.astype({"report_year": "int64"}).merge(
            published[["report_year", "total_key", "published"]], on=["report_year", "total_key"], how="outer")
        bounds_batch = Batch(mart, f"{mart}: bounds against the printed row totals", bounds,
                             index_columns=["report_year", "total_key"])
        bounds_batch.expect(gxe.ExpectColumnPairValuesAToBeGreaterThanB(
            column_A="published", column_B="contacts_min", or_equal=True),
            "the cells' lower bounds add up to at most the printed row total")
        bounds_batch.expect(gxe.ExpectColumnPairValuesAToBeGreaterThanB(
            column_A="contacts_max", column_B="published", or_equal=True),
            "the cells' upper bounds add up to at least the printed row total")
        batches.append(bounds_batch)
    return batches


SUITES = {
    ("fct_contacts_monthly",): monthly,
    ("fct_contacts_by_theme",): by_theme,
    ("fct_contacts_by_age_gender",): by_age_gender,
    ("fct_contacts_by_caller_type",): by_caller_type,
    ("fct_contacts_monthly", "fct_contacts_by_theme", "fct_contacts_by_age_gender",
     "fct_contacts_by_caller_type"): four_tables,
    ("fct_evening_pilot", "rpt_evening_pilot"): evening_pilot,
    ("fct_service_facts",): service_facts,
    ("dim_theme", "dim_age_group", "dim_gender", "dim_caller_type", "dim_source_document",
     "dim_cited_question", "dim_date"): dimensions,
    ("rpt_published_totals_check",): published_totals_check,
    ("fct_caller_theme",): caller_theme,
}


def mart_batches(marts: dict[str, pd.DataFrame], seeds: Seeds) -> tuple[list[Batch], list[CheckResult]]:
    """Every suite whose marts are all present; a missing (required) mart is a failed check."""
    batches: list[Batch] = []
    missing: list[CheckResult] = []
    for needed, build in SUITES.items():
        absent = [name for name in needed if name not in marts]
        for name in absent:
            if name not in OPTIONAL_MARTS and not any(m.table == name for m in missing):
                missing.append(CheckResult("great expectations", name, "the mart exists in schema marts", False,
                                           observed="no such table", expected=f"marts.{name}"))
        if not absent:
            batches += build(marts, seeds)
    return batches, missing
