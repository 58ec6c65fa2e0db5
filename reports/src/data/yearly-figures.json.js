// The yearly figures of every source (primary answers and other publications) and where they disagree.
import {emit, queryWarehouse} from "../../lib/warehouse.js";

emit(await queryWarehouse({
  figures: `
    select figure_id, report_year, measure, measure_label_en, figure_value, unit, printed_value, printed_term,
        period_start, period_end, is_calendar_year, period_label, source_kind, publisher_kind, is_preferred,
        preference_reason, publisher, source_title, source_url, source_date, source_date_precision, source_date_last_day,
        source_date_label, cited_question, note
    from marts.fct_yearly_figures
    order by measure, report_year, is_preferred desc, figure_id`,
  conflicts: `
    select report_year, measure, unit, preferred_figure_id, preferred_value, preferred_printed_value,
        preferred_period_label, preferred_publisher, preferred_source_url, preferred_source_date,
        preferred_source_date_precision, other_figure_id, other_value, other_printed_value, other_period_label,
        other_publisher, other_source_url, other_source_date, other_source_date_precision, difference, is_same_period,
        conflict_kind, publication_order
    from marts.rpt_yearly_figure_conflicts
    order by report_year, measure, other_figure_id`
}));
