/**
 * The compiled check of unit data against the zod schema built from the same declarations: whatever it
 * accepts, zod accepts, with an equal value; what zod accepts as plain JSON, it accepts too; it never changes
 * the caller's data. Where zod copies every record, the check keeps the caller's records that need no change
 * (the value is compared, not the identity): only records may be shared, never a list or the top level.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileDataCheck, nfcForTest, scanTextForTest } from "../../src/evaluate/data-check.js";
import { CONTROL_CHARACTER } from "../../src/errors.js";
import { dataSchema } from "../../src/evaluate/data.js";
import { evaluate, loadCriteriaSet } from "../../src/index.js";
import type { Inputs } from "../../src/schema/inputs.js";
import { makeSet, readJson, text } from "../helpers.js";
import { unitsOf } from "./arbitrary.js";

const d = (s: string) => ({ description: text(s) });

const specs: Array<[string, Inputs]> = [
  ["TT 22/2020 Đơn vị học tập", loadCriteriaSet(readJson("criteria/don-vi-hoc-tap/2020.1.0.json")).definition.inputs],
  ["the benchmark family set", loadCriteriaSet(readJson("test/bench/family-set.json")).definition.inputs],
  [
    "every kind of input, defaults and limits",
    {
      flag: { type: "boolean", default: false, ...d("flag") },
      count: { type: "integer", min: -3, max: 30, default: 2, ...d("count") },
      ratio: { type: "number", min: 0, max: 1, ...d("ratio") },
      free: { type: "number", ...d("free") },
      word: { type: "string", maxLength: 5, default: "e\u0301", ...d("word") },
      grade: { type: "string", enum: ["Tốt", "Khá", "Chưa đạt"], ...d("grade") },
      day: { type: "date", min: "2020-01-01", max: "2025-12-31", ...d("day") },
      title: { type: "title", set: "x", ...d("title") },
      scores: { type: "array", minItems: 1, maxItems: 4, items: { type: "integer", min: 0, max: 10, default: 5, ...d("score") }, ...d("scores") },
      grid: { type: "array", items: { type: "array", maxItems: 3, items: { type: "boolean", ...d("b") }, ...d("row") }, ...d("grid") },
      person: {
        type: "object",
        ...d("person"),
        fields: {
          name: { type: "string", ...d("name") },
          sick: { type: "boolean", default: false, ...d("sick") },
          kids: {
            type: "array",
            items: {
              type: "object",
              ...d("kid"),
              fields: { age: { type: "integer", min: 0, ...d("age") }, ok: { type: "boolean", default: true, ...d("ok") } },
            },
            ...d("kids"),
          },
        },
      },
    },
  ],
  [
    "records of flags only, in a list and as a field",
    {
      members: {
        type: "array",
        items: {
          type: "object",
          ...d("member"),
          fields: {
            a: { type: "boolean", ...d("a") },
            b: { type: "boolean", ...d("b") },
            t: { type: "title", set: "x", ...d("t") },
            skills: { type: "object", ...d("skills"), fields: { x: { type: "boolean", ...d("x") }, y: { type: "boolean", ...d("y") } } },
          },
        },
        ...d("members"),
      },
      flags: { type: "object", ...d("flags"), fields: { p: { type: "boolean", ...d("p") }, q: { type: "boolean", ...d("q") } } },
      withDefault: { type: "object", ...d("withDefault"), fields: { p: { type: "boolean", default: true, ...d("p") }, q: { type: "boolean", ...d("q") } } },
    },
  ],
  [
    "a record with more than 30 fields",
    Object.fromEntries(
      Array.from({ length: 40 }, (_, i) => [
        `f${i}`,
        { type: i % 2 ? "boolean" : "integer", ...(i % 5 === 0 ? { default: i % 2 ? true : 1 } : {}), ...d(`f${i}`) },
      ]),
    ) as Inputs,
  ],
];

/** Deeply frozen, so a check that wrote into the caller's data would throw. */
function freeze<T>(v: T): T {
  if (typeof v === "object" && v !== null) {
    for (const x of Object.values(v)) freeze(x);
    Object.freeze(v);
  }
  return v;
}

const isPlainJson = (v: unknown): boolean => {
  try {
    return JSON.stringify(v) !== undefined && JSON.stringify(JSON.parse(JSON.stringify(v))) === JSON.stringify(v) && !hasNullProto(v);
  } catch {
    return false;
  }
};
const hasNullProto = (v: unknown): boolean =>
  typeof v === "object" && v !== null && ((!Array.isArray(v) && Object.getPrototypeOf(v) !== Object.prototype) || Object.values(v).some(hasNullProto));
/** Every object and array inside `v`. */
function objectsIn(v: unknown, out = new Set<unknown>()): Set<unknown> {
  if (typeof v === "object" && v !== null) {
    out.add(v);
    for (const x of Object.values(v)) objectsIn(x, out);
  }
  return out;
}
const hasTitleData = (v: unknown): boolean => typeof v === "object" && v !== null && ("data" in v || Object.values(v).some(hasTitleData));

describe("the compiled data check and the zod schema", () => {
  for (const [name, inputs] of specs) {
    it(`agree on ${name}`, () => {
      const fast = compileDataCheck(inputs);
      const zod = dataSchema(inputs);
      let accepted = 0;
      fc.assert(
        fc.property(fc.oneof(unitsOf(inputs), unitsOf(inputs, true)), (unit) => {
          const before = JSON.stringify(unit);
          const mine = fast(freeze(unit));
          const theirs = zod.safeParse(unit);
          expect(JSON.stringify(unit)).toBe(before);
          if (mine !== undefined) {
            accepted++;
            expect(theirs.success, `accepted what zod rejects: ${before}`).toBe(true);
            expect(mine).toStrictEqual(theirs.data);
            const given = objectsIn(unit);
            expect(given.has(mine), `returned the caller's top-level record: ${before}`).toBe(false);
            for (const o of objectsIn(mine)) if (given.has(o) && Array.isArray(o)) expect.fail(`shares a list with the caller's data: ${before}`);
          } else if (theirs.success && isPlainJson(unit) && !hasTitleData(unit)) {
            expect.fail(`left plain valid data to zod: ${before}`);
          }
        }),
        { numRuns: 1500, seed: 1234 },
      );
      expect(accepted).toBeGreaterThan(200);
    });
  }

  it("leaves unusual objects to zod, or treats them as zod does", () => {
    const inputs = specs[2]![1];
    const fast = compileDataCheck(inputs);
    const zod = dataSchema(inputs);
    class Person {
      name = "x";
    }
    const hidden = { name: "y" };
    Object.defineProperty(hidden, "sick", { value: "not a boolean", enumerable: false });
    const inherited = Object.create({ sick: true }) as Record<string, unknown>;
    const getter = {
      get name() {
        return "z";
      },
    };
    const weird: unknown[] = [
      { person: new Person() },
      { person: Object.assign(Object.create(null) as object, { name: "n" }) },
      { person: hidden },
      { person: inherited },
      { person: getter },
      Object.create(null),
      { scores: Object.assign([1, 2], { extra: 1 }) },
      { scores: [1, , 3] },
      { scores: [1, undefined] },
      { flag: undefined, count: undefined, word: undefined },
      JSON.parse('{"__proto__": {"flag": true}}'),
      JSON.parse('{"person": {"__proto__": null}}'),
      { person: { toString: "x" } },
      { ratio: -0 },
      { day: new Date("2021-01-01") },
    ];
    for (const unit of weird) {
      const theirs = zod.safeParse(unit);
      const mine = fast(unit);
      if (mine !== undefined) {
        expect(theirs.success).toBe(true);
        expect(mine).toStrictEqual(theirs.data);
      }
    }
  });

  it("accepts and rejects very long lists and texts as zod does", () => {
    const inputs: Inputs = {
      list: { type: "array", items: { type: "object", ...d("item"), fields: { a: { type: "boolean", ...d("a") } } }, ...d("list") },
      text: { type: "string", ...d("text") },
      nums: { type: "array", items: { type: "integer", ...d("n") }, ...d("nums") },
    };
    const fast = compileDataCheck(inputs);
    const zod = dataSchema(inputs);
    for (const unit of [
      { list: Array.from({ length: 200_000 }, (_, i) => ({ a: i % 2 === 0 })) },
      { text: "x".repeat(2_000_000) },
      { nums: Array.from({ length: 500_000 }, (_, i) => i) },
    ]) {
      const mine = fast(unit);
      const theirs = zod.safeParse(unit);
      expect(mine !== undefined).toBe(theirs.success);
      if (mine !== undefined) expect(mine).toStrictEqual(theirs.data);
    }
  });

  it("applies the configured data limits and refuses control characters, as zod does", () => {
    const inputs: Inputs = {
      list: { type: "array", items: { type: "integer", ...d("n") }, ...d("list") },
      text: { type: "string", ...d("text") },
      nested: { type: "array", items: { type: "object", ...d("item"), fields: { name: { type: "string", ...d("name") } } }, ...d("nested") },
    };
    const limits = { maxArrayLength: 3, maxStringLength: 5 };
    const fast = compileDataCheck(inputs, limits);
    const zod = dataSchema(inputs, limits);
    for (const unit of [
      { list: [1, 2, 3] },
      { list: [1, 2, 3, 4] },
      { text: "abcde" },
      { text: "abcdef" },
      { text: "a\u001bb" },
      { text: "tab\tok" },
      { text: "bidi\u202e" },
      { nested: [{ name: "ok" }, { name: "x\u0007" }] },
      { nested: [{ name: "toolong" }] },
    ]) {
      const mine = fast(unit);
      const theirs = zod.safeParse(unit);
      expect(mine !== undefined, JSON.stringify(unit)).toBe(theirs.success);
      if (mine !== undefined) expect(mine).toStrictEqual(theirs.data);
    }
  });

  it("gives the same object met twice the paths of two records, as zod's copy does", () => {
    const set = loadCriteriaSet(
      makeSet({
        criteria: [{ id: "1", title: text("1"), points: 100, rule: { shareAtLeast: [100, { var: "members" }, { var: "ok" }] } }],
      }),
    );
    const member = { age: 10 };
    const aliased = { members: [member, member] };
    const checked = compileDataCheck(set.definition.inputs)(aliased) as { members: object[] };
    expect(checked).toStrictEqual(dataSchema(set.definition.inputs).parse(aliased));
    const r = evaluate(set, aliased, { explain: false });
    // Each occurrence keeps its own path, as with two distinct records.
    expect(r.criteria[0]!.missing).toEqual(["members[0].ok", "members[1].ok"]);
    for (const explain of [false, true]) {
      expect(JSON.stringify(evaluate(set, aliased, { explain }))).toBe(JSON.stringify(evaluate(set, structuredClone(aliased), { explain })));
    }
    const found = { members: [{ age: 10, ok: true }] };
    found.members.push(found.members[0]!);
    const all = evaluate(set, found);
    expect(all.criteria[0]!.values).toEqual({ members: { length: 2 }, "members[0].ok": true, "members[1].ok": true });
    expect(JSON.stringify(all)).toBe(JSON.stringify(evaluate(set, structuredClone(found))));
  });
});

describe("the quick NFC test", () => {
  it("scans a text as the control-character pattern and NFC judge it, for every character", () => {
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      for (const s of [ch, `a${ch}`, `${ch}e\u0301`]) {
        const want = CONTROL_CHARACTER.test(s) ? 2 : s.normalize("NFC") === s ? 0 : 1;
        const got = scanTextForTest(s);
        // 1 may be answered for a text already in NFC: it is then normalised for nothing.
        if (got !== want && !(got === 1 && want === 0)) expect.fail(`U+${c.toString(16)} in ${JSON.stringify(s)}: ${got}, expected ${want}`);
      }
    }
  });

  it("is right for every character it trusts, alone and in pairs", () => {
    const trusted: string[] = [];
    for (let c = 0; c < 0x300; c++) trusted.push(String.fromCharCode(c));
    for (let c = 0x1ea0; c <= 0x1ef9; c++) trusted.push(String.fromCharCode(c));
    for (const a of trusted) {
      expect(a.normalize("NFC")).toBe(a);
      for (const b of trusted) if ((a + b).normalize("NFC") !== a + b) expect.fail(`U+${a.charCodeAt(0).toString(16)} U+${b.charCodeAt(0).toString(16)}`);
    }
  });

  it("normalises everything else", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 12 }), (s) => {
        expect(nfcForTest(s)).toBe(s.normalize("NFC"));
      }),
      { numRuns: 3000, seed: 5 },
    );
    for (const s of ["Nguye\u0303n", "e\u0301", "\u1e9b\u0323", "\ud800", "Tốt", "Nguyễn Văn An"]) expect(nfcForTest(s)).toBe(s.normalize("NFC"));
  });
});
