/**
 * A unit's derived values and criteria, run in its scope: each derived value computed once (or recorded with
 * why it has none), then each criterion decided by the status state machine (`status.ts`), or over the
 * completions of the missing data when a rule read absent data (`uncertain.ts`), into its result object
 * (`results.ts`), explained when asked.
 *
 * @module
 */

import { criterionMessage, type MessageInput } from "../explain/messages.js";
import { msg, say } from "../i18n/index.js";
import { isBound } from "../logic/bounds.js";
import { NO_VALUES, type ReadValues, readValuesOf } from "../logic/trace.js";
import type { CriterionRules } from "../logic/walk.js";
import type { CriterionResult, Measure, SubResult } from "../schema/result.js";
import type { CriterionSpan } from "./decision.js";
import type { LoadedSet } from "./load.js";
import type { RunContext } from "./options.js";
import { type CriterionPlan, programOf } from "./program.js";
import { criterionResult, type Explained, NO_READS, NONE, OUTCOMES, pointsOf, type QuietCriterion, spanPoints, toReadValue } from "./results.js";
import { RAN_ERROR, RAN_FALSE, RAN_MISSING, RAN_TRUE, RAN_VALUE, type Runner } from "./run.js";
import { NO_DERIVED_STATES, type UnitScope } from "./scope.js";
import { type Decided, decideStatus } from "./status.js";

/** Computes the derived values in order; one that cannot be computed is recorded with why. */
export function derive<R>(derived: ReadonlyArray<readonly [string, R]>, runner: Runner<R>, scope: UnitScope): void {
  for (let i = 0; i < derived.length; i++) {
    const name = derived[i]![0];
    const rule = derived[i]![1];
    runner.start();
    const ran = runner.exec(rule);
    if (ran <= RAN_VALUE) {
      scope.root[name] = ran === RAN_TRUE ? true : ran === RAN_FALSE ? false : runner.value;
      continue;
    }
    if (scope.derived === NO_DERIVED_STATES) scope.derived = new Map();
    if (ran === RAN_MISSING) {
      // It read absent data: what it can be over the completions of the missing data.
      const missing = runner.missing();
      const bound = scope.uncertainty.derived(i);
      if (!isBound(bound)) {
        scope.root[name] = bound;
        continue;
      }
      scope.derived.set(name, { status: "missing", paths: bound.deps.size > 0 ? [...bound.deps] : missing, bound });
    } else if (ran === RAN_ERROR) scope.derived.set(name, { status: "error", message: msg("eval.derived", { name, reason: runner.message }) });
    else scope.derived.set(name, { status: "not-applicable" });
  }
}

/** Decides every criterion of the set, in order. */
export function evaluateCriteria<R>(
  rules: ReadonlyArray<CriterionRules<R>>,
  runner: Runner<R>,
  scope: UnitScope,
  loaded: LoadedSet,
  ctx: RunContext,
  subResults: readonly SubResult[],
): CriterionResult[] {
  const list = programOf(loaded).plans;
  const out = new Array<CriterionResult>(list.length);
  const explaining = ctx.explain ? explainingOf(scope, loaded, subResults) : undefined;
  const scratch: Decided = { status: "pass", reason: null, earned: 0, error: undefined };
  for (let i = 0; i < list.length; i++) out[i] = evaluateCriterion(i, list[i]!, rules[i]!, runner, scope, loaded, ctx, explaining, scratch);
  return out;
}

/**
 * What explaining a unit's criteria carries from one criterion to the next, made once per unit: the sub-units'
 * paths, and the input of the sentences with the function that writes them (filled in for each criterion, read at
 * once), so a criterion's explanation makes no object of its own beyond its result's fields.
 */
interface Explaining {
  readonly subPaths: ReadonlySet<string>;
  readonly input: { -readonly [K in keyof MessageInput]: MessageInput[K] };
  readonly message: (result: QuietCriterion) => CriterionResult["message"];
}

const NO_SUB_PATHS: ReadonlySet<string> = new Set();

function explainingOf(scope: UnitScope, loaded: LoadedSet, subResults: readonly SubResult[]): Explaining {
  const input: Explaining["input"] = {
    criterion: loaded.definition.criteria[0]!,
    result: undefined as unknown as QuietCriterion,
    error: undefined,
    values: NO_VALUES,
    measures: NONE,
    root: scope.root,
    labels: loaded.labels,
    absent: undefined,
  };
  return {
    subPaths: subResults.length === 0 ? NO_SUB_PATHS : new Set(subResults.map((s) => s.path)),
    input,
    message: (result) => {
      input.result = result;
      return criterionMessage(input);
    },
  };
}

/** One criterion: its rules run, its status decided, its result written (and explained when asked). */
function evaluateCriterion<R>(
  index: number,
  plan: CriterionPlan,
  p: CriterionRules<R>,
  runner: Runner<R>,
  scope: UnitScope,
  loaded: LoadedSet,
  ctx: RunContext,
  explaining: Explaining | undefined,
  d: Decided,
): CriterionResult {
  const c = plan.criterion;
  runner.start();
  decideStatus(c, p, plan.max, runner, d);
  // A rule read absent data: the criterion is decided over the completions of the missing data.
  if (d.status === "missing" && d.reason === "data") return uncertainCriterion(index, plan, scope, loaded, ctx, explaining);
  const status = d.status;
  const points = pointsOf(plan, status, d.earned, p.score !== undefined);
  const missing = status === "missing" ? runner.missing() : NONE;
  const error = d.error === undefined ? undefined : say(d.error, "en");
  if (explaining === undefined) return criterionResult(plan, status, OUTCOMES[status], d.reason, points, missing, error);

  const traces = runner.traces;
  let measures: Measure[] = NONE;
  for (let i = 0; i < traces.length; i++) {
    const m = traces[i]!.measures;
    // A trace's list of measures is its own until it is reused, when it gets a new one: one list is kept as it is.
    if (m.length > 0) measures = measures === NONE ? m : measures.concat(m);
  }
  const values = traces.length === 0 ? NO_VALUES : readValuesOf(traces, scope);
  const input = explaining.input;
  input.criterion = c;
  input.error = d.error;
  input.values = values;
  input.measures = measures;
  input.absent = undefined;
  return criterionResult(
    plan,
    status,
    OUTCOMES[status],
    d.reason,
    points,
    missing,
    error,
    shownOf(values, measures, missing, explaining.subPaths),
    explaining.message,
  );
}

/** The values read as a result shows them, and the sub-units' results they belong to (`subPaths`: the sub-units'). */
function shownOf(read: ReadValues, measures: Measure[], missing: readonly string[], subPaths: ReadonlySet<string>): Explained {
  let shown = NO_READS;
  const paths = read.paths;
  const values = read.values;
  for (let i = 0; i < paths.length; i++) {
    const r = toReadValue(values[i]);
    if (r !== undefined) (shown === NO_READS ? (shown = {}) : shown)[paths[i]!] = r;
  }
  return { values: shown, measures, subResults: subPaths.size === 0 ? NONE : linkedSubResults(paths, missing, subPaths) };
}

/** The sub-units' results the paths read (or missing) belong to, in the order met. */
function linkedSubResults(paths: readonly string[], missing: readonly string[], subPaths: ReadonlySet<string>): string[] {
  let subs: string[] = NONE;
  const link = (k: string) => {
    if (subPaths.has(k)) (subs === NONE ? (subs = []) : subs).push(k);
    else {
      // A level of a title held at levels (`xa[0].congDongHocTap.muc-1`) belongs to the title's sub-result.
      const dot = k.lastIndexOf(".");
      const title = dot > 0 ? k.slice(0, dot) : "";
      if (title && subPaths.has(title) && !subs.includes(title)) (subs === NONE ? (subs = []) : subs).push(title);
    }
  };
  for (const k of paths) link(k);
  // A level not known is read as missing: the sub-result says why.
  for (const k of missing) if (!paths.includes(k)) link(k);
  return subs;
}

/** A criterion decided over the completions of the missing data (see `uncertain.ts`), as a result. */
function uncertainCriterion(
  index: number,
  plan: CriterionPlan,
  scope: UnitScope,
  loaded: LoadedSet,
  ctx: RunContext,
  explaining: Explaining | undefined,
): CriterionResult {
  const c = plan.criterion;
  const u = scope.uncertainty.criterion(index, plan.max, plan.naEarned, ctx.explain);
  (scope.spans ??= new Array<CriterionSpan | undefined>(loaded.definition.criteria.length))[index] = u.span;
  const points = c.points === undefined ? null : spanPoints(plan, u.earned, u.possible);
  if (explaining === undefined) return criterionResult(plan, u.status, u.outcomes, u.reason, points, u.missing, u.error);
  const subPaths = explaining.subPaths;
  let values = NO_READS;
  let subs: string[] = NONE;
  for (const [k, v] of u.values) {
    const r = toReadValue(v);
    if (r !== undefined) (values === NO_READS ? (values = {}) : values)[k] = r;
    if (subPaths.has(k)) (subs === NONE ? (subs = []) : subs).push(k);
  }
  for (const k of u.missing) {
    const dot = k.lastIndexOf(".");
    const title = subPaths.has(k) ? k : dot > 0 && subPaths.has(k.slice(0, dot)) ? k.slice(0, dot) : "";
    if (title && !subs.includes(title)) (subs === NONE ? (subs = []) : subs).push(title);
  }
  const input = explaining.input;
  input.criterion = c;
  input.error = undefined;
  input.values = { paths: [...u.values.keys()], values: [...u.values.values()] };
  input.measures = NONE;
  input.absent = [...u.absentRead];
  return criterionResult(plan, u.status, u.outcomes, u.reason, points, u.missing, u.error, { values, measures: NONE, subResults: subs }, explaining.message);
}
