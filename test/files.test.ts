/**
 * A malformed file on disk gives a typed error naming the file (and, for its content, the line and column):
 * not JSON, another encoding, a byte-order mark, an empty or binary file, a folder, a huge file.
 */
import { existsSync, mkdirSync, mkdtempSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../src/cli/main.js";
import { CriteriaSetError, FileError, JsonParseError, parseJson, TieuchiError } from "../src/index.js";
import { DEFAULT_MAX_BYTES, findCriteriaFiles, loadCriteriaDir, loadCriteriaFile, readJsonFile } from "../src/node/index.js";
import { makeSet } from "./helpers.js";

const dir = mkdtempSync(join(tmpdir(), "tieuchi-files-"));
let counter = 0;
function file(content: string | Uint8Array, name = `f${counter++}.json`): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}
function caught(f: () => unknown): TieuchiError {
  try {
    f();
  } catch (e) {
    if (e instanceof TieuchiError) return e;
    throw e;
  }
  throw new Error("no error");
}
const utf16le = (s: string) => Buffer.from(s, "utf16le");
const utf16be = (s: string) => Buffer.from(s, "utf16le").swap16();

describe("reading a JSON file", () => {
  it("names the file, line and column of text that is not JSON", () => {
    const p = file('{\n  "a": 1,\n  "b": tru\n}');
    const e = caught(() => readJsonFile(p)) as JsonParseError;
    expect(e).toBeInstanceOf(JsonParseError);
    expect(e.code).toBe("ERR_JSON_PARSE");
    expect(e.source).toBe(p);
    expect([e.line, e.column]).toEqual([3, 8]);
    expect(e.message).toBe(`${p}:3:8: not valid JSON: unexpected "t"`);
    for (const [text, line, column, reason] of [
      ['{"a": 1,}', 1, 9, /expected a key/],
      ['{"a" 1}', 1, 6, /expected ':'/],
      ["[1, 2", 1, 6, /ends too early/],
      ['{"a": "x\ny"}', 1, 9, /control character/],
      ["{'a': 1}", 1, 2, /expected a key in double quotes/],
      ['{"a": 1} x', 1, 10, /after the end/],
      ['{"a": 01}', 1, 8, /expected ','/],
      ['{"a": NaN}', 1, 7, /unexpected "N"/],
      ['"\\x"', 1, 2, /bad escape/],
    ] as const) {
      const err = caught(() => readJsonFile(file(text))) as JsonParseError;
      expect([err.line, err.column], text).toEqual([line, column]);
      expect(err.message, text).toMatch(reason);
    }
  });

  it("says an empty file is empty", () => {
    for (const content of ["", " \n\t\r\n", "\uFEFF", "\uFEFF  \n"])
      expect(caught(() => readJsonFile(file(content))).message).toMatch(/:1:1: not valid JSON: the file is empty$/);
  });

  it("skips a UTF-8 byte-order mark, and counts positions after it", () => {
    expect(readJsonFile(file('\uFEFF{"ok": true}'))).toEqual({ ok: true });
    const e = caught(() => readJsonFile(file('\uFEFF{"ok": tru}'))) as JsonParseError;
    expect([e.line, e.column]).toEqual([1, 8]);
  });

  it("refuses UTF-16 and UTF-32 text, with or without a byte-order mark, saying so", () => {
    const cases: [Uint8Array, RegExp][] = [
      [utf16le('\uFEFF{"a": "Khá"}'), /UTF-16 \(little-endian\) text .*byte-order mark/],
      [utf16be('\uFEFF{"a": "Khá"}'), /UTF-16 \(big-endian\) text/],
      [utf16le('{"a": "Khá"}'), /looks like UTF-16/],
      [utf16be('{"a": "Khá"}'), /looks like UTF-16/],
      [Buffer.from([0xff, 0xfe, 0, 0, 0x7b, 0, 0, 0, 0x7d, 0, 0, 0]), /UTF-32 \(little-endian\)/],
      [Buffer.from([0, 0, 0xfe, 0xff, 0, 0, 0, 0x7b, 0, 0, 0, 0x7d]), /UTF-32 \(big-endian\)/],
    ];
    for (const [bytes, reason] of cases) {
      const p = file(bytes);
      const e = caught(() => readJsonFile(p)) as JsonParseError;
      expect(e, String(reason)).toBeInstanceOf(JsonParseError);
      expect(e.message).toMatch(new RegExp(`^${p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:1:\\d+: `));
      expect(e.message).toMatch(reason);
      expect(e.message).toMatch(/save it as UTF-8/);
    }
  });

  it("refuses Latin-1, Windows-1258 and binary files, at the first byte that gives them away", () => {
    // "Khá" in Windows-1258 is 4B 68 E1; on line 2.
    const cp1258 = file(Buffer.from([0x7b, 0x0a, 0x22, 0x61, 0x22, 0x3a, 0x22, 0x4b, 0x68, 0xe1, 0x22, 0x7d]));
    const e = caught(() => readJsonFile(cp1258)) as JsonParseError;
    expect([e.line, e.column]).toEqual([2, 8]);
    expect(e.message).toMatch(/not UTF-8 text \(byte 0xe1 at byte 9; perhaps Latin-1, Windows-1258 or TCVN3\/ABC\); save it as UTF-8/);
    const png = file(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
    expect(caught(() => readJsonFile(png)).message).toMatch(/zero byte at byte 8|not UTF-8/);
    const nul = file('{"a": 1}\u0000');
    expect(caught(() => readJsonFile(nul)).message).toMatch(/:1:9: .*zero byte at byte 8/);
    const overlong = file(Buffer.from([0x22, 0xc0, 0xaf, 0x22]));
    expect(caught(() => readJsonFile(overlong)).message).toMatch(/byte 0xc0 at byte 1/);
    const surrogate = file(Buffer.from([0x22, 0xed, 0xa0, 0x80, 0x22]));
    expect(caught(() => readJsonFile(surrogate)).message).toMatch(/byte 0xed at byte 1/);
  });

  it("reads text nested 200,000 levels deep without exhausting the stack", () => {
    const deep = 200_000;
    expect(caught(() => readJsonFile(file("[".repeat(deep)))).message).toMatch(/ends too early/);
    expect(caught(() => parseJson(`${"[".repeat(deep)}1${"]".repeat(deep - 1)}`, "deep.json")).message).toMatch(/^deep\.json:1:\d+: .*ends too early/);
  });

  it("names a missing file, a folder and a file it may not read", () => {
    const missing = join(dir, "nope.json");
    expect(caught(() => readJsonFile(missing))).toMatchObject({ code: "ERR_FILE", source: missing, message: `${missing}: no such file` });
    expect(caught(() => readJsonFile(dir))).toMatchObject({ code: "ERR_FILE", message: `${dir}: is a folder, not a file` });
    expect(caught(() => readJsonFile(dir))).toBeInstanceOf(FileError);
    expect(caught(() => readJsonFile(join(file("{}"), "x.json"))).message).toMatch(/a part of the path is not a folder/);
  });

  it("refuses a file larger than maxBytes before reading it, and a stream that runs past it", () => {
    const huge = file("");
    truncateSync(huge, DEFAULT_MAX_BYTES + 1);
    expect(caught(() => readJsonFile(huge))).toMatchObject({
      code: "ERR_FILE",
      message: `${huge}: is ${DEFAULT_MAX_BYTES + 1} bytes, larger than the ${DEFAULT_MAX_BYTES} bytes allowed (maxBytes)`,
    });
    const small = file('{"a": "0123456789"}');
    expect(readJsonFile(small, { maxBytes: 19 })).toEqual({ a: "0123456789" });
    expect(caught(() => readJsonFile(small, { maxBytes: 18 })).message).toMatch(/is 19 bytes, larger than the 18 bytes allowed/);
    // A device has no size to check first: the read itself stops at the limit.
    if (existsSync("/dev/zero")) expect(caught(() => readJsonFile("/dev/zero", { maxBytes: 4096 })).message).toMatch(/larger than the 4096 bytes allowed/);
  });
});

describe("loading criteria files", () => {
  it("names the file of a set that does not validate, and passes the limits on", () => {
    const p = file(JSON.stringify(makeSet({ version: "x" })));
    const e = caught(() => loadCriteriaFile(p));
    expect(e).toBeInstanceOf(CriteriaSetError);
    expect(e.message).toContain(p);
    const ok = file(JSON.stringify(makeSet()));
    expect(caught(() => loadCriteriaFile(ok, { limits: { maxInputs: 2 } })).message).toMatch(/too_many_inputs/);
    expect(caught(() => loadCriteriaFile(ok, { maxBytes: 10 })).code).toBe("ERR_FILE");
  });

  it("walks folders with symbolic link loops once, and names a broken link", () => {
    const root = mkdtempSync(join(tmpdir(), "tieuchi-walk-"));
    mkdirSync(join(root, "a"));
    writeFileSync(join(root, "a", "1.0.0.json"), JSON.stringify(makeSet()));
    symlinkSync(root, join(root, "a", "loop"));
    expect(findCriteriaFiles(root)).toEqual([join(root, "a", "1.0.0.json")]);
    expect(loadCriteriaDir(root)).toHaveLength(1);
    symlinkSync(join(root, "gone"), join(root, "broken.json"));
    expect(caught(() => findCriteriaFiles(root))).toMatchObject({ code: "ERR_FILE", message: `${join(root, "broken.json")}: no such file` });
    expect(caught(() => findCriteriaFiles(join(root, "none")))).toMatchObject({ code: "ERR_FILE" });
  });

  it("the CLI reports each kind of bad file, as a set or as a unit, with exit code 2", () => {
    const run = (...args: string[]) => {
      let out = "";
      let err = "";
      const code = main(args, { out: (t) => (out += t), err: (t) => (err += t), columns: 100 });
      return { code, out, err };
    };
    const set = file(JSON.stringify(makeSet()));
    for (const [p, text] of [
      [dir, "is a folder, not a file"],
      [join(dir, "nope.json"), "no such file"],
      [file(utf16le('\uFEFF{"a": 1}')), "UTF-16"],
      [file("{"), "ends too early"],
      [file(""), "the file is empty"],
    ] as const) {
      for (const r of [run("eval", p, set, "--lang", "en"), run("eval", set, p, "--lang", "en")]) {
        expect(r.code, p).toBe(2);
        expect(r.err, p).toContain(`${p}`);
        expect(r.err, p).toContain(text);
      }
    }
    // A title that would clear the screen and retitle the terminal is refused, and printed escaped.
    const hostile = file(JSON.stringify(makeSet({ title: { vi: "\u001b[2J\u001b]0;pwned\u0007", en: "x" } })));
    const evaluated = run("eval", hostile, set, "--lang", "en");
    expect(evaluated.code).toBe(2);
    expect(evaluated.err).toMatch(/title\.vi \(line 1, column \d+\): the text holds a control character \(\\u\{001B\}\)/);
    const validated = run("validate", hostile, "--lang", "en");
    expect(validated.code).toBe(1);
    expect(validated.out).toContain("control character (\\u{001B})");
    for (const r of [evaluated, validated]) expect(r.out + r.err).not.toMatch(/[\u001b\u0007\u009b]/);
  });
});
