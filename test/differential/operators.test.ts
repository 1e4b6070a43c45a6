/**
 * Every operator criteria files may use, by hand: the compiled evaluator gives exactly what json-logic-js
 * gives (value or exception, values read, missing paths, ratios), including the corners of JavaScript's
 * semantics that JsonLogic inherits.
 */
import { describe, expect, it } from "vitest";
import { msg, OPERATORS } from "../../src/index.js";
import type { DerivedState } from "../../src/logic/trace.js";
import type { Rule } from "../../src/schema/rule.js";
import { differential } from "./harness.js";

const v = (p: string): Rule => ({ var: p });

/** A family-like unit with holes: missing fields, nulls, numbers written as text. */
const unit = {
  n: 5,
  z: 0,
  neg: -3,
  f: 2.5,
  s: "5",
  e: "",
  word: "abc",
  t: true,
  no: false,
  nul: null,
  list: [1, 2, 3],
  empty: [],
  strs: ["a", "b"],
  nested: { a: { b: 7, nul: null }, flag: true },
  members: [
    { age: 10, ok: true, sick: false, note: "x" },
    { age: 40, ok: false, sick: false },
    { age: 12, sick: true },
    { age: null, ok: true, sick: false },
    { ok: true, sick: false, sub: { x: 1 } },
  ],
  kids: [
    { age: 8, ok: true, sick: false },
    { age: 9, ok: true, sick: true },
  ],
};

const operands: Rule[] = [
  0,
  1,
  -1,
  2.5,
  "",
  "0",
  "1",
  "5",
  "abc",
  true,
  false,
  null,
  [],
  [1],
  [1, 2],
  v("n"),
  v("z"),
  v("s"),
  v("e"),
  v("nul"),
  v("missing"),
  v("list"),
  v("empty"),
  v("t"),
  v("nested.a.b"),
  v("nested.a.nul"),
  v("nested.x.y"),
];

const seen: Rule[] = [];

function each(cases: Rule[], data: unknown = unit, derived?: ReadonlyMap<string, DerivedState>): void {
  for (const rule of cases) {
    seen.push(rule);
    differential(rule, data, derived);
  }
}

describe("the compiled evaluator and json-logic-js agree", () => {
  it("reads variables: own properties only, null for absent, paths into records and lists", () => {
    each([
      v("n"),
      v("missing"),
      v("nul"),
      v("nested.a.b"),
      v("nested.a"),
      v("nested.x.y"),
      v("nested.a.b.c"),
      v("list"),
      v("word.length"),
      v("list.length"),
      v("list.0"),
      v("members.1.age"),
      { var: ["n"] },
      { var: "" },
      { var: null },
      { var: [] },
      { var: 0 },
      v("toString"),
      v("constructor"),
      v("__proto__"),
      v("nested.hasOwnProperty"),
    ]);
    each([v("length"), v("0"), v("1.x")], [{ x: 1 }, { x: null }]);
    each([v(""), v("a")], null);
    each([v(""), v("a")], 7);
    each([v("a")], "text");
  });

  it("compares loosely and strictly, as JavaScript does", () => {
    const ops = ["==", "===", "!=", "!==", ">", ">=", "<", "<="];
    const rules: Rule[] = [];
    for (const op of ops)
      for (const a of operands) for (const b of [0, 1, "1", "", null, true, [], [1], v("s"), v("nul"), v("missing")]) rules.push({ [op]: [a, b] });
    each(rules);
  });

  it("compares three operands with < and <=, evaluating all three first", () => {
    const rules: Rule[] = [];
    for (const op of ["<", "<="]) {
      for (const [a, b, c] of [
        [1, 2, 3],
        [1, 1, 3],
        [3, 2, 1],
        [6, v("n"), 14],
        [6, v("missing"), 14],
        [v("missing"), 5, v("nul")],
        ["1", "2", "3"],
        [null, 0, 1],
        [0, v("s"), 10],
        [v("n"), v("f"), v("s")],
      ] as Rule[][])
        rules.push({ [op]: [a!, b!, c!] });
    }
    each(rules);
  });

  it("does arithmetic with parseFloat in + and *, and plain JavaScript in -, / and %", () => {
    const rules: Rule[] = [];
    for (const a of operands) {
      rules.push({ "+": [a] }, { "*": [a] }, { "-": [a] });
      for (const b of [0, 2, "2", "x", null, -0, v("s"), v("missing")]) {
        rules.push({ "+": [a, b] }, { "*": [a, b] }, { "-": [a, b] }, { "/": [a, b] }, { "%": [a, b] }, { min: [a, b] }, { max: [a, b] });
      }
    }
    rules.push(
      { "+": [1, 2, 3, "4", "x"] },
      { "*": [2, 3, "4"] },
      { "*": [-1, 0, -5] },
      { "/": [1, { "*": [-1, 0, -5] }] },
      { "/": [1, { "*": [-1, 0] }] },
      { "+": [-0] },
      { "/": [1, { "+": [-0] }] },
      { "+": [] },
      { min: [] },
      { max: [] },
      { min: [1, 2, 3, 0] },
      { max: [[], "3", null] },
      { "+": "0" },
      { "-": [5, 2, v("missing")] },
    );
    each(rules);
  });

  it("uses JsonLogic truthiness ([] is false) in !, !!, and, or, if", () => {
    const rules: Rule[] = [];
    for (const a of operands) {
      rules.push(
        { "!": [a] },
        { "!!": [a] },
        { "!": a },
        { and: [a, "yes"] },
        { or: [a, "yes"] },
        { and: [true, a] },
        { or: [false, a] },
        { if: [a, "then", "else"] },
        { if: [a] },
      );
    }
    rules.push(
      { and: [v("t"), v("missing"), v("n")] },
      { or: [v("no"), v("missing"), v("n")] },
      { or: [v("t"), v("missing")] },
      { and: [v("no"), v("missing")] },
      { if: [v("missing"), 1, v("no"), 2, v("n"), 3, 4] },
      { if: [false, 1, false, 2] },
      { if: [] },
      { "!": [1, v("missing")] },
      { "!!": [[v("missing")]] },
      { if: [[v("missing")], "non-empty list", "never"] },
    );
    each(rules);
  });

  it("reads the fields of one record in an and, whatever order the record lists them in", () => {
    const records: unknown[] = [
      { a: true, b: 1, c: "x" },
      { a: true, b: 0, c: "x" },
      { c: "x", b: 1, a: true },
      { extra: 1, a: true, b: 1, c: "x" },
      { a: true, c: "x" },
      { a: true, b: null, c: "x" },
      { a: true, b: 1, c: [] },
      { a: true, b: 1 },
      { b: 1, a: true, c: "x" },
      { a: true, b: 1, c: "x", d: false },
      {},
      [],
      null,
      "abc",
    ];
    const rules: Rule[] = [
      { and: [v("r.a"), v("r.b"), v("r.c")] },
      { and: [v("r.a"), v("r.b")] },
      { and: [v("r.b"), v("r.a"), v("r.c")] },
      { and: [v("r.a"), v("r.b"), v("r.c"), v("r.d")] },
      { and: [v("r.a"), v("r.missing")] },
    ];
    for (const r of records) {
      each(rules, { r });
      each([{ all: [v("list"), { and: [v("r.a"), v("r.b"), v("r.c")] }] }, { shareAtLeast: [100, v("list"), { and: [v("r.a"), v("r.b")] }] }], {
        list: [{ r }, { r: { a: true, b: 1, c: "x" } }, { r }],
      });
    }
  });

  it("tests membership in lists and text", () => {
    const rules: Rule[] = [];
    for (const a of operands)
      for (const b of [["a", "b"], [1, "1", null], [], "abc", "", v("strs"), v("list"), v("missing"), v("word"), [v("n"), v("s")], 5])
        rules.push({ in: [a, b as Rule] });
    each(rules);
  });

  it("iterates with all, some, none and filter (all is false on an empty list)", () => {
    const rules: Rule[] = [];
    for (const op of ["all", "some", "none", "filter"]) {
      for (const list of [v("members"), v("kids"), v("empty"), v("missing"), v("list"), v("n"), [1, 2], v("nul")]) {
        for (const cond of [
          v("ok"),
          { "<": [v("age"), 18] },
          { "<=": [6, v("age"), 14] },
          true,
          false,
          v(""),
          { ">": [v(""), 1] },
          v("sub.x"),
          { and: [v("ok"), v("age")] },
          { or: [v("sick"), v("ok")] },
        ])
          rules.push({ [op]: [list, cond] });
      }
      rules.push({ [op]: [v("members")] }, { [op]: [{ filter: [v("members"), v("ok")] }, { ">": [v("age"), 9] }] });
    }
    each(rules);
  });

  it("counts, with and without a condition", () => {
    each([
      { count: [v("members")] },
      { count: [v("members"), v("ok")] },
      { count: [v("members"), { "<": [v("age"), 18] }] },
      { count: [v("empty")] },
      { count: [v("missing")] },
      { count: [v("missing"), v("ok")] },
      { count: [v("n")] },
      { count: [v("list"), { ">": [v(""), 1] }] },
      { count: [{ filter: [v("members"), v("sick")] }] },
      { ">=": [v("n"), { count: [v("members")] }] },
      { count: [v("members"), v("ok"), v("n")] },
      { count: v("members") },
    ]);
  });

  it("compares shares exactly, excludes from the denominator, and reports an empty group", () => {
    const rules: Rule[] = [];
    for (const op of ["shareAtLeast", "shareAtMost"]) {
      for (const p of [0, 50, 60, 66.666667, 100, 88.9, v("n"), v("missing"), "50", 101, -1]) {
        rules.push(
          { [op]: [p, v("members"), v("ok")] },
          { [op]: [p, v("members"), v("ok"), v("sick")] },
          { [op]: [p, v("kids"), v("ok"), v("sick")] },
          { [op]: [p, v("empty"), v("ok")] },
          { [op]: [p, v("missing"), v("ok")] },
          { [op]: [p, v("list"), { ">": [v(""), 1] }] },
        );
      }
      // Ratios inside the exclusion are recorded twice by json-logic-js, which evaluates the filtered list twice.
      rules.push({ [op]: [50, v("members"), v("ok"), { shareAtLeast: [100, v("kids"), v("ok")] }] });
      rules.push({ [op]: [50, { filter: [v("members"), { ratioAtLeast: [1, 2, 50] }] }, v("ok")] });
    }
    each(rules);
  });

  it("compares ratios exactly, and rejects values that are not counts", () => {
    const rules: Rule[] = [];
    for (const op of ["ratioAtLeast", "ratioAtMost"]) {
      for (const [part, whole, p] of [
        [9, 10, 90],
        [27, 30, 90],
        [8, 9, 89],
        [89, 100, 89],
        [57, 100, 57],
        [0, 0, 50],
        [1, 0, 50],
        [3, 2, 50],
        [-1, 2, 50],
        [1.5, 2, 50],
        ["1", 2, 50],
        [1, 2, "50"],
        [1, 2, 100.5],
        [1, 2, 33.3333333],
        [v("missing"), 2, 50],
        [1, v("nul"), 50],
        [1, 2, v("missing")],
        [v("n"), { count: [v("members")] }, 100],
        [{ count: [v("members"), v("ok")] }, { count: [v("members")] }, 60],
        [Number.MAX_SAFE_INTEGER - 1, Number.MAX_SAFE_INTEGER, 99.999999],
        [4503599627370495, 4503599627370496, 99.999999],
        [1, 3, 33.333333],
        [1, 3, 33.333334],
      ] as Rule[][])
        rules.push({ [op]: [part!, whole!, p!] });
      rules.push({ [op]: [1, 2, 50, v("missing")] });
    }
    each(rules);
  });

  it("passes literals through and evaluates operations inside lists", () => {
    each([1, "x", null, true, [1, [2, v("n")], v("missing")], [], { a: 1, b: 2 } as Rule, [{ a: 1, b: 2 } as Rule]]);
  });

  it("reports derived values without a value the same way", () => {
    const derived = new Map<string, DerivedState>([
      ["gone", { status: "missing", paths: ["members[0].age", "n"] }],
      ["na", { status: "not-applicable" }],
      ["bad", { status: "error", message: msg("eval.derived", { name: "bad", reason: msg("error.unexpected", { text: "broken" }) }) }],
    ]);
    each(
      [
        v("gone"),
        v("na"),
        v("bad"),
        v("gone.x"),
        { and: [v("na"), v("bad")] },
        { or: [v("bad"), v("gone")] },
        { count: [v("gone")] },
        { shareAtLeast: [50, v("na"), v("ok")] },
        { "+": [v("n"), v("gone")] },
      ],
      unit,
      derived,
    );
  });

  it("sums a value over a list's items: 0 for an empty list or a value that is not a list, parseFloat as in +, Infinity an error", () => {
    each([
      { sum: [v("members"), v("age")] },
      { sum: [v("kids"), v("age")] },
      { sum: [v("members"), { "*": [v("age"), 2] }] },
      { sum: [v("members"), { if: [v("ok"), 1, 0] }] },
      { sum: [v("empty"), v("age")] },
      { sum: [v("missing"), v("age")] },
      { sum: [v("n"), v("age")] },
      { sum: [v("nul"), v("x")] },
      { sum: [v("list"), v("")] },
      { sum: [[1, "2", 3.5], v("")] },
      { sum: [v("strs"), v("")] },
      { sum: [{ filter: [v("members"), v("ok")] }, v("age")] },
      { sum: [v("members"), v("sub.x")] },
      { sum: [[1e308, 1e308], v("")] },
      { sum: [v("members"), { "/": [1, v("age")] }] },
      { ">=": [{ sum: [v("kids"), v("age")] }, 17] },
      { ratioAtMost: [{ sum: [v("kids"), { if: [v("sick"), 1, 0] }] }, { count: [v("kids")] }, 50] },
      { sum: [v("members"), { count: [v("list")] }] },
    ]);
  });

  it("has covered every operator criteria files may use", () => {
    const text = JSON.stringify(seen);
    for (const op of OPERATORS.keys()) expect(text, op).toContain(`"${op}":`);
  });
});
