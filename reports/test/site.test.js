// The report site in a real browser: every page, every report year of the warehouse (chosen with
// the page's own year selector), no console error, no failed request and none that leaves the machine,
// every chart drawn with its table, and the key figures on the page equal to the marts, read here from
// the published file. GX's Data Docs, which the site copies into quality/, have data-docs.test.js.
//
//   node --test test/          (from reports/, after `make report`; `make test` runs it)
//
// REPORT_SITE_DIR (default build/), MELDPUNT_PUBLISHED_DUCKDB_PATH (the file the site was built from),
// REPORT_SCREENSHOT_DIR (default screenshots/) and CHROMIUM (default /usr/bin/chromium) point it elsewhere.
import assert from "node:assert/strict";
import {existsSync, mkdirSync} from "node:fs";
import path from "node:path";
import {after, before, describe, it} from "node:test";
import {fileURLToPath} from "node:url";
import {chromiumPath, launchBrowser, serveSite} from "../lib/browser.js";
import {publishedAt, publishedFile, queryWarehouse} from "../lib/warehouse.js";

const reports = fileURLToPath(new URL("..", import.meta.url));
const siteDir = path.resolve(reports, process.env.REPORT_SITE_DIR || "build");
const screenshotDir = path.resolve(reports, process.env.REPORT_SCREENSHOT_DIR || "screenshots");
const SETTLE_MS = 10_000; // how long a page may take to show a year's figures

if (!existsSync(path.join(siteDir, "index.html"))) throw new Error(`no site in ${siteDir}: run \`make report\` first`);
if (!existsSync(chromiumPath)) throw new Error(`no Chromium at ${chromiumPath}: \`make test\` installs it (apt-get install chromium)`);

// ------------------------------------------------------------------ what the marts say

const file = publishedFile();
const marts = await queryWarehouse({
  years: `select report_year from marts.fct_contacts_monthly union select report_year from marts.dim_source_document order by 1`,
  headline: `select report_year, published_value from marts.rpt_published_totals_check
             where table_name = 'answer_headline' and total_kind = 'year_total'`,
  months: `select report_year, month_start_date, contacts from marts.fct_contacts_monthly order by report_year, month_start_date`,
  themes: `select report_year, count(*) as themes from marts.fct_contacts_by_theme group by 1`,
  ageGender: `select report_year, count(*) as cells, sum(contacts) as contacts from marts.fct_contacts_by_age_gender group by 1`,
  callerTypes: `select report_year, count(*) as caller_types from marts.fct_contacts_by_caller_type group by 1`,
  cells: `select report_year, count(*) as cells, count(*) filter (where is_certain) as certain,
    count(*) filter (where not bounds_are_exact) as unproven from marts.fct_caller_theme group by 1`,
  certainty: `select report_year, cells, cells_certain, contacts_theme_certain, analysis_status from marts.rpt_caller_theme_certainty
              where caller_group_code = 'all_caller_groups'`,
  pilots: `select report_year, scheduled_evenings, public_holiday_evenings, legitimate_calls from marts.rpt_evening_pilot`,
  totals: `select report_year, count(*) as totals, count(*) filter (where status <> 'match') as not_matching
           from marts.rpt_published_totals_check group by 1`,
  yearlyContacts: `select report_year, figure_value, is_preferred, source_date_precision, source_date_label
                   from marts.fct_yearly_figures where measure = 'contacts' order by report_year, is_preferred desc, figure_id`,
  yearlyOther: `select count(*) as figures, count(*) filter (where is_preferred and unit <> 'percent_of_contacts') as counts,
                  list(source_date_precision order by measure, report_year, is_preferred desc, figure_id) as precisions
                from marts.fct_yearly_figures where measure <> 'contacts'`,
  conflicts: `select count(*) as conflicts, list(publication_order order by report_year, measure, other_figure_id) as orders
              from marts.rpt_yearly_figure_conflicts`,
  callerColumns: `select report_year, cast(total_key as integer) as position from marts.rpt_published_totals_check
                  where table_name = 'caller_theme' and total_kind = 'column_total' and status = 'match'
                  order by report_year, position`
}, file);
const fileBuiltAt = (await publishedAt(file)).toISOString();
const years = marts.years.map((d) => d.report_year);
const ofYear = (rows, year) => rows.filter((d) => d.report_year === year);
const oneOfYear = (rows, year) => ofYear(rows, year)[0];

// ------------------------------------------------------------------ the pages and their checks

const PAGES = [
  {
    path: "index.html",
    charts: (year) => ["monthly", "themes", ...(years.some((y) => y < year) ? ["years", "years-by-month"] : []),
      ...(marts.yearlyContacts.length ? ["yearly-contacts"] : []), ...(marts.yearlyOther[0].counts ? ["yearly-other-measures"] : [])],
    async check(page, year) {
      const months = ofYear(marts.months, year).map((d) => d.contacts);
      assert.equal(months.length, 12, `the warehouse has 12 months for ${year}`);
      const total = months.reduce((a, b) => a + b, 0);
      const headline = oneOfYear(marts.headline, year)?.published_value ?? total;
      assert.equal(await figure(page, "year-total"), headline, "year total on the page = the published headline total");
      assert.equal(headline, total, "… which is the sum of the month table");
      assert.deepEqual(await column(page, "monthly", "contacts"), months, "the monthly table = fct_contacts_monthly");
      assert.deepEqual(await markTitles(page, "monthly contacts"), months, "the bars carry the monthly values");
      assert.equal(await figure(page, "theme-count"), oneOfYear(marts.themes, year).themes);
      if (years.some((y) => y < year)) {
        const shown = await column(page, "years", "contacts");
        assert.equal(shown.at(-1), total, "the comparison ends with this year's total");
      } else {
        assert.ok(await page.locator("[data-no-earlier-years]").count(), "a year without earlier years says so");
      }
      const preferred = marts.yearlyContacts.filter((d) => d.is_preferred);
      assert.equal(await marks(page, "yearly-contacts", "yearly contacts"), preferred.length,
        "the yearly series draws one bar per year with a preferred contacts figure");
      assert.deepEqual(await markTitles(page, "yearly contacts"), preferred.map((d) => d.figure_value),
        "the bars carry the preferred figures of fct_yearly_figures, year by year");
      assert.equal(await marks(page, "yearly-contacts", "yearly contacts other", "circle"), marts.yearlyContacts.length - preferred.length,
        "every figure that was not preferred is a dot");
      assert.deepEqual(await column(page, "yearly-contacts", "contacts"), marts.yearlyContacts.map((d) => d.figure_value),
        "the table lists every contacts figure of every source");
      assert.equal(await page.locator('[data-table="yearly-contacts"] td[data-column="source"] :is(a[data-source-link], code)').count(),
        marts.yearlyContacts.length, "each figure's source is linked (an answer: its text in source/)");
      assert.deepEqual(await cells(page, "yearly-contacts", "date_precision"), marts.yearlyContacts.map((d) => d.source_date_precision),
        "each figure's publication date is shown with its precision (day, month or year), as fct_yearly_figures has it");
      assert.deepEqual(await cells(page, "yearly-contacts", "date"), marts.yearlyContacts.map(publishedAs),
        "… and written no more precisely than the source gives it");
      // the page draws every year from the first to the last figure, unless that spans more than 40 years
      // (a fictitious far year): then only the years with a figure, and no year is marked as missing
      const contactYears = [...new Set(marts.yearlyContacts.map((d) => d.report_year))];
      const [first, last] = [Math.min(...contactYears), Math.max(...contactYears)];
      const span = last - first <= 40 ? Array.from({length: last - first + 1}, (_, i) => first + i) : contactYears;
      const withoutFigure = span.filter((y) => !preferred.some((d) => d.report_year === y));
      assert.equal(await marks(page, "yearly-contacts", "yearly contacts gap", "text"), withoutFigure.length,
        "every year of the span without a preferred figure is marked as having no source, none else");
      assert.deepEqual(await page.locator("[data-years-without-figure]").evaluateAll((nodes) => nodes.map((node) => node.dataset.yearsWithoutFigure)),
        withoutFigure.length ? [withoutFigure.join(" ")] : [], "the years without a figure are named under the chart");
      if (marts.yearlyOther[0].counts) {
        assert.equal(await marks(page, "yearly-other-measures", "yearly other measures"), marts.yearlyOther[0].counts,
          "the other counts draw one bar per preferred figure");
        assert.equal(await page.locator('[data-table="yearly-other-measures"] tbody tr').count(), marts.yearlyOther[0].figures);
        assert.deepEqual(await cells(page, "yearly-other-measures", "date_precision"), marts.yearlyOther[0].precisions,
          "every other figure's date is shown with its precision");
      }
    }
  },
  {
    path: "who-makes-contact.html",
    charts: () => ["age-gender", "caller-groups", "caller-types"],
    async check(page, year) {
      const grid = oneOfYear(marts.ageGender, year);
      assert.equal(await page.locator('[data-chart="age-gender"] g.mark-age-gender-cells rect').count(), grid.cells,
        "the heatmap draws every cell of the grid");
      const rowSums = await column(page, "age-gender", "row_sum");
      assert.equal(rowSums.at(-1), grid.contacts, "the grid's total = the sum of fct_contacts_by_age_gender");
      assert.equal((await column(page, "caller-types", "contacts")).length, oneOfYear(marts.callerTypes, year).caller_types);
    }
  },
  {
    path: "caller-theme.html",
    charts: () => ["caller-theme-grid", "certainty-by-group"],
    async check(page, year) {
      const cells = oneOfYear(marts.cells, year);
      const summary = oneOfYear(marts.certainty, year);
      assert.equal(summary.cells_certain, cells.certain, "rpt_caller_theme_certainty agrees with fct_caller_theme");
      assert.equal(await figure(page, "cells-certain"), summary.cells_certain, "certain cells on the page = the marts");
      assert.equal(await figure(page, "contacts-theme-certain"), summary.contacts_theme_certain);
      assert.equal(await marks(page, "caller-theme-grid", "certain cells"), cells.certain, "the grid draws every certain cell solid");
      assert.equal(await marks(page, "caller-theme-grid", "uncertain cells"), cells.cells - cells.certain - cells.unproven,
        "… every other cell with proven bounds as a range");
      assert.equal(await marks(page, "caller-theme-grid", "unproven cells"), cells.unproven,
        "… and every cell of a partial analysis as a range not proven");
      assert.equal(await page.locator("[data-partial-analysis]").count(), summary.analysis_status === "partial" ? 1 : 0,
        "a partial analysis is said in words");
    }
  },
  {
    path: "evening-pilot.html",
    charts: (year) => (ofYear(marts.pilots, year).length ? ["pilot-evenings", "pilot-calls", "pilot-vs-daytime"] : []),
    async check(page, year) {
      const pilots = ofYear(marts.pilots, year);
      if (pilots.length === 0) {
        assert.equal((await page.locator("[data-no-pilot]").textContent()).trim(), "No evening pilot this year.");
        return;
      }
      assert.equal(await page.locator("[data-pilot]").count(), pilots.length);
      const evenings = pilots.reduce((sum, d) => sum + d.scheduled_evenings, 0);
      assert.equal(await figure(page, "scheduled-evenings", {all: true}), evenings, "scheduled evenings = rpt_evening_pilot");
      assert.equal(await marks(page, "pilot-evenings", "pilot evenings", ":is(circle, path)"), evenings, "one mark per scheduled evening");
      assert.equal(await figure(page, "holiday-evenings", {all: true}), pilots.reduce((sum, d) => sum + d.public_holiday_evenings, 0));
      assert.equal(await figure(page, "legitimate-calls", {all: true}), pilots.reduce((sum, d) => sum + d.legitimate_calls, 0));
      assert.equal(await page.locator("[data-decision]").count(), pilots.length, "every pilot states its decision");
    }
  },
  {
    path: "data-quality.html",
    charts: () => ["published-totals"],
    async check(page, year) {
      const totals = oneOfYear(marts.totals, year);
      assert.equal(await figure(page, "published-totals"), totals.totals);
      assert.equal(await figure(page, "totals-not-matching"), totals.not_matching);
      const listed = await column(page, "published-totals", "status");
      assert.equal(listed.length, totals.totals, "every published total is listed");
      const conflicts = marts.conflicts[0].conflicts;
      if (conflicts) {
        assert.equal((await column(page, "yearly-conflicts", "difference")).length, conflicts, "every conflict is listed");
        assert.deepEqual(await cells(page, "yearly-conflicts", "publication_order"), marts.conflicts[0].orders,
          "each conflict says which figure came out later only as far as the dates' precision allows");
      } else assert.ok(await page.locator("[data-no-conflicts]").count(), "no conflict: the page says the sources agree");
      const [tables, kinds, keys] = await Promise.all(["table", "kind", "key"].map((name) => cells(page, "published-totals", name)));
      const callerColumns = keys.filter((_, i) => tables[i] === "caller_theme" && kinds[i] === "column_total" && listed[i] === "match")
        .map(toNumber);
      assert.deepEqual(callerColumns, ofYear(marts.callerColumns, year).map((d) => d.position),
        "the caller table's column totals are listed by position, as numbers (1, 2, ..., 10)");
      const href = await page.locator("a[data-quality-report]").getAttribute("href");
      const report = await page.request.get(new URL(href, page.url()).href);
      assert.equal(report.status(), 200, `the data-quality report (${href}) is part of the site`);
    }
  }
];

// ------------------------------------------------------------------ reading the page

/** The number a [data-figure] shows ("5,126" → 5126); with {all: true}, the sum over every such figure. */
async function figure(page, name, {all = false} = {}) {
  const texts = await page.locator(`[data-figure="${name}"]`).allTextContents();
  assert.ok(all ? texts.length > 0 : texts.length === 1, `one figure ${name} on the page (found ${texts.length})`);
  return texts.map(toNumber).reduce((a, b) => a + b, 0);
}

/** The texts of one column of a chart's table, in row order (read even while the table is folded). */
async function cells(page, table, name) {
  return (await page.locator(`[data-table="${table}"] tbody td[data-column="${name}"]`).allTextContents()).map((text) => text.trim());
}

/** The numbers of one column of a chart's table; a cell that is not a number stays text. */
async function column(page, table, name) {
  return (await cells(page, table, name)).map((text) => (/^[\d,.–-]+$/.test(text) ? toNumber(text) : text));
}

/** How many marks a Plot mark (found by its className, mark-<label with dashes>) drew in a chart. */
async function marks(page, chart, label, element = "rect") {
  return page.locator(`[data-chart="${chart}"] g.mark-${label.replaceAll(" ", "-")} ${element}`).count();
}

/** The number at the end of each mark's tooltip ("Januari 2018: 465 contacts" → 465), in drawing order. */
async function markTitles(page, label) {
  const titles = await page.locator(`g.mark-${label.replaceAll(" ", "-")} title`).allTextContents();
  return titles.map((title) => toNumber(title.match(/:\s*([\d,]+)/)[1]));
}

/** A publication date as the site writes it at its precision: "2018", "Feb 2022", "8 March 2021". */
function publishedAs({source_date_precision: precision, source_date_label: label}) {
  if (precision === "year") return label;
  const [year, month, day] = label.split("-").map(Number);
  const monthName = new Date(Date.UTC(year, month - 1, 1)).toLocaleString("en-GB", {month: precision === "month" ? "short" : "long", timeZone: "UTC"});
  return precision === "month" ? `${monthName} ${year}` : `${day} ${monthName} ${year}`;
}

function toNumber(text) {
  const number = Number(text.trim().replaceAll(",", ""));
  assert.ok(Number.isFinite(number), `"${text}" is a number`);
  return number;
}

/** Retry `check` until it passes or SETTLE_MS is over: the page re-renders after a year is chosen. */
async function eventually(check) {
  const deadline = Date.now() + SETTLE_MS;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }
}

async function assertChartsDrawn(page, expected) {
  const names = await page.locator("[data-chart]").evaluateAll((nodes) => nodes.map((node) => node.dataset.chart));
  assert.deepEqual([...names].sort(), [...expected].sort(), "the page draws exactly the charts its data calls for");
  for (const name of names) {
    const drawn = await page.locator(`[data-chart="${name}"]`).evaluate((node) => {
      const svgs = [...node.querySelectorAll("svg"), ...node.querySelectorAll("canvas")];
      const plotted = [...node.querySelectorAll("g[aria-label] :is(rect, path, circle, text)")]
        .filter((mark) => !/axis|grid|tick|legend/.test(mark.closest("g[aria-label]").getAttribute("aria-label")));
      const box = node.getBoundingClientRect();
      return {svgs: svgs.length, marks: plotted.length, width: box.width, height: box.height};
    });
    assert.ok(drawn.svgs > 0 && drawn.marks > 0 && drawn.width > 0 && drawn.height > 0,
      `chart ${name} is drawn (${JSON.stringify(drawn)})`);
    assert.equal(await page.locator(`[data-table="${name}"]`).count(), 1, `chart ${name} has its figures as a table`);
  }
}

// ------------------------------------------------------------------ the tests

let site, browser;

before(async () => {
  site = await serveSite(siteDir);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  site?.close();
});

describe(`report site ${siteDir} over ${file}`, () => {
  it("has report years to show", () => assert.ok(years.length > 0, "the warehouse has at least one report year"));

  for (const spec of PAGES) {
    for (const year of years) {
      it(`${spec.path}, report year ${year}`, async () => {
        const page = await browser.context.newPage();
        const problems = [];
        page.on("console", (message) => message.type() === "error" && problems.push(`console: ${message.text()}`));
        page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
        page.on("requestfailed", (request) => problems.push(`failed request: ${request.url()} ${request.failure()?.errorText}`));
        page.on("response", (response) => response.status() >= 400 && problems.push(`HTTP ${response.status()}: ${response.url()}`));
        // The site must work offline: anything not served by our own server is a failure, not a wait.
        await page.route((url) => url.origin !== site.origin, (route) => {
          problems.push(`external request: ${route.request().url()}`);
          return route.abort();
        });
        try {
          await page.goto(`${site.origin}/${spec.path}`, {waitUntil: "networkidle"});
          const select = page.locator("[data-year-select] select");
          assert.deepEqual((await select.locator("option").allTextContents()).map(Number).sort(), [...years].sort(),
            "the selector offers every report year of the warehouse");
          await select.selectOption(String(year));
          await eventually(async () => {
            assert.equal(await page.locator("[data-snapshot] [data-published-at]").getAttribute("data-published-at"), fileBuiltAt,
              "the page names the build time of the published file it shows");
            const links = await page.locator("#observablehq-sidebar a[href]").evaluateAll((anchors) => anchors.map((a) => a.href));
            assert.ok(links.length >= PAGES.length && links.every((href) => new URL(href).searchParams.get("year") === String(year)),
              `the sidebar's links keep the chosen year: ${links}`);
            await assertChartsDrawn(page, spec.charts(year));
            await spec.check(page, year);
          });
          assert.deepEqual(problems, [], "no console error and no failed request");
        } catch (error) {
          if (problems.length) error.message += `\nbrowser problems:\n  ${problems.join("\n  ")}`;
          throw error;
        } finally {
          // A screenshot of every page, failed or not, for review.
          mkdirSync(path.join(screenshotDir, String(year)), {recursive: true});
          await page.screenshot({path: path.join(screenshotDir, String(year), spec.path.replace(/\.html$/, ".png")), fullPage: true});
          await page.close();
        }
      });
    }
  }

  // The browser resolves no host but loopback and aborts, and lists, every request for another one.
  it("no page sent a request off this machine", () => assert.deepEqual(browser.external, [], "no request left the machine"));
});
