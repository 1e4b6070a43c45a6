/**
 * Errors and problems carry codes and typed parameters, and read in Vietnamese and in English from the
 * same message; problems of a criteria file carry their line and column.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CriteriaSetError, evaluate, loadCriteriaSet, say, UnitDataError, type Problem } from "../src/index.js";
import { loadCriteriaFile } from "../src/node/index.js";
import { jsonPathOffset } from "../src/json/parse.js";

const FAMILY = join(import.meta.dirname, "fixtures/mini-family.json");
const family = JSON.parse(readFileSync(FAMILY, "utf8")) as Record<string, unknown>;
const tmp = mkdtempSync(join(tmpdir(), "tieuchi-messages-"));

function thrown(f: () => unknown): Error {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error("nothing was thrown");
}

describe("data check problems", () => {
  const set = loadCriteriaSet(family);
  const bad = { hasBookshelf: "có", members: [{ age: -1, rating: "Giỏi", enrolled: true }], extra: 1 };
  const e = thrown(() => evaluate(set, bad)) as UnitDataError;

  it("are mapped from zod's issues to our own codes and typed parameters", () => {
    expect(e).toBeInstanceOf(UnitDataError);
    const byCode = Object.fromEntries(e.problems.map((p) => [p.code, p]));
    expect(byCode.invalid_type).toMatchObject({ key: "problem.invalid_type", path: ["hasBookshelf"], params: { expected: "boolean", received: "string" } });
    expect(byCode.too_small).toMatchObject({
      key: "problem.too_small",
      path: ["members", 0, "age"],
      params: { origin: "number", minimum: 0, inclusive: true },
    });
    expect(byCode.invalid_value).toMatchObject({
      key: "problem.invalid_value",
      path: ["members", 0, "rating"],
      params: { values: ['"Tốt"', '"Khá"', '"Đạt"', '"Chưa đạt"'] },
    });
    expect(byCode.unknown_field).toMatchObject({
      key: "problem.unknown_field",
      path: ["extra"],
      params: { key: "extra", top: true, known: ["members", "hasBookshelf"] },
    });
  });

  it("read in Vietnamese, with no zod English in them, and in English", () => {
    const vi = e.problems.map((p) => say(p, "vi"));
    expect(vi).toContain("Sai kiểu dữ liệu: cần đúng/sai (true/false), nhận được văn bản");
    expect(vi).toContain("Quá nhỏ: cần một số ít nhất 0");
    expect(vi.join("\n")).not.toMatch(/Invalid|expected|Too small|received/);
    expect(e.text("vi")).toMatch(/^Dữ liệu của đơn vị không khớp với dữ liệu đầu vào mà mini-family@1\.0\.0 khai báo \(4 lỗi\):\n/);
    expect(e.text("vi")).toContain("  - members[0].age: Quá nhỏ: cần một số ít nhất 0 [too_small]");
    expect(e.message).toContain("hasBookshelf: Invalid input: expected boolean, received string [invalid_type]");
    expect(e.message).toContain("members[0].age: Too small: expected a number of at least 0 [too_small]");
  });
});

describe("criteria file problems", () => {
  it("carry the line and column of their place in the file", () => {
    const text = readFileSync(FAMILY, "utf8").replace('"points": 30, "rule": { "var": "hasBookshelf" }', '"points": 30, "rule": { "var": "hasBookshelve" }');
    const file = join(tmp, "typo.json");
    writeFileSync(file, text);
    const e = thrown(() => loadCriteriaFile(file)) as CriteriaSetError;
    expect(e).toBeInstanceOf(CriteriaSetError);
    const p = e.problems[0]!;
    expect(p).toMatchObject({ code: "unknown_var", key: "problem.unknown_var.undeclared", path: ["criteria", 1, "rule", "var"] });
    const lines = text.split("\n");
    expect(lines[p.line! - 1]!.slice(p.column! - 1)).toMatch(/^"var": "hasBookshelve"/);
    expect(e.message).toContain(`criteria[1].rule.var (line ${p.line}, column ${p.column}): 'hasBookshelve' is not declared`);
    expect(e.text("vi")).toContain(`criteria[1].rule.var (dòng ${p.line}, cột ${p.column}): «hasBookshelve» chưa được khai báo`);
  });

  it("place a missing field at the object that lacks it, and an unknown key at the key", () => {
    const text = '{\n  "a": [1, {"b": 2}],\n  "c": {"d": {"e": 1}}\n}';
    const at = (path: (string | number)[]) => text.slice(jsonPathOffset(text, path));
    expect(at(["a", 1, "b"])).toMatch(/^"b": 2/);
    expect(at(["a", 1, "zz"])).toMatch(/^\{"b": 2\}/);
    expect(at(["c", "d", "e"])).toMatch(/^"e": 1/);
    expect(at(["a", 5])).toMatch(/^"a": \[/);
    expect(at([])).toBe(text);
  });
});

describe("error texts", () => {
  it("every problem a broken criteria set gets has a Vietnamese sentence that is not its English one", () => {
    const broken = {
      ...family,
      validTo: "2020-01-01",
      derived: { hasBookshelf: { description: { vi: "x", en: "x" }, rule: true } },
      criteria: [
        { id: "1", title: { vi: "a", en: "a" }, points: 50, rule: { ratioAtLeast: [{ var: "members" }, 2.5, 120] } },
        { id: "1", title: { vi: "b", en: "b" }, points: 30, rule: { frob: [1] } },
        { id: "3", title: { vi: "c", en: "c" }, points: 20, rule: { "+": [{ var: "hasBookshelf" }, "x"] } },
      ],
    };
    const e = thrown(() => loadCriteriaSet(broken)) as CriteriaSetError;
    expect(e).toBeInstanceOf(CriteriaSetError);
    expect(e.problems.map((p) => p.code)).toEqual([
      "duplicate_id",
      "dates",
      "duplicate_name",
      "not_a_count",
      "not_a_count",
      "bad_percent",
      "operator_not_allowed",
      "not_a_number",
      "not_a_number",
    ]);
    for (const p of e.problems as Problem[]) {
      const vi = say(p, "vi");
      expect(vi, p.key).not.toBe(p.message);
      expect(vi, p.key).not.toMatch(/\b(the|is|not|must|expected)\b/);
    }
  });
});
