/**
 * Workbooks (XLSX) of a set's units: the template to fill in, the units read back, the per-unit results
 * written out. The spreadsheet library, exceljs, is given by the caller (`await import("exceljs")` in Node, the
 * browser build in the explorer's worker), so nothing that does not write or read a workbook loads it: the
 * core bundle never holds it.
 *
 * @module
 */
import type * as ExcelJSModule from "exceljs";
import type { LoadedSet } from "../evaluate/load.js";
import type { Lang } from "../explain/format.js";
import { t } from "../i18n/index.js";
import { allowedValues, EXAMPLE_CODE, exampleValue, spreadsheetLayout, type SheetField, type SheetTable } from "./layout.js";
import { readWorkbook, type Cell, type SheetRead, type Table } from "./read.js";
import { checkWorkbookZip, type WorkbookLimits } from "./zip.js";

/** The exceljs module, or its browser build's global `ExcelJS`. */
export type ExcelJs = Pick<typeof ExcelJSModule, "Workbook">;
type Workbook = ExcelJSModule.Workbook;
type Worksheet = ExcelJSModule.Worksheet;

/** Rows of each sheet that get drop-downs and formats: enough for a district's units. */
export const TEMPLATE_ROWS = 2000;
const VALUES_SHEET = "Giá trị";

const HEADER_FILL: ExcelJSModule.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } };
const EXAMPLE_FONT: Partial<ExcelJSModule.Font> = { italic: true, color: { argb: "FF666666" } };

function columnLetter(n: number): string {
  let s = "";
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

function addSheet(wb: Workbook, table: SheetTable, lang: Lang, lists: Map<string, string>, examples: number): void {
  const ws = wb.addWorksheet(table.name, { views: [{ state: "frozen", ySplit: 1 }] });
  ws.columns = table.fields.map((f) => ({
    header: f.header,
    key: f.count !== undefined ? `#${f.count}` : f.path.join(".") || "code",
    width: Math.min(40, Math.max(12, f.header.length + 2)),
  }));
  const head = ws.getRow(1);
  head.font = { bold: true };
  head.alignment = { wrapText: true, vertical: "top" };
  table.fields.forEach((f, i) => {
    const cell = head.getCell(i + 1);
    cell.fill = HEADER_FILL;
    cell.note = f.note;
  });
  for (let r = 0; r < examples; r++) {
    const row = ws.addRow(table.fields.map((f) => exampleValue(f, lang, r)));
    row.font = EXAMPLE_FONT;
  }
  const validations = (ws as unknown as { dataValidations: { add(address: string, v: ExcelJSModule.DataValidation): void } }).dataValidations;
  table.fields.forEach((f, i) => {
    const range = `${columnLetter(i + 1)}2:${columnLetter(i + 1)}${TEMPLATE_ROWS + 1}`;
    const v = validation(f, lang, lists);
    if (v) validations.add(range, v);
  });
}

function validation(f: SheetField, lang: Lang, lists: Map<string, string>): ExcelJSModule.DataValidation | null {
  const allowed = allowedValues(f.spec, lang);
  if (allowed) {
    const ref = lists.get(allowed.join("\u0000"))!;
    return {
      type: "list",
      allowBlank: true,
      formulae: [ref],
      showErrorMessage: true,
      errorStyle: "stop",
      errorTitle: f.header,
      error: t(lang, "sheet.pick_from_list"),
    };
  }
  const spec = f.spec;
  if (spec && (spec.type === "integer" || spec.type === "number")) {
    const min = spec.min ?? (spec.type === "integer" ? 0 : -1e15);
    const max = spec.max ?? 1e15;
    return {
      type: spec.type === "integer" ? "whole" : "decimal",
      operator: "between",
      allowBlank: true,
      formulae: [min, max],
      showErrorMessage: true,
      errorStyle: "stop",
      errorTitle: f.header,
      error: t(lang, "sheet.enter_number", { integer: spec.type === "integer", min, max }),
    };
  }
  return null;
}

/**
 * The template workbook of a set: the units sheet and one sheet per list, Vietnamese headers (with the input's
 * description as a note), drop-downs of the allowed values, number checks, an example row (code "VÍ DỤ", which
 * the reader skips), and a guide sheet.
 */
export async function templateWorkbook(ExcelJS: ExcelJs, set: LoadedSet, lang: Lang = "vi"): Promise<Uint8Array<ArrayBuffer>> {
  const layout = spreadsheetLayout(set, lang);
  const wb = new ExcelJS.Workbook();
  wb.creator = "tieuchi";
  const d = set.definition;

  // The allowed values, one column per distinct list, on a hidden sheet (an inline list breaks on commas).
  const lists = new Map<string, string>();
  const columns: Array<readonly string[]> = [];
  for (const t of [layout.units, ...layout.lists])
    for (const f of t.fields) {
      const allowed = allowedValues(f.spec, lang);
      if (!allowed || lists.has(allowed.join("\u0000"))) continue;
      columns.push(allowed);
      const letter = columnLetter(columns.length);
      lists.set(allowed.join("\u0000"), `'${VALUES_SHEET}'!$${letter}$1:$${letter}$${allowed.length}`);
    }
  // The units sheet first, so it opens first; then the lists, the guide, and the hidden values.
  addSheet(wb, layout.units, lang, lists, 1);
  for (const l of layout.lists) addSheet(wb, l, lang, lists, 2);

  const guide = wb.addWorksheet(t(lang, "sheet.guide"));
  guide.columns = [{ width: 34 }, { width: 34 }, { width: 90 }];
  guide.addRow([`${d.title[lang]} · ${d.source.document}`]).font = { bold: true, size: 14 };
  guide.addRow([`${d.id}@${d.version}`]);
  guide.addRow([]);
  const intro = [
    t(lang, "sheet.guide_units", { name: layout.units.name }),
    ...layout.lists.map((l) => t(lang, "sheet.guide_list", { name: l.name, header: l.fields[0]!.header })),
    t(lang, "sheet.guide_examples", { code: EXAMPLE_CODE }),
    t(lang, "sheet.guide_own_columns"),
  ];
  for (const line of intro) guide.addRow([line]);
  guide.addRow([]);
  guide.addRow([
    t(lang, "sheet.guide_column", { column: "sheet" }),
    t(lang, "sheet.guide_column", { column: "column" }),
    t(lang, "sheet.guide_column", { column: "meaning" }),
  ]).font = { bold: true };
  for (const t of [layout.units, ...layout.lists])
    for (const f of t.fields) {
      const allowed = allowedValues(f.spec, lang);
      guide.addRow([t.name, f.header, `${f.note}${allowed ? ` (${allowed.join("; ")})` : ""}${f.path.length > 0 ? ` [${f.path.join(".")}]` : ""}`]);
    }

  const values = wb.addWorksheet(VALUES_SHEET, { state: "hidden" });
  for (const [c, allowed] of columns.entries()) for (const [r, v] of allowed.entries()) values.getCell(r + 1, c + 1).value = v;
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** A cell's value as the reader takes it: formulas by their result, rich text and links by their text. */
function cellOf(v: ExcelJSModule.CellValue): Cell {
  if (v === null || v === undefined || typeof v === "string" || typeof v === "number" || typeof v === "boolean" || v instanceof Date) return v;
  if ("result" in v) return cellOf((v as { result?: ExcelJSModule.CellValue }).result ?? null);
  if ("richText" in v) return v.richText.map((r) => r.text).join("");
  if ("text" in v && typeof v.text === "string") return v.text;
  if ("error" in v) return null;
  return null;
}

/**
 * Every sheet of a workbook as a table (hidden ones too: the reader picks sheets by name). The bytes are checked
 * against `limits` before exceljs inflates them ({@link checkWorkbookZip}: the file's size, the sizes its zip
 * declares, and what its entries actually inflate to).
 *
 * @throws `WorkbookError` (`ERR_WORKBOOK`) when the workbook is over a limit or is not a zip.
 */
export async function workbookTables(ExcelJS: ExcelJs, bytes: Uint8Array, limits: WorkbookLimits = {}): Promise<Table[]> {
  await checkWorkbookZip(bytes, limits);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as Parameters<Workbook["xlsx"]["load"]>[0]);
  const tables: Table[] = [];
  wb.eachSheet((ws: Worksheet) => {
    const rows: Cell[][] = [];
    ws.eachRow({ includeEmpty: true }, (row, n) => {
      const values = row.values as ExcelJSModule.CellValue[];
      // row.values is 1-based: index 0 is empty.
      rows[n - 1] = values.slice(1).map((v) => cellOf(v));
    });
    for (let i = 0; i < rows.length; i++) rows[i] ??= [];
    tables.push({ name: ws.name, rows });
  });
  return tables;
}

/** The units of a workbook, as {@link readWorkbook} reads them, the bytes first checked against `limits` (see {@link workbookTables}). */
export async function readXlsx(ExcelJS: ExcelJs, set: LoadedSet, bytes: Uint8Array, limits: WorkbookLimits = {}): Promise<SheetRead> {
  return readWorkbook(set, await workbookTables(ExcelJS, bytes, limits));
}

/** A table (the per-unit results) as a workbook of one sheet, its header bold and frozen. */
export async function tableWorkbook(ExcelJS: ExcelJs, sheet: string, rows: ReadonlyArray<readonly Cell[]>): Promise<Uint8Array<ArrayBuffer>> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "tieuchi";
  const ws = wb.addWorksheet(sheet.slice(0, 31), { views: [{ state: "frozen", ySplit: 1 }] });
  for (const row of rows) ws.addRow([...row]);
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).fill = HEADER_FILL;
  const widths = (rows[0] ?? []).map((_, c) => Math.min(60, Math.max(8, ...rows.slice(0, 200).map((r) => String(r[c] ?? "").length + 1))));
  for (const [i, col] of ws.columns.entries()) col.width = widths[i] ?? 10;
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
