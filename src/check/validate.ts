/**
 * Validating a criteria set: its size first, then the zod schema, then every check beyond shape. All problems
 * are reported together, each with its JSON path.
 *
 * @module
 */
import { CriteriaSetError, type Problem } from "../errors.js";
import { CriteriaSet } from "../schema/criteria-set.js";
import { resolveLimits, type LimitsInput } from "../schema/limits.js";
import { normalizeStrings, schemaProblems } from "../schema/parse.js";
import { preflight } from "../schema/preflight.js";
import { checkCriteriaSet, type SetAnalysis } from "./checks.js";

/** Result of {@link validateCriteriaSet}. */
export type Validation =
  | { readonly ok: true; readonly set: CriteriaSet; readonly analysis: SetAnalysis; readonly problems: readonly [] }
  | { readonly ok: false; readonly problems: readonly Problem[] };

/** Options for validating a set. */
export interface ValidateOptions {
  /** Limits on the size of the set and of the data it accepts; any not given take their default (see `DEFAULT_LIMITS`). */
  readonly limits?: LimitsInput;
}

/**
 * Validates a criteria set without throwing: its size against the limits, its shape against the schema,
 * then the static checks (unique ids, declared variables, allowed operators, points, grades, dates).
 *
 * @param json - The parsed JSON of a criteria file.
 * @returns The set with defaults applied and its analysis, or every problem found.
 * @throws {@link OptionsError} when `options.limits` is not usable.
 */
export function validateCriteriaSet(json: unknown, options: ValidateOptions = {}): Validation {
  const limits = resolveLimits(options.limits);
  const tooBig = preflight(json, limits);
  if (tooBig.length > 0) return { ok: false, problems: tooBig };
  const parsed = CriteriaSet.safeParse(normalizeStrings(json), { reportInput: true });
  if (!parsed.success) return { ok: false, problems: schemaProblems(parsed.error) };
  const problems: Problem[] = [];
  const analysis = checkCriteriaSet(parsed.data, problems, limits);
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, set: parsed.data, analysis, problems: [] };
}

/**
 * Validates a criteria set and returns it with defaults applied.
 *
 * @param json - The parsed JSON of a criteria file.
 * @param source - Where it came from (a file name), used in the error message.
 * @throws {@link CriteriaSetError} listing every problem.
 * @throws {@link OptionsError} when `options.limits` is not usable.
 */
export function parseCriteriaSet(json: unknown, source?: string, options: ValidateOptions = {}): CriteriaSet {
  const v = validateCriteriaSet(json, options);
  if (!v.ok) throw new CriteriaSetError(v.problems, source);
  return v.set;
}
