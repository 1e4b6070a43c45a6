/**
 * The command line's own words: its help (a summary per command, its usage lines, a line per option) and the
 * messages about the arguments themselves (an unknown command or option, an option without its value).
 *
 * The commands and each command's options are listed here, as the values of the help keys' parameters: the
 * CLI parses exactly these (`src/cli/spec.ts`), so an option cannot exist without a help line in both
 * languages.
 *
 * @module
 */
import type { AreaSpec } from "../params.js";

/** The commands of `tieuchi`, in the order the help lists them. */
export const CLI_COMMANDS = [
  "eval",
  "batch",
  "report",
  "validate",
  "test",
  "cases",
  "diff",
  "impact",
  "lock",
  "verify",
  "hash",
  "compile",
  "catalogue",
  "schema",
  "template",
  "compose",
  "help",
] as const;
/** A command of `tieuchi`. */
export type CliCommand = (typeof CLI_COMMANDS)[number];

/** Each command's options (besides `--help`, which every command takes), in the order its help lists them. */
export const CLI_OPTIONS = {
  eval: ["as-of", "sets", "json", "lang", "record", "out-of-force", "set", "criteria", "applied", "decided", "max-work"],
  batch: [
    "out",
    "format",
    "workers",
    "as-of",
    "sets",
    "meta",
    "delimiter",
    "explain",
    "compact",
    "quiet",
    "stats",
    "out-of-force",
    "lang",
    "max-work",
    "max-unit-bytes",
  ],
  report: ["by", "format", "decimals", "set", "out", "lang", "max-unit-bytes"],
  validate: ["json", "lang", "max-work"],
  test: ["coverage", "require-both", "json", "sets", "lang"],
  cases: ["boundaries", "out", "seed", "lang"],
  diff: ["json", "lang"],
  impact: ["as-of", "sets", "label", "json", "lang", "max-unit-bytes"],
  lock: ["check", "update", "accept-changes", "criteria", "verbose", "json", "lang"],
  verify: ["criteria", "json", "lang"],
  hash: ["json", "lang"],
  compile: ["out", "lang"],
  catalogue: ["sets", "out", "lang"],
  schema: ["cases", "out", "lang"],
  template: ["out", "as-of", "criteria", "lang"],
  compose: ["results", "out", "lang"],
  help: ["lang"],
} as const satisfies { readonly [C in CliCommand]: readonly string[] };

/** What an option's value is, as its help shows it (`--out <file>`). */
export const CLI_VALUES = [
  "file",
  "folder",
  "date",
  "id",
  "set-file",
  "lang",
  "number",
  "size",
  "fields",
  "field",
  "text",
  "char",
  "format",
  "list-results",
] as const;

export const CLI = {
  /** The first line of the help: what tieuchi is. */
  "cli.title": { version: "string" },
  /** A heading of the help. */
  "cli.heading": { which: ["usage", "commands", "options", "exit-codes"] },
  /** One line on what a command does. */
  "cli.summary": { command: CLI_COMMANDS },
  /** The usage lines of a command, one per form it takes (a placeholder in angle brackets names each argument). */
  "cli.usage": { command: CLI_COMMANDS },
  /** The placeholder of an option's value. */
  "cli.value": { value: CLI_VALUES },
  /** What `--help` does (every command takes it). */
  "cli.help_option": {},
  "cli.option.eval": { option: CLI_OPTIONS.eval },
  "cli.option.batch": { option: CLI_OPTIONS.batch },
  "cli.option.report": { option: CLI_OPTIONS.report },
  "cli.option.validate": { option: CLI_OPTIONS.validate },
  "cli.option.test": { option: CLI_OPTIONS.test },
  "cli.option.cases": { option: CLI_OPTIONS.cases },
  "cli.option.diff": { option: CLI_OPTIONS.diff },
  "cli.option.impact": { option: CLI_OPTIONS.impact },
  "cli.option.lock": { option: CLI_OPTIONS.lock },
  "cli.option.verify": { option: CLI_OPTIONS.verify },
  "cli.option.hash": { option: CLI_OPTIONS.hash },
  "cli.option.compile": { option: CLI_OPTIONS.compile },
  "cli.option.catalogue": { option: CLI_OPTIONS.catalogue },
  "cli.option.schema": { option: CLI_OPTIONS.schema },
  "cli.option.template": { option: CLI_OPTIONS.template },
  "cli.option.compose": { option: CLI_OPTIONS.compose },
  "cli.option.help": { option: CLI_OPTIONS.help },
  /** The exit codes, as the main help explains them. */
  "cli.exit_codes": {},
  /** The last line of the main help: where to read more. */
  "cli.more": {},
  /** After a usage error: where the usage of that command (or of tieuchi) is. */
  "cli.see_help": { command: "string?" },
  /** A command that does not exist, and the nearest that does. */
  "cli.unknown_command": { command: "string", suggestion: "string?" },
  /** An option the command does not take: the nearest it takes, and the commands that take it as written. */
  "cli.unknown_option": { command: "string", option: "string", suggestion: "string?", takenBy: "strings" },
  /** An option given without its value, or a flag given a value. */
  "cli.option_value": { option: "string", takesValue: "boolean" },
  /** An option given before the command. */
  "cli.option_before_command": { option: "string" },
  /** `tieuchi compose`: a list filled from a file of batch results, with how many lines held a result or an error. */
  "cli.compose_filled": { target: "string", file: "string", results: "number", errors: "number" },
  /** `tieuchi compose`: the composed data was written to a file. */
  "cli.compose_wrote": { file: "string" },
  /** `-` given for a file while standard input is a terminal: nobody is going to type it. */
  "cli.stdin_terminal": { command: "string", what: ["units", "results"] },
  /** A batch stopped by its input: how many units were read, and that each has its line (or, for a table, that none was written). */
  "cli.batch_stopped": { units: "number", table: "boolean" },
  /** `--max-work` that is not a whole number of steps. */
  "cli.max_work": { got: "string" },
  /** `--max-unit-bytes` that is not a size in bytes within its bounds. */
  "cli.max_unit_bytes": { got: "string", max: "number" },
  /** `batch --compact` with an option it cannot go with: --explain, or a table (.xlsx, .csv) as the output. */
  "cli.compact_with": { other: ["explain", "table"], format: "string?" },
  /** What `verify` proves and what it does not: a record is hashed, not signed. */
  "cli.verify_not_signed": {},
} as const satisfies AreaSpec;
