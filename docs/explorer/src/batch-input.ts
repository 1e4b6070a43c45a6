/**
 * Units read from a file for a batch in the browser, in the formats `tieuchi batch` reads: NDJSON (one unit
 * per line) or a JSON list, each unit either its data or `{"unit": {...}, "data": {...}}` with the fields a
 * report groups by beside it. A unit that cannot be read is kept, with its error, never dropped.
 */
import { parseJson, TieuchiError, UnitFields, type Problem } from "tieuchi";

/** One unit of the file: where it starts, its grouping fields, and its data or why it could not be read. */
export interface UnitInput {
  readonly line: number;
  readonly unit: UnitFields;
  readonly data?: unknown;
  readonly error?: { readonly code: string; readonly message: string; readonly problems?: readonly Problem[] };
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The unit's top-level plain values, for grouping, as the CLI takes them from a unit written without `unit`. */
function scalarsOf(data: unknown): UnitFields {
  const out: Record<string, string | number | boolean> = {};
  if (!isObj(data)) return out;
  for (const [k, v] of Object.entries(data)) if (typeof v === "string" || typeof v === "boolean" || (typeof v === "number" && Number.isFinite(v))) out[k] = v;
  return out;
}

function record(value: unknown, line: number): UnitInput {
  if (isObj(value) && Object.keys(value).length === 2 && "unit" in value && "data" in value) {
    const unit = UnitFields.safeParse(value.unit);
    if (!unit.success) return { line, unit: {}, error: { code: "ERR_UNIT_DATA", message: `line ${line}: "unit" holds the fields to group by, each a text, number, yes/no or null` } };
    return { line, unit: unit.data, data: value.data };
  }
  return { line, unit: scalarsOf(value), data: value };
}

function failed(line: number, err: unknown): UnitInput {
  if (err instanceof TieuchiError) return { line, unit: {}, error: { code: err.code, message: err.message, problems: err.problems } };
  throw err;
}

/**
 * Reads the units of a file by its name's ending: `.ndjson`/`.jsonl`, `.json`.
 *
 * @throws JsonParseError when a `.json` file is not JSON (or TieuchiError when not a list), TieuchiError for a format it does not read.
 */
export function readUnits(name: string, text: string): UnitInput[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lower = name.toLowerCase();
  if (lower.endsWith(".ndjson") || lower.endsWith(".jsonl")) {
    const out: UnitInput[] = [];
    body.split(/\r?\n/).forEach((raw, i) => {
      if (raw.trim() === "") return;
      try {
        out.push(record(parseJson(raw, `${name} line ${i + 1}`), i + 1));
      } catch (err) {
        out.push(failed(i + 1, err));
      }
    });
    return out;
  }
  if (lower.endsWith(".json")) {
    const list = parseJson(body, name);
    if (!Array.isArray(list)) throw new TieuchiError("ERR_JSON_PARSE", `${name}: a .json file of units is a list, [ {...}, {...} ]`);
    return list.map((v, i) => record(v, i + 1));
  }
  throw new TieuchiError("ERR_OPTIONS", `${name}: the batch reads .ndjson (or .jsonl) and .json files`);
}
