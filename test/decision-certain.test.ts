/**
 * The decision's fast forms for certain criteria (every criterion passes, fails or is not applicable for certain,
 * no spans: `decidePointsCertain`, `decideAllCertain` in `evaluate/decision.ts`) against the general rule over
 * spans, which gives the same decision from each criterion's certain span. Every shipped set, and every
 * combination of statuses a random draw gives for it (levels, knock-outs, exclusions, scores, not-applicable
 * criteria awarded or excluded), whole decisions compared as JSON.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadCriteriaSet, type LoadedSet } from "../src/index.js";
import { decide } from "../src/evaluate/decision.js";
import type { CriterionResult } from "../src/schema/result.js";
import { params, TIMEOUT } from "./fuzz/config.js";
import { readJson, shippedSets } from "./helpers.js";

const SHIPPED = shippedSets();

type Certain = "pass" | "fail" | "not-applicable";

/** Criteria results with these statuses, as the evaluator builds them (points of a score anywhere in its range). */
function criteriaOf(loaded: LoadedSet, statuses: readonly Certain[], shares: readonly number[]): { criteria: CriterionResult[]; max: number[]; na: number[] } {
  const set = loaded.definition;
  const d = set.decision;
  const max: number[] = [];
  const na: number[] = [];
  const criteria = set.criteria.map((c, i): CriterionResult => {
    const m = c.points === undefined ? 0 : typeof c.points === "number" ? c.points : c.points.max;
    const naEarned = d.method === "points" && d.notApplicable === "award" ? m : 0;
    max.push(m);
    na.push(naEarned);
    const status = statuses[i]!;
    const scored = typeof c.points === "object" && c.points !== null;
    // A score or tier can pass or fail with part of the points; a plain criterion passes with all, fails with none.
    const part = Math.floor(shares[i]! * (m + 1)) % (m + 1);
    const earned = status === "pass" ? (scored ? part : m) : status === "fail" ? (scored ? Math.min(part, Math.max(m - 1, 0)) : 0) : naEarned;
    return {
      id: c.id,
      title: c.title,
      group: c.group ?? null,
      level: c.level ?? null,
      role: c.role,
      mandatory: c.mandatory || d.method === "all",
      status,
      outcomes: [status],
      reason: status === "not-applicable" ? "applies-false" : null,
      points: c.points === undefined ? null : { earned, possible: earned, max: m },
      missing: [],
    };
  });
  return { criteria, max, na };
}

/** The decision of the certain form (no spans) and of the general rule (a span per criterion), as JSON. */
function bothWays(loaded: LoadedSet, { criteria, max, na }: ReturnType<typeof criteriaOf>): [string, string] {
  const fast = decide(
    loaded.definition,
    criteria,
    undefined,
    (i) => max[i]!,
    (i) => na[i]!,
  );
  const general = decide(
    loaded.definition,
    criteria,
    new Array(criteria.length).fill(undefined),
    (i) => max[i]!,
    (i) => na[i]!,
  );
  return [JSON.stringify(fast), JSON.stringify(general)];
}

describe("decide: the certain forms give the general rule's decision", () => {
  for (const rel of SHIPPED) {
    const loaded = loadCriteriaSet(readJson(rel));
    const n = loaded.definition.criteria.length;
    it(
      `${rel}: every status combination drawn`,
      () => {
        fc.assert(
          fc.property(
            fc.array(fc.constantFrom<Certain>("pass", "fail", "not-applicable"), { minLength: n, maxLength: n }),
            fc.array(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), { minLength: n, maxLength: n }),
            (statuses, shares) => {
              const [fast, general] = bothWays(loaded, criteriaOf(loaded, statuses, shares));
              expect(fast).toBe(general);
            },
          ),
          params(2),
        );
      },
      TIMEOUT,
    );
  }

  it("all passing and all failing, on every shipped set", () => {
    for (const rel of SHIPPED) {
      const loaded = loadCriteriaSet(readJson(rel));
      const n = loaded.definition.criteria.length;
      for (const s of ["pass", "fail", "not-applicable"] as const) {
        const [fast, general] = bothWays(loaded, criteriaOf(loaded, new Array(n).fill(s), new Array(n).fill(0.999)));
        expect(fast, `${rel} all ${s}`).toBe(general);
      }
    }
  });
});
