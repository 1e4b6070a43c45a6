/**
 * `decide(set, data, options)`: the statuses-and-points form of `evaluate`. It answers what a caller deciding
 * many units usually keeps — the verdict, the grade or level reached, the points, each criterion's status — and
 * allocates next to nothing to do so: one small object and one list of statuses (shared strings) a unit.
 *
 * A unit the set's generated module models (complete, usual data) is decided from the module's buffer straight
 * away, by the certain decision `decision.ts` takes for such units, written here over numbers instead of
 * result objects. Anything else — no module (a set it does not model, the fast paths off), a unit the module
 * hands back (absent data, unusual values), a criterion not encoded yet, an unknown pass mark — is evaluated by
 * `evaluate` with `explain: false` and its result read. Either way the answer is the one `evaluate`'s result
 * gives (the differential and fuzz tests hold the two to each other on every bundled set).
 *
 * @module
 */

import { GEN_STATUS } from "../generate/module.js";
import type { AllDecision, PointsDecision } from "../schema/criteria-set.js";
import type { Status, Verdict } from "../schema/result.js";
import { type EvaluateOptions, type evaluate, prepareRun, run, type SetToEvaluate, unitContext } from "./evaluate.js";
import type { useGenerated } from "./generated.js";
import { generatedRun } from "./generated-result.js";
import type { useJit } from "./jit.js";
import type { LoadedSet } from "./load.js";
import type { RunContext } from "./options.js";
import { programOf } from "./program.js";

/**
 * What {@link decide} answers: what `evaluate`'s result says of the verdict, the grade or level (and whether it
 * is final), the points and each criterion's status, and nothing else: what a compact batch record holds.
 */
export interface DecideResult {
  /** As the result's `verdict`: `pass`, `fail`, or `incomplete` when completions of the missing data disagree. */
  readonly verdict: Verdict;
  /** The id of the grade or level reached for certain (the result's `grade.id`), or null. */
  readonly grade: string | null;
  /** The points the unit has for certain (the result's `points.earned`); null under an all-must-pass decision. */
  readonly earned: number | null;
  /**
   * The most points some completion of the missing data reaches (the result's `points.possible`): `earned` when
   * the data is complete; null without points.
   */
  readonly possible: number | null;
  /** The maximum less what is not applicable (the result's `points.applicableMax`); null without points. */
  readonly applicableMax: number | null;
  /** Each criterion's status, in the order of the set's criteria (the result's `criteria[i].status`). */
  readonly statuses: readonly Status[];
  /**
   * Whether the grade is final (the result's `gradeFinal`): false when the unit passes but missing data could
   * still raise its grade or level, or when the verdict is incomplete.
   */
  readonly gradeFinal: boolean;
}

/** The options of {@link decide}: those of `evaluate` but `explain` (it never explains). */
export type DecideOptions = Omit<EvaluateOptions, "explain">;

/**
 * Decides a unit of a set: the verdict, grade, points and statuses of {@link evaluate}'s result, without the
 * result. The fast way to decide many units when their explanations are not read: a set with a generated module
 * (every bundled set the generator models, or one given {@link useGenerated} or {@link useJit}) decides a usual,
 * complete unit with no result objects at all. It takes the same sets and options as `evaluate` (but `explain`),
 * checks the data the same way and throws the same errors.
 *
 * @param set - As `evaluate` takes it: a loaded set (the fast way), a criteria file's JSON, or a set id with `sets` and `asOf`.
 * @param data - The unit's data, checked against the set's inputs before any rule runs, never modified.
 * @returns The verdict, the grade or level id and whether it is final, the points (earned, possible, the applicable maximum) and each criterion's status.
 * @throws The errors `evaluate` throws: `UnitDataError`, `OptionsError`, `NotInForceError`, `BudgetError`, ...
 * @example
 * ```ts
 * const set = loadCriteriaSet(giaDinhHocTap); // a bundled set: its generated module comes with it
 * for (const family of families) {
 *   const d = decide(set, family, { asOf: "2024-12-01" });
 *   if (d.verdict === "pass") count++;
 * }
 * ```
 */
export function decide(set: SetToEvaluate, data: unknown, options: DecideOptions = {}): DecideResult {
  const { loaded, ctx } = prepareRun(set, { ...options, explain: false });
  return decideIn(loaded, data, ctx);
}

/**
 * {@link decide} for many units of one set with the same options: the options checked and the set found once,
 * then each unit decided as `decide` decides it, with a budget of its own. Throws what `decide` throws, the
 * options' errors (and a set out of force) when made. @internal (the batch's compact records)
 */
export function decider(set: SetToEvaluate, options: DecideOptions = {}): (data: unknown) => DecideResult {
  const { loaded, ctx } = prepareRun(set, { ...options, explain: false });
  return (data) => decideIn(loaded, data, unitContext(ctx));
}

function decideIn(loaded: LoadedSet, data: unknown, ctx: RunContext): DecideResult {
  if (ctx.engine === "compiled") {
    const out = generatedRun(loaded, data, ctx);
    if (out !== undefined) {
      const fast = fromBuffer(loaded, out);
      if (fast !== undefined) return fast;
      // Restore the budget the module took: the general path takes it again.
      ctx.budget.remaining = ctx.budget.limit;
    }
  }
  const r = run(loaded, data, ctx);
  const statuses = new Array<Status>(r.criteria.length);
  for (let i = 0; i < statuses.length; i++) statuses[i] = r.criteria[i]!.status;
  const p = r.points;
  return {
    verdict: r.verdict,
    grade: r.grade?.id ?? null,
    earned: p?.earned ?? null,
    possible: p?.possible ?? null,
    applicableMax: p?.applicableMax ?? null,
    statuses,
    gradeFinal: r.gradeFinal,
  };
}

/** What the lean decision needs of a set, made once per loaded set. */
interface Lean {
  /** Whether each criterion fails the unit when it fails (mandatory, or an exclusion). */
  readonly knockout: readonly boolean[];
  /** Whether each criterion earns a score (points when it fails too). */
  readonly scored: readonly boolean[];
  /** Each criterion's level position under an all-must-pass decision (0 when it names none or an unknown one). */
  readonly levelAt: readonly number[];
}

const leans = new WeakMap<LoadedSet, Lean>();

function leanOf(loaded: LoadedSet): Lean {
  let lean = leans.get(loaded);
  if (lean === undefined) {
    const program = programOf(loaded);
    const d = loaded.definition.decision;
    const levels = d.method === "all" ? d.levels : [];
    lean = {
      knockout: program.plans.map((p) => p.mandatory || p.criterion.role === "exclusion"),
      scored: program.criteria.map((c) => c.score !== undefined),
      levelAt: program.plans.map((p) =>
        Math.max(
          0,
          levels.findIndex((l) => l.id === p.level),
        ),
      ),
    };
    leans.set(loaded, lean);
  }
  return lean;
}

const MISSING = 2;

/**
 * The answer from the module's buffer, when every criterion is certain (what `decidePointsCertain` and
 * `decideAllCertain` of `decision.ts` give then); undefined otherwise (a criterion not encoded yet, an unknown
 * pass mark), for the general way.
 */
function fromBuffer(loaded: LoadedSet, out: Int32Array): DecideResult | undefined {
  const d = loaded.definition.decision;
  const n = loaded.definition.criteria.length;
  const statuses = new Array<Status>(n);
  for (let i = 0; i < n; i++) {
    const code = out[3 * i]!;
    if (code === MISSING) return undefined;
    statuses[i] = GEN_STATUS[code]!;
  }
  return d.method === "points" ? pointsDecided(loaded, d, out, statuses) : levelsDecided(loaded, d, statuses);
}

function pointsDecided(loaded: LoadedSet, d: PointsDecision, out: Int32Array, statuses: Status[]): DecideResult | undefined {
  if (d.passMark === null) return undefined;
  const lean = leanOf(loaded);
  const plans = programOf(loaded).plans;
  let earned = 0;
  let applicableMax = d.maxPoints;
  let blocked = false;
  for (let i = 0; i < statuses.length; i++) {
    const status = statuses[i]!;
    if (status === "fail" && lean.knockout[i]) blocked = true;
    const plan = plans[i]!;
    if (plan.shared === null) continue;
    // The criterion's points as `pointsOf` gives them.
    if (status === "not-applicable") {
      if (d.notApplicable === "exclude") applicableMax -= plan.max;
      else earned += plan.naEarned;
    } else if (status === "pass" || lean.scored[i]) earned += out[3 * i + 2]!;
  }
  const scaled = earned * d.maxPoints;
  const verdict: Verdict = blocked || scaled < d.passMark * applicableMax ? "fail" : "pass";
  let grade: string | null = null;
  if (verdict === "pass") {
    let i = 0;
    while (i < d.grades.length && scaled < d.grades[i]!.minPoints * applicableMax) i++;
    grade = d.grades[i]?.id ?? null;
  }
  // Every criterion certain: nothing more is possible than what is earned, and the grade is final.
  return { verdict, grade, earned, possible: earned, applicableMax, statuses, gradeFinal: true };
}

function levelsDecided(loaded: LoadedSet, d: AllDecision, statuses: Status[]): DecideResult {
  const levelAt = leanOf(loaded).levelAt;
  // A level is held when no failing criterion belongs to it or one below: the first failing level bounds them.
  let firstFailing = Infinity;
  for (let i = 0; i < statuses.length; i++) if (statuses[i] === "fail" && levelAt[i]! < firstFailing) firstFailing = levelAt[i]!;
  const verdict: Verdict = firstFailing > 0 ? "pass" : "fail";
  const held = Math.min(firstFailing, d.levels.length);
  // Every criterion certain: the level held is the highest reachable, so the grade is final.
  return {
    verdict,
    grade: verdict === "pass" && d.levels.length > 0 ? d.levels[held - 1]!.id : null,
    earned: null,
    possible: null,
    applicableMax: null,
    statuses,
    gradeFinal: true,
  };
}
