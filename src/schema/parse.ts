/**
 * Validating a criteria set: the zod schema first, then every check beyond shape. All problems are
 * reported together, each with its JSON path.
 *
 * @module
 */
import type { z } from "zod";
import { CriteriaSetError, printable, problem, type Problem } from "../errors.js";
import { issuePath, issueProblems } from "./issues.js";
import { suggest } from "../logic/analyze.js";
import { checkCriteriaSet, type SetAnalysis } from "./checks.js";
import { CriteriaSet } from "./criteria-set.js";
import { JSON_DEPTH_CEILING, resolveLimits, type LimitsInput } from "./limits.js";
import { preflight } from "./preflight.js";

/**
 * Copies a JSON value with every string NFC-normalised. Keys are copied as data, never as prototypes.
 * Values nested deeper than any configurable depth limit are left as they are (validation has refused them).
 */
export function normalizeStrings(value: unknown, depth = 0): unknown {
  if (depth > JSON_DEPTH_CEILING) return value;
  if (typeof value === "string") return value.normalize("NFC");
  if (Array.isArray(value)) return value.map((v) => normalizeStrings(v, depth + 1));
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      Object.defineProperty(out, key, {
        value: normalizeStrings((value as Record<string, unknown>)[key], depth + 1),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return value;
}

function keysExpectedAt(path: readonly PropertyKey[]): string[] {
  // Enough to suggest a fix for a misspelt key at the top level or in a criterion.
  const shape = CriteriaSet.shape as Record<string, unknown>;
  if (path.length === 0) return Object.keys(shape);
  if (path.length === 2 && path[0] === "criteria")
    return ["id", "title", "requirement", "group", "level", "article", "role", "mandatory", "points", "applies", "rule", "excludes", "pending", "explain", "notes"];
  return [];
}

/** Unknown keys beyond this many get no "did you mean" (suggesting costs time for each). */
export const MAX_SUGGESTIONS = 100;

/** Turns zod's issues on a criteria set (or a case file, lock file, audit record) into problems. */
export function schemaProblems(error: z.ZodError): Problem[] {
  const out: Problem[] = [];
  for (const issue of error.issues) {
    const path = issuePath(issue);
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        // A typo gets a suggestion; a file with thousands of stray keys is not worth a spelling check each.
        const hint = out.length < MAX_SUGGESTIONS ? suggest(key, keysExpectedAt(issue.path)) : undefined;
        out.push(problem("problem.unknown_key", [...path, key], { key: printable(key), suggestion: hint }));
      }
    } else out.push(...issueProblems(issue, path));
  }
  return out;
}

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
