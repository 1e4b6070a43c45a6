/**
 * Runs one rule on one piece of data with the reference (json-logic-js) and with every form of the compiled
 * evaluator, and returns what each did: its value or exception, and its trace (values read by path, in
 * order; missing paths, in order; ratios compared; derived values found without a value).
 */
import { expect } from "vitest";
import { say } from "../../src/i18n/index.js";
import {
  QuietRunner,
  RAN_DERIVED_NA,
  RAN_EMPTY_GROUP,
  RAN_ERROR,
  RAN_FALSE,
  RAN_MISSING,
  RAN_TRUE,
  RAN_VALUE,
  runRule,
  type Outcome,
} from "../../src/evaluate/run.js";
import { compileRule, compileTest, prepareCompiled, TraceSink } from "../../src/logic/compile.js";
import type { PreparedRule } from "../../src/logic/engine.js";
import type { RatioMeasure } from "../../src/logic/exact.js";
import { prepareReference } from "../../src/logic/jsonlogic-js.js";
import { Trace, type DerivedState, type EvalScope } from "../../src/logic/trace.js";
import type { Rule } from "../../src/schema/rule.js";

/** A scope over any JSON data: every record (object) below the root gets its path, as `evaluate` gives them. */
export function scopeOf(root: unknown, derived: ReadonlyMap<string, DerivedState> = new Map()): EvalScope {
  const pathOf = new WeakMap<object, string>();
  const walk = (v: unknown, path: string) => {
    if (Array.isArray(v))
      v.forEach((x, i) => {
        walk(x, `${path}[${i}]`);
      });
    else if (typeof v === "object" && v !== null) {
      if (v !== root) pathOf.set(v, path);
      for (const [k, x] of Object.entries(v)) walk(x, path === "" ? k : `${path}.${k}`);
    }
  };
  walk(root, "");
  return { root: root as Record<string, unknown>, pathOf, derived };
}

/** What one run did. */
export interface Run {
  readonly value?: unknown;
  readonly thrown?: string;
  readonly reads: Array<[string, unknown]>;
  readonly missing: string[];
  readonly measures: RatioMeasure[];
  readonly inapplicable: boolean;
  readonly error: string | undefined;
}

function describeThrown(e: unknown): string {
  if (e instanceof Error) return `${e.constructor.name}: ${e.message}`;
  if (e && typeof e === "object" && "reason" in e) return `${(e as object).constructor.name}: ${String((e as { reason: unknown }).reason)}`;
  return String(e);
}

function runPrepared(rule: PreparedRule, scope: EvalScope): Run {
  const trace = new Trace(scope);
  let value: unknown;
  let thrown: string | undefined;
  try {
    value = rule(trace);
  } catch (e) {
    thrown = describeThrown(e);
  }
  return {
    ...(thrown === undefined ? { value } : { thrown }),
    reads: [...trace.reads.entries()],
    missing: [...trace.missing],
    measures: trace.measures,
    inapplicable: trace.inapplicable,
    error: trace.error === undefined ? undefined : say(trace.error, "en"),
  };
}

/** Same value, telling -0 from 0 and NaN equal to NaN; arrays item by item, anything else by identity. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  return Object.is(a, b);
}

function sameRun(a: Run, b: Run): boolean {
  return (
    a.thrown === b.thrown &&
    sameValue(a.value, b.value) &&
    a.reads.length === b.reads.length &&
    a.reads.every(([k, v], i) => k === b.reads[i]![0] && sameValue(v, b.reads[i]![1])) &&
    sameValue(a.missing, b.missing) &&
    JSON.stringify(a.measures) === JSON.stringify(b.measures) &&
    a.inapplicable === b.inapplicable &&
    a.error === b.error
  );
}

const show = (r: Run) =>
  JSON.stringify(r, (_k, v: unknown) =>
    typeof v === "number" && !Number.isFinite(v) ? String(v) : Object.is(v, -0) ? "-0" : v === undefined ? "(undefined)" : v,
  );

/** A run's outcome, as the criterion runner classifies it. */
function classify(o: Outcome): string {
  return o.kind === "value" ? `value` : o.kind === "not-applicable" ? `na:${o.reason}` : o.kind === "error" ? `error:${say(o.message, "en")}` : "missing";
}

/** The reference run, checked against every compiled form. Returns the reference run. */
export function differential(rule: Rule, data: unknown, derived?: ReadonlyMap<string, DerivedState>): Run {
  const scope = scopeOf(data, derived);
  const reference = runPrepared(prepareReference(rule), scope);
  const where = () => `rule ${JSON.stringify(rule)} on ${JSON.stringify(data)}\n  json-logic-js: ${show(reference)}`;

  // The Engine interface's form (exact own-property reads; the safety check aside) and the plain-data form evaluate() uses.
  const exact = runPrepared(prepareCompiled(rule), scope);
  if (!sameRun(reference, exact)) expect.fail(`${where()}\n  compiled:      ${show(exact)}`);
  const plainFn = compileRule(rule, { plainData: true });
  const plain = runPrepared((t) => plainFn(t.scope.root, new TraceSink(t)), scope);
  if (!sameRun(reference, plain)) expect.fail(`${where()}\n  compiled (plain data): ${show(plain)}`);

  // In a yes/no position: the truthiness of the same value, with the same trace.
  const testFn = compileTest(rule, { plainData: true });
  const tested = runPrepared((t) => testFn(t.scope.root, new TraceSink(t)), scope);
  const truth =
    reference.thrown === undefined ? { ...reference, value: Array.isArray(reference.value) ? reference.value.length > 0 : !!reference.value } : reference;
  if (!sameRun(truth, tested)) expect.fail(`${where()}\n  compiled test: ${show(tested)}`);

  // Without explanations: the same classification and missing paths as a full trace gives.
  let full: { outcome: Outcome; trace: Trace } | undefined;
  let fullThrown: string | undefined;
  try {
    full = runRule(prepareReference(rule), scope);
  } catch (e) {
    fullThrown = describeThrown(e);
  }
  const quiet = new QuietRunner(scope);
  let ran: number | undefined;
  let quietThrown: string | undefined;
  try {
    ran = quiet.exec(plainFn);
  } catch (e) {
    quietThrown = describeThrown(e);
  }
  expect(quietThrown, where()).toBe(fullThrown);
  if (full) {
    const kinds = ["value", "value", "value", "missing", "na:empty-group", "na:derived", "error"];
    const got = ran === RAN_ERROR ? `error:${say(quiet.message, "en")}` : kinds[ran!];
    expect(got, `quiet run of ${where()}`).toBe(classify(full.outcome));
    if (ran === RAN_MISSING) expect(quiet.missing(), where()).toEqual([...full.trace.missing]);
    if (full.outcome.kind === "value") {
      const v = ran === RAN_TRUE ? true : ran === RAN_FALSE ? false : ran === RAN_VALUE ? quiet.value : Symbol("none");
      expect(sameValue(v, full.outcome.value), `quiet value of ${where()}`).toBe(true);
    }
    void RAN_EMPTY_GROUP;
    void RAN_DERIVED_NA;
  }
  // The yes/no form without explanations, as `evaluate` runs criteria: the same classification, missing paths and truthiness.
  const quietTest = new QuietRunner(scope);
  let ranTest: number | undefined;
  let quietTestThrown: string | undefined;
  try {
    ranTest = quietTest.exec(testFn);
  } catch (e) {
    quietTestThrown = describeThrown(e);
  }
  expect(quietTestThrown, `quiet test of ${where()}`).toBe(fullThrown);
  if (full) {
    const kinds = ["value", "value", "value", "missing", "na:empty-group", "na:derived", "error"];
    const got = ranTest === RAN_ERROR ? `error:${say(quietTest.message, "en")}` : kinds[ranTest!];
    expect(got, `quiet test of ${where()}`).toBe(classify(full.outcome));
    if (ranTest === RAN_MISSING) expect(quietTest.missing(), `quiet test of ${where()}`).toEqual([...full.trace.missing]);
    if (full.outcome.kind === "value") {
      const want = Array.isArray(full.outcome.value) ? full.outcome.value.length > 0 : !!full.outcome.value;
      const got = ranTest === RAN_TRUE ? true : ranTest === RAN_FALSE ? false : ranTest === RAN_VALUE ? quietTest.value : Symbol("none");
      expect(got, `quiet test value of ${where()}`).toBe(want);
    }
  }
  return reference;
}
