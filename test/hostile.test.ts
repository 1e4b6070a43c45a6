/**
 * The medium and low findings of the outside review of hostile input (issue 14), each reproduced as it was
 * found, then held: message templates, terminal escapes, inputs named like Object.prototype members, and more.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { main } from "../src/cli/main.js";
import { ENGINE_NAMES, evaluate, loadCriteriaSet } from "../src/index.js";
import { makeSet, ROOT, text as t } from "./helpers.js";
import { run } from "./run-cli.js";

function tmpDir(): string {
  return mkdtempSync(join(tmpdir(), "tieuchi-hostile-"));
}

function file(dir: string, name: string, content: unknown): string {
  const f = join(dir, name);
  writeFileSync(f, typeof content === "string" ? content : JSON.stringify(content));
  return f;
}

/** Control characters that would rewrite a terminal (tab and line feed are fine). */
const RAW_CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/;
const ESCAPES = "\u001b[2J\u001b]0;pwned\u0007\u009b31m\u202e\r";

describe("message templates", () => {
  it("a template repeating a long value is cut at 10,000 characters, not a RangeError (it was)", () => {
    const tpl = "{{s}}".repeat(60_000);
    const set = loadCriteriaSet(
      makeSet({
        inputs: { a: { type: "boolean", description: t("a") }, s: { type: "string", description: t("s") } },
        criteria: [{ id: "1", title: t("one"), points: 100, rule: { var: "a" }, explain: { pass: { vi: tpl, en: tpl } } }],
      }),
    );
    for (const engine of ENGINE_NAMES) {
      const r = evaluate(set, { a: true, s: "x".repeat(10_000) }, { engine });
      expect(r.criteria[0]!.message!.vi.length).toBe(10_001);
      expect(r.criteria[0]!.message!.en.endsWith("…")).toBe(true);
    }
  });
});

describe("terminal escapes are never printed raw", () => {
  const dir = tmpDir();
  const set = join(ROOT, "test/bench/family-set.json");

  it("from file names, ids of invalid files, case names and unit fields (they were)", async () => {
    const outputs: string[] = [];
    const collect = (r: { out: string; err: string }) => outputs.push(r.out, r.err);
    // A file name with escapes, holding an invalid set whose id and version hold escapes.
    const bad = file(dir, `bad${ESCAPES}.json`, makeSet({ id: `x${ESCAPES}`, version: `1${ESCAPES}`, criteria: [] }));
    collect(run("validate", bad));
    collect(run("validate", "--json", bad));
    collect(run("eval", bad, file(dir, "u.json", {})));
    collect(run("hash", bad));
    collect(run("validate", join(dir, `missing${ESCAPES}.json`)));
    // A case file whose case names hold escapes.
    const mini = file(dir, "mini.json", makeSet());
    file(dir, "mini.cases.json", { set: { id: "test-set", version: "1.0.0" }, cases: [{ name: `case ${ESCAPES}`, data: { a: true }, expect: { verdict: "pass" } }] });
    collect(run("test", join(dir, "mini.cases.json"), "--sets", dir));
    void mini;
    // Unit fields ({unit: …} and --meta) with escapes, through batch (to a terminal and not) and report.
    const units = file(dir, "units.ndjson", `${JSON.stringify({ unit: { id: `U${ESCAPES}`, xa: `X${ESCAPES}` }, data: { tenChuHo: "A" } })}\n{"bad": 1, "unit": {"id": "\\u009b"}}\n`);
    for (const outIsTTY of [true, false]) {
      let out = "";
      let err = "";
      const stdout = new Writable({
        write(chunk: Uint8Array, _e, done) {
          out += Buffer.from(chunk).toString("utf8");
          done();
        },
      });
      const code = await main(["batch", set, units, "--workers", "0"], { out: (s) => (out += s), err: (s) => (err += s), columns: 100, stdout, outIsTTY, errIsTTY: false });
      expect(code).toBe(1);
      if (outIsTTY) outputs.push(out);
      outputs.push(err);
      if (!outIsTTY) {
        const results = file(dir, "results.ndjson", out);
        for (const format of ["text", "md", "csv", "json"]) collect(run("report", results, "--by", "xa", "--format", format));
      }
    }
    for (const o of outputs) expect(o).not.toMatch(RAW_CONTROL);
    expect(outputs.join("")).toContain("\\u001B[2J");
  });
});

describe("inputs named like Object.prototype members", () => {
  for (const name of ["toString", "valueOf", "hasOwnProperty", "isPrototypeOf", "toLocaleString"])
    it(`an absent '${name}' is missing, not "received function" (it was refused)`, () => {
      const set = loadCriteriaSet(
        makeSet({
          inputs: {
            [name]: { type: "boolean", description: t("a") },
            list: { type: "array", description: t("l"), items: { type: "object", description: t("r"), fields: { [name]: { type: "integer", description: t("n") } } } },
          },
          criteria: [
            { id: "1", title: t("one"), points: 50, rule: { var: name } },
            { id: "2", title: t("two"), points: 50, rule: { all: [{ var: "list" }, { ">": [{ var: name }, 1] }] } },
          ],
        }),
      );
      for (const engine of ENGINE_NAMES)
        for (const explain of [true, false]) {
          const r = evaluate(set, { list: [{}] }, { engine, explain });
          expect(r.criteria.map((c) => [c.status, c.missing])).toEqual([
            ["missing", [name]],
            ["missing", [`list[0].${name}`]],
          ]);
          const given = evaluate(set, { [name]: true, list: [{ [name]: 2 }] }, { engine, explain });
          expect(given.criteria.map((c) => c.status)).toEqual(["pass", "pass"]);
        }
    });
});

describe("canonical JSON of values JSON cannot hold", () => {
  it("refuses a Date, a Map, a Set and class instances with the path (two different dates hashed as {})", async () => {
    const { canonicalJson, contentHash, CanonicalJsonError } = await import("../src/index.js");
    expect(() => contentHash({ d: new Date("2024-01-01") })).toThrow(CanonicalJsonError);
    expect(() => canonicalJson({ d: new Date("2024-01-01") })).toThrow(/^d: a Date is not a JSON value \(write a date as a text, "YYYY-MM-DD"\)/);
    expect(() => canonicalJson([1, new Map([["a", 1]])])).toThrow(/^\[1\]: a Map is not a JSON value/);
    expect(() => canonicalJson({ s: new Set([1]) })).toThrow(/a Set is not a JSON value/);
    expect(() => canonicalJson(new (class Unit {})())).toThrow(/a Unit is not a JSON value/);
    expect(() => canonicalJson({ r: /x/ })).toThrow(/a RegExp is not a JSON value/);
    // Plain objects of any realm, and objects without a prototype, are JSON.
    const { runInNewContext } = await import("node:vm");
    expect(canonicalJson(runInNewContext('({ b: 1, a: [{ c: "x" }] })'))).toBe('{"a":[{"c":"x"}],"b":1}');
    expect(canonicalJson(Object.assign(Object.create(null), { a: 1 }))).toBe('{"a":1}');
  });
});

describe("a LoadedSet made by hand", () => {
  it("is refused with an OptionsError by evaluate and createRegistry (it skipped validation and the allow-list)", async () => {
    const { createRegistry, isLoadedSet, OptionsError } = await import("../src/index.js");
    const real = loadCriteriaSet(makeSet());
    const forged = { ...real, definition: { ...real.definition, criteria: [{ ...real.definition.criteria[0]!, rule: { log: "x" } }] } };
    expect(isLoadedSet(real)).toBe(true);
    expect(isLoadedSet(forged)).toBe(false);
    expect(() => evaluate(forged, { a: true })).toThrow(OptionsError);
    expect(() => evaluate(forged, { a: true })).toThrow(/looks like a loaded set but was not made by loadCriteriaSet/);
    expect(() => createRegistry([forged])).toThrow(OptionsError);
    expect(evaluate(real, { a: true }).verdict).toBe("pass");
  });
});
