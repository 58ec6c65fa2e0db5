// Observable Framework configuration of the report site (`make report` builds it into build/).
// Offline by design: no Google Fonts stylesheet, no external footer link, Plot from node_modules.
export default {
  title: "Meldpunt 1712 in figures",
  root: "src",
  output: process.env.REPORT_OUTPUT_DIR || "build",
  pages: [
    {name: "Overview", path: "/index"},
    {name: "Who makes contact", path: "/who-makes-contact"},
    {name: "Caller x theme", path: "/caller-theme"},
    {name: "Evening pilot", path: "/evening-pilot"},
    {name: "Data quality and sources", path: "/data-quality"}
  ],
  globalStylesheets: [],
  // No favicon request (a 404 would be a console error in the browser test).
  head: '<link rel="icon" href="data:,">',
  style: "style.css",
  footer: "A snapshot of the published warehouse, taken when this site was built (<code>make report</code>).",
  // Links end in .html so any static file server (python3 -m http.server) serves every page.
  preserveExtension: true,
  preserveIndex: true,
  search: false,
  pager: true,
  toc: false
};
