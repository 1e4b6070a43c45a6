/**
 * Issue 14, item 14 (second part): a JSON text that gives a key twice in one object. `JSON.parse` keeps the later
 * value without a word, so a reviewer sees one value and tieuchi decides and hashes on another (the review found
 * such a criteria file hashed the same as the clean one). Every JSON text tieuchi hashes or decides on is refused
 * with the line and column of the second key: criteria files, case files, the lock, audit records, unit files
 * and batch lines, report and impact lines.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { JsonParseError, contentHash, parseJson } from "../src/index.js";
import { duplicateKeyIn, findDuplicateKey } from "../src/json/parse.js";
import { loadCriteriaFile, readJsonFile, runBatch } from "../src/node/index.js";
import { ROOT } from "./helpers.js";
import { run } from "./run-cli.js";

function tmp(name: string, content: string): string {
  const dir = mkdtempSync(join(tmpdir(), "tieuchi-dupkeys-"));
  const f = join(dir, name);
  writeFileSync(f, content);
  return f;
}

const refusal = (text: string): JsonParseError => {
  try {
    parseJson(text, "t.json");
  } catch (e) {
    if (e instanceof JsonParseError) return e;
    throw e;
  }
  throw new Error("not refused");
};

describe("parseJson refuses a key given twice in one object", () => {
  it("names the key, and the line and column of the second one, in Vietnamese and English", () => {
    const e = refusal('{\n  "a": 1,\n  "b": {"c": true},\n    "a": 2\n}');
    expect(e.code).toBe("ERR_JSON_PARSE");
    expect(e.line).toBe(4);
    expect(e.column).toBe(5);
    expect(e.message).toBe(
      't.json:4:5: not valid JSON: key "a" is given twice in one object (first on line 2); JSON keeps only the later value, so the earlier one, which a reader of the file still sees, is ignored; remove one of them',
    );
    expect(e.text("vi")).toMatch(/^t\.json:4:5: không phải JSON hợp lệ: khóa "a" lặp lại trong cùng một đối tượng \(lần đầu ở dòng 2\)/);
  });
  it("compares keys as JSON.parse reads them: an escaped key is the same key", () => {
    expect(refusal('{"a": 1, "\\u0061": 2}').column).toBe(10);
    expect(refusal('{"x": [{"k\\"": 1, "k\\u0022": 2}]}').column).toBe(19);
  });
  it("in nested objects and in objects inside lists", () => {
    expect(refusal('{"x": {"y": [1, {"z": 1, "w": 2, "z": 3}]}}').column).toBe(34);
    expect(refusal('[{"a": 1}, {"a": 1, "a": 1}]').column).toBe(21);
  });
  it("accepts the same key in different objects, and colons, quotes, braces and backslashes inside strings", () => {
    const ok = '{"a": {"a": 1}, "b": [{"a": 1}, {"a": 2}], "c": "a\\": {\\"a\\": 1, \\"a\\": 2}", "d": "\\\\", "e": "{[:,]}", "a\\\\": 0}';
    expect(parseJson(ok)).toEqual(JSON.parse(ok));
    expect(findDuplicateKey(ok)).toBeUndefined();
  });
  it("finds a key given twice whether or not colons in strings, or a key added to Object.prototype, change the counts it starts with", () => {
    for (const text of ['{"a":"x:y","a":1}', '{"t":"10:30","b":{"c":1,"c":2}}', '{"a":1,"a":2}', '[{"k":":"},{"k":1,"k":2}]'])
      expect(duplicateKeyIn(text, JSON.parse(text)), text).toBeDefined();
    for (const text of ['{"a":"x:y","b":1}', '{"t":"10:30","b":{"c":1,"d":2}}']) expect(duplicateKeyIn(text, JSON.parse(text)), text).toBeUndefined();
    const proto = Object.prototype as Record<string, unknown>;
    proto.polluted = 1;
    try {
      // One object: its inherited key would have made the keys held match the keys written.
      const text = '{"a":1,"a":2}';
      expect(duplicateKeyIn(text, JSON.parse(text))?.key).toBe("a");
    } finally {
      delete proto.polluted;
    }
  });
  it("finds nothing in random JSON, and finds a key given again in a random object inside it", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 }), { minKeys: 1 }), (outer, obj) => {
        const text = JSON.stringify({ w: outer, x: [obj] }, null, 1);
        expect(duplicateKeyIn(text, JSON.parse(text))).toBeUndefined();
        expect(findDuplicateKey(text)).toBeUndefined();
        const key = Object.keys(obj).at(-1)!;
        const inner = JSON.stringify(obj);
        const twice = `{"w": ${JSON.stringify(outer)}, "x": [{${JSON.stringify(key)}: 0, ${inner.slice(1)}]}`;
        const found = duplicateKeyIn(twice, JSON.parse(twice));
        expect(found?.key).toBe(key);
        expect(twice.slice(found!.offset, found!.offset + JSON.stringify(key).length)).toBe(JSON.stringify(key));
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 200) },
    );
  });
  it("is linear: a 1,000,000-key object with the repeated key at its end, and 200,000 small objects, are read at once", () => {
    const keys = Array.from({ length: 1_000_000 }, (_, i) => `"k${i}": ${i}`);
    const big = `{${keys.join(",")}, "k0": 1}`;
    expect(refusal(big).column).toBe(big.lastIndexOf('"k0"') + 1);
    const many = JSON.stringify(Array.from({ length: 200_000 }, (_, i) => ({ id: i, name: `n${i}`, tags: { a: 1, b: [1, 2] } })));
    expect((parseJson(many) as unknown[]).length).toBe(200_000);
    expect(() => parseJson(`${many.slice(0, -2)}, "id": 3}]`)).toThrow(/key "id" is given twice/);
  }, 120_000);
});

describe("files tieuchi hashes and decides on", () => {
  const file = join(ROOT, "criteria/gia-dinh-hoc-tap/2016.1.0.json");
  it("a criteria file with its validTo given twice is refused (it hashed the same as the clean file)", () => {
    const clean = readFileSync(file, "utf8");
    const forged = clean.replace(/\n(\s*)"validTo": ([^,\n]*),/, (_m, sp: string, v: string) => `\n${sp}"validTo": "2099-12-31",\n${sp}"validTo": ${v},`);
    expect(forged).not.toBe(clean);
    expect(contentHash(JSON.parse(forged))).toBe(contentHash(JSON.parse(clean)));
    const path = tmp("set.json", forged);
    expect(() => loadCriteriaFile(path)).toThrow(/key "validTo" is given twice in one object/);
    const line = forged.slice(0, forged.lastIndexOf('"validTo"')).split("\n").length;
    const hash = run("hash", path);
    expect(hash.code).toBe(2);
    expect(hash.err).toContain(`${path}:${line}:`);
    // validate lists it as the file's problem (exit 1, as for any invalid file), located in --json.
    const validate = run("validate", path, "--json");
    expect(validate.code).toBe(1);
    expect(validate.out).toMatch(/key \\"validTo\\" is given twice/);
    expect(validate.out).toContain(`"line": ${line},`);
  });
  it("case files, lock files and audit records are read by the same reader", () => {
    for (const name of ["x.cases.json", "criteria.lock.json", "record.json"])
      expect(() => readJsonFile(tmp(name, '{"sets": {}, "sets": {}}'))).toThrow(JsonParseError);
    const r = run("verify", tmp("record.json", '{"result": 1, "result": 2}'), tmp("data.json", "{}"));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/record\.json:1:15: .*"result"/);
  });
});

describe("batch: a unit with a key given twice gets an error line, the others are evaluated", () => {
  const SET = join(ROOT, "test/bench/family-set.json");
  const unit =
    '{"tenChuHo": "A", "xa": "X", "thon": "T", "thanhVien": [{"tuoi": 40, "soNoiDungHocTap": 2, "mucBietChu": 1}], "coGocHocTap": true, "soDauSach": 30, "thamGiaKhuyenHoc": true, "viPhamPhapLuat": false}';
  const twice = unit.replace('"viPhamPhapLuat": false', '"viPhamPhapLuat": true, "viPhamPhapLuat": false');
  for (const [format, text] of [
    ["ndjson", `${unit}\n${twice}\n${unit}\n`],
    ["json", `[\n${unit},\n${twice},\n${unit}\n]\n`],
  ] as const)
    it(format, async () => {
      let out = "";
      const output = new Writable({
        write(chunk: Uint8Array, _e, done) {
          out += new TextDecoder().decode(chunk);
          done();
        },
      });
      const summary = await runBatch({ set: SET, input: tmp(`u.${format}`, text), output, workers: 0 });
      const lines = out
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l) as { line: number; error?: { code: string; message: string }; result?: unknown });
      expect(lines.map((l) => (l.error ? l.error.code : "result"))).toEqual(["result", "ERR_JSON_PARSE", "result"]);
      expect(lines[1]!.error!.message).toBe(
        `not valid JSON at line ${lines[1]!.line}, column ${twice.lastIndexOf('"viPhamPhapLuat"') + 1}: key "viPhamPhapLuat" is given twice in one object (first on line ${lines[1]!.line}); JSON keeps only the later value, so the earlier one, which a reader of the file still sees, is ignored; remove one of them`,
      );
      expect(summary.bad).toBe(1);
    });
});
