import { describe, expect, it } from "vitest";
import { compareRatio, exactPercent, Inapplicable, RuleValueError } from "../src/logic/exact.js";
import { evaluate, loadCriteriaSet } from "../src/index.js";
import { makeSet, text } from "./helpers.js";

const atLeast = (part: number, whole: number, p: number) => compareRatio("atLeast", part, whole, p)!.met;

describe("exact percentages", () => {
  it("puts the boundary cases on the right side of the line", () => {
    expect(atLeast(9, 10, 90)).toBe(true);
    expect(atLeast(27, 30, 90)).toBe(true);
    expect(atLeast(8, 9, 89)).toBe(false); // 88.9%
    expect(atLeast(89, 100, 89)).toBe(true);
    expect(atLeast(26, 30, 90)).toBe(false);
    expect(atLeast(1, 3, 33.333333)).toBe(true);
    expect(atLeast(1, 3, 33.333334)).toBe(false);
    expect(atLeast(8, 9, 88.8)).toBe(true);
    expect(atLeast(8, 9, 88.9)).toBe(false);
    expect(atLeast(0, 5, 0)).toBe(true);
    expect(atLeast(5, 5, 100)).toBe(true);
    expect(atLeast(4, 5, 100)).toBe(false);
  });

  it("compares 'at most' exactly too", () => {
    expect(compareRatio("atMost", 1, 10, 10)!.met).toBe(true);
    expect(compareRatio("atMost", 2, 19, 10)!.met).toBe(false); // 10.5%
    expect(compareRatio("atMost", 3, 30, 10)!.met).toBe(true);
  });

  // 185,000 comparisons, each through expect: seconds on a busy 2-core machine.
  it("agrees with rational arithmetic on every fraction up to 60 and every whole percentage", { timeout: 60_000 }, () => {
    for (let whole = 1; whole <= 60; whole++)
      for (let part = 0; part <= whole; part++)
        for (let p = 0; p <= 100; p++) expect(atLeast(part, whole, p)).toBe(BigInt(part) * 100n >= BigInt(p) * BigInt(whole));
  });

  it("is not applicable for an empty group, never NaN", () => {
    expect(() => compareRatio("atLeast", 0, 0, 90)).toThrow(Inapplicable);
  });

  it("rejects values that are not counts or percentages", () => {
    expect(() => compareRatio("atLeast", 1.5, 3, 50)).toThrow(RuleValueError);
    expect(() => compareRatio("atLeast", 4, 3, 50)).toThrow(/larger than the whole/);
    expect(() => compareRatio("atLeast", -1, 3, 50)).toThrow(RuleValueError);
    expect(() => compareRatio("atLeast", 1, 3, 101)).toThrow(/percentage/);
    expect(() => compareRatio("atLeast", 1, 3, "90")).toThrow(/percentage/);
    expect(compareRatio("atLeast", null, 3, 50)).toBeNull();
  });

  it("reads percentages as exact decimals", () => {
    expect(exactPercent(88.9)).toEqual({ units: 889n, scale: 10n });
    expect(exactPercent(90)).toEqual({ units: 90n, scale: 1n });
    expect(exactPercent(0.000001)).toEqual({ units: 1n, scale: 1000000n });
    expect(exactPercent(1e-7)).toBeUndefined();
    expect(exactPercent(100.5)).toBeUndefined();
    expect(exactPercent(-1)).toBeUndefined();
    expect(exactPercent(Number.NaN)).toBeUndefined();
  });
});

describe("share operators in a set", () => {
  const set = loadCriteriaSet(
    makeSet({
      criteria: [
        {
          id: "s",
          title: text("share"),
          points: 100,
          rule: { shareAtLeast: [90, { var: "members" }, { var: "ok" }, { var: "sick" }] },
        },
        { id: "r", title: text("ratio"), mandatory: true, rule: { ratioAtLeast: [{ var: "k" }, { var: "n" }, 89] } },
      ],
    }),
  );
  const members = (ok: number, notOk: number, sick = 0) => [
    ...Array.from({ length: ok }, () => ({ ok: true })),
    ...Array.from({ length: notOk }, () => ({ ok: false })),
    ...Array.from({ length: sick }, () => ({ ok: false, sick: true })),
  ];
  const status = (data: object, id = "s") => evaluate(set, { n: 10, k: 9, ...data }).criteria.find((c) => c.id === id)!.status;

  it("excludes the sick from the denominator", () => {
    expect(status({ members: members(9, 1) })).toBe("pass");
    expect(status({ members: members(27, 3) })).toBe("pass");
    expect(status({ members: members(8, 1) })).toBe("fail");
    expect(status({ members: members(9, 1, 5) })).toBe("pass");
    expect(status({ members: members(8, 1, 5) })).toBe("fail");
  });

  it("is not applicable when everyone is excluded or the list is empty", () => {
    expect(status({ members: members(0, 0, 3) })).toBe("not-applicable");
    expect(status({ members: [] })).toBe("not-applicable");
  });

  it("records the measure it compared", () => {
    const r = evaluate(set, { n: 100, k: 89, members: members(8, 1, 2) });
    expect(r.criteria[0]!.measures).toEqual([{ kind: "ratio", op: "atLeast", part: 8, whole: 9, percent: 90, met: false }]);
    expect(r.criteria[1]!.measures).toEqual([{ kind: "ratio", op: "atLeast", part: 89, whole: 100, percent: 89, met: true }]);
    expect(r.criteria[0]!.message!.vi).toContain("8/9 (88,9%)");
    expect(r.criteria[0]!.message!.en).toContain("8/9 (88.9%)");
  });

  it("decides ratios of supplied counts exactly", () => {
    expect(status({ n: 9, k: 8, members: [] }, "r")).toBe("fail");
    expect(status({ n: 100, k: 89, members: [] }, "r")).toBe("pass");
    expect(status({ n: 0, k: 0, members: [] }, "r")).toBe("not-applicable");
  });

  it("reports a part larger than the whole as an error, not a pass", () => {
    const r = evaluate(set, { n: 10, k: 11, members: [] });
    expect(r.criteria[1]!.status).toBe("error");
    expect(r.criteria[1]!.error).toMatch(/larger than the whole/);
    expect(r.verdict).toBe("incomplete");
  });
});
