/**
 * Running one rule and classifying what happened: a value, missing data, not applicable, or an error.
 *
 * @module
 */
import { EvaluationError } from "../errors.js";
import type { Sink } from "../logic/compile.js";
import type { PreparedRule } from "../logic/engine.js";
import { Inapplicable, RuleValueError, type RatioMeasure } from "../logic/exact.js";
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

const MISSING: Outcome = { kind: "missing" };
const EMPTY_GROUP: Outcome = { kind: "not-applicable", reason: "empty-group" };
const DERIVED_NA: Outcome = { kind: "not-applicable", reason: "derived" };
const TRUE: Outcome = { kind: "value", value: true };
const FALSE: Outcome = { kind: "value", value: false };

/** The outcome of an exception thrown by a rule; anything not expected is a bug and is rethrown as such. */
function thrownOutcome(e: unknown): Outcome {
  if (e instanceof Inapplicable) return EMPTY_GROUP;
  if (e instanceof RuleValueError) return { kind: "error", message: e.message };
  if (e instanceof RangeError) return { kind: "error", message: `the rule could not be evaluated: ${e.message}` };
  throw new EvaluationError(`unexpected failure while evaluating a rule: ${e instanceof Error ? e.message : String(e)}`, [], e);
}

/** What the trace says about the outcome, before the rule's own value or exception. */
function traceOutcome(trace: Trace): Outcome | undefined {
  if (trace.missing.size > 0) return MISSING;
  if (trace.inapplicable) return DERIVED_NA;
  if (trace.error !== undefined) return { kind: "error", message: trace.error };
  return undefined;
}

/** Runs a prepared rule with a fresh trace; returns the outcome and the trace. */
export function runRule(rule: PreparedRule, scope: EvalScope): { outcome: Outcome; trace: Trace } {
  const trace = new Trace(scope);
  let value: unknown;
  let thrown: Outcome | undefined;
  try {
    value = rule(trace);
  } catch (e) {
    thrown = thrownOutcome(e);
  }
  return { outcome: traceOutcome(trace) ?? thrown ?? { kind: "value", value }, trace };
}

/**
 * Runs compiled rules without explanations: it keeps no record of values that were found, and starts a
 * {@link Trace} only when a rule meets an absent value or a derived value without one, so the statuses and
 * missing paths are those of a full trace.
 */
export class QuietRunner implements Sink {
  readonly full = false;
  /** The trace of the last rule run, if it needed one. */
  trace: Trace | null = null;

  constructor(readonly scope: EvalScope) {}

  read(base: unknown, rel: string, value: unknown): void {
    (this.trace ??= new Trace(this.scope)).read(base, rel, value);
  }

  measure(_m: RatioMeasure): void {}

  /** Runs a compiled rule on the unit's data. */
  run(rule: (data: unknown, sink: Sink) => unknown): Outcome {
    this.trace = null;
    let value: unknown;
    let thrown: Outcome | undefined;
    try {
      value = rule(this.scope.root, this);
    } catch (e) {
      thrown = thrownOutcome(e);
    }
    const t = this.trace === null ? undefined : traceOutcome(this.trace);
    return t ?? thrown ?? (value === true ? TRUE : value === false ? FALSE : { kind: "value", value });
  }
}
