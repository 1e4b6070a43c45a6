/**
 * The medium and low findings of the outside review of hostile input (issue 14), each reproduced as it was
 * found, then held: message templates, terminal escapes, inputs named like Object.prototype members, and more.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
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
    file(dir, "mini.cases.json", {
      set: { id: "test-set", version: "1.0.0" },
      cases: [{ name: `case ${ESCAPES}`, data: { a: true }, expect: { verdict: "pass" } }],
    });
    collect(run("test", join(dir, "mini.cases.json"), "--sets", dir));
    void mini;
    // Unit fields ({unit: …} and --meta) with escapes, through batch (to a terminal and not) and report.
    const units = file(
      dir,
      "units.ndjson",
      `${JSON.stringify({ unit: { id: `U${ESCAPES}`, xa: `X${ESCAPES}` }, data: { tenChuHo: "A" } })}\n{"bad": 1, "unit": {"id": "\\u009b"}}\n`,
    );
    for (const outIsTTY of [true, false]) {
      let out = "";
      let err = "";
      const stdout = new Writable({
        write(chunk: Uint8Array, _e, done) {
          out += Buffer.from(chunk).toString("utf8");
          done();
        },
      });
      const code = await main(["batch", set, units, "--workers", "0"], {
        out: (s) => (out += s),
        err: (s) => (err += s),
        columns: 100,
        stdout,
        outIsTTY,
        errIsTTY: false,
      });
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
            list: {
              type: "array",
              description: t("l"),
              items: { type: "object", description: t("r"), fields: { [name]: { type: "integer", description: t("n") } } },
            },
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

describe("file-system faults: a typed error with exit 2 and the path, never a stack trace or a hang", () => {
  const dir = tmpDir();
  const CLI = join(ROOT, "dist/cli.js");
  const set = join(ROOT, "criteria/don-vi-hoc-tap/2020.1.0.json");
  const unit = join(ROOT, "docs/examples/don-vi-hoc-tap/phong-gd-huyen-mau.json");
  const plain = file(dir, "f.json", "{}");
  const results = file(dir, "r.ndjson", "");
  const folder = join(dir, "folder");
  const through = `${plain}/x.json`;
  const loop = join(dir, "loop1");
  const fifo = join(dir, "fifo");
  mkdirSync(folder);
  symlinkSync(join(dir, "loop2"), loop);
  symlinkSync(loop, join(dir, "loop2"));
  spawnSync("mkfifo", [fifo]);

  const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", env: { ...process.env, TIEUCHI_PIPE_WAIT_MS: "300" } });
  const cases: Array<[string[], string, RegExp]> = [];
  for (const [bad, reason] of [
    [through, /a part of the path is not a folder/],
    [loop, /too many symbolic links/],
    [folder, /is a folder, not a file/],
    [fifo, /is a named pipe and nothing was written to it in 0\.3 s \(is a writer connected\?\)/],
  ] as const) {
    cases.push(
      [["eval", set, bad], bad, reason],
      [["validate", bad], bad, reason],
      [["report", bad], bad, reason],
      [["batch", set, bad, "--format", "ndjson"], bad, reason],
    );
    if (bad !== fifo) cases.push([["hash", bad], bad, reason], [["impact", set, set, bad], bad, reason]);
    if (bad !== fifo && bad !== folder) cases.push([["test", bad], bad, reason]);
  }
  // Writing: into a folder, through a file, into a missing folder.
  for (const [out, reason] of [
    [folder, /is a folder, not a file/],
    [through, /a part of the path is not a folder/],
    [join(dir, "missing", "out.json"), /no such file/],
  ] as const) {
    cases.push([["schema", "--out", out], out, reason], [["report", results, "--out", out], out, reason], [["batch", set, results, "--out", out], out, reason]);
    cases.push([["eval", set, unit, "--as-of", "2022-01-01", "--record", out], out, reason]);
  }

  /** In this process (a named pipe's wait is shortened in a child process only). */
  const inProcess = async (...args: string[]) => {
    let stdout = "";
    let stderr = "";
    const status = await main(args, { out: (s) => (stdout += s), err: (s) => (stderr += s), columns: 100 });
    return { status, stdout, stderr };
  };

  it("for every command that reads or writes a file (they gave stack traces with exit 1, or waited for ever on a pipe)", async () => {
    // The reasons asserted are the English sentences (Vietnamese is the default).
    for (const [given, path, reason] of cases) {
      const args = [...given, "--lang", "en"];
      const r = path === fifo ? cli(...args) : await inProcess(...args);
      expect(r.status, `${args.join(" ")}\n${r.stderr}`).toBe(2);
      expect(r.stderr, args.join(" ")).toMatch(new RegExp(`^tieuchi: ${path.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}: ${reason.source} \\[ERR_FILE\\]\\n`));
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  }, 240_000);

  it("a named pipe is read once its writer writes", () => {
    const writer = spawn("sh", ["-c", `sleep 0.5; cat ${JSON.stringify(unit)} > ${JSON.stringify(fifo)}`]);
    const r = spawnSync(process.execPath, [CLI, "eval", set, fifo, "--as-of", "2022-01-01", "--json"], { encoding: "utf8" });
    writer.kill();
    expect(r.stderr).toBe("");
    expect((JSON.parse(r.stdout) as { set: { id: string } }).set.id).toBe("don-vi-hoc-tap");
  }, 60_000);

  it("a criteria folder's symbolic links may not lead outside it", async () => {
    const { findCriteriaFiles, loadCriteriaDir } = await import("../src/node/index.js");
    const { findCaseFiles } = await import("../src/node/cases.js");
    const { FileError } = await import("../src/index.js");
    const outside = tmpDir();
    file(outside, "secret.json", makeSet({ id: "secret" }));
    const root = tmpDir();
    mkdirSync(join(root, "a"));
    file(join(root, "a"), "1.0.0.json", makeSet());
    symlinkSync(join(root, "a", "1.0.0.json"), join(root, "a", "inside.json"));
    expect(findCriteriaFiles(root)).toEqual([join(root, "a", "1.0.0.json"), join(root, "a", "inside.json")]);
    symlinkSync(join(outside, "secret.json"), join(root, "a", "2.0.0.json"));
    expect(() => findCriteriaFiles(root)).toThrow(FileError);
    expect(() => loadCriteriaDir(root)).toThrow(`${join(root, "a", "2.0.0.json")}: is a symbolic link to ${join(outside, "secret.json")}, outside ${root}`);
    const cases = tmpDir();
    symlinkSync(outside, join(cases, "elsewhere"));
    expect(() => findCaseFiles(cases)).toThrow(/is a symbolic link to .*, outside/);
    // A loop of folder links inside the folder ends (it recursed for ever in findCaseFiles).
    const looped = tmpDir();
    mkdirSync(join(looped, "x"));
    symlinkSync(looped, join(looped, "x", "back"));
    expect(findCaseFiles(looped)).toEqual([]);
  });
});
