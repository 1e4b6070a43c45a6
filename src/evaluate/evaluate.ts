/**
 * `evaluate(set, data, options)`: checks the unit's data against the declared inputs, decides titles of
 * sub-units given as data, computes derived values once, evaluates every criterion, applies the decision
 * rule and explains each step.
 *
 * The life of a unit, each step in its own module: the options checked (here); a generated module's quiet
 * result when one is attached and models the unit (`generated-result.ts`); else its data checked, the fast
 * check first and zod's copy for anything else (`unit-data.ts`), its work taken from the budget (here), the
 * titles of its sub-units decided (`titles.ts`), its record scope made (`scope.ts`), its derived values and
 * criteria run by the engine's runner (`criteria.ts`, `status.ts`, `run.ts`; over the completions of missing
 * data in `uncertain.ts`), the decision taken (`decision.ts`) and the result written (`results.ts`,
 * `groups.ts`).
 *
 * @module
 */
import {
  BudgetError,
  type CriteriaSetError,
  type EvaluationError,
  NotInForceError,
  OptionsError,
  type SetNotFoundError,
  TieuchiError,
  type UnitDataError,
} from "../errors.js";
import { msg } from "../i18n/index.js";
import type { Compiled } from "../logic/compile.js";
import type { PreparedRule } from "../logic/engine.js";
import { jsonLogicJsEngine } from "../logic/jsonlogic-js.js";
import { dataWork } from "../logic/work.js";
import { isIsoDate } from "../schema/common.js";
import type { CriteriaSetInput } from "../schema/criteria-set.js";
import { isInForce } from "../schema/dates.js";
import { DEFAULT_LIMITS } from "../schema/limits.js";
import type { CriterionResult, Result } from "../schema/result.js";
import { derive, evaluateCriteria } from "./criteria.js";
import { decide } from "./decision.js";
import { ENGINE_NAMES, ENGINES } from "./engines.js";
import { fastPathsOn } from "./fast-paths.js";
import { generatedResult } from "./generated-result.js";
import { isLoadedSet, type LoadedSet, loadCriteriaSet } from "./load.js";
import type { EvaluateOptions, RunContext } from "./options.js";
import { type Program, programOf } from "./program.js";
import { NONE, unitResult } from "./results.js";
import { QuietRunner, TracingRunner } from "./run.js";
import { UnitScope } from "./scope.js";
import { decideTitles } from "./titles.js";
import { checkedData, copiedData, labelOf } from "./unit-data.js";

export { ENGINE_NAMES, type EngineName, engineNamed } from "./engines.js";
export type { EvaluateOptions, SetResolver } from "./options.js";

/**
 * What {@link evaluate} takes as its set: a set from {@link loadCriteriaSet} (validated once: the fast way to
 * evaluate many units); the JSON of a criteria file, validated on every call (`tieuchi/criteria` exports each
 * bundled set so); or a set's id, to evaluate the version in force on `options.asOf` found in `options.sets`.
 */
export type SetToEvaluate = LoadedSet | CriteriaSetInput | string;

/** The errors {@link evaluate} throws for input it cannot use; anything else it throws is a bug. */
export type EvaluateError = CriteriaSetError | UnitDataError | OptionsError | SetNotFoundError | NotInForceError | EvaluationError;

/** What {@link safeEvaluate} returns: the result, or the error {@link evaluate} would have thrown. */
export type SafeEvaluation =
  | {
      /** The unit was evaluated. */
      readonly ok: true;
      /** What {@link evaluate} returns. */
      readonly result: Result;
    }
  | {
      /** The unit could not be evaluated. */
      readonly ok: false;
      /** Why: the error {@link evaluate} would have thrown, with its stable `code` (`ERR_UNIT_DATA`, ...). */
      readonly error: EvaluateError;
    };

/**
 * {@link evaluate} without exceptions, in the style of zod's `safeParse`: `{ ok: true, result }`, or `{ ok:
 * false, error }` with the typed error `evaluate` would have thrown. Only a bug (an error that is not a
 * `TieuchiError`) is still thrown.
 *
 * @example
 * ```ts
 * const outcome = safeEvaluate("cong-dan-hoc-tap", data, { asOf: "2024-06-01", sets: registry() });
 * if (outcome.ok) show(outcome.result.verdict);
 * else if (outcome.error instanceof UnitDataError) for (const p of outcome.error.problems) mark(p.path, p.message);
 * ```
 */
export function safeEvaluate(set: SetToEvaluate, data: unknown, options: EvaluateOptions = {}): SafeEvaluation {
  try {
    return { ok: true, result: evaluate(set, data, options) };
  } catch (e) {
    if (e instanceof TieuchiError) return { ok: false, error: e as EvaluateError };
    throw e;
  }
}

/**
 * Evaluates a criteria set against one unit's data.
 *
 * @param set - A set from {@link loadCriteriaSet}; the parsed JSON of a criteria file (loaded on the fly); or a
 *   set id, to evaluate the version in force on `options.asOf` found in `options.sets` (a registry).
 * @param data - The unit's data: an object with the inputs the set declares. It is checked against them before
 *   any rule runs (so it may come straight from `JSON.parse`), and never modified.
 * @returns The verdict, grade and points, each criterion's status with what it read and why, and the gap.
 * @throws {@link CriteriaSetError} if `set` is raw JSON that is not a valid set.
 * @throws {@link UnitDataError} listing every path where the data does not match the declared inputs.
 * @throws {@link OptionsError} for unusable options (a malformed `asOf`, an unknown engine, titles given as data
 *   without `sets`, a set id without `sets` and `asOf`).
 * @throws `SetNotFoundError` or `NotInForceError` when a set named by id has no version in force on `asOf`.
 * @throws `NotInForceError` (reason `outside-dates`) when the set given was not in force on `asOf`, unless
 *   `options.allowOutOfForce` is true.
 *
 * @example
 * ```ts
 * const result = evaluate(loadCriteriaSet(json), { thanhVien: [...] }, { asOf: "2024-12-01" });
 * result.verdict; // "pass" | "fail" | "incomplete"
 * ```
 */
export function evaluate(set: SetToEvaluate, data: unknown, options: EvaluateOptions = {}): Result {
  const { loaded, ctx } = prepareRun(set, options);
  return run(loaded, data, ctx);
}

/**
 * What {@link evaluate} does before it runs a unit: the options checked, the set loaded (or found by id) and
 * refused when out of force, the context of the call. {@link decide} shares it. @internal
 */
export function prepareRun(set: SetToEvaluate, options: EvaluateOptions): { loaded: LoadedSet; ctx: RunContext } {
  if (options.asOf !== undefined && !isIsoDate(options.asOf))
    throw new OptionsError(msg("options.as_of", { name: "asOf", got: JSON.stringify(options.asOf) }), ["asOf"]);
  const loaded = typeof set === "string" ? inForce(set, options) : isLoadedSet(set) ? set : loadCriteriaSet(set);
  refuseOutOfForce(loaded, options);
  const engine = options.engine ?? "compiled";
  if (!ENGINE_NAMES.includes(engine)) throw new OptionsError(msg("options.engine", { got: JSON.stringify(options.engine), known: ENGINE_NAMES }), ["engine"]);
  const limit = options.maxWork ?? DEFAULT_LIMITS.maxWork;
  if (!Number.isSafeInteger(limit) || limit < 1)
    throw new OptionsError(msg("options.range", { name: "maxWork", min: "1", max: String(Number.MAX_SAFE_INTEGER), got: JSON.stringify(options.maxWork) }), [
      "maxWork",
    ]);
  return { loaded, ctx: { options, engine, explain: options.explain ?? true, depth: 0, budget: { remaining: limit, limit } } };
}

/**
 * A unit's own context from a prepared one ({@link prepareRun}): the same options, engine and explanation, and a
 * fresh budget, so units of one batch never share their work count. @internal
 */
export function unitContext(ctx: RunContext): RunContext {
  const limit = ctx.budget.limit;
  return { options: ctx.options, engine: ctx.engine, explain: ctx.explain, depth: ctx.depth, budget: { remaining: limit, limit } };
}

/** A set named by id: the version in force on `asOf`, from `options.sets`. Both are needed: a date alone picks the version. */
function inForce(id: string, options: EvaluateOptions): LoadedSet {
  if (!options.sets) throw new OptionsError(msg("options.needs_sets", { set: id }), ["sets"]);
  if (options.asOf === undefined) throw new OptionsError(msg("options.needs_as_of", { set: id }), ["asOf"]);
  return options.sets.resolve(id, options.asOf);
}

/**
 * Throws `NotInForceError` (reason `outside-dates`) when `options.asOf` is outside the set's dates in force and
 * `options.allowOutOfForce` is not set: what {@link evaluate} does first. Batch runs call it before any unit. @internal
 */
export function refuseOutOfForce(loaded: LoadedSet, options: Pick<EvaluateOptions, "asOf" | "allowOutOfForce">): void {
  if (options.asOf === undefined || options.allowOutOfForce === true || isInForce(loaded.definition, options.asOf)) return;
  const asOf = options.asOf;
  const d = loaded.definition;
  throw new NotInForceError(
    d.id,
    asOf,
    "outside-dates",
    msg("set.outside_dates", { set: `${d.id}@${d.version}`, document: d.source.document, date: asOf, from: d.validFrom, to: d.validTo ?? undefined }),
  );
}

/**
 * The objects every result of the set shares (its stamp, the engine stamps): never changed, so writers
 * of many results may encode them once. Internal: not part of the public API.
 */
export function sharedResultParts(loaded: LoadedSet): object[] {
  const shape = programOf(loaded).shape;
  return [shape.stamp, ...shape.engines.values()];
}

/** Evaluates a unit (or a sub-unit, at `path`) of a set. @internal */
export function run(loaded: LoadedSet, data: unknown, ctx: RunContext, path = ""): Result {
  // A generated module decides quiet results of the units it models; anything else goes the general way.
  if (!ctx.explain && ctx.engine === "compiled") {
    const generated = generatedResult(loaded, data, ctx);
    if (generated !== undefined) return generated;
  }
  const program = programOf(loaded);
  const root = checkedData(loaded, program, data);
  spend(loaded, program, root, ctx, path);
  // The same record at two places needs two paths, which only zod's copy (fresh records) can give.
  return runOn(loaded, program, root, ctx) ?? (runOn(loaded, program, copiedData(loaded, data), ctx) as Result);
}

/**
 * Takes the unit's work from the budget, counted from its data (see `logic/work.ts`) before any rule runs.
 *
 * @throws {@link BudgetError} when it would take more than is left.
 */
function spend(loaded: LoadedSet, program: Program, root: Record<string, unknown>, ctx: RunContext, within: string): void {
  const budget = ctx.budget;
  const total = program.work(root, budget.remaining);
  if (total <= budget.remaining) {
    budget.remaining -= total;
    return;
  }
  // Over the budget: counted plan by plan, as the error reports the work counted when it stopped.
  let work = 0;
  for (const plan of loaded.analysis.plans) {
    work += dataWork(plan, root, budget.remaining - work);
    if (work > budget.remaining) throw new BudgetError(labelOf(loaded), within, work, budget.limit, budget.limit - budget.remaining);
  }
  budget.remaining -= work;
}

/**
 * The unit's result from its checked data, or undefined when the data holds one record object at two places
 * (its scope could not give each its path: see `scope.ts`).
 */
function runOn(loaded: LoadedSet, program: Program, root: Record<string, unknown>, ctx: RunContext): Result | undefined {
  const set = loaded.definition;
  const subResults = program.hasTitles ? decideTitles(set.inputs, root, ctx, run) : NONE;

  // The reference path decides a unit with missing data on json-logic-js too.
  const scope = new UnitScope(root, set.inputs, loaded, fastPathsOn() ? ENGINES[ctx.engine] : jsonLogicJsEngine);
  let criteria: CriterionResult[];
  // The reference path: asked for, or the fast paths are off (see fast-paths.ts).
  if (ctx.engine === "json-logic-js" || !fastPathsOn()) {
    const prepared = program.reference();
    const runner = new TracingRunner<PreparedRule>(scope, (rule, trace) => rule(trace));
    derive(prepared.derived, runner, scope);
    criteria = evaluateCriteria(prepared.criteria, runner, scope, loaded, ctx, subResults);
  } else if (ctx.explain) {
    // A trace is a sink: it records every read and ratio.
    const runner = new TracingRunner<Compiled>(scope, (rule, trace) => rule(trace.scope.root, trace));
    derive(program.derived, runner, scope);
    criteria = evaluateCriteria(program.criteria, runner, scope, loaded, ctx, subResults);
  } else {
    const runner = new QuietRunner(scope);
    derive(program.derived, runner, scope);
    criteria = evaluateCriteria(program.criteria, runner, scope, loaded, ctx, subResults);
  }
  if (scope.aliased) return undefined;
  const plans = program.plans;
  const decided = decide(
    set,
    criteria,
    scope.spans,
    (i) => plans[i]!.max,
    (i) => plans[i]!.naEarned,
  );
  return unitResult(loaded, decided, criteria, subResults, ctx);
}
