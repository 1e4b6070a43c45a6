import { writeFileSync } from "node:fs";
import { composeResults, resultsTarget } from "../../batch/compose.js";
import { ReportLineError } from "../../errors.js";
import { tCli } from "../../i18n/cli.js";
import type { Lang } from "../../explain/format.js";
import { loadCriteriaFile, readJsonFile, readLines } from "../../node/index.js";
import { parseJson } from "../../json/parse.js";
import { EXIT, UsageError, type Io } from "../output.js";

/** Options of `tieuchi compose`. */
export interface ComposeCommandOptions {
  readonly results: readonly string[];
  readonly lang: Lang;
  readonly out?: string;
}

/** The parsed lines of a file of batch output (blank lines skipped). */
function batchLines(path: string, lang: Lang): unknown[] {
  const out: unknown[] = [];
  try {
    for (const line of readLines(path)) {
      if ("error" in line) throw new ReportLineError(line.number, line.error);
      if (line.text.trim() === "") continue;
      out.push(parseJson(line.text, `${path}:${line.number}`));
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new UsageError(tCli(lang, "cmd.no_such_file", { path }));
    if (code === "EISDIR") throw new UsageError(tCli(lang, "cmd.folder_not_output", { path }));
    if (code === "EACCES" || code === "EPERM") throw new UsageError(tCli(lang, "cmd.permission", { path }));
    throw e;
  }
  return out;
}

/**
 * `tieuchi compose <set.json> <unit.json> --results list[].field=<results.ndjson>`: the unit's data with the
 * list filled from the batch results of its sub-units (the communes of a district), written as JSON to
 * standard output or `--out`. Exit 0 when every sub-unit came with a result, 1 when some were not evaluated
 * (kept, with their title not known), 2 for bad input or usage.
 */
export function composeCommand(args: readonly string[], opts: ComposeCommandOptions, io: Io): number {
  if (args.length !== 2) throw new UsageError(tCli(opts.lang, "cmd.takes", { command: "compose" }));
  if (opts.results.length === 0) throw new UsageError(tCli(opts.lang, "cmd.compose_needs_results"));
  const set = loadCriteriaFile(args[0]!);
  let data = readJsonFile(args[1]!);
  let errors = 0;
  const notes: string[] = [];
  for (const spec of opts.results) {
    const eq = spec.indexOf("=");
    if (eq <= 0 || eq === spec.length - 1) throw new UsageError(tCli(opts.lang, "cmd.results_form", { got: JSON.stringify(spec) }));
    const target = spec.slice(0, eq);
    const file = spec.slice(eq + 1);
    resultsTarget(set, target);
    const c = composeResults(set, data, target, batchLines(file, opts.lang));
    data = c.data;
    errors += c.errors;
    notes.push(tCli(opts.lang, "cli.compose_filled", { target, file, results: c.results, errors: c.errors }));
  }
  const text = `${JSON.stringify(data, null, 2)}\n`;
  if (opts.out !== undefined) {
    writeFileSync(opts.out, text);
    notes.push(tCli(opts.lang, "cli.compose_wrote", { file: opts.out }));
  } else io.out(text);
  io.err(`${notes.join("\n")}\n`);
  return errors > 0 ? EXIT.fail : EXIT.ok;
}
