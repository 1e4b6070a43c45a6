/**
 * The classic JsonLogic tests (jsonlogic.com/tests.json) for the operators criteria files may use: the
 * compiled evaluator gives what json-logic-js gives, with the same trace, and both give what the tests expect.
 */
import { describe, expect, it } from "vitest";
import { validateCriteriaSet } from "../../src/index.js";
import type { Rule } from "../../src/schema/rule.js";
import { makeSet, readJson } from "../helpers.js";
import { differential, sameValue } from "./harness.js";

type Case = [Rule, unknown, unknown, "default"?];
const entries = readJson("test/differential/fixtures/jsonlogic-tests.json") as Array<string | Case>;

const sections: Array<{ title: string; cases: Case[] }> = [];
for (const e of entries) {
  if (typeof e === "string") sections.push({ title: e.replace(/^# /, ""), cases: [] });
  else sections[sections.length - 1]!.cases.push(e);
}

describe("jsonlogic.com/tests.json", () => {
  it("holds every case for the allowed operators", () => {
    expect(sections.reduce((n, s) => n + s.cases.length, 0)).toBe(209);
  });

  for (const { title, cases } of sections.slice(1)) {
    it(title, () => {
      for (const [rule, data, expected, note] of cases) {
        const run = differential(rule, data);
        expect(run.thrown, JSON.stringify(rule)).toBeUndefined();
        if (note === "default") {
          // Deliberate: a default value in var is not part of the format. Both engines ignore it...
          expect(run.value, JSON.stringify(rule)).toBe(
            data === null ? null : ((data as Record<string, unknown>)[String((rule as { var: [string] }).var[0])] ?? null),
          );
          // ...and a set that uses one is rejected when it is loaded.
          const v = validateCriteriaSet(makeSet({ criteria: [{ id: "1", title: { vi: "x", en: "x" }, points: 100, rule }] }));
          expect(v.ok).toBe(false);
          continue;
        }
        expect(
          sameValue(run.value, expected) || JSON.stringify(run.value) === JSON.stringify(expected),
          `${JSON.stringify(rule)} on ${JSON.stringify(data)}: got ${JSON.stringify(run.value)}`,
        ).toBe(true);
      }
    });
  }
});
