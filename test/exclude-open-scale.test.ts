/**
 * A set that excludes not-applicable criteria from its scale, with a criterion that may pass or not apply
 * depending on missing data: every completion passes, so the verdict is `pass`, but the points stay open. The
 * summary gives the fewest points (`earned`) and the pass mark on the largest scale (docs/semantics.md), and the
 * verdict's sentence gives the range, never "0/2 points" as if that were the unit's score. Found by
 * test/fuzz/sets.test.ts (seed 634850712).
 */
import { describe, expect, it } from "vitest";
import { ENGINE_NAMES, evaluate, loadCriteriaSet } from "../src/index.js";
import { makeBareSet } from "./helpers.js";

const d = (s: string) => ({ vi: s, en: s });
const set = loadCriteriaSet(
  makeBareSet({
    inputs: { k: { type: "integer", description: d("k"), min: -5, max: 50 } },
    groups: [],
    criteria: [{ id: "c0", title: d("c0"), applies: { "==": [0, { var: "k" }] }, mandatory: false, points: 2, rule: true }],
    decision: { method: "points", maxPoints: 2, passMark: 1, grades: [], notApplicable: "exclude" },
  }),
);

describe("a pass whose scale depends on missing data (notApplicable: exclude)", () => {
  for (const engine of ENGINE_NAMES)
    it(`on ${engine}: pass, points 0 to 2, and the sentence says the range`, () => {
      const r = evaluate(set, {}, { engine });
      expect(r.verdict).toBe("pass");
      expect(r.criteria[0]!.outcomes).toEqual(["pass", "not-applicable"]);
      expect(r.points).toEqual({ earned: 0, max: 2, applicableMax: 2, passMark: 1, possible: 2 });
      expect(r.message).toEqual({ vi: 'Đạt danh hiệu "Bộ thử" (0–2/2 điểm).', en: 'Earns "Test set" (0 to 2 of 2 points).' });
      // Each completion passes on its own scale.
      expect(evaluate(set, { k: 0 }, { engine }).points).toMatchObject({ earned: 2, applicableMax: 2, passMark: 1 });
      expect(evaluate(set, { k: 1 }, { engine }).points).toMatchObject({ earned: 0, applicableMax: 0, passMark: 0 });
    });
});
