/**
 * `evaluate(set, data, options)`: checks the unit's data against the declared inputs, decides titles of
 * sub-units given as data, computes derived values once, evaluates every criterion, applies the decision
 * rule and explains each step.
 *
 * @module
 */
import { OptionsError, UnitDataError, type JsonPath, type Problem } from "../errors.js";
import { criterionMessage, verdictMessage } from "../explain/messages.js";
import { TraceSink, type Compiled } from "../logic/compile.js";
import type { PreparedRule } from "../logic/engine.js";
import type { DerivedState, EvalScope, Trace } from "../logic/trace.js";
import { isIsoDate } from "../schema/common.js";
import type { Criterion } from "../schema/criteria-set.js";
import type { InputSpec, Inputs } from "../schema/inputs.js";
import type { CriterionResult, GroupResult, Measure, ReadValue, Result, Status, SubResult } from "../schema/result.js";
import { VERSION } from "../version.js";
import { dataProblems } from "./data.js";
import { decide } from "./decision.js";
import { isLoadedSet, loadCriteriaSet, type LoadedSet } from "./load.js";
import { programOf } from "./program.js";
import { QuietRunner, runRule, truthy, type Outcome } from "./run.js";
import { jsonLogicJsEngine } from "../logic/jsonlogic-js.js";

/** Finds the set that decides a title of a sub-unit (a registry implements this). */
export interface SetResolver {
  /** The set with this id, in force on `asOf` when given. Throws `SetNotFoundError` when there is none. */
  resolve(id: string, asOf?: string): LoadedSet;
}

/** Names of the evaluators `evaluate` can use: `compiled` (the default) and `json-logic-js`, the reference. */
export type EngineName = "compiled" | "json-logic-js";

/** Options of {@link evaluate}. */
export interface EvaluateOptions {
  /** The date the title is decided for (YYYY-MM-DD). Recorded in the result, which says whether the set was in force then. */
  readonly asOf?: string;
  /** Build per-criterion values, measures and sentences (default true). Off, a result carries statuses and points only. */
  readonly explain?: boolean;
  /**
   * Which evaluator runs the rules: `compiled` (default; the set is compiled once into closures, CSP-safe) or
   * `json-logic-js` (the reference it is tested against). Both give the same result, but for `engine.evaluator`.
   */
  readonly engine?: EngineName;
  /** Where to find the sets that decide titles of sub-units given as data. */
  readonly sets?: SetResolver;
}

const ENGINE_NAMES: readonly EngineName[] = ["compiled", "json-logic-js"];
const MAX_NESTING = 4;

interface Context {
  readonly options: EvaluateOptions;
  readonly engine: EngineName;
  readonly explain: boolean;
  readonly depth: number;
}

/**
 * Evaluates a criteria set against one unit's data.
 *
 * @param set - A set from {@link loadCriteriaSet}, or the parsed JSON of a criteria file (loaded on the fly).
 * @param data - The unit's data: an object with the inputs the set declares.
 * @returns The verdict, grade and points, each criterion's status with what it read and why, and the gap.
 * @throws {@link CriteriaSetError} if `set` is raw JSON that is not a valid set.
 * @throws {@link UnitDataError} listing every path where the data does not match the declared inputs.
 * @throws {@link OptionsError} for unusable options (a malformed `asOf`, an unknown engine, titles given as data without `sets`).
 *
 * @example
 * ```ts
 * const result = evaluate(loadCriteriaSet(json), { thanhVien: [...] }, { asOf: "2024-12-01" });
 * result.verdict; // "pass" | "fail" | "incomplete"
 * ```
 */
export function evaluate(set: LoadedSet | unknown, data: unknown, options: EvaluateOptions = {}): Result {
  const loaded = isLoadedSet(set) ? set : loadCriteriaSet(set);
  if (options.asOf !== undefined && !isIsoDate(options.asOf)) throw new OptionsError(`asOf must be a date written YYYY-MM-DD, got ${JSON.stringify(options.asOf)}`, ["asOf"]);
  const engine = options.engine ?? "compiled";
  if (!ENGINE_NAMES.includes(engine)) throw new OptionsError(`unknown engine ${JSON.stringify(options.engine)}; use one of ${ENGINE_NAMES.join(", ")}`, ["engine"]);
  return run(loaded, data, { options, engine, explain: options.explain ?? true, depth: 0 });
}

/** The scope rules run in. The paths of records are worked out only when a rule needs one (a missing value or an explanation). */
class UnitScope implements EvalScope {
  private paths: WeakMap<object, string> | undefined;
  derived: Map<string, DerivedState> = NO_DERIVED_STATES;

  constructor(
    readonly root: Record<string, unknown>,
    private readonly inputs: Inputs,
  ) {}

  get pathOf(): WeakMap<object, string> {
    if (this.paths === undefined) {
      this.paths = new WeakMap();
      recordPaths(this.inputs, this.root, "", this.paths);
    }
    return this.paths;
  }
}

const NO_DERIVED_STATES: Map<string, DerivedState> = new Map();

/** The path of every record (object) in the unit's inputs. */
function recordPaths(fields: Inputs, obj: Record<string, unknown>, base: string, pathOf: WeakMap<object, string>): void {
  for (const name in fields) {
    const spec = fields[name]!;
    if (spec.type !== "object" && spec.type !== "array") continue;
    const value = obj[name];
    if (value === undefined || value === null) continue;
    recordValuePaths(spec, value, base === "" ? name : `${base}.${name}`, pathOf);
  }
}

function recordValuePaths(spec: InputSpec, value: unknown, path: string, pathOf: WeakMap<object, string>): void {
  if (spec.type === "object") {
    pathOf.set(value as object, path);
    recordPaths(spec.fields, value as Record<string, unknown>, path, pathOf);
  } else if (spec.type === "array") {
    const list = value as unknown[];
    for (let i = 0; i < list.length; i++) {
      const item = list[i];
      if (item !== null && item !== undefined) recordValuePaths(spec.items, item, `${path}[${i}]`, pathOf);
    }
  }
}

/** A criterion's rules, in whatever form the evaluator runs them. */
interface Rules<R> {
  readonly applies?: R;
  readonly rule?: R;
  readonly excludes?: R;
  readonly tiers?: ReadonlyArray<{ readonly points: number; readonly when: R }>;
  readonly score?: R;
}

/** Runs the rules of one criterion after another, keeping what the explanation and the missing paths need. */
interface Runner<R> {
  /** Starts a new criterion. */
  start(): void;
  exec(rule: R): Outcome;
  /** Paths of the values the criterion needed and did not find (after a `missing` outcome). */
  missing(): string[];
  /** Traces of the rules run since {@link start} (explanations only). */
  readonly traces: Trace[];
}

/** Runs rules with a full trace each: the reference engine, and the compiled one when explaining. */
class TracingRunner<R> implements Runner<R> {
  traces: Trace[] = [];
  constructor(
    private readonly scope: EvalScope,
    private readonly call: (rule: R, trace: Trace) => unknown,
  ) {}
  start(): void {
    this.traces = [];
  }
  exec(rule: R): Outcome {
    const { outcome, trace } = runRule((t) => this.call(rule, t), this.scope);
    this.traces.push(trace);
    return outcome;
  }
  missing(): string[] {
    const out = new Set<string>();
    for (const t of this.traces) for (const m of t.missing) out.add(m);
    return [...out];
  }
}

/**
 * Runs compiled rules with no explanation. A `missing` outcome ends a criterion at once, so the paths of
 * the last rule's trace are all the paths the criterion lacks.
 */
class QuietCriterionRunner implements Runner<Compiled> {
  readonly traces: Trace[] = [];
  private readonly quiet: QuietRunner;
  constructor(scope: EvalScope) {
    this.quiet = new QuietRunner(scope);
  }
  start(): void {
    this.quiet.trace = null;
  }
  exec(rule: Compiled): Outcome {
    return this.quiet.run(rule);
  }
  missing(): string[] {
    const t = this.quiet.trace;
    return t === null ? [] : [...t.missing];
  }
}

function validate(loaded: LoadedSet, data: unknown, label: string): Record<string, unknown> {
  const fast = programOf(loaded).check(data);
  if (fast !== undefined) return fast;
  const parsed = loaded.dataSchema.safeParse(data);
  if (!parsed.success) throw new UnitDataError(dataProblems(parsed.error, loaded.definition.inputs), label);
  return parsed.data as Record<string, unknown>;
}

function run(loaded: LoadedSet, data: unknown, ctx: Context): Result {
  const set = loaded.definition;
  const label = `${set.id}@${set.version}`;
  const root = validate(loaded, data, label);
  const program = programOf(loaded);

  const subResults: SubResult[] = [];
  if (program.hasTitles) decideTitles(set.inputs, root, "", [], subResults, ctx, label);

  const scope = new UnitScope(root, set.inputs);
  let criteria: CriterionResult[];
  if (ctx.engine === "json-logic-js") {
    const prepared = loaded.prepared(jsonLogicJsEngine);
    const runner = new TracingRunner<PreparedRule>(scope, (rule, trace) => rule(trace));
    derive(prepared.derived, runner, scope);
    criteria = evaluateCriteria(prepared.criteria, runner, scope, loaded, ctx, subResults);
  } else if (ctx.explain) {
    const runner = new TracingRunner<Compiled>(scope, (rule, trace) => rule(trace.scope.root, new TraceSink(trace)));
    derive(program.derived, runner, scope);
    criteria = evaluateCriteria(program.criteria, runner, scope, loaded, ctx, subResults);
  } else {
    const runner = new QuietCriterionRunner(scope);
    derive(program.derived, runner, scope);
    criteria = evaluateCriteria(program.criteria, runner, scope, loaded, ctx, subResults);
  }
  const decided = decide(set, criteria);

  const groups: GroupResult[] = [];
  for (const g of set.groups) {
    let earned = 0;
    let max = 0;
    const statuses: Partial<Record<Status, number>> = {};
    for (const c of criteria) {
      if (c.group !== g.id) continue;
      statuses[c.status] = (statuses[c.status] ?? 0) + 1;
      earned += c.points?.earned ?? 0;
      max += c.points?.max ?? 0;
    }
    groups.push({ id: g.id, title: g.title, earned, max, statuses: statuses as Record<Status, number> });
  }

  const asOf = ctx.options.asOf ?? null;
  const result: Result = {
    format: "tieuchi/result@1",
    set: { id: set.id, version: set.version, hash: loaded.hash, title: set.title, document: set.source.document },
    asOf,
    inForce: asOf === null ? null : set.validFrom <= asOf && (set.validTo === null || asOf <= set.validTo),
    verdict: decided.verdict,
    grade: decided.grade,
    gradeFinal: decided.gradeFinal,
    points: decided.points,
    levels: decided.levels,
    groups,
    criteria,
    gap: decided.gap,
    ...(ctx.explain ? { message: verdictMessage(set, decided.verdict, decided.grade, decided.points, decided.gap) } : {}),
    subResults,
    engine: { name: "tieuchi", version: VERSION, evaluator: ctx.engine },
  };
  return result;
}

/** Computes the derived values in order; one that cannot be computed is recorded with why. */
function derive<R>(derived: ReadonlyArray<readonly [string, R]>, runner: Runner<R>, scope: UnitScope): void {
  for (const [name, rule] of derived) {
    runner.start();
    const outcome = runner.exec(rule);
    if (outcome.kind === "value") {
      scope.root[name] = outcome.value;
      continue;
    }
    if (scope.derived === NO_DERIVED_STATES) scope.derived = new Map();
    if (outcome.kind === "missing") scope.derived.set(name, { status: "missing", paths: runner.missing() });
    else if (outcome.kind === "not-applicable") scope.derived.set(name, { status: "not-applicable" });
    else scope.derived.set(name, { status: "error", message: `derived value '${name}': ${outcome.message}` });
  }
}

function evaluateCriteria<R>(
  rules: ReadonlyArray<Rules<R>>,
  runner: Runner<R>,
  scope: UnitScope,
  loaded: LoadedSet,
  ctx: Context,
  subResults: readonly SubResult[],
): CriterionResult[] {
  const list = loaded.definition.criteria;
  const out = new Array<CriterionResult>(list.length);
  const subPaths = ctx.explain ? new Set(subResults.map((s) => s.path)) : undefined;
  for (let i = 0; i < list.length; i++) out[i] = evaluateCriterion(list[i]!, rules[i]!, runner, scope, loaded, ctx, subPaths);
  return out;
}

/** Decides titles given as sub-units' data, by evaluating the sets that define them. */
function decideTitles(fields: Inputs, obj: Record<string, unknown>, base: string, jsonBase: JsonPath, subResults: SubResult[], ctx: Context, label: string): void {
  for (const [name, spec] of Object.entries(fields)) {
    const value = obj[name];
    if (value === undefined || value === null) continue;
    const path = base === "" ? name : `${base}.${name}`;
    obj[name] = titlesIn(spec, value, path, [...jsonBase, name], subResults, ctx, label);
  }
}

function titlesIn(spec: InputSpec, value: unknown, path: string, jsonPath: JsonPath, subResults: SubResult[], ctx: Context, label: string): unknown {
  switch (spec.type) {
    case "object":
      decideTitles(spec.fields, value as Record<string, unknown>, path, jsonPath, subResults, ctx, label);
      return value;
    case "array": {
      const list = value as unknown[];
      for (let i = 0; i < list.length; i++) {
        const item = list[i];
        if (item === null || item === undefined) continue;
        list[i] = titlesIn(spec.items, item, `${path}[${i}]`, [...jsonPath, i], subResults, ctx, label);
      }
      return list;
    }
    case "title":
      if (typeof value === "object") return decideTitle(spec.set, (value as { data: unknown }).data, path, jsonPath, subResults, ctx);
      return value;
    default:
      return value;
  }
}

function decideTitle(setId: string, data: unknown, path: string, jsonPath: JsonPath, subResults: SubResult[], ctx: Context): boolean | null {
  const resolver = ctx.options.sets;
  if (!resolver)
    throw new OptionsError(`${path} gives a sub-unit's data to decide title '${setId}', so evaluate needs options.sets to find that set (a registry)`, ["sets"]);
  if (ctx.depth + 1 > MAX_NESTING) throw new OptionsError(`titles nest deeper than ${MAX_NESTING} levels at ${path}`, ["sets"]);
  const sub = resolver.resolve(setId, ctx.options.asOf);
  let result: Result;
  try {
    result = run(sub, data, { ...ctx, depth: ctx.depth + 1 });
  } catch (e) {
    if (e instanceof UnitDataError) {
      const problems: Problem[] = e.problems.map((p) => ({ ...p, path: [...jsonPath, "data", ...p.path] }));
      throw new UnitDataError(problems, `${sub.definition.id}@${sub.definition.version} (for ${path})`);
    }
    throw e;
  }
  subResults.push({ path, result });
  return result.verdict === "pass" ? true : result.verdict === "fail" ? false : null;
}

function toReadValue(v: unknown): ReadValue | undefined {
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  if (Array.isArray(v)) return { length: v.length };
  return undefined;
}

function evaluateCriterion<R>(
  c: Criterion,
  p: Rules<R>,
  runner: Runner<R>,
  scope: UnitScope,
  loaded: LoadedSet,
  ctx: Context,
  subPaths: ReadonlySet<string> | undefined,
): CriterionResult {
  runner.start();
  const max = c.points === undefined ? 0 : typeof c.points === "number" ? c.points : c.points.max;
  let status: Status;
  let reason: CriterionResult["reason"] = null;
  let earned = 0;
  let error: string | undefined;

  const settle = (o: Exclude<Outcome, { kind: "value" }>) => {
    if (o.kind === "missing") {
      status = "missing";
      reason = "data";
    } else if (o.kind === "not-applicable") {
      status = "not-applicable";
      reason = o.reason;
    } else {
      status = "error";
      error = o.message;
    }
  };

  status = "pass";
  decideStatus: {
    if (c.pending) {
      status = "missing";
      reason = "not-encoded";
      break decideStatus;
    }
    if (p.applies) {
      const o = runner.exec(p.applies);
      if (o.kind !== "value") {
        settle(o);
        break decideStatus;
      }
      if (!truthy(o.value)) {
        status = "not-applicable";
        reason = "applies-false";
        break decideStatus;
      }
    }
    if (p.excludes) {
      const o = runner.exec(p.excludes);
      if (o.kind !== "value") settle(o);
      else status = truthy(o.value) ? "fail" : "pass";
      break decideStatus;
    }
    if (p.tiers) {
      status = "fail";
      for (const tier of p.tiers) {
        const o = runner.exec(tier.when);
        if (o.kind !== "value") {
          settle(o);
          break decideStatus;
        }
        if (truthy(o.value)) {
          status = "pass";
          earned = tier.points;
          break;
        }
      }
      break decideStatus;
    }
    if (p.rule) {
      const o = runner.exec(p.rule);
      if (o.kind !== "value") {
        settle(o);
        break decideStatus;
      }
      status = truthy(o.value) ? "pass" : "fail";
      earned = status === "pass" ? max : 0;
    }
    if (p.score) {
      const o = runner.exec(p.score);
      if (o.kind !== "value") {
        settle(o);
        earned = 0;
        break decideStatus;
      }
      const s = o.value;
      if (typeof s !== "number" || !Number.isInteger(s) || s < 0 || s > max) {
        status = "error";
        error = `the score must be a whole number from 0 to ${max}, got ${JSON.stringify(s)}`;
        earned = 0;
      } else earned = s;
    }
  }
  if (status !== "pass" && !(status === "fail" && p.score)) earned = status === "not-applicable" && loaded.definition.decision.method === "points" && loaded.definition.decision.notApplicable === "award" ? max : 0;

  const base: Omit<CriterionResult, "message"> = {
    id: c.id,
    title: c.title,
    group: c.group ?? null,
    level: c.level ?? null,
    role: c.role,
    mandatory: c.mandatory || loaded.definition.decision.method === "all",
    status,
    reason,
    points: c.points === undefined ? null : { earned, max },
    missing: status === "missing" ? runner.missing() : [],
    ...(error !== undefined ? { error } : {}),
  };
  if (!ctx.explain) return base;

  const values = new Map<string, unknown>();
  const measures: Measure[] = [];
  for (const t of runner.traces) {
    for (const [k, v] of t.reads) values.set(k, v);
    measures.push(...t.measures);
  }
  const shown: Record<string, ReadValue> = {};
  for (const [k, v] of values) {
    const r = toReadValue(v);
    if (r !== undefined) shown[k] = r;
  }
  const subs = [...values.keys()].filter((k) => subPaths!.has(k));
  const message = criterionMessage({ criterion: c, result: base, values, measures, root: scope.root, labels: loaded.labels });
  return { ...base, values: shown, measures, subResults: subs, message };
}
