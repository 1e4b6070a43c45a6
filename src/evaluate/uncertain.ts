/**
 * A criterion decided over every completion of the unit's missing data, from its rules' three-valued values
 * (`logic/bounds.ts`): which statuses some completion gives it, and the points each gives. `evaluate` comes here
 * only for a criterion whose rules read absent data; its status is then certain when every completion agrees.
 *
 * @module
 */
import { CAN_FALSE, CAN_TRUE, depsOf, isBound, numbersIn, thrown, truth, unionDeps, unknownOf, type Deps, type Val } from "../logic/bounds.js";
import type { BoundsEnv, BoundsRule } from "../logic/read-bounds.js";
import { pathIn, type DerivedState, type EvalScope } from "../logic/trace.js";
import type { Criterion } from "../schema/criteria-set.js";
import type { Outcome, Status, StatusReason } from "../schema/result.js";
import type { CriterionSpan, Span } from "./decision.js";
import type { CriterionRules, LoadedSet } from "./load.js";
import type { SetRules } from "./program.js";

/** What the completions of the missing data make of one criterion. */
export interface UncertainCriterion {
  readonly status: Status;
  readonly outcomes: Outcome[];
  readonly reason: StatusReason | null;
  /** Points: the lowest and highest any completion gives. */
  readonly earned: number;
  readonly possible: number;
  /** Absent paths whose value could change the status or points. */
  readonly missing: string[];
  /** The error some completion meets. */
  readonly error: string | undefined;
  /** For the decision: points by outcome. */
  readonly span: CriterionSpan;
}

/** Where an outcome comes from: the rules, the set's declaration for an empty group, or a false `applies`. */
type Source = "rule" | "empty" | "applies";

class Outcomes {
  pass: Span | null = null;
  fail: Span | null = null;
  na = false;
  error: string | null = null;
  pending = false;
  readonly sources = { pass: new Set<Source>(), fail: new Set<Source>(), na: new Set<Source>() };
  readonly deps: Deps[] = [];

  add(kind: "pass" | "fail", lo: number, hi: number, source: Source): void {
    const s = this[kind];
    this[kind] = s ? { lo: Math.min(s.lo, lo), hi: Math.max(s.hi, hi) } : { lo, hi };
    this.sources[kind].add(source);
  }

  addNa(source: Source): void {
    this.na = true;
    this.sources.na.add(source);
  }
}

/** The score's points: whole numbers from 0 to `max` some completion gives; whether an invalid score is possible. */
function scoreSpan(v: Val, max: number): { span: Span | null; invalid: boolean } {
  const n = numbersIn(v);
  let invalid = n.other;
  if (n.lo === undefined || n.hi === undefined) return { span: null, invalid: true };
  if (n.lo < 0 || n.hi > max || !n.int) invalid = true;
  const lo = Math.max(0, Math.ceil(n.lo));
  const hi = Math.min(max, Math.floor(n.hi));
  return { span: lo <= hi ? { lo, hi } : null, invalid };
}

/**
 * Decides a criterion over the completions of the missing data.
 *
 * @param max - The criterion's maximum points. @param naEarned - What it earns when not applicable.
 */
export function decideUncertain(c: Criterion, rules: CriterionRules<BoundsRule>, max: number, naEarned: number, env: BoundsEnv): UncertainCriterion {
  const o = new Outcomes();
  const declared = c.emptyGroup ?? "fail";
  const run = (r: BoundsRule): Val => {
    const v = r(env);
    if (isBound(v)) {
      // A share of an empty group gives the criterion the status its set declares; an error, an error.
      if (v.empty) {
        if (declared === "not-applicable") o.addNa("empty");
        else o.add(declared, declared === "pass" ? max : 0, declared === "pass" ? max : 0, "empty");
      }
      if (v.error !== null) o.error ??= v.error;
    }
    o.deps.push(depsOf(v));
    return v;
  };
  decideRules(c, rules, max, o, run);

  const outcomes: Outcome[] = [];
  if (o.pass) outcomes.push("pass");
  if (o.fail) outcomes.push("fail");
  if (o.na) outcomes.push("not-applicable");
  if (o.error !== null) outcomes.push("error");
  const status: Status = o.pending ? "missing" : outcomes.length === 1 ? outcomes[0]! : "missing";

  const lows: number[] = [];
  const highs: number[] = [];
  if (o.pass) lows.push(o.pass.lo), highs.push(o.pass.hi);
  if (o.fail) lows.push(o.fail.lo), highs.push(o.fail.hi);
  if (o.na) lows.push(naEarned), highs.push(naEarned);
  if (o.error !== null) lows.push(0), highs.push(max);
  const earned = c.points === undefined || lows.length === 0 ? 0 : Math.min(...lows);
  const possible = c.points === undefined || highs.length === 0 ? 0 : Math.max(...highs);

  let reason: StatusReason | null = null;
  // Not encoded: unless the missing data could still make it not applicable, which then decides.
  if (o.pending) reason = o.na ? "data" : "not-encoded";
  else if (status === "missing") reason = "data";
  else if (status === "not-applicable") reason = o.sources.na.has("applies") ? "applies-false" : "empty-group";
  else if ((status === "pass" || status === "fail") && [...o.sources[status]].every((s) => s === "empty")) reason = "empty-group";

  const certain = status !== "missing" && earned === possible;
  const missing = certain ? [] : [...unionDeps(...o.deps)];
  // An error counts as undecided for the decision: it could pass with every point or fail with none.
  const span: CriterionSpan = {
    pass: o.error !== null ? widen(o.pass, max, max) : o.pass,
    fail: o.error !== null ? widen(o.fail, 0, 0) : o.fail,
    na: o.na,
  };
  return { status, outcomes, reason, earned, possible, missing, error: o.error ?? undefined, span };
}

function widen(s: Span | null, lo: number, hi: number): Span {
  return s ? { lo: Math.min(s.lo, lo), hi: Math.max(s.hi, hi) } : { lo, hi };
}

/** Runs a criterion's rules in order (applies, then excludes, tiers, rule and score), as the two-valued path does. */
function decideRules(c: Criterion, rules: CriterionRules<BoundsRule>, max: number, o: Outcomes, run: (r: BoundsRule) => Val): void {
  if (rules.applies) {
    const bits = truth(run(rules.applies));
    if (bits & CAN_FALSE) o.addNa("applies");
    if (!(bits & CAN_TRUE)) return;
  }
  if (c.pending) {
    // The regulation's text is not known: every completion leaves it undecided.
    o.pending = true;
    o.add("pass", max, max, "rule");
    o.add("fail", 0, 0, "rule");
    return;
  }
  if (rules.excludes) {
    const bits = truth(run(rules.excludes));
    if (bits & CAN_TRUE) o.add("fail", 0, 0, "rule");
    if (bits & CAN_FALSE) o.add("pass", 0, 0, "rule");
    return;
  }
  if (rules.tiers) {
    for (const tier of rules.tiers) {
      const bits = truth(run(tier.when));
      if (bits & CAN_TRUE) o.add("pass", tier.points, tier.points, "rule");
      if (!(bits & CAN_FALSE)) return;
    }
    o.add("fail", 0, 0, "rule");
    return;
  }
  let bits = CAN_TRUE;
  if (rules.rule) {
    bits = truth(run(rules.rule));
    // A rule that only throws (a share of an empty group, an error) decides the criterion, as in the two-valued
    // path: its score is never read.
    if (bits === 0) return;
  }
  let points: Span = { lo: max, hi: max };
  let failPoints: Span = { lo: 0, hi: 0 };
  if (rules.score) {
    const s = scoreSpan(run(rules.score), max);
    if (s.invalid) o.error ??= `the score must be a whole number from 0 to ${max}`;
    if (s.span === null) return;
    points = s.span;
    failPoints = s.span;
  }
  if (bits & CAN_TRUE) o.add("pass", points.lo, points.hi, "rule");
  if (bits & CAN_FALSE) o.add("fail", failPoints.lo, failPoints.hi, "rule");
}

// ---------------------------------------------------------------------------------------------------------
// The rules of a set, prepared for three-valued evaluation

/** The scope `evaluate` runs a unit's rules in: its data, records' paths, and derived values' states. */
export interface UnitEvalScope extends EvalScope {
  readonly derived: ReadonlyMap<string, DerivedState>;
}

/**
 * Three-valued evaluation of one unit, made when its first rule reads absent data: its derived values and
 * criteria over the completions of the missing data.
 */
export class Uncertainty {
  /** Derived values without a plain value, as three-valued evaluation reads them. */
  private readonly derivedBounds: BoundsEnv["derived"];

  constructor(
    private readonly loaded: LoadedSet,
    /** The set's rules in three-valued form, for the engine of this evaluation (kept by the set's `Program`). */
    private readonly program: SetRules<BoundsRule>,
    private readonly scope: UnitEvalScope,
  ) {
    this.derivedBounds = {
      has: (name) => scope.derived.has(name),
      get: (name) => {
        const s = scope.derived.get(name)!;
        if (s.status === "missing") return s.bound !== undefined ? s.bound : unknownOf(null, name, false, Number.MAX_SAFE_INTEGER, new Set(s.paths));
        return s.status === "not-applicable" ? thrown("empty") : thrown("error", `derived value '${name}': ${s.message}`);
      },
    };
  }

  private env(found?: BoundsEnv["found"], absent?: BoundsEnv["absent"]): BoundsEnv {
    return {
      scope: this.scope,
      derived: this.derivedBounds,
      maxItems: this.loaded.limits.maxArrayLength,
      ...(found ? { found } : {}),
      ...(absent ? { absent } : {}),
    };
  }

  /** What derived value number `index` can be. */
  derived(index: number): Val {
    return this.program.derived[index]![1](this.env());
  }

  /**
   * Criterion number `index` over the completions of the missing data. With `explain`, also the values it read
   * (by path) and the absent paths it read, whether or not they could change it.
   */
  criterion(index: number, max: number, naEarned: number, explain: boolean): UncertainCriterion & { values: Map<string, unknown>; absentRead: Set<string> } {
    const values = new Map<string, unknown>();
    const absentRead = new Set<string>();
    const env = explain
      ? this.env(
          (base, rel, value) => values.set(pathIn(this.scope, base, rel), value),
          (path) => absentRead.add(path),
        )
      : this.env(undefined, (path) => absentRead.add(path));
    const c = this.loaded.definition.criteria[index]!;
    return { ...decideUncertain(c, this.program.criteria[index]!, max, naEarned, env), values, absentRead };
  }
}
