/**
 * Resource limits on a criteria set and on the data it is evaluated against. Criteria files and unit data
 * are untrusted input: every size that could exhaust the stack, memory or time has a ceiling, and going over
 * it is a clear error naming the limit, never a crash. Each limit can be raised or lowered when a set is
 * loaded (`loadCriteriaSet(json, { limits: { maxCriteria: 2000 } })`).
 *
 * @module
 */
import { z } from "zod";
import { OptionsError } from "../errors.js";
import { msg } from "../i18n/index.js";
import { issueProblems } from "./issues.js";

// Ceilings on the limits themselves: the validators and evaluators recurse, so nesting limits stay within
// what the call stack holds on every supported platform, whatever the host configures.
/** The most `limits.maxJsonDepth` may be set to. */
export const JSON_DEPTH_CEILING = 1000;
const RULE_DEPTH_CEILING = 200;
const DATA_DEPTH_CEILING = 64;

/** Steps one unit's evaluation may take by default: about a second of work on a slow machine. */
const DEFAULT_MAX_WORK = 20_000_000;

const count = (max?: number) => (max === undefined ? z.number().int().positive() : z.number().int().positive().max(max));

/** The limits, with their defaults. Every field is optional when given as an option. */
export const Limits = z
  .object({
    maxJsonDepth: count(JSON_DEPTH_CEILING)
      .default(200)
      .describe("How deeply the criteria file's JSON may nest (objects and lists), checked before anything else."),
    maxCriteria: count().default(1000).describe("Most criteria in one set."),
    maxDerived: count().default(500).describe("Most derived values in one set."),
    maxInputs: count().default(1000).describe("Most declared inputs, counting the fields of records at every level."),
    maxDataDepth: count(DATA_DEPTH_CEILING)
      .default(8)
      .describe(
        "How deeply lists and records may nest in a unit's data. The inputs a set declares may not nest deeper, and data can never nest deeper than declared.",
      ),
    maxRuleDepth: count(RULE_DEPTH_CEILING).default(40).describe("How deeply operations may nest in one rule."),
    maxRuleNodes: count().default(5000).describe("Most parts (operations, literals, list entries) in one rule."),
    maxTotalRuleNodes: count().default(100_000).describe("Most parts in all the rules of a set together (derived values, criteria, tiers)."),
    maxArrayLength: count().default(100_000).describe("Most items in any list of a unit's data."),
    maxWork: z
      .number()
      .int()
      .positive()
      .max(Number.MAX_SAFE_INTEGER)
      .default(DEFAULT_MAX_WORK)
      .describe(
        "Most steps evaluating one unit may take: checked when the set is loaded (each part of a rule, times the most items of every list it goes through, nested lists multiplied; a list without maxItems counts as maxArrayLength items), and counted while a unit is evaluated.",
      ),
    maxStringLength: count().default(10_000).describe("Most characters (UTF-16 code units) in any text of a unit's data."),
  })
  .strict();

/** Limits in force: every field set. */
export type Limits = z.infer<typeof Limits>;
/** Limits as given in options: any subset, the rest take their defaults. */
export type LimitsInput = z.input<typeof Limits>;

/** The default limits. */
export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze(Limits.parse({}));

/**
 * Completes limits given as an option with the defaults.
 *
 * @throws {@link OptionsError} when a limit is unknown or not a positive whole number within its ceiling.
 */
export function resolveLimits(input: LimitsInput | undefined): Limits {
  if (input === undefined) return DEFAULT_LIMITS;
  const parsed = Limits.safeParse(input, { reportInput: true });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const path = ["limits", ...issue.path.map((p) => (typeof p === "number" ? p : String(p)))];
  throw new OptionsError(
    issue.code === "unrecognized_keys"
      ? msg("options.unknown_limits", { path, keys: issue.keys, known: Object.keys(Limits.shape) })
      : msg("options.bad_limit", { path, problem: issueProblems(issue, path)[0]! }),
    path,
  );
}
