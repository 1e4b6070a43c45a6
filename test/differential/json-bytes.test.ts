/**
 * The batch JSON writer against JSON.stringify: the same bytes for any JSON value, and for results with
 * every kind of criterion record (cached or not).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluate, loadCriteriaSet, type Result } from "../../src/index.js";
import { JsonBytes, ResultWriter } from "../../src/node/json-bytes.js";
import { readJson } from "../helpers.js";
import { unitsOf } from "./arbitrary.js";

const decoder = new TextDecoder();

function written(v: unknown, constant: (o: object) => boolean = () => false): string {
  const w = new JsonBytes(constant);
  w.value(v);
  return decoder.decode(w.take());
}

describe("JsonBytes", () => {
  it("writes any JSON value as JSON.stringify does", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(written(v)).toBe(JSON.stringify(v));
      }),
      { numRuns: 2000, seed: 11 },
    );
  });

  it("and the awkward ones: escapes, lone surrogates, -0, NaN, undefined, functions, toJSON", () => {
    const values: unknown[] = [
      "",
      'quote " backslash \\ slash /',
      "\u0000\u0001\b\f\n\r\t\u001f\u007f\u0080",
      "Nguyễn Văn An, Tốt, Khá — 88,9%",
      "\ud800 lone \udfff",
      "😀 emoji",
      -0,
      NaN,
      Infinity,
      1e21,
      5e-324,
      [undefined, () => 1, Symbol("s"), null],
      { a: undefined, b: () => 1, c: Symbol("s"), d: 1, "1": "integer key first", 'quoted"key': true },
      { d: new Date(0), nested: { toJSON: () => "custom" } },
      Object.assign(Object.create({ inherited: 1 }) as object, { own: 2 }),
    ];
    for (const v of values) expect(written(v)).toBe(JSON.stringify(v));
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (s) => {
        expect(written(s)).toBe(JSON.stringify(s));
        expect(written({ [s]: s })).toBe(JSON.stringify({ [s]: s }));
      }),
      { numRuns: 2000, seed: 12 },
    );
  });

  it("copies the bytes of objects it is told never change", () => {
    const title = { vi: "Tiêu đề", en: "Title" };
    const v = { a: title, b: [title, title] };
    const w = new JsonBytes((o) => o === title);
    w.value(v);
    w.value(v);
    expect(decoder.decode(w.take())).toBe(JSON.stringify(v).repeat(2));
  });
});

describe("ResultWriter", () => {
  for (const [name, file] of [
    ["TT 22/2020", "criteria/don-vi-hoc-tap/2020.1.0.json"],
    ["the benchmark family set", "test/bench/family-set.json"],
  ] as const) {
    it(`writes results of ${name} as JSON.stringify does, with and without explanations`, () => {
      const set = loadCriteriaSet(readJson(file));
      const constants = new WeakSet<object>();
      const out = new JsonBytes((o) => constants.has(o));
      const writer = new ResultWriter(out, (o) => constants.has(o));
      let first = true;
      fc.assert(
        fc.property(unitsOf(set.definition.inputs), fc.boolean(), (unit, explain) => {
          let r: Result;
          try {
            r = evaluate(set, unit, { explain });
          } catch {
            return;
          }
          if (first) {
            // Titles and stamps are shared by every result: let the writer keep their bytes.
            for (const c of r.criteria) constants.add(c.title);
            constants.add(r.set);
            constants.add(r.engine);
            first = false;
          }
          writer.result(r);
          expect(decoder.decode(out.take())).toBe(JSON.stringify(r));
        }),
        { numRuns: 400, seed: 13 },
      );
    });
  }
});
