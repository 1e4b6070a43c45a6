/**
 * Evaluating a file of units: read as a stream, checked and evaluated in worker threads, written one NDJSON
 * line per unit in input order, with memory that does not grow with the file.
 *
 * @module
 */
import { createReadStream, existsSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { Writable } from "node:stream";
import { OptionsError } from "../errors.js";
import { msg, type Message } from "../i18n/index.js";
import { loadCriteriaSet } from "../evaluate/load.js";
import { csvGroups, formatOf, jsonArrayGroups, ndjsonGroups, type UnitFormat, type UnitGroup } from "../batch/input.js";
import { csvColumns } from "../batch/unit.js";
import { makeProcessor, type BatchSettings, type GroupOutcome } from "./batch-process.js";
import { loadRegistry, readJsonFile } from "./index.js";

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
  /** The date titles are decided for (YYYY-MM-DD). */
  readonly asOf?: string;
  /** Folder of criteria sets, for titles given as sub-units' data. */
  readonly sets?: string;
  /** Fields that are not inputs of the set (an id, a commune): carried into each line's `unit`, not evaluated. */
  readonly meta?: readonly string[];
  /** CSV cell separator (default `,`). */
  readonly delimiter?: string;
  /** Units per group handed to a worker (default 500: larger groups cost memory, smaller ones messages). */
  readonly groupSize?: number;
  /** Called as groups are written. */
  readonly onProgress?: (p: BatchProgress) => void;
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
/** Young-generation size of each worker's heap, in MiB: V8's default lets three heaps take well over 100 MiB. */
const YOUNG_MB = 16;

/** The worker script next to this module: the built `.js`. */
function workerFile(): URL {
  return new URL("./batch-worker.js", import.meta.url);
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

function write(output: Writable, bytes: Uint8Array): Promise<void> | undefined {
  if (bytes.length === 0 || output.write(bytes)) return undefined;
  return new Promise((resolve, reject) => {
    const done = () => {
      output.off("error", fail);
      resolve();
    };
    const fail = (e: unknown) => {
      output.off("drain", done);
      reject(e);
    };
    output.once("drain", done);
    output.once("error", fail);
  });
}

interface Pool {
  run(id: number, group: UnitGroup): Promise<GroupOutcome>;
  close(): Promise<void>;
}

function threadPool(count: number, settings: BatchSettings): Pool {
  const workers = Array.from({ length: count }, () => new Worker(workerFile(), { workerData: settings, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_MB } }));
  const load = new Array<number>(count).fill(0);
  const waiting = new Map<number, { resolve: (o: GroupOutcome) => void; reject: (e: unknown) => void; worker: number }>();
  let failure: unknown;
  let closing = false;
  workers.forEach((w, i) => {
    w.on("message", (msg: { id: number; outcome: GroupOutcome }) => {
      const job = waiting.get(msg.id);
      if (!job) return;
      waiting.delete(msg.id);
      load[i]!--;
      job.resolve(msg.outcome);
    });
    const stop = (e: unknown) => {
      failure ??= e;
      for (const job of waiting.values()) job.reject(failure);
      waiting.clear();
    };
    w.on("error", stop);
    w.on("exit", (code) => {
      if (!closing) stop(new Error(`a batch worker stopped (exit code ${code})`));
    });
  });
  return {
    run(id, group) {
      if (failure !== undefined) return Promise.reject(failure);
      let best = 0;
      for (let i = 1; i < count; i++) if (load[i]! < load[best]!) best = i;
      load[best]!++;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject, worker: best });
        const transfer = group.kind === "json" ? [group.bytes.buffer, group.starts.buffer, group.ends.buffer, group.lines.buffer] : [];
        workers[best]!.postMessage({ id, group }, transfer as ArrayBuffer[]);
      });
    },
    async close() {
      closing = true;
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

function inlinePool(settings: BatchSettings): Pool {
  const processGroup = makeProcessor(settings);
  return {
    run: (_id, group) => Promise.resolve(processGroup(group)),
    close: () => Promise.resolve(),
  };
}

/**
 * Evaluates every unit of a file against a criteria set and writes one NDJSON line per unit, in input
 * order: `{"line": N, "unit": {...top-level scalar fields}, "result": {...}}`, or for a unit that cannot be
 * evaluated `{"line": N, "error": {"code", "message", "problems"}}`. A bad unit never stops the batch.
 *
 * @throws `CriteriaSetError` or `JsonParseError` for the criteria file, `OptionsError` for unusable options
 * (an unknown format, CSV columns that are not inputs), `UnitsFileError` when the units file as a whole
 * cannot be read (not a list, not UTF-8, a quoted CSV cell never closed); lines already written stay.
 */
export async function runBatch(options: BatchOptions): Promise<BatchSummary> {
  const started = performance.now();
  const setJson = readJsonFile(options.set);
  const loaded = loadCriteriaSet(setJson, { source: options.set });
  const format = options.format ?? (typeof options.input === "string" ? formatOf(options.input) : undefined);
  if (!format) throw new OptionsError(msg("options.unknown_format", { input: typeof options.input === "string" ? options.input : undefined }), ["format"]);
  const requested = options.workers ?? availableParallelism();
  if (!Number.isInteger(requested) || requested < 0 || requested > 256) throw new OptionsError(msg("options.workers", { got: String(requested) }), ["workers"]);
  const meta = options.meta ?? [];
  // Fail before reading any unit when the folder of sets cannot be loaded (each worker loads it again).
  if (options.sets !== undefined) loadRegistry(options.sets);
  const source = typeof options.input === "string" ? options.input : "(input)";
  const groupSize = options.groupSize ?? 500;
  let bytesRead = 0;
  const bytesTotal = typeof options.input === "string" ? statSync(options.input).size : undefined;
  const raw = typeof options.input === "string" ? createReadStream(options.input, { highWaterMark: 1 << 20 }) : options.input;
  const stream = counted(raw, (n) => (bytesRead += n));

  const base: Omit<BatchSettings, "columns"> = {
    set: setJson,
    setSource: options.set,
    explain: options.explain ?? false,
    meta,
    ...(options.asOf !== undefined ? { asOf: options.asOf } : {}),
    ...(options.sets !== undefined ? { setsDir: options.sets } : {}),
  };
  let columns: string[] | undefined;
  let groups: AsyncGenerator<UnitGroup>;
  if (format === "ndjson") groups = ndjsonGroups(stream, groupSize, source);
  else if (format === "json") groups = jsonArrayGroups(stream, groupSize, source);
  else
    groups = csvGroups(stream, groupSize, options.delimiter ?? ",", (names) => {
      const { problems } = csvColumns(loaded, names, meta);
      if (problems.length > 0) throw new OptionsError(msg("options.csv_header", { problems }), ["columns"]);
      columns = names;
    }, source);

  const summary = { units: 0, evaluated: 0, bad: 0, pass: 0, fail: 0, incomplete: 0 };
  const badUnits: Array<{ line: number; code: string; message: string; reason: Message }> = [];
  let pool: Pool | undefined;
  const workers = requested;
  const inFlight = new Map<number, Promise<GroupOutcome>>();
  let nextId = 0;
  let nextOut = 0;
  const maxInFlight = Math.max(2, workers * 3);

  /** Writes the oldest group once it is done (results go out in input order). */
  const writeNext = async () => {
    const outcome = await inFlight.get(nextOut)!;
    inFlight.delete(nextOut);
    nextOut++;
    summary.units += outcome.units;
    summary.bad += outcome.bad;
    summary.evaluated += outcome.units - outcome.bad;
    summary.pass += outcome.pass;
    summary.fail += outcome.fail;
    summary.incomplete += outcome.incomplete;
    for (const e of outcome.errors) if (badUnits.length < MAX_REPORTED) badUnits.push(e);
    await write(options.output, outcome.out);
    options.onProgress?.({ units: summary.units, bad: summary.bad, bytesRead, bytesTotal, seconds: (performance.now() - started) / 1000 });
  };

  try {
    for await (const group of groups) {
      pool ??= workers === 0 || !workersAvailable() ? inlinePool({ ...base, ...(columns ? { columns } : {}) }) : threadPool(workers, { ...base, ...(columns ? { columns } : {}) });
      inFlight.set(nextId, pool.run(nextId, group));
      nextId++;
      while (inFlight.size >= maxInFlight) await writeNext();
    }
    while (inFlight.size > 0) await writeNext();
  } finally {
    // Let groups already handed out settle before the workers stop, so no promise is left hanging.
    await Promise.allSettled(inFlight.values());
    await pool?.close();
  }
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

