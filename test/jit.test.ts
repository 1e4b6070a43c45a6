/**
 * The opt-in JIT: `useJit(loadCriteriaSet(json))` makes the set's generated module with `new Function`
 * when the set has no prebuilt module and the environment allows code from strings (`allowsEval`, probed once);
 * the quiet results are the closure evaluator's, byte for byte, on every shipped set. Where code from strings is
 * forbidden (`node --disallow-code-generation-from-strings`, as under a CSP without 'unsafe-eval'), the set
 * keeps the closures, with the same results. Off unless asked.
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { registry } from "../src/criteria/index.js";
import { programOf } from "../src/evaluate/program.js";

/** The module attached to a set (whatever the fast-path switch says). */
const generatedOf = (set: LoadedSet) => programOf(set).generated;

import { allowsEval, type LoadedSet, loadCriteriaSet, useJit } from "../src/index.js";
import { generateUnits } from "../src/testing/units.js";
import { quietOutcome, ROOT, readJson, shippedSets } from "./helpers.js";

const quiet = (set: LoadedSet, u: unknown): string => quietOutcome(set, u);

describe("useJit (jit: true)", () => {
  it("is off unless asked", () => {
    expect(allowsEval()).toBe(true);
    expect(generatedOf(loadCriteriaSet(readJson("criteria/gia-dinh-hoc-tap/2016.1.0.json")))).toBeUndefined();
  });

  for (const rel of shippedSets())
    it(`${rel}: a module made at run time, the closure evaluator's quiet results`, { timeout: 60_000 }, () => {
      const jit = useJit(loadCriteriaSet(readJson(rel)));
      const closures = loadCriteriaSet(readJson(rel));
      expect(generatedOf(jit)).toBeDefined();
      for (const u of generateUnits(closures, 60, { seed: `jit-${rel}`, listLength: [0, 4], fail: 0.3, missing: 0.1 }))
        expect(quiet(jit, u)).toBe(quiet(closures, u));
    });

  it("a bundled set keeps its prebuilt module", () => {
    const set = registry().sets[0]!;
    const before = generatedOf(set);
    expect(before).toBeDefined();
    expect(generatedOf(useJit(set))).toBe(before);
  });

  it("where code from strings is forbidden (node --disallow-code-generation-from-strings), the closures decide, the same results", { timeout: 120_000 }, () => {
    const script = `
      const lib = require(${JSON.stringify(join(ROOT, "dist/index.cjs"))});
      const testing = require(${JSON.stringify(join(ROOT, "dist/testing.cjs"))});
      const json = JSON.parse(require("node:fs").readFileSync(${JSON.stringify(join(ROOT, "criteria/don-vi-hoc-tap/2024.1.0.json"))}, "utf8"));
      const set = lib.useJit(lib.loadCriteriaSet(json));
      const units = [...testing.generateUnits(lib.loadCriteriaSet(json), 80, { seed: "csp", fail: 0.3 })];
      const quiet = (u) => { try { return lib.evaluate(set, u, { explain: false }); } catch (e) { return e.name + ": " + e.message; } };
      process.stdout.write(JSON.stringify({ allows: lib.allowsEval(), out: units.map(quiet) }));`;
    const run = (flags: string[]) => JSON.parse(execFileSync(process.execPath, [...flags, "-e", script], { encoding: "utf8", maxBuffer: 1 << 28 }));
    const forbidden = run(["--disallow-code-generation-from-strings"]);
    const allowed = run([]);
    expect(forbidden.allows).toBe(false);
    expect(allowed.allows).toBe(true);
    expect(JSON.stringify(forbidden.out)).toBe(JSON.stringify(allowed.out));
  });
});
