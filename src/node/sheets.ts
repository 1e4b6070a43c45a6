/**
 * Spreadsheet files of units on disk: templates written, units read from `.xlsx` and `.csv`, per-unit results
 * written as `.xlsx` or `.csv` (with a BOM, for Excel). exceljs is imported only here, and only when a workbook
 * is read or written.
 *
 * @module
 */
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { readSheetCsv, type SheetCsvRefused } from "../batch/sheet.js";
import { FileError, OptionsError, WorkbookError } from "../errors.js";
import { msg, t } from "../i18n/index.js";
import { fileReason } from "./files.js";
import { fileChunks, openFile } from "./handles.js";
import type { LoadedSet } from "../evaluate/load.js";
import type { Lang } from "../explain/format.js";
import { templateCsv, writeCsv } from "../sheet/csv.js";
import type { Cell, SheetRead } from "../sheet/read.js";
import { resultTable, type TableLine } from "../sheet/results.js";
import { readXlsx, tableWorkbook, templateWorkbook, type ExcelJs } from "../sheet/xlsx.js";
import { MAX_WORKBOOK_BYTES, type WorkbookLimits } from "../sheet/zip.js";

/** The spreadsheet formats, by the file name's ending. */
export function sheetFormatOf(path: string): "xlsx" | "csv" | undefined {
  const lower = path.toLowerCase();
  return lower.endsWith(".xlsx") ? "xlsx" : lower.endsWith(".csv") ? "csv" : undefined;
}

/** exceljs, loaded on first use. */
export async function loadExcelJs(): Promise<ExcelJs> {
  const mod = (await import("exceljs")) as unknown as { default?: ExcelJs } & ExcelJs;
  return mod.default ?? mod;
}

function read(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    throw new FileError(path, fileReason(e), e);
  }
}

/** Writes a set's template: `.xlsx` (sheets, drop-downs, guide) or `.csv` (one table, with a BOM). */
export async function writeTemplateFile(set: LoadedSet, path: string, lang: Lang = "vi"): Promise<void> {
  const format = sheetFormatOf(path);
  if (format === "xlsx") writeFileSync(path, await templateWorkbook(await loadExcelJs(), set, lang));
  else if (format === "csv") writeFileSync(path, templateCsv(set, lang));
  else throw new OptionsError(msg("error.file", { source: path, reason: msg("file.template_format") }));
}

/**
 * What a spreadsheet file of units came to; for CSV the delimiter found, and the units refused (a row quoted
 * wrongly, rows too long: each with the line of its first row and why), which a workbook never has.
 */
export type SheetFile = SheetRead & { readonly delimiter?: string; readonly refused?: readonly SheetCsvRefused[] };

/** Limits on a spreadsheet file read by {@link readSheetFile}: a workbook's, and for CSV the longest unit. */
export interface SheetFileOptions extends WorkbookLimits {
  /** A CSV file's longest unit, in characters of its rows (default 64 MiB); a longer unit is refused. */
  readonly maxUnitBytes?: number;
}

/**
 * Reads the units of a `.xlsx` or `.csv` file laid out as the set's template (labels or input names as headers).
 * A CSV file is read as a stream by the reader `tieuchi batch` uses (`readSheetCsv`): a unit with a row quoted
 * wrongly is in `refused`, never read on fewer rows, and a quoted cell never closed is a `UnitsFileError` with
 * its line. A workbook is checked before exceljs inflates it (`options`: its size, the sizes its zip declares and what it
 * actually inflates to; see `checkWorkbookZip`); a file over the size limit is not read at all.
 *
 * @throws `WorkbookError` (`ERR_WORKBOOK`) for a workbook over a limit (a zip bomb among them), `FileError` for a
 *   file that cannot be read or is not a workbook, `UnitsFileError` for a CSV file that stops being readable.
 */
export async function readSheetFile(set: LoadedSet, path: string, delimiter?: string, options: SheetFileOptions = {}): Promise<SheetFile> {
  const format = sheetFormatOf(path);
  if (format === "xlsx") {
    const max = options.maxBytes ?? MAX_WORKBOOK_BYTES;
    let size: number;
    try {
      size = statSync(path).size;
    } catch (e) {
      throw new FileError(path, fileReason(e), e);
    }
    if (size > max) throw new WorkbookError(msg("file.workbook_too_large", { size, max }), path);
    const bytes = read(path);
    try {
      return await readXlsx(await loadExcelJs(), set, new Uint8Array(bytes), options);
    } catch (e) {
      if (e instanceof WorkbookError) throw new WorkbookError(e.reason, path);
      throw new FileError(path, msg("file.not_workbook", { why: e instanceof Error ? e.message : String(e) }), e);
    }
  }
  // CSV: streamed through the reader `tieuchi batch` uses, quoting as strict as csv-parse.
  // Opened here, so a missing file, a folder or a pipe nobody writes to is a FileError, as for `tieuchi batch`.
  const stream = fileChunks(openFile(path));
  return readSheetCsv(set, stream, path, delimiter, options.maxUnitBytes !== undefined ? { maxUnitBytes: options.maxUnitBytes } : {});
}

/** Writes per-unit results as `.xlsx` or as `.csv` with a BOM. */
export async function writeResultFile(set: LoadedSet, lines: Iterable<TableLine>, path: string, lang: Lang = "vi"): Promise<void> {
  const rows: Cell[][] = resultTable(set, lines, lang);
  const format = sheetFormatOf(path);
  if (format === "xlsx") writeFileSync(path, await tableWorkbook(await loadExcelJs(), t(lang, "sheet.results"), rows));
  else writeFileSync(path, writeCsv(rows));
}
