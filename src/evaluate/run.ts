/**
 * Running rules and classifying what happened: a value, missing data, not applicable, or an error.
 *
 * @module
 */
import { EvaluationError } from "../errors.js";
import { type Message, msg } from "../i18n/index.js";
import type { Compiled, Sink } from "../logic/compile.js";
import type { PreparedRule } from "../logic/engine.js";
import { Inapplicable, type RatioMeasure, RuleValueError } from "../logic/exact.js";
import { type EvalScope, Trace } from "../logic/trace.js";

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

/** The outcome of an exception thrown by a rule; anything not expected is a bug and is rethrown as such. */
function thrownOutcome(e: unknown): Outcome {
  if (e instanceof Inapplicable) return { kind: "not-applicable", reason: "empty-group" };
  if (e instanceof RuleValueError) return { kind: "error", message: e.detail };
  if (e instanceof RangeError) return { kind: "error", message: msg("eval.range_error", { text: e.message }) };
  throw new EvaluationError(msg("eval.unexpected", { text: e instanceof Error ? e.message : String(e) }), [], e);
}

/** A runner's message before any rule has given an error. */
const NO_MESSAGE: Message = msg("eval.unexpected", { text: "no error" });

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

/** Where {@link classify} puts a rule's value (after {@link RAN_VALUE}) or message (after {@link RAN_ERROR}). */
interface Ran {
  value: unknown;
  message: Message;
}

/**
 * What running a rule came to, as a `RAN_` code: the one classifier, for every runner. What the rule's trace
 * says comes first (missing data wins over everything: a rule that needed it proves nothing; then a derived
 * value that has none; then an error a read met), then what the rule threw (an error, or a share of an empty
 * group), then its value.
 */
function classify(trace: Trace | null, thrown: Outcome | undefined, value: unknown, into: Ran): number {
  if (trace !== null) {
    if (trace.missing.size > 0) return RAN_MISSING;
    if (trace.inapplicable) return RAN_DERIVED_NA;
    if (trace.error !== undefined) {
      into.message = trace.error;
      return RAN_ERROR;
    }
  }
  if (thrown !== undefined) {
    if (thrown.kind === "error") {
      into.message = thrown.message;
      return RAN_ERROR;
    }
    return RAN_EMPTY_GROUP;
  }
  if (value === true) return RAN_TRUE;
  if (value === false) return RAN_FALSE;
  into.value = value;
  return RAN_VALUE;
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
  const into: Ran = { value, message: NO_MESSAGE };
  switch (classify(trace, thrown, value, into)) {
    case RAN_MISSING:
      return { outcome: { kind: "missing" }, trace };
    case RAN_DERIVED_NA:
      return { outcome: { kind: "not-applicable", reason: "derived" }, trace };
    case RAN_EMPTY_GROUP:
      return { outcome: { kind: "not-applicable", reason: "empty-group" }, trace };
    case RAN_ERROR:
      return { outcome: { kind: "error", message: into.message }, trace };
    default:
      return { outcome: { kind: "value", value }, trace };
  }
}

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
  /** The traces of the rules run since {@link TracingRunner.start}: the runner's own, reused for each criterion. */
  traces: Trace[] = [];
  private readonly pool: Trace[] = [];
  value: unknown;
  message: Message = NO_MESSAGE;
  constructor(
    private readonly scope: EvalScope,
    private readonly call: (rule: R, trace: Trace) => unknown,
  ) {}

  start(): void {
    // The last criterion's traces were read when its result was written: their objects serve again.
    if (this.traces.length > 0) this.traces = [];
  }

  exec(rule: R): number {
    const n = this.traces.length;
    let trace = this.pool[n];
    if (trace === undefined) this.pool.push((trace = new Trace(this.scope)));
    else trace.reset();
    this.traces.push(trace);
    let value: unknown;
    let thrown: Outcome | undefined;
    try {
      value = this.call(rule, trace);
    } catch (e) {
      thrown = thrownOutcome(e);
    }
    return classify(trace, thrown, value, this);
  }

  missing(): string[] {
    const out = new Set<string>();
    for (const t of this.traces) for (const m of t.missing) out.add(m);
    return [...out];
  }
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
    return classify(this.trace, thrown, value, this);
  }

  missing(): string[] {
    const t = this.trace;
    return t === null ? [] : [...t.missing];
  }
}
