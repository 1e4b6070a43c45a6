/**
 * Evaluating a file of units: read as a stream, checked and evaluated in worker threads, written one NDJSON
 * line per unit in input order, with memory that does not grow with the file.
 *
 * @module
 */
import { existsSync, rmSync } from "node:fs";
import { availableParallelism } from "node:os";
import type { Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import {
  type CsvGroup,
  csvGroups,
  expandLines,
  formatOf,
  type JsonGroup,
  jsonArrayGroups,
  lastLineOf,
  MAX_UNIT_BYTES,
  ndjsonGroups,
  ndjsonLineGroups,
  type UnitFormat,
  type UnitGroup,
  unitsOf,
} from "../batch/input.js";
import { sheetCsvGroups } from "../batch/sheet.js";
import { type CsvColumn, csvColumns, csvRowData, unwrapUnit } from "../batch/unit.js";
import { FileError, OptionsError, printable, TieuchiError, UnitsFileError } from "../errors.js";
import { refuseOutOfForce } from "../evaluate/evaluate.js";
import { loadCriteriaSet } from "../evaluate/load.js";
import { notGenerated } from "../generate/module.js";
import { type Message, msg, say } from "../i18n/index.js";
import { compactHeader } from "../report/compact.js";
import type { Localized } from "../schema/common.js";
import { isIsoDate } from "../schema/common.js";
import type { LimitsInput } from "../schema/limits.js";
import { type BatchFaults, type BatchSettings, type GroupOutcome, makeProcessor } from "./batch-process.js";
import { moduleUrl } from "./bundled.js";
import { loadRegistry, readJsonFile } from "./files.js";
import { writeTemporaryModule } from "./generated.js";
import { fileChunks, openFile } from "./handles.js";

export { formatOf, type UnitFormat };

/** Options of {@link runBatch}. */
export interface BatchOptions {
  /** Path of the criteria file. */
  readonly set: string;
  /** Path of the units file, or a stream of its bytes (then give `format`). */
  readonly input: string | AsyncIterable<Uint8Array>;
  /** Where the NDJSON lines go. */
  readonly output: Writable;
  /** `ndjson` (one unit per line), `json` (a list of units) or `csv`; by default from the file name. */
  readonly format?: UnitFormat;
  /** Worker threads (default: the number of cores); 0 evaluates in the calling thread. */
  readonly workers?: number;
  /** Include values, measures and sentences in each result (default false: statuses and points). */
  readonly explain?: boolean;
  /**
   * Write the compact form (see `report/compact.ts`): a header record listing the set's criteria once, then one
   * short array per unit (line, unit, verdict, grade, points, a status letter per criterion). `tieuchi report`
   * reads it. Not with `explain`.
   */
  readonly compact?: boolean;
  /** The date titles are decided for (YYYY-MM-DD). */
  readonly asOf?: string;
  /**
   * Evaluate the set although it was not in force on `asOf` (default false: the batch is refused before any
   * unit is read, with `NotInForceError`). Each result then says `inForce: false`.
   */
  readonly allowOutOfForce?: boolean;
  /** Folder of criteria sets, for titles given as sub-units' data. */
  readonly sets?: string;
  /** Fields that are not inputs of the set (an id, a commune): carried into each line's `unit`, not evaluated. */
  readonly meta?: readonly string[];
  /** CSV cell separator (default `,`). */
  readonly delimiter?: string;
  /**
   * How a CSV file is laid out: `columns` (default), a header of input names (and `meta` fields), a unit a row;
   * or `sheet`, the set's spreadsheet (labels or input names as headers, list items on further rows, other
   * columns kept to group by), read as a stream too; each unit's `unit` is then `{dong, ma, ten, ...grouping}`.
   */
  readonly csvLayout?: "columns" | "sheet";
  /** Told of what a person should know about a spreadsheet's CSV file as it is read (columns kept for grouping, example rows skipped). */
  readonly onNotice?: (notice: Localized) => void;
  /** Units per group handed to a worker (default 500: larger groups cost memory, smaller ones messages). */
  readonly groupSize?: number;
  /**
   * Generate the set's evaluator as a module in a temporary folder (removed at the end) and import it in each
   * thread, for quiet results (default true; not with `explain`). Sets the generator does not model, and
   * units it hands back, run on the closure evaluator.
   */
  readonly generated?: boolean;
  /** Called as groups are written. */
  readonly onProgress?: (p: BatchProgress) => void;
  /** Longest unit read, in bytes (CSV: characters of a row); a longer one gets an error line. Default 64 MiB. */
  readonly maxUnitBytes?: number;
  /** Heap of each worker thread, in MiB (default 2048): a unit that needs more stops its worker and gets an `ERR_BUDGET` line. */
  readonly workerMemoryMb?: number;
  /** The output's name in messages (a file name, "standard output"). */
  readonly outputName?: string;
  /**
   * Most steps one unit may take (default 20,000,000; see `EvaluateOptions.maxWork`). A unit over it gets an
   * `ERR_BUDGET` error line, without any rule run, and the batch goes on.
   */
  readonly maxWork?: number;
  /** Limits the criteria set is loaded with (see `LoadOptions.limits`), e.g. `{ maxWork }` for a set whose lists are long. */
  readonly limits?: LimitsInput;
  /** @internal Faults injected by tests. */
  readonly faults?: BatchFaults;
  /**
   * @internal How NDJSON is handed to the threads: `lines` (default), whole lines in shared memory, cut in the
   * worker; `units`, each unit cut out and copied in this thread (as before 0.2; kept to test that both agree).
   */
  readonly ndjsonReader?: "lines" | "units";
}

/** How far a batch has come. */
export interface BatchProgress {
  readonly units: number;
  readonly bad: number;
  /** Bytes of the input read so far, and its size when known. */
  readonly bytesRead: number;
  readonly bytesTotal: number | undefined;
  readonly seconds: number;
}

/** What a batch came to. */
export interface BatchSummary {
  readonly units: number;
  readonly evaluated: number;
  readonly bad: number;
  readonly verdicts: { readonly pass: number; readonly fail: number; readonly incomplete: number };
  /** The first bad units (line, error code and message); every one is also in the output. */
  readonly badUnits: ReadonlyArray<{ readonly line: number; readonly code: string; readonly message: string; readonly reason: Message }>;
  readonly seconds: number;
  readonly workers: number;
}

const MAX_REPORTED = 100;
/** Bytes of each buffer NDJSON is read into. */
const INPUT_BUFFER = 1 << 20;
/** Heap of a worker thread by default, in MiB. */
const DEFAULT_WORKER_MEMORY_MB = 2048;
/** Young-generation size of each worker's heap, in MiB: V8's default lets three heaps take well over 100 MiB. */
const YOUNG_MB = 16;

/** The worker script next to this module: the built `.js` (the CommonJS build starts it too). */
function workerFile(): URL {
  return new URL("./batch-worker.js", moduleUrl());
}

/**
 * Whether worker threads can start: only from the build. Run from the TypeScript sources (through tsx, in
 * development), Node 20 does not pass tsx's loader to a worker's entry script, so units are evaluated in the
 * calling thread instead; the output is the same.
 */
function workersAvailable(): boolean {
  return existsSync(fileURLToPath(workerFile()));
}

/** Counts the bytes that go past, for progress. */
async function* counted(stream: AsyncIterable<Uint8Array>, onBytes: (n: number) => void): AsyncGenerator<Uint8Array> {
  for await (const chunk of stream) {
    onBytes(chunk.length);
    yield chunk;
  }
}

/**
 * The shared-memory buffers NDJSON is read into, reused once the reader has moved past one and every group cut
 * from it is evaluated. Freed buffers would wait for the main thread's collector, which seldom runs (the main
 * thread makes little else): a million units made the process grow by the size of the file.
 */
class InputBuffers {
  private readonly free: Uint8Array[] = [];
  /** Groups being evaluated, per buffer. */
  private readonly uses = new Map<ArrayBufferLike, number>();
  private current: ArrayBufferLike | undefined;

  constructor(private readonly size: number) {}

  /** A buffer for the reader, which is done with the one it had. */
  readonly allocate = (n: number): Uint8Array => {
    const previous = this.current;
    this.current = undefined;
    if (previous !== undefined) this.settle(previous);
    const b = n === this.size && this.free.length > 0 ? this.free.pop()! : new Uint8Array(new SharedArrayBuffer(n));
    this.current = b.buffer;
    return b;
  };

  /** A group is being evaluated. */
  lend(group: UnitGroup): void {
    if (group.kind === "lines") this.uses.set(group.bytes.buffer, (this.uses.get(group.bytes.buffer) ?? 0) + 1);
  }

  /** A group is evaluated (its lines made, retries included): its bytes are not read again. */
  back(group: UnitGroup): void {
    if (group.kind !== "lines") return;
    const buffer = group.bytes.buffer;
    const n = (this.uses.get(buffer) ?? 1) - 1;
    if (n > 0) this.uses.set(buffer, n);
    else {
      this.uses.delete(buffer);
      this.settle(buffer);
    }
  }

  private settle(buffer: ArrayBufferLike): void {
    if (buffer === this.current || this.uses.has(buffer) || buffer.byteLength !== this.size || this.free.length >= 8) return;
    this.free.push(new Uint8Array(buffer));
  }
}

/** Runs groups of units; `run` always resolves, with a line for every unit of the group, whatever fails. */
interface Pool {
  run(group: UnitGroup): Promise<GroupOutcome>;
  /** The output of a group has been written: its buffer may be reused. */
  release(out: Uint8Array): void;
  close(): Promise<void>;
}

/** Why a unit got no result from its worker, and the grouping fields of the unit if they can be read cheaply. */
type Describe = (group: JsonGroup | CsvGroup, i: number) => Record<string, string | number | boolean> | undefined;

/** A group with its units cut out one by one (a group of NDJSON lines is cut here, in the rare paths that need it). */
function cutOut(group: UnitGroup): JsonGroup | CsvGroup {
  return group.kind === "lines" ? expandLines(group) : group;
}

const encoder = new TextEncoder();

/** The outcome of a group whose units could not be evaluated: one error line each. */
function failedOutcome(whole: UnitGroup, code: string, reason: Message, describe: Describe): GroupOutcome {
  const group = cutOut(whole);
  const n = group.lines.length;
  let text = "";
  const errors: Array<{ line: number; code: string; message: string; reason: Message }> = [];
  for (let i = 0; i < n; i++) {
    const line = group.lines[i]!;
    const detail = msg("batch.not_evaluated", { line, reason });
    const message = say(detail, "en");
    let unit: Record<string, string | number | boolean> | undefined;
    try {
      unit = describe(group, i);
    } catch {
      unit = undefined;
    }
    text += `${JSON.stringify(unit === undefined ? { line, error: { code, message, detail, problems: [] } } : { line, unit, error: { code, message, detail, problems: [] } })}\n`;
    if (errors.length < MAX_REPORTED) errors.push({ line, code, message, reason: detail });
  }
  return { out: encoder.encode(text), units: n, bad: n, pass: 0, fail: 0, incomplete: 0, errors };
}

/** The units of a group, each in a group of its own. */
function split(whole: UnitGroup): UnitGroup[] {
  const group = cutOut(whole);
  const refusal = (i: number) => group.refused.filter((r) => r.index === i).map((r) => ({ ...r, index: 0 }));
  if (group.kind === "csv") return group.rows.map((row, i) => ({ kind: "csv", rows: [row], lines: [group.lines[i]!], refused: refusal(i) }));
  return Array.from(group.lines, (line, i) => ({
    kind: "json",
    bytes: group.bytes.slice(group.starts[i]!, group.ends[i]!),
    starts: Int32Array.of(0),
    ends: Int32Array.of(group.ends[i]! - group.starts[i]!),
    lines: Int32Array.of(line),
    refused: refusal(i),
  }));
}

/** The outcomes of consecutive groups as one. */
function merge(outcomes: readonly GroupOutcome[]): GroupOutcome {
  const out = new Uint8Array(outcomes.reduce((n, o) => n + o.out.length, 0));
  let at = 0;
  for (const o of outcomes) {
    out.set(o.out, at);
    at += o.out.length;
  }
  const sum = (k: "units" | "bad" | "pass" | "fail" | "incomplete") => outcomes.reduce((n, o) => n + o[k], 0);
  return {
    out,
    units: sum("units"),
    bad: sum("bad"),
    pass: sum("pass"),
    fail: sum("fail"),
    incomplete: sum("incomplete"),
    errors: outcomes.flatMap((o) => o.errors).slice(0, MAX_REPORTED),
  };
}

/** Why a worker stopped, as the error of the units it was evaluating. */
function stopReason(error: unknown, exitCode: number, memoryMb: number): { code: string; reason: Message } {
  if ((error as { code?: unknown } | undefined)?.code === "ERR_WORKER_OUT_OF_MEMORY")
    return { code: "ERR_BUDGET", reason: msg("batch.out_of_memory", { mb: memoryMb }) };
  const why = error instanceof Error ? error.message : error !== undefined ? String(error) : `exit code ${exitCode}`;
  return { code: "ERR_INTERNAL", reason: msg("batch.worker_stopped", { why }) };
}

/**
 * Worker threads. When a worker stops while evaluating a group (out of memory, a crash), it is replaced and the
 * group's units are evaluated again one by one, so only a unit that stops a worker on its own is lost, and it
 * gets an error line. Workers that keep failing to start give way to evaluation in the calling thread.
 */
function threadPool(count: number, settings: BatchSettings, memoryMb: number, describe: Describe): Pool {
  interface Job {
    readonly group: UnitGroup;
    readonly resolve: (o: GroupOutcome) => void;
  }
  interface Slot {
    readonly worker: Worker;
    readonly jobs: Set<number>;
    answered: boolean;
    dead: boolean;
    error: unknown;
  }
  const jobs = new Map<number, Job>();
  /** The worker each group's output buffer came from, until it is handed back. */
  const lent = new Map<ArrayBufferLike, Slot>();
  let nextId = 0;
  let closing = false;
  let failedStarts = 0;
  let inline: ((group: UnitGroup) => GroupOutcome) | undefined;

  const retry = (job: Job, code: string, reason: Message) => {
    if (unitsOf(job.group) > 1) void Promise.all(split(job.group).map(dispatch)).then((parts) => job.resolve(merge(parts)));
    else job.resolve(failedOutcome(job.group, code, reason, describe));
  };
  const spawn = (): Slot => {
    const worker = new Worker(workerFile(), { workerData: settings, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_MB, maxOldGenerationSizeMb: memoryMb } });
    const slot: Slot = { worker, jobs: new Set(), answered: false, dead: false, error: undefined };
    worker.on("message", (reply: { id: number; outcome: GroupOutcome } | { id: number; failure: string }) => {
      slot.answered = true;
      const job = jobs.get(reply.id);
      if (!job) return;
      jobs.delete(reply.id);
      slot.jobs.delete(reply.id);
      if ("failure" in reply) retry(job, "ERR_INTERNAL", msg("batch.evaluation_failed", { why: reply.failure }));
      else {
        if (lent.size < 64) lent.set(reply.outcome.out.buffer, slot);
        job.resolve(reply.outcome);
      }
    });
    worker.on("error", (e) => {
      slot.error ??= e;
    });
    worker.on("exit", (code) => {
      slot.dead = true;
      if (closing) return;
      if (!slot.answered) failedStarts++;
      const { code: errorCode, reason } = stopReason(slot.error, code, memoryMb);
      // A worker takes its groups in the order sent: the oldest was being evaluated when it stopped; the others
      // had not started, and are sent again as they are.
      let culprit = true;
      for (const id of slot.jobs) {
        const job = jobs.get(id)!;
        jobs.delete(id);
        if (culprit) retry(job, errorCode, reason);
        else void dispatch(job.group).then(job.resolve);
        culprit = false;
      }
      slot.jobs.clear();
    });
    return slot;
  };
  const slots: Slot[] = Array.from({ length: count }, spawn);

  function dispatch(group: UnitGroup): Promise<GroupOutcome> {
    if (closing) return Promise.resolve(failedOutcome(group, "ERR_INTERNAL", msg("batch.stopping"), describe));
    if (failedStarts >= 3) {
      inline ??= inlinePool(settings, describe).runSync;
      return Promise.resolve(inline(group));
    }
    let best = -1;
    for (let i = 0; i < count; i++) {
      if (slots[i]!.dead) slots[i] = spawn();
      if (best < 0 || slots[i]!.jobs.size < slots[best]!.jobs.size) best = i;
    }
    const slot = slots[best]!;
    const id = nextId++;
    return new Promise((resolve) => {
      jobs.set(id, { group, resolve });
      slot.jobs.add(id);
      // Not transferred: the group is kept here until its lines come back, to be evaluated again if the worker stops
      // (NDJSON lines are in shared memory, so they are not copied either; other groups are).
      slot.worker.postMessage({ id, group });
    });
  }

  return {
    run: dispatch,
    release(out) {
      const slot = lent.get(out.buffer);
      if (slot === undefined) return;
      lent.delete(out.buffer);
      // Handed back to the worker that wrote it, which writes its next groups into it (not to a stopped one).
      if (!slot.dead && !closing) slot.worker.postMessage({ spare: out.buffer }, [out.buffer as ArrayBuffer]);
    },
    async close() {
      closing = true;
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}

/** Evaluation in the calling thread. A failure outside evaluation (a bug) costs the units it hit, never the group. */
function inlinePool(settings: BatchSettings, describe: Describe, generated?: unknown): Pool & { runSync: (group: UnitGroup) => GroupOutcome } {
  const processGroup = makeProcessor(settings, generated);
  const runSync = (group: UnitGroup): GroupOutcome => {
    try {
      return processGroup(group);
    } catch (e) {
      const reason = msg("batch.evaluation_failed", { why: e instanceof Error ? e.message : String(e) });
      if (unitsOf(group) === 1) return failedOutcome(group, "ERR_INTERNAL", reason, describe);
      return merge(split(group).map(runSync));
    }
  };
  return { runSync, run: (group) => Promise.resolve(runSync(group)), release: () => {}, close: () => Promise.resolve() };
}

/**
 * The output stream, watched: its first error is kept (a listener is always attached, so a failing stream never
 * throws an unhandled 'error'), and the units whose lines the stream has acknowledged are counted.
 */
class Output {
  failure: unknown;
  /** Units whose lines were acknowledged by the stream, and the input line of the last of them. */
  written = 0;
  lastLine = 0;
  private waiting = 0;
  private settled: (() => void) | undefined;

  constructor(private readonly stream: Writable) {
    stream.on("error", (e) => {
      this.failure ??= e;
    });
  }

  /**
   * Hands bytes to the stream, waiting while it is full; never rejects (a failure is kept in `failure`).
   * `written` is told when the stream is done with the bytes.
   */
  write(bytes: Uint8Array, units: number, lastLine: number, written?: () => void): Promise<void> | undefined {
    if (this.failure !== undefined) return undefined;
    if (bytes.length === 0) {
      this.written += units;
      if (units > 0) this.lastLine = lastLine;
      written?.();
      return undefined;
    }
    this.waiting++;
    let ok: boolean;
    try {
      ok = this.stream.write(bytes, (e) => {
        if (e) this.failure ??= e;
        else {
          this.written += units;
          this.lastLine = lastLine;
          written?.();
        }
        if (--this.waiting === 0) this.settled?.();
      });
    } catch (e) {
      this.failure ??= e;
      this.waiting--;
      return undefined;
    }
    if (ok) return undefined;
    return new Promise((resolve) => {
      const done = () => {
        this.stream.off("drain", done);
        this.stream.off("error", done);
        this.stream.off("close", done);
        resolve();
      };
      this.stream.once("drain", done);
      this.stream.once("error", done);
      this.stream.once("close", done);
    });
  }

  /** Resolves when the stream has acknowledged (or failed) every write handed to it. */
  flushed(): Promise<void> {
    if (this.waiting === 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.settled = resolve;
    });
  }
}

/** The record written as the last line when a batch stops before the end of its input. */
export interface PartialRecord {
  /** Always true: the output does not cover the whole input. */
  readonly partial: true;
  /** Units read and written (each has its line above), and how they went. */
  readonly units: number;
  readonly evaluated: number;
  readonly bad: number;
  /** Why the batch stopped, and the input line where it did. */
  readonly error: { readonly code: string; readonly message: string; readonly detail: Message; readonly line?: number };
}

/**
 * Evaluates every unit of a file against a criteria set and writes one NDJSON line per unit, in input
 * order: `{"line": N, "unit": {...top-level scalar fields}, "result": {...}}`, or for a unit that cannot be
 * evaluated `{"line": N, "error": {"code", "message", "problems"}}`. A bad unit never stops the batch, nor does a
 * unit too long to read (`maxUnitBytes`) or one that stops a worker thread: each gets its error line.
 *
 * Every unit read gets exactly one line. When the input as a whole cannot be read on (the file ends inside the
 * list of units, a quoted CSV cell is never closed, the text is not UTF-8), the lines of every unit read before
 * are written, then a last line `{"partial": true, "units", "evaluated", "bad", "error": {code, message, line}}`
 * (see {@link PartialRecord}) that `tieuchi report` refuses to count as a whole, and the error is thrown.
 *
 * @throws `CriteriaSetError` or `JsonParseError` for the criteria file, `FileError` for a file that cannot be
 * read, `OptionsError` for unusable options (an unknown format, CSV columns that are not inputs),
 * `UnitsFileError` when the units file stops being readable (after the partial record), `FileError` when the
 * output cannot be written (its message says how many units were written, up to which input line).
 */
export async function runBatch(options: BatchOptions): Promise<BatchSummary> {
  const started = performance.now();
  const setJson = readJsonFile(options.set);
  if (options.maxWork !== undefined && (!Number.isSafeInteger(options.maxWork) || options.maxWork < 1))
    throw new OptionsError(msg("options.range", { name: "maxWork", min: "1", max: String(Number.MAX_SAFE_INTEGER), got: JSON.stringify(options.maxWork) }), [
      "maxWork",
    ]);
  const loaded = loadCriteriaSet(setJson, { source: options.set, ...(options.limits !== undefined ? { limits: options.limits } : {}) });
  if (options.asOf !== undefined && !isIsoDate(options.asOf))
    throw new OptionsError(msg("options.as_of", { name: "asOf", got: JSON.stringify(options.asOf) }), ["asOf"]);
  refuseOutOfForce(loaded, options);
  const format = options.format ?? (typeof options.input === "string" ? formatOf(options.input) : undefined);
  if (!format)
    throw new OptionsError(msg("options.unknown_format", { input: typeof options.input === "string" ? printable(options.input) : undefined }), ["format"]);
  const requested = options.workers ?? availableParallelism();
  if (!Number.isInteger(requested) || requested < 0 || requested > 256) throw new OptionsError(msg("options.workers", { got: String(requested) }), ["workers"]);
  const memoryMb = options.workerMemoryMb ?? DEFAULT_WORKER_MEMORY_MB;
  if (!Number.isInteger(memoryMb) || memoryMb < 16 || memoryMb > 65536)
    throw new OptionsError(msg("options.range", { name: "workerMemoryMb", min: "16", max: "65536", got: String(memoryMb) }), ["workerMemoryMb"]);
  const maxUnitBytes = options.maxUnitBytes ?? MAX_UNIT_BYTES;
  if (!Number.isInteger(maxUnitBytes) || maxUnitBytes < 1 || maxUnitBytes > 2 ** 30)
    throw new OptionsError(msg("options.range", { name: "maxUnitBytes", min: "1", max: "2^30", got: String(maxUnitBytes) }), ["maxUnitBytes"]);
  if (options.compact === true && options.explain === true) throw new OptionsError(msg("options.compact_explain"), ["compact"]);
  const meta = options.meta ?? [];
  // Fail before reading any unit when the folder of sets cannot be loaded (each worker loads it again).
  if (options.sets !== undefined) loadRegistry(options.sets);
  const source = typeof options.input === "string" ? options.input : "(input)";
  const groupSize = options.groupSize ?? 500;
  let bytesRead = 0;
  let bytesTotal: number | undefined;
  let raw: AsyncIterable<Uint8Array>;
  if (typeof options.input === "string") {
    // Opened here, so a missing file, a folder or a file without permission is a FileError before any output.
    const file = openFile(options.input);
    bytesTotal = file.size;
    raw = fileChunks(file);
  } else raw = options.input;
  const stream = counted(raw, (n) => (bytesRead += n));

  // The set's generated evaluator, written for this batch and imported by every thread (none: closures).
  // No temporary folder: the closure evaluator decides every unit.
  const written = options.explain !== true && options.generated !== false && notGenerated(loaded) === undefined ? writeTemporaryModule(loaded) : undefined;
  const generatedDir = written?.dir;
  const generatedUrl = written?.url;
  const generatedModule: unknown = generatedUrl === undefined ? undefined : await import(generatedUrl).catch(() => undefined);
  const base: Omit<BatchSettings, "columns"> = {
    ...(generatedUrl !== undefined ? { generated: generatedUrl } : {}),
    set: setJson,
    setSource: options.set,
    explain: options.explain ?? false,
    ...(options.compact === true ? { compact: true } : {}),
    meta,
    ...(options.asOf !== undefined ? { asOf: options.asOf } : {}),
    ...(options.allowOutOfForce === true ? { allowOutOfForce: true } : {}),
    ...(options.sets !== undefined ? { setsDir: options.sets } : {}),
    ...(options.faults !== undefined ? { faults: options.faults } : {}),
    ...(options.maxWork !== undefined ? { maxWork: options.maxWork } : {}),
    ...(options.limits !== undefined ? { limits: options.limits } : {}),
  };
  let columns: string[] | undefined;
  let csvCols: CsvColumn[] = [];
  let groups: AsyncGenerator<UnitGroup>;
  const inputBuffers = new InputBuffers(INPUT_BUFFER);
  const readOptions = { maxUnitBytes };
  if (format === "ndjson")
    groups =
      options.ndjsonReader === "units"
        ? ndjsonGroups(stream, groupSize, source, readOptions)
        : // Shared memory: a group reaches a worker without a copy, and stays here to be evaluated again if its worker stops.
          ndjsonLineGroups(stream, groupSize, { ...readOptions, bufferBytes: INPUT_BUFFER, allocate: inputBuffers.allocate });
  else if (format === "json") groups = jsonArrayGroups(stream, groupSize, source, readOptions);
  else if (options.csvLayout === "sheet")
    groups = sheetCsvGroups(loaded, stream, groupSize, options.delimiter ?? ",", source, options.onNotice ?? (() => {}), readOptions);
  else
    groups = csvGroups(
      stream,
      groupSize,
      options.delimiter ?? ",",
      (names) => {
        const checked = csvColumns(loaded, names, meta);
        if (checked.problems.length > 0) throw new OptionsError(msg("options.csv_header", { problems: checked.problems }), ["columns"]);
        columns = names;
        csvCols = checked.columns;
      },
      source,
      readOptions,
    );

  /** The grouping fields of a unit a worker could not evaluate, when it is small enough to read here. */
  const describe: Describe = (group, i) => {
    if (group.refused.some((r) => r.index === i)) return undefined;
    if (group.kind === "csv") {
      const read = csvRowData(csvCols, group.rows[i]!, group.lines[i]!);
      return "error" in read ? undefined : unwrapUnit(read.data, meta).unit;
    }
    if (group.ends[i]! - group.starts[i]! > 1 << 20) return undefined;
    return unwrapUnit(JSON.parse(new TextDecoder().decode(group.bytes.subarray(group.starts[i]!, group.ends[i]!))), meta).unit;
  };

  const summary = { units: 0, evaluated: 0, bad: 0, pass: 0, fail: 0, incomplete: 0 };
  const badUnits: Array<{ line: number; code: string; message: string; reason: Message }> = [];
  let pool: Pool | undefined;
  const workers = requested;
  const output = new Output(options.output);
  /** Groups handed out, oldest first, with their size and last input line; written in this order. */
  const inFlight: Array<{ outcome: Promise<GroupOutcome>; units: number; lastLine: number }> = [];
  let unitsRead = 0;
  let lastLineRead = 0;
  const maxInFlight = Math.max(2, workers * 3);

  /** Writes the oldest group once it is done (results go out in input order). */
  const writeNext = async () => {
    const next = inFlight.shift()!;
    const outcome = await next.outcome;
    summary.units += outcome.units;
    summary.bad += outcome.bad;
    summary.evaluated += outcome.units - outcome.bad;
    summary.pass += outcome.pass;
    summary.fail += outcome.fail;
    summary.incomplete += outcome.incomplete;
    for (const e of outcome.errors) if (badUnits.length < MAX_REPORTED) badUnits.push(e);
    const used = pool;
    await output.write(outcome.out, outcome.units, next.lastLine, () => used?.release(outcome.out));
    options.onProgress?.({ units: summary.units, bad: summary.bad, bytesRead, bytesTotal, seconds: (performance.now() - started) / 1000 });
  };

  if (options.compact === true) await output.write(encoder.encode(`${JSON.stringify(compactHeader(loaded))}\n`), 0, 0);
  let fatal: unknown;
  try {
    for await (const group of groups) {
      if (output.failure !== undefined) break;
      pool ??=
        workers === 0 || !workersAvailable()
          ? inlinePool({ ...base, ...(columns ? { columns } : {}) }, describe, generatedModule)
          : threadPool(workers, { ...base, ...(columns ? { columns } : {}) }, memoryMb, describe);
      const units = unitsOf(group);
      unitsRead += units;
      lastLineRead = lastLineOf(group);
      inputBuffers.lend(group);
      const outcome = pool.run(group).then((o) => {
        inputBuffers.back(group);
        return o;
      });
      inFlight.push({ outcome, units, lastLine: lastLineRead });
      while (inFlight.length >= maxInFlight && output.failure === undefined) await writeNext();
    }
  } catch (e) {
    fatal = e;
  }
  // Every unit read gets its line, whatever stopped the reading (the pool's promises never reject).
  while (inFlight.length > 0 && output.failure === undefined) await writeNext();
  await pool?.close();
  if (generatedDir !== undefined) rmSync(generatedDir, { recursive: true, force: true });
  if (fatal !== undefined && output.failure === undefined) {
    const error = fatal instanceof TieuchiError ? fatal : undefined;
    const unexpected = error ? undefined : msg("error.unexpected", { text: fatal instanceof Error ? fatal.message : String(fatal) });
    const record: PartialRecord = {
      partial: true,
      units: summary.units,
      evaluated: summary.evaluated,
      bad: summary.bad,
      error: {
        code: error?.code ?? "ERR_INTERNAL",
        message: error?.message ?? say(unexpected!, "en"),
        detail: error?.detail ?? unexpected!,
        ...(fatal instanceof UnitsFileError ? { line: fatal.line } : {}),
      },
    };
    await output.write(encoder.encode(`${JSON.stringify(record)}\n`), 0, lastLineRead);
  }
  await output.flushed();
  if (output.failure !== undefined) {
    const e = output.failure as NodeJS.ErrnoException;
    const why = e.code === "ENOSPC" ? msg("file.no_space") : e.code === "EPIPE" ? msg("file.reader_closed") : msg("check.unworded", { text: e.message });
    const name = options.outputName ?? "the output";
    throw new FileError(
      name,
      msg("file.not_written", { why, written: output.written, lastLine: output.written > 0 ? output.lastLine : undefined, after: unitsRead - output.written }),
      e,
    );
  }
  if (fatal !== undefined) throw fatal;
  return {
    units: summary.units,
    evaluated: summary.evaluated,
    bad: summary.bad,
    verdicts: { pass: summary.pass, fail: summary.fail, incomplete: summary.incomplete },
    badUnits,
    seconds: (performance.now() - started) / 1000,
    workers,
  };
}
