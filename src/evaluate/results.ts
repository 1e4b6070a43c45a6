/**
 * The result objects, each written in one place: a criterion's, for every way a criterion is decided (by its
 * rules, over the completions of the missing data, or by a generated module: its points from its status, the
 * object, the explanation's fields), and the unit's around its decided criteria.
 *
 * Each object is written out as a literal with its keys in the order results are read (and hashed), one
 * literal for a result with an error and one without, rather than spread or given keys afterwards: V8 then
 * builds every result along the same few shapes, which keeps writing many results fast.
 *
 * @module
 */
import { verdictMessage } from "../explain/messages.js";
import { isInForce } from "../schema/dates.js";
import type { CriterionResult, Measure, Outcome, ReadValue, Result, Status, SubResult } from "../schema/result.js";
import type { decide } from "./decision.js";
import { groupResults } from "./groups.js";
import type { LoadedSet } from "./load.js";
import type { RunContext } from "./options.js";
import { programOf, type CriterionPlan } from "./program.js";

export { NO_READS, NONE } from "./frozen.js";

/** The outcomes of a criterion with each status (shared, never changed). */
export const OUTCOMES: Readonly<Record<Status, Outcome[]>> = {
  pass: Object.freeze(["pass"]) as Outcome[],
  fail: Object.freeze(["fail"]) as Outcome[],
  "not-applicable": Object.freeze(["not-applicable"]) as Outcome[],
  error: Object.freeze(["error"]) as Outcome[],
  missing: Object.freeze(["pass", "fail"]) as Outcome[],
};

/** A criterion's result without the explanation's fields (`values`, `measures`, `subResults`, `message`). */
export type QuietCriterion = Omit<CriterionResult, "message">;

/**
 * A criterion's points from its status: what its rules earned when it passed (or failed with a score), what a
 * not-applicable criterion earns, and its maximum still possible when it is missing data or in error. The usual
 * ones are the plan's shared frozen objects (see `SharedPoints`); only a tier or a score between none and the
 * maximum allocates.
 */
export function pointsOf(plan: CriterionPlan, status: Status, decidedEarned: number, hasScore: boolean): CriterionResult["points"] {
  const shared = plan.shared;
  if (shared === null) return null;
  if (status === "pass" || (status === "fail" && hasScore))
    return decidedEarned === plan.max ? shared.full : decidedEarned === 0 ? shared.zero : { earned: decidedEarned, possible: decidedEarned, max: plan.max };
  return status === "fail" ? shared.zero : status === "not-applicable" ? shared.na : shared.open;
}

/** A criterion's points from the lowest and highest its completions earn: a shared object when one fits. */
export function spanPoints(plan: CriterionPlan, earned: number, possible: number): CriterionResult["points"] {
  const shared = plan.shared;
  if (shared === null) return null;
  if (earned === 0) return possible === 0 ? shared.zero : possible === plan.max ? shared.open : { earned, possible, max: plan.max };
  return earned === plan.max && possible === plan.max ? shared.full : { earned, possible, max: plan.max };
}

/** The explanation's fields of a criterion's result, but its sentence (made from the result once it is written). */
export interface Explained {
  readonly values: Record<string, ReadValue>;
  readonly measures: Measure[];
  readonly subResults: string[];
}

/**
 * A criterion's result object, written once: quiet (statuses and points) when `explained` is undefined, else
 * with the explanation's fields and the sentence `message` makes of the result.
 */
export function criterionResult(
  plan: CriterionPlan,
  status: Status,
  outcomes: Outcome[],
  reason: CriterionResult["reason"],
  points: CriterionResult["points"],
  missing: string[],
  error: string | undefined,
  explained?: Explained,
  message?: (result: QuietCriterion) => CriterionResult["message"],
): CriterionResult {
  const c = plan.criterion;
  // Four literals written out, not one object built up key by key: each variant keeps one object shape and the
  // key order of the JSON output, and a result without an error has no `error` key at all (not `undefined`).
  if (explained === undefined)
    return error === undefined
      ? { id: c.id, title: c.title, group: plan.group, level: plan.level, role: c.role, mandatory: plan.mandatory, status, outcomes, reason, points, missing }
      : {
          id: c.id,
          title: c.title,
          group: plan.group,
          level: plan.level,
          role: c.role,
          mandatory: plan.mandatory,
          status,
          outcomes,
          reason,
          points,
          missing,
          error,
        };
  // The sentence is made from the result itself: written last, in the slot the literal keeps for it.
  const r: { -readonly [K in keyof CriterionResult]: CriterionResult[K] } =
    error === undefined
      ? {
          id: c.id,
          title: c.title,
          group: plan.group,
          level: plan.level,
          role: c.role,
          mandatory: plan.mandatory,
          status,
          outcomes,
          reason,
          points,
          missing,
          values: explained.values,
          measures: explained.measures,
          subResults: explained.subResults,
          message: undefined,
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
          reason,
          points,
          missing,
          error,
          values: explained.values,
          measures: explained.measures,
          subResults: explained.subResults,
          message: undefined,
        };
  r.message = message?.(r);
  return r;
}

/** A value as a result shows what a rule read: texts, numbers and yes/no as they are, a list by its length. */
export function toReadValue(v: unknown): ReadValue | undefined {
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  if (Array.isArray(v)) return { length: v.length };
  return undefined;
}

/** The unit's result around its decided criteria: the set's stamp, the decision, the groups, the sub-units. */
export function unitResult(
  loaded: LoadedSet,
  decided: ReturnType<typeof decide>,
  criteria: CriterionResult[],
  subResults: SubResult[],
  ctx: RunContext,
): Result {
  const set = loaded.definition;
  const shape = programOf(loaded).shape;
  const groups = groupResults(loaded, shape, criteria);
  const asOf = ctx.options.asOf ?? null;
  // The stamp and engine objects are shared by every result of the set, like the titles they hold.
  const stamp = shape.stamp;
  const inForce = asOf === null ? null : isInForce(set, asOf);
  const engine = shape.engines.get(ctx.engine)!;
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
