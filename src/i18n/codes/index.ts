/**
 * Every message tieuchi writes, by key, with its parameters: the one list both catalogues (vi, en) follow.
 * Each area is declared in its own file; keys start with the area's name.
 *
 * @module
 */
import { CATALOGUE } from "./catalogue.js";
import { DECISION } from "./decision.js";
import { SHEET } from "./sheet.js";
import { EXPLAIN } from "./explain.js";
import type { AreaSpec, Sentences } from "../params.js";
import { DIFF } from "./diff.js";
import { ERRORS } from "./errors.js";
import { OPTIONS } from "./options.js";
import { PROBLEMS } from "./problems.js";
import { REPORTS } from "./reports.js";
import { TESTING } from "./testing.js";
import { VERIFY } from "./verify.js";
import { WORDS } from "./words.js";

/** Every message key with its parameters. */
export const SPEC = {
  ...WORDS,
  ...ERRORS,
  ...PROBLEMS,
  ...OPTIONS,
  ...TESTING,
  ...REPORTS,
  ...VERIFY,
  ...DIFF,
  ...CATALOGUE,
  ...DECISION,
  ...SHEET,
  ...EXPLAIN,
} as const satisfies AreaSpec;

/** The declared parameters of every message. */
export type Spec = typeof SPEC;
/** The key of a message in the catalogue. */
export type MessageKey = keyof Spec;
/** A language's catalogue: a sentence for every key, each taking that key's parameters. */
export type Catalogue = Sentences<Spec>;
