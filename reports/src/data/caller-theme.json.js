// The reconstructed caller type x theme grid (range and best estimate of every cell) and its certainty.
import {emit, queryWarehouse} from "../../lib/warehouse.js";

emit(await queryWarehouse({
  cells: `
    select cells.report_year, cells.caller_type_code, cells.caller_type_label_nl,
        types.caller_type_label_en, types.sort_order as caller_type_sort_order,
        cells.caller_group_code, types.caller_group_label_en, types.caller_group_sort_order,
        cells.theme_code, cells.theme_label_nl, themes.theme_label_en,
        themes.printed_position as theme_printed_position,
        cells.contacts, cells.contacts_min, cells.contacts_max, cells.is_certain, cells.bounds_are_exact
    from marts.fct_caller_theme as cells
    inner join marts.dim_caller_type as types on cells.caller_type_code = types.caller_type_code
    inner join marts.fct_contacts_by_theme as themes
        on cells.report_year = themes.report_year and cells.theme_code = themes.theme_code
    order by cells.report_year, types.sort_order, themes.printed_position`,
  certainty: `
    with groups as (
        select distinct caller_group_code, caller_group_label_en, caller_group_sort_order
        from marts.dim_caller_type
    )
    select certainty.report_year, certainty.caller_group_code, certainty.caller_group_label_nl,
        case when certainty.caller_group_code = 'all_caller_groups' then 'All caller groups'
            else groups.caller_group_label_en end as caller_group_label_en,
        certainty.caller_group_code = 'all_caller_groups' as is_whole_table,
        certainty.printed_values, certainty.printed_values_theme_certain, certainty.contacts,
        certainty.contacts_theme_certain, certainty.share_of_contacts_theme_certain,
        certainty.cells, certainty.cells_certain, certainty.analysis_status, certainty.open_questions,
        certainty.estimate_is_optimal
    from marts.rpt_caller_theme_certainty as certainty
    left join groups on certainty.caller_group_code = groups.caller_group_code
    order by certainty.report_year, is_whole_table, groups.caller_group_sort_order`
}));
