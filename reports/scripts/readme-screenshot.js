// The README's picture of the overview page: its top down to the month bars, small.
//   node scripts/readme-screenshot.js [../docs/img/overview.png]      (after `make report`)
import path from "node:path";
import {fileURLToPath} from "node:url";
import {launchBrowser, serveSite} from "../lib/browser.js";

const reports = fileURLToPath(new URL("..", import.meta.url));
const output = path.resolve(process.argv[2] || path.join(reports, "..", "docs", "img", "overview.png"));
const site = await serveSite(path.join(reports, "build"));
const browser = await launchBrowser({viewport: {width: 1000, height: 1200}});
try {
  const page = await browser.context.newPage();
  await page.goto(`${site.origin}/index.html`, {waitUntil: "networkidle"});
  const bars = page.locator('[data-chart="monthly"] svg').first();
  await bars.waitFor();
  const box = await bars.boundingBox();
  await page.screenshot({path: output, clip: {x: 0, y: 0, width: 1000, height: Math.ceil(box.y + box.height + 10)}});
  console.log(`overview screenshot: ${output}`);
} finally {
  await browser.close();
  site.close();
}
