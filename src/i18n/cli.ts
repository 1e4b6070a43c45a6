/**
 * The command line's part of the message catalogue: its help, the messages about its arguments, and what its
 * commands print (usage errors, tables, summaries), in Vietnamese (first) and English. It follows the
 * library's rules (keys and parameters declared as data in `codes/cli.ts`, `codes/commands.ts` and
 * `codes/generate.ts` (why `compile` finds no generated evaluator), one
 * sentence per key and language) but is kept apart from the library's catalogue (`CATALOGUES`), so that an
 * app that bundles tieuchi for the browser does not carry the command line's words.
 *
 * @module
 */
import { CLI } from "./codes/cli.js";
import { COMMANDS } from "./codes/commands.js";
import { GENERATE, type Refusal } from "./codes/generate.js";
import { cli as en } from "./en/cli.js";
import { commands as enCommands } from "./en/commands.js";
import { generate as enGenerate } from "./en/generate.js";
import { prepareParams } from "./index.js";
import type { Lang } from "./lang.js";
import type { Args, Sentences } from "./params.js";
import { cli as vi } from "./vi/cli.js";
import { commands as viCommands } from "./vi/commands.js";
import { generate as viGenerate } from "./vi/generate.js";

/** The command line's keys and their parameters. */
export const CLI_SPEC = { ...CLI, ...COMMANDS, ...GENERATE } as const;
type CliSpec = typeof CLI_SPEC;
/** A key of the command line's catalogue. */
export type CliMessageKey = keyof CliSpec;
/** The command line's sentences, in each language. */
export const CLI_CATALOGUES: { readonly [L in Lang]: Sentences<CliSpec> } = {
  vi: { ...vi, ...viCommands, ...viGenerate },
  en: { ...en, ...enCommands, ...enGenerate },
};

// biome-ignore lint/complexity/noBannedTypes: `{} extends Params` asks whether every parameter is optional (then the argument may be left out).
type CliParams<K extends CliMessageKey> = {} extends Args<CliSpec[K]> ? [params?: Args<CliSpec[K]>] : [params: Args<CliSpec[K]>];

/** The command line's sentence of `key` with `params`, in one language (texts, messages and paths put into words first). */
export function tCli<K extends CliMessageKey>(lang: Lang, key: K, ...params: CliParams<K>): string {
  return (CLI_CATALOGUES[lang][key] as (p: unknown) => string)(prepareParams(CLI_SPEC[key], params[0] ?? {}, lang));
}

/** Why the generator refused a set (`notGenerated`), as a phrase in one language (`gen.*`). */
export function sayRefusal(lang: Lang, refusal: Refusal): string {
  return (CLI_CATALOGUES[lang][refusal.key] as (p: unknown) => string)(prepareParams(CLI_SPEC[refusal.key], refusal.params, lang));
}
