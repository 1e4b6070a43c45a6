/**
 * Running rules and classifying what happened: a value, missing data, not applicable, or an error.
 *
 * @module
 */
import { EvaluationError } from "../errors.js";
import { msg, type Message } from "../i18n/index.js";
import type { Compiled, Sink } from "../logic/compile.js";
import type { PreparedRule } from "../logic/engine.js";
import { Inapplicable, RuleValueError, type RatioMeasure } from "../logic/exact.js";
import { Trace, type EvalScope } from "../logic/trace.js";

/** What running a rule came to. Missing data wins over everything else: a rule that needed it proves nothing. */
export type Outcome =
  | { readonly kind: "value"; readonly value: unknown }
  | { readonly kind: "missing" }
  | { readonly kind: "not-applicable"; readonly reason: "empty-group" | "derived" }
  | { readonly kind: "error"; readonly message: Message };

/** JsonLogic truthiness: `[]` is false, as json-logic-js decides it. */
export function truthy(value: unknown): boolean {
  if (Array.isArray(value) && value.length === 0) return false;
  return !!value;
}

/**
 * Thrown (and caught by `evaluate`) when the unit's data holds the same record object at two places: the
 * data check keeps the caller's records, so paths cannot tell the two apart, and the unit is evaluated
 * again on a copy. Never escapes `evaluate`.
 */
export class AliasedRecords extends Error {}

/** The outcome of an exception thrown by a rule; anything not expected is a bug and is rethrown as such. */
function thrownOutcome(e: unknown): Outcome {
  if (e instanceof AliasedRecords) throw e;
  if (e instanceof Inapplicable) return { kind: "not-applicable", reason: "empty-group" };
  if (e instanceof RuleValueError) return { kind: "error", message: e.detail };
  if (e instanceof RangeError) return { kind: "error", message: msg("eval.range_error", { text: e.message }) };
  throw new EvaluationError(msg("eval.unexpected", { text: e instanceof Error ? e.message : String(e) }), [], e);
}

/** What the trace says about the outcome, before the rule's own value or exception. */
function traceOutcome(trace: Trace): Outcome | undefined {
  if (trace.missing.size > 0) return { kind: "missing" };
  if (trace.inapplicable) return { kind: "not-applicable", reason: "derived" };
  if (trace.error !== undefined) return { kind: "error", message: trace.error };
  return undefined;
}

/** A runner's message before any rule has given an error. */
const NO_MESSAGE: Message = msg("eval.unexpected", { text: "no error" });

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
 * An outcome as a number, so the common cases need no object: {@link RAN_TRUE} and {@link RAN_FALSE} for
 * the values true and false, {@link RAN_VALUE} for any other value (in `Runner.value`), then the kinds
 * without a value (at or above {@link RAN_MISSING}).
 */
export const RAN_TRUE = 0;
export const RAN_FALSE = 1;
export const RAN_VALUE = 2;
export const RAN_MISSING = 3;
export const RAN_EMPTY_GROUP = 4;
export const RAN_DERIVED_NA = 5;
/** The message is in `Runner.message`. */
export const RAN_ERROR = 6;

/** Runs the rules of one criterion (or a derived value) after another, keeping what results need. */
export interface Runner<R> {
  /** Starts a new criterion. */
  start(): void;
  /** Runs a rule; returns a `RAN_` code. */
  exec(rule: R): number;
  /** The value of the last rule, after {@link RAN_VALUE} (or true / false). */
  readonly value: unknown;
  /** The message of the last rule, after {@link RAN_ERROR}. */
  readonly message: Message;
  /** Paths of the values the criterion needed and did not find (after {@link RAN_MISSING}). */
  missing(): string[];
  /** Traces of the rules run since {@link Runner.start} (only a runner that explains keeps them). */
  readonly traces: readonly Trace[];
}

/** Runs rules with a full trace each: the reference engine, and the compiled one when explaining. */
export class TracingRunner<R> implements Runner<R> {
  traces: Trace[] = [];
  value: unknown;
  message: Message = NO_MESSAGE;
  constructor(
    private readonly scope: EvalScope,
    private readonly call: (rule: R, trace: Trace) => unknown,
  ) {}

  start(): void {
    this.traces = [];
  }

  exec(rule: R): number {
    const trace = new Trace(this.scope);
    this.traces.push(trace);
    let value: unknown;
    try {
      value = this.call(rule, trace);
    } catch (e) {
      const thrown = thrownOutcome(e);
      const fromTrace = traceCode(trace, this);
      if (fromTrace !== RAN_VALUE) return fromTrace;
      if (thrown.kind === "error") {
        this.message = thrown.message;
        return RAN_ERROR;
      }
      return RAN_EMPTY_GROUP;
    }
    const fromTrace = traceCode(trace, this);
    if (fromTrace !== RAN_VALUE) return fromTrace;
    if (value === true) return RAN_TRUE;
    if (value === false) return RAN_FALSE;
    this.value = value;
    return RAN_VALUE;
  }

  missing(): string[] {
    const out = new Set<string>();
    for (const t of this.traces) for (const m of t.missing) out.add(m);
    return [...out];
  }
}

/**
 * What the trace says about a rule's outcome, before its value or exception (as {@link runRule} decides):
 * {@link RAN_VALUE} when it says nothing.
 */
function traceCode(trace: Trace, runner: { message: Message }): number {
  if (trace.missing.size > 0) return RAN_MISSING;
  if (trace.inapplicable) return RAN_DERIVED_NA;
  if (trace.error !== undefined) {
    runner.message = trace.error;
    return RAN_ERROR;
  }
  return RAN_VALUE;
}

const NO_TRACES: readonly Trace[] = [];

/**
 * Runs compiled rules without explanations: it keeps no record of values that were found, and starts a
 * {@link Trace} only when a rule meets an absent value or a derived value without one, so the statuses and
 * missing paths are those of a full trace. A `missing` outcome ends a criterion at once, so the last rule's
 * trace holds every path the criterion lacks.
 */
export class QuietRunner implements Runner<Compiled>, Sink {
  readonly full = false;
  readonly traces = NO_TRACES;
  value: unknown;
  message: Message = NO_MESSAGE;
  /** The trace of the last rule run, if it needed one. */
  private trace: Trace | null = null;

  constructor(private readonly scope: EvalScope) {}

  read(base: unknown, rel: string, value: unknown): void {
    (this.trace ??= new Trace(this.scope)).read(base, rel, value);
  }

  measure(_m: RatioMeasure): void {}

  start(): void {
    this.trace = null;
  }

  exec(rule: Compiled): number {
    this.trace = null;
    let value: unknown;
    let thrown: Outcome | undefined;
    try {
      value = rule(this.scope.root, this);
    } catch (e) {
      thrown = thrownOutcome(e);
    }
    const trace = this.trace as Trace | null;
    if (trace !== null) {
      if (trace.missing.size > 0) return RAN_MISSING;
      if (trace.inapplicable) return RAN_DERIVED_NA;
      if (trace.error !== undefined) {
        this.message = trace.error;
        return RAN_ERROR;
      }
    }
    if (thrown !== undefined) {
      if (thrown.kind === "error") {
        this.message = thrown.message;
        return RAN_ERROR;
      }
      return RAN_EMPTY_GROUP;
    }
    if (value === true) return RAN_TRUE;
    if (value === false) return RAN_FALSE;
    this.value = value;
    return RAN_VALUE;
  }

  missing(): string[] {
    const t = this.trace;
    return t === null ? [] : [...t.missing];
  }
}
