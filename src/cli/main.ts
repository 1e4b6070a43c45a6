/**
 * The `tieuchi` command. The only part of the project that reads arguments, prints and exits.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { VERSION } from "../version.js";
import { catalogueCommand } from "./commands/catalogue.js";
import { diffCommand } from "./commands/diff.js";
import { evalCommand } from "./commands/eval.js";
import { hashCommand } from "./commands/hash.js";
import { impactCommand } from "./commands/impact.js";
import { inForceCommand } from "./commands/in-force.js";
import { lockCommand } from "./commands/lock.js";
import { verifyCommand } from "./commands/verify.js";
import { schemaCommand } from "./commands/schema.js";
import { validateCommand } from "./commands/validate.js";
import { EXIT, report, UsageError, type Io } from "./output.js";

const HELP = `tieuchi ${VERSION}: decide and explain learning-society titles from versioned criteria sets

Usage:
  tieuchi validate <set.json>...              check criteria files (shape and static checks)
  tieuchi eval <set.json> <unit.json>         evaluate one unit and explain each criterion
        [--lang vi|en] [--json] [--as-of YYYY-MM-DD] [--sets <criteria-dir>]
        [--record <audit.json>]              (also write an audit record of the evaluation)
  tieuchi eval --set <id> --as-of <date> <unit.json> [--criteria <dir>] [--record <audit.json>]
                                              the version in force on that date (and why), evaluated
  tieuchi eval --set <id> --applied <date> --decided <date> <unit.json> [--criteria <dir>]
                                              transitional: the versions in force on both dates, side by side
  tieuchi schema [--out <file>]               print the JSON Schema of criteria files
  tieuchi hash <file>...                      content hash (sha-256 of canonical JSON) of JSON files
  tieuchi lock --check [--criteria <dir>]     fail if a released version was edited or removed, or a version
                                              is not released yet
  tieuchi lock --update [--accept-changes]    release new versions into <dir>/criteria.lock.json (after review)
  tieuchi diff <old.json> <new.json>          what changed between two versions, in sentences
  tieuchi impact <old.json> <new.json> <units.ndjson> [--label <field>]
                                              units whose verdict or grade changes, and why; counts by change
  tieuchi verify <record.json> <unit.json> [--criteria <dir>]
                                              replay an audit record: match, or exactly what differs
  tieuchi catalogue [--sets <dir>] [--out <file>]   Markdown list of every set and version (default dir: criteria)
  tieuchi help | --version

Options:
  --json        print JSON: the result (eval), the reports (validate, lock), the diff, the verification;
                impact prints one JSON object a line, the summary last
  --lang        language of the table: vi (default) or en
  --as-of       the date the title is decided for
  --sets        folder of criteria sets, to decide titles of sub-units given as data
  --criteria    folder of criteria sets and their lock (default: criteria)
  --verbose     lock --check: list every version, not only the problems

Exit codes: 0 pass (all valid; lock intact; no change; match), 1 fail or incomplete (some invalid; lock
broken; changes; mismatch), 2 invalid input or usage.
`;

/** Runs the CLI with arguments (without `node` and the script) and returns the exit code. */
export function main(argv: readonly string[], io: Io): number {
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
        check: { type: "boolean", default: false },
        update: { type: "boolean", default: false },
        "accept-changes": { type: "boolean", default: false },
        verbose: { type: "boolean", default: false },
        label: { type: "string" },
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
      case "catalogue":
        return catalogueCommand({ ...(values.sets !== undefined ? { sets: values.sets } : {}), ...(values.out !== undefined ? { out: values.out } : {}) }, io);
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

