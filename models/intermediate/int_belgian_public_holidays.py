"""Belgian public holidays for every report year, from the `holidays` library.

A hand-typed list would have to be re-checked every year (Easter moves); the
library is maintained and tested upstream, so a new report year needs no edit.
"""
import holidays
import pandas as pd


def model(dbt, session):
    dbt.config(materialized="table")
    documents = dbt.ref("stg_vlaams_parlement__source_documents").df()
    report_years = sorted(int(year) for year in documents["report_year"].unique())
    names_nl = holidays.country_holidays("BE", years=report_years, language="nl")
    names_en = holidays.country_holidays("BE", years=report_years, language="en")
    rows = [
        {
            "holiday_date": day,
            "calendar_year": day.year,
            "holiday_name_nl": name,
            "holiday_name_en": names_en.get(day),
        }
        for day, name in sorted(names_nl.items())
    ]
    frame = pd.DataFrame(
        rows, columns=["holiday_date", "calendar_year", "holiday_name_nl", "holiday_name_en"]
    )
    frame["holiday_date"] = pd.to_datetime(frame["holiday_date"]).dt.date
    frame["calendar_year"] = frame["calendar_year"].astype("int32")
    return frame
