/**
 * The `tieuchi` command. The only part of the project that reads arguments, prints and exits.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { VERSION } from "../version.js";
import { batchCommand } from "./commands/batch.js";
import { evalCommand } from "./commands/eval.js";
import { schemaCommand } from "./commands/schema.js";
import { validateCommand } from "./commands/validate.js";
import { EXIT, report, UsageError, type Io } from "./output.js";

const HELP = `tieuchi ${VERSION}: decide and explain learning-society titles from versioned criteria sets

Usage:
  tieuchi validate <set.json>...             check criteria files (shape and static checks)
  tieuchi eval <set.json> <unit.json>        evaluate one unit and explain each criterion
        [--lang vi|en] [--json] [--as-of YYYY-MM-DD] [--sets <criteria-dir>]
  tieuchi batch <set.json> <units>           evaluate every unit of an NDJSON, CSV or JSON-list file
        [--out <file>] [--workers N] [--quiet] [--explain] [--format ndjson|json|csv]
        [--meta field,...] [--delimiter ;] [--as-of YYYY-MM-DD] [--sets <criteria-dir>] [--stats]
  tieuchi schema [--out <file>]               print the JSON Schema of criteria files
  tieuchi help | --version

Options:
  --json        print the result object as JSON (eval) or the reports (validate)
  --lang        language of the table: vi (default) or en
  --as-of       the date the title is decided for
  --sets        folder of criteria sets, to decide titles of sub-units given as data
  --out         (batch) write the result lines to this file instead of standard output
  --workers     (batch) worker threads, default the number of cores; 0 evaluates in the main thread
  --quiet       (batch) no progress bar and no summary on standard error
  --explain     (batch) include values, measures and sentences in each result
  --meta        (batch) fields that are not inputs of the set (an id, a commune): carried into each
                line's "unit", not evaluated
  --stats       (batch) print the throughput and peak memory as JSON on standard error

Exit codes: 0 pass (all valid; batch: every unit evaluated), 1 fail or incomplete (some invalid; batch:
some units bad), 2 invalid input or usage.
`;

/** Runs the CLI with arguments (without `node` and the script) and returns the exit code (a promise for batch). */
export function main(argv: readonly string[], io: Io): number | Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        json: { type: "boolean", default: false },
        lang: { type: "string", default: "vi" },
        "as-of": { type: "string" },
        sets: { type: "string" },
        out: { type: "string" },
        workers: { type: "string" },
        quiet: { type: "boolean", default: false },
        explain: { type: "boolean", default: false },
        stats: { type: "boolean", default: false },
        format: { type: "string" },
        meta: { type: "string" },
        delimiter: { type: "string" },
        help: { type: "boolean", short: "h", default: false },
        version: { type: "boolean", short: "v", default: false },
      },
    });
    const [command, ...rest] = positionals;
    if (values.version) {
      io.out(`${VERSION}\n`);
      return EXIT.ok;
    }
    if (values.help || command === "help" || command === undefined) {
      io.out(HELP);
      return command === undefined && !values.help ? EXIT.usage : EXIT.ok;
    }
    switch (command) {
      case "validate":
        if (rest.length === 0) throw new UsageError("validate needs at least one criteria file");
        return validateCommand(rest, { json: values.json }, io);
      case "eval":
        return evalCommand(
          rest,
          {
            json: values.json,
            lang: values.lang,
            ...(values["as-of"] !== undefined ? { asOf: values["as-of"] } : {}),
            ...(values.sets !== undefined ? { sets: values.sets } : {}),
          },
          io,
        );
      case "batch":
        return batchCommand(
          rest,
          {
            quiet: values.quiet,
            explain: values.explain,
            stats: values.stats,
            ...(values.out !== undefined ? { out: values.out } : {}),
            ...(values.workers !== undefined ? { workers: values.workers } : {}),
            ...(values["as-of"] !== undefined ? { asOf: values["as-of"] } : {}),
            ...(values.sets !== undefined ? { sets: values.sets } : {}),
            ...(values.format !== undefined ? { format: values.format } : {}),
            ...(values.meta !== undefined ? { meta: values.meta } : {}),
            ...(values.delimiter !== undefined ? { delimiter: values.delimiter } : {}),
          },
          io,
        );
      case "schema":
        return schemaCommand(values.out !== undefined ? { out: values.out } : {}, io);
      default:
        throw new UsageError(`unknown command '${command}'`);
    }
  } catch (e) {
    if (e instanceof TypeError && "code" in e && String((e as { code: unknown }).code).startsWith("ERR_PARSE_ARGS")) return report(new UsageError(e.message), io);
    return report(e, io);
  }
}

