/**
 * The batch JSON writer against JSON.stringify: the same bytes for any JSON value, and for results with
 * every kind of criterion record (cached or not).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluate, loadCriteriaSet, useJit, type LoadedSet } from "../../src/index.js";
import { JsonBytes, ResultWriter } from "../../src/node/json-bytes.js";
import { generateUnits } from "../../src/testing/units.js";
import { random, readJson, shippedSets } from "../helpers.js";
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
          let r;
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

  it("writes the results of every shipped set as JSON.stringify does: closures and generated code, quiet and explained, one writer per set", {
    timeout: 180_000,
  }, () => {
    for (const file of shippedSets()) {
      const json = readJson(file);
      const closures = loadCriteriaSet(json);
      const generated = useJit(loadCriteriaSet(json));
      for (const [engine, set] of [
        ["closures", closures],
        ["generated", generated],
      ] as Array<[string, LoadedSet]>) {
        const constants = new WeakSet<object>();
        const out = new JsonBytes((o) => constants.has(o));
        const writer = new ResultWriter(out, (o) => constants.has(o));
        let n = 0;
        for (const unit of generateUnits(set, 60, { seed: `json-bytes-${file}`, listLength: [0, 4], fail: 0.3, missing: 0.2 })) {
          for (const explain of [false, true]) {
            let r;
            try {
              r = evaluate(set, unit, { explain });
            } catch {
              continue;
            }
            if (n++ === 0) for (const c of r.criteria) constants.add(c.title);
            writer.result(r);
            expect(decoder.decode(out.take()), `${file} ${engine} explain=${explain}`).toBe(JSON.stringify(r));
          }
        }
        // Some units are refused (bad data on purpose, sub-units without their sets): enough are written to compare.
        expect(n, file).toBeGreaterThan(20);
      }
    }
  });

  it("never copies a kept text for a record that is not written the same: keys added, taken away, reordered, values changed, toJSON, NaN (fuzz)", () => {
    // Records like a result's, in few forms, so kept texts are met again; each one changed in some small way at random.
    const base = fc.dictionary(fc.constantFrom("id", "status", "points", "missing", "title", "x", "1", "reason"), fc.jsonValue({ maxDepth: 3 }), {
      maxKeys: 6,
    });
    const change = (rnd: () => number, r: Record<string, unknown>): unknown => {
      const c: Record<string, unknown> = { ...r };
      const keys = Object.keys(c);
      const k = keys[Math.floor(rnd() * keys.length)];
      switch (Math.floor(rnd() * 10)) {
        case 0:
          if (k !== undefined) delete c[k];
          return c;
        case 1:
          return { extra: 1, ...c };
        case 2:
          return Object.fromEntries(Object.entries(c).reverse());
        case 3:
          if (k !== undefined) c[k] = rnd() < 0.5 ? undefined : NaN;
          return c;
        case 4:
          if (k !== undefined) c[k] = { nested: c[k], n: Math.floor(rnd() * 3) };
          return c;
        case 5:
          return { ...c, toJSON: () => "replaced" };
        case 6:
          if (k !== undefined) c[k] = [c[k], -0, 1e21];
          return c;
        case 7:
          return Object.assign(Object.create({ inherited: true }) as object, c);
        default:
          return c;
      }
    };
    fc.assert(
      fc.property(fc.array(base, { minLength: 1, maxLength: 4 }), fc.integer(), (forms, seed) => {
        const rnd = random(seed);
        const out = new JsonBytes();
        const writer = new ResultWriter(out, () => false);
        for (let i = 0; i < 30; i++) {
          const pick = () => forms[Math.floor(rnd() * forms.length)]!;
          const r = {
            verdict: "pass",
            groups: [pick(), rnd() < 0.5 ? pick() : change(rnd, pick())],
            criteria: Array.from({ length: 3 }, () => (rnd() < 0.7 ? pick() : change(rnd, pick()))),
          };
          writer.result(r);
          expect(decoder.decode(out.take())).toBe(JSON.stringify(r));
        }
      }),
      { numRuns: 300, seed: 14 },
    );
  });

  it("reads a record once: a getter whose value changes between results is written as it reads each time", () => {
    const state = { status: "pass" };
    const record = {
      id: "1.1",
      get status() {
        return state.status;
      },
    };
    const out = new JsonBytes();
    const writer = new ResultWriter(out, () => false);
    for (const status of ["pass", "fail", "pass", "fail", "fail", "missing", "pass"]) {
      state.status = status;
      const r = { criteria: [record, { ...record }] };
      writer.result(r);
      expect(decoder.decode(out.take())).toBe(JSON.stringify(r));
    }
  });
});
