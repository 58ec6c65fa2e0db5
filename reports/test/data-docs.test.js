// GX's Data Docs in a browser that reaches no host but this machine: the index, every expectation
// suite and the newest validation page of each suite, served over loopback and opened from file://
// (in dark mode, whose GX styles name a logo of their own). Each page is styled by Bootstrap, runs
// jQuery, Bootstrap, bootstrap-table and Vega, shows Font Awesome's icons and the logo, and no request
// leaves the machine. Both copies are checked: the gate's (make quality) and the report site's.
//
//   node --test test/data-docs.test.js       (from reports/, after `make report`; `make test` runs it)
//
// DATA_DOCS_DIR names one site to check instead (default: ../gx/uncommitted/data_docs/local_site
// and build/quality).
import assert from "node:assert/strict";
import {existsSync, readdirSync} from "node:fs";
import path from "node:path";
import {after, before, describe, it} from "node:test";
import {fileURLToPath, pathToFileURL} from "node:url";
import {chromiumPath, launchBrowser, serveSite, staysOnMachine} from "../lib/browser.js";

const reports = fileURLToPath(new URL("..", import.meta.url));
const sites = process.env.DATA_DOCS_DIR ? [path.resolve(process.env.DATA_DOCS_DIR)]
  : [path.resolve(reports, "../gx/uncommitted/data_docs/local_site"), path.resolve(reports, "build/quality")];

for (const site of sites) {
  if (!existsSync(path.join(site, "index.html"))) throw new Error(`no Data Docs in ${site}: run \`make report\` first`);
}
if (!existsSync(chromiumPath)) throw new Error(`no Chromium at ${chromiumPath}: \`make test\` installs it (apt-get install chromium)`);

const suitesOf = (site) => readdirSync(path.join(site, "expectations")).filter((f) => f.endsWith(".html")).map((f) => f.slice(0, -5));

/** The site's pages to open: its index, each suite's page and each suite's newest validation page. */
function pagesOf(site) {
  const html = (dir) => readdirSync(dir, {recursive: true}).filter((f) => f.endsWith(".html")).sort();
  const suites = html(path.join(site, "expectations")).map((f) => path.join("expectations", f));
  const runs = html(path.join(site, "validations")); // <suite>/<batch>/<run time>/<page>.html
  const newestOf = new Map(runs.map((f) => [f.split(path.sep)[0], f])); // sorted: the last run of a suite wins
  const newest = [...newestOf.values()].map((f) => path.join("validations", f));
  assert.ok(suites.length > 0 && newest.length === suites.length, `${site} has a page and a validation page per suite`);
  return ["index.html", ...suites, ...newest];
}

/** What the page shows of the libraries it loads; read after the page settled. */
async function rendered(page) {
  await page.evaluate(() => document.fonts.ready);
  return page.evaluate(() => {
    const style = (selector, property) => {
      const node = document.querySelector(selector);
      return node && getComputedStyle(node)[property];
    };
    const icon = document.querySelector(".fas");
    const logo = document.querySelector('img[alt="Great Expectations"]');
    return {
      // .navbar { display: flex } and .sticky-top { position: sticky } are Bootstrap's, not GX's own CSS.
      navbarDisplay: style("nav.navbar", "display"),
      navbarPosition: style("nav.navbar.sticky-top", "position"),
      jquery: typeof window.jQuery === "function" && window.jQuery.fn.jquery,
      bootstrapJs: typeof window.jQuery?.fn?.modal === "function" && typeof window.Popper === "function",
      bootstrapTable: typeof window.jQuery?.fn?.bootstrapTable === "function",
      datepicker: typeof window.jQuery?.fn?.datepicker === "function",
      vega: typeof window.vega?.View === "function" && typeof window.vegaLite?.compile === "function" && typeof window.vegaEmbed === "function",
      icons: document.querySelectorAll(".fas").length,
      iconFont: icon && getComputedStyle(icon).fontFamily,
      iconFontLoaded: document.fonts.check('900 16px "Font Awesome 6 Free"'),
      logo: logo && {src: logo.src, width: logo.naturalWidth}
    };
  });
}

let browser, servers;

before(async () => {
  browser = await launchBrowser();
  servers = await Promise.all(sites.map((site) => serveSite(site)));
});

after(async () => {
  await browser?.close();
  for (const server of servers ?? []) server.close();
});

for (const [index, site] of sites.entries()) {
  describe(`Data Docs ${site}, offline`, () => {
    for (const file of pagesOf(site)) {
      for (const how of ["loopback", "file"]) {
        it(`${file} (${how === "file" ? "file://, dark mode" : "served on 127.0.0.1"})`, async () => {
          const page = await browser.context.newPage();
          const problems = [];
          const left = [];
          page.on("request", (request) => staysOnMachine(request.url()) || left.push(request.url()));
          page.on("requestfailed", (request) => problems.push(`failed request: ${request.url()} ${request.failure()?.errorText}`));
          page.on("response", (response) => response.status() >= 400 && problems.push(`HTTP ${response.status()}: ${response.url()}`));
          page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
          try {
            if (how === "file") await page.emulateMedia({colorScheme: "dark"});
            const url = how === "file" ? pathToFileURL(path.join(site, file)).href
              : `${servers[index].origin}/${file.split(path.sep).map(encodeURIComponent).join("/")}`;
            await page.goto(url, {waitUntil: "networkidle"});
            const shown = await rendered(page);
            assert.deepEqual(left, [], "no request left the machine");
            assert.equal(shown.navbarDisplay, "flex", "Bootstrap's CSS styles the navbar");
            assert.equal(shown.navbarPosition, "sticky", "… and keeps it at the top");
            assert.equal(shown.jquery, "3.7.1", "jQuery runs, at the version GX names");
            assert.ok(shown.bootstrapJs && shown.bootstrapTable && shown.datepicker, `Bootstrap's and its plugins' scripts run: ${JSON.stringify(shown)}`);
            assert.ok(shown.vega, "Vega, Vega-Lite and vega-embed run");
            if (!file.startsWith("expectations")) {
              assert.ok(shown.icons > 0, "the page shows status icons");
              assert.match(shown.iconFont, /Font Awesome 6 Free/, "… in Font Awesome's font");
              assert.ok(shown.iconFontLoaded, "… which loaded");
            }
            assert.deepEqual(problems, [], "every asset loaded");
            assert.ok(shown.logo && shown.logo.width > 0, "the logo shows");
            assert.ok(staysOnMachine(shown.logo.src) && !shown.logo.src.includes("?"), `… from the site, no id in its URL: ${shown.logo.src}`);
            if (file === "index.html") {
              const rows = (await page.locator(".bootstrap-table tbody tr").allTextContents()).join("\n");
              for (const suite of suitesOf(site)) assert.match(rows, new RegExp(suite), `bootstrap-table lists the suite ${suite}`);
            }
          } finally {
            await page.close();
          }
        });
      }
    }
  });
}

describe("the browser of this test", () => {
  it("reaches no other host (a page asking for one is refused, and the request is seen)", async () => {
    const page = await browser.context.newPage();
    try {
      const before = browser.external.length;
      const fetched = await page.evaluate(() => fetch("https://cdn.jsdelivr.net/npm/vega@5").then(() => "loaded", (e) => `refused: ${e.message}`));
      assert.match(fetched, /^refused/);
      assert.deepEqual(browser.external.slice(before), ["https://cdn.jsdelivr.net/npm/vega@5"]);
      browser.external.splice(before);
    } finally {
      await page.close();
    }
  });

  it("saw no page of these sites ask for another host", () => assert.deepEqual(browser.external, []));
});
