/**
 * The batch page's Web Worker: reads a file of units (an Excel workbook, a CSV file with labels or input names,
 * NDJSON or a JSON list), evaluates each unit with the library, keeps the output lines and counts the report;
 * writes the per-unit results (XLSX, CSV with a BOM, NDJSON), the report and the templates. Built as its own
 * script and started from a Blob (see build/plugins.ts and ../sheet-worker.ts); exceljs is the global `ExcelJS`
 * of the browser build loaded before this code in the same worker.
 */
import "../zod-jitless.js";
import {
  createRegistry,
  createReport,
  errorLine,
  evaluate,
  formatReport,
  loadCriteriaSet,
  msg,
  parseCsv,
  problem,
  readSheetCsv,
  readXlsx,
  resultLine,
  resultTable,
  say,
  sheetRecord,
  tableWorkbook,
  templateCsv,
  templateWorkbook,
  TieuchiError,
  unwrapUnit,
  writeCsv,
  type BatchLine,
  type ExcelJs,
  type LoadedSet,
  type Localized,
  type Registry,
} from "tieuchi";
import { readUnits, type UnitInput } from "../batch-input.js";
import type { Reply, Request, SetFile, ShownError, WorkerError } from "./protocol.js";

declare const ExcelJS: ExcelJs;

interface Run {
  readonly set: LoadedSet;
  readonly lines: BatchLine[];
  readonly name: string;
}

let run: Run | null = null;
const post = (m: Reply) => postMessage(m);

function errorOf(err: unknown): WorkerError {
  if (err instanceof TieuchiError)
    return { code: err.code, message: err.message, problems: err.problems.map((p) => ({ code: p.code, path: [...p.path], message: p.message })) };
  return { code: null, message: err instanceof Error ? err.message : String(err), problems: [] };
}

function loadSets(files: readonly SetFile[], id: string, version: string): { set: LoadedSet; registry: Registry } {
  const sets = files.map((f) => loadCriteriaSet(f.json, { source: f.path }));
  const set = sets.find((s) => s.definition.id === id && s.definition.version === version);
  if (!set)
    throw new TieuchiError(
      "ERR_SET_NOT_FOUND",
      msg("set.unknown_version", { id, version, known: sets.filter((s) => s.definition.id === id).map((s) => s.definition.version) }),
    );
  return { set, registry: createRegistry(sets) };
}

const lower = (name: string) => name.toLowerCase();

/**
 * The units of a file. A CSV file whose header names only the set's inputs (and the fields given as meta) is
 * read as `tieuchi batch` reads it, cell by cell; any other CSV file, and a workbook, as the set's spreadsheet
 * (labels, lists, grouping columns), again as `tieuchi batch` does.
 */
async function unitsOf(
  file: File,
  set: LoadedSet,
  meta: readonly string[],
  delimiter: string | null,
): Promise<{ units: UnitInput[]; notices: Localized[]; delimiter: string | null; format: string }> {
  const name = lower(file.name);
  if (name.endsWith(".xlsx")) {
    const read = await readXlsx(ExcelJS, set, new Uint8Array(await file.arrayBuffer()));
    return { units: read.units.map((u) => ({ line: u.row, unit: sheetRecord(u).unit, data: u.data })), notices: read.notices, delimiter: null, format: "xlsx" };
  }
  if (name.endsWith(".csv")) {
    // The header row decides how the file is read, as in `tieuchi batch`; the rows are then streamed.
    const head = await file.slice(0, 64 * 1024).text();
    const first = parseCsv(head.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "", delimiter ?? undefined);
    const header = (first.rows[0] ?? []).map((h) => String(h ?? "").trim());
    const inputs = set.definition.inputs;
    const plain = header.every((h) => Object.hasOwn(inputs, h) || meta.includes(h));
    if (plain) {
      const units = await readUnits(file, set, { meta, delimiter: first.delimiter });
      return { units, notices: [], delimiter: first.delimiter, format: "csv" };
    }
    // A spreadsheet's CSV file: the library's one reader of them (tieuchi batch, readSheetFile), quoting as strict
    // as csv-parse. A unit with a row quoted wrongly is an error line; a quoted cell never closed ends the file.
    const read = await readSheetCsv(set, file.stream() as unknown as AsyncIterable<Uint8Array>, file.name, first.delimiter);
    // Each unit as `tieuchi batch` takes its record: the grouping fields with the data's plain values.
    const units: UnitInput[] = read.units.map((u) => {
      const { unit, evaluated } = unwrapUnit(sheetRecord(u));
      return { line: u.row, unit, data: evaluated };
    });
    for (const r of read.refused)
      units.push({
        line: r.row,
        unit: {},
        error: { code: "ERR_UNIT_DATA", message: say(r.detail, "en"), detail: r.detail, problems: [problem(`problem.${r.code}`, [], { reason: r.detail })] },
      });
    units.sort((a, b) => a.line - b.line);
    return { units, notices: read.notices, delimiter: read.delimiter, format: "csv" };
  }
  return {
    units: await readUnits(file, set, { meta, delimiter: delimiter ?? "," }),
    notices: [],
    delimiter: null,
    format: name.endsWith(".json") ? "json" : "ndjson",
  };
}

function reportOf(r: Run, by: string) {
  const acc = createReport({ set: r.set, ...(by ? { by: [by] } : {}) });
  for (const l of r.lines) {
    if ("result" in l) acc.addResult(l.result, l.unit);
    else acc.addError(l.error, l.unit, l.line);
  }
  return acc.finish();
}

async function handle(m: Request): Promise<void> {
  switch (m.type) {
    case "run": {
      run = null;
      post({ type: "progress", id: m.id, phase: "reading", done: 0, total: 0 });
      const { set, registry } = loadSets(m.sets, m.set.id, m.set.version);
      const { units, notices, delimiter, format } = await unitsOf(m.file, set, m.meta, m.delimiter);
      const options = { sets: registry, explain: false, ...(m.asOf ? { asOf: m.asOf, allowOutOfForce: true } : {}) };
      const lines: BatchLine[] = [];
      let since = performance.now();
      for (const [i, u] of units.entries()) {
        if (u.error) lines.push(errorLine(u.line, u.unit, u.error));
        else {
          try {
            lines.push(resultLine(u.line, u.unit, evaluate(set, u.data, options)));
          } catch (err) {
            if (!(err instanceof TieuchiError)) throw err;
            lines.push(errorLine(u.line, u.unit, err));
          }
        }
        if (performance.now() - since > 100) {
          post({ type: "progress", id: m.id, phase: "evaluating", done: i + 1, total: units.length });
          since = performance.now();
        }
      }
      post({ type: "progress", id: m.id, phase: "evaluating", done: units.length, total: units.length });
      run = { set, lines, name: m.file.name };
      const fields = [...new Set(lines.flatMap((l) => Object.keys(l.unit)))].sort();
      const report = reportOf(run, "");
      // The errors the report lists, whole (the report keeps a one-line English summary of each): the page puts
      // them into its language from their keys.
      const listed = new Set(report.errors.map((e) => e.line));
      const errors: ShownError[] = lines.flatMap((l) => ("error" in l && listed.has(l.line) ? [{ line: l.line, ...l.error }] : []));
      post({ type: "done", id: m.id, report, errors, fields, notices, delimiter, format });
      return;
    }
    case "report":
      if (!run) throw new Error("no batch has run");
      post({ type: "report", id: m.id, report: reportOf(run, m.by) });
      return;
    case "export": {
      if (!run) throw new Error("no batch has run");
      const r = run;
      let blob: Blob;
      if (m.what === "results-ndjson")
        blob = new Blob(
          r.lines.map((l) => `${JSON.stringify(l)}\n`),
          { type: "application/x-ndjson" },
        );
      else if (m.what === "results-xlsx")
        blob = new Blob([await tableWorkbook(ExcelJS, m.lang === "vi" ? "Kết quả" : "Results", resultTable(r.set, r.lines, m.lang))], {
          type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        });
      else if (m.what === "results-csv") blob = new Blob([writeCsv(resultTable(r.set, r.lines, m.lang))], { type: "text/csv;charset=utf-8" });
      else {
        const format = m.what.slice("report-".length) as "csv" | "md" | "json" | "text";
        blob = new Blob([formatReport(reportOf(r, m.by), format, m.lang)], {
          type: format === "json" ? "application/json" : format === "csv" ? "text/csv" : "text/plain",
        });
      }
      post({ type: "file", id: m.id, blob });
      return;
    }
    case "template": {
      const { set } = loadSets(m.sets, m.set.id, m.set.version);
      const blob =
        m.format === "xlsx"
          ? new Blob([await templateWorkbook(ExcelJS, set, m.lang)], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" })
          : new Blob([templateCsv(set, m.lang)], { type: "text/csv;charset=utf-8" });
      post({ type: "file", id: m.id, blob });
      return;
    }
  }
}

self.onmessage = (e: MessageEvent<Request>) => {
  handle(e.data).catch((err: unknown) => post({ type: "error", id: e.data.id, error: errorOf(err) }));
};
post({ type: "ready" });
