/**
 * The brute-force oracle: for a small unit, every completion of its missing data (`complete.ts`), each decided by
 * plain evaluation (`plain.ts`) and the set's decision rule written out here again; then what is certain across
 * them: each criterion's statuses and points, the verdict, the points range, the grade and whether it is final.
 * Its own code: it shares nothing with the evaluator but the types of a set's definition.
 *
 * A criterion whose text is not encoded (`pending`), and one whose rule fails on a completion (`error`), can be
 * either way: each completion is then decided for both (passing with every point, failing with none).
 *
 * @module
 */
import type { CriteriaSet, Criterion } from "../../src/schema/criteria-set.js";
import type { Result } from "../../src/schema/result.js";
import { completions, countOf, knownNumbers, mentionsOf, normalized, slotsOf, type Slot, TooMany } from "./complete.js";
import { EmptyGroup, plain, RuleFailure, Thrown, truthy } from "./plain.js";

type Status = "pass" | "fail" | "not-applicable" | "error" | "pending";

interface Decided {
  readonly status: Status;
  readonly earned: number;
}

const maxOf = (c: Criterion) => (c.points === undefined ? 0 : typeof c.points === "number" ? c.points : c.points.max);

/** Runs `f`; an empty group or a rule failure comes back as such. */
function attempt<T>(f: () => T): { value: T } | { empty: true } | { error: true } {
  try {
    return { value: f() };
  } catch (e) {
    if (e instanceof EmptyGroup) return { empty: true };
    if (e instanceof RuleFailure) return { error: true };
    throw e;
  }
}

/** One criterion on complete data. */
function criterionOn(set: CriteriaSet, c: Criterion, root: Record<string, unknown>): Decided {
  const max = maxOf(c);
  const naEarned = set.decision.method === "points" && set.decision.notApplicable === "award" ? max : 0;
  const declared = (): Decided => {
    const s = c.emptyGroup ?? "fail";
    return s === "pass" ? { status: "pass", earned: max } : s === "fail" ? { status: "fail", earned: 0 } : { status: "not-applicable", earned: naEarned };
  };
  const test = (rule: unknown) => attempt(() => truthy(plain(rule, root)));
  if (c.applies !== undefined) {
    const a = test(c.applies);
    if ("empty" in a) return declared();
    if ("error" in a) return { status: "error", earned: 0 };
    if (!a.value) return { status: "not-applicable", earned: naEarned };
  }
  if (c.pending) return { status: "pending", earned: 0 };
  if (c.excludes !== undefined) {
    const e = test(c.excludes);
    if ("empty" in e) return declared();
    if ("error" in e) return { status: "error", earned: 0 };
    return { status: e.value ? "fail" : "pass", earned: 0 };
  }
  if (c.points !== undefined && typeof c.points === "object" && "tiers" in c.points) {
    for (const tier of c.points.tiers) {
      const w = test(tier.when);
      if ("empty" in w) return declared();
      if ("error" in w) return { status: "error", earned: 0 };
      if (w.value) return { status: "pass", earned: tier.points };
    }
    return { status: "fail", earned: 0 };
  }
  let passed = true;
  if (c.rule !== undefined) {
    const r = test(c.rule);
    if ("empty" in r) return declared();
    if ("error" in r) return { status: "error", earned: 0 };
    passed = r.value;
  }
  if (c.points !== undefined && typeof c.points === "object" && "score" in c.points) {
    const s = attempt(() => plain((c.points as { score: unknown }).score, root));
    if ("empty" in s) return declared();
    if ("error" in s) return { status: "error", earned: 0 };
    if (typeof s.value !== "number" || !Number.isInteger(s.value) || s.value < 0 || s.value > max) return { status: "error", earned: 0 };
    return { status: passed ? "pass" : "fail", earned: s.value };
  }
  return { status: passed ? "pass" : "fail", earned: passed ? max : 0 };
}

/** Every criterion on complete data (derived values first, a failing one rethrown where it is read). */
function criteriaOn(set: CriteriaSet, data: Record<string, unknown>): Decided[] {
  const root: Record<string, unknown> = { ...data };
  for (const [name, d] of Object.entries(set.derived)) {
    try {
      root[name] = plain(d.rule, root);
    } catch (e) {
      if (e instanceof EmptyGroup || e instanceof RuleFailure) root[name] = new Thrown(e);
      else throw e;
    }
  }
  return set.criteria.map((c) => criterionOn(set, c, root));
}

/** One decided completion: the verdict, the grade index (bands or levels, 0 the lowest reached), raw points. */
interface Branch {
  readonly verdict: "pass" | "fail" | "unknown";
  /** Index of the grade band (0 = highest band) or of the highest level reached; -1 none. */
  readonly grade: number;
  readonly earned: number;
  /** For levels: whether each level is achieved. */
  readonly levels: readonly boolean[];
}

const knockout = (c: Criterion) => c.mandatory || c.role === "exclusion";

/** The decision on one completion whose undecided criteria (pending, error) have been taken one way each. */
function decideBranch(set: CriteriaSet, ds: readonly Decided[]): Branch {
  const d = set.decision;
  if (d.method === "points") {
    let earned = 0;
    let applicable = d.maxPoints;
    let blocked = false;
    set.criteria.forEach((c, i) => {
      const x = ds[i]!;
      if (x.status === "fail" && knockout(c)) blocked = true;
      if (c.points === undefined) return;
      if (x.status === "not-applicable" && d.notApplicable === "exclude") applicable -= maxOf(c);
      earned += x.earned;
    });
    const meets = (t: number) => earned * d.maxPoints >= t * applicable;
    const verdict = blocked ? "fail" : d.passMark === null ? "unknown" : meets(d.passMark) ? "pass" : "fail";
    const grade = verdict === "fail" ? -1 : d.grades.findIndex((g) => meets(g.minPoints));
    return { verdict, grade, earned, levels: [] };
  }
  const levels = d.levels.length > 0 ? d.levels : [{ id: "dat" }];
  const indexOf = (c: Criterion) =>
    c.level === undefined
      ? 0
      : Math.max(
          0,
          levels.findIndex((l) => l.id === c.level),
        );
  const achieved = levels.map((_, k) => set.criteria.every((c, i) => indexOf(c) > k || ds[i]!.status === "pass" || ds[i]!.status === "not-applicable"));
  let reached = -1;
  while (reached + 1 < achieved.length && achieved[reached + 1]) reached++;
  return { verdict: achieved[0] ? "pass" : "fail", grade: reached, earned: 0, levels: achieved };
}

/** What the oracle found for one unit. */
export interface OracleAnswer {
  readonly completions: number;
  readonly slots: readonly Slot[];
  readonly criteria: readonly {
    readonly id: string;
    readonly status: string;
    readonly outcomes: readonly string[];
    readonly earned: number;
    readonly possible: number;
  }[];
  readonly verdict: "pass" | "fail" | "incomplete";
  readonly earned: number | null;
  readonly possible: number | null;
  /** Lowest and highest grade (ids) among the passing completions; null when none passes with a grade. */
  readonly grade: string | null;
  readonly highestGrade: string | null;
  readonly gradeFinal: boolean;
  readonly levels: readonly ("achieved" | "not-achieved" | "undetermined")[];
}

/**
 * Decides a unit by brute force. Returns undefined when it has more than `budget` completions (or a title
 * given as a sub-unit's data, which the oracle does not evaluate).
 */
export function oracle(set: CriteriaSet, raw: Record<string, unknown>, budget = 20_000): OracleAnswer | undefined {
  const rules: unknown[] = [];
  for (const d of Object.values(set.derived)) rules.push(d.rule);
  for (const c of set.criteria) {
    rules.push(c.applies, c.rule, c.excludes);
    if (c.points !== undefined && typeof c.points === "object") rules.push("tiers" in c.points ? c.points.tiers.map((t) => t.when) : c.points.score);
  }
  if (JSON.stringify(raw).includes('"data":{')) return undefined;
  const data = normalized(raw, set.inputs);
  let slots: Slot[];
  try {
    slots = slotsOf(data, set.inputs, mentionsOf(rules), knownNumbers(data));
  } catch (e) {
    if (e instanceof TooMany) return undefined;
    throw e;
  }
  if (countOf(slots) > budget) return undefined;

  const statuses = set.criteria.map(() => new Set<Status>());
  const lows = set.criteria.map(() => Infinity);
  const highs = set.criteria.map(() => -Infinity);
  const verdicts = new Set<Branch["verdict"]>();
  let earnedLo = Infinity;
  let earnedHi = -Infinity;
  const passingGrades = new Set<number>();
  const levelSeen = (set.decision.method === "all" ? (set.decision.levels.length > 0 ? set.decision.levels : [{ id: "dat" }]) : []).map(
    () => new Set<boolean>(),
  );
  let count = 0;
  for (const { data: d } of completions(data, slots)) {
    count++;
    const ds = criteriaOn(set, d);
    ds.forEach((x, i) => {
      statuses[i]!.add(x.status);
      const max = maxOf(set.criteria[i]!);
      const undecided = x.status === "pending" || x.status === "error";
      lows[i] = Math.min(lows[i]!, undecided ? 0 : x.earned);
      highs[i] = Math.max(highs[i]!, undecided ? max : x.earned);
    });
    // Each undecided criterion taken both ways.
    const open = ds.flatMap((x, i) => (x.status === "pending" || x.status === "error" ? [i] : []));
    for (let mask = 0; mask < 1 << open.length; mask++) {
      const taken = ds.map((x) => x);
      open.forEach((i, k) => {
        taken[i] = mask & (1 << k) ? { status: "pass", earned: maxOf(set.criteria[i]!) } : { status: "fail", earned: 0 };
      });
      const b = decideBranch(set, taken);
      verdicts.add(b.verdict);
      earnedLo = Math.min(earnedLo, b.earned);
      earnedHi = Math.max(earnedHi, b.earned);
      if (b.verdict === "pass" || b.verdict === "unknown") passingGrades.add(b.grade);
      b.levels.forEach((a, k) => {
        levelSeen[k]!.add(a);
      });
    }
  }
  const verdict = verdicts.size === 1 && verdicts.has("pass") ? "pass" : verdicts.size === 1 && verdicts.has("fail") ? "fail" : "incomplete";
  const gradeIds = set.decision.method === "points" ? set.decision.grades.map((g) => g.id) : set.decision.levels.map((l) => l.id);
  const idOf = (i: number) => (i >= 0 && i < gradeIds.length ? gradeIds[i]! : null);
  // Bands are listed highest first (a smaller index is a higher grade); levels lowest first.
  const grades = [...passingGrades];
  const points = set.decision.method === "points";
  const banded = grades.filter((g) => g >= 0);
  const worst = grades.length === 0 ? -1 : points ? (grades.includes(-1) ? -1 : Math.max(...grades)) : Math.min(...grades);
  const best = grades.length === 0 ? -1 : points ? (banded.length ? Math.min(...banded) : -1) : Math.max(...grades);
  const criteria = set.criteria.map((c, i) => {
    const s = statuses[i]!;
    // A criterion not encoded could pass or fail wherever it applies.
    const outcomes = (["pass", "fail", "not-applicable", "error"] as const).filter((o) => s.has(o) || (s.has("pending") && (o === "pass" || o === "fail")));
    const status = s.has("pending") ? "missing" : s.size === 1 ? [...s][0]! : "missing";
    return { id: c.id, status, outcomes, earned: c.points === undefined ? 0 : lows[i]!, possible: c.points === undefined ? 0 : highs[i]! };
  });
  return {
    completions: count,
    slots,
    criteria,
    verdict,
    earned: points ? earnedLo : null,
    possible: points ? earnedHi : null,
    grade: verdict === "pass" ? idOf(worst) : null,
    highestGrade: verdict === "fail" || (points && set.decision.method === "points" && set.decision.passMark === null) ? null : idOf(best),
    gradeFinal: verdict === "fail" || (verdict === "pass" && worst === best),
    levels: levelSeen.map((seen) => (seen.size === 2 ? "undetermined" : seen.has(true) ? "achieved" : "not-achieved")),
  };
}

/** The differences between what the evaluator said and what the oracle found, as readable lines (none: equal). */
export function differences(r: Result, o: OracleAnswer): string[] {
  const out: string[] = [];
  const eq = (what: string, got: unknown, want: unknown) => {
    if (JSON.stringify(got) !== JSON.stringify(want)) out.push(`${what}: evaluator ${JSON.stringify(got)}, oracle ${JSON.stringify(want)}`);
  };
  eq("verdict", r.verdict, o.verdict);
  r.criteria.forEach((c, i) => {
    const w = o.criteria[i]!;
    eq(`criterion ${c.id} status`, c.status, w.status);
    eq(`criterion ${c.id} outcomes`, [...c.outcomes].sort(), [...w.outcomes].sort());
    if (c.points) eq(`criterion ${c.id} points`, [c.points.earned, c.points.possible], [w.earned, w.possible]);
  });
  if (r.points) eq("points", [r.points.earned, r.points.possible], [o.earned, o.possible]);
  eq("grade", r.grade?.id ?? null, o.grade);
  eq("gradeFinal", r.gradeFinal, o.gradeFinal);
  eq("highestGrade", r.highestGrade?.id ?? null, o.highestGrade);
  if (r.levels.length > 0)
    eq(
      "levels",
      r.levels.map((l) => l.status),
      o.levels,
    );
  return out;
}
