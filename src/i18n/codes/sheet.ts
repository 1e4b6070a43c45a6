/**
 * What the spreadsheets say: the notices of reading a workbook or CSV file of units (a column repeated, a
 * sheet missing, a row whose unit code is unknown ...), and the words of the template (the guide sheet, the
 * cells' checks, the example row, the yes/no values, the results sheet).
 *
 * @module
 */
import type { AreaSpec } from "../params.js";

export const SHEET = {
  /** A column whose header names the same field (or list) as an earlier column: only the first is read. */
  "sheet.repeated_column": { sheet: "string", column: "number", header: "string", repeats: "string" },
  /** The workbook has no sheet of units. */
  "sheet.no_units_sheet": { name: "string" },
  /** A list sheet without the unit-code column: none of its rows can be joined to a unit. */
  "sheet.no_code_column": { sheet: "string", header: "string" },
  /** A column of a list sheet that is not data of the set. */
  "sheet.not_data_column": { sheet: "string", header: "string" },
  /** A row of a list sheet whose unit code is not on the units sheet. */
  "sheet.unknown_code": { sheet: "string", row: "number", code: "string", units: "string" },
  /** Columns of the units sheet that are not data of the set: kept to group the results by. */
  "sheet.grouping_columns": { sheet: "string", headers: "strings" },
  /** A unit code used twice on the units sheet. */
  "sheet.duplicate_code": { sheet: "string", row: "number", code: "string", first: "number" },
  /** Example rows skipped. */
  "sheet.examples_skipped": { sheet: "string", count: "number", code: "string" },
  /** A cell's check: a value from the drop-down list. */
  "sheet.pick_from_list": {},
  /** A cell's check: a number (a whole number) between two bounds. */
  "sheet.enter_number": { integer: "boolean", min: "number", max: "number" },
  /** The name of the template's guide sheet. */
  "sheet.guide": {},
  /** The guide sheet's table header. */
  "sheet.guide_column": { column: ["sheet", "column", "meaning"] },
  /** The guide: one unit per row on the units sheet. */
  "sheet.guide_units": { name: "string" },
  /** The guide: a list sheet, one item per row, with its unit's code. */
  "sheet.guide_list": { name: "string", header: "string" },
  /** The guide: example rows, empty cells, yes/no. */
  "sheet.guide_examples": { code: "string" },
  /** The guide: columns of one's own are kept to group the results by. */
  "sheet.guide_own_columns": {},
  /** The note on the unit-code column. */
  "sheet.code_note": {},
  /** Yes and no, as written in a cell. */
  "sheet.yes_no": { value: "boolean" },
  /** A text value of the example row. */
  "sheet.example_text": { header: "string", index: "number" },
  /** The name of the results sheet of `batch --out results.xlsx`. */
  "sheet.results": {},
  /** The units sheet's column stating how many rows a unit has in a list, so an empty list can be told from one not given. */
  "sheet.count_header": { list: "string" },
  "sheet.count_note": { list: "string", sheet: "string" },
  "sheet.count_not_number": { sheet: "string", row: "number", column: "string", value: "string" },
  "sheet.count_mismatch": { sheet: "string", row: "number", column: "string", stated: "number", found: "number", list: "string" },
} as const satisfies AreaSpec;
