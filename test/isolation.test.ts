/**
 * Isolation from the host application. The published build bundles a private json-logic-js: the host's
 * operators (even overrides of "==" or "var") never change a verdict, tieuchi's `tc:` operators never
 * appear in the host's json-logic-js, and evaluating changes no global state. These run the BUILT files
 * (dist/index.js and dist/index.cjs) in fresh Node processes that import the host's json-logic-js.
 * Sets loaded with different options and evaluated side by side do not interfere.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ENGINE_NAMES, evaluate, loadCriteriaSet, Result, type EngineName, type LoadedSet, type SetResolver } from "../src/index.js";
import { familiesInput, familySet, makeSet, readJson, ROOT, text } from "./helpers.js";

interface HostReport {
  engines: string[];
  results: Record<string, string>;
  hostKnewTieuchiOps: { atStart: string[]; afterTieuchiRan?: string[] };
  hostStillCustom: boolean;
  changedByLoading: string[];
  newGlobalsByLoading: string[];
  changedByEvaluating: string[];
}

function host(format: "esm" | "cjs", order: "clean" | "host-first" | "tieuchi-first"): HostReport {
  const out = execFileSync(process.execPath, [join(ROOT, "test/isolation/host-app.mjs"), format, order], { encoding: "utf8", cwd: ROOT, maxBuffer: 1 << 28 });
  return JSON.parse(out) as HostReport;
}

/** What zod itself defines on globalThis when first imported (shared by every copy of zod in a process). */
const ZOD_GLOBALS = ["__zod_globalConfig", "__zod_globalRegistry"];

describe("isolation of the published build from the host's json-logic-js", () => {
  for (const format of ["esm", "cjs"] as const) {
    const clean = host(format, "clean");

    it(`${format}: runs every engine the library exposes, and tieuchi adds no operator to the host's json-logic-js`, () => {
      expect(clean.engines).toEqual([...ENGINE_NAMES]);
      // 9 units of 3 sets (default engine, each engine, each quiet), then every case of every set in criteria/.
      const fixtures = Object.keys(clean.results).filter((k) => / #\d+$/.test(k));
      expect(fixtures.length).toBe(9 * (1 + 2 * ENGINE_NAMES.length));
      expect(Object.keys(clean.results).length - fixtures.length).toBeGreaterThan(50 * ENGINE_NAMES.length);
      expect(Object.values(clean.results).filter((r) => r.includes('"verdict":"pass"')).length).toBeGreaterThan(10);
      // Every result the host got, from the built library, matches the published result schema.
      for (const [key, text] of Object.entries(clean.results)) {
        const value = JSON.parse(text) as { error?: string };
        if (value.error === undefined) expect(Result.safeParse(value).success, key).toBe(true);
        else expect(value.error, key).toBe("ERR_UNIT_DATA");
      }
      expect(clean.hostKnewTieuchiOps).toEqual({ atStart: [], afterTieuchiRan: [] });
    });

    for (const order of ["host-first", "tieuchi-first"] as const) {
      // Each runs a host app in a child process over every case of every set: slow on a busy machine.
      it(`${format}, ${order}: the host overriding "==", "var", every standard and every tc: operator changes no result, byte for byte`, {
        timeout: 120_000,
      }, () => {
        const tampered = host(format, order);
        expect(Object.keys(tampered.results)).toEqual(Object.keys(clean.results));
        for (const key of Object.keys(clean.results)) expect(tampered.results[key], key).toBe(clean.results[key]);
        // The host's own customisations are untouched by tieuchi.
        expect(tampered.hostStillCustom).toBe(true);
        if (order === "tieuchi-first") expect(tampered.hostKnewTieuchiOps.afterTieuchiRan).toEqual([]);
      });
    }

    it(`${format}: evaluating changes no global state; loading adds only zod's own globals`, { timeout: 120_000 }, () => {
      for (const report of [clean, host(format, "tieuchi-first")]) {
        expect(report.changedByEvaluating).toEqual([]);
        expect(
          report.newGlobalsByLoading.every((k) => ZOD_GLOBALS.includes(k)),
          report.newGlobalsByLoading.join(","),
        ).toBe(true);
        expect(report.changedByLoading.filter((k) => k !== "globalThis")).toEqual([]);
      }
    });
  }
});

const snapshot = () =>
  [globalThis, Object.prototype, Array.prototype, Function.prototype, String.prototype, Number.prototype, JSON, Math]
    .map((o) => Reflect.ownKeys(o).map(String).sort().join(","))
    .join("|");

describe("isolation between evaluations", () => {
  const allOps = readJson("test/fixtures/all-operators.json");
  const units = readJson("test/fixtures/all-operators.units.json") as unknown[];
  const members = (n: number) => Array.from({ length: n }, (_, i) => ({ age: 20 + i, ok: i % 2 === 0 }));

  for (const engine of ENGINE_NAMES) {
    it(`${engine}: two sets loaded with different options, evaluated interleaved, give what each gives alone`, () => {
      const strict = loadCriteriaSet(allOps, { limits: { maxArrayLength: 3, maxStringLength: 3 } });
      const loose = loadCriteriaSet(allOps);
      const other = loadCriteriaSet(readJson("criteria/don-vi-hoc-tap/2020.1.0.json"));
      const unit = readJson("docs/examples/don-vi-hoc-tap/phong-gd-huyen-mau.json");
      const e = engine as EngineName;
      const alone = {
        loose: units.map((u) => JSON.stringify(evaluate(loadCriteriaSet(allOps), u, { engine: e }))),
        quiet: units.map((u) => JSON.stringify(evaluate(loadCriteriaSet(allOps), u, { engine: e, explain: false, asOf: "2030-01-01" }))),
        other: JSON.stringify(evaluate(loadCriteriaSet(readJson("criteria/don-vi-hoc-tap/2020.1.0.json")), unit, { engine: e })),
      };
      for (let round = 0; round < 3; round++) {
        units.forEach((u, i) => {
          expect(JSON.stringify(evaluate(loose, u, { engine: e }))).toBe(alone.loose[i]);
          expect(() => evaluate(strict, { ...(u as object), s: "abcd", members: members(3) }, { engine: e })).toThrow(/limits\.maxStringLength/);
          expect(() => evaluate(strict, { ...(u as object), s: "abc", members: members(4) }, { engine: e })).toThrow(/limits\.maxArrayLength/);
          expect(JSON.stringify(evaluate(other, unit, { engine: e }))).toBe(alone.other);
          expect(JSON.stringify(evaluate(loose, u, { engine: e, explain: false, asOf: "2030-01-01" }))).toBe(alone.quiet[i]);
          expect(evaluate(strict, { ...(u as object), s: "abc", members: members(3) }, { engine: e }).verdict).toMatch(/pass|fail|incomplete/);
        });
      }
    });

    it(`${engine}: an evaluation started from inside another (a resolver that evaluates) does not disturb the outer one`, () => {
      const family = loadCriteriaSet(familySet());
      const clan = loadCriteriaSet(
        makeSet({
          id: "clan-set",
          inputs: { families: familiesInput(), n: { type: "integer", min: 0, description: text("n") } },
          criteria: [
            { id: "1", title: text("share"), points: 60, rule: { shareAtLeast: [50, { var: "families" }, { var: "learning" }] } },
            { id: "2", title: text("n"), points: 40, rule: { "<": [{ var: "n" }, 5] } },
          ],
        }),
      );
      const nosy: SetResolver = {
        resolve(id: string): LoadedSet {
          // A host resolver doing its own evaluation (with other options) while tieuchi is mid-evaluation.
          evaluate(loadCriteriaSet(allOps), units[2], { engine: engine as EngineName, explain: false });
          if (id !== "family-set") throw new Error(id);
          return family;
        },
      };
      const data = { families: [{ learning: { data: { a: true } } }, { learning: { data: { a: false } } }], n: 3 };
      const plain: SetResolver = { resolve: () => family };
      expect(JSON.stringify(evaluate(clan, data, { engine: engine as EngineName, sets: nosy }))).toBe(
        JSON.stringify(evaluate(clan, data, { engine: engine as EngineName, sets: plain })),
      );
    });
  }

  it("evaluating, on every engine, changes no global state and leaves the inputs as they were", () => {
    const set = loadCriteriaSet(allOps);
    const copy = JSON.stringify(units);
    const before = snapshot();
    for (const engine of ENGINE_NAMES) for (const u of units) evaluate(set, u, { engine: engine as EngineName });
    expect(snapshot()).toBe(before);
    expect(JSON.stringify(units)).toBe(copy);
    expect(allOps).toEqual(JSON.parse(readFileSync(join(ROOT, "test/fixtures/all-operators.json"), "utf8")));
  });

  it("the fixture uses every operator criteria files may use", async () => {
    const { OPERATORS } = await import("../src/index.js");
    const used = new Set<string>();
    const walk = (r: unknown): void => {
      if (Array.isArray(r)) r.forEach(walk);
      else if (r && typeof r === "object")
        for (const [k, v] of Object.entries(r)) {
          used.add(k);
          walk(v);
        }
    };
    walk((allOps as { criteria: unknown }).criteria);
    for (const op of OPERATORS.keys()) expect(used.has(op), op).toBe(true);
  });
});
