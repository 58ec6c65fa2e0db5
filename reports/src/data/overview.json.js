// Contacts per month and per theme for every report year, and each year's published headline total.
import {emit, queryWarehouse} from "../../lib/warehouse.js";

emit(await queryWarehouse({
  monthly: `
    select report_year, month_start_date, month_label_nl, contacts, share_of_year,
        working_days, contacts_per_working_day
    from marts.fct_contacts_monthly
    order by report_year, month_start_date`,
  themes: `
    select report_year, theme_code, theme_label_nl, theme_label_en, printed_position, contacts, share_of_year
    from marts.fct_contacts_by_theme
    order by report_year, printed_position`,
  headlineTotals: `
    select report_year, published_value, computed_value, status
    from marts.rpt_published_totals_check
    where table_name = 'answer_headline' and total_kind = 'year_total'
    order by report_year`
}));
