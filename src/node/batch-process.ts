/**
 * What a batch worker does with a group of units: parse each one, check and evaluate it, and write one
 * NDJSON line per unit, a result or an error. Runs in worker threads, or in the calling thread.
 *
 * @module
 */

import { isUtf8 } from "node:buffer";
import { isMainThread } from "node:worker_threads";
import { type CsvGroup, eachLine, eachTextLine, type JsonGroup, type LinesGroup, type UnitGroup, type UnitRefusal } from "../batch/input.js";
import { csvColumns, csvRowData, unwrapUnit } from "../batch/unit.js";
import { type Problem, printable, problem, TieuchiError } from "../errors.js";
import { type DecideResult, decide, decider } from "../evaluate/decide.js";
import { type EvaluateOptions, evaluate, prepareRun, run, sharedResultParts, unitContext } from "../evaluate/evaluate.js";
import { useGenerated } from "../evaluate/generated.js";
import { loadCriteriaSet } from "../evaluate/load.js";
import { isMessage, type Message, msg, say } from "../i18n/index.js";
import { duplicateKeyIn, locateJsonError } from "../json/parse.js";
import { STATUS_CODES, VERDICT_CODES } from "../report/compact.js";
import type { LimitsInput } from "../schema/limits.js";
import type { Result } from "../schema/result.js";
import { lazyRegistry } from "./cases.js";
import { JsonBytes, ResultWriter } from "./json-bytes.js";

/** Everything a worker needs, sent once. */
export interface BatchSettings {
  /** The criteria set as parsed JSON, and where it came from. */
  readonly set: unknown;
  readonly setSource: string;
  readonly asOf?: string;
  /** Evaluate although the set was not in force on `asOf` (checked before the batch starts). */
  readonly allowOutOfForce?: boolean;
  readonly explain: boolean;
  /** Write compact records (`report/compact.ts`) instead of full result lines. */
  readonly compact?: boolean;
  /** URL of the set's generated module (`tieuchi compile`), written for this batch; each thread imports it. */
  readonly generated?: string;
  /** Folder of criteria sets, for titles given as sub-units' data. */
  readonly setsDir?: string;
  /** Fields that are not inputs of the set: carried into `unit` and taken out of the data. */
  readonly meta: readonly string[];
  /** For CSV: the column names, from the header row. */
  readonly columns?: readonly string[];
  /** Most steps one unit may take (see `EvaluateOptions.maxWork`). */
  readonly maxWork?: number;
  /** Limits the set is loaded with. */
  readonly limits?: LimitsInput;
  /** Faults injected by tests (see {@link BatchFaults}). */
  readonly faults?: BatchFaults;
}

/**
 * Faults a test injects to prove that no unit is lost (internal, not for use): at these input lines, the worker
 * thread evaluating the unit stops (`exitAt`; ignored without worker threads), or writing the unit's line throws
 * outside evaluation, as a bug would (`throwAt`).
 *
 * @internal
 */
export interface BatchFaults {
  readonly exitAt?: readonly number[];
  readonly throwAt?: readonly number[];
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
/** Bytes of NDJSON decoded at once (whole lines; a longer line is decoded whole). */
const DECODE_PIECE = 32 * 1024;
/** An error line lists at most this many problems (the message says how many there are)... */
const MAX_LINE_PROBLEMS = 100;
/** ...and its texts are cut at these lengths, so a unit with a problem on each of a million items, or a key a megabyte long, still gets a short line. */
const MAX_MESSAGE = 4000;
const MAX_PROBLEM_MESSAGE = 500;
const MAX_PATH_PART = 200;

/** An error of one unit, as its output line reports it. */
export interface UnitError {
  readonly code: string;
  /** In English; `detail` and the problems' `key` and `params` put it into any language. */
  readonly message: string;
  /** What happened, as a message of the catalogue (left out when its parameters are too long to write). */
  readonly detail?: Message;
  readonly problems: readonly unknown[];
}

/** The message, when written out it stays short; a message holding a huge text is left to the English `message`. */
function shortMessage<T extends object>(m: T | undefined, max: number): T | undefined {
  return m !== undefined && JSON.stringify(m).length <= max ? m : undefined;
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length - max} more characters)`;
}

/** An error as its output line reports it: at most {@link MAX_LINE_PROBLEMS} problems, texts cut to bounded lengths. */
export function boundedError(e: UnitError): UnitError {
  const problems = (e.problems as Problem[]).slice(0, MAX_LINE_PROBLEMS).map((p) => {
    const worded = p.key === undefined ? undefined : shortMessage({ key: p.key, params: p.params }, MAX_PROBLEM_MESSAGE);
    return {
      code: cut(p.code, MAX_PATH_PART),
      path: p.path.map((part) => (typeof part === "string" ? cut(part, MAX_PATH_PART) : part)),
      message: cut(p.message, MAX_PROBLEM_MESSAGE),
      ...(worded ?? {}),
    };
  });
  const detail = shortMessage(e.detail, MAX_MESSAGE);
  return { code: e.code, message: cut(e.message, MAX_MESSAGE), ...(detail ? { detail } : {}), problems };
}

function unitError(e: unknown): UnitError {
  if (e instanceof TieuchiError) return boundedError({ code: e.code, message: e.message, detail: e.detail, problems: e.problems });
  return boundedError(lineError("ERR_INTERNAL", msg("error.unexpected", { text: e instanceof Error ? e.message : String(e) })));
}

function lineError(code: string, detail: Message, problems: readonly unknown[] = []): UnitError {
  return { code, message: say(detail, "en"), detail, problems };
}

/** What is wrong with a unit in one line: its first problems, or the error's headline. */
function shortReason(e: UnitError): Message {
  const problems = e.problems as Problem[];
  const worded = problems.filter((p) => isMessage(p));
  if (problems.length === 0 || worded.length < Math.min(3, problems.length))
    return problems.length === 0 && e.detail ? e.detail : msg("check.unworded", { text: e.message.split("\n")[0]! });
  return msg("error.first_problems", {
    problems: worded.slice(0, 3).map((p) => msg("error.at", { path: p.path, problem: p })),
    more: Math.max(0, problems.length - 3),
  });
}

/** Line breaks in the text before `offset`. */
function lineBreaks(text: string, offset: number): number {
  let count = 0;
  for (let i = text.indexOf("\n"); i >= 0 && i < offset; i = text.indexOf("\n", i + 1)) count++;
  return count;
}

function jsonError(text: string, line: number, found?: { offset: number; reason: Message }): UnitError {
  // JSON.parse refused the text, so the locator finds where; the fallback only guards a disagreement.
  const { offset, reason } = found ?? locateJsonError(text) ?? { offset: text.length, reason: msg("json.ends_early") };
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

/**
 * Builds the function that turns a group of raw units into output lines. `allocate` makes the buffers the lines
 * are written into (a worker thread reuses those the main thread has written out and handed back).
 */
export function makeProcessor(settings: BatchSettings, generated?: unknown, allocate?: (bytes: number) => Uint8Array): (group: UnitGroup) => GroupOutcome {
  const loaded = loadCriteriaSet(settings.set, { source: settings.setSource, ...(settings.limits !== undefined ? { limits: settings.limits } : {}) });
  // The generated module decides quiet results; without it (or if it is refused), the closure evaluator does.
  if (generated !== undefined) useGenerated(loaded, generated);
  const options: EvaluateOptions = {
    explain: settings.explain,
    ...(settings.asOf !== undefined ? { asOf: settings.asOf } : {}),
    ...(settings.maxWork !== undefined ? { maxWork: settings.maxWork } : {}),
    ...(settings.allowOutOfForce === true ? { allowOutOfForce: true } : {}),
    // Loaded when a unit first needs a sub-unit's set (runBatch has checked the folder loads).
    ...(settings.setsDir !== undefined ? { sets: lazyRegistry(settings.setsDir) } : {}),
  };
  // The options are checked (and the set refused when out of force) once, not for each unit: runBatch has checked
  // them already; should they fail here anyway, each unit is evaluated as before and gets the error.
  let evaluateUnit: (data: unknown) => Result;
  try {
    const { ctx } = prepareRun(loaded, options);
    evaluateUnit = (data) => run(loaded, data, unitContext(ctx));
  } catch {
    evaluateUnit = (data) => evaluate(loaded, data, options);
  }
  // Compact records come from `decide`, with the same options (it never explains: a record holds no explanation).
  const { explain: _explain, ...quiet } = options;
  let decideUnit: (data: unknown) => DecideResult;
  try {
    decideUnit = decider(loaded, quiet);
  } catch {
    decideUnit = (data) => decide(loaded, data, quiet);
  }
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
  const writer = new JsonBytes(constant, shared, allocate);
  const results = new ResultWriter(writer, constant, shared);

  const faults = settings.faults;
  const compact = settings.compact === true;
  const refusalError = (r: UnitRefusal): UnitError => lineError("ERR_UNIT_DATA", r.detail, [problem(`problem.${r.code}`, [], { reason: r.detail })]);

  type Outcome = "pass" | "fail" | "incomplete" | UnitError;
  const faultsAt = (line: number) => {
    if (faults?.exitAt?.includes(line) && !isMainThread) process.exit(70);
    if (faults?.throwAt?.includes(line)) throw new Error(`a fault injected at line ${line}`);
  };

  /** Writes the line of a unit given as JSON text; says how it went. */
  const textLine = (text: string, line: number): Outcome => {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      return jsonError(text, line);
    }
    // A key given twice: the unit file shows a value that is not the one evaluated.
    const twice = duplicateKeyIn(text, data);
    if (twice !== undefined)
      return jsonError(text, line, {
        offset: twice.offset,
        reason: msg("json.duplicate_key", { key: printable(JSON.stringify(twice.key)), first: line + lineBreaks(text, twice.first) }),
      });
    return dataLine(data, line);
  };

  /** Writes the line of unit `i` of the group; says how it went. */
  const unitLine = (group: JsonGroup | CsvGroup, i: number, refusal: UnitRefusal | undefined): Outcome => {
    const line = group.lines[i]!;
    faultsAt(line);
    if (refusal !== undefined) return refusalError(refusal);
    if (group.kind === "json") {
      const bytes = group.bytes.subarray(group.starts[i]!, group.ends[i]!);
      let text: string;
      try {
        text = decoder.decode(bytes);
      } catch {
        return lineError("ERR_JSON_PARSE", msg("error.not_utf8_line", { line }));
      }
      return textLine(text, line);
    }
    const read = csvRowData(columns, group.rows[i]!, line);
    if ("error" in read) return read.error;
    return dataLine(read.data, line);
  };

  /** Writes the line of a unit read; says how it went. */
  const dataLine = (data: unknown, line: number): Outcome => {
    const { unit, evaluated } = unwrapUnit(data, meta);
    if (compact) return compactLine(evaluated, unit, line);
    let result: Result;
    try {
      result = evaluateUnit(evaluated);
    } catch (e) {
      return errorLine(e, unit, line);
    }
    // As JSON.stringify({ line, unit, result }) writes it.
    writer.ascii(`{"line":${line},"unit":`);
    writer.value(unit);
    writer.ascii(`,"result":`);
    results.result(result);
    writer.ascii("}\n");
    return result.verdict;
  };

  /** Writes the error line of a unit that could not be evaluated: with the unit's fields, so a report can still group the bad units. */
  const errorLine = (e: unknown, unit: unknown, line: number): UnitError => {
    const error = unitError(e);
    writer.value({ line, unit, error });
    writer.byte(10);
    return error;
  };

  /**
   * Writes the compact record of a unit, from `decide`: what `evaluate`'s result says of the verdict, grade,
   * points and statuses, without building the result (proven byte for byte against `compactRecord`).
   */
  const compactLine = (evaluated: unknown, unit: unknown, line: number): Outcome => {
    let d: DecideResult;
    try {
      d = decideUnit(evaluated);
    } catch (e) {
      return errorLine(e, unit, line);
    }
    // As JSON.stringify(compactRecord(line, unit, result)) writes it.
    writer.ascii(`[${line},`);
    writer.value(unit);
    writer.ascii(`,"${VERDICT_CODES[d.verdict]}",`);
    if (d.grade === null) writer.ascii("null");
    else writer.value(d.grade);
    writer.ascii(d.earned === null ? `,null,null,null,"` : `,${d.earned},${d.possible},${d.applicableMax},"`);
    const statuses = d.statuses;
    let codes = "";
    for (let k = 0; k < statuses.length; k++) codes += STATUS_CODES[statuses[k]!];
    writer.ascii(codes);
    writer.ascii(d.gradeFinal ? `",true]\n` : `",false]\n`);
    return d.verdict;
  };

  /** Counts of a group's units as they are written. */
  interface Tally {
    bad: number;
    pass: number;
    fail: number;
    incomplete: number;
    readonly errors: GroupOutcome["errors"];
  }
  /** Runs `write` for the unit on `line` and counts how it went; a failure outside evaluation (a bug) still gives the unit its line. */
  const one = (tally: Tally, line: number, write: () => Outcome): void => {
    const mark = writer.length;
    let outcome: Outcome;
    try {
      outcome = write();
    } catch (e) {
      writer.rewind(mark);
      outcome = unitError(e);
      writer.value({ line, error: outcome });
      writer.byte(10);
    }
    if (outcome === "pass") tally.pass++;
    else if (outcome === "fail") tally.fail++;
    else if (outcome === "incomplete") tally.incomplete++;
    else {
      tally.bad++;
      if (tally.errors.length < MAX_ERRORS_PER_GROUP) {
        const reason = shortReason(outcome);
        tally.errors.push({ line, code: outcome.code, message: say(reason, "en"), reason });
      }
      if (writer.length === mark) {
        writer.value({ line, error: boundedError(outcome) });
        writer.byte(10);
      }
    }
  };

  /**
   * The units of a group of NDJSON lines: cut, trimmed and decoded here. Text that is valid UTF-8 as a whole is
   * decoded once, without the per-unit check, and each unit sliced from it; otherwise each unit is decoded strictly, and a unit that is not UTF-8 gets
   * its error line. A byte-order mark at the start of a unit is dropped, as `TextDecoder` drops it.
   */
  const linesGroup = (group: LinesGroup, tally: Tally): number => {
    const bytes = group.bytes;
    let n = 0;
    if (isUtf8(bytes)) {
      // Decoded a piece of whole lines at a time, each unit sliced from the text: cheaper than decoding each line.
      // Pieces of about DECODE_PIECE bytes keep the text a young, ordinary object; a text of the whole group
      // (hundreds of KiB) would go to V8's large-object space, freed only by full collections (+70 MiB peak RSS).
      const all = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
      let line = group.firstLine;
      let from = 0;
      while (from < all.length) {
        let to = all.length;
        if (to - from > DECODE_PIECE) {
          const nl = all.lastIndexOf(10, from + DECODE_PIECE - 1);
          to = nl >= from ? nl + 1 : all.indexOf(10, from + DECODE_PIECE) + 1 || all.length;
        }
        const text = all.toString("utf8", from, to);
        line = eachTextLine(text, line, (a, b, l) => {
          n++;
          one(tally, l, () => {
            faultsAt(l);
            return textLine(text.slice(text.charCodeAt(a) === 0xfeff ? a + 1 : a, b), l);
          });
        });
        from = to;
      }
      return n;
    }
    eachLine(bytes, group.firstLine, (a, b, line) => {
      n++;
      one(tally, line, () => {
        faultsAt(line);
        let unit: string;
        try {
          unit = decoder.decode(bytes.subarray(a, b));
        } catch {
          return lineError("ERR_JSON_PARSE", msg("error.not_utf8_line", { line }));
        }
        return textLine(unit, line);
      });
    });
    return n;
  };

  return (group) => {
    const tally: Tally = { bad: 0, pass: 0, fail: 0, incomplete: 0, errors: [] };
    let n: number;
    if (group.kind === "lines") n = linesGroup(group, tally);
    else {
      n = group.lines.length;
      const refusals = new Map((group.refused ?? []).map((r) => [r.index, r]));
      for (let i = 0; i < n; i++) one(tally, group.lines[i]!, () => unitLine(group, i, refusals.get(i)));
    }
    return { out: writer.take(), units: n, bad: tally.bad, pass: tally.pass, fail: tally.fail, incomplete: tally.incomplete, errors: tally.errors };
  };
}
