// Every published total with its reconciliation status, and the source documents with their provenance.
import {emit, queryWarehouse} from "../../lib/warehouse.js";

emit(await queryWarehouse({
  totals: `
    select report_year, table_name, total_kind, total_key, published_value, computed_value, difference,
        status, computed_from, document_id, source_section
    from marts.rpt_published_totals_check
    -- a row or column named by its printed position (the caller table's columns) sorts as a number: 1, 2, ..., 10
    order by report_year, table_name, total_kind, try_cast(total_key as integer) nulls last, total_key`,
  documents: `
    select document_id, report_year, document_type, question_number, question_date, asked_by,
        asked_by_role, answered_by, answered_by_role, subject_nl, source_file, source_section
    from marts.dim_source_document
    order by report_year, document_id`,
  citedQuestions: `
    select document_id, cited_question_number, cited_question_date, source_quote, source_section
    from marts.dim_cited_question
    order by document_id, cited_question_date`
}));
