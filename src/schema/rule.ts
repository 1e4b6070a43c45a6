import { z } from "zod";
import { checkText } from "./issues.js";
import { JSON_DEPTH_CEILING } from "./limits.js";

/**
 * A JsonLogic expression: a literal, an array of expressions, or a one-key object `{ "op": args }`.
 * Which operators may appear, and what `var` may read, is checked after the shape (see `logic/analyze`).
 */
export type Rule = null | boolean | number | string | Rule[] | { [operator: string]: Rule };

function isJson(value: unknown, depth: number): boolean {
  if (depth > JSON_DEPTH_CEILING) return false;
  if (value === null || typeof value === "boolean" || typeof value === "string") return true;
  if (typeof value === "number") return Number.isFinite(value);
  if (Array.isArray(value)) return value.every((v) => isJson(v, depth + 1));
  if (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype)
    return Object.keys(value).every((k) => isJson((value as Record<string, unknown>)[k], depth + 1));
  return false;
}

/**
 * Shape of a JsonLogic expression: any JSON value (operators and variables are checked by the analysis).
 * The value is kept as given rather than copied, so a key such as `__proto__` stays a key to be reported.
 */
export const Rule = z
  .custom<Rule>((v) => isJson(v, 0), { message: checkText("check.rule_json") })
  .describe('A JsonLogic expression, e.g. {">=": [{"var": "age"}, 6]}.');
