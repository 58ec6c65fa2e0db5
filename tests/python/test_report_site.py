"""The report site over a warehouse with two report years, one of them without an evening pilot.

`make test` runs the browser test (reports/test/site.test.js) on the site of the real warehouse,
which today holds one report year. This test builds a scratch copy of the project with a clearly
fictitious second year (2099: every 2018 figure doubled, and no evening pilot), builds the site from
it exactly as `make report` does, and runs the same browser test on that site: every page for both
years through the year selector, the comparison with an earlier year, and "No evening pilot this
year." for 2099. It needs what `make test` installs first: reports/node_modules and Chromium.

The site reads DuckDB files with @duckdb/node-api, which opens no file in DuckDB 2.0's own storage
format: every file it reads here (the published one and the scratch build) must be kept in the
format profiles.yml sets, and the site's own reader must open it.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest


from meldpunt1712.expectations.context import DATA_DOCS_INDEX
from meldpunt1712.layout import PROJECT_DIR
from meldpunt1712.storage import SETTING, file_storage_version, storage_version
from proof.publish_testing import published_baseline
from proof.scratch_project import FICTITIOUS_YEAR, read_seed

pytestmark = pytest.mark.slow


REPORTS = PROJECT_DIR / "reports"
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))


@pytest.fixture(scope="session")
def two_year_site_inputs(two_year_warehouse: tuple[Path, Path]) -> tuple[Path, Path]:
    for needed, how in ((REPORTS / "node_modules" / ".package-lock.json", "make report (npm ci)"),
                        (CHROMIUM, "make test (apt-get install chromium)")):
        if not needed.exists():
            pytest.fail(f"{needed} is missing: {how} installs it")
    return two_year_warehouse


def run(command: list[str], cwd: Path, env: dict[str, str], timeout: float) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=cwd, env={**os.environ, **env}, capture_output=True, text=True, timeout=timeout)


# The site's own reader (reports/lib/warehouse.js), as its data loaders call it.
SITE_READER = """
import {queryWarehouse} from "./lib/warehouse.js";
const {read} = await queryWarehouse({read: "select library_version as reader, count(*) as marts "
  + "from pragma_version(), duckdb_tables() where schema_name = 'marts' group by all"}, process.argv[1]);
console.log(JSON.stringify(read[0]));
"""


@pytest.mark.needs_build
def test_the_sites_reader_opens_every_duckdb_file_the_site_reads(two_year_site_inputs: tuple[Path, Path]) -> None:
    _, scratch_build = two_year_site_inputs
    version = storage_version(PROJECT_DIR)
    for database in (published_baseline().file, scratch_build):
        kept_in = file_storage_version(database)
        assert kept_in == version, (f"{database} is kept in DuckDB storage {kept_in}, not {version}: every DuckDB "
                                    f"file must be created with profiles.yml's config_options.{SETTING}")
        read = run(["node", "--input-type=module", "-e", SITE_READER, str(database)], REPORTS, {}, timeout=120)
        assert read.returncode == 0, (f"the report site's @duckdb/node-api cannot open {database} (DuckDB storage "
                                      f"{kept_in}, profiles.yml's {SETTING}):\n{read.stderr[-3000:]}")
        assert json.loads(read.stdout)["marts"] > 0, read.stdout


def test_site_shows_every_report_year_and_a_year_without_pilot(two_year_site_inputs: tuple[Path, Path],
                                                               tmp_path: Path) -> None:
    project, database = two_year_site_inputs
    with duckdb.connect(str(database), read_only=True) as connection:
        pilot_years = connection.sql("select distinct report_year from marts.rpt_evening_pilot order by 1").fetchall()
        years = connection.sql("select distinct report_year from marts.fct_contacts_monthly order by 1").fetchall()
    answered = sorted(int(r["report_year"]) for r in read_seed(PROJECT_DIR, "source_documents"))
    assert [year for (year,) in years] == answered + [FICTITIOUS_YEAR]
    assert (2018,) in pilot_years and (FICTITIOUS_YEAR,) not in pilot_years

    site = tmp_path / "site"
    env = {"MELDPUNT_PUBLISHED_DUCKDB_PATH": str(database), "REPORT_OUTPUT_DIR": str(site)}
    # The site build of `make report`: the Framework build, then GX's Data Docs of the same file into the site.
    build = run(["npm", "run", "build"], REPORTS, env, timeout=600)
    assert build.returncode == 0, build.stdout[-4000:] + build.stderr[-4000:]
    # The suites follow the scratch project's seeds; the gate finds a failure here (a build file carries no
    # comments, which the catalogue asks of a published file: exit code 1) and writes its Data Docs either way.
    gate_command = [sys.executable, "-m", "meldpunt1712.quality_gate", "--project-dir", str(project)]
    suites = run([*gate_command, "--update-suites"], PROJECT_DIR, {}, timeout=600)
    assert suites.returncode == 0, suites.stdout[-4000:] + suites.stderr[-4000:]
    gate = run([*gate_command, "--database", str(database)], PROJECT_DIR, {}, timeout=600)
    assert gate.returncode in (0, 1) and "quality gate: GX Data Docs" in gate.stdout, \
        gate.stdout[-4000:] + gate.stderr[-4000:]
    shutil.copytree(project / DATA_DOCS_INDEX.parent, site / "quality")

    screenshots = REPORTS / "screenshots" / "two-year-fixture"
    shutil.rmtree(screenshots, ignore_errors=True)
    # The report site's test only: the Data Docs' own test (data-docs.test.js) is make test's, on make quality's site.
    browser = run(["node", "--test", "--test-reporter=spec", "test/site.test.js"], REPORTS,
                  {**env, "REPORT_SITE_DIR": str(site), "REPORT_SCREENSHOT_DIR": str(screenshots)}, timeout=900)
    output = browser.stdout + browser.stderr
    assert browser.returncode == 0, output[-8000:]
    # Every page was checked for both years, through the selector.
    for year in answered + [FICTITIOUS_YEAR]:
        assert len(re.findall(rf"✔ \S+\.html, report year {year}", output)) == 5, output[-4000:]
    assert sorted(p.name for p in (screenshots / str(FICTITIOUS_YEAR)).glob("*.png")) == [
        "caller-theme.png", "data-quality.png", "evening-pilot.png", "index.png", "who-makes-contact.png"]
