// The age group x gender grid and the contacts per caller type, every report year.
import {emit, queryWarehouse} from "../../lib/warehouse.js";

emit(await queryWarehouse({
  ageGender: `
    select cells.report_year, cells.age_group_code, cells.age_group_label_nl, age.age_group_label_en,
        cells.age_group_sort_order, cells.gender_code, cells.gender_label_nl, gender.gender_label_en,
        cells.gender_sort_order, cells.contacts, cells.is_printed_cell
    from marts.fct_contacts_by_age_gender as cells
    inner join marts.dim_age_group as age on cells.age_group_code = age.age_group_code
    inner join marts.dim_gender as gender on cells.gender_code = gender.gender_code
    order by cells.report_year, cells.age_group_sort_order, cells.gender_sort_order`,
  callerTypes: `
    select callers.report_year, callers.caller_type_code, callers.caller_type_label_nl,
        callers.caller_type_label_en, callers.caller_group_code, callers.caller_group_label_nl,
        callers.caller_group_label_en, types.caller_group_sort_order, callers.sort_order, callers.contacts
    from marts.fct_contacts_by_caller_type as callers
    inner join marts.dim_caller_type as types on callers.caller_type_code = types.caller_type_code
    order by callers.report_year, callers.sort_order`
}));
