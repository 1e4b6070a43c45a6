import { existsSync, readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { VERSION } from "../src/index.js";
import { ROOT } from "./helpers.js";

const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));

function targets(node: unknown): string[] {
  if (typeof node === "string") return [node];
  if (node && typeof node === "object") return Object.values(node).flatMap(targets);
  return [];
}

describe("the package", () => {
  it("stamps the version of package.json into results", () => {
    expect(VERSION).toBe(pkg.version);
  });

  it("points every export, type and bin at a built file", () => {
    for (const t of [...targets(pkg.exports), pkg.main, pkg.module, pkg.types, ...Object.values(pkg.bin as Record<string, string>)]) {
      if (t.includes("*")) continue;
      expect(existsSync(join(ROOT, t)), `${t} (run npm run build)`).toBe(true);
    }
  });

  it("loads as ESM and as CommonJS, and evaluates", async () => {
    const esm = await import(pathToFileURL(join(ROOT, "dist/index.js")).href);
    const cjs = createRequire(import.meta.url)(join(ROOT, "dist/index.cjs"));
    const json = JSON.parse(readFileSync(join(ROOT, "criteria/don-vi-hoc-tap/2020.1.0.json"), "utf8"));
    const unit = JSON.parse(readFileSync(join(ROOT, "docs/examples/don-vi-hoc-tap/phong-gd-huyen-mau.json"), "utf8"));
    for (const lib of [esm, cjs]) {
      const r = lib.evaluate(lib.loadCriteriaSet(json), unit);
      expect(r.verdict).toBe("pass");
      expect(r.engine.version).toBe(pkg.version);
    }
    const node = await import(pathToFileURL(join(ROOT, "dist/node.js")).href);
    expect(typeof node.loadCriteriaDir).toBe("function");
  });

  it("ships no eval or new Function (it runs under a strict Content-Security-Policy)", () => {
    const built = readdirSync(join(ROOT, "dist")).filter((f) => /\.(c|m)?js$/.test(f));
    expect(built.length).toBeGreaterThan(0);
    for (const f of built) {
      const text = readFileSync(join(ROOT, "dist", f), "utf8");
      expect(text, f).not.toMatch(/\beval\s*\(|new\s+Function\s*\(|\bFunction\s*\(\s*["'`]/);
    }
  });

  it("keeps zod out of the bundle and json-logic-js in it, as a private copy", () => {
    const text = readFileSync(join(ROOT, "dist/index.js"), "utf8");
    expect(text).toMatch(/from ["']zod["']/);
    // Code shared by the entry points (index, node, the batch worker) sits in chunks next to them.
    const esm = readdirSync(join(ROOT, "dist")).filter((f) => f.endsWith(".js"));
    const all = esm.map((f) => readFileSync(join(ROOT, "dist", f), "utf8")).join("\n");
    expect(all).not.toMatch(/from ["']json-logic-js["']|require\(["']json-logic-js["']\)/);
    expect(all).toContain("Unrecognized operation");
  });
});
