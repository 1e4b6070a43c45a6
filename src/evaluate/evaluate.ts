/**
 * `evaluate(set, data, options)`: checks the unit's data against the declared inputs, decides titles of
 * sub-units given as data, computes derived values once, evaluates every criterion, applies the decision
 * rule and explains each step.
 *
 * @module
 */
import { OptionsError, UnitDataError, type JsonPath, type Problem } from "../errors.js";
import { criterionMessage, verdictMessage } from "../explain/messages.js";
import type { Engine } from "../logic/engine.js";
import { jsonLogicJsEngine } from "../logic/jsonlogic-js.js";
import type { DerivedState, EvalScope, Trace } from "../logic/trace.js";
import { isIsoDate } from "../schema/common.js";
import type { Criterion } from "../schema/criteria-set.js";
import type { InputSpec, Inputs } from "../schema/inputs.js";
import type { CriterionResult, GroupResult, Measure, ReadValue, Result, Status, SubResult } from "../schema/result.js";
import { VERSION } from "../version.js";
import { dataProblems } from "./data.js";
import { decide } from "./decision.js";
import { isLoadedSet, loadCriteriaSet, type LoadedSet, type PreparedCriterion } from "./load.js";
import { runRule, truthy, type Outcome } from "./run.js";

/** Finds the set that decides a title of a sub-unit (a registry implements this). */
export interface SetResolver {
  /** The set with this id, in force on `asOf` when given. Throws `SetNotFoundError` when there is none. */
  resolve(id: string, asOf?: string): LoadedSet;
}

/** Names of the evaluators `evaluate` can use. */
export type EngineName = "json-logic-js";

/** Options of {@link evaluate}. */
export interface EvaluateOptions {
  /**
   * The date the title is decided for (YYYY-MM-DD). Recorded in the result, which says whether the set was in
   * force then; picks the version when the set is given by id, and the versions of sub-units' sets.
   */
  readonly asOf?: string;
  /** Build per-criterion values, measures and sentences (default true). Off, a result carries statuses and points only. */
  readonly explain?: boolean;
  /** Which evaluator runs the rules. */
  readonly engine?: EngineName;
  /** Where to find the sets that decide titles of sub-units given as data, and the set when it is given by id. */
  readonly sets?: SetResolver;
}

const ENGINES: Record<EngineName, Engine> = { "json-logic-js": jsonLogicJsEngine };
/** Every evaluator `evaluate` can use, by the name `options.engine` takes. */
export const ENGINE_NAMES = Object.freeze(Object.keys(ENGINES)) as readonly EngineName[];
/** The evaluator of that name (for tests that run a rule without loading a set). @internal */
export const engineNamed = (name: EngineName): Engine => ENGINES[name];
const MAX_NESTING = 4;

interface Context {
  readonly options: EvaluateOptions;
  readonly engine: Engine;
  readonly explain: boolean;
  readonly depth: number;
}

/**
 * Evaluates a criteria set against one unit's data.
 *
 * @param set - A set from {@link loadCriteriaSet}; the parsed JSON of a criteria file (loaded on the fly); or a
 *   set id, to evaluate the version in force on `options.asOf` found in `options.sets` (a registry).
 * @param data - The unit's data: an object with the inputs the set declares.
 * @returns The verdict, grade and points, each criterion's status with what it read and why, and the gap.
 * @throws {@link CriteriaSetError} if `set` is raw JSON that is not a valid set.
 * @throws {@link UnitDataError} listing every path where the data does not match the declared inputs.
 * @throws {@link OptionsError} for unusable options (a malformed `asOf`, an unknown engine, titles given as data
 *   without `sets`, a set id without `sets` and `asOf`).
 * @throws `SetNotFoundError` or `NotInForceError` when a set named by id has no version in force on `asOf`.
 *
 * @example
 * ```ts
 * const result = evaluate(loadCriteriaSet(json), { thanhVien: [...] }, { asOf: "2024-12-01" });
 * result.verdict; // "pass" | "fail" | "incomplete"
 * ```
 */
export function evaluate(set: LoadedSet | string | unknown, data: unknown, options: EvaluateOptions = {}): Result {
  if (options.asOf !== undefined && !isIsoDate(options.asOf)) throw new OptionsError(`asOf must be a date written YYYY-MM-DD, got ${JSON.stringify(options.asOf)}`, ["asOf"]);
  const loaded = typeof set === "string" ? inForce(set, options) : isLoadedSet(set) ? set : loadCriteriaSet(set);
  const engine = ENGINES[options.engine ?? "json-logic-js"];
  if (!engine) throw new OptionsError(`unknown engine ${JSON.stringify(options.engine)}; use one of ${Object.keys(ENGINES).join(", ")}`, ["engine"]);
  return run(loaded, data, { options, engine, explain: options.explain ?? true, depth: 0 });
}

/** A set named by id: the version in force on `asOf`, from `options.sets`. Both are needed: a date alone picks the version. */
function inForce(id: string, options: EvaluateOptions): LoadedSet {
  if (!options.sets) throw new OptionsError(`evaluating the set '${id}' by id needs options.sets (a registry) to find its versions`, ["sets"]);
  if (options.asOf === undefined) throw new OptionsError(`evaluating the set '${id}' by id needs options.asOf: the date decides which version was in force`, ["asOf"]);
  return options.sets.resolve(id, options.asOf);
}

function run(loaded: LoadedSet, data: unknown, ctx: Context): Result {
  const set = loaded.definition;
  const label = `${set.id}@${set.version}`;
  const parsed = loaded.dataSchema.safeParse(data);
  if (!parsed.success) throw new UnitDataError(dataProblems(parsed.error, set.inputs), label);
  const root = parsed.data as Record<string, unknown>;

  const pathOf = new WeakMap<object, string>();
  const subResults: SubResult[] = [];
  walkInputs(set.inputs, root, "", [], pathOf, subResults, ctx, label);

  const derived = new Map<string, DerivedState>();
  const scope: EvalScope = { root, pathOf, derived };
  const prepared = loaded.prepared(ctx.engine);
  for (const [name, rule] of prepared.derived) {
    const { outcome, trace } = runRule(rule, scope);
    if (outcome.kind === "value") root[name] = outcome.value;
    else if (outcome.kind === "missing") derived.set(name, { status: "missing", paths: [...trace.missing] });
    else if (outcome.kind === "not-applicable") derived.set(name, { status: "not-applicable" });
    else derived.set(name, { status: "error", message: `derived value '${name}': ${outcome.message}` });
  }

  const subPaths = new Set(subResults.map((s) => s.path));
  const criteria = set.criteria.map((c, i) => evaluateCriterion(c, prepared.criteria[i]!, scope, loaded, ctx, subPaths));
  const decided = decide(set, criteria);

  const groups: GroupResult[] = set.groups.map((g) => {
    const members = criteria.filter((c) => c.group === g.id);
    const statuses: Partial<Record<Status, number>> = {};
    for (const c of members) statuses[c.status] = (statuses[c.status] ?? 0) + 1;
    return {
      id: g.id,
      title: g.title,
      earned: members.reduce((s, c) => s + (c.points?.earned ?? 0), 0),
      max: members.reduce((s, c) => s + (c.points?.max ?? 0), 0),
      statuses: statuses as Record<Status, number>,
    };
  });

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
    engine: { name: "tieuchi", version: VERSION, evaluator: ctx.engine.name },
  };
  return result;
}

/** Records the path of every record, and decides titles given as sub-unit data. */
function walkInputs(
  fields: Inputs,
  obj: Record<string, unknown>,
  base: string,
  jsonBase: JsonPath,
  pathOf: WeakMap<object, string>,
  subResults: SubResult[],
  ctx: Context,
  label: string,
): void {
  for (const [name, spec] of Object.entries(fields)) {
    const value = obj[name];
    if (value === undefined || value === null) continue;
    const path = base === "" ? name : `${base}.${name}`;
    obj[name] = walkValue(spec, value, path, [...jsonBase, name], pathOf, subResults, ctx, label);
  }
}

function walkValue(
  spec: InputSpec,
  value: unknown,
  path: string,
  jsonPath: JsonPath,
  pathOf: WeakMap<object, string>,
  subResults: SubResult[],
  ctx: Context,
  label: string,
): unknown {
  switch (spec.type) {
    case "object":
      pathOf.set(value as object, path);
      walkInputs(spec.fields, value as Record<string, unknown>, path, jsonPath, pathOf, subResults, ctx, label);
      return value;
    case "array": {
      const list = value as unknown[];
      for (let i = 0; i < list.length; i++) {
        const item = list[i];
        if (item === null || item === undefined) continue;
        list[i] = walkValue(spec.items, item, `${path}[${i}]`, [...jsonPath, i], pathOf, subResults, ctx, label);
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

interface Acc {
  readonly traces: Trace[];
}

function evaluateCriterion(
  c: Criterion,
  p: PreparedCriterion,
  scope: EvalScope,
  loaded: LoadedSet,
  ctx: Context,
  subPaths: ReadonlySet<string>,
): CriterionResult {
  const acc: Acc = { traces: [] };
  const exec = (rule: NonNullable<PreparedCriterion["rule"]>): Outcome => {
    const { outcome, trace } = runRule(rule, scope);
    acc.traces.push(trace);
    return outcome;
  };
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
      const o = exec(p.applies);
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
      const o = exec(p.excludes);
      if (o.kind !== "value") settle(o);
      else status = truthy(o.value) ? "fail" : "pass";
      break decideStatus;
    }
    if (p.tiers) {
      status = "fail";
      for (const tier of p.tiers) {
        const o = exec(tier.when);
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
      const o = exec(p.rule);
      if (o.kind !== "value") {
        settle(o);
        break decideStatus;
      }
      status = truthy(o.value) ? "pass" : "fail";
      earned = status === "pass" ? max : 0;
    }
    if (p.score) {
      const o = exec(p.score);
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

  const missing = new Set<string>();
  for (const t of acc.traces) for (const m of t.missing) missing.add(m);
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
    missing: status === "missing" ? [...missing] : [],
    ...(error !== undefined ? { error } : {}),
  };
  if (!ctx.explain) return base;

  const values = new Map<string, unknown>();
  const measures: Measure[] = [];
  for (const t of acc.traces) {
    for (const [k, v] of t.reads) values.set(k, v);
    measures.push(...t.measures);
  }
  const shown: Record<string, ReadValue> = {};
  for (const [k, v] of values) {
    const r = toReadValue(v);
    if (r !== undefined) shown[k] = r;
  }
  const subs = [...values.keys()].filter((k) => subPaths.has(k));
  const message = criterionMessage({ criterion: c, result: base, values, measures, root: scope.root, labels: loaded.labels });
  return { ...base, values: shown, measures, subResults: subs, message };
}
