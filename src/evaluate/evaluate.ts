/**
 * `evaluate(set, data, options)`: checks the unit's data against the declared inputs, decides titles of
 * sub-units given as data, computes derived values once, evaluates every criterion, applies the decision
 * rule and explains each step.
 *
 * @module
 */
import {
  BudgetError,
  NotInForceError,
  OptionsError,
  problem,
  RegistryError,
  TieuchiError,
  UnitDataError,
  type CriteriaSetError,
  type EvaluationError,
  type JsonPath,
  type Problem,
  type SetNotFoundError,
} from "../errors.js";
import { msg, say, type Message } from "../i18n/index.js";
import { issuePath, issueProblems } from "../schema/issues.js";
import { criterionMessage, verdictMessage } from "../explain/messages.js";
import type { Compiled } from "../logic/compile.js";
import type { PreparedRule } from "../logic/engine.js";
import { itemPath, joinPath, type DerivedState, type EvalScope } from "../logic/trace.js";
import { dataWork, workCounter } from "../logic/work.js";
import { isIsoDate } from "../schema/common.js";
import { DEFAULT_LIMITS } from "../schema/limits.js";
import type { Criterion, CriteriaSetInput } from "../schema/criteria-set.js";
import type { InputSpec, Inputs, TitleInput } from "../schema/inputs.js";
import {
  Result as ResultSchema,
  type CriterionResult,
  type GroupResult,
  type Measure,
  type Outcome,
  type ReadValue,
  type Result,
  type Status,
  type SubResult,
} from "../schema/result.js";
import { constraintProblems } from "../schema/constraints.js";
import { isInForce } from "../schema/dates.js";
import { dataProblems } from "./data.js";
import { decide } from "./decision.js";
import { isLoadedSet, loadCriteriaSet, type CriterionRules, type LoadedSet } from "./load.js";
import { fastPathsOn } from "./fast-paths.js";
import { programOf, type CriterionPlan, type Program, type SetShape } from "./program.js";
import { ENGINE_NAMES, ENGINES, type EngineName } from "./engines.js";
import { generatedOf } from "./generated.js";
import { GEN_REASON, GEN_STATUS } from "../generate/module.js";
import { isBound } from "../logic/bounds.js";
import { Uncertainty } from "./uncertain.js";
import type { CriterionSpan } from "./decision.js";
import {
  AliasedRecords,
  QuietRunner,
  RAN_DERIVED_NA,
  RAN_EMPTY_GROUP,
  RAN_ERROR,
  RAN_FALSE,
  RAN_MISSING,
  RAN_TRUE,
  RAN_VALUE,
  TracingRunner,
  truthy,
  type Runner,
} from "./run.js";
import { jsonLogicJsEngine } from "../logic/jsonlogic-js.js";
import type { Engine } from "../logic/engine.js";

/** Finds the set that decides a title of a sub-unit (a registry implements this). */
export interface SetResolver {
  /** The set with this id, in force on `asOf` when given. Throws `SetNotFoundError` when there is none. */
  resolve(id: string, asOf?: string): LoadedSet;
}

export { ENGINE_NAMES, engineNamed, type EngineName } from "./engines.js";

/** Options of {@link evaluate}. */
export interface EvaluateOptions {
  /**
   * The date the title is decided for (YYYY-MM-DD). Recorded in the result, which says whether the set was in
   * force then; picks the version when the set is given by id, and the versions of sub-units' sets.
   */
  readonly asOf?: string;
  /** Build per-criterion values, measures and sentences (default true). Off, a result carries statuses and points only. */
  readonly explain?: boolean;
  /**
   * Which evaluator runs the rules: `compiled` (default; the set is compiled once into closures, CSP-safe) or
   * `json-logic-js` (the reference it is tested against). Both give the same result, but for `engine.evaluator`.
   */
  readonly engine?: EngineName;
  /** Where to find the sets that decide titles of sub-units given as data, and the set when it is given by id. */
  readonly sets?: SetResolver;
  /**
   * Evaluate a set given as a version on an `asOf` outside its dates in force (default false). Without it,
   * such a call throws `NotInForceError`: what a version not in force then says is not the verdict for that
   * date. With it, the result has `inForce: false` and the verdict that version would give, for comparisons
   * (impact, replays, "what if"), never as the title for `asOf`.
   */
  readonly allowOutOfForce?: boolean;
  /**
   * Most steps evaluating this unit may take, sub-units' titles included (default 20,000,000, as
   * `DEFAULT_LIMITS.maxWork`). The unit's work is counted from its data before any rule runs (each part of a rule,
   * times the items of the lists it goes through); over the budget, `BudgetError` (`ERR_BUDGET`) is thrown and
   * no rule runs. It is apart from the set's `limits.maxWork`, which bounds what any unit of the set could take
   * when the set is loaded: a set loaded with that limit raised still holds each unit to this budget.
   */
  readonly maxWork?: number;
}

const MAX_NESTING = 4;

interface Context {
  readonly options: EvaluateOptions;
  readonly engine: EngineName;
  readonly explain: boolean;
  readonly depth: number;
  /** The steps the unit may still take, shared with the sub-units whose titles it decides. */
  readonly budget: { remaining: number; readonly limit: number };
}

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
  return run(loaded, data, { options, engine, explain: options.explain ?? true, depth: 0, budget: { remaining: limit, limit } });
}

/**
 * Takes the unit's work from the budget, counted from its data (see `logic/work.ts`) before any rule runs.
 *
 * @throws {@link BudgetError} when it would take more than is left.
 */
function spend(loaded: LoadedSet, root: Record<string, unknown>, ctx: Context, within: string): void {
  const budget = ctx.budget;
  const total = workOf(loaded)(root, budget.remaining);
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

/** A set named by id: the version in force on `asOf`, from `options.sets`. Both are needed: a date alone picks the version. */
const counters = new WeakMap<LoadedSet, (base: unknown, stop: number) => number>();

/** The set's work counter: the sum of every plan's work on a unit, counted in one walk (see `logic/work.ts`). */
function workOf(loaded: LoadedSet): (base: unknown, stop: number) => number {
  let counter = counters.get(loaded);
  if (!counter) {
    counter = workCounter(loaded.analysis.plans);
    counters.set(loaded, counter);
  }
  return counter;
}

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

/** The scope rules run in. The paths of records are worked out only when a rule needs one (a missing value or an explanation). */
class UnitScope implements EvalScope {
  private paths: WeakMap<object, string> | undefined;
  private threeValued: Uncertainty | undefined;
  derived: Map<string, DerivedState> = NO_DERIVED_STATES;
  /** What the completions of the missing data make of each criterion decided over them (undefined until one is). */
  spans: (CriterionSpan | undefined)[] | undefined;

  constructor(
    readonly root: Record<string, unknown>,
    private readonly inputs: Inputs,
    private readonly loaded: LoadedSet,
    private readonly engine: Engine,
  ) {}

  /** Three-valued evaluation of this unit, made when a rule first reads absent data. */
  get uncertainty(): Uncertainty {
    return (this.threeValued ??= new Uncertainty(this.loaded, programOf(this.loaded).bounds(this.engine), this));
  }

  get pathOf(): WeakMap<object, string> {
    if (this.paths === undefined) {
      this.paths = new WeakMap();
      recordPaths(this.inputs, this.root, "", this.paths);
    }
    return this.paths;
  }
}

const NO_DERIVED_STATES: Map<string, DerivedState> = new Map();
const NO_VALUES: ReadonlyMap<string, unknown> = new Map();

/** The path of every record (object) in the unit's inputs. */
function recordPaths(fields: Inputs, obj: Record<string, unknown>, base: string, pathOf: WeakMap<object, string>): void {
  for (const name in fields) {
    const spec = fields[name]!;
    if (spec.type !== "object" && spec.type !== "array") continue;
    const value = obj[name];
    if (value === undefined || value === null) continue;
    recordValuePaths(spec, value, joinPath(base, name), pathOf);
  }
}

function recordValuePaths(spec: InputSpec, value: unknown, path: string, pathOf: WeakMap<object, string>): void {
  if (spec.type === "object") {
    if (pathOf.has(value as object)) throw new AliasedRecords();
    pathOf.set(value as object, path);
    recordPaths(spec.fields, value as Record<string, unknown>, path, pathOf);
  } else if (spec.type === "array") {
    const list = value as unknown[];
    for (let i = 0; i < list.length; i++) {
      const item = list[i];
      if (item !== null && item !== undefined) recordValuePaths(spec.items, item, itemPath(path, i), pathOf);
    }
  }
}

function validate(loaded: LoadedSet, program: Program, data: unknown): Record<string, unknown> {
  const fast = fastPathsOn() ? program.check(data) : undefined;
  const checked = fast !== undefined ? fast : copied(loaded, data);
  const constraints = loaded.definition.constraints;
  if (constraints.length > 0) {
    // A part larger than its whole is data no real unit has: invalid, at the part's path.
    const problems = constraintProblems(constraints, loaded.definition.inputs, checked);
    if (problems.length > 0) throw new UnitDataError(problems, labelOf(loaded));
  }
  return checked;
}

/** The data as the zod schema gives it: checked, and a copy made of fresh records. */
function copied(loaded: LoadedSet, data: unknown): Record<string, unknown> {
  const parsed = loaded.dataSchema.safeParse(data, { reportInput: true });
  if (!parsed.success) throw new UnitDataError(dataProblems(parsed.error, loaded.definition.inputs), labelOf(loaded));
  return parsed.data as Record<string, unknown>;
}

function labelOf(loaded: LoadedSet): string {
  return `${loaded.definition.id}@${loaded.definition.version}`;
}

/**
 * The objects every result of the set shares (its stamp, the engine stamps): never changed, so writers
 * of many results may encode them once. Internal: not part of the public API.
 */
export function sharedResultParts(loaded: LoadedSet): object[] {
  const shape = programOf(loaded).shape;
  return [shape.stamp, ...shape.engines.values()];
}

/** A status's position in {@link STATUS_ORDER}. */
function statusCode(s: Status): number {
  return s === "pass" ? 0 : s === "fail" ? 1 : s === "missing" ? 2 : s === "not-applicable" ? 3 : 4;
}

/**
 * A group's count of each status, keys in the order the statuses first occur. `order` holds the status codes
 * plus one, the first in the lowest three bits. Written with one named property per status, not a key
 * computed per criterion: V8 then builds every such object along the same few shapes.
 */
function statusCounts(order: number, counts: readonly number[]): Partial<Record<Status, number>> {
  const out: Partial<Record<Status, number>> = {};
  for (; order !== 0; order >>>= 3) {
    const code = (order & 7) - 1;
    const n = counts[code]!;
    if (code === 0) out.pass = n;
    else if (code === 1) out.fail = n;
    else if (code === 2) out.missing = n;
    else if (code === 3) out["not-applicable"] = n;
    else out.error = n;
  }
  return out;
}

/** Each group's points and how many of its criteria have each status (in the order statuses first occur). */
function groupResults(loaded: LoadedSet, shape: SetShape, criteria: readonly CriterionResult[]): GroupResult[] {
  const groups = loaded.definition.groups;
  const out = new Array<GroupResult>(groups.length);
  const counts = [0, 0, 0, 0, 0];
  for (let g = 0; g < groups.length; g++) {
    const group = groups[g]!;
    const members = shape.groupMembers[g]!;
    let earned = 0;
    let max = 0;
    let order = 0;
    let shift = 0;
    counts[0] = counts[1] = counts[2] = counts[3] = counts[4] = 0;
    for (let i = 0; i < members.length; i++) {
      const c = criteria[members[i]!]!;
      const code = statusCode(c.status);
      const seen = counts[code]!;
      if (seen === 0) {
        order |= (code + 1) << shift;
        shift += 3;
      }
      counts[code] = seen + 1;
      if (c.points !== null) {
        earned += c.points.earned;
        max += c.points.max;
      }
    }
    out[g] = { id: group.id, title: group.title, earned, max, statuses: statusCounts(order, counts) };
  }
  return out;
}

function run(loaded: LoadedSet, data: unknown, ctx: Context, path = ""): Result {
  // A generated module decides quiet results of the units it models; anything else goes the general way. The
  // unit's work is counted first, as the general way counts it: over the budget, the general way decides (and
  // refuses it after its data check, so the error is the same either way).
  if (!ctx.explain && ctx.engine === "compiled") {
    const generated = generatedOf(loaded);
    if (generated !== undefined) {
      const remaining = ctx.budget.remaining;
      const work = workOf(loaded)(data, remaining);
      // The module checks the data's shape, not the constraints between inputs: a unit that breaks one goes
      // the general way, which refuses it.
      const constraints = loaded.definition.constraints;
      if (
        work <= remaining &&
        generated.run(data, generated.out) &&
        (constraints.length === 0 || constraintProblems(constraints, loaded.definition.inputs, data).length === 0)
      ) {
        ctx.budget.remaining -= work;
        return fromGenerated(loaded, generated.out, ctx);
      }
    }
  }
  const program = programOf(loaded);
  const root = validate(loaded, program, data);
  spend(loaded, root, ctx, path);
  try {
    return runOn(loaded, program, root, ctx);
  } catch (e) {
    // The same record at two places: paths need two records, which zod's copy has.
    if (e instanceof AliasedRecords) return runOn(loaded, program, copied(loaded, data), ctx);
    throw e;
  }
}

function runOn(loaded: LoadedSet, program: Program, root: Record<string, unknown>, ctx: Context): Result {
  const set = loaded.definition;
  const subResults: SubResult[] = [];
  if (program.hasTitles) decideTitles(set.inputs, root, "", [], subResults, ctx);

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
  const plans = program.plans;
  const decided = decide(
    set,
    criteria,
    scope.spans,
    (i) => plans[i]!.max,
    (i) => plans[i]!.naEarned,
  );
  return assemble(loaded, decided, criteria, subResults, ctx);
}

/** The result of a unit whose criteria a generated module decided (three numbers a criterion in `out`). */
function fromGenerated(loaded: LoadedSet, out: Int32Array, ctx: Context): Result {
  const program = programOf(loaded);
  const list = program.plans;
  const rules = program.criteria;
  const criteria = new Array<CriterionResult>(list.length);
  for (let i = 0; i < list.length; i++)
    criteria[i] = quietCriterion(list[i]!, GEN_STATUS[out[3 * i]!]!, GEN_REASON[out[3 * i + 1]!]!, out[3 * i + 2]!, rules[i]!.score !== undefined);
  // Complete data only reaches here (anything missing went back to the general evaluator): no spans.
  const decided = decide(
    loaded.definition,
    criteria,
    undefined,
    (i) => list[i]!.max,
    (i) => list[i]!.naEarned,
  );
  return assemble(loaded, decided, criteria, [], ctx);
}

/** A criterion's quiet result from its status, reason and points, as {@link evaluateCriterion} builds it. */
function quietCriterion(plan: CriterionPlan, status: Status, reason: CriterionResult["reason"], decidedEarned: number, hasScore: boolean): CriterionResult {
  const c = plan.criterion;
  const earned = status === "pass" || (status === "fail" && hasScore) ? decidedEarned : status === "not-applicable" ? plan.naEarned : 0;
  const possible = status === "missing" || status === "error" ? plan.max : earned;
  const points = c.points === undefined ? null : { earned, possible, max: plan.max };
  return {
    id: c.id,
    title: c.title,
    group: plan.group,
    level: plan.level,
    role: c.role,
    mandatory: plan.mandatory,
    status,
    outcomes: OUTCOMES[status],
    reason,
    points,
    missing: [],
  };
}

/** The result object around the decided criteria. */
function assemble(loaded: LoadedSet, decided: ReturnType<typeof decide>, criteria: CriterionResult[], subResults: SubResult[], ctx: Context): Result {
  const set = loaded.definition;
  const shape = programOf(loaded).shape;
  const groups = groupResults(loaded, shape, criteria);

  const asOf = ctx.options.asOf ?? null;
  // The stamp and engine objects are shared by every result of the set, like the titles they hold.
  const stamp = shape.stamp;
  const inForce = asOf === null ? null : isInForce(set, asOf);
  const engine = shape.engines.get(ctx.engine)!;
  // Two literals rather than a spread, so every result has the same shape (and is built quickly).
  if (!ctx.explain)
    return {
      format: "tieuchi/result@1",
      set: stamp,
      asOf,
      inForce,
      verdict: decided.verdict,
      grade: decided.grade,
      gradeFinal: decided.gradeFinal,
      highestGrade: decided.highestGrade,
      points: decided.points,
      levels: decided.levels,
      groups,
      criteria,
      gap: decided.gap,
      subResults,
      engine,
    };
  return {
    format: "tieuchi/result@1",
    set: stamp,
    asOf,
    inForce,
    verdict: decided.verdict,
    grade: decided.grade,
    gradeFinal: decided.gradeFinal,
    highestGrade: decided.highestGrade,
    points: decided.points,
    levels: decided.levels,
    groups,
    criteria,
    gap: decided.gap,
    message: verdictMessage(set, decided, loaded.labels),
    subResults,
    engine,
  };
}

/** Computes the derived values in order; one that cannot be computed is recorded with why. */
function derive<R>(derived: ReadonlyArray<readonly [string, R]>, runner: Runner<R>, scope: UnitScope): void {
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

function evaluateCriteria<R>(
  rules: ReadonlyArray<CriterionRules<R>>,
  runner: Runner<R>,
  scope: UnitScope,
  loaded: LoadedSet,
  ctx: Context,
  subResults: readonly SubResult[],
): CriterionResult[] {
  const list = programOf(loaded).plans;
  const out = new Array<CriterionResult>(list.length);
  const subPaths = ctx.explain ? new Set(subResults.map((s) => s.path)) : undefined;
  const scratch: Decided = { status: "pass", reason: null, earned: 0, error: undefined };
  for (let i = 0; i < list.length; i++) out[i] = evaluateCriterion(i, list[i]!, rules[i]!, runner, scope, loaded, ctx, subPaths, scratch);
  return out;
}

/** Decides titles given as sub-units' data, by evaluating the sets that define them. */
function decideTitles(fields: Inputs, obj: Record<string, unknown>, base: string, jsonBase: JsonPath, subResults: SubResult[], ctx: Context): void {
  for (const [name, spec] of Object.entries(fields)) {
    const value = obj[name];
    if (value === undefined || value === null) continue;
    const path = base === "" ? name : `${base}.${name}`;
    const decided = titlesIn(spec, value, path, [...jsonBase, name], subResults, ctx);
    // Records the data check passed through unchanged belong to the caller: write only what changed. A title
    // to decide from data is an object, which only zod's copy holds (the fast check leaves it to zod).
    if (decided !== value) obj[name] = decided;
  }
}

function titlesIn(spec: InputSpec, value: unknown, path: string, jsonPath: JsonPath, subResults: SubResult[], ctx: Context): unknown {
  switch (spec.type) {
    case "object":
      decideTitles(spec.fields, value as Record<string, unknown>, path, jsonPath, subResults, ctx);
      return value;
    case "array": {
      const list = value as unknown[];
      for (let i = 0; i < list.length; i++) {
        const item = list[i];
        if (item === null || item === undefined) continue;
        const decided = titlesIn(spec.items, item, `${path}[${i}]`, [...jsonPath, i], subResults, ctx);
        if (decided !== item) list[i] = decided;
      }
      return list;
    }
    case "title":
      return titleValue(spec, value, path, jsonPath, subResults, ctx);
    default:
      return value;
  }
}

/**
 * The value rules read for a title: true, false or null (not known); for a title held at levels, a record of
 * those by level. A title given as the sub-unit's data is decided by its set, one given as a result is taken
 * from it; both are nested in `subResults`.
 */
function titleValue(spec: TitleInput, value: unknown, path: string, jsonPath: JsonPath, subResults: SubResult[], ctx: Context): unknown {
  const levels = spec.levels;
  if (typeof value === "object" && value !== null) {
    if (Object.hasOwn(value, "data"))
      return fromResult(spec, decideTitle(spec, (value as { data: unknown }).data, path, jsonPath, subResults, ctx), path, jsonPath, "set");
    if (Object.hasOwn(value, "result")) {
      const given = givenResult(spec, (value as { result: unknown }).result, jsonPath);
      subResults.push({ path, result: given, given: true });
      return fromResult(spec, given, path, jsonPath, "result");
    }
    // The levels as a record (zod has checked its keys): a level not given is not known; levels are cumulative.
    const record = value as Record<string, boolean | null | undefined>;
    const out: Record<string, boolean | null> = {};
    for (const l of levels!) out[l] = record[l] ?? null;
    for (let i = 1; i < levels!.length; i++)
      if (out[levels![i]!] === true && out[levels![i - 1]!] === false)
        throw new UnitDataError(
          [problem("problem.levels_order", [...jsonPath, levels![i - 1]!], { held: levels![i]!, notHeld: levels![i - 1]! })],
          msg("data.title_levels", { set: spec.set }),
        );
    // Levels are cumulative: below a level held, every level is held; above one not held, none is.
    for (let i = levels!.length - 2; i >= 0; i--) if (out[levels![i]!] === null && out[levels![i + 1]!] === true) out[levels![i]!] = true;
    for (let i = 1; i < levels!.length; i++) if (out[levels![i]!] === null && out[levels![i - 1]!] === false) out[levels![i]!] = false;
    return out;
  }
  if (levels === undefined) return value;
  // A level id: held at that level and every lower one, at no higher one. false: held at no level.
  const at = value === false ? -1 : levels.indexOf(value as string);
  return Object.fromEntries(levels.map((l, i) => [l, i <= at]));
}

/** A result given in the data for a title: a tieuchi result of the title's set, with the levels the title declares. */
function givenResult(spec: TitleInput, raw: unknown, jsonPath: JsonPath): Result {
  const parsed = ResultSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success)
    throw new UnitDataError(
      parsed.error.issues.slice(0, 10).flatMap((i) => issueProblems(i, [...jsonPath, "result", ...issuePath(i)])),
      msg("data.given_result", { set: spec.set, hint: true }),
    );
  const result = parsed.data as Result;
  if (result.set.id !== spec.set)
    throw new UnitDataError(
      [problem("problem.wrong_set.result", [...jsonPath, "result", "set", "id"], { result: `${result.set.id}@${result.set.version}`, set: spec.set })],
      msg("data.given_result", { set: spec.set, hint: false }),
    );
  return result;
}

/** The title's value from a result of its set: the verdict, or for a title held at levels, each level's status. */
function fromResult(spec: TitleInput, result: Result, path: string, jsonPath: JsonPath, from: "set" | "result"): unknown {
  if (spec.levels === undefined) return result.verdict === "pass" ? true : result.verdict === "fail" ? false : null;
  const ids = result.levels.map((l) => l.id);
  if (ids.length !== spec.levels.length || ids.some((id, i) => id !== spec.levels![i])) {
    const p = problem("problem.title_levels", from === "set" ? [...jsonPath] : [...jsonPath, "result", "levels"], {
      set: `${result.set.id}@${result.set.version}`,
      levels: ids,
      title: path,
      declared: spec.levels,
    });
    if (from === "result") throw new UnitDataError([p], msg("data.given_result", { set: spec.set, hint: false }));
    throw new RegistryError([p]);
  }
  return Object.fromEntries(result.levels.map((l) => [l.id, l.status === "achieved" ? true : l.status === "not-achieved" ? false : null]));
}

function decideTitle(spec: TitleInput, data: unknown, path: string, jsonPath: JsonPath, subResults: SubResult[], ctx: Context): Result {
  const setId = spec.set;
  const resolver = ctx.options.sets;
  if (!resolver) throw new OptionsError(msg("options.sub_unit_needs_sets", { path, set: setId }), ["sets"]);
  if (ctx.depth + 1 > MAX_NESTING) throw new OptionsError(msg("options.titles_too_deep", { max: MAX_NESTING, path }), ["sets"]);
  const sub = resolver.resolve(setId, ctx.options.asOf);
  let result: Result;
  try {
    result = run(sub, data, { ...ctx, depth: ctx.depth + 1 }, path);
  } catch (e) {
    if (e instanceof UnitDataError) {
      const problems: Problem[] = e.problems.map((p) => ({ ...p, path: [...jsonPath, "data", ...p.path] }));
      throw new UnitDataError(problems, `${sub.definition.id}@${sub.definition.version}`, path);
    }
    throw e;
  }
  subResults.push({ path, result });
  return result;
}

function toReadValue(v: unknown): ReadValue | undefined {
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  if (Array.isArray(v)) return { length: v.length };
  return undefined;
}

/** The outcomes of a criterion with each status (shared, never changed). */
const OUTCOMES: Readonly<Record<Status, Outcome[]>> = {
  pass: Object.freeze(["pass"]) as Outcome[],
  fail: Object.freeze(["fail"]) as Outcome[],
  "not-applicable": Object.freeze(["not-applicable"]) as Outcome[],
  error: Object.freeze(["error"]) as Outcome[],
  missing: Object.freeze(["pass", "fail"]) as Outcome[],
};

/** A criterion's status as it is being decided. */
interface Decided {
  status: Status;
  reason: CriterionResult["reason"];
  earned: number;
  error: Message | undefined;
}

/** Records an outcome without a value (a `RAN_` code from RAN_MISSING up) as the criterion's status. */
function settle(d: Decided, ran: number, runner: Runner<unknown>, c: Criterion, max: number): void {
  if (ran === RAN_MISSING) {
    d.status = "missing";
    d.reason = "data";
  } else if (ran === RAN_EMPTY_GROUP || ran === RAN_DERIVED_NA) {
    // A share of an empty group, in the criterion's rules or a derived value it reads: the status the set
    // declares for an empty group (the loader makes every criterion that takes a share declare one).
    d.status = c.emptyGroup ?? "fail";
    d.reason = "empty-group";
    d.earned = d.status === "pass" ? max : 0;
  } else {
    d.status = "error";
    d.error = runner.message;
  }
}

/** JsonLogic truthiness of a rule's value from its `RAN_` code. */
function ranTruthy(ran: number, runner: Runner<unknown>): boolean {
  return ran === RAN_TRUE || (ran === RAN_VALUE && truthy(runner.value));
}

/** Runs a criterion's rules in order (applies, then excludes, tiers, rule or score) and decides its status. */
function decideStatus<R>(c: Criterion, p: CriterionRules<R>, max: number, runner: Runner<R>, d: Decided): void {
  d.status = "pass";
  d.reason = null;
  d.earned = 0;
  d.error = undefined;
  // `applies` first, even for a criterion not encoded yet: a unit it does not concern is not missing anything.
  if (p.applies) {
    const ran = runner.exec(p.applies);
    if (ran >= RAN_MISSING) return settle(d, ran, runner, c, max);
    if (!ranTruthy(ran, runner)) {
      d.status = "not-applicable";
      d.reason = "applies-false";
      return;
    }
  }
  if (c.pending) {
    d.status = "missing";
    d.reason = "not-encoded";
    return;
  }
  if (p.excludes) {
    const ran = runner.exec(p.excludes);
    if (ran >= RAN_MISSING) settle(d, ran, runner, c, max);
    else d.status = ranTruthy(ran, runner) ? "fail" : "pass";
    return;
  }
  if (p.tiers) {
    d.status = "fail";
    for (const tier of p.tiers) {
      const ran = runner.exec(tier.when);
      if (ran >= RAN_MISSING) return settle(d, ran, runner, c, max);
      if (ranTruthy(ran, runner)) {
        d.status = "pass";
        d.earned = tier.points;
        return;
      }
    }
    return;
  }
  if (p.rule) {
    const ran = runner.exec(p.rule);
    if (ran >= RAN_MISSING) return settle(d, ran, runner, c, max);
    d.status = ranTruthy(ran, runner) ? "pass" : "fail";
    d.earned = d.status === "pass" ? max : 0;
  }
  if (p.score) {
    const ran = runner.exec(p.score);
    if (ran >= RAN_MISSING) {
      settle(d, ran, runner, c, max);
      if (d.reason !== "empty-group") d.earned = 0;
      return;
    }
    const s = ran === RAN_TRUE ? true : ran === RAN_FALSE ? false : runner.value;
    if (typeof s !== "number" || !Number.isInteger(s) || s < 0 || s > max) {
      d.status = "error";
      d.error = msg("eval.score", { max, got: JSON.stringify(s) ?? String(s) });
      d.earned = 0;
    } else d.earned = s;
  }
}

function evaluateCriterion<R>(
  index: number,
  plan: CriterionPlan,
  p: CriterionRules<R>,
  runner: Runner<R>,
  scope: UnitScope,
  loaded: LoadedSet,
  ctx: Context,
  subPaths: ReadonlySet<string> | undefined,
  d: Decided,
): CriterionResult {
  const c = plan.criterion;
  runner.start();
  decideStatus(c, p, plan.max, runner, d);
  // A rule read absent data: the criterion is decided over the completions of the missing data.
  if (d.status === "missing" && d.reason === "data") return uncertainCriterion(index, plan, scope, loaded, ctx, subPaths);
  const status = d.status;
  const earned = status === "pass" || (status === "fail" && p.score) ? d.earned : status === "not-applicable" ? plan.naEarned : 0;
  const possible = status === "missing" || status === "error" ? plan.max : earned;
  const points = c.points === undefined ? null : { earned, possible, max: plan.max };
  const missing = status === "missing" ? runner.missing() : [];
  const outcomes = OUTCOMES[status];
  const base: Omit<CriterionResult, "message"> =
    d.error === undefined
      ? {
          id: c.id,
          title: c.title,
          group: plan.group,
          level: plan.level,
          role: c.role,
          mandatory: plan.mandatory,
          status,
          outcomes,
          reason: d.reason,
          points,
          missing,
        }
      : {
          id: c.id,
          title: c.title,
          group: plan.group,
          level: plan.level,
          role: c.role,
          mandatory: plan.mandatory,
          status,
          outcomes,
          reason: d.reason,
          points,
          missing,
          error: say(d.error, "en"),
        };
  if (!ctx.explain) return base;

  const traces = runner.traces;
  // One rule's reads are the criterion's as they are; several rules' are merged (first read first, last value kept).
  let values: ReadonlyMap<string, unknown> = traces.length === 1 ? traces[0]!.reads : NO_VALUES;
  const measures: Measure[] = [];
  if (traces.length > 1) {
    const merged = new Map<string, unknown>();
    for (const t of traces) for (const [k, v] of t.reads) merged.set(k, v);
    values = merged;
  }
  for (const t of traces) for (const m of t.measures) measures.push(m);
  const shown: Record<string, ReadValue> = {};
  const subs: string[] = [];
  const link = (k: string) => {
    if (subPaths!.has(k)) subs.push(k);
    else {
      // A level of a title held at levels (`xa[0].congDongHocTap.muc-1`) belongs to the title's sub-result.
      const dot = k.lastIndexOf(".");
      const title = dot > 0 ? k.slice(0, dot) : "";
      if (title && subPaths!.has(title) && !subs.includes(title)) subs.push(title);
    }
  };
  for (const [k, v] of values) {
    const r = toReadValue(v);
    if (r !== undefined) shown[k] = r;
    link(k);
  }
  // A level not known is read as missing: the sub-result says why.
  for (const k of missing) if (!values.has(k)) link(k);
  const message = criterionMessage({ criterion: c, result: base, error: d.error, values, measures, root: scope.root, labels: loaded.labels });
  // Written out rather than spread: a spread followed by new keys is slow in V8.
  return d.error === undefined
    ? {
        id: base.id,
        title: base.title,
        group: base.group,
        level: base.level,
        role: base.role,
        mandatory: base.mandatory,
        status,
        outcomes,
        reason: base.reason,
        points,
        missing,
        values: shown,
        measures,
        subResults: subs,
        message,
      }
    : {
        id: base.id,
        title: base.title,
        group: base.group,
        level: base.level,
        role: base.role,
        mandatory: base.mandatory,
        status,
        outcomes,
        reason: base.reason,
        points,
        missing,
        error: base.error!,
        values: shown,
        measures,
        subResults: subs,
        message,
      };
}

/** A criterion decided over the completions of the missing data (see `uncertain.ts`), as a result. */
function uncertainCriterion(
  index: number,
  plan: CriterionPlan,
  scope: UnitScope,
  loaded: LoadedSet,
  ctx: Context,
  subPaths: ReadonlySet<string> | undefined,
): CriterionResult {
  const c = plan.criterion;
  const u = scope.uncertainty.criterion(index, plan.max, plan.naEarned, ctx.explain);
  (scope.spans ??= new Array<CriterionSpan | undefined>(loaded.definition.criteria.length))[index] = u.span;
  const points = c.points === undefined ? null : { earned: u.earned, possible: u.possible, max: plan.max };
  const base: Omit<CriterionResult, "message"> =
    u.error === undefined
      ? {
          id: c.id,
          title: c.title,
          group: plan.group,
          level: plan.level,
          role: c.role,
          mandatory: plan.mandatory,
          status: u.status,
          outcomes: u.outcomes,
          reason: u.reason,
          points,
          missing: u.missing,
        }
      : {
          id: c.id,
          title: c.title,
          group: plan.group,
          level: plan.level,
          role: c.role,
          mandatory: plan.mandatory,
          status: u.status,
          outcomes: u.outcomes,
          reason: u.reason,
          points,
          missing: u.missing,
          error: u.error,
        };
  if (!ctx.explain) return base;
  const shown: Record<string, ReadValue> = {};
  const subs: string[] = [];
  for (const [k, v] of u.values) {
    const r = toReadValue(v);
    if (r !== undefined) shown[k] = r;
    if (subPaths!.has(k)) subs.push(k);
  }
  for (const k of u.missing) {
    const dot = k.lastIndexOf(".");
    const title = subPaths!.has(k) ? k : dot > 0 && subPaths!.has(k.slice(0, dot)) ? k.slice(0, dot) : "";
    if (title && !subs.includes(title)) subs.push(title);
  }
  const message = criterionMessage({
    criterion: c,
    result: base,
    values: u.values,
    measures: [],
    root: scope.root,
    labels: loaded.labels,
    absent: [...u.absentRead],
  });
  return { ...base, values: shown, measures: [], subResults: subs, message };
}
