/**
 * Units read from a file for a batch in the browser, as `tieuchi batch` reads them: NDJSON (one unit per line),
 * a JSON list, or CSV (read with the library's csvGroups and csvColumns, each cell as its column's input). Each
 * unit is its data or `{"unit": {...}, "data": {...}}`; the grouping fields come from the library's unwrapUnit.
 * A unit that cannot be read is kept, with its error, never dropped.
 */
import {
  csvColumns,
  csvGroups,
  csvRowData,
  msg,
  parseJson,
  problem,
  TieuchiError,
  unwrapUnit,
  type LoadedSet,
  type Message,
  type Problem,
  type UnitFields,
} from "tieuchi";

/** One unit of the file: where it starts, its grouping fields, and its data or why it could not be read. */
export interface UnitInput {
  readonly line: number;
  readonly unit: UnitFields;
  readonly data?: unknown;
  readonly error?: { readonly code: string; readonly message: string; readonly detail?: Message; readonly problems?: readonly Problem[] };
}

/** How to read a file. */
export interface ReadOptions {
  /** Fields that are not inputs of the set: kept for grouping, left out of the data evaluated. */
  readonly meta: readonly string[];
  /** The CSV cell separator. */
  readonly delimiter: string;
}

/** The formats read, by the file name's ending. */
export function formatOfName(name: string): "ndjson" | "json" | "csv" | undefined {
  const lower = name.toLowerCase();
  if (lower.endsWith(".ndjson") || lower.endsWith(".jsonl")) return "ndjson";
  if (lower.endsWith(".csv")) return "csv";
  if (lower.endsWith(".json")) return "json";
  return undefined;
}

function unit(line: number, value: unknown, meta: readonly string[]): UnitInput {
  const { evaluated, unit } = unwrapUnit(value, meta);
  return { line, unit, data: evaluated };
}

function failed(line: number, err: unknown): UnitInput {
  if (err instanceof TieuchiError) return { line, unit: {}, error: { code: err.code, message: err.message, detail: err.detail, problems: err.problems } };
  throw err;
}

/**
 * Reads the units of a file.
 *
 * @throws TieuchiError for a file it cannot read as a whole: an unknown format, a `.json` file that is not a
 *   list, a CSV header that does not match the set, a CSV file that is not UTF-8 or whose quotes never close.
 */
export async function readUnits(file: File, set: LoadedSet, options: ReadOptions): Promise<UnitInput[]> {
  const format = formatOfName(file.name);
  if (format === "csv") {
    const out: UnitInput[] = [];
    let columns: ReturnType<typeof csvColumns>["columns"] = [];
    const onHeader = (names: string[]) => {
      const checked = csvColumns(set, names, options.meta);
      if (checked.problems.length > 0)
        throw new TieuchiError("ERR_OPTIONS", msg("error.file", { source: file.name, reason: msg("options.csv_header", { problems: checked.problems }) }));
      columns = checked.columns;
    };
    for await (const group of csvGroups(file.stream(), 500, options.delimiter, onHeader, file.name)) {
      const refused = new Map(group.refused.map((r) => [r.index, r]));
      group.rows.forEach((row, i) => {
        const line = group.lines[i]!;
        const refusal = refused.get(i);
        if (refusal) {
          out.push({
            line,
            unit: {},
            error: {
              code: "ERR_UNIT_DATA",
              message: refusal.message,
              detail: refusal.detail,
              problems: [problem(`problem.${refusal.code}`, [], { reason: refusal.detail })],
            },
          });
          return;
        }
        const read = csvRowData(columns, row, line);
        out.push("error" in read ? { line, unit: {}, error: read.error } : unit(line, read.data, options.meta));
      });
    }
    return out;
  }
  const text = await file.text();
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (format === "ndjson") {
    const out: UnitInput[] = [];
    body.split(/\r?\n/).forEach((raw, i) => {
      if (raw.trim() === "") return;
      try {
        out.push(unit(i + 1, parseJson(raw, `${file.name} line ${i + 1}`), options.meta));
      } catch (err) {
        out.push(failed(i + 1, err));
      }
    });
    return out;
  }
  if (format === "json") {
    const list = parseJson(body, file.name);
    if (!Array.isArray(list))
      throw new TieuchiError(
        "ERR_JSON_PARSE",
        msg("error.file", { source: file.name, reason: msg("units.not_a_list", { start: JSON.stringify(body.trim()[0] ?? "") }) }),
      );
    return list.map((v, i) => unit(i + 1, v, options.meta));
  }
  throw new TieuchiError("ERR_OPTIONS", msg("error.file", { source: file.name, reason: msg("units.formats") }));
}
