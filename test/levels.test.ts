// Titles held at levels (a commune recognised at mức độ 1 or 2, read by its district), and titles given as a
// result their set already gave: declared in the format, validated at load and in the registry, evaluated the
// same by both engines.
import { describe, expect, it } from "vitest";
import {
  composeResults,
  createRegistry,
  ENGINE_NAMES,
  evaluate,
  loadCriteriaSet,
  RegistryError,
  resultsTarget,
  UnitDataError,
  validateCriteriaSet,
  type Result,
} from "../src/index.js";
import { makeSet, text, unitDataProblems } from "./helpers.js";

/** A commune-like set: level 1 needs `a`, level 2 also `b`. */
const communeSet = () =>
  makeSet({
    id: "xa-thu",
    subject: "commune",
    inputs: { a: { type: "boolean", description: text("a") }, b: { type: "boolean", description: text("b") } },
    criteria: [
      { id: "A", title: text("a"), level: "muc-1", rule: { var: "a" } },
      { id: "B", title: text("b"), level: "muc-2", rule: { var: "b" } },
    ],
    decision: {
      method: "all",
      levels: [
        { id: "muc-1", title: text("Mức độ 1") },
        { id: "muc-2", title: text("Mức độ 2") },
      ],
    },
  });

/** A district-like set: at least 90% of communes at level 1 (level 1), at level 2 (level 2). */
const districtSet = (levels: string[] = ["muc-1", "muc-2"]) =>
  makeSet({
    id: "huyen-thu",
    subject: "district",
    inputs: {
      xa: {
        type: "array",
        description: text("xã"),
        items: {
          type: "object",
          description: text("xã"),
          fields: {
            ten: { type: "string", description: text("tên") },
            cdht: { type: "title", set: "xa-thu", levels, label: text("CĐHT"), description: text("CĐHT cấp xã") },
          },
        },
      },
    },
    criteria: [
      { id: "CT1", title: text("90% xã mức 1"), level: "muc-1", rule: { shareAtLeast: [90, { var: "xa" }, { var: "cdht.muc-1" }] } },
      { id: "CT1.muc-2", title: text("90% xã mức 2"), level: "muc-2", rule: { shareAtLeast: [90, { var: "xa" }, { var: "cdht.muc-2" }] } },
    ],
    decision: {
      method: "all",
      levels: [
        { id: "muc-1", title: text("Mức độ 1") },
        { id: "muc-2", title: text("Mức độ 2") },
      ],
    },
  });

const registry = () => createRegistry([communeSet(), districtSet()]);
const district = () => loadCriteriaSet(districtSet());
const communes = (values: unknown[]) => ({ xa: values.map((cdht, i) => ({ ten: `Xã ${i + 1}`, cdht })) });
const statuses = (r: Result) => Object.fromEntries(r.criteria.map((c) => [c.id, c.status]));

describe("a title held at levels", () => {
  it("is declared with its set's level ids, usable as fields; a level id that cannot be a field is refused", () => {
    expect(validateCriteriaSet(districtSet()).ok).toBe(true);
    const v = validateCriteriaSet(districtSet(["muc.1"]));
    expect(v.ok).toBe(false);
    expect(!v.ok && v.problems[0]!.message).toMatch(/a level read as a field/);
    const dup = validateCriteriaSet(districtSet(["muc-1", "muc-1"]));
    expect(!dup.ok && dup.problems.map((p) => p.code)).toContain("duplicate_id");
    const typo = validateCriteriaSet(
      makeSet({
        ...districtSet(),
        criteria: [{ id: "CT1", title: text("x"), level: "muc-1", rule: { shareAtLeast: [90, { var: "xa" }, { var: "cdht.muc-3" }] } }],
      }),
    );
    expect(!typo.ok && typo.problems[0]!.message).toMatch(/'cdht\.muc-3' is not declared: 'cdht' has no 'muc-3'.*known: muc-1, muc-2/);
  });

  for (const engine of ENGINE_NAMES)
    describe(`on the ${engine} engine`, () => {
      it("10 communes with 9 at level 1 pass level 1 (90%); with 8 they do not", () => {
        const nine = evaluate(district(), communes(["muc-1", "muc-1", "muc-1", "muc-2", "muc-2", "muc-1", "muc-1", "muc-1", "muc-1", false]), { engine });
        expect(statuses(nine)).toEqual({ CT1: "pass", "CT1.muc-2": "fail" });
        expect(nine.verdict).toBe("pass");
        expect(nine.grade?.id).toBe("muc-1");
        const eight = evaluate(district(), communes(["muc-1", "muc-1", "muc-1", "muc-2", "muc-2", "muc-1", "muc-1", "muc-1", false, false]), { engine });
        expect(statuses(eight)).toEqual({ CT1: "fail", "CT1.muc-2": "fail" });
        expect(eight.verdict).toBe("fail");
      });

      it("a level id means that level and every lower one; false means none; the record form gives them one by one", () => {
        const r = evaluate(district(), communes(Array(10).fill("muc-2")), { engine });
        expect(statuses(r)).toEqual({ CT1: "pass", "CT1.muc-2": "pass" });
        expect(r.grade?.id).toBe("muc-2");
        const rec = evaluate(district(), communes([...Array(9).fill({ "muc-1": true, "muc-2": true }), { "muc-1": true, "muc-2": false }]), { engine });
        expect(statuses(rec)).toEqual({ CT1: "pass", "CT1.muc-2": "pass" });
        // 8 at level 1, one not, one not known: 80% or 90%, so level 1 cannot be decided.
        const unknown = evaluate(district(), communes([...Array(8).fill("muc-1"), false, { "muc-1": null }]), { engine });
        expect(statuses(unknown).CT1).toBe("missing");
        expect(unknown.verdict).toBe("incomplete");
      });

      it("decides each commune from its own data, nesting the sub-results, levels read one by one", () => {
        const data = communes([...Array(8).fill({ data: { a: true, b: true } }), { data: { a: true, b: false } }, { data: { a: true } }]);
        const r = evaluate("huyen-thu", data, { engine, sets: registry(), asOf: "2024-06-01" });
        expect(r.subResults).toHaveLength(10);
        expect(r.subResults[9]!.result.levels.map((l) => l.status)).toEqual(["achieved", "undetermined"]);
        // Level 1 is known for every commune (10 of 10); level 2 is 8 or 9 of 10, not known.
        expect(statuses(r)).toEqual({ CT1: "pass", "CT1.muc-2": "missing" });
        expect(r.grade?.id).toBe("muc-1");
        const c = r.criteria.find((x) => x.id === "CT1.muc-2")!;
        expect(c.subResults).toContain("xa[9].cdht");
      });

      it("takes a commune's result as given, nested and marked given; a result of another set is refused", () => {
        const reg = registry();
        const results = [true, true, true, true, true, true, true, true, false, false].map((a) =>
          evaluate("xa-thu", { a, b: false }, { engine, sets: reg, asOf: "2024-06-01" }),
        );
        const r = evaluate(district(), communes(results.map((result) => ({ result }))), { engine });
        expect(statuses(r)).toEqual({ CT1: "fail", "CT1.muc-2": "fail" });
        expect(r.subResults.map((s) => s.given)).toEqual(Array(10).fill(true));
        expect(r.subResults[0]!.result).toEqual(results[0]);
        const other = evaluate(loadCriteriaSet(makeSet()), { a: true }, { engine });
        expect(unitDataProblems(district(), communes([{ result: other }]))).toEqual([
          {
            code: "wrong_set",
            key: "problem.wrong_set.result",
            params: { result: "test-set@1.0.0", set: "xa-thu" },
            path: ["xa", 0, "cdht", "result", "set", "id"],
            message: "this is a result of test-set@1.0.0, but the title is decided by 'xa-thu'",
          },
        ]);
      });
    });

  it("refuses true (the level must be said), an unknown level, and levels out of order, each with its path", () => {
    const p = unitDataProblems(district(), communes([true, "muc-3", { "muc-1": false, "muc-2": true }]));
    expect(p.map((x) => [x.code, x.path.join(".")])).toEqual([
      ["invalid_union", "xa.0.cdht"],
      ["invalid_union", "xa.1.cdht"],
    ]);
    expect(p[0]!.message).toMatch(/expected the level the title is held at \("muc-1", "muc-2"\), false \(at no level\)/);
    expect(unitDataProblems(district(), communes([{ "muc-1": false, "muc-2": true }]))).toEqual([
      {
        code: "levels_order",
        key: "problem.levels_order",
        params: { held: "muc-2", notHeld: "muc-1" },
        path: ["xa", 0, "cdht", "muc-1"],
        message: "held at muc-2 but not at muc-1: levels are cumulative, a title held at a level is held at every lower one",
      },
    ]);
    expect(() => evaluate(district(), communes([{ result: { verdict: "pass" } }]))).toThrow(UnitDataError);
  });

  it("the registry refuses a title read at levels its set does not decide", () => {
    expect(() => createRegistry([communeSet(), districtSet(["muc-1", "muc-2", "muc-3"])])).toThrow(RegistryError);
    try {
      createRegistry([communeSet(), districtSet(["muc-1", "muc-2", "muc-3"])]);
    } catch (e) {
      expect((e as RegistryError).problems.map((p) => p.message)).toEqual([
        "huyen-thu@1.0.0 reads the title xa-thu at the levels muc-1, muc-2, muc-3, but xa-thu@1.0.0 decides the levels muc-1, muc-2",
      ]);
    }
  });

  it("the result of a commune at level 1 read by a district declared with other levels is refused as data", () => {
    const result = evaluate(loadCriteriaSet(communeSet()), { a: true, b: true });
    const other = loadCriteriaSet(districtSet(["muc-1", "muc-2", "muc-3"]));
    expect(unitDataProblems(other, communes([{ result }])).map((p) => p.code)).toEqual(["title_levels"]);
  });
});

describe("composing a district's data from its communes' batch results", () => {
  const reg = registry();
  const lines = [true, true, true].map((a, i) => ({
    line: i + 1,
    unit: { ten: `Xã ${i + 1}`, maXa: `X${i}` },
    result: evaluate("xa-thu", { a, b: false }, { sets: reg, asOf: "2024-06-01" }),
  }));
  const errorLine = { line: 4, unit: { ten: "Xã 4" }, error: { code: "ERR_UNIT_DATA", message: "bad" } };

  it("fills the list with one item per line: its declared fields from the line's unit, the title as the given result", () => {
    const c = composeResults(district(), {}, "xa[].cdht", [...lines, errorLine]);
    expect(c.results).toBe(3);
    expect(c.errors).toBe(1);
    const xa = c.data.xa as Record<string, unknown>[];
    expect(xa.map((x) => x.ten)).toEqual(["Xã 1", "Xã 2", "Xã 3", "Xã 4"]);
    expect(xa[0]).toEqual({ ten: "Xã 1", cdht: { result: lines[0]!.result } });
    // A commune the batch could not evaluate is kept, its title not known: 3 or 4 of 4 at level 1, never 3 of 3.
    expect(xa[3]).toEqual({ ten: "Xã 4", cdht: null });
    for (const engine of ENGINE_NAMES) {
      const r = evaluate(district(), c.data, { engine });
      expect(r.criteria.find((x) => x.id === "CT1")!.status).toBe("missing");
      expect(r.verdict).toBe("incomplete");
      expect(r.subResults.map((s) => s.path)).toEqual(["xa[0].cdht", "xa[1].cdht", "xa[2].cdht"]);
    }
  });

  it("refuses a target that is not a list's title field, data that already gives the list, and lines that are not batch lines", () => {
    expect(() => resultsTarget(district(), "xa.cdht")).toThrow(/written list\[\]\.field/);
    expect(() => resultsTarget(district(), "huyen[].cdht")).toThrow(/has no list of records 'huyen' \(its inputs: xa\)/);
    expect(() => resultsTarget(district(), "xa[].ten")).toThrow(/have no title field 'ten' \(title fields: cdht\)/);
    expect(() => composeResults(district(), { xa: [] }, "xa[].cdht", lines)).toThrow(/the data already gives 'xa'/);
    expect(() => composeResults(district(), {}, "xa[].cdht", [{ line: 1, unit: {} }])).toThrow(UnitDataError);
  });
});
