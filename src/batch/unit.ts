/**
 * Units of a batch file as `tieuchi batch` reads them, in pure functions a browser can run too: CSV cells
 * read as the set's inputs, and the grouping fields of a unit. (Reading the file itself is in ./input.ts.)
 *
 * @module
 */
import { printable, problem as makeProblem, type Problem } from "../errors.js";
import { msg, say, type Message } from "../i18n/index.js";
import type { LoadedSet } from "../evaluate/load.js";
import { suggest } from "../schema/suggest.js";
import type { InputSpec } from "../schema/inputs.js";
import { duplicateKeyIn, locateJsonError } from "../json/parse.js";

/** How a CSV column becomes a field: its name, and the input it fills (none for a column only carried along, `--meta`). */
export interface CsvColumn {
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
function cellValue(cell: string, spec: InputSpec | undefined): { value?: unknown; problem?: Message } {
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

function parseCell(text: string): { value?: unknown; problem?: Message } {
  try {
    const value = JSON.parse(text) as unknown;
    const twice = duplicateKeyIn(text, value);
    if (twice !== undefined) return { problem: msg("csv.cell_not_json", { reason: msg("json.duplicate_key", { key: printable(JSON.stringify(twice.key)) }) }) };
    return { value };
  } catch {
    return { problem: msg("csv.cell_not_json", { reason: locateJsonError(text)?.reason ?? msg("json.ends_early") }) };
  }
}

/**
 * The columns of a CSV header: every one must be an input of the set or a meta field (carried into the unit's
 * grouping fields, not evaluated). `problems` says, column by column, what does not match.
 */
export function csvColumns(loaded: LoadedSet, names: readonly string[], meta: readonly string[]): { columns: CsvColumn[]; problems: Message[] } {
  const inputs = loaded.definition.inputs;
  const problems: Message[] = [];
  const seen = new Set<string>();
  const columns = names.map((raw) => {
    const name = raw.trim();
    if (seen.has(name)) problems.push(msg("csv.column_twice", { column: name }));
    seen.add(name);
    if (meta.includes(name)) return { name, spec: undefined };
    const spec = Object.hasOwn(inputs, name) ? inputs[name] : undefined;
    if (!spec) {
      const hint = suggest(name, Object.keys(inputs));
      problems.push(msg("csv.not_an_input", { column: name, set: `${loaded.definition.id}@${loaded.definition.version}`, suggestion: hint }));
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
    if (!Object.hasOwn(data, k)) continue;
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

/**
 * One unit read from a batch file, as `tieuchi batch` takes it: the data to evaluate (without the meta fields)
 * and the fields a report groups by (the data's top-level plain values, then those of `unit` in a record written
 * `{"unit": {...}, "data": {...}}`).
 *
 * @param record - The unit as read: its data, or a `{unit, data}` record.
 * @param meta - Fields that are not inputs of the set: kept in `unit`, taken out of the data evaluated.
 */
export function unwrapUnit(record: unknown, meta: readonly string[] = []): { evaluated: unknown; unit: Record<string, string | number | boolean> } {
  const { data, unit } = unwrap(record);
  if (meta.length === 0 || !isRecord(data)) return { evaluated: data, unit };
  const copy = { ...data };
  for (const m of meta) delete copy[m];
  return { evaluated: copy, unit };
}

/** Why a CSV row could not be read, in the shape of a batch output line's `error`. */
export interface CsvRowError {
  readonly code: "ERR_UNIT_DATA";
  /** In English; `detail` and the problems put it into any language. */
  readonly message: string;
  readonly detail: Message;
  readonly problems: readonly Problem[];
}

function rowError(detail: Message, problems: readonly Problem[]): { data: undefined; error: CsvRowError } {
  return { data: undefined, error: { code: "ERR_UNIT_DATA", message: say(detail, "en"), detail, problems } };
}

/**
 * A CSV row as a unit's data: each non-empty cell read as its column's input (see the cell rules above).
 * A row with another number of cells than the header, or a cell that must be JSON and is not, is an error.
 *
 * @param columns - From {@link csvColumns}.
 * @param line - The row's line in the file, for messages.
 */
export function csvRowData(
  columns: readonly CsvColumn[],
  row: readonly string[],
  line: number,
): { data: Record<string, unknown> } | { data: undefined; error: CsvRowError } {
  if (row.length !== columns.length) return rowError(msg("csv.cells", { line, cells: row.length, columns: columns.length }), []);
  const unit: Record<string, unknown> = {};
  const problems: Problem[] = [];
  for (let c = 0; c < columns.length; c++) {
    const cell = row[c]!;
    if (cell === "") continue;
    const col = columns[c]!;
    const { value, problem } = cellValue(cell, col.spec);
    if (problem !== undefined) problems.push(makeProblem("problem.invalid_cell", [col.name], { column: col.name, reason: problem }));
    else unit[col.name] = value;
  }
  if (problems.length > 0) return rowError(msg("csv.line", { line, problems }), problems);
  return { data: unit };
}
