/**
 * Generated evaluators (`generate/module.ts`, loaded as static ES modules) against the closure evaluator and
 * json-logic-js: whole quiet results byte for byte (or the same error), on every shipped set the generator
 * covers and on random sets with random data; complete data takes the generated path, unusual data (absent,
 * null, wrong types, texts to normalise, unknown keys, getters' absence aside) is handed back and still gives
 * the same result. `decide` (the statuses-and-points form) answers what `evaluate`'s result says, on the module
 * and on closures. A module refuses another set.
 */
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { GeneratedModule } from "../../src/evaluate/generated.js";
import { decide, evaluate, generateModule, type LoadedSet, loadCriteriaSet, notGenerated, OptionsError, type Result, useGenerated } from "../../src/index.js";
import type { InputSpec, Inputs } from "../../src/schema/inputs.js";
import { generateUnits } from "../../src/testing/units.js";
import { outsideFamilies } from "../bench/outside.js";
import { dataFor, model, setFor } from "../fuzz/arbitraries.js";
import { params, TIMEOUT } from "../fuzz/config.js";
import { quietOutcome, ROOT, random, readJson, recordsIn, shippedSets } from "../helpers.js";

const dir = mkdtempSync(join(tmpdir(), "tieuchi-generated-"));
let files = 0;

/** The set's module, written to a file and imported (as an app or the CLI loads it). */
async function moduleOf(loaded: LoadedSet): Promise<GeneratedModule> {
  const file = join(dir, `m${files++}.mjs`);
  writeFileSync(file, generateModule(loaded));
  return (await import(pathToFileURL(file).href)) as GeneratedModule;
}

/** A quiet result as JSON (the evaluator's name left out), or the error's class and message. */
const outcome = (set: LoadedSet, data: unknown, engine: "compiled" | "json-logic-js" = "compiled"): string =>
  quietOutcome(set, data, { engine }).replace('"evaluator":"json-logic-js"', '"evaluator":"compiled"');

/** `decide`'s answer as JSON, or the error's class and message. */
function decision(set: LoadedSet, data: unknown): string {
  try {
    return JSON.stringify(decide(set, data));
  } catch (e) {
    return `${(e as Error).name}: ${(e as Error).message}`;
  }
}

/** What `decide` must answer: the quiet result of `evaluate`, read (or its error). */
function decisionOfResult(set: LoadedSet, data: unknown): string {
  try {
    const r = evaluate(set, data, { explain: false });
    return JSON.stringify({
      verdict: r.verdict,
      grade: r.grade?.id ?? null,
      earned: r.points?.earned ?? null,
      possible: r.points?.possible ?? null,
      applicableMax: r.points?.applicableMax ?? null,
      statuses: r.criteria.map((c) => c.status),
      gradeFinal: r.gradeFinal,
    });
  } catch (e) {
    return `${(e as Error).name}: ${(e as Error).message}`;
  }
}

const SHIPPED = shippedSets();

/** Unusual variations of a unit: a field absent, null, of another type, a text to normalise or with a control character, an unknown key. */
function variations(data: Record<string, unknown>, rnd: () => number): unknown[] {
  const out: unknown[] = [];
  const weird: unknown[] = [null, undefined, "x", -1, 1.5, 1e300, true, [], {}, "e\u0301", "a\u202eb", "\u0000", "", 2 ** 53];
  for (let k = 0; k < 8; k++) {
    const copy = structuredClone(data);
    const records = recordsIn(copy);
    const r = records[Math.floor(rnd() * records.length)]!;
    const keys = Object.keys(r);
    if (keys.length === 0 || rnd() < 0.1) r[`extra${k}`] = 1;
    else {
      const key = keys[Math.floor(rnd() * keys.length)]!;
      if (rnd() < 0.3) delete r[key];
      else r[key] = weird[Math.floor(rnd() * weird.length)];
    }
    out.push(copy);
  }
  out.push(JSON.parse(`{"__proto__": {"x": 1}, ${JSON.stringify(data).slice(1)}`));
  return out;
}

describe("generated evaluators, shipped sets", () => {
  it("cover every shipped set, titles held at levels included", () => {
    const refused = SHIPPED.map((rel) => [rel, notGenerated(loadCriteriaSet(readJson(rel)))] as const).filter(([, why]) => why !== undefined);
    expect(refused).toEqual([]);
  });

  for (const rel of [...SHIPPED, "test/bench/family-set.json"])
    it(`${rel}: the same results as the closure evaluator and json-logic-js, complete data on the generated path`, { timeout: 300_000 }, async () => {
      const reference = loadCriteriaSet(readJson(rel));
      if (notGenerated(reference) !== undefined) return;
      const mod = await moduleOf(reference);
      const generated = useGenerated(loadCriteriaSet(readJson(rel)), mod);
      const out = new Int32Array(3 * reference.definition.criteria.length);
      const rnd = random(rel.length);
      let fast = 0;
      let complete = 0;
      let n = 0;
      // Generated units, and the units of the set's case files (hand-written: complete where generated ones are not).
      const cases = [".cases.json", ".boundaries.cases.json"].flatMap((ext) => {
        const file = join(ROOT, rel.replace(/\.json$/, ext));
        return existsSync(file) ? (readJson(file.slice(ROOT.length + 1)) as { cases: Array<{ data: Record<string, unknown> }> }).cases.map((c) => c.data) : [];
      });
      for (const data of [...generateUnits(reference, 120, { seed: `gen-${rel}`, listLength: [0, 5], fail: 0.3, missing: 0.15 }), ...cases]) {
        const units = [data, ...variations(data, rnd)];
        for (const u of units) {
          n++;
          const want = outcome(reference, u);
          expect(outcome(generated, u)).toBe(want);
          // decide, on the module and on closures: evaluate's result read.
          const decided = decisionOfResult(reference, u);
          expect(decision(generated, u)).toBe(decided);
          expect(decision(reference, u)).toBe(decided);
          if (n % 5 === 0) expect(outcome(reference, u, "json-logic-js")).toBe(want);
        }
        let r: Result;
        try {
          r = evaluate(reference, data, { explain: false });
        } catch {
          continue;
        }
        if (r.criteria.every((c) => (c.status !== "missing" || c.reason === "not-encoded") && c.status !== "error")) {
          complete++;
          if (mod.run(data, out)) fast++;
        }
      }
      // Generated units with nothing missing take the generated path (but those whose data the generator hands back on purpose).
      expect(complete).toBeGreaterThan(0);
      expect(fast).toBeGreaterThan(complete * 0.5);
    });

  it("the outside workload: every family on the generated path, results equal", { timeout: 300_000 }, async () => {
    const json = readJson("test/bench/family-set.json");
    const reference = loadCriteriaSet(json);
    const mod = await moduleOf(reference);
    const generated = useGenerated(loadCriteriaSet(json), mod);
    const out = new Int32Array(3 * reference.definition.criteria.length);
    for (const f of outsideFamilies(3000, 99)) {
      expect(mod.run(f, out)).toBe(true);
      expect(outcome(generated, f)).toBe(outcome(reference, f));
      expect(decision(generated, f)).toBe(decisionOfResult(reference, f));
    }
  });

  it("every operator (the all-operators fixture, sum included) on the generated path: the same results", { timeout: 300_000 }, async () => {
    const json = readJson("test/fixtures/all-operators.json");
    const reference = loadCriteriaSet(json);
    expect(notGenerated(reference)).toBeUndefined();
    const mod = await moduleOf(reference);
    const generated = useGenerated(loadCriteriaSet(json), mod);
    const out = new Int32Array(3 * reference.definition.criteria.length);
    const sumAt = reference.definition.criteria.findIndex((c) => c.id === "sum");
    const units = [
      ...(readJson("test/fixtures/all-operators.units.json") as unknown[]),
      ...generateUnits(reference, 200, { seed: "gen-all-operators", listLength: [0, 5], fail: 0.3, missing: 0.1 }),
    ];
    const sumOutcomes = new Set<number>();
    for (const u of units) {
      expect(outcome(generated, u)).toBe(outcome(reference, u));
      if (mod.run(u, out)) sumOutcomes.add(out[3 * sumAt]!);
    }
    // The sum criterion is decided by generated code both ways (0: pass, 1: fail).
    expect([...sumOutcomes].sort()).toEqual([0, 1]);
  });

  it("a derived value that may be null is read as absent, as the general evaluator reads it (fuzz seed -1244968835)", async () => {
    const json = {
      ...(readJson("test/fixtures/all-operators.json") as Record<string, unknown>),
      inputs: { n: { type: "integer", description: { vi: "n", en: "n" }, min: 0, max: 100 } },
      derived: {
        nothing: { description: { vi: "d", en: "d" }, rule: { if: [{ if: [false, false] }] } },
        either: { description: { vi: "e", en: "e" }, rule: { and: [{ var: "n" }, { if: [false, 1] }] } },
      },
      groups: [],
      criteria: [
        { id: "a", title: { vi: "a", en: "a" }, applies: { var: "nothing" }, points: 1, rule: true },
        { id: "b", title: { vi: "b", en: "b" }, points: 1, rule: { "!": { var: "either" } } },
      ],
      decision: { method: "points", maxPoints: 2, passMark: 1, grades: [], notApplicable: "award" },
    };
    const reference = loadCriteriaSet(json);
    expect(notGenerated(reference)).toBeUndefined();
    const generated = useGenerated(loadCriteriaSet(json), await moduleOf(reference));
    for (const n of [0, 1, 5]) expect(outcome(generated, { n })).toBe(outcome(reference, { n }));
    expect(evaluate(reference, { n: 1 }, { explain: false }).criteria.map((c) => c.status)).toEqual(["missing", "missing"]);
  });

  it("titles held at levels, in every form they are given: the same results, the usual forms on the generated path", { timeout: 300_000 }, async () => {
    // Every value a title held at levels may take, and some it may not: false, each level id, records of levels
    // (held, not held, unknown, absent; out of order), and what the general check refuses.
    const forms = (levels: readonly string[]): unknown[] => {
      const out: unknown[] = [false, true, null, "", "x", levels[0]!.toUpperCase(), {}, [], { data: {} }, { [levels[0]!]: "yes" }, { other: true }];
      out.push(...levels);
      const values = [true, false, null, undefined];
      const records = (i: number): Record<string, unknown>[] =>
        i === levels.length ? [{}] : records(i + 1).flatMap((r) => values.map((v) => (v === undefined ? { ...r } : { [levels[i]!]: v, ...r })));
      out.push(...records(0));
      return out;
    };
    let onPath = 0;
    let tried = 0;
    for (const rel of SHIPPED) {
      const reference = loadCriteriaSet(readJson(rel));
      const titles = Object.entries(reference.definition.inputs).filter(([, spec]) => spec.type === "title" && spec.levels !== undefined) as [
        string,
        InputSpec & { type: "title" },
      ][];
      const lists = Object.entries(reference.definition.inputs).flatMap(([name, spec]) =>
        spec.type === "array" && spec.items.type === "object"
          ? Object.entries(spec.items.fields)
              .filter(([, f]) => f.type === "title" && f.levels !== undefined)
              .map(([field, f]) => [name, field, f] as [string, string, InputSpec & { type: "title" }])
          : [],
      );
      if (titles.length === 0 && lists.length === 0) continue;
      const mod = await moduleOf(reference);
      const generated = useGenerated(loadCriteriaSet(readJson(rel)), mod);
      const out = new Int32Array(3 * reference.definition.criteria.length);
      const file = join(ROOT, rel.replace(/\.json$/, ".cases.json"));
      const units = (readJson(file.slice(ROOT.length + 1)) as { cases: Array<{ data: Record<string, unknown> }> }).cases.map((c) => c.data).slice(0, 4);
      for (const unit of units) {
        const check = (u: unknown) => {
          tried++;
          expect(outcome(generated, u), rel).toBe(outcome(reference, u));
          if (mod.run(u, out)) onPath++;
        };
        for (const [name, spec] of titles)
          for (const v of forms(spec.levels!)) {
            const u = structuredClone(unit);
            u[name] = v;
            check(u);
          }
        for (const [name, field, spec] of lists) {
          const list = unit[name];
          if (!Array.isArray(list) || list.length === 0) continue;
          for (const v of forms(spec.levels!)) {
            const u = structuredClone(unit);
            ((u[name] as Record<string, unknown>[])[0] as Record<string, unknown>)[field] = v;
            check(u);
          }
        }
      }
    }
    expect(tried).toBeGreaterThan(500);
    expect(onPath).toBeGreaterThan(tried / 10);
  });

  it("a module refuses another set, another version and a set changed since", async () => {
    const a = loadCriteriaSet(readJson("test/bench/family-set.json"));
    const mod = await moduleOf(a);
    const other = loadCriteriaSet(readJson("criteria/don-vi-hoc-tap/2020.1.0.json"));
    expect(() => useGenerated(other, mod)).toThrow(OptionsError);
    const changed = readJson("test/bench/family-set.json") as { criteria: Array<{ title: { vi: string } }> };
    changed.criteria[0]!.title.vi += " (sửa)";
    expect(() => useGenerated(loadCriteriaSet(changed), mod)).toThrow(/generate it again|sinh lại/);
    expect(() => useGenerated(a, { format: "x" })).toThrow(OptionsError);
    expect(() => useGenerated(a, mod)).not.toThrow();
  });
});

/** Data of the right type for every declared field (lists of 0 to 4 records). */
function completeFor(inputs: Inputs): fc.Arbitrary<Record<string, unknown>> {
  const value = (spec: InputSpec): fc.Arbitrary<unknown> => {
    switch (spec.type) {
      case "boolean":
      case "title":
        return fc.boolean();
      case "integer":
        return fc.integer({ min: spec.min ?? -5, max: spec.max ?? 60 });
      case "number":
        return fc.double({ min: spec.min ?? 0, max: spec.max ?? 100, noNaN: true, noDefaultInfinity: true });
      case "string":
        return spec.enum ? fc.constantFrom(...spec.enum) : fc.string({ maxLength: 8 });
      case "date":
        return fc.constantFrom("2009-12-31", "2010-01-01", "2024-06-30", "2024-07-01");
      case "object":
        return completeFor(spec.fields);
      case "array":
        return fc.array(value(spec.items), { maxLength: 4 });
    }
  };
  return fc.record(
    Object.fromEntries(
      Object.entries(inputs).map(([k, s]) => [k, "default" in s && s.default !== undefined ? fc.option(value(s), { nil: undefined }) : value(s)]),
    ),
  );
}

describe("generated evaluators, random sets (fuzz)", () => {
  it("give every random set's results byte for byte, on complete and on random data", { timeout: TIMEOUT }, async () => {
    let generatedSets = 0;
    let fastUnits = 0;
    await fc.assert(
      fc.asyncProperty(
        model.chain((m) => fc.tuple(setFor(m), fc.array(dataFor(m), { maxLength: 6 }))),
        fc.context(),
        async ([json, randomData], ctx) => {
          let reference: LoadedSet;
          try {
            reference = loadCriteriaSet(json);
          } catch {
            return;
          }
          if (notGenerated(reference) !== undefined) return;
          generatedSets++;
          const mod = await moduleOf(reference);
          const generated = useGenerated(loadCriteriaSet(json), mod);
          const complete = fc.sample(completeFor(reference.definition.inputs), { numRuns: 8, seed: generatedSets });
          const out = new Int32Array(3 * reference.definition.criteria.length);
          for (const data of [...complete, ...randomData]) {
            ctx.log(JSON.stringify(data));
            const want = outcome(reference, data);
            expect(outcome(generated, data)).toBe(want);
            expect(outcome(reference, data, "json-logic-js")).toBe(want);
            expect(decision(generated, data)).toBe(decisionOfResult(reference, data));
            if (mod.run(data, out)) fastUnits++;
          }
        },
      ),
      params(0.5),
    );
    expect(generatedSets).toBeGreaterThan(0);
    expect(fastUnits).toBeGreaterThan(0);
  });
});
