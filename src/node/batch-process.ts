/**
 * What a batch worker does with a group of units: parse each one, check and evaluate it, and write one
 * NDJSON line per unit, a result or an error. Runs in worker threads, or in the calling thread.
 *
 * @module
 */
import { TieuchiError, type Problem } from "../errors.js";
import { msg, say, type Message } from "../i18n/index.js";
import { evaluate, sharedResultParts, type EvaluateOptions } from "../evaluate/evaluate.js";
import { loadCriteriaSet } from "../evaluate/load.js";
import { locateJsonError } from "../versions/json.js";
import type { UnitGroup } from "../batch/input.js";
import { csvColumns, csvRowData, unwrapUnit } from "../batch/unit.js";
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
  readonly errors: Array<{ readonly line: number; readonly code: string; readonly message: string; readonly reason: Message }>;
}

const MAX_ERRORS_PER_GROUP = 20;

/** An error of one unit, as its output line reports it. */
interface UnitError {
  readonly code: string;
  /** In English; `detail` and the problems' keys put it into any language. */
  readonly message: string;
  readonly detail: Message;
  readonly problems: readonly Problem[];
}

function unitError(e: unknown): UnitError {
  if (e instanceof TieuchiError) return { code: e.code, message: e.message, detail: e.detail, problems: e.problems };
  const detail = msg("error.unexpected", { text: e instanceof Error ? e.message : String(e) });
  return { code: "ERR_INTERNAL", message: say(detail, "en"), detail, problems: [] };
}

function lineError(code: string, detail: Message): UnitError {
  return { code, message: say(detail, "en"), detail, problems: [] };
}

/** What is wrong with a unit in one line: its first problems, or the error's headline. */
function shortReason(e: UnitError): Message {
  const problems = e.problems;
  if (problems.length === 0) return e.detail;
  return msg("error.first_problems", { problems: problems.slice(0, 3).map((p) => msg("error.at", { path: p.path, problem: p })), more: Math.max(0, problems.length - 3) });
}

function jsonError(text: string, line: number): UnitError {
  // JSON.parse refused the text, so the locator finds where; the fallback only guards a disagreement.
  const { offset, reason } = locateJsonError(text) ?? { offset: text.length, reason: msg("json.ends_early") };
  let l = line;
  let col = 1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      l++;
      col = 1;
    } else col++;
  }
  return lineError("ERR_JSON_PARSE", msg("error.json_line", { line: l, column: col, reason }));
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
  const shared = sharedResultParts(loaded);
  const constants = new WeakSet<object>(shared);
  const collect = (v: unknown) => {
    if (typeof v !== "object" || v === null || constants.has(v)) return;
    constants.add(v);
    for (const x of Object.values(v)) collect(x);
  };
  collect(loaded.definition);
  const constant = (o: object) => constants.has(o);
  const writer = new JsonBytes(constant, shared);
  const results = new ResultWriter(writer, constant, shared);

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
          error = lineError("ERR_JSON_PARSE", msg("error.not_utf8_line", { line }));
        }
        if (text !== undefined) {
          try {
            data = JSON.parse(text);
          } catch {
            error = jsonError(text, line);
          }
        }
      } else {
        const read = csvRowData(columns, group.rows[i]!, line);
        if ("error" in read) error = read.error;
        data = read.data;
      }
      let unit: Record<string, string | number | boolean> | undefined;
      if (error === undefined) {
        let evaluated: unknown;
        ({ unit, evaluated } = unwrapUnit(data, meta));
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
        if (errors.length < MAX_ERRORS_PER_GROUP) {
          const reason = shortReason(error);
          errors.push({ line, code: error.code, message: say(reason, "en"), reason });
        }
        // The unit's fields, when it could be read, so a report can still group the bad units.
        writer.value(unit === undefined ? { line, error } : { line, unit, error });
        writer.byte(10);
      }
    }
    return { out: writer.take(), units: n, bad, pass, fail, incomplete, errors };
  };
}
