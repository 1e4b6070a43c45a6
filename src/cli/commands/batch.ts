import { closeSync, createWriteStream, openSync, readSync, type WriteStream } from "node:fs";
import { Readable, Writable } from "node:stream";
import { FileError, OptionsError, printable, UnitsFileError } from "../../errors.js";
import { msg } from "../../i18n/index.js";
import { tCli } from "../../i18n/cli.js";
import type { Lang } from "../../explain/format.js";
import { loadCriteriaFile } from "../../node/index.js";
import { fileReason } from "../../node/files.js";
import { runBatch, type BatchProgress, type BatchSummary, type UnitFormat } from "../../node/batch.js";
import { readSheetFile, sheetFormatOf, writeResultFile } from "../../node/sheets.js";
import { delimiterName, parseCsv } from "../../sheet/csv.js";
import { sheetRecord } from "../../sheet/read.js";
import type { TableLine } from "../../sheet/results.js";
import type { Localized } from "../../schema/common.js";
import { EXIT, report, terminalSafe, UsageError, type Io } from "../output.js";

/** Options of `tieuchi batch`. */
export interface BatchCommandOptions {
  readonly out?: string;
  readonly workers?: string;
  readonly quiet: boolean;
  readonly explain: boolean;
  /** Compact output (a header record, then one short array per unit). */
  readonly compact?: boolean;
  readonly stats: boolean;
  readonly asOf?: string;
  /** Evaluate although the set was not in force on `asOf` (refused otherwise, before any unit is read). */
  readonly outOfForce?: boolean;
  readonly sets?: string;
  readonly format?: string;
  readonly meta?: string;
  readonly delimiter?: string;
  readonly lang?: Lang;
  /** Most steps the set may need and each unit may take (`--max-work`). */
  readonly maxWork?: number;
  /** Longest unit read, in bytes (`--max-unit-bytes`; default 64 MiB). */
  readonly maxUnitBytes?: number;
}

/** The first row of a CSV file (read from its first 64 KiB), and the delimiter it uses. */
function csvHeader(path: string, delimiter: string | undefined): { names: string[]; delimiter: string } {
  const fd = openSync(path, "r");
  try {
    const buf = Buffer.alloc(64 * 1024);
    const n = readSync(fd, buf, 0, buf.length, 0);
    const text = buf.subarray(0, n).toString("utf8");
    const end = text.search(/\r?\n/);
    const { rows, delimiter: used } = parseCsv(end < 0 ? text : text.slice(0, end), delimiter);
    return { names: (rows[0] ?? []).map((x) => x.trim()), delimiter: used };
  } finally {
    closeSync(fd);
  }
}

/** Collects batch output lines (to write them as a table at the end). */
function lineCollector(lines: TableLine[]): Writable {
  const decoder = new TextDecoder();
  let carry = "";
  return new Writable({
    write(chunk: Uint8Array, _enc, done) {
      const text = carry + decoder.decode(chunk, { stream: true });
      const parts = text.split("\n");
      carry = parts.pop()!;
      for (const p of parts) if (p.trim() !== "") lines.push(JSON.parse(p) as TableLine);
      done();
    },
    final(done) {
      if (carry.trim() !== "") lines.push(JSON.parse(carry) as TableLine);
      done();
    },
  });
}

const FORMATS: readonly UnitFormat[] = ["ndjson", "json", "csv"];

function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${sec}` : `${m}:${sec}`;
}

/** One line of progress: a bar and percentage when the size is known, the count, the rate and the time left. */
export function progressLine(p: BatchProgress, width: number, lang: Lang = "vi"): string {
  const rate = p.seconds > 0 ? p.units / p.seconds : 0;
  const tail = tCli(lang, "cmd.batch.progress", { units: p.units, bad: p.bad, rate });
  if (!p.bytesTotal) return tail;
  const done = Math.min(1, p.bytesRead / p.bytesTotal);
  const left = done > 0 ? (p.seconds / done) * (1 - done) : 0;
  const text = `${(done * 100).toFixed(0).padStart(3)}%  ${tail}  ${tCli(lang, "cmd.batch.time_left", { time: duration(left) })}`;
  const bar = Math.max(10, Math.min(40, width - text.length - 4));
  const full = Math.round(done * bar);
  return `[${"█".repeat(full)}${"░".repeat(bar - full)}] ${text}`;
}

function summaryText(s: BatchSummary, lang: Lang): string {
  const rate = s.seconds > 0 ? s.units / s.seconds : 0;
  const v = s.verdicts;
  const lines = [
    tCli(lang, "cmd.batch.summary", {
      units: s.units,
      evaluated: s.evaluated,
      pass: v.pass,
      fail: v.fail,
      incomplete: v.incomplete,
      bad: s.bad,
      seconds: s.seconds,
      rate,
      workers: s.workers,
    }),
  ];
  for (const b of s.badUnits.slice(0, 10)) lines.push(tCli(lang, "cmd.batch.bad_unit", { line: b.line, reason: b.reason, code: b.code }));
  if (s.bad > 10) lines.push(tCli(lang, "cmd.batch.more_bad", { count: s.bad - Math.min(10, s.badUnits.length) }));
  return `${lines.join("\n")}\n`;
}

/** The --out file, opened now so that a folder, a missing folder or a file without permission is a FileError before any unit is read. */
function openOutput(path: string): WriteStream {
  let fd: number;
  try {
    fd = openSync(path, "w");
  } catch (e) {
    throw new FileError(printable(path), fileReason(e, true), e);
  }
  return createWriteStream("", { fd });
}

/** Ends the --out file; a failure to write its last bytes is a FileError. */
function closeOutput(file: WriteStream, path: string): Promise<void> {
  return new Promise((resolve, reject) =>
    file.end((e?: Error | null) =>
      e
        ? reject(
            new FileError(
              printable(path),
              msg("file.write_failed", {
                why: (e as NodeJS.ErrnoException).code === "ENOSPC" ? msg("file.no_space") : msg("check.unworded", { text: e.message }),
              }),
              e,
            ),
          )
        : resolve(),
    ),
  );
}

/** Lines shown on a terminal: JSON whose texts could hold C1 controls or bidirectional overrides, escaped on the way. */
function terminalSink(target: Writable): Writable {
  const decoder = new TextDecoder();
  return new Writable({
    write(chunk: Uint8Array, _enc, done) {
      if (target.write(terminalSafe(decoder.decode(chunk, { stream: true })))) done();
      else target.once("drain", () => done());
    },
  });
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
  const lang = opts.lang ?? "vi";
  try {
    if (args.length !== 2) throw new UsageError(tCli(lang, "cmd.takes", { command: "batch" }));
    const [set, input] = args as [string, string];
    if (opts.format !== undefined && !FORMATS.includes(opts.format as UnitFormat))
      throw new UsageError(tCli(lang, "cmd.not_one_of", { option: "--format", values: [...FORMATS], got: JSON.stringify(opts.format) }));
    if (input === "-" && opts.format === undefined) throw new UsageError(tCli(lang, "cmd.stdin_format"));
    let workers: number | undefined;
    if (opts.workers !== undefined) {
      workers = Number(opts.workers);
      if (!/^\d+$/.test(opts.workers) || workers > 256)
        throw new UsageError(tCli(lang, "cmd.whole_number", { option: "--workers", max: 256, got: JSON.stringify(opts.workers) }));
    }
    if (opts.delimiter !== undefined && opts.delimiter.length !== 1)
      throw new UsageError(tCli(lang, "cmd.one_char", { option: "--delimiter", got: JSON.stringify(opts.delimiter) }));

    const setLimits = opts.maxWork !== undefined ? { limits: { maxWork: opts.maxWork } } : {};
    // A spreadsheet of units: an .xlsx workbook (read whole, then run as {unit, data} records), or a CSV file
    // whose header is not the set's input names (labels, columns of lists, columns to group by), streamed.
    let units: string | AsyncIterable<Uint8Array> = input === "-" ? (process.stdin as AsyncIterable<Uint8Array>) : input;
    let format = opts.format as UnitFormat | undefined;
    let delimiter = opts.delimiter;
    const sheetIn = input === "-" || (opts.format !== undefined && opts.format !== "csv") ? undefined : sheetFormatOf(input);
    let asSheet = sheetIn === "xlsx";
    if (sheetIn === "csv" && opts.meta === undefined) {
      const loaded = loadCriteriaFile(set, setLimits);
      const header = csvHeader(input, delimiter);
      delimiter = header.delimiter;
      asSheet = !header.names.every((n) => Object.hasOwn(loaded.definition.inputs, n));
    }
    let csvLayout: "sheet" | undefined;
    if (asSheet && sheetIn === "csv") {
      csvLayout = "sheet";
      format = "csv";
      if (delimiter !== undefined && !opts.quiet)
        io.err(
          lang === "vi" ? `${input}: các ô cách nhau bằng ${delimiterName(delimiter).vi}\n` : `${input}: cells separated by ${delimiterName(delimiter).en}\n`,
        );
    } else if (asSheet) {
      const read = await readSheetFile(loadCriteriaFile(set, setLimits), input, delimiter);
      if (read.delimiter !== undefined && !opts.quiet) io.err(`${tCli(lang, "cmd.batch.delimiter", { file: input, name: delimiterName(read.delimiter) })}\n`);
      for (const n of read.notices) io.err(`${n[lang]}\n`);
      const text = read.units.map((u) => JSON.stringify(sheetRecord(u))).join("\n");
      units = Readable.from([Buffer.from(text.length > 0 ? `${text}\n` : "")]);
      format = "ndjson";
    } else if (sheetIn === "csv" && delimiter !== undefined && delimiter !== "," && !opts.quiet && opts.delimiter === undefined)
      io.err(`${tCli(lang, "cmd.batch.delimiter", { file: input, name: delimiterName(delimiter) })}\n`);

    // Per-unit results as a table (.xlsx, or .csv with a BOM) instead of NDJSON lines.
    const tableOut = opts.out !== undefined ? sheetFormatOf(opts.out) : undefined;
    if (opts.compact === true && opts.explain) throw new UsageError(tCli(lang, "cli.compact_with", { other: "explain" }));
    if (opts.compact === true && tableOut !== undefined) throw new UsageError(tCli(lang, "cli.compact_with", { other: "table", format: tableOut }));
    const collected: TableLine[] = [];
    if (input === "-" && process.stdin.isTTY === true) throw new UsageError(tCli(lang, "cli.stdin_terminal", { command: "batch", what: "units" }));
    const file = opts.out !== undefined && tableOut === undefined ? openOutput(opts.out) : undefined;
    const output = tableOut ? lineCollector(collected) : (file ?? (io.stdout ? (io.outIsTTY ? terminalSink(io.stdout) : io.stdout) : textSink(io)));
    // Drawn only for a person watching: both standard output and standard error are terminals.
    const showProgress = !opts.quiet && io.errIsTTY === true && io.outIsTTY === true;
    let lastDraw = 0;
    let last: BatchProgress | undefined;
    let summary: BatchSummary;
    try {
      summary = await runBatch({
        set,
        input: units,
        output,
        outputName: opts.out !== undefined ? printable(opts.out) : "standard output",
        explain: opts.explain,
        ...(opts.compact === true ? { compact: true } : {}),
        ...(format !== undefined ? { format } : {}),
        ...(workers !== undefined ? { workers } : {}),
        ...(opts.asOf !== undefined ? { asOf: opts.asOf } : {}),
        ...(opts.outOfForce === true ? { allowOutOfForce: true } : {}),
        ...(opts.sets !== undefined ? { sets: opts.sets } : {}),
        ...(opts.meta !== undefined
          ? {
              meta: opts.meta
                .split(",")
                .map((m) => m.trim())
                .filter(Boolean),
            }
          : {}),
        ...(delimiter !== undefined ? { delimiter } : {}),
        ...(csvLayout !== undefined ? { csvLayout, onNotice: (n: Localized) => io.err(`${n[lang]}\n`) } : {}),
        ...(opts.maxWork !== undefined ? { maxWork: opts.maxWork, limits: { maxWork: opts.maxWork } } : {}),
        ...(opts.maxUnitBytes !== undefined ? { maxUnitBytes: opts.maxUnitBytes } : {}),
        onProgress: (p: BatchProgress) => {
          last = p;
          if (!showProgress) return;
          const now = performance.now();
          if (now - lastDraw < 100) return;
          lastDraw = now;
          (io.status ?? io.err)(`\r${progressLine(p, io.columns, lang)}\x1b[K`);
        },
      });
    } catch (e) {
      if (showProgress) (io.status ?? io.err)("\r\x1b[K");
      // The batch already failed: close the file quietly (its own error, if any, says nothing more).
      if (file) await new Promise<void>((resolve) => file.end(() => resolve()));
      const code = report(e, io, lang);
      if ((e instanceof UnitsFileError || e instanceof OptionsError) && last !== undefined)
        io.err(`tieuchi: ${tCli(lang, "cli.batch_stopped", { units: last.units, table: tableOut !== undefined })}\n`);
      return code;
    }
    if (showProgress) (io.status ?? io.err)("\r\x1b[K");
    if (file) await closeOutput(file, opts.out!);
    if (tableOut) {
      await new Promise<void>((resolve, reject) => output.end((e?: Error | null) => (e ? reject(e) : resolve())));
      await writeResultFile(loadCriteriaFile(set, setLimits), collected, opts.out!, lang);
    }
    if (!opts.quiet) io.err(summaryText(summary, lang));
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
    return report(e, io, lang);
  }
}
