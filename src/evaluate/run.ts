/**
 * Running one rule and classifying what happened: a value, missing data, not applicable, or an error.
 *
 * @module
 */
import { EvaluationError } from "../errors.js";
import type { PreparedRule } from "../logic/engine.js";
import { Inapplicable, RuleValueError } from "../logic/exact.js";
import { Trace, type EvalScope } from "../logic/trace.js";

/** What running a rule came to. Missing data wins over everything else: a rule that needed it proves nothing. */
export type Outcome =
  | { readonly kind: "value"; readonly value: unknown }
  | { readonly kind: "missing" }
  | { readonly kind: "not-applicable"; readonly reason: "empty-group" | "derived" }
  | { readonly kind: "error"; readonly message: string };

/** JsonLogic truthiness: `[]` is false, as json-logic-js decides it. */
export function truthy(value: unknown): boolean {
  if (Array.isArray(value) && value.length === 0) return false;
  return !!value;
}

/** Runs a prepared rule with a fresh trace; returns the outcome and the trace. */
export function runRule(rule: PreparedRule, scope: EvalScope): { outcome: Outcome; trace: Trace } {
  const trace = new Trace(scope);
  let value: unknown;
  let thrown: Outcome | undefined;
  try {
    value = rule(trace);
  } catch (e) {
    if (e instanceof Inapplicable) thrown = { kind: "not-applicable", reason: "empty-group" };
    else if (e instanceof RuleValueError) thrown = { kind: "error", message: e.message };
    else if (e instanceof RangeError) thrown = { kind: "error", message: `the rule could not be evaluated: ${e.message}` };
    else throw new EvaluationError(`unexpected failure while evaluating a rule: ${e instanceof Error ? e.message : String(e)}`, [], e);
  }
  if (trace.missing.size > 0) return { outcome: { kind: "missing" }, trace };
  if (trace.inapplicable) return { outcome: { kind: "not-applicable", reason: "derived" }, trace };
  if (trace.error !== undefined) return { outcome: { kind: "error", message: trace.error }, trace };
  return { outcome: thrown ?? { kind: "value", value }, trace };
}
