/**
 * From criterion outcomes to a verdict, decided over every completion of the missing data: points with a pass
 * mark, grade bands and knock-outs; or every criterion of a level passing, levels cumulative.
 *
 * Each criterion comes with what the completions can make of it (a {@link CriterionSpan}: passing with some
 * points, failing with some points, not applicable). The verdict is `pass` only when the lowest completion
 * passes, `fail` when even the highest cannot, `incomplete` otherwise; a grade or level is final only when both
 * ends land in the same band. Under a points decision, whether a completion reaches a threshold T is
 * `sum over criteria of (earned·maxPoints − T·applicable maximum) >= 0`, one term per criterion, so the lowest and
 * highest sums come from each criterion's own lowest and highest term, the same way a share is decided
 * (`logic/bounds.ts`). Exact when criteria do not share absent values (see docs/semantics.md).
 *
 * @module
 */
import type { Localized } from "../schema/common.js";
import type { AllDecision, CriteriaSet, PointsDecision } from "../schema/criteria-set.js";
import type { CriterionResult, Gap, LevelResult, PointsSummary, Verdict } from "../schema/result.js";
import { NONE } from "./frozen.js";

/** Lowest and highest points. */
export interface Span {
  readonly lo: number;
  readonly hi: number;
}

/** What the completions of the missing data can make of one criterion. */
export interface CriterionSpan {
  /** Points when it passes, lowest and highest; null when no completion passes it. */
  readonly pass: Span | null;
  /** Points when it fails (0, or a score); null when no completion fails it. */
  readonly fail: Span | null;
  /** Some completion leaves it not applicable. */
  readonly na: boolean;
}

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

const PASS_ONLY = { lo: 0, hi: 0 };

/** The span of a criterion whose result is certain, from its result alone. */
export function certainSpan(c: CriterionResult): CriterionSpan {
  const earned = c.points?.earned ?? 0;
  switch (c.status) {
    case "pass":
      return { pass: c.points ? { lo: earned, hi: earned } : PASS_ONLY, fail: null, na: false };
    case "fail":
      return { pass: null, fail: c.points ? { lo: earned, hi: earned } : PASS_ONLY, na: false };
    case "not-applicable":
      return { pass: null, fail: null, na: true };
    default:
      // An error, or a result without a span: it could pass with every point or fail with none.
      return { pass: { lo: c.points?.max ?? 0, hi: c.points?.max ?? 0 }, fail: PASS_ONLY, na: false };
  }
}

const knockout = (c: CriterionResult) => c.mandatory || c.role === "exclusion";
const undecided = (c: CriterionResult) => c.status === "missing" || c.status === "error";

/** ceil(num / den) for non-negative whole numbers. */
function exactCeil(num: number, den: number): number {
  return Math.floor((num + den - 1) / den);
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

/** The absent paths of some criteria, each once, in order. */
function pathsOf(criteria: readonly CriterionResult[]): string[] {
  const out = new Set<string>();
  for (const c of criteria) for (const p of c.missing) out.add(p);
  return [...out];
}

// ---------------------------------------------------------------------------------------------------------
// Points

/** A criterion's terms towards a threshold T: the lowest and highest, and the highest where it does not fail. */
interface Terms {
  readonly lo: number;
  readonly hi: number;
  /** Highest term among its passing and not-applicable outcomes (-Infinity when it always fails). */
  readonly hiHolding: number;
  /** Lowest term among its passing and not-applicable outcomes. */
  readonly loHolding: number;
}

/**
 * One criterion's terms `earned·M − T·max` (its maximum counted only where it applies, under 'exclude'; a
 * not-applicable criterion earns its points under 'award' and none under 'zero').
 */
function termsOf(d: PointsDecision, s: CriterionSpan, max: number, naEarned: number, T: number): Terms {
  const M = d.maxPoints;
  let lo = Infinity;
  let hi = -Infinity;
  let loHolding = Infinity;
  let hiHolding = -Infinity;
  const add = (t: number, holding: boolean) => {
    lo = Math.min(lo, t);
    hi = Math.max(hi, t);
    if (holding) {
      loHolding = Math.min(loHolding, t);
      hiHolding = Math.max(hiHolding, t);
    }
  };
  if (s.pass) {
    add(s.pass.lo * M - T * max, true);
    add(s.pass.hi * M - T * max, true);
  }
  if (s.fail) {
    add(s.fail.lo * M - T * max, false);
    add(s.fail.hi * M - T * max, false);
  }
  if (s.na) add(d.notApplicable === "exclude" ? 0 : naEarned * M - T * max, true);
  return { lo, hi, loHolding, hiHolding };
}

interface PointsInput {
  readonly result: CriterionResult;
  readonly span: CriterionSpan;
  readonly max: number;
  readonly naEarned: number;
  readonly ko: boolean;
}

/** Sums of terms towards T over all criteria: lowest; highest with every knock-out holding (or -Infinity). */
function sums(d: PointsDecision, inputs: readonly PointsInput[], T: number): { min: number; maxHolding: number; terms: Terms[] } {
  let min = 0;
  let maxHolding = 0;
  const terms: Terms[] = [];
  for (const x of inputs) {
    const t = termsOf(d, x.span, x.max, x.naEarned, T);
    terms.push(t);
    min += t.lo;
    maxHolding += x.ko ? t.hiHolding : t.hi;
  }
  return { min, maxHolding, terms };
}

/** Whether some whole number s lies in [lo, hi] and in [from, to]. */
function meets(lo: number, hi: number, from: number, to: number): boolean {
  return Math.max(lo, from) <= Math.min(hi, to);
}

function decidePoints(
  d: PointsDecision,
  criteria: readonly CriterionResult[],
  spans: readonly CriterionSpan[],
  maxOf: (i: number) => number,
  naOf: (i: number) => number,
): Decided {
  const inputs: PointsInput[] = criteria.map((c, i) => ({ result: c, span: spans[i]!, max: maxOf(i), naEarned: naOf(i), ko: knockout(c) }));
  // Raw points: the lowest and highest totals; the applicable maximum less what is not applicable in every completion.
  let earned = 0;
  let possible = 0;
  let applicableMax = d.maxPoints;
  const blocking: string[] = [];
  const toImprove: { id: string; points: number }[] = [];
  let knockFails = false;
  let knockAlwaysHolds = true;
  for (const x of inputs) {
    const s = x.span;
    const lows = [s.pass?.lo, s.fail?.lo, s.na ? x.naEarned : undefined].filter((v): v is number => v !== undefined);
    const highs = [s.pass?.hi, s.fail?.hi, s.na ? x.naEarned : undefined].filter((v): v is number => v !== undefined);
    if (x.result.points) {
      earned += Math.min(...lows);
      possible += Math.max(...highs);
      if (s.na && !s.pass && !s.fail && d.notApplicable === "exclude") applicableMax -= x.max;
    }
    if (x.ko) {
      if (s.fail) knockFails = true;
      if (s.fail && !s.pass && !s.na) blocking.push(x.result.id);
      if (!s.pass && !s.na) knockAlwaysHolds = false;
    }
    const c = x.result;
    if (c.status === "fail" && c.points && c.points.earned < c.points.max) toImprove.push({ id: c.id, points: c.points.max - c.points.earned });
  }
  const passMark = d.passMark === null ? null : exactCeil(d.passMark * applicableMax, d.maxPoints);

  let verdict: Verdict;
  let atPass: ReturnType<typeof sums> | undefined;
  if (d.passMark === null) {
    // An unknown pass mark could be anything: only a knock-out failing in every completion concludes.
    verdict = blocking.length > 0 ? "fail" : "incomplete";
  } else {
    atPass = sums(d, inputs, d.passMark);
    const canPass = knockAlwaysHolds && atPass.maxHolding >= 0;
    const canFail = knockFails || atPass.min < 0;
    verdict = canPass && !canFail ? "pass" : canPass ? "incomplete" : "fail";
  }

  // Grades: the lowest band every completion reaches, the highest a passing completion reaches.
  let floor = -1;
  let ceiling = -1;
  const bandSums = d.grades.map((g) => sums(d, inputs, g.minPoints));
  for (let i = d.grades.length - 1; i >= 0; i--) {
    if (verdict === "pass" && bandSums[i]!.min >= 0) floor = i;
    if (verdict !== "fail" && knockAlwaysHolds && bandSums[i]!.maxHolding >= 0) ceiling = i;
  }
  const band = (i: number) => (i >= 0 ? { id: d.grades[i]!.id, title: d.grades[i]!.title } : null);
  const grade = verdict === "pass" ? band(floor) : null;
  const highestGrade = verdict === "fail" || d.passMark === null ? null : band(ceiling);
  const gradeFinal = verdict === "fail" || (verdict === "pass" && floor === ceiling);

  // What could still change the verdict (or, once it is certain, the grade): criteria whose own outcomes could
  // tip a threshold for some outcome of the others.
  const relevant = new Set<number>();
  const tips = (s: ReturnType<typeof sums>, holdingOnly: boolean) => {
    const total = { min: s.min, max: inputs.reduce((acc, x, i) => acc + (holdingOnly && x.ko ? s.terms[i]!.hiHolding : s.terms[i]!.hi), 0) };
    inputs.forEach((x, i) => {
      if (!undecided(x.result)) return;
      const t = s.terms[i]!;
      const tHi = holdingOnly && x.ko ? t.hiHolding : t.hi;
      // The others' sums: from the lowest to the highest, less this criterion's own.
      const oLo = total.min - t.lo;
      const oHi = total.max - tHi;
      if (t.lo < tHi && meets(oLo, oHi, -tHi, -t.lo - 1)) relevant.add(i);
    });
  };
  if (verdict === "incomplete") {
    if (d.passMark === null) inputs.forEach((x, i) => x.ko && x.span.fail && undecided(x.result) && relevant.add(i));
    else {
      inputs.forEach((x, i) => x.ko && x.span.fail && (x.span.pass || x.span.na) && undecided(x.result) && relevant.add(i));
      tips(atPass!, true);
    }
  } else if (verdict === "pass" && floor !== ceiling) {
    for (let b = ceiling; b < floor; b++) tips(bandSums[b]!, false);
  }
  const missingIds: string[] = [];
  const deciding: CriterionResult[] = [];
  inputs.forEach((x, i) => {
    if (relevant.has(i)) {
      missingIds.push(x.result.id);
      deciding.push(x.result);
    }
  });

  let nextGrade: Gap["nextGrade"] = null;
  if (verdict === "pass" && floor > 0) {
    const up = d.grades[floor - 1]!;
    nextGrade = { id: up.id, title: up.title, pointsShort: Math.max(0, exactCeil(up.minPoints * applicableMax, d.maxPoints) - earned) };
  }
  if (toImprove.length > 1) sortToImprove(toImprove);
  return {
    verdict,
    grade,
    gradeFinal,
    highestGrade,
    points: { earned, max: d.maxPoints, applicableMax, passMark, possible },
    levels: [],
    gap: {
      pointsShort: passMark === null ? null : Math.max(0, passMark - earned),
      blocking,
      missing: missingIds,
      missingPaths: pathsOf(deciding),
      toImprove,
      nextGrade,
      nextLevel: null,
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// Levels

const IMPLIED_LEVEL = { id: "dat", title: { vi: "Đạt", en: "Achieved" } };

function decideAll(d: AllDecision, criteria: readonly CriterionResult[], spans: readonly CriterionSpan[]): Decided {
  const levels = d.levels.length > 0 ? d.levels : [IMPLIED_LEVEL];
  const indexOf = (c: CriterionResult) =>
    c.level === null
      ? 0
      : Math.max(
          0,
          levels.findIndex((l) => l.id === c.level),
        );
  const canFail = (i: number) => spans[i]!.fail !== null;
  const alwaysFails = (i: number) => spans[i]!.fail !== null && spans[i]!.pass === null && !spans[i]!.na;
  const results: LevelResult[] = levels.map((l, k) => {
    const failing: string[] = [];
    const missing: string[] = [];
    let anyCanFail = false;
    criteria.forEach((c, i) => {
      if (indexOf(c) > k) return;
      if (alwaysFails(i)) failing.push(c.id);
      else if (canFail(i)) {
        anyCanFail = true;
        missing.push(c.id);
      }
    });
    return { id: l.id, title: l.title, status: failing.length ? "not-achieved" : anyCanFail ? "undetermined" : "achieved", failing, missing };
  });
  let floor = -1;
  while (floor + 1 < results.length && results[floor + 1]!.status === "achieved") floor++;
  let ceiling = -1;
  while (ceiling + 1 < results.length && results[ceiling + 1]!.status !== "not-achieved") ceiling++;
  const first = results[0]!;
  const verdict = levelsVerdict(first);
  // What could still change the verdict: the undecided criteria of the first level; once it is certain, those of
  // the levels between the one reached for certain and the highest reachable.
  const deciding =
    verdict === "incomplete"
      ? first.missing
      : verdict === "pass" && ceiling > floor
        ? results
            .slice(floor + 1, ceiling + 1)
            .flatMap((l) => l.missing)
            .filter((id, i, a) => a.indexOf(id) === i)
        : [];
  const decidingSet = new Set(deciding);
  const missing = criteria.filter((c) => decidingSet.has(c.id) && undecided(c)).map((c) => c.id);
  return levelsDecided(d, levels, results, floor, ceiling, missing, pathsOf(criteria.filter((c) => decidingSet.has(c.id))));
}

type Level = { readonly id: string; readonly title: Localized };

const levelsVerdict = (first: LevelResult): Verdict => (first.status === "achieved" ? "pass" : first.status === "not-achieved" ? "fail" : "incomplete");

/**
 * The decision from the levels' results: `floor` the last level held for certain, `ceiling` the last one some
 * completion holds (-1 for none), `missing` and `missingPaths` what could still change it.
 */
function levelsDecided(
  d: AllDecision,
  levels: readonly Level[],
  results: LevelResult[],
  floor: number,
  ceiling: number,
  missing: string[],
  missingPaths: string[],
): Decided {
  const first = results[0]!;
  const verdict = levelsVerdict(first);
  const withLevels = d.levels.length > 0;
  const next = results[floor + 1];
  return {
    verdict,
    grade: verdict === "pass" && withLevels ? { id: levels[floor]!.id, title: levels[floor]!.title } : null,
    gradeFinal: verdict === "fail" || (verdict === "pass" && floor === ceiling),
    highestGrade: verdict !== "fail" && withLevels && ceiling >= 0 ? { id: levels[ceiling]!.id, title: levels[ceiling]!.title } : null,
    points: null,
    levels: withLevels ? results : NONE,
    gap: {
      pointsShort: null,
      blocking: first.failing,
      missing,
      missingPaths,
      toImprove: NONE,
      nextGrade: null,
      nextLevel: verdict === "pass" && next ? { id: next.id, title: next.title, failing: next.failing, missing: next.missing } : null,
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// The common case, fast: every criterion certain and decided

/**
 * The decision when every criterion passes, fails or is not applicable for certain: what the general rule gives
 * then (one completion, nothing undecided), computed in one pass without spans.
 */
function decidePointsCertain(d: PointsDecision, criteria: readonly CriterionResult[]): Decided {
  let earned = 0;
  let applicableMax = d.maxPoints;
  const blocking: string[] = [];
  const toImprove: { id: string; points: number }[] = [];
  for (let i = 0; i < criteria.length; i++) {
    const c = criteria[i]!;
    if (c.status === "fail" && knockout(c)) blocking.push(c.id);
    if (!c.points) continue;
    if (c.status === "fail" && c.points.earned < c.points.max) toImprove.push({ id: c.id, points: c.points.max - c.points.earned });
    if (c.status === "not-applicable" && d.notApplicable === "exclude") applicableMax -= c.points.max;
    else earned += c.points.earned;
  }
  // Thresholds scaled to the applicable maximum, compared in whole numbers (written out, not as a closure: this
  // runs once a unit).
  const scaled = earned * d.maxPoints;
  const passMark = d.passMark === null ? null : exactCeil(d.passMark * applicableMax, d.maxPoints);
  const verdict: Verdict =
    blocking.length > 0 || (d.passMark !== null && scaled < d.passMark * applicableMax) ? "fail" : d.passMark === null ? "incomplete" : "pass";
  let grade: Decided["grade"] = null;
  let nextGrade: Gap["nextGrade"] = null;
  if (verdict === "pass") {
    let i = 0;
    while (i < d.grades.length && scaled < d.grades[i]!.minPoints * applicableMax) i++;
    const band = d.grades[i];
    if (band) grade = { id: band.id, title: band.title };
    const up = i > 0 ? d.grades[i - 1] : undefined;
    if (up) nextGrade = { id: up.id, title: up.title, pointsShort: Math.max(0, exactCeil(up.minPoints * applicableMax, d.maxPoints) - earned) };
  }
  // An unknown pass mark leaves the grade open: any band a pass could reach.
  let highestGrade = grade;
  if (verdict === "incomplete") {
    let i = 0;
    while (i < d.grades.length && scaled < d.grades[i]!.minPoints * applicableMax) i++;
    const band = d.grades[i];
    highestGrade = band ? { id: band.id, title: band.title } : null;
  }
  if (toImprove.length > 1) sortToImprove(toImprove);
  return {
    verdict,
    grade,
    gradeFinal: verdict !== "incomplete",
    highestGrade: verdict === "fail" ? null : highestGrade,
    points: { earned, max: d.maxPoints, applicableMax, passMark, possible: earned },
    levels: NONE,
    gap: {
      pointsShort: passMark === null ? null : Math.max(0, passMark - earned),
      blocking: blocking.length === 0 ? NONE : blocking,
      missing: NONE,
      missingPaths: NONE,
      toImprove: toImprove.length === 0 ? NONE : toImprove,
      nextGrade,
      nextLevel: null,
    },
  };
}

/**
 * The levels decision when every criterion passes, fails or is not applicable for certain: what
 * {@link decideAll} gives then (no level undetermined, nothing missing), without spans.
 */
function decideAllCertain(d: AllDecision, criteria: readonly CriterionResult[]): Decided {
  const withLevels = d.levels.length > 0;
  const levels = withLevels ? d.levels : [IMPLIED_LEVEL];
  // Each failing criterion's level (its position; the first when it names none or an unknown one).
  const failingAt: number[] = [];
  for (let i = 0; i < criteria.length; i++) {
    const c = criteria[i]!;
    if (c.status !== "fail") continue;
    let k = 0;
    if (c.level !== null)
      for (let j = 0; j < levels.length; j++)
        if (levels[j]!.id === c.level) {
          k = j;
          break;
        }
    failingAt.push(i, k);
  }
  const results = new Array<LevelResult>(levels.length);
  for (let k = 0; k < levels.length; k++) {
    const failing: string[] = [];
    for (let f = 0; f < failingAt.length; f += 2) if (failingAt[f + 1]! <= k) failing.push(criteria[failingAt[f]!]!.id);
    results[k] = { id: levels[k]!.id, title: levels[k]!.title, status: failing.length ? "not-achieved" : "achieved", failing, missing: NONE };
  }
  let floor = -1;
  while (floor + 1 < results.length && results[floor + 1]!.status === "achieved") floor++;
  // No level is undetermined: the highest any completion holds is the one held for certain.
  return levelsDecided(d, levels, results, floor, floor, NONE, NONE);
}

/** The general rule, with each criterion's span: its own when it has one, else the span of its certain result. */
function withSpans(criteria: readonly CriterionResult[], spans: readonly (CriterionSpan | undefined)[] | undefined): CriterionSpan[] {
  return criteria.map((c, i) => spans?.[i] ?? certainSpan(c));
}

/**
 * Applies the set's decision rule to the criteria results and what the completions can make of each.
 *
 * @param spans - For each criterion decided over completions of missing data, what they make of it (undefined
 *   for the others, and for all when none was).
 * @param maxOf - The most points criterion `i` can earn. @param naOf - What it earns when not applicable.
 */
export function decide(
  set: CriteriaSet,
  criteria: readonly CriterionResult[],
  spans: readonly (CriterionSpan | undefined)[] | undefined,
  maxOf: (i: number) => number,
  naOf: (i: number) => number,
): Decided {
  let certain = spans === undefined;
  for (let i = 0; certain && i < criteria.length; i++) certain = !undecided(criteria[i]!);
  if (set.decision.method === "points")
    return certain && set.decision.passMark !== null
      ? decidePointsCertain(set.decision, criteria)
      : decidePoints(set.decision, criteria, withSpans(criteria, spans), maxOf, naOf);
  return certain ? decideAllCertain(set.decision, criteria) : decideAll(set.decision, criteria, withSpans(criteria, spans));
}
