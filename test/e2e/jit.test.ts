/**
 * The opt-in JIT (`useJit(loadCriteriaSet(json))`) in Chromium: under a Content-Security-Policy without
 * 'unsafe-eval' the probe is refused cleanly (the browser reports the attempt; nothing throws) and the set keeps
 * the closure evaluator; with 'unsafe-eval' the set runs its module made by `new Function`. Either way the quiet
 * results are those of the closure evaluator in Node, byte for byte.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { beforeAll, describe, expect, it } from "vitest";
import { evaluate, loadCriteriaSet } from "../../src/index.js";
import { generateUnits } from "../../src/testing/units.js";
import { readJson, ROOT } from "../helpers.js";
import { CHROMIUM, textOfServedPage } from "./browser.js";

const SET = "criteria/gia-dinh-van-hoa/2024.1.0.json";
const AS_OF = "2025-06-01";
const dir = mkdtempSync(join(tmpdir(), "tieuchi-jit-page-"));

/** Opens the page under a script-src; what it computed (whether the set runs a JIT module, its results) and what went wrong. */
async function open(scriptSrc: string): Promise<{ jit: boolean; results: string; problems: string[] }> {
  const { text, problems } = await textOfServedPage(dir, "#out", scriptSrc);
  return { ...(JSON.parse(text || "{}") as { jit: boolean; results: string }), problems };
}

let expected: string;

beforeAll(async () => {
  const set = loadCriteriaSet(readJson(SET));
  const units = [...generateUnits(set, 200, { seed: "jit-page", listLength: [0, 6], fail: 0.3, missing: 0.1 })];
  expected = JSON.stringify(units.map((u) => evaluate(set, u, { explain: false, asOf: AS_OF })));
  writeFileSync(join(dir, "units.json"), JSON.stringify(units));
  writeFileSync(join(dir, "set.json"), readFileSync(join(ROOT, SET)));
  writeFileSync(
    join(dir, "index.html"),
    '<!doctype html><meta charset="utf-8"><title>jit</title><pre id="out"></pre><script type="module" src="app.js"></script>\n',
  );
  writeFileSync(
    join(dir, "main.ts"),
    `import { z } from "zod";
z.config({ jitless: true });
import { evaluate, loadCriteriaSet, useJit } from ${JSON.stringify(join(ROOT, "src/index.ts"))};
import { generatedOf } from ${JSON.stringify(join(ROOT, "src/evaluate/generated.ts"))};
const [json, units] = await Promise.all([fetch("set.json").then((r) => r.json()), fetch("units.json").then((r) => r.json())]);
const set = useJit(loadCriteriaSet(json));
const results = JSON.stringify(units.map((u) => evaluate(set, u, { explain: false, asOf: ${JSON.stringify(AS_OF)} })));
document.querySelector("#out").textContent = JSON.stringify({ jit: generatedOf(set) !== undefined, results });\n`,
  );
  await build({
    entryPoints: [join(dir, "main.ts")],
    outfile: join(dir, "app.js"),
    bundle: true,
    format: "esm",
    platform: "browser",
    nodePaths: [join(ROOT, "node_modules")],
    logLevel: "silent",
  });
}, 120_000);

describe.skipIf(!existsSync(CHROMIUM))("useJit (jit: true) in Chromium", () => {
  it("under script-src 'self' (no 'unsafe-eval'): refused cleanly, the closures decide, the same results", { timeout: 120_000 }, async () => {
    const page = await open("'self'");
    expect(page.jit).toBe(false);
    // The probe's attempt is reported (as zod's is), and nothing else goes wrong: no error, no uncaught exception.
    expect(page.problems.length).toBeGreaterThan(0);
    for (const p of page.problems) expect(p).toMatch(/CSP violation: script-src|unsafe-eval|EvalError|Content Security Policy/);
    expect(page.problems.some((p) => /uncaught/.test(p))).toBe(false);
    expect(page.results).toBe(expected);
  });

  it("with 'unsafe-eval': the set runs its module made at run time, the same results", { timeout: 120_000 }, async () => {
    const page = await open("'self' 'unsafe-eval'");
    expect(page.jit).toBe(true);
    expect(page.problems).toEqual([]);
    expect(page.results).toBe(expected);
  });
});
