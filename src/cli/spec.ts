/**
 * What `tieuchi` accepts, as data: each command's options with their kind and the placeholder of their value.
 * The commands and which options each takes are listed once, in the message catalogue (`CLI_COMMANDS`,
 * `CLI_OPTIONS` in `src/i18n/codes/cli.ts`), beside their help sentences; this module adds how each option is
 * parsed. Parsing, help and the suggestions for a mistyped option all read from here.
 *
 * @module
 */
import { CLI_COMMANDS, CLI_OPTIONS, type CliCommand, type CLI_VALUES } from "../i18n/codes/cli.js";

export { CLI_COMMANDS, CLI_OPTIONS, type CliCommand };

/** An option's kind: a flag, or an option with a value (shown as the placeholder named here). */
export type OptionKind = { readonly type: "boolean" } | { readonly type: "string"; readonly value: (typeof CLI_VALUES)[number]; readonly multiple?: true };

const flag = { type: "boolean" } as const;
const value = (v: (typeof CLI_VALUES)[number]) => ({ type: "string", value: v }) as const;

/** Every option any command takes, with its kind (the same name means the same kind in every command). */
export const OPTION_KINDS = {
  "as-of": value("date"),
  "accept-changes": flag,
  "out-of-force": flag,
  "max-work": value("number"),
  "max-unit-bytes": value("size"),
  "require-both": flag,
  applied: value("date"),
  boundaries: value("set-file"),
  by: { type: "string", value: "fields", multiple: true },
  cases: flag,
  check: flag,
  compact: flag,
  coverage: flag,
  criteria: value("folder"),
  decided: value("date"),
  decimals: value("number"),
  delimiter: value("char"),
  explain: flag,
  format: value("format"),
  json: flag,
  label: value("field"),
  lang: value("lang"),
  meta: value("fields"),
  out: value("file"),
  quiet: flag,
  results: { type: "string", value: "list-results", multiple: true },
  record: value("file"),
  seed: value("text"),
  set: value("id"),
  sets: value("folder"),
  stats: flag,
  update: flag,
  verbose: flag,
  workers: value("number"),
} as const satisfies { readonly [O in (typeof CLI_OPTIONS)[CliCommand][number]]: OptionKind };

/** An option name. */
export type OptionName = keyof typeof OPTION_KINDS;

/** The placeholder an option shows where a command gives it another meaning (`report --set <set.json>`). */
export const VALUE_OVERRIDES: { readonly [C in CliCommand]?: { readonly [O in OptionName]?: (typeof CLI_VALUES)[number] } } = {
  report: { set: "set-file" },
};

/** True when `name` is a command of tieuchi. */
export function isCommand(name: string): name is CliCommand {
  return (CLI_COMMANDS as readonly string[]).includes(name);
}

/** The options a command takes, `--help` aside. */
export function optionsOf(command: CliCommand): readonly OptionName[] {
  return CLI_OPTIONS[command];
}

/** The commands that take an option of this name. */
export function commandsTaking(option: string): CliCommand[] {
  return CLI_COMMANDS.filter((c) => (CLI_OPTIONS[c] as readonly string[]).includes(option));
}

/** Edit distance between two short names (insertions, deletions, substitutions and swaps of neighbours). */
export function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  return d[a.length]![b.length]!;
}

/**
 * The name nearest to `name` among `candidates`, when it is near enough to be what was meant: at most two
 * edits (one for names of four letters or fewer), or `name` a prefix of exactly one candidate.
 */
export function nearest(name: string, candidates: readonly string[]): string | undefined {
  const prefixed = candidates.filter((c) => name.length >= 2 && c.startsWith(name));
  if (prefixed.length === 1) return prefixed[0];
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const dist = distance(name, c);
    if (dist < bestDistance) {
      best = c;
      bestDistance = dist;
    }
  }
  return bestDistance <= (name.length <= 4 ? 1 : 2) ? best : undefined;
}
