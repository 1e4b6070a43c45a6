import { tCli } from "../../i18n/cli.js";
import { writeFileSync } from "node:fs";
import type { Lang } from "../../explain/format.js";
import { ReportLineError } from "../../errors.js";
import { loadCriteriaFile, readLines } from "../../node/index.js";
import { createReport } from "../../report/aggregate.js";
import { formatReport, REPORT_FORMATS, type ReportFormat } from "../../report/render.js";
import { EXIT, UsageError, type Io } from "../output.js";

/** Options of `tieuchi report`. */
export interface ReportCommandOptions {
  readonly by: readonly string[];
  readonly format: string;
  readonly decimals: string;
  readonly lang: Lang;
  readonly set?: string;
  readonly out?: string;
  /** Longest line read, in bytes (`--max-unit-bytes`; default 64 MiB). */
  readonly maxUnitBytes?: number;
}

/**
 * `tieuchi report <results.ndjson>`: counts and exact percentages per verdict, grade and criterion, overall and
 * by grouping fields, read line by line from batch output (`-` for standard input).
 */
export function reportCommand(args: readonly string[], opts: ReportCommandOptions, io: Io): number {
  const lang = opts.lang;
  if (args.length !== 1) throw new UsageError(tCli(lang, "cmd.takes", { command: "report" }));
  if (!REPORT_FORMATS.includes(opts.format as ReportFormat))
    throw new UsageError(tCli(lang, "cmd.not_one_of", { option: "--format", values: [...REPORT_FORMATS], got: JSON.stringify(opts.format) }));
  if (!/^\d{1,2}$/.test(opts.decimals)) throw new UsageError(tCli(lang, "cmd.whole_number", { option: "--decimals", got: JSON.stringify(opts.decimals) }));
  const by = opts.by.flatMap((b) => b.split(",")).map((b) => b.trim());
  if (by.some((b) => b === "")) throw new UsageError(tCli(lang, "cmd.by_names"));
  const acc = createReport({ by, decimals: Number(opts.decimals), ...(opts.set !== undefined ? { set: loadCriteriaFile(opts.set) } : {}) });
  if (args[0] === "-" && process.stdin.isTTY === true) throw new UsageError(tCli(opts.lang, "cli.stdin_terminal", { command: "report", what: "results" }));
  const path = args[0] === "-" ? 0 : args[0]!;
  for (const line of readLines(path, opts.maxUnitBytes !== undefined ? { maxLineBytes: opts.maxUnitBytes } : {})) {
    if ("error" in line) throw new ReportLineError(line.number, line.error);
    acc.addLine(line.text, line.number);
  }
  const text = formatReport(acc.finish(), opts.format as ReportFormat, opts.lang);
  if (opts.out !== undefined) {
    writeFileSync(opts.out, text);
    io.err(`${tCli(lang, "cmd.wrote", { file: opts.out })}\n`);
  } else io.out(text);
  return EXIT.ok;
}
