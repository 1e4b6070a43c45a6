/**
 * Where tieuchi deliberately differs from plain json-logic-js, both sides of the difference, so a change on
 * either side is noticed. (Between tieuchi's two evaluators there is no difference: see the other tests.)
 */
import jsonLogicJs from "json-logic-js";
import { describe, expect, it } from "vitest";
import { compileRule } from "../../src/logic/compile.js";
import { evaluate, loadCriteriaSet, validateCriteriaSet } from "../../src/index.js";
import type { Rule } from "../../src/schema/rule.js";
import { makeSet, text } from "../helpers.js";
import { differential } from "./harness.js";

/** json-logic-js itself, untyped: these rules are outside its type definitions' narrow shapes. */
const jsonLogic = { apply: (rule: unknown, data: unknown): unknown => jsonLogicJs.apply(rule as never, data) };

const one = (rule: unknown, extra: Record<string, unknown> = {}) =>
  loadCriteriaSet(makeSet({ criteria: [{ id: "1", title: text("one"), points: 100, rule }], ...extra }));

describe("missing data is not 0", () => {
  const rule: Rule = { "<": [{ var: "n" }, 5] };

  it("json-logic-js reads an absent value as null, and null < 5 holds", () => {
    expect(jsonLogic.apply(rule, {})).toBe(true);
    expect(jsonLogic.apply({ "==": [{ var: "n" }, 0] }, {})).toBe(false);
    expect(jsonLogic.apply({ "<=": [{ var: "n" }, 0] }, { n: null })).toBe(true);
  });

  it("tieuchi computes the same value but reports the criterion as missing data, with the path", () => {
    expect(differential(rule, {}).value).toBe(true);
    const r = evaluate(one(rule), {});
    expect(r.criteria[0]).toMatchObject({ status: "missing", reason: "data", missing: ["n"], points: { earned: 0, max: 100 } });
    expect(r.verdict).toBe("incomplete");
    expect(evaluate(one(rule), { n: null }, { explain: false }).criteria[0]!.status).toBe("missing");
  });
});

describe("percentages are exact", () => {
  it("json-logic-js divides in floating point: 57 of 100 is not 57%, 29 of 100 is not 29%", () => {
    expect(jsonLogic.apply({ ">=": [{ "*": [{ "/": [57, 100] }, 100] }, 57] }, {})).toBe(false);
    expect(jsonLogic.apply({ ">=": [{ "*": [{ "/": [29, 100] }, 100] }, 29] }, {})).toBe(false);
  });

  it("tieuchi's ratios and shares compare whole numbers: 57 of 100 is 57%, 8 of 9 is not 89%", () => {
    for (const [part, whole, percent, met] of [
      [57, 100, 57, true],
      [29, 100, 29, true],
      [27, 30, 90, true],
      [9, 10, 90, true],
      [8, 9, 89, false],
      [89, 100, 89, true],
    ] as const) {
      const r = evaluate(one({ ratioAtLeast: [{ var: "k" }, { var: "n" }, percent] }), { k: part, n: whole });
      expect(r.criteria[0]!.status, `${part}/${whole} >= ${percent}%`).toBe(met ? "pass" : "fail");
      expect(r.criteria[0]!.measures).toEqual([{ kind: "ratio", op: "atLeast", part, whole, percent, met }]);
    }
  });

  it("json-logic-js gives false for a share of nobody (0/0 is NaN); tieuchi says not applicable", () => {
    expect(jsonLogic.apply({ ">=": [{ "/": [0, 0] }, 0.9] }, {})).toBe(false);
    const r = evaluate(one({ shareAtLeast: [90, { var: "members" }, { var: "ok" }] }), { members: [] });
    expect(r.criteria[0]).toMatchObject({ status: "not-applicable", reason: "empty-group" });
  });
});

describe("only the documented operators and literal paths", () => {
  it("json-logic-js runs its other operators and var defaults; tieuchi rejects them when the set is loaded", () => {
    expect(jsonLogic.apply({ cat: ["a", "b"] }, {})).toBe("ab");
    expect(jsonLogic.apply({ var: ["n", 5] }, {})).toBe(5);
    for (const rule of [{ cat: ["a", "b"] }, { var: ["n", 5] }, { var: { cat: ["n"] } }, { missing: ["n"] }, { map: [{ var: "members" }, 1] }]) {
      const v = validateCriteriaSet(makeSet({ criteria: [{ id: "1", title: text("one"), points: 100, rule }] }));
      expect(v.ok, JSON.stringify(rule)).toBe(false);
    }
  });

  it("the compiled evaluator, asked directly, throws for an operator it does not know, after evaluating the arguments", () => {
    const reads: string[] = [];
    const f = compileRule({ cat: [{ var: "a" }, "b"] } as never);
    expect(() => f({ a: 1 }, { full: true, read: (_b, rel) => reads.push(rel), measure: () => undefined })).toThrow("Unrecognized operation cat");
    expect(reads).toEqual(["a"]);
  });
});
