/**
 * From criterion statuses to a verdict: points with a pass mark, grade bands and knock-outs; or every
 * criterion of a level passing, levels cumulative. Missing data gives `incomplete` only while it could still
 * change the verdict either way.
 *
 * @module
 */
import type { Localized } from "../schema/common.js";
import type { AllDecision, CriteriaSet, PointsDecision } from "../schema/criteria-set.js";
import type { CriterionResult, Gap, LevelResult, PointsSummary, Verdict } from "../schema/result.js";

/** What the decision rule concluded. */
export interface Decided {
  readonly verdict: Verdict;
  readonly grade: { readonly id: string; readonly title: Localized } | null;
  readonly gradeFinal: boolean;
  readonly highestGrade: { readonly id: string; readonly title: Localized } | null;
  readonly points: PointsSummary | null;
  readonly levels: LevelResult[];
  readonly gap: Gap;
}

const unknown = (c: CriterionResult) => c.status === "missing" || c.status === "error";
const knockout = (c: CriterionResult) => c.mandatory || c.role === "exclusion";

/** The absent paths of the undecided criteria, each once, in order. */
function missingPathsOf(criteria: readonly CriterionResult[]): string[] {
  const out = new Set<string>();
  for (const c of criteria) for (const p of c.missing) out.add(p);
  return [...out];
}

/** ceil(num / den) for non-negative whole numbers. */
function exactCeil(num: number, den: number): number {
  return Math.floor((num + den - 1) / den);
}

/** The first band (highest first) whose threshold `p` meets, thresholds scaled to the applicable maximum. */
function bandIndex(d: PointsDecision, p: number, applicableMax: number): number {
  for (let i = 0; i < d.grades.length; i++) if (p * d.maxPoints >= d.grades[i]!.minPoints * applicableMax) return i;
  return -1;
}

/** Whether `a` comes before `b` in `toImprove`: most points first, then by id. */
function before(a: { id: string; points: number }, b: { id: string; points: number }): boolean {
  return a.points > b.points || (a.points === b.points && a.id < b.id);
}

/** Sorts `toImprove` in place by insertion: a handful of items, where `Array.prototype.sort` costs more than the work. */
function sortToImprove(list: { id: string; points: number }[]): void {
  for (let i = 1; i < list.length; i++) {
    const x = list[i]!;
    let j = i - 1;
    while (j >= 0 && before(x, list[j]!)) {
      list[j + 1] = list[j]!;
      j--;
    }
    list[j + 1] = x;
  }
}

// Plain loops rather than filter/map chains: this runs once per unit, millions of times in a batch.
function decidePoints(d: PointsDecision, criteria: readonly CriterionResult[]): Decided {
  let earned = 0;
  let applicableMax = d.maxPoints;
  let possible = 0;
  const blocking: string[] = [];
  const missing: string[] = [];
  const toImprove: { id: string; points: number }[] = [];
  let knockUnknown = false;
  for (const c of criteria) {
    const isUnknown = unknown(c);
    if (isUnknown) missing.push(c.id);
    if (knockout(c)) {
      if (c.status === "fail") blocking.push(c.id);
      else if (isUnknown) knockUnknown = true;
    }
    if (!c.points) continue;
    if (c.status === "fail" && c.points.earned < c.points.max) toImprove.push({ id: c.id, points: c.points.max - c.points.earned });
    if (c.status === "not-applicable") {
      // 'award' gave the criterion its points when it was evaluated; 'zero' gave none.
      if (d.notApplicable === "exclude") applicableMax -= c.points.max;
      else earned += c.points.earned;
      continue;
    }
    earned += c.points.earned;
    if (isUnknown) possible += c.points.max;
  }
  possible += earned;
  // Thresholds scaled to the applicable maximum, compared in whole numbers. When nothing scored applies, the
  // points condition holds vacuously and only the knock-out criteria decide.
  const meets = (p: number, threshold: number) => p * d.maxPoints >= threshold * applicableMax;
  const passMark = d.passMark === null ? null : exactCeil(d.passMark * applicableMax, d.maxPoints);

  let verdict: Verdict;
  // An unknown pass mark can never be met: only a failed knock-out concludes anything.
  if (blocking.length > 0 || (d.passMark !== null && !meets(possible, d.passMark))) verdict = "fail";
  else if (d.passMark === null || knockUnknown || !meets(earned, d.passMark)) verdict = "incomplete";
  else verdict = "pass";

  let grade: Decided["grade"] = null;
  let highestGrade: Decided["highestGrade"] = null;
  let gradeFinal = true;
  let nextGrade: Gap["nextGrade"] = null;
  if (verdict === "pass") {
    const i = bandIndex(d, earned, applicableMax);
    const band = i >= 0 ? d.grades[i]! : undefined;
    if (band) grade = { id: band.id, title: band.title };
    const j = bandIndex(d, possible, applicableMax);
    gradeFinal = (j >= 0 ? d.grades[j]!.id : undefined) === band?.id;
    if (j >= 0) highestGrade = { id: d.grades[j]!.id, title: d.grades[j]!.title };
    const up = i > 0 ? d.grades[i - 1] : undefined;
    if (up) nextGrade = { id: up.id, title: up.title, pointsShort: Math.max(0, exactCeil(up.minPoints * applicableMax, d.maxPoints) - earned) };
  }
  if (verdict === "incomplete" && !knockUnknown) {
    const j = bandIndex(d, possible, applicableMax);
    if (j >= 0) highestGrade = { id: d.grades[j]!.id, title: d.grades[j]!.title };
  }
  if (toImprove.length > 1) sortToImprove(toImprove);
  return {
    verdict,
    grade,
    gradeFinal: verdict === "pass" ? gradeFinal : true,
    highestGrade,
    points: { earned, max: d.maxPoints, applicableMax, passMark, possible },
    levels: [],
    gap: {
      pointsShort: passMark === null ? null : Math.max(0, passMark - earned),
      blocking,
      missing,
      missingPaths: missingPathsOf(criteria),
      toImprove,
      nextGrade,
      nextLevel: null,
    },
  };
}

const IMPLIED_LEVEL = { id: "dat", title: { vi: "Đạt", en: "Achieved" } };

function decideAll(d: AllDecision, criteria: readonly CriterionResult[]): Decided {
  const levels = d.levels.length > 0 ? d.levels : [IMPLIED_LEVEL];
  const indexOf = (c: CriterionResult) => (c.level === null ? 0 : Math.max(0, levels.findIndex((l) => l.id === c.level)));
  const results: LevelResult[] = levels.map((l, k) => {
    const required = criteria.filter((c) => indexOf(c) <= k);
    const failing = required.filter((c) => c.status === "fail").map((c) => c.id);
    const missing = required.filter(unknown).map((c) => c.id);
    return { id: l.id, title: l.title, status: failing.length ? "not-achieved" : missing.length ? "undetermined" : "achieved", failing, missing };
  });
  let reached = -1;
  while (reached + 1 < results.length && results[reached + 1]!.status === "achieved") reached++;
  const first = results[0]!;
  const verdict: Verdict = first.status === "achieved" ? "pass" : first.status === "not-achieved" ? "fail" : "incomplete";
  const next = results[reached + 1];
  const grade = reached >= 0 && d.levels.length > 0 ? { id: levels[reached]!.id, title: levels[reached]!.title } : null;
  let top = -1;
  while (top + 1 < results.length && results[top + 1]!.status !== "not-achieved") top++;
  return {
    verdict,
    grade,
    gradeFinal: verdict !== "pass" || !next || next.status === "not-achieved",
    highestGrade: top >= 0 && d.levels.length > 0 ? { id: levels[top]!.id, title: levels[top]!.title } : null,
    points: null,
    levels: d.levels.length > 0 ? results : [],
    gap: {
      pointsShort: null,
      blocking: first.failing,
      missing: criteria.filter(unknown).map((c) => c.id),
      missingPaths: missingPathsOf(criteria),
      toImprove: [],
      nextGrade: null,
      nextLevel: verdict === "pass" && next ? { id: next.id, title: next.title, failing: next.failing, missing: next.missing } : null,
    },
  };
}

/** Applies the set's decision rule to the criteria results. */
export function decide(set: CriteriaSet, criteria: readonly CriterionResult[]): Decided {
  return set.decision.method === "points" ? decidePoints(set.decision, criteria) : decideAll(set.decision, criteria);
}
