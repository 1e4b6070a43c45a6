import type { Sentences } from "../params.js";
import type { SHEET } from "../codes/sheet.js";

export const sheet: Sentences<typeof SHEET> = {
  "sheet.repeated_column": ({ sheet, column, header, repeats }) => `${sheet}: column ${column} (“${header}”) repeats ${repeats}; only the first one is read.`,
  "sheet.no_units_sheet": ({ name }) => `The workbook has no “${name}” sheet (the units sheet).`,
  "sheet.no_code_column": ({ sheet, header }) => `${sheet}: no “${header}” column, so no row can be joined to its unit; the sheet was not read.`,
  "sheet.not_data_column": ({ sheet, header }) => `${sheet}: column “${header}” is not data of the criteria set and was not read.`,
  "sheet.unknown_code": ({ sheet, row, code, units }) => `${sheet}, row ${row}: code “${code}” is not in the ${units} sheet; the row belongs to no unit.`,
  "sheet.grouping_columns": ({ sheet, headers }) =>
    `${sheet}: ${headers.length === 1 ? "column" : "columns"} ${headers.map((g) => `“${g}”`).join(", ")} ${headers.length === 1 ? "is" : "are"} not data of the criteria set: kept to group the results by, not evaluated.`,
  "sheet.duplicate_code": ({ sheet, row, code, first }) =>
    `${sheet}, row ${row}: code “${code}” is already the unit's of row ${first}; this unit is evaluated too, but list rows join the first one only.`,
  "sheet.examples_skipped": ({ sheet, count, code }) => `${sheet}: ${count} example row${count === 1 ? "" : "s"} (code “${code}”) skipped.`,
  "sheet.pick_from_list": () => "Choose a value from the list.",
  "sheet.enter_number": ({ integer, min, max }) => `Enter a${integer ? " whole" : ""} number from ${min} to ${max}.`,
  "sheet.guide": () => "Guide",
  "sheet.guide_column": ({ column }) => ({ sheet: "Sheet", column: "Column", meaning: "Meaning" })[column],
  "sheet.guide_units": ({ name }) => `One unit per row on the “${name}” sheet.`,
  "sheet.guide_list": ({ name, header }) => `“${name}” sheet: one item per row, its “${header}” column holding the code of its unit.`,
  "sheet.guide_examples": ({ code }) =>
    `Rows coded “${code}” are examples and are skipped; they may be deleted. An empty cell is data not given. Yes/No from the list.`,
  "sheet.guide_own_columns": () =>
    "Columns of your own (commune, village...) may be added: columns that are not data of the set are kept to group the results by.",
  "sheet.code_note": () => "The unit's own code, which links it to its rows in the list sheets.",
  "sheet.yes_no": ({ value }) => (value ? "Yes" : "No"),
  "sheet.example_text": ({ header, index }) => `${header} (example ${index})`,
  "sheet.results": () => "Results",
  "sheet.count_header": ({ list }) => `Rows of ${list}`,
  "sheet.count_note": ({ list, sheet }) =>
    `How many ${list} the unit has: its number of rows on the “${sheet}” sheet. 0 when it has none (an empty list); empty when not known (the list not given).`,
  "sheet.count_not_number": ({ sheet, row, column, value }) =>
    `${sheet}, row ${row}: column “${column}” holds “${value}”, not a whole number from 0 up; the column is ignored for that unit.`,
  "sheet.count_mismatch": ({ sheet, row, column, stated, found, list }) =>
    `${sheet}, row ${row}: column “${column}” says ${stated} but the file has ${found} rows of ${list} for this unit; the list is taken as not given (the criteria using it miss data) until the two agree.`,
};
