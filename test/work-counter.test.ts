/**
 * A set's work counter (`workCounter` in `logic/work.ts`: every plan merged, lists at one path walked once)
 * against the plan-by-plan count it replaces at run time (`dataWork` summed over the set's plans): equal on every
 * shipped set's generated units and case files, and over or under a budget exactly when the sum is.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadCriteriaSet } from "../src/index.js";
import { dataWork, workCounter } from "../src/logic/work.js";
import { generateUnits } from "../src/testing/units.js";
import { readJson, ROOT, shippedSets } from "./helpers.js";

const SHIPPED = shippedSets();

describe("workCounter: the sum of every plan's dataWork, in one walk", () => {
  for (const rel of SHIPPED) {
    it(rel, () => {
      const loaded = loadCriteriaSet(readJson(rel));
      const plans = loaded.analysis.plans;
      const count = workCounter(plans);
      const cases = [".cases.json", ".boundaries.cases.json"].flatMap((ext) => {
        const file = join(ROOT, rel.replace(/\.json$/, ext));
        return existsSync(file) ? (readJson(file.slice(ROOT.length + 1)) as { cases: Array<{ data: unknown }> }).cases.map((c) => c.data) : [];
      });
      const units: unknown[] = [
        ...generateUnits(loaded, 60, { seed: `work-${rel}`, listLength: [0, 12], missing: 0.2 }),
        ...cases,
        {},
        null,
        7,
        [],
        { thanhVien: "x" },
      ];
      for (const data of units) {
        let sum = 0;
        for (const plan of plans) sum += dataWork(plan, data);
        expect(count(data, Number.POSITIVE_INFINITY)).toBe(sum);
        // Under a budget: over it exactly when the sum is, and the same count when not.
        for (const stop of [0, sum - 1, sum, sum + 1, Math.floor(sum / 2)]) {
          const got = count(data, stop);
          expect(got > stop, `${rel} stop ${stop} of ${sum}`).toBe(sum > stop);
          if (sum <= stop) expect(got).toBe(sum);
        }
      }
    });
  }
});
