/**
 * What a batch worker does with a group of units: parse each one, check and evaluate it, and write one
 * NDJSON line per unit, a result or an error. Runs in worker threads, or in the calling thread.
 *
 * @module
 */
import { formatPath, TieuchiError, type Problem } from "../errors.js";
import { evaluate, sharedResultParts, type EvaluateOptions } from "../evaluate/evaluate.js";
import { loadCriteriaSet, type LoadedSet } from "../evaluate/load.js";
import { suggest } from "../logic/analyze.js";
import type { InputSpec } from "../schema/inputs.js";
import { locateJsonError } from "../versions/json.js";
import type { UnitGroup } from "./batch-input.js";
import { loadRegistry } from "./index.js";
import { JsonBytes, ResultWriter } from "./json-bytes.js";

/** Everything a worker needs, sent once. */
export interface BatchSettings {
  /** The criteria set as parsed JSON, and where it came from. */
  readonly set: unknown;
  readonly setSource: string;
  readonly asOf?: string;
  readonly explain: boolean;
  /** Folder of criteria sets, for titles given as sub-units' data. */
  readonly setsDir?: string;
  /** Fields that are not inputs of the set: carried into `unit` and taken out of the data. */
  readonly meta: readonly string[];
  /** For CSV: the column names, from the header row. */
  readonly columns?: readonly string[];
}

/** What a group came to. */
export interface GroupOutcome {
  /** One NDJSON line per unit, in order, UTF-8. */
  readonly out: Uint8Array;
  readonly units: number;
  readonly bad: number;
  readonly pass: number;
  readonly fail: number;
  readonly incomplete: number;
  /** The first few bad units of the group. */
  readonly errors: Array<{ readonly line: number; readonly code: string; readonly message: string }>;
}

const MAX_ERRORS_PER_GROUP = 20;

/** An error of one unit, as its output line reports it. */
interface UnitError {
  readonly code: string;
  readonly message: string;
  readonly problems: readonly unknown[];
}

function unitError(e: unknown): UnitError {
  if (e instanceof TieuchiError) return { code: e.code, message: e.message, problems: e.problems };
  return { code: "ERR_INTERNAL", message: `unexpected failure: ${e instanceof Error ? e.message : String(e)}`, problems: [] };
}

/** One line saying what is wrong with a unit: its first problems, or the message's first line. */
function shortReason(e: UnitError): string {
  const problems = e.problems as Problem[];
  if (problems.length === 0) return e.message.split("\n")[0]!;
  const shown = problems.slice(0, 3).map((p) => `${formatPath(p.path)}: ${p.message}`);
  if (problems.length > 3) shown.push(`and ${problems.length - 3} more`);
  return shown.join("; ");
}

function jsonError(text: string, line: number): UnitError {
  // JSON.parse refused the text, so the locator finds where; the fallback only guards a disagreement.
  const { offset, reason } = locateJsonError(text) ?? { offset: text.length, reason: "not valid JSON" };
  let l = line;
  let col = 1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      l++;
      col = 1;
    } else col++;
  }
  return { code: "ERR_JSON_PARSE", message: `not valid JSON at line ${l}, column ${col}: ${reason}`, problems: [] };
}

/** How a CSV column becomes a field. */
interface Column {
  readonly name: string;
  readonly spec: InputSpec | undefined;
}

const TRUE = new Set(["true", "1", "yes", "có", "co", "x"]);
const FALSE = new Set(["false", "0", "no", "không", "khong"]);
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * A CSV cell as the value of a declared input. An empty cell is an absent value. Yes/no cells read
 * `true`/`false`, `1`/`0`, `yes`/`no`, `có`/`không` (any case); number cells are plain JavaScript numbers
 * (`12`, `2.5`, `1e3`; no thousands separators, `.` for decimals); records and lists are JSON in the cell.
 * A cell that does not read as its type is passed on as text, and the data check says what is wrong.
 */
function cellValue(cell: string, spec: InputSpec | undefined): { value?: unknown; problem?: string } {
  if (spec === undefined) return { value: cell };
  const t = cell.trim();
  switch (spec.type) {
    case "boolean":
    case "title": {
      const k = t.toLowerCase();
      if (TRUE.has(k)) return { value: true };
      if (FALSE.has(k)) return { value: false };
      if (spec.type === "title" && t.startsWith("{")) return parseCell(t);
      return { value: cell };
    }
    case "integer":
    case "number":
      return { value: NUMBER.test(t) ? Number(t) : cell };
    case "object":
    case "array":
      return parseCell(t);
    default:
      return { value: cell };
  }
}

function parseCell(text: string): { value?: unknown; problem?: string } {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return { problem: `is not JSON (${locateJsonError(text)?.reason ?? "not valid JSON"}); a record or list is written as JSON in its cell` };
  }
}

/** The columns of a CSV header: every one must be an input of the set or a meta field. */
export function csvColumns(loaded: LoadedSet, names: readonly string[], meta: readonly string[]): { columns: Column[]; problems: string[] } {
  const inputs = loaded.definition.inputs;
  const problems: string[] = [];
  const seen = new Set<string>();
  const columns = names.map((raw) => {
    const name = raw.trim();
    if (seen.has(name)) problems.push(`column '${name}' appears twice`);
    seen.add(name);
    if (meta.includes(name)) return { name, spec: undefined };
    const spec = Object.prototype.hasOwnProperty.call(inputs, name) ? inputs[name] : undefined;
    if (!spec) {
      const hint = suggest(name, Object.keys(inputs));
      problems.push(`column '${name}' is not an input of ${loaded.definition.id}@${loaded.definition.version}${hint ? ` (did you mean '${hint}'?)` : ""}; name it in --meta to carry it into the output instead`);
    }
    return { name, spec };
  });
  return { columns, problems };
}

/** The unit's top-level scalar fields, for grouping results. */
function scalarsOf(data: unknown): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  if (typeof data !== "object" || data === null || Array.isArray(data)) return out;
  for (const k in data) {
    if (!Object.prototype.hasOwnProperty.call(data, k)) continue;
    const v = (data as Record<string, unknown>)[k];
    if (typeof v === "string" || typeof v === "boolean" || (typeof v === "number" && Number.isFinite(v))) out[k] = v;
  }
  return out;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * A record written `{"unit": {...}, "data": {...}}` carries fields to group by (a commune, a unit type) beside
 * the unit's data, since they are not inputs of the set. Anything else is the unit's data itself.
 */
function unwrap(record: unknown): { data: unknown; unit: Record<string, string | number | boolean> } {
  if (isRecord(record) && isRecord(record.unit) && isRecord(record.data)) {
    const keys = Object.keys(record);
    if (keys.length === 2) return { data: record.data, unit: { ...scalarsOf(record.data), ...scalarsOf(record.unit) } };
  }
  return { data: record, unit: scalarsOf(record) };
}

/** Builds the function that turns a group of raw units into output lines. */
export function makeProcessor(settings: BatchSettings): (group: UnitGroup) => GroupOutcome {
  const loaded = loadCriteriaSet(settings.set, { source: settings.setSource });
  const options: EvaluateOptions = {
    explain: settings.explain,
    ...(settings.asOf !== undefined ? { asOf: settings.asOf } : {}),
    ...(settings.setsDir !== undefined ? { sets: loadRegistry(settings.setsDir) } : {}),
  };
  const meta = settings.meta;
  const columns = settings.columns ? csvColumns(loaded, settings.columns, meta).columns : [];
  const decoder = new TextDecoder("utf-8", { fatal: true });
  // Everything in the set's definition, and the stamps every result shares, is written once and copied after.
  const constants = new WeakSet<object>(sharedResultParts(loaded));
  const collect = (v: unknown) => {
    if (typeof v !== "object" || v === null || constants.has(v)) return;
    constants.add(v);
    for (const x of Object.values(v)) collect(x);
  };
  collect(loaded.definition);
  const constant = (o: object) => constants.has(o);
  const writer = new JsonBytes(constant);
  const results = new ResultWriter(writer, constant);

  return (group) => {
    let bad = 0;
    let pass = 0;
    let fail = 0;
    let incomplete = 0;
    const errors: GroupOutcome["errors"] = [];
    const n = group.kind === "json" ? group.lines.length : group.rows.length;
    for (let i = 0; i < n; i++) {
      const line = group.kind === "json" ? group.lines[i]! : group.lines[i]!;
      let error: UnitError | undefined;
      let data: unknown;
      if (group.kind === "json") {
        const bytes = group.bytes.subarray(group.starts[i]!, group.ends[i]!);
        let text: string | undefined;
        try {
          text = decoder.decode(bytes);
        } catch {
          error = { code: "ERR_JSON_PARSE", message: `line ${line} is not UTF-8 text; save the file as UTF-8`, problems: [] };
        }
        if (text !== undefined) {
          try {
            data = JSON.parse(text);
          } catch {
            error = jsonError(text, line);
          }
        }
      } else {
        const row = group.rows[i]!;
        if (row.length !== columns.length) error = { code: "ERR_UNIT_DATA", message: `line ${line} has ${row.length} cells, the header has ${columns.length}`, problems: [] };
        else {
          const unit: Record<string, unknown> = {};
          const problems: Array<{ code: string; path: string[]; message: string }> = [];
          for (let c = 0; c < columns.length; c++) {
            const cell = row[c]!;
            if (cell === "") continue;
            const col = columns[c]!;
            const { value, problem } = cellValue(cell, col.spec);
            if (problem !== undefined) problems.push({ code: "invalid_cell", path: [col.name], message: `column '${col.name}' ${problem}` });
            else unit[col.name] = value;
          }
          if (problems.length > 0) error = { code: "ERR_UNIT_DATA", message: `line ${line}: ${problems.map((p) => p.message).join("; ")}`, problems };
          data = unit;
        }
      }
      let unit: Record<string, string | number | boolean> | undefined;
      if (error === undefined) {
        ({ data, unit } = unwrap(data));
        let evaluated = data;
        if (meta.length > 0 && typeof data === "object" && data !== null && !Array.isArray(data)) {
          const copy = { ...(data as Record<string, unknown>) };
          for (const m of meta) delete copy[m];
          evaluated = copy;
        }
        try {
          const result = evaluate(loaded, evaluated, options);
          if (result.verdict === "pass") pass++;
          else if (result.verdict === "fail") fail++;
          else incomplete++;
          // As JSON.stringify({ line, unit, result }) writes it.
          writer.ascii(`{"line":${line},"unit":`);
          writer.value(unit);
          writer.ascii(`,"result":`);
          results.result(result);
          writer.ascii("}\n");
        } catch (e) {
          error = unitError(e);
        }
      }
      if (error !== undefined) {
        bad++;
        if (errors.length < MAX_ERRORS_PER_GROUP) errors.push({ line, code: error.code, message: shortReason(error) });
        // The unit's fields, when it could be read, so a report can still group the bad units.
        writer.value(unit === undefined ? { line, error } : { line, unit, error });
        writer.byte(10);
      }
    }
    return { out: writer.take(), units: n, bad, pass, fail, incomplete, errors };
  };
}
