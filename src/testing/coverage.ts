/**
 * Criterion coverage of a set's cases: for each criterion, which statuses some case saw it take, out of the
 * statuses it can take at all.
 *
 * @module
 */
import type { LoadedSet } from "../evaluate/load.js";
import type { Localized } from "../schema/common.js";
import type { Rule } from "../schema/rule.js";
import { walk } from "../logic/walk.js";
import type { Status } from "../schema/result.js";
import type { CaseOutcome } from "./cases.js";

/** The statuses coverage tracks. `error` is counted when seen but never required. */
export const COVERED_STATUSES = ["pass", "fail", "missing", "not-applicable"] as const;
/** A status coverage tracks. */
export type CoveredStatus = (typeof COVERED_STATUSES)[number];

/** Coverage of one criterion. */
export interface CriterionCoverage {
  readonly id: string;
  readonly title: Localized;
  /** Not encoded yet: it can only be `missing`, so it is exempt from the pass-and-fail requirement. */
  readonly pending: boolean;
  /** Which statuses the criterion can take at all, judged from its rules. */
  readonly possible: Readonly<Record<CoveredStatus, boolean>>;
  /** How many cases saw each status. */
  readonly seen: Readonly<Record<Status, number>>;
  /** Some case saw it pass and some case saw it fail (`null` for a pending criterion, which can do neither). */
  readonly passAndFail: boolean | null;
  /** Every possible status was seen. */
  readonly complete: boolean;
}

/** Coverage of a set by its cases. */
export interface Coverage {
  readonly set: { readonly id: string; readonly version: string };
  /** Cases that produced a result (cases whose data must be rejected produce none). */
  readonly evaluated: number;
  readonly criteria: readonly CriterionCoverage[];
  /** Ids of criteria (not pending) never seen both passing and failing. */
  readonly gaps: readonly string[];
}

/** Every operator name used in a rule. */
export function operatorsIn(rule: Rule | undefined, out: Set<string> = new Set()): Set<string> {
  if (rule !== undefined) walk(rule, (p) => out.add(p.op));
  return out;
}

/**
 * Which statuses each criterion of a set can take: `pass` and `fail` unless pending; `missing` when it reads any
 * data (or is pending); `not-applicable` when it has an `applies` rule (pending or not: `applies` runs first) or
 * declares that an empty group (of a share it takes, directly or through a derived value) makes it not applicable.
 */
export function possibleStatuses(set: LoadedSet): Map<string, Record<CoveredStatus, boolean>> {
  const d = set.definition;
  const out = new Map<string, Record<CoveredStatus, boolean>>();
  for (const c of d.criteria) {
    const info = set.analysis.criteria.get(c.id);
    const reads = info?.reads ?? [];
    const pending = c.pending !== undefined;
    out.set(c.id, {
      pass: !pending,
      fail: !pending,
      missing: pending || reads.length > 0,
      "not-applicable": c.applies !== undefined || ((info?.takesShare ?? false) && c.emptyGroup === "not-applicable"),
    });
  }
  return out;
}

/**
 * Tallies which statuses the cases saw each criterion take. Pass the outcomes of every case file of the set
 * (hand-written and generated alike): coverage is over all of them.
 */
export function caseCoverage(set: LoadedSet, outcomes: readonly CaseOutcome[]): Coverage {
  const d = set.definition;
  const possible = possibleStatuses(set);
  const seen = new Map<string, Record<Status, number>>(d.criteria.map((c) => [c.id, { pass: 0, fail: 0, missing: 0, "not-applicable": 0, error: 0 }]));
  let evaluated = 0;
  for (const o of outcomes) {
    if (!o.result) continue;
    evaluated++;
    for (const r of o.result.criteria) {
      const s = seen.get(r.id);
      if (s) s[r.status]++;
    }
  }
  const criteria: CriterionCoverage[] = d.criteria.map((c) => {
    const s = seen.get(c.id)!;
    const p = possible.get(c.id)!;
    const pending = c.pending !== undefined;
    return {
      id: c.id,
      title: c.title,
      pending,
      possible: p,
      seen: s,
      passAndFail: pending ? null : s.pass > 0 && s.fail > 0,
      complete: COVERED_STATUSES.every((st) => !p[st] || s[st] > 0),
    };
  });
  return { set: { id: d.id, version: d.version }, evaluated, criteria, gaps: criteria.filter((c) => c.passAndFail === false).map((c) => c.id) };
}
