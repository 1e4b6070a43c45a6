/**
 * The `tieuchi` command. The only part of the project that reads arguments, prints and exits.
 *
 * Each command takes its own options (`spec.ts`, with their help sentences in the message catalogue): an
 * option another command takes, or a mistyped one, is refused with the nearest name, and `tieuchi <command>
 * --help` lists exactly what the command takes.
 *
 * @module
 */
import { parseArgs } from "node:util";
import type { Lang } from "../explain/format.js";
import { tCli } from "../i18n/cli.js";
import { VERSION } from "../version.js";
import { casesCommand } from "./commands/cases.js";
import { catalogueCommand } from "./commands/catalogue.js";
import { composeCommand } from "./commands/compose.js";
import { diffCommand } from "./commands/diff.js";
import { batchCommand } from "./commands/batch.js";
import { evalCommand } from "./commands/eval.js";
import { hashCommand } from "./commands/hash.js";
import { compileCommand } from "./commands/compile.js";
import { impactCommand } from "./commands/impact.js";
import { inForceCommand } from "./commands/in-force.js";
import { lockCommand } from "./commands/lock.js";
import { reportCommand } from "./commands/report.js";
import { schemaCommand } from "./commands/schema.js";
import { templateCommand } from "./commands/template.js";
import { testCommand } from "./commands/test.js";
import { validateCommand } from "./commands/validate.js";
import { verifyCommand } from "./commands/verify.js";
import { bundledCriteriaDir } from "../node/bundled.js";
import { commandHelp, mainHelp } from "./help.js";
import { EXIT, report, safeIo, UsageError, type Io } from "./output.js";
import { CLI_COMMANDS, commandsTaking, isCommand, nearest, OPTION_KINDS, optionsOf, type CliCommand, type OptionName } from "./spec.js";

function lang(value: string, shown: Lang = "vi"): Lang {
  if (value !== "vi" && value !== "en")
    throw new UsageError(tCli(shown, "cmd.not_one_of", { option: "--lang", values: ["vi", "en"], got: JSON.stringify(value) }));
  return value;
}

/** The language asked for with `--lang`, read before the arguments are parsed (for the parse's own errors); vi otherwise. */
function langIn(argv: readonly string[]): Lang {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--") break;
    const v = a === "--lang" ? argv[i + 1] : a.startsWith("--lang=") ? a.slice(7) : undefined;
    if (v === "vi" || v === "en") return v;
  }
  return "vi";
}

/** The values of a command's options, as parsed. */
interface Values {
  str(name: OptionName): string | undefined;
  bool(name: OptionName): boolean;
  list(name: OptionName): string[];
}

/**
 * Parses a command's arguments: its own options (and `--help`) only. An unknown option is refused with the
 * nearest option of this command, and the commands that take it as written.
 */
function parseCommand(command: CliCommand, args: readonly string[], language: Lang): { positionals: string[]; help: boolean; values: Values } {
  const own = optionsOf(command);
  const options: Record<string, { type: "boolean" | "string"; multiple?: boolean; short?: string }> = { help: { type: "boolean", short: "h" } };
  for (const name of own) {
    const kind = OPTION_KINDS[name];
    options[name] = kind.type === "boolean" ? { type: "boolean" } : { type: "string", ...("multiple" in kind ? { multiple: true } : {}) };
  }
  // First pass, lenient: find options this command does not take, to name the nearest one it does.
  const { tokens } = parseArgs({ args: [...args], options, strict: false, allowPositionals: true, tokens: true });
  for (const token of tokens) {
    if (token.kind !== "option" || Object.hasOwn(options, token.name)) continue;
    const written = token.rawName;
    const near = written.startsWith("--") ? nearest(token.name, [...own, "help"]) : undefined;
    const takenBy = commandsTaking(token.name);
    throw new UsageError(
      tCli(language, "cli.unknown_option", { command, option: written, takenBy, ...(near !== undefined ? { suggestion: `--${near}` } : {}) }),
    );
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...args], options, strict: true, allowPositionals: true });
  } catch (e) {
    const code = typeof e === "object" && e !== null && "code" in e ? String((e as { code: unknown }).code) : "";
    if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
      const name = /'(-[-\w]+)/.exec((e as Error).message)?.[1] ?? "";
      const option = name.startsWith("--") ? name.slice(2) : name === "-h" ? "help" : name;
      const kind = (OPTION_KINDS as Record<string, { type: string }>)[option];
      throw new UsageError(tCli(language, "cli.option_value", { option: name, takesValue: kind?.type === "string" }));
    }
    throw e;
  }
  const v = parsed.values as Record<string, string | boolean | string[] | undefined>;
  return {
    positionals: parsed.positionals,
    help: v.help === true,
    values: {
      str: (name) => (typeof v[name] === "string" ? (v[name] as string) : undefined),
      bool: (name) => v[name] === true,
      list: (name) => (Array.isArray(v[name]) ? (v[name] as string[]) : []),
    },
  };
}

/** `{ key: value }` when the value is given, `{}` otherwise: for options objects without undefined fields. */
function given<K extends string, V extends string | number>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** `--max-work`: a whole number of steps, at least 1 (`20000000`, or written `20_000_000` / `2e7`). */
function maxWork(value: string | undefined, language: Lang): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value.replace(/_/g, ""));
  if (!Number.isSafeInteger(n) || n < 1) throw new UsageError(tCli(language, "cli.max_work", { got: JSON.stringify(value) }));
  return n;
}

/** Longest unit `--max-unit-bytes` may set: 1 GiB (as `runBatch`'s `maxUnitBytes`). */
const MAX_UNIT_BYTES_CEILING = 2 ** 30;
const SIZE_UNITS: Readonly<Record<string, number>> = { "": 1, kib: 2 ** 10, mib: 2 ** 20, gib: 2 ** 30 };

/** `--max-unit-bytes`: a whole number of bytes, optionally with KiB, MiB or GiB (`65536`, `512KiB`, `64MiB`), from 1 to 1 GiB. */
export function maxUnitBytes(value: string | undefined, language: Lang): number | undefined {
  if (value === undefined) return undefined;
  const m = /^\s*(\d[\d_]*)\s*(kib|mib|gib)?\s*$/i.exec(value);
  const n = m ? Number(m[1]!.replace(/_/g, "")) * SIZE_UNITS[(m[2] ?? "").toLowerCase()]! : Number.NaN;
  if (!Number.isSafeInteger(n) || n < 1 || n > MAX_UNIT_BYTES_CEILING)
    throw new UsageError(tCli(language, "cli.max_unit_bytes", { got: JSON.stringify(value), max: MAX_UNIT_BYTES_CEILING }));
  return n;
}

function run(command: Exclude<CliCommand, "help">, rest: string[], o: Values, io: Io): number | Promise<number> {
  const language = lang(o.str("lang") ?? "vi");
  const usage = (key: Parameters<typeof tCli>[1], params?: object) => new UsageError(tCli(language, key, params as never));
  switch (command) {
    case "validate":
      if (rest.length === 0) throw usage("cmd.takes", { command: "validate" });
      return validateCommand(rest, { json: o.bool("json"), lang: language, ...given("maxWork", maxWork(o.str("max-work"), language)) }, io);
    case "eval":
      if (o.str("set") !== undefined && o.str("sets") !== undefined) throw usage("cmd.set_and_sets");
      if (o.str("set") !== undefined)
        return inForceCommand(
          rest,
          {
            set: o.str("set")!,
            criteria: o.str("criteria") ?? bundledCriteriaDir(),
            json: o.bool("json"),
            lang: language,
            ...given("asOf", o.str("as-of")),
            ...given("applied", o.str("applied")),
            ...given("decided", o.str("decided")),
            ...given("record", o.str("record")),
          },
          io,
        );
      for (const only of ["criteria", "applied", "decided"] as const) if (o.str(only) !== undefined) throw usage("cmd.goes_with_set", { option: `--${only}` });
      return evalCommand(
        rest,
        {
          json: o.bool("json"),
          lang: language,
          ...given("asOf", o.str("as-of")),
          ...given("sets", o.str("sets")),
          ...given("record", o.str("record")),
          outOfForce: o.bool("out-of-force"),
          ...given("maxWork", maxWork(o.str("max-work"), lang(language))),
        },
        io,
      );
    case "test":
      return testCommand(
        rest,
        { json: o.bool("json"), lang: lang(language), coverage: o.bool("coverage"), requireBoth: o.bool("require-both"), ...given("sets", o.str("sets")) },
        io,
      );
    case "cases":
      return casesCommand(
        rest,
        { lang: lang(language), ...given("boundaries", o.str("boundaries")), ...given("out", o.str("out")), ...given("seed", o.str("seed")) },
        io,
      );
    case "report":
      return reportCommand(
        rest,
        {
          by: o.list("by"),
          format: o.str("format") ?? "text",
          decimals: o.str("decimals") ?? "1",
          lang: lang(language),
          ...given("set", o.str("set")),
          ...given("out", o.str("out")),
          ...given("maxUnitBytes", maxUnitBytes(o.str("max-unit-bytes"), language)),
        },
        io,
      );
    case "compile":
      return compileCommand(rest, { lang: language, ...given("out", o.str("out")) }, io);
    case "hash":
      if (rest.length === 0) throw usage("cmd.takes", { command: "hash" });
      return hashCommand(rest, { json: o.bool("json"), lang: language }, io);
    case "lock":
      if (rest.length > 0) throw usage("cmd.takes", { command: "lock" });
      return lockCommand(
        {
          check: o.bool("check"),
          update: o.bool("update"),
          acceptChanges: o.bool("accept-changes"),
          criteria: o.str("criteria") ?? "criteria",
          json: o.bool("json"),
          verbose: o.bool("verbose"),
          lang: language,
        },
        io,
      );
    case "diff":
      return diffCommand(rest, { json: o.bool("json"), lang: language }, io);
    case "impact":
      return impactCommand(
        rest,
        {
          json: o.bool("json"),
          lang: language,
          ...given("asOf", o.str("as-of")),
          ...given("sets", o.str("sets")),
          ...given("label", o.str("label")),
          ...given("maxUnitBytes", maxUnitBytes(o.str("max-unit-bytes"), language)),
        },
        io,
      );
    case "verify":
      return verifyCommand(rest, { json: o.bool("json"), lang: language, criteria: o.str("criteria") ?? bundledCriteriaDir() }, io);
    case "compose":
      return composeCommand(rest, { results: o.list("results"), lang: lang(language), ...given("out", o.str("out")) }, io);
    case "catalogue":
      if (rest.length > 0) throw usage("cmd.takes", { command: "catalogue" });
      return catalogueCommand({ ...given("sets", o.str("sets")), ...given("out", o.str("out")), lang: language }, io);
    case "batch":
      return batchCommand(
        rest,
        {
          quiet: o.bool("quiet"),
          explain: o.bool("explain"),
          compact: o.bool("compact"),
          stats: o.bool("stats"),
          outOfForce: o.bool("out-of-force"),
          ...given("out", o.str("out")),
          ...given("workers", o.str("workers")),
          ...given("asOf", o.str("as-of")),
          sets: o.str("sets") ?? bundledCriteriaDir(),
          ...given("format", o.str("format")),
          ...given("meta", o.str("meta")),
          ...given("delimiter", o.str("delimiter")),
          ...given("maxWork", maxWork(o.str("max-work"), lang(language))),
          ...given("maxUnitBytes", maxUnitBytes(o.str("max-unit-bytes"), lang(language))),
          lang: lang(language),
        },
        io,
      );
    case "template":
      return templateCommand(
        rest,
        { lang: lang(language), criteria: o.str("criteria") ?? "criteria", ...given("out", o.str("out")), ...given("asOf", o.str("as-of")) },
        io,
      );
    case "schema":
      if (rest.length > 0) throw usage("cmd.takes", { command: "schema" });
      return schemaCommand({ cases: o.bool("cases"), ...given("out", o.str("out")), lang: language }, io);
  }
}

/** Runs the CLI with arguments (without `node` and the script) and returns the exit code (a promise for batch). */
export function main(argv: readonly string[], raw: Io): number | Promise<number> {
  // Names, ids, case names and fields read from files are printed: none may rewrite the terminal.
  const io = safeIo(raw);
  let language = langIn(argv);
  let command: CliCommand | undefined;
  try {
    // Before the command: only --version, --help and --lang.
    let i = 0;
    let help = false;
    for (; i < argv.length && argv[i]!.startsWith("-"); i++) {
      const a = argv[i]!;
      if (a === "--version" || a === "-v") {
        io.out(`${VERSION}\n`);
        return EXIT.ok;
      }
      if (a === "--help" || a === "-h") help = true;
      else if (a === "--lang") language = lang(argv[++i] ?? "");
      else if (a.startsWith("--lang=")) language = lang(a.slice(7));
      else throw new UsageError(tCli(language, "cli.option_before_command", { option: a.split("=")[0]! }));
    }
    const name = argv[i];
    if (name === undefined) {
      io.out(mainHelp(language, io.columns));
      return help ? EXIT.ok : EXIT.usage;
    }
    if (!isCommand(name)) {
      const near = nearest(name, CLI_COMMANDS);
      throw new UsageError(tCli(language, "cli.unknown_command", { command: name, ...(near !== undefined ? { suggestion: near } : {}) }));
    }
    command = name;
    const { positionals, help: commandHelpAsked, values } = parseCommand(name, argv.slice(i + 1), language);
    if (values.str("lang") !== undefined) language = lang(values.str("lang")!);
    if (name === "help") {
      const about = positionals[0];
      if (positionals.length > 1) throw new UsageError(tCli(language, "cli.see_help", {}));
      if (about === undefined) {
        io.out(mainHelp(language, io.columns));
        return EXIT.ok;
      }
      if (!isCommand(about)) {
        const near = nearest(about, CLI_COMMANDS);
        throw new UsageError(tCli(language, "cli.unknown_command", { command: about, ...(near !== undefined ? { suggestion: near } : {}) }));
      }
      io.out(commandHelp(about, language, io.columns));
      return EXIT.ok;
    }
    if (help || commandHelpAsked) {
      io.out(commandHelp(name, language, io.columns));
      return EXIT.ok;
    }
    const code = run(name, positionals, values, io);
    // A command that answers later (batch, impact, template) fails later too: reported the same way.
    return typeof code === "number" ? code : code.catch(fail);
  } catch (e) {
    return fail(e);
  }

  function fail(e: unknown): number {
    if (e instanceof UsageError) {
      io.err(`tieuchi: ${e.message}\n${tCli(language, "cli.see_help", command !== undefined && command !== "help" ? { command } : {})}\n`);
      return EXIT.usage;
    }
    return report(e, io, language);
  }
}
