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
 * not-applicable criterion earns, and its maximum still possible when it is missing data or in error.
 */
export function pointsOf(plan: CriterionPlan, status: Status, decidedEarned: number, hasScore: boolean): CriterionResult["points"] {
  if (plan.criterion.points === undefined) return null;
  const earned = status === "pass" || (status === "fail" && hasScore) ? decidedEarned : status === "not-applicable" ? plan.naEarned : 0;
  const possible = status === "missing" || status === "error" ? plan.max : earned;
  return { earned, possible, max: plan.max };
}

/** A criterion's result object (without the explanation's fields). */
export function criterionResult(
  plan: CriterionPlan,
  status: Status,
  outcomes: Outcome[],
  reason: CriterionResult["reason"],
  points: CriterionResult["points"],
  missing: string[],
  error: string | undefined,
): QuietCriterion {
  const c = plan.criterion;
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
}

/** The result with the explanation's fields: the values read, the ratios measured, the sub-units it read, its sentence. */
export function explainedResult(
  base: QuietCriterion,
  values: Record<string, ReadValue>,
  measures: Measure[],
  subResults: string[],
  message: CriterionResult["message"],
): CriterionResult {
  const b = base;
  return b.error === undefined
    ? {
        id: b.id,
        title: b.title,
        group: b.group,
        level: b.level,
        role: b.role,
        mandatory: b.mandatory,
        status: b.status,
        outcomes: b.outcomes,
        reason: b.reason,
        points: b.points,
        missing: b.missing,
        values,
        measures,
        subResults,
        message,
      }
    : {
        id: b.id,
        title: b.title,
        group: b.group,
        level: b.level,
        role: b.role,
        mandatory: b.mandatory,
        status: b.status,
        outcomes: b.outcomes,
        reason: b.reason,
        points: b.points,
        missing: b.missing,
        error: b.error,
        values,
        measures,
        subResults,
        message,
      };
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
