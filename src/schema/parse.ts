/**
 * A criteria file's JSON as the schema sees it: strings NFC-normalised, and zod's issues turned into problems
 * (with a "did you mean" for a misspelt key). The checks beyond shape, and validation as a whole, sit above
 * the rule analysis in `src/check/`.
 *
 * @module
 */
import type { z } from "zod";
import { printable, problem, type Problem } from "../errors.js";
import { issuePath, issueProblems } from "./issues.js";
import { CriteriaSet } from "./criteria-set.js";
import { JSON_DEPTH_CEILING } from "./limits.js";
import { suggest } from "./suggest.js";

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
    return [
      "id",
      "title",
      "requirement",
      "group",
      "level",
      "article",
      "role",
      "mandatory",
      "points",
      "applies",
      "rule",
      "excludes",
      "pending",
      "explain",
      "notes",
    ];
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
