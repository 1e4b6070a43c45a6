/**
 * Whole results: `evaluate` with the compiled evaluator (the default) and with json-logic-js gives the same
 * result, byte for byte but for `engine.evaluator`, with explanations and without, on generated units of
 * real sets and of sets that use every feature of the format.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRegistry } from "../../src/versions/registry.js";
import { evaluate, loadCriteriaSet, UnitDataError, type LoadedSet, type Result } from "../../src/index.js";
import { makeSet, readJson, text } from "../helpers.js";
import { unitsOf } from "./arbitrary.js";

const c = (id: string, extra: Record<string, unknown>) => ({ id, title: text(`criterion ${id}`), ...extra });

/** A set that uses every kind of criterion: applies, tiers, scores, exclusions, pending, derived values, ratios, shares. */
const featureSet = loadCriteriaSet(
  makeSet({
    inputs: {
      a: { type: "boolean", description: text("a") },
      b: { type: "boolean", default: true, description: text("b") },
      n: { type: "integer", min: 0, max: 1000, description: text("n") },
      k: { type: "integer", min: 0, max: 1000, description: text("k") },
      x: { type: "number", min: -5, max: 5, description: text("x") },
      day: { type: "date", min: "2020-01-01", max: "2030-12-31", description: text("day") },
      xepLoai: { type: "string", enum: ["Tốt", "Khá", "Đạt"], description: text("xếp loại") },
      name: { type: "string", maxLength: 20, description: text("name") },
      tags: { type: "array", maxItems: 4, items: { type: "integer", min: 0, max: 9, description: text("tag") }, description: text("tags") },
      members: {
        type: "array",
        maxItems: 8,
        description: text("members"),
        items: {
          type: "object",
          description: text("member"),
          fields: {
            age: { type: "integer", min: 0, max: 130, description: text("age") },
            ok: { type: "boolean", description: text("ok") },
            sick: { type: "boolean", default: false, description: text("sick") },
            grade: { type: "string", enum: ["Tốt", "Khá", "Đạt", "Chưa đạt"], description: text("grade") },
            skills: {
              type: "object",
              description: text("skills"),
              fields: { it: { type: "boolean", description: text("it") }, lang: { type: "boolean", description: text("lang") } },
            },
          },
        },
      },
    },
    derived: {
      children: { description: text("children"), rule: { filter: [{ var: "members" }, { "<=": [6, { var: "age" }, 14] }] } },
      total: { description: text("total"), rule: { "+": [{ var: "n" }, { var: "k" }] } },
      share: { description: text("share"), rule: { shareAtLeast: [50, { var: "children" }, { var: "ok" }, { var: "sick" }] } },
    },
    groups: [
      { id: "g1", title: text("one") },
      { id: "g2", title: text("two") },
    ],
    criteria: [
      c("1", {
        group: "g1",
        points: 10,
        applies: { some: [{ var: "children" }, true] },
        rule: { shareAtLeast: [100, { var: "children" }, { var: "ok" }, { var: "sick" }] },
      }),
      c("2", { group: "g1", points: 10, rule: { ratioAtLeast: [{ var: "k" }, { var: "n" }, 66.5] } }),
      c("3", {
        group: "g1",
        points: {
          max: 20,
          tiers: [
            { points: 20, when: { ">=": [{ var: "total" }, 100] } },
            { points: 10, when: { ">=": [{ var: "total" }, 50] } },
          ],
        },
      }),
      c("4", { group: "g2", mandatory: true, points: 10, rule: { and: [{ var: "a" }, { or: [{ var: "b" }, { in: [{ var: "xepLoai" }, ["Tốt", "Khá"]] }] }] } }),
      c("5", {
        group: "g2",
        points: { max: 10, score: { if: [{ var: "a" }, { count: [{ var: "members" }, { var: "skills.it" }] }, 0] } },
        rule: { ">=": [{ count: [{ var: "members" }, { var: "skills.lang" }] }, 1] },
      }),
      c("6", {
        group: "g2",
        points: 10,
        rule: { all: [{ filter: [{ var: "members" }, { ">=": [{ var: "age" }, 18] }] }, { "!": { "==": [{ var: "grade" }, "Chưa đạt"] } }] },
      }),
      c("7", { points: 10, rule: { "<": [{ "-": [{ var: "x" }, 1] }, { "/": [{ var: "n" }, 100] }] } }),
      c("8", { points: 10, rule: { var: "share" } }),
      c("9", {
        points: 10,
        rule: { none: [{ var: "tags" }, { ">": [{ var: "" }, 7] }] },
        explain: { pass: text("ok {{n}} {{k}} {{total}} {{name}}"), fail: text("{{points}}/{{maxPoints}} {{missing}} {{found}}") },
      }),
      c("excl", { role: "exclusion", excludes: { some: [{ var: "members" }, { and: [{ var: "sick" }, { "<": [{ var: "age" }, 5] }] }] } }),
      c("pending", { points: 10, pending: { reason: text("not found yet") } }),
    ],
    completeness: { level: "partial", notes: ["one pending criterion"] },
    decision: {
      method: "points",
      maxPoints: 110,
      passMark: 50,
      notApplicable: "award",
      grades: [
        { id: "top", title: text("Top"), minPoints: 80 },
        { id: "ok", title: text("OK"), minPoints: 50 },
      ],
    },
  }),
);

const levelSet = loadCriteriaSet(
  makeSet({
    criteria: [
      c("L1", { rule: { var: "a" } }),
      c("L1b", { applies: { var: "b" }, rule: { ratioAtLeast: [{ var: "k" }, { var: "n" }, 90] } }),
      c("L2", { level: "muc-2", rule: { shareAtMost: [25, { var: "members" }, { var: "sick" }] } }),
      c("X", { role: "exclusion", excludes: { ">": [{ var: "k" }, 900] } }),
    ],
    decision: {
      method: "all",
      levels: [
        { id: "muc-1", title: text("Mức 1") },
        { id: "muc-2", title: text("Mức 2") },
      ],
    },
  }),
);

const sets: Array<[string, LoadedSet]> = [
  ["TT 22/2020 Đơn vị học tập", loadCriteriaSet(readJson("criteria/don-vi-hoc-tap/2020.1.0.json"))],
  ["the benchmark family set", loadCriteriaSet(readJson("test/bench/family-set.json"))],
  ["mini-family", loadCriteriaSet(readJson("test/fixtures/mini-family.json"))],
  ["a set using every feature", featureSet],
  ["an all-must-pass set with levels", levelSet],
];

const withoutEvaluator = (r: Result) => JSON.stringify({ ...r, engine: { ...r.engine, evaluator: "-" } });

function outcome(set: LoadedSet, data: unknown, options: { explain: boolean; engine: "compiled" | "json-logic-js" }): string {
  try {
    // A date each set was in force on (a version out of force is refused before any rule runs).
    return withoutEvaluator(evaluate(set, data, { ...options, asOf: set.definition.validFrom }));
  } catch (e) {
    if (e instanceof UnitDataError) return `UnitDataError ${JSON.stringify(e.problems)}`;
    throw e;
  }
}

describe("evaluate gives the same result with either evaluator", () => {
  for (const [name, set] of sets) {
    // Hundreds of units on both evaluators, with and without explanations: seconds on a busy 2-core machine.
    it(name, { timeout: 120_000 }, () => {
      const seen = new Set<string>();
      fc.assert(
        fc.property(unitsOf(set.definition.inputs), (unit) => {
          for (const explain of [true, false]) {
            const reference = outcome(set, structuredClone(unit), { explain, engine: "json-logic-js" });
            const compiled = outcome(set, structuredClone(unit), { explain, engine: "compiled" });
            expect(compiled).toBe(reference);
            if (!reference.startsWith("UnitDataError")) for (const c of (JSON.parse(reference) as Result).criteria) seen.add(c.status);
          }
        }),
        { numRuns: 300, seed: 4242 },
      );
      // The generated units reach every status the set can give.
      for (const status of ["pass", "fail", "missing"]) expect(seen, status).toContain(status);
    });
  }

  it("including on data that breaks the declarations, which both reject the same way", { timeout: 120_000 }, () => {
    for (const [, set] of sets) {
      fc.assert(
        fc.property(unitsOf(set.definition.inputs, true), (unit) => {
          expect(outcome(set, unit, { explain: false, engine: "compiled" })).toBe(outcome(set, unit, { explain: false, engine: "json-logic-js" }));
        }),
        { numRuns: 150, seed: 99 },
      );
    }
  });

  it("including titles decided from sub-units' data", () => {
    const family = loadCriteriaSet(
      makeSet({ id: "family-set", criteria: [c("1", { points: 100, rule: { and: [{ var: "a" }, { ">=": [{ var: "n" }, 3] }] } })] }),
    );
    const clan = loadCriteriaSet(
      makeSet({
        id: "clan-set",
        inputs: {
          families: {
            type: "array",
            description: text("families"),
            items: {
              type: "object",
              description: text("family"),
              fields: { learning: { type: "title", set: "family-set", description: text("learning family") } },
            },
          },
        },
        criteria: [c("1", { points: 100, rule: { shareAtLeast: [50, { var: "families" }, { var: "learning" }] } })],
      }),
    );
    const sets = createRegistry([family, clan]);
    const data = {
      families: [
        { learning: true },
        { learning: { data: { a: true, n: 4 } } },
        { learning: { data: { a: true } } },
        { learning: { data: { a: false, n: 1 } } },
      ],
    };
    for (const explain of [true, false]) {
      const a = evaluate(clan, structuredClone(data), { sets, explain });
      const b = evaluate(clan, structuredClone(data), { sets, explain, engine: "json-logic-js" });
      expect(JSON.stringify(a).replaceAll('"evaluator":"compiled"', "E")).toBe(JSON.stringify(b).replaceAll('"evaluator":"json-logic-js"', "E"));
    }
  });
});
