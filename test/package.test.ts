import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
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

  it("shares one copy of the error classes between tieuchi and tieuchi/node, in ESM and in CommonJS", async () => {
    const require = createRequire(import.meta.url);
    const bad = join(mkdtempSync(join(tmpdir(), "tieuchi-pkg-")), "bad.json");
    writeFileSync(bad, "{x");
    const pairs = [
      [await import(pathToFileURL(join(ROOT, "dist/index.js")).href), await import(pathToFileURL(join(ROOT, "dist/node.js")).href)],
      [require(join(ROOT, "dist/index.cjs")), require(join(ROOT, "dist/node.cjs"))],
    ];
    for (const [lib, node] of pairs) {
      let caught: unknown;
      try {
        node.readJsonFile(bad);
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(lib.JsonParseError);
      expect(caught).toBeInstanceOf(lib.TieuchiError);
      expect(lib.isLoadedSet(node.loadCriteriaFile(join(ROOT, "criteria/don-vi-hoc-tap/2020.1.0.json")))).toBe(true);
    }
  });

  it("ships no eval, new Function or other code generation but the opt-in JIT's (it runs under a strict Content-Security-Policy)", () => {
    // Each pattern with what it must catch (so a typo cannot make the scan vacuous).
    const forbidden: [string, RegExp, string[]][] = [
      ["eval(", /\beval\s*\(/, ["eval(code)", "x=eval (y)"]],
      [
        "indirect eval",
        /\(\s*\d+\s*,\s*eval\s*\)|\b(globalThis|window|self|global)\s*(\.\s*eval\b|\[\s*["'`]eval)/,
        ["(0, eval)(code)", "globalThis.eval", 'window["eval"]'],
      ],
      ["new Function", /\bnew\s+Function\b/, ["new Function", "new  Function(a)"]],
      ["Function(...)", /(^|[^.\w$])Function\s*\(/m, ['x = Function("a", b)', "Function()"]],
      ["Function as a value", /[=(,:[]\s*Function\s*[;,)\]}]/, ["const F = Function;", "f(Function)", "[Function]", "{ f: Function }"]],
      ["constructor of a function", /\bconstructor\s*\(\s*["'`]|\.constructor\s*\.\s*constructor\b/, ['"".constructor("x")', "a.constructor.constructor"]],
      ["timer with a string", /\bset(Timeout|Interval|Immediate)\s*\(\s*["'`]/, ["setTimeout('x()', 1)", 'setInterval("y")']],
      ["node:vm", /\bfrom\s*["'](node:)?vm["']|require\(\s*["'](node:)?vm["']\s*\)/, ['from "node:vm"', "require('vm')"]],
      ["WebAssembly", /\bWebAssembly\b/, ["WebAssembly.compile(b)"]],
    ];
    for (const [what, re, samples] of forbidden) for (const sample of samples) expect(re.test(sample), `${what}: ${sample}`).toBe(true);
    for (const ok of ["evaluate(set)", "tieuchi eval <set.json>", "(eval)", "isFunction(x)", "typeof f === 'function'", "this.constructor.name"])
      expect(
        forbidden.some(([, re]) => re.test(ok)),
        ok,
      ).toBe(false);
    const shipped = readdirSync(join(ROOT, "dist"))
      .filter((f) => /\.(c|m)?js$/.test(f))
      .map((f) => join("dist", f));
    const source = (dir: string): string[] =>
      readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? source(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
      );
    expect(shipped.length).toBeGreaterThan(4);
    // The one exception: the opt-in JIT (useJit, docs/security.md), which takes
    // Function as a value twice in src/evaluate/jit.ts (the probe and the module), and so in one file of each build.
    const JIT = "src/evaluate/jit.ts";
    const uses = (text: string) => [...text.matchAll(/[=(,:[]\s*Function\s*[;,)\]}]/g)].length;
    expect(uses(readFileSync(join(ROOT, JIT), "utf8"))).toBe(2);
    for (const ext of [".js", ".cjs"]) {
      const files = shipped.filter((f) => f.endsWith(ext) && uses(readFileSync(join(ROOT, f), "utf8")) > 0);
      expect(files, `the JIT in the ${ext} build`).toHaveLength(1);
      expect(uses(readFileSync(join(ROOT, files[0]!), "utf8"))).toBe(2);
    }
    for (const f of [...shipped, ...source("src")]) {
      const text = readFileSync(join(ROOT, f), "utf8");
      for (const [what, re] of forbidden) {
        if (what === "Function as a value" && (f === JIT || f.startsWith("dist/"))) continue;
        expect(re.test(text), `${what} in ${f}`).toBe(false);
      }
    }
  });

  it("evaluates with code generation from strings disabled, as under a CSP without 'unsafe-eval' (zod falls back to its interpreter)", () => {
    const script = `
      const lib = require(${JSON.stringify(join(ROOT, "dist/index.cjs"))});
      const fs = require("node:fs");
      let blocked = false;
      try { new Function("return 1"); } catch (e) { blocked = e instanceof EvalError; }
      const set = lib.loadCriteriaSet(JSON.parse(fs.readFileSync(${JSON.stringify(join(ROOT, "test/fixtures/all-operators.json"))}, "utf8")));
      const units = JSON.parse(fs.readFileSync(${JSON.stringify(join(ROOT, "test/fixtures/all-operators.units.json"))}, "utf8"));
      const out = [];
      for (const engine of lib.ENGINE_NAMES) for (const u of units) out.push(lib.evaluate(set, u, { engine }));
      process.stdout.write(JSON.stringify({ blocked, out }));`;
    const run = (flags: string[]) => JSON.parse(execFileSync(process.execPath, [...flags, "-e", script], { encoding: "utf8" }));
    const csp = run(["--disallow-code-generation-from-strings"]);
    expect(csp.blocked).toBe(true);
    expect(csp.out).toEqual(run([]).out);
    const cli = execFileSync(
      process.execPath,
      [
        "--disallow-code-generation-from-strings",
        join(ROOT, "dist/cli.js"),
        "eval",
        join(ROOT, "criteria/don-vi-hoc-tap/2020.1.0.json"),
        join(ROOT, "docs/examples/don-vi-hoc-tap/phong-gd-huyen-mau.json"),
        "--json",
      ],
      { encoding: "utf8" },
    );
    expect(JSON.parse(cli).verdict).toBe("pass");
  });

  it("keeps zod out of the bundle and json-logic-js in it, as a private copy", () => {
    // Both builds share chunks between entries (one copy of the code, and of the error classes, for tieuchi,
    // tieuchi/node and tieuchi/testing), so look at everything each build wrote.
    const esm = readdirSync(join(ROOT, "dist")).filter((f) => f.endsWith(".js"));
    const all = esm.map((f) => readFileSync(join(ROOT, "dist", f), "utf8")).join("\n");
    expect(all).toMatch(/from ["']zod["']/);
    expect(all).not.toMatch(/from ["']json-logic-js["']/);
    expect(all).toContain("Unrecognized operation");
    const cjs = readdirSync(join(ROOT, "dist"))
      .filter((f) => f.endsWith(".cjs"))
      .map((f) => readFileSync(join(ROOT, "dist", f), "utf8"))
      .join("\n");
    expect(cjs).toMatch(/require\(["']zod["']\)/);
    expect(cjs).not.toMatch(/require\(["']json-logic-js["']\)/);
    expect(cjs).toContain("Unrecognized operation");
  });
});
