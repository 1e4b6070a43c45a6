/**
 * The command line's part of the message catalogue: its help and the messages about its arguments, in
 * Vietnamese (first) and English. It follows the library's rules (keys and parameters declared as data in
 * `codes/cli.ts`, one sentence per key and language) but is kept apart from the library's catalogue
 * (`CATALOGUES`), so that an app that bundles tieuchi for the browser does not carry the command line's help.
 *
 * @module
 */
import { CLI } from "./codes/cli.js";
import { cli as en } from "./en/cli.js";
import type { Lang } from "./lang.js";
import type { Args, Sentences } from "./params.js";
import { cli as vi } from "./vi/cli.js";

/** The command line's keys and their parameters. */
export const CLI_SPEC = CLI;
/** A key of the command line's catalogue. */
export type CliMessageKey = keyof typeof CLI;
/** The command line's sentences, in each language. */
export const CLI_CATALOGUES: { readonly [L in Lang]: Sentences<typeof CLI> } = { vi, en };

type CliParams<K extends CliMessageKey> = {} extends Args<(typeof CLI)[K]> ? [params?: Args<(typeof CLI)[K]>] : [params: Args<(typeof CLI)[K]>];

/** The command line's sentence of `key` with `params`, in one language. */
export function tCli<K extends CliMessageKey>(lang: Lang, key: K, ...params: CliParams<K>): string {
  return (CLI_CATALOGUES[lang][key] as (p: unknown) => string)(params[0] ?? {});
}
