/**
 * The generated path of `evaluate`: a quiet result of a unit decided by the set's generated module (see
 * `generated.ts`), when one is attached and it models the unit. The module writes three numbers a criterion
 * (status, reason, points); they become the same result objects the general path writes (`results.ts`), so
 * results are the general path's by construction (and proven so by the differential and fuzz tests).
 *
 * @module
 */
import { GEN_REASON, GEN_STATUS } from "../generate/module.js";
import { constraintProblems } from "../schema/constraints.js";
import type { CriterionResult, Result } from "../schema/result.js";
import { decide } from "./decision.js";
import { generatedOf } from "./generated.js";
import type { LoadedSet } from "./load.js";
import type { RunContext } from "./options.js";
import { programOf } from "./program.js";
import { criterionResult, NONE, OUTCOMES, pointsOf, unitResult } from "./results.js";

/**
 * Runs the set's generated module on a unit: its buffer (three numbers a criterion: status, reason, points
 * earned, see `generate/module.ts`) with the unit's work taken from the budget, or undefined for the general
 * path: no module, a unit it hands back (anything unusual, absent data), a unit over the work budget (the
 * general path refuses it after its data check, so the error is the same either way) or one that breaks a
 * constraint between inputs (the module checks the data's shape only; the general path refuses it). The buffer
 * is the module's own: read it before the next run.
 */
export function generatedRun(loaded: LoadedSet, data: unknown, ctx: RunContext): Int32Array | undefined {
  const generated = generatedOf(loaded);
  if (generated === undefined) return undefined;
  const program = programOf(loaded);
  const remaining = ctx.budget.remaining;
  const work = program.work(data, remaining);
  const constraints = loaded.definition.constraints;
  if (
    work > remaining ||
    !generated.run(data, generated.out) ||
    (constraints.length > 0 && constraintProblems(constraints, loaded.definition.inputs, data).length > 0)
  )
    return undefined;
  ctx.budget.remaining -= work;
  return generated.out;
}

/** The unit's quiet result from the set's generated module, or undefined for the general path (see {@link generatedRun}). */
export function generatedResult(loaded: LoadedSet, data: unknown, ctx: RunContext): Result | undefined {
  const out = generatedRun(loaded, data, ctx);
  return out === undefined ? undefined : resultOf(loaded, out, ctx);
}

/** The quiet result of a unit the module decided into `out`. */
export function resultOf(loaded: LoadedSet, out: Int32Array, ctx: RunContext): Result {
  const program = programOf(loaded);
  const plans = program.plans;
  const rules = program.criteria;
  const criteria = new Array<CriterionResult>(plans.length);
  for (let i = 0; i < plans.length; i++) {
    const plan = plans[i]!;
    const status = GEN_STATUS[out[3 * i]!]!;
    const points = pointsOf(plan, status, out[3 * i + 2]!, rules[i]!.score !== undefined);
    criteria[i] = criterionResult(plan, status, OUTCOMES[status], GEN_REASON[out[3 * i + 1]!]!, points, NONE, undefined);
  }
  // Complete data only reaches here (anything missing went back to the general evaluator): no spans.
  const decided = decide(
    loaded.definition,
    criteria,
    undefined,
    (i) => plans[i]!.max,
    (i) => plans[i]!.naEarned,
  );
  return unitResult(loaded, decided, criteria, NONE, ctx);
}
