import { createWriteStream, openSync, type WriteStream } from "node:fs";
import { FileError, OptionsError, printable, UnitsFileError } from "../../errors.js";
import { fileReason } from "../../node/index.js";
import { Writable } from "node:stream";
import { runBatch, type BatchProgress, type BatchSummary, type UnitFormat } from "../../node/batch.js";
import { EXIT, report, UsageError, type Io } from "../output.js";

/** Options of `tieuchi batch`. */
export interface BatchCommandOptions {
  readonly out?: string;
  readonly workers?: string;
  readonly quiet: boolean;
  readonly explain: boolean;
  readonly stats: boolean;
  readonly asOf?: string;
  /** Evaluate although the set was not in force on `asOf` (refused otherwise, before any unit is read). */
  readonly outOfForce?: boolean;
  readonly sets?: string;
  readonly format?: string;
  readonly meta?: string;
  readonly delimiter?: string;
}

const FORMATS: readonly UnitFormat[] = ["ndjson", "json", "csv"];
const n = (x: number) => Math.round(x).toLocaleString("en");

function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${sec}` : `${m}:${sec}`;
}

/** One line of progress: a bar and percentage when the size is known, the count, the rate and the time left. */
export function progressLine(p: BatchProgress, width: number): string {
  const rate = p.seconds > 0 ? p.units / p.seconds : 0;
  const tail = `${n(p.units)} units${p.bad ? ` (${n(p.bad)} bad)` : ""}  ${n(rate)}/s`;
  if (!p.bytesTotal) return tail;
  const done = Math.min(1, p.bytesRead / p.bytesTotal);
  const left = done > 0 ? (p.seconds / done) * (1 - done) : 0;
  const text = `${(done * 100).toFixed(0).padStart(3)}%  ${tail}  ${duration(left)} left`;
  const bar = Math.max(10, Math.min(40, width - text.length - 4));
  const full = Math.round(done * bar);
  return `[${"█".repeat(full)}${"░".repeat(bar - full)}] ${text}`;
}

function summaryText(s: BatchSummary): string {
  const rate = s.seconds > 0 ? s.units / s.seconds : 0;
  const v = s.verdicts;
  const lines = [
    `${n(s.units)} units: ${n(s.evaluated)} evaluated (pass ${n(v.pass)}, fail ${n(v.fail)}, incomplete ${n(v.incomplete)}), ${n(s.bad)} bad, in ${s.seconds.toFixed(1)} s (${n(rate)} units/s, ${s.workers || "no"} worker${s.workers === 1 ? "" : "s"})`,
  ];
  for (const b of s.badUnits.slice(0, 10)) lines.push(`  line ${b.line}: ${b.message.split("\n")[0]} [${b.code}]`);
  if (s.bad > 10) lines.push(`  ... and ${n(s.bad - Math.min(10, s.badUnits.length))} more: every bad unit has an "error" line in the output`);
  return `${lines.join("\n")}\n`;
}

/** The --out file, opened now so that a folder, a missing folder or a file without permission is a FileError before any unit is read. */
function openOutput(path: string): WriteStream {
  let fd: number;
  try {
    fd = openSync(path, "w");
  } catch (e) {
    throw new FileError(printable(path), fileReason(e).replace("cannot be read", "cannot be written"), e);
  }
  return createWriteStream("", { fd });
}

/** Ends the --out file; a failure to write its last bytes is a FileError. */
function closeOutput(file: WriteStream, path: string): Promise<void> {
  return new Promise((resolve, reject) =>
    file.end((e?: Error | null) => (e ? reject(new FileError(printable(path), `could not be written (${(e as NodeJS.ErrnoException).code === "ENOSPC" ? "no space left on the device" : e.message})`, e)) : resolve())),
  );
}

/** Output to `io.out`, for callers (tests) that give no stream. */
function textSink(io: Io): Writable {
  const decoder = new TextDecoder();
  return new Writable({
    write(chunk: Uint8Array, _enc, done) {
      io.out(decoder.decode(chunk, { stream: true }));
      done();
    },
  });
}

/**
 * `tieuchi batch <set.json> <units>`: one NDJSON result line per unit; exit 0 when every unit was
 * evaluated, 1 when some were bad (each reported in the output with its line), 2 for a bad set, file or usage.
 */
export async function batchCommand(args: readonly string[], opts: BatchCommandOptions, io: Io): Promise<number> {
  try {
    if (args.length !== 2) throw new UsageError("batch takes a criteria file and a file of units: tieuchi batch <set.json> <units.ndjson|units.csv|units.json>");
    const [set, input] = args as [string, string];
    if (opts.format !== undefined && !FORMATS.includes(opts.format as UnitFormat)) throw new UsageError(`--format is ndjson, json or csv, not ${JSON.stringify(opts.format)}`);
    if (input === "-" && opts.format === undefined) throw new UsageError("reading units from standard input needs --format ndjson, json or csv");
    let workers: number | undefined;
    if (opts.workers !== undefined) {
      workers = Number(opts.workers);
      if (!/^\d+$/.test(opts.workers) || workers > 256) throw new UsageError(`--workers is a whole number from 0 to 256, not ${JSON.stringify(opts.workers)}`);
    }
    if (opts.delimiter !== undefined && opts.delimiter.length !== 1) throw new UsageError(`--delimiter is one character, not ${JSON.stringify(opts.delimiter)}`);

    if (input === "-" && process.stdin.isTTY === true) throw new UsageError("standard input is a terminal: pipe the units in (… | tieuchi batch set.json - --format ndjson) or name the file");
    const file = opts.out !== undefined ? openOutput(opts.out) : undefined;
    const output = file ?? io.stdout ?? textSink(io);
    // Drawn only for a person watching: both standard output and standard error are terminals.
    const showProgress = !opts.quiet && io.errIsTTY === true && io.outIsTTY === true;
    let lastDraw = 0;
    let last: BatchProgress | undefined;
    let summary: BatchSummary;
    try {
      summary = await runBatch({
        set,
        input: input === "-" ? (process.stdin as AsyncIterable<Uint8Array>) : input,
        output,
        outputName: opts.out !== undefined ? printable(opts.out) : "standard output",
        explain: opts.explain,
        ...(opts.format !== undefined ? { format: opts.format as UnitFormat } : {}),
        ...(workers !== undefined ? { workers } : {}),
        ...(opts.asOf !== undefined ? { asOf: opts.asOf } : {}),
        ...(opts.outOfForce === true ? { allowOutOfForce: true } : {}),
        ...(opts.sets !== undefined ? { sets: opts.sets } : {}),
        ...(opts.meta !== undefined ? { meta: opts.meta.split(",").map((m) => m.trim()).filter(Boolean) } : {}),
        ...(opts.delimiter !== undefined ? { delimiter: opts.delimiter } : {}),
        onProgress: (p: BatchProgress) => {
          last = p;
          if (!showProgress) return;
          const now = performance.now();
          if (now - lastDraw < 100) return;
          lastDraw = now;
          io.err(`\r${progressLine(p, io.columns)}\x1b[K`);
        },
      });
    } catch (e) {
      if (showProgress) io.err("\r\x1b[K");
      // The batch already failed: close the file quietly (its own error, if any, says nothing more).
      if (file) await new Promise<void>((resolve) => file.end(() => resolve()));
      const code = report(e, io);
      if (e instanceof UnitsFileError || e instanceof OptionsError)
        io.err(`tieuchi: stopped after ${n(last?.units ?? 0)} units, each with its line in the output; the last line is a {"partial": true} record, and the units after were not read\n`);
      return code;
    }
    if (showProgress) io.err("\r\x1b[K");
    if (file) await closeOutput(file, opts.out!);
    if (!opts.quiet) io.err(summaryText(summary));
    if (opts.stats)
      io.err(
        `${JSON.stringify({
          units: summary.units,
          evaluated: summary.evaluated,
          bad: summary.bad,
          seconds: summary.seconds,
          unitsPerSecond: summary.seconds > 0 ? summary.units / summary.seconds : 0,
          workers: summary.workers,
          peakRssBytes: process.resourceUsage().maxRSS * 1024,
        })}\n`,
      );
    return summary.bad > 0 ? EXIT.fail : EXIT.ok;
  } catch (e) {
    return report(e, io);
  }
}

