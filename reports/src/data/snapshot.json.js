// Which published file the site shows, when that file was built, and its report years.
import path from "node:path";
import {emit, publishedAt, publishedFile, queryWarehouse} from "../../lib/warehouse.js";

const file = publishedFile();
const repository = path.resolve(import.meta.dirname, "../../..");
const {years} = await queryWarehouse({
  years: `
    select report_year from marts.fct_contacts_monthly
    union
    select report_year from marts.dim_source_document
    order by report_year`
}, file);

emit({
  file: file.startsWith(repository + path.sep) ? path.relative(repository, file) : path.basename(file),
  publishedAt: (await publishedAt(file)).toISOString(),
  takenAt: new Date().toISOString(),
  years: years.map((d) => d.report_year)
});
