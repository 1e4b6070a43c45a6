/**
 * The `tieuchi` command. The only part of the project that reads arguments, prints and exits.
 *
 * @module
 */
import { parseArgs } from "node:util";
import type { Lang } from "../explain/format.js";
import { VERSION } from "../version.js";
import { casesCommand } from "./commands/cases.js";
import { catalogueCommand } from "./commands/catalogue.js";
import { composeCommand } from "./commands/compose.js";
import { diffCommand } from "./commands/diff.js";
import { batchCommand } from "./commands/batch.js";
import { evalCommand } from "./commands/eval.js";
import { hashCommand } from "./commands/hash.js";
import { impactCommand } from "./commands/impact.js";
import { inForceCommand } from "./commands/in-force.js";
import { lockCommand } from "./commands/lock.js";
import { reportCommand } from "./commands/report.js";
import { schemaCommand } from "./commands/schema.js";
import { templateCommand } from "./commands/template.js";
import { testCommand } from "./commands/test.js";
import { validateCommand } from "./commands/validate.js";
import { verifyCommand } from "./commands/verify.js";
import { EXIT, report, UsageError, type Io } from "./output.js";

const HELP = `tieuchi ${VERSION}: decide and explain learning-society titles from versioned criteria sets

Usage:
  tieuchi validate <set.json>...              check criteria files (shape and static checks)
  tieuchi eval <set.json> <unit.json>         evaluate one unit and explain each criterion
        [--lang vi|en] [--json] [--as-of YYYY-MM-DD] [--sets <criteria-dir>]
        [--record <audit.json>]              (also write an audit record of the evaluation)
        [--out-of-force]                     evaluate the file even if it was not in force on --as-of
                                              (refused otherwise; exit 1 then, whatever the verdict)
  tieuchi eval --set <id> --as-of <date> <unit.json> [--criteria <dir>] [--record <audit.json>]
                                              the version in force on that date (and why), evaluated
  tieuchi eval --set <id> --applied <date> --decided <date> <unit.json> [--criteria <dir>]
                                              transitional: the versions in force on both dates, side by side
  tieuchi batch <set.json> <units>            evaluate every unit of an NDJSON, CSV or JSON-list file
        [--out <file>] [--workers N] [--quiet] [--explain] [--format ndjson|json|csv]
        [--meta field,...] [--delimiter ;] [--as-of YYYY-MM-DD] [--sets <criteria-dir>] [--stats]
        [--out-of-force]
                                              also .xlsx and .csv spreadsheets laid out as a template;
                                              --out <file.xlsx|file.csv> writes one row per unit instead
  tieuchi template <set.json|id[@version]> --out <file.xlsx|file.csv> [--lang vi|en]
                                              the spreadsheet to fill in: headers, drop-downs, an example
  tieuchi compose <set.json> <unit.json> --results <list[].field>=<results.ndjson> [--out <file>]
                                              the unit's data with a list filled from its sub-units' batch
                                              results (a district's communes), to evaluate next
  tieuchi schema [--cases] [--out <file>]     print the JSON Schema of criteria files (or of case files)
  tieuchi hash <file>...                      content hash (sha-256 of canonical JSON) of JSON files
  tieuchi lock --check [--criteria <dir>]     fail if a released version was edited or removed, a version
                                              is not released yet, or two versions are in force on one day
  tieuchi lock --update [--accept-changes]    release new versions into <dir>/criteria.lock.json (after review)
  tieuchi diff <old.json> <new.json>          what changed between two versions, in sentences
  tieuchi impact <old.json> <new.json> <units.ndjson> [--label <field>]
                                              units whose verdict or grade changes, and why; counts by change
  tieuchi verify <record.json> <unit.json> [--criteria <dir>]
                                              replay an audit record: match, or exactly what differs
  tieuchi catalogue [--sets <dir>] [--out <file>]   Markdown list of every set and version (default dir: criteria)
  tieuchi test [paths...]                     run the case files found (default criteria/): a line per case
        [--coverage] [--require-both] [--json] [--lang vi|en] [--sets <criteria-dir>]
  tieuchi cases --boundaries <set.json>       write cases at, just below and just above each threshold
        [--out <file>] [--lang vi|en] [--seed <text>]
  tieuchi report <results.ndjson>             counts and exact percentages of batch output (- for stdin)
        [--by field[,field]] [--format text|md|csv|json] [--decimals N] [--set <set.json>] [--out <file>]
  tieuchi help | --version

Options:
  --json        print JSON: the result (eval), the reports (validate, lock), the diff, the verification;
                impact prints one JSON object a line, the summary last
  --lang        language of the table: vi (default) or en
  --as-of       the date the title is decided for
  --sets        folder of criteria sets, to decide titles of sub-units given as data
  --criteria    folder of criteria sets and their lock (default: criteria)
  --verbose     lock --check: list every version, not only the problems
  --coverage    (test) which statuses the cases saw each criterion take
  --require-both  (test) fail when an encoded criterion was never seen both passing and failing
  --by          (report) group by these fields of each line's "unit" (repeat or comma-separate to nest)
  --format      (report) text (default), md, csv or json; (batch) the units file: ndjson, json or csv
                (default: from the file's extension)
  --decimals    (report) decimals of percentages (default 1), rounded once, half away from zero
  --set         (eval) the set id; (report) the criteria file, to list grades and criteria no unit reached
  --out         (batch) write the result lines to this file instead of standard output; (compose) the data
  --results     (compose) list[].field=<results.ndjson>: fill the list with one item per batch line, its
                title field holding the line's result (repeat for several lists)
  --workers     (batch) worker threads, default the number of cores; 0 evaluates in the main thread
  --quiet       (batch) no progress bar and no summary on standard error
  --explain     (batch) include values, measures and sentences in each result
  --meta        (batch) fields that are not inputs of the set (an id, a commune): carried into each
                line's "unit", not evaluated
  --stats       (batch) print the throughput and peak memory as JSON on standard error

Exit codes: 0 pass (all valid; lock intact; no change; match; batch: every unit evaluated), 1 fail or
incomplete (some invalid; lock broken; changes; mismatch; batch: some units bad), 2 invalid input or usage,
141 when the reader of standard output closed it early (as \`| head\` does).
`;

function lang(value: string): Lang {
  if (value !== "vi" && value !== "en") throw new UsageError(`--lang is vi or en, not ${JSON.stringify(value)}`);
  return value;
}

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
        set: { type: "string" },
        criteria: { type: "string", default: "criteria" },
        applied: { type: "string" },
        decided: { type: "string" },
        record: { type: "string" },
        "out-of-force": { type: "boolean", default: false },
        check: { type: "boolean", default: false },
        update: { type: "boolean", default: false },
        "accept-changes": { type: "boolean", default: false },
        verbose: { type: "boolean", default: false },
        label: { type: "string" },
        coverage: { type: "boolean", default: false },
        "require-both": { type: "boolean", default: false },
        by: { type: "string", multiple: true, default: [] },
        decimals: { type: "string", default: "1" },
        boundaries: { type: "string" },
        seed: { type: "string" },
        cases: { type: "boolean", default: false },
        workers: { type: "string" },
        quiet: { type: "boolean", default: false },
        explain: { type: "boolean", default: false },
        stats: { type: "boolean", default: false },
        format: { type: "string" },
        meta: { type: "string" },
        delimiter: { type: "string" },
        results: { type: "string", multiple: true, default: [] },
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
        if (values.set !== undefined && values.sets !== undefined) throw new UsageError("with --set, the --criteria folder also gives the sets of sub-units: drop --sets");
        if (values.set !== undefined)
          return inForceCommand(
            rest,
            {
              set: values.set,
              criteria: values.criteria,
              json: values.json,
              lang: values.lang,
              ...(values["as-of"] !== undefined ? { asOf: values["as-of"] } : {}),
              ...(values.applied !== undefined ? { applied: values.applied } : {}),
              ...(values.decided !== undefined ? { decided: values.decided } : {}),
              ...(values.record !== undefined ? { record: values.record } : {}),
            },
            io,
          );
        return evalCommand(
          rest,
          {
            json: values.json,
            lang: values.lang,
            ...(values["as-of"] !== undefined ? { asOf: values["as-of"] } : {}),
            ...(values.sets !== undefined ? { sets: values.sets } : {}),
            ...(values.record !== undefined ? { record: values.record } : {}),
            outOfForce: values["out-of-force"],
          },
          io,
        );
      case "test":
        return testCommand(
          rest,
          {
            json: values.json,
            lang: lang(values.lang),
            coverage: values.coverage,
            requireBoth: values["require-both"],
            ...(values.sets !== undefined ? { sets: values.sets } : {}),
          },
          io,
        );
      case "cases":
        return casesCommand(
          rest,
          {
            lang: lang(values.lang),
            ...(values.boundaries !== undefined ? { boundaries: values.boundaries } : {}),
            ...(values.out !== undefined ? { out: values.out } : {}),
            ...(values.seed !== undefined ? { seed: values.seed } : {}),
          },
          io,
        );
      case "report":
        return reportCommand(
          rest,
          {
            by: values.by,
            format: values.format ?? "text",
            decimals: values.decimals,
            lang: lang(values.lang),
            ...(values.set !== undefined ? { set: values.set } : {}),
            ...(values.out !== undefined ? { out: values.out } : {}),
          },
          io,
        );
      case "hash":
        if (rest.length === 0) throw new UsageError("hash needs at least one JSON file");
        return hashCommand(rest, { json: values.json }, io);
      case "lock":
        if (rest.length > 0) throw new UsageError("lock takes no files: tieuchi lock --check [--criteria <dir>]");
        return lockCommand({ check: values.check, update: values.update, acceptChanges: values["accept-changes"], criteria: values.criteria, json: values.json, verbose: values.verbose }, io);
      case "diff":
        return diffCommand(rest, { json: values.json, lang: values.lang }, io);
      case "impact":
        return impactCommand(
          rest,
          {
            json: values.json,
            lang: values.lang,
            ...(values["as-of"] !== undefined ? { asOf: values["as-of"] } : {}),
            ...(values.sets !== undefined ? { sets: values.sets } : {}),
            ...(values.label !== undefined ? { label: values.label } : {}),
          },
          io,
        );
      case "verify":
        return verifyCommand(rest, { json: values.json, lang: values.lang, criteria: values.criteria }, io);
      case "compose":
        return composeCommand(rest, { results: values.results, lang: lang(values.lang), ...(values.out !== undefined ? { out: values.out } : {}) }, io);
      case "catalogue":
        return catalogueCommand({ ...(values.sets !== undefined ? { sets: values.sets } : {}), ...(values.out !== undefined ? { out: values.out } : {}) }, io);
      case "batch":
        return batchCommand(
          rest,
          {
            quiet: values.quiet,
            explain: values.explain,
            stats: values.stats,
            outOfForce: values["out-of-force"],
            ...(values.out !== undefined ? { out: values.out } : {}),
            ...(values.workers !== undefined ? { workers: values.workers } : {}),
            ...(values["as-of"] !== undefined ? { asOf: values["as-of"] } : {}),
            ...(values.sets !== undefined ? { sets: values.sets } : {}),
            ...(values.format !== undefined ? { format: values.format } : {}),
            ...(values.meta !== undefined ? { meta: values.meta } : {}),
            ...(values.delimiter !== undefined ? { delimiter: values.delimiter } : {}),
            lang: lang(values.lang),
          },
          io,
        );
      case "template":
        return templateCommand(
          rest,
          {
            lang: lang(values.lang),
            criteria: values.criteria,
            ...(values.out !== undefined ? { out: values.out } : {}),
            ...(values["as-of"] !== undefined ? { asOf: values["as-of"] } : {}),
          },
          io,
        );
      case "schema":
        return schemaCommand({ cases: values.cases, ...(values.out !== undefined ? { out: values.out } : {}) }, io);
      default:
        throw new UsageError(`unknown command '${command}'`);
    }
  } catch (e) {
    if (e instanceof TypeError && "code" in e && String((e as { code: unknown }).code).startsWith("ERR_PARSE_ARGS")) return report(new UsageError(e.message), io);
    return report(e, io);
  }
}

