import { describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  AuditRecordError,
  CanonicalJsonError,
  CaseFailedError,
  CaseFileError,
  CriteriaSetError,
  EvaluationError,
  FileError,
  UnitsFileError,
  formatPath,
  JsonParseError,
  LockFileError,
  NotInForceError,
  OptionsError,
  RegistryError,
  parseJson,
  ReportLineError,
  SetNotFoundError,
  TieuchiError,
  UnitDataError,
  msg,
  problem,
} from "../src/index.js";
import { readJsonFile } from "../src/node/index.js";
import { parseCaseFile } from "../src/testing/cases.js";

describe("errors", () => {
  it("have stable codes, names, paths and one base class", () => {
    const p = [problem("problem.unknown_key", ["a", 0, "b"], { key: "b" })];
    const cases: [TieuchiError, string][] = [
      [new CriteriaSetError(p, "f.json"), "ERR_CRITERIA_SET"],
      [new UnitDataError(p, "s@1"), "ERR_UNIT_DATA"],
      [new JsonParseError("f.json", msg("json.ends_early"), { offset: 3, line: 1, column: 4 }), "ERR_JSON_PARSE"],
      [new SetNotFoundError("s", msg("set.unknown_id", { id: "s", known: [] }), ["sets"]), "ERR_SET_NOT_FOUND"],
      [new OptionsError(msg("options.as_of", { name: "asOf", got: '"x"' }), ["asOf"]), "ERR_OPTIONS"],
      [new CaseFileError(p, "c.json"), "ERR_CASE_FILE"],
      [new EvaluationError(msg("eval.unexpected", { text: "bug" }), ["x"]), "ERR_EVALUATION"],
      [new FileError("f.json", msg("file.not_found")), "ERR_FILE"],
      [new RegistryError(p), "ERR_REGISTRY"],
      [
        new NotInForceError(
          "s",
          "2020-01-01",
          "gap",
          msg("set.gap", { id: "s", date: "2020-01-01", before: "s@1", to: "2019-12-31", after: "s@2", from: "2021-01-01", spans: [] }),
        ),
        "ERR_NOT_IN_FORCE",
      ],
      [new LockFileError(p, "criteria.lock.json"), "ERR_LOCK_FILE"],
      [new AuditRecordError(p, "r.json"), "ERR_AUDIT_RECORD"],
      [
        new CaseFailedError("a case", [msg("word.text", { text: { vi: "kết luận: cần pass, thực tế fail", en: "verdict: expected pass, got fail" } })]),
        "ERR_CASE_FAILED",
      ],
      [new ReportLineError(7, msg("line.not_a_result")), "ERR_REPORT_LINE"],
      [new UnitsFileError("units.json", msg("units.list_not_closed"), 7), "ERR_UNITS_FILE"],
      [new CanonicalJsonError(msg("canonical.not_a_number", { value: "NaN" }), ["a", 0]), "ERR_CANONICAL_JSON"],
    ];
    for (const [e, code] of cases) {
      expect(e).toBeInstanceOf(TieuchiError);
      expect(e).toBeInstanceOf(Error);
      expect(e.code).toBe(code);
      expect(e.name).toBe(e.constructor.name);
    }
    expect(cases[0]![0].path).toEqual(["a", 0, "b"]);
    expect(cases[0]![0].message).toContain("a[0].b: unknown key 'b' [unknown_key]");
    // Every error also reads in Vietnamese, from the same message.
    expect(cases[0]![0].text("vi")).toContain("a[0].b: khóa không được biết: «b» [unknown_key]");
    for (const [e] of cases) expect(e.text("vi")).not.toBe(e.message);
  });

  it("format paths the way JavaScript reads them", () => {
    expect(formatPath([])).toBe("(root)");
    const deep = Array.from({ length: 30 }, (_, i) => (i % 2 ? i : `k${i}`));
    expect(formatPath(deep)).toBe("k0[1].k2[3].k4[5].k6[7].k8[9].k10[11]…(10 more)….k22[23].k24[25].k26[27].k28[29]");
    expect(formatPath(Array(24).fill(0))).toBe("[0]".repeat(24));
    expect(formatPath(Array(25).fill(0))).toBe(`${"[0]".repeat(12)}…(5 more)…${"[0]".repeat(8)}`);
    expect(formatPath(["criteria", 3, "rule", ">=", 0])).toBe('criteria[3].rule[">="][0]');
  });

  it("name the file, line and column of bad JSON", () => {
    expect(() => parseJson('{\n  "a": 1,\n  "b": }', "x.json")).toThrow(/x\.json:3:8: not valid JSON/);
    expect(() => parseJson("", "empty.json")).toThrow(/empty\.json:1:1: .*empty/);
    expect(() => parseJson("   \n", "blank.json")).toThrow(/blank\.json/);
    expect(parseJson('\uFEFF{"a": 1}')).toEqual({ a: 1 });
    try {
      parseJson('{"a": tru}', "y.json");
    } catch (e) {
      expect(e).toBeInstanceOf(JsonParseError);
      expect((e as JsonParseError).line).toBe(1);
      expect((e as JsonParseError).column).toBeGreaterThan(5);
    }
  });

  it("name the file of a file that is not UTF-8", () => {
    const dir = mkdtempSync(join(tmpdir(), "tieuchi-"));
    const f = join(dir, "latin1.json");
    writeFileSync(f, Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xe9, 0x22, 0x7d]));
    expect(() => readJsonFile(f)).toThrow(/latin1\.json:1:7: .*not UTF-8.*byte 0xe9 at byte 6/);
    const bom = join(dir, "bom.json");
    writeFileSync(bom, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"ok": true}')]));
    expect(readJsonFile(bom)).toEqual({ ok: true });
  });

  it("list every problem of a bad case file", () => {
    expect(() => parseCaseFile({ set: { id: "x", version: "1" }, cases: [] }, "c.json")).toThrow(CaseFileError);
  });
});
