// GX's Data Docs, offline: copy the styles, scripts and fonts its templates load from CDNs into the
// site (from the npm packages pinned here), point every page at those copies and at GX's own logo in
// the site's static/images/, and fail on any address outside the site that a page would still load.
//
//   node gx/data_docs_assets/localise.js [SITE]       (make quality runs it after the checkpoint)
//
// SITE defaults to gx/uncommitted/data_docs/local_site. Running it again changes nothing. When a GX
// upgrade names another CDN address, the run fails naming it: add it to ASSETS (and package.json).
import {createHash} from "node:crypto";
import {cpSync, existsSync, readFileSync, readdirSync, writeFileSync} from "node:fs";
import path from "node:path";
import {fileURLToPath} from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const modules = path.join(here, "node_modules");
const VENDOR = "static/vendor"; // where the copies go, inside the site

// Every address GX's templates (great_expectations/render/view/templates) load, and the file of the
// pinned package that is that address. `extra`: folders the file refers to (font-awesome's fonts).
// The templates name bootstrap-table's filter-control CSS at 1.19.0 and its scripts at 1.19.1: one
// package can be installed once, and the 1.19.0 and 1.19.1 CSS differ only in their version comment.
const ASSETS = {
  "https://maxcdn.bootstrapcdn.com/bootstrap/4.3.1/css/bootstrap.min.css": ["bootstrap", "dist/css/bootstrap.min.css"],
  "https://stackpath.bootstrapcdn.com/bootstrap/4.3.1/js/bootstrap.min.js": ["bootstrap", "dist/js/bootstrap.min.js"],
  "https://code.jquery.com/jquery-3.7.1.min.js": ["jquery", "dist/jquery.min.js"],
  "https://cdnjs.cloudflare.com/ajax/libs/popper.js/1.12.9/umd/popper.min.js": ["popper.js", "dist/umd/popper.min.js"],
  "https://unpkg.com/bootstrap-table@1.19.1/dist/bootstrap-table.min.css": ["bootstrap-table", "dist/bootstrap-table.min.css"],
  "https://unpkg.com/bootstrap-table@1.19.1/dist/bootstrap-table.min.js": ["bootstrap-table", "dist/bootstrap-table.min.js"],
  "https://unpkg.com/bootstrap-table@1.19.1/dist/extensions/filter-control/bootstrap-table-filter-control.min.js":
    ["bootstrap-table", "dist/extensions/filter-control/bootstrap-table-filter-control.min.js"],
  "https://unpkg.com/bootstrap-table@1.19.0/dist/extensions/filter-control/bootstrap-table-filter-control.css":
    ["bootstrap-table", "dist/extensions/filter-control/bootstrap-table-filter-control.css", "1.19.1"],
  "https://unpkg.com/bootstrap-table@1.19.0/dist/extensions/filter-control/bootstrap-table-filter-control.min.css":
    ["bootstrap-table", "dist/extensions/filter-control/bootstrap-table-filter-control.min.css", "1.19.1"],
  "https://cdnjs.cloudflare.com/ajax/libs/bootstrap-datepicker/1.9.0/css/bootstrap-datepicker.min.css":
    ["bootstrap-datepicker", "dist/css/bootstrap-datepicker.min.css"],
  "https://cdnjs.cloudflare.com/ajax/libs/bootstrap-datepicker/1.9.0/js/bootstrap-datepicker.min.js":
    ["bootstrap-datepicker", "dist/js/bootstrap-datepicker.min.js"],
  "https://cdn.jsdelivr.net/npm/@forevolve/bootstrap-dark@1.1.0/dist/css/bootstrap-prefers-dark.css":
    ["@forevolve/bootstrap-dark", "dist/css/bootstrap-prefers-dark.css"],
  "https://cdnjs.cloudflare.com/ajax/libs/font-awesome/6.6.0/css/all.min.css":
    ["@fortawesome/fontawesome-free", "css/all.min.css", undefined, ["webfonts"]],
  // jsDelivr serves a bare package@major as the file its package.json names under "jsdelivr".
  "https://cdn.jsdelivr.net/npm/vega@5": ["vega", "build/vega.min.js"],
  "https://cdn.jsdelivr.net/npm/vega-lite@5": ["vega-lite", "build/vega-lite.min.js"],
  "https://cdn.jsdelivr.net/npm/vega-embed@6": ["vega-embed", "build/vega-embed.min.js"]
};

// The navbar's logo: GX's own picture, which the site has in static/images/, instead of a cloud
// bucket's copy whose URL carries the data context's id. Dark mode's variant exists only in the
// bucket: that background is dropped (GX's dark-mode rule keeps the light logo hidden). The favicon's
// link is pointed at the site's own file too: on validation pages GX counts one folder too few.
const LOGO = /https:\/\/great-expectations-web-assets\.s3\.us-east-2\.amazonaws\.com\/logo-long\.png(\?[^"']*)?/g;
const DARK_LOGO = /url\(\s*'https:\/\/great-expectations-web-assets\.s3\.us-east-2\.amazonaws\.com\/full_logo_dark\.png'\s*\)/g;

const TAG = /<(script|link|img|iframe|source|embed)\b[^>]*>/gi;
const EXTERNAL = /^(https?:)?\/\//i;

/** The pinned package's file behind `url`, after checking its version against the one the URL names. */
function packageFile(url) {
  const [name, file, version, extra = []] = ASSETS[url];
  const installed = JSON.parse(readFileSync(path.join(modules, name, "package.json"), "utf8")).version;
  const named = version ?? url.match(/[@/](\d+(?:\.\d+)*)(?=\/|$)/)?.[1] ?? url.match(/-(\d+(?:\.\d+)+)\.min\.js$/)?.[1];
  if (!named || !(installed === named || installed.startsWith(named + ".")))
    throw new Error(`${url} names ${name} ${named}, but ${installed} is installed: pin the version the templates name`);
  return {name, file, extra};
}

function sri(file, algorithm) {
  return `${algorithm}-${createHash(algorithm).update(readFileSync(file)).digest("base64")}`;
}

function* htmlFiles(dir) {
  for (const entry of readdirSync(dir, {withFileTypes: true})) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* htmlFiles(full);
    else if (entry.name.endsWith(".html")) yield full;
  }
}

export function localise(site) {
  if (!existsSync(path.join(site, "index.html"))) throw new Error(`no Data Docs in ${site}: run the quality gate first`);
  if (!existsSync(modules)) throw new Error(`no ${modules}: run \`npm ci\` in ${here} (make quality does)`);
  const logo = path.join(site, "static/images/logo-long.png");
  const favicon = path.join(site, "static/images/favicon.ico");
  for (const file of [logo, favicon]) if (!existsSync(file)) throw new Error(`GX wrote no ${file}`);
  const copied = new Set();
  const problems = [];

  const copy = (url) => {
    const {name, file, extra} = packageFile(url);
    const target = path.join(site, VENDOR, name, file);
    if (!copied.has(target)) {
      cpSync(path.join(modules, name, file), target);
      for (const folder of extra) cpSync(path.join(modules, name, folder), path.join(site, VENDOR, name, folder), {recursive: true});
      copied.add(target);
    }
    return target;
  };

  let pages = 0;
  for (const page of htmlFiles(site)) {
    if (page.startsWith(path.join(site, VENDOR) + path.sep)) continue;
    const relative = (target) => path.relative(path.dirname(page), target).split(path.sep).join("/");
    const before = readFileSync(page, "utf8");
    let html = before.replace(LOGO, relative(logo)).replace(DARK_LOGO, "none");
    html = html.replace(TAG, (tag) => {
      const attribute = tag.match(/\s(src|href)\s*=\s*"([^"]*)"/i);
      if (!attribute) return tag;
      if (/\srel="shortcut icon"/.test(tag)) return tag.replace(attribute[0], ` href="${relative(favicon)}"`);
      if (!EXTERNAL.test(attribute[2])) {
        if (!/^(data|blob):/.test(attribute[2]) && !existsSync(path.resolve(path.dirname(page), attribute[2].split(/[?#]/)[0])))
          problems.push(`${path.relative(site, page)}: ${attribute[2]} is not in the site`);
        return tag;
      }
      const url = attribute[2];
      if (!(url in ASSETS)) {
        problems.push(`${path.relative(site, page)}: ${url}`);
        return tag;
      }
      const local = copy(url);
      // Subresource integrity is checked here, against the pinned copy; the attributes go, because a
      // crossorigin script fails on a page opened from file://, which is how Data Docs are usually read.
      const integrity = tag.match(/\sintegrity\s*=\s*"([^"]*)"/i)?.[1];
      if (integrity && integrity !== sri(local, integrity.split("-")[0]))
        problems.push(`${url}: the pinned ${path.relative(modules, local)} is not the file GX's integrity hash names`);
      return tag.replace(attribute[0], ` ${attribute[1]}="${relative(local)}"`)
        .replace(/\s(integrity|crossorigin)(\s*=\s*"[^"]*")?/gi, "");
    });
    // Whatever still names another host in a place a browser loads from.
    for (const match of html.matchAll(/url\(\s*['"]?((?:https?:)?\/\/[^'")]+)/gi)) problems.push(`${path.relative(site, page)}: ${match[1]}`);
    for (const match of html.matchAll(/@import\s+(?:url\()?\s*['"]?((?:https?:)?\/\/[^'")\s;]+)/gi))
      problems.push(`${path.relative(site, page)}: ${match[1]}`);
    if (html !== before) writeFileSync(page, html);
    pages += 1;
  }
  if (problems.length) throw new Error(`Data Docs would still load from other hosts (add them to ASSETS in ${fileURLToPath(import.meta.url)}):\n  ${problems.join("\n  ")}`);
  return {pages, assets: copied.size};
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const site = path.resolve(process.argv[2] ?? path.join(here, "..", "uncommitted", "data_docs", "local_site"));
  const {pages, assets} = localise(site);
  console.log(`data docs: ${pages} pages of ${site} load nothing from other hosts (${assets} assets copied in now)`);
}
