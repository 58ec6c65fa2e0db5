// Building blocks every page shares: the year selector, the snapshot note, figure cards and
// the "figures as a table" under each chart. Plain DOM, so nothing is fetched from a CDN.

const integerFormat = new Intl.NumberFormat("en-GB", {maximumFractionDigits: 0});
const decimalFormat = new Intl.NumberFormat("en-GB", {minimumFractionDigits: 1, maximumFractionDigits: 1});
const percentFormat = new Intl.NumberFormat("en-GB", {style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1});

export const formatInteger = (value) => (value == null ? "–" : integerFormat.format(value));
export const formatDecimal = (value) => (value == null ? "–" : decimalFormat.format(value));
export const formatShare = (value) => (value == null ? "–" : percentFormat.format(value));

const dateFormat = new Intl.DateTimeFormat("en-GB", {day: "numeric", month: "long", year: "numeric"});
const timeFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit", timeZoneName: "short"
});
const monthFormat = new Intl.DateTimeFormat("en-GB", {month: "short", timeZone: "UTC"});

/** "1 November 2018" from "2018-11-01" (dates of the warehouse are calendar dates, no time zone). */
export const formatDate = (isoDate) => dateFormat.format(new Date(`${isoDate}T12:00:00`));
export const formatMonth = (isoDate) => monthFormat.format(new Date(`${isoDate}T00:00:00Z`));
/** A publication date as precisely as its source gives it: "8 March 2021", "Feb 2022" or "2018". */
export const formatPublished = (isoDate, precision) => precision === "year" ? isoDate.slice(0, 4)
  : precision === "month" ? `${formatMonth(isoDate)} ${isoDate.slice(0, 4)}` : formatDate(isoDate);

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value == null || value === false) continue;
    if (name === "className") node.className = value;
    else node.setAttribute(name, value === true ? "" : value);
  }
  node.append(...children.flat().filter((child) => child != null));
  return node;
}
export {element as el};

/**
 * The report-year selector: every year of the warehouse, the latest first; ?year=YYYY in the
 * address picks one (so a link can point at a year), and choosing a year updates the address
 * and the links to the other pages.
 */
export function yearSelect(years) {
  const choices = [...years].sort((a, b) => b - a);
  const requested = Number(new URLSearchParams(location.search).get("year"));
  const initial = choices.includes(requested) ? requested : choices[0];
  const select = element("select", {name: "year", "aria-label": "Report year"},
    choices.map((year) => element("option", {value: year, selected: year === initial}, String(year))));
  const form = element("form", {className: "year-select", "data-year-select": true},
    element("label", {}, "Report year ", select));
  form.value = initial;
  form.addEventListener("submit", (event) => event.preventDefault());
  select.addEventListener("input", () => {
    form.value = Number(select.value);
    const url = new URL(location.href);
    url.searchParams.set("year", select.value);
    history.replaceState(null, "", url);
    carryYear(form.value);
  });
  carryYear(initial);
  return form;
}

/** The sidebar and the pager keep the chosen year, so the next page opens on it. */
function carryYear(year) {
  for (const link of document.querySelectorAll("#observablehq-sidebar a[href], .observablehq-pager a[href]")) {
    const url = new URL(link.getAttribute("href"), location.href);
    if (url.origin !== location.origin) continue;
    url.searchParams.set("year", year);
    link.setAttribute("href", url.href);
  }
}

/** Where the figures come from: the published file, its build time, and when the site took them. */
export function snapshotNote(snapshot) {
  return element("p", {className: "snapshot-note", "data-snapshot": true},
    "A snapshot of ", element("code", {}, snapshot.file), ", the published warehouse file built ",
    element("time", {datetime: snapshot.publishedAt, "data-published-at": snapshot.publishedAt},
      timeFormat.format(new Date(snapshot.publishedAt))),
    ", taken when this site was built (", timeFormat.format(new Date(snapshot.takenAt)),
    "). The figures change only when ", element("code", {}, "make report"), " runs again.");
}

/** A headline figure; `name` lets the browser test find it. */
export function figureCard(name, value, caption, format = formatInteger) {
  return element("div", {className: "figure-card"},
    element("span", {className: "figure", "data-figure": name}, format(value)),
    element("span", {className: "caption"}, caption));
}

/** A chart width: the page's width, capped at `max`, never so narrow that the margins swallow the plot. */
export function fit(width, max, min = 560) {
  return Math.max(min, Math.min(width, max));
}

/** Mark a chart (a Plot figure or svg) so the browser test can find it and its table. */
export function chart(name, plot) {
  plot.setAttribute("data-chart", name);
  return element("div", {className: "scroll-x"}, plot);
}

/**
 * The figures of a chart as a table, folded under it. Each column is {name, label, value, format,
 * numeric}; a value may be a DOM node (a link); cells carry data-column=name so the browser test can read them.
 */
export function figuresTable(name, rows, columns, {summary = "Figures as a table", open = false, rowClass} = {}) {
  const header = element("tr", {}, columns.map((column) =>
    element("th", {className: column.numeric ? "number" : null, scope: "col"}, column.label)));
  const body = rows.map((row) => element("tr", {className: rowClass?.(row)}, columns.map((column) => {
    const value = column.value(row);
    return element("td", {className: column.numeric ? "number" : null, "data-column": column.name},
      column.format ? column.format(value) : value == null ? "–" : value instanceof Node ? value : String(value));
  })));
  return element("details", {className: "figures", open},
    element("summary", {}, summary),
    element("table", {className: "figures", "data-table": name},
      element("thead", {}, header), element("tbody", {}, body)));
}

/** Where a figure comes from: a link to a publication's page, or the path of an answer's text in the repository. */
export function sourceLink(url, text) {
  return /^https?:\/\//.test(url)
    ? element("a", {href: url, rel: "external noopener noreferrer", "data-source-link": true}, text)
    : element("code", {}, url);
}
