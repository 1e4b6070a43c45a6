/**
 * The trace's flat log of reads, resolved to paths only when an explanation is built, against the plain
 * definition: in each trace, every place read (base and relative path) kept once where first read, with its
 * last value; then the places' paths merged trace after trace (first read first, last value kept).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type EvalScope, pathIn, readValuesOf, Trace } from "../src/logic/trace.js";

/** The definition, written the plain way (maps, no stamps): what `readValuesOf` must give. */
function expected(logs: ReadonlyArray<ReadonlyArray<readonly [unknown, string, unknown]>>, scope: EvalScope): Array<[string, unknown]> {
  const merged = new Map<string, unknown>();
  for (const log of logs) {
    const places: Array<[unknown, string, unknown]> = [];
    for (const [base, rel, value] of log) {
      const at = places.findIndex(([b, r]) => b === base && r === rel);
      if (at < 0) places.push([base, rel, value]);
      else places[at]![2] = value;
    }
    const byPath = new Map<string, unknown>();
    for (const [base, rel, value] of places) byPath.set(pathIn(scope, base, rel), value);
    for (const [k, v] of byPath) merged.set(k, v);
  }
  return [...merged];
}

function resolved(traces: readonly Trace[], scope: EvalScope): Array<[string, unknown]> {
  const r = readValuesOf(traces, scope);
  return r.paths.map((p, i) => [p, r.values[i]]);
}

/** A unit with records at known paths, one record inside another, and objects that have no path. */
function fixture(): { scope: EvalScope; bases: unknown[] } {
  const inner = { c: 1 };
  const items = [{ a: 1 }, { a: 2 }, { b: inner }];
  const root: Record<string, unknown> = { items, x: 1 };
  const pathOf = new WeakMap<object, string>([
    [items[0]!, "items[0]"],
    [items[1]!, "items[1]"],
    [items[2]!, "items[2]"],
    [inner, "items[2].b"],
  ]);
  const stray1 = { s: 1 };
  const stray2 = { s: 2 };
  return { scope: { root, pathOf, derived: new Map() }, bases: [root, items[0], items[1], items[2], inner, stray1, stray2, 7] };
}

const RELS = ["a", "b", "b.c", "c", "", "x", "items"];

describe("the trace's log of reads", () => {
  it("resolves like the plain definition: places kept once per trace, paths merged across traces (random logs)", () => {
    const { scope, bases } = fixture();
    const read = fc.tuple(fc.nat(bases.length - 1), fc.nat(RELS.length - 1), fc.integer({ min: 1, max: 5 }));
    fc.assert(
      fc.property(fc.array(fc.array(read, { maxLength: 30 }), { maxLength: 4 }), (logs) => {
        const traces = logs.map((log) => {
          const t = new Trace(scope);
          for (const [b, r, v] of log) t.read(bases[b], RELS[r]!, v);
          return t;
        });
        const plain = logs.map((log) => log.map(([b, r, v]) => [bases[b], RELS[r]!, v] as const));
        expect(resolved(traces, scope)).toEqual(expected(plain, scope));
      }),
      { numRuns: 500 },
    );
  });

  it("two places of one trace with one path (records reached two ways, objects without a path) are merged as places first", () => {
    const { scope, bases } = fixture();
    const [, , , item2, inner, stray1, stray2] = bases;
    // `items[2]` + `b.c` and `items[2].b` + `c` are one path: the place read first keeps its last value.
    const t = new Trace(scope);
    t.read(item2, "b.c", 1);
    t.read(inner, "c", 2);
    t.read(item2, "b.c", 3);
    expect(resolved([t], scope)).toEqual([["items[2].b.c", 2]]);
    // Two objects without a path read the same name: `?.s`, as places first.
    const u = new Trace(scope);
    u.read(stray1, "s", 1);
    u.read(stray2, "s", 2);
    u.read(stray1, "s", 3);
    expect(resolved([u], scope)).toEqual([["?.s", 2]]);
  });

  it("folds a long log as it grows (a value read again and again is kept once) and resolves the same", () => {
    const { scope, bases } = fixture();
    const [root, item0, item1] = bases;
    const t = new Trace(scope);
    const plain: Array<readonly [unknown, string, unknown]> = [];
    for (let i = 0; i < 50_000; i++) {
      const read = [
        [item0, "a", i],
        [root, "x", i + 1],
        [item1, "a", -i],
      ][i % 3] as [unknown, string, unknown];
      t.read(read[0], read[1], read[2]);
      plain.push(read);
    }
    expect(t.size).toBeLessThan(3 * 4096 * 2);
    expect(resolved([t], scope)).toEqual(expected([plain], scope));
    expect([...t.reads]).toEqual(expected([plain], scope));
  });

  it("a reused trace starts empty", () => {
    const { scope, bases } = fixture();
    const t = new Trace(scope);
    t.read(bases[1], "a", 1);
    t.read(bases[0], "nothing", null);
    t.measure({ kind: "ratio", op: "atLeast", part: 1, whole: 2, percent: 50, met: true });
    const measures = t.measures;
    t.reset();
    expect(resolved([t], scope)).toEqual([]);
    expect([...t.missing]).toEqual([]);
    expect(t.measures).toEqual([]);
    // The list given out before is left as it was.
    expect(measures).toHaveLength(1);
  });
});
