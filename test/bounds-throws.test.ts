/**
 * Three-valued evaluation of a list whose item is certainly there and whose condition can only throw: every
 * completion of the missing data throws there, so the criterion is `error` for certain, never `missing` between
 * `fail` and `error` with nothing to ask for. Found by test/fuzz/sets.test.ts (seed -259878367, CI of a734e22).
 */
import { describe, expect, it } from "vitest";
import { ENGINE_NAMES, evaluate, loadCriteriaSet } from "../src/index.js";
import { makeBareSet } from "./helpers.js";
import { all, count, filter, isBound, onlyThrows, share, someNone, thrown, unknownOf, type Val } from "../src/logic/bounds.js";

const d = (s: string) => ({ vi: s, en: s });
const item = { type: "object", description: d("item"), fields: { dat: { type: "number", description: d("dat"), min: 0, max: 100 } } };

/** Two lists of records, one the unit gives and one it omits. */
const LISTS = { ho: { type: "array", description: d("ho"), items: item }, canBo: { type: "array", description: d("canBo"), items: item } };

/** A set over {@link LISTS} with these criteria, 1 point at most, its pass mark unknown. */
function listsSet(criteria: unknown[]) {
  return loadCriteriaSet(
    makeBareSet({
      inputs: LISTS,
      completeness: { level: "partial" },
      criteria,
      decision: { method: "points", maxPoints: 1, passMark: null, grades: [], notApplicable: "award" },
    }),
  );
}

/** A set whose criterion c0 applies when a list the unit omits has at least 0 items, so its rule runs three-valued. */
function setWith(rule: unknown) {
  return listsSet([
    {
      id: "c0",
      title: d("c0"),
      applies: { ">=": [{ count: [{ var: "canBo" }, false] }, 0] },
      points: 0,
      mandatory: false,
      rule,
      ...(JSON.stringify(rule).includes("share") ? { emptyGroup: "fail" } : {}),
    },
    { id: "c1", title: d("c1"), points: 1, rule: true },
  ]);
}

const throws = { "==": [0, { "/": [0, 0] }] };
const fine = { ">=": [{ var: "dat" }, 0] };

describe("a certain item whose condition only throws", () => {
  const rules: Record<string, unknown> = {
    filter: { "!!": [{ filter: [{ var: "ho" }, throws] }] },
    some: { some: [{ var: "ho" }, throws] },
    none: { none: [{ var: "ho" }, throws] },
    "all (first item throws, a later one fails)": { all: [{ var: "ho" }, { if: [{ "<": [{ var: "dat" }, 50] }, throws, false] }] },
    "count with a condition": { ">=": [{ count: [{ var: "ho" }, throws] }, 0] },
    "some after an item meeting it": { some: [{ var: "ho" }, { if: [{ ">=": [{ var: "dat" }, 50] }, true, throws] }] },
    shareAtLeast: { shareAtLeast: [50, { var: "ho" }, { if: [{ "<": [{ var: "dat" }, 50] }, throws, true] }] },
    sum: { ">=": [{ sum: [{ var: "ho" }, { "/": [0, 0] }] }, 0] },
  };
  for (const [name, rule] of Object.entries(rules))
    for (const engine of ENGINE_NAMES)
      it(`${name} on ${engine}: error for certain, nothing to ask for`, () => {
        const r = evaluate(setWith(rule), { ho: [{ dat: 10 }, { dat: 90 }] }, { engine });
        const c0 = r.criteria[0]!;
        expect([c0.status, c0.outcomes, c0.missing]).toEqual(["error", ["error"], []]);
        // The same data with the list it applies by given: the two-valued evaluation says the same.
        const known = evaluate(setWith(rule), { ho: [{ dat: 10 }, { dat: 90 }], canBo: [] }, { engine }).criteria[0]!;
        expect(known.status).toBe("error");
      });

  it("a fine condition still decides: the rule runs three-valued and passes", () => {
    const c0 = evaluate(setWith({ all: [{ var: "ho" }, fine] }), { ho: [{ dat: 10 }] }).criteria[0]!;
    expect([c0.status, c0.outcomes]).toEqual(["pass", ["pass"]]);
  });
});

describe("a rule that only throws decides before the score", () => {
  // Found by test/fuzz/sets.test.ts (seed 1003871183): the score was read although the rule's share of an empty
  // group had decided, and its out-of-range value added an `error` outcome no completion has.
  const scored = listsSet([
    {
      id: "c0",
      title: d("c0"),
      points: { max: 1, score: { sum: [{ var: "canBo" }, 1] } },
      mandatory: false,
      // Every item is excluded: the share is always of an empty group.
      rule: { shareAtLeast: [50, { var: "ho" }, fine, true] },
      emptyGroup: "fail",
    },
  ]);
  for (const engine of ENGINE_NAMES)
    for (const data of [{ canBo: [{}, {}] }, {}, { canBo: [{}, {}], ho: [{ dat: 1 }] }])
      it(`${JSON.stringify(data)} on ${engine}: fail (empty group), 0 points, nothing missing`, () => {
        const c0 = evaluate(scored, data, { engine }).criteria[0]!;
        expect([c0.status, c0.outcomes, c0.reason, c0.points, c0.missing]).toEqual(["fail", ["fail"], "empty-group", { earned: 0, possible: 0, max: 1 }, []]);
      });
});

describe("list operators on bounds", () => {
  const err = () => thrown("error", "boom");
  const only = (v: Val) => isBound(v) && onlyThrows(v);
  it("a list that only throws: every list operator only throws", () => {
    for (const v of [
      filter(err(), () => true),
      all(err(), () => true),
      someNone(true, err(), () => true),
      count(err()),
      share("atLeast", 50, err(), () => true, null),
    ])
      expect(only(v)).toBe(true);
  });
  it("a certain item whose condition only throws: filter, some, none only throw; all too when it is reached first", () => {
    expect(only(filter([1, 2], (x) => (x === 2 ? err() : true)))).toBe(true);
    expect(only(someNone(true, [1, 2], (x) => (x === 2 ? err() : true)))).toBe(true);
    expect(only(someNone(false, [1, 2], (x) => (x === 2 ? err() : false)))).toBe(true);
    expect(only(all([1, 2], (x) => (x === 1 ? err() : false)))).toBe(true);
    // Reached only after an item that may fail: false or an error.
    const v = all([1, 2], (x) => (x === 1 ? unknownOf({ type: "boolean", description: d("b") }, "b") : err()));
    expect(isBound(v) && v.values).toEqual([false]);
    expect(isBound(v) && v.error).toBe("boom");
  });
  it("an item perhaps in the list (after a filter whose condition is unknown): a value or an error", () => {
    const maybe = filter([1], () => unknownOf({ type: "boolean", description: d("b") }, "b"));
    const v = count(filter(maybe, () => err()));
    expect(isBound(v) && !onlyThrows(v) && v.error).toBe("boom");
  });
  it("a share whose certain item only throws only throws", () => {
    expect(only(share("atLeast", 50, [1, 2], (x) => (x === 2 ? err() : true), null))).toBe(true);
    expect(
      only(
        share(
          "atLeast",
          50,
          [1, 2],
          () => true,
          (x) => (x === 2 ? err() : false),
        ),
      ),
    ).toBe(true);
  });
});
