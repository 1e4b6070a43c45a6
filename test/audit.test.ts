import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  AuditRecord,
  AuditRecordError,
  createAuditRecord,
  createRegistry,
  contentHash,
  evaluate,
  loadCriteriaSet,
  OptionsError,
  recordEvaluation,
  Verification,
  verify,
} from "../src/index.js";
import { loadRegistry } from "../src/node/index.js";
import { readJson, ROOT } from "./helpers.js";
import { run } from "./run-cli.js";

const TT22 = "criteria/don-vi-hoc-tap/2020.1.0.json";
const UNIT = "docs/examples/don-vi-hoc-tap/phong-gd-huyen-mau.json";
const set = loadCriteriaSet(readJson(TT22));
const registry = createRegistry([set]);
const data = readJson(UNIT) as { tenDonVi: string; thanhVien: Array<Record<string, unknown>> };
const AT = "2025-03-04T05:06:07.000Z";

describe("audit records", () => {
  const record = createAuditRecord(set, data, { asOf: "2023-05-01", evaluatedAt: AT });

  it("hold the full result, the set, the data's hash, asOf, the library and the time", () => {
    expect(AuditRecord.parse(record)).toEqual(record);
    expect(record).toMatchObject({
      format: "tieuchi/audit@1",
      set: { id: "don-vi-hoc-tap", version: "2020.1.0", hash: set.hash },
      data: { hash: contentHash(data) },
      asOf: "2023-05-01",
      library: { name: "tieuchi", version: "0.1.0" },
      evaluatedAt: AT,
    });
    expect(record.result).toEqual(evaluate(set, data, { asOf: "2023-05-01" }));
    // The time is the record's alone: the result has none, and two records differ only there.
    const later = createAuditRecord(set, data, { asOf: "2023-05-01", evaluatedAt: new Date("2026-01-01T00:00:00Z") });
    expect({ ...later, evaluatedAt: AT }).toEqual(record);
    expect(JSON.stringify(record.result)).not.toContain("2025-03-04");
    expect(() => createAuditRecord(set, data, { evaluatedAt: "yesterday" })).toThrow(OptionsError);
    expect(recordEvaluation(record.result, data, { evaluatedAt: AT })).toEqual(record);
  });

  it("verify: a record of a version evaluated out of force (allowOutOfForce) replays the same way and matches", () => {
    expect(() => createAuditRecord(set, data, { asOf: "2024-03-01" })).toThrow(/was not in force on 2024-03-01/);
    const outOfForce = createAuditRecord(set, data, { asOf: "2024-03-01", allowOutOfForce: true, evaluatedAt: AT });
    expect(outOfForce.result.inForce).toBe(false);
    expect(verify(JSON.parse(JSON.stringify(outOfForce)), structuredClone(data), registry)).toMatchObject({ match: true, replayed: true, differences: [] });
  });

  it("verify: a replay of an unchanged set and data matches", () => {
    const v = verify(JSON.parse(JSON.stringify(record)), structuredClone(data), registry);
    expect(Verification.parse(v)).toEqual(v);
    expect(v).toMatchObject({ match: true, replayed: true, differences: [], notes: [], set: { recorded: set.hash, current: set.hash } });
    expect(v.result).toEqual(record.result);
  });

  it("verify: catches a one-character change in the data, even when the verdict stays", () => {
    const renamed = structuredClone(data);
    renamed.tenDonVi = `${renamed.tenDonVi.slice(0, -1)}X`;
    const v = verify(record, renamed, registry);
    expect(v.match).toBe(false);
    expect(v.differences.map((d) => d.kind)).toEqual(["data-changed"]);
    expect(v.differences[0]!.message.en).toBe(`The unit's data has changed: recorded as ${record.data.hash}, now ${contentHash(renamed)}.`);
  });

  it("verify: says exactly how the verdict, grade, points and criteria changed", () => {
    const edited = structuredClone(data) as Record<string, unknown>;
    edited.coKeHoachHocTap = false;
    const v = verify(record, edited, registry);
    expect(v.differences.map((d) => [d.kind, d.path])).toEqual([
      ["data-changed", null],
      ["grade-changed", "grade"],
      ["points-changed", "points.earned"],
      ["criterion-changed", "criteria[1.1]"],
      ["result-changed", "gap"],
      ["result-changed", "groups"],
      ["result-changed", "message"],
      ["result-changed", "points"],
    ]);
    expect(v.differences.find((d) => d.kind === "criterion-changed")!.message.en).toBe(
      "Criterion 1.1: pass (10/10) → fail (0/10) (differs in: message (2), outcomes, points (2), status, values)",
    );
    expect(v.differences.find((d) => d.kind === "grade-changed")).toMatchObject({ before: "tot", after: "kha" });
  });

  it("verify: reports a set that changed or is missing, and data no longer valid", () => {
    const changedJson = structuredClone(readJson(TT22)) as { decision: { grades: Array<{ minPoints: number }> } };
    changedJson.decision.grades[0]!.minPoints = 90;
    const changed = createRegistry([loadCriteriaSet(changedJson)]);
    const v = verify(record, data, changed);
    // 85 points was Tốt from 85; from 90 it is Khá, with a next grade to reach and another sentence.
    expect(v.differences.map((d) => [d.kind, d.path])).toEqual([
      ["set-changed", null],
      ["grade-changed", "grade"],
      ["result-changed", "gap"],
      ["result-changed", "message"],
    ]);
    expect(v.set.current).not.toBe(v.set.recorded);
    const missing = verify(record, data, createRegistry([]));
    expect(missing).toMatchObject({ match: false, replayed: false, result: null, set: { current: null } });
    expect(missing.differences[0]!.message.en).toBe("The set don-vi-hoc-tap@2020.1.0 is not available: the evaluation cannot be replayed.");
    const invalid = verify(record, { ...data, soNguoi: 3 }, registry);
    expect(invalid.differences.map((d) => d.kind)).toEqual(["data-changed", "data-invalid"]);
  });

  it("verify: notes another library version without calling it a mismatch", () => {
    const old = structuredClone(record);
    old.library.version = "0.0.9";
    old.result.engine.version = "0.0.9";
    const v = verify(old, data, registry);
    expect(v.match).toBe(true);
    expect(v.notes).toEqual([
      { vi: "Bản ghi do tieuchi 0.0.9 tạo; đánh giá lại bằng tieuchi 0.1.0.", en: "Recorded with tieuchi 0.0.9; replayed with tieuchi 0.1.0." },
    ]);
  });

  it("rejects a malformed or self-contradicting record with every problem", () => {
    expect(() => verify({ format: "tieuchi/audit@1" }, data, registry)).toThrow(AuditRecordError);
    const forged = structuredClone(record);
    forged.set.version = "2024.1.0";
    forged.asOf = "2024-01-01";
    try {
      verify(forged, data, registry, { source: "r.json" });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AuditRecordError);
      expect((e as AuditRecordError).code).toBe("ERR_AUDIT_RECORD");
      expect((e as AuditRecordError).problems.map((p) => p.path.join("."))).toEqual(["set.version", "asOf"]);
      expect((e as Error).message).toContain("The audit record r.json is invalid (2 problems)");
    }
  });
});

describe("tieuchi eval --record and tieuchi verify", () => {
  const dir = mkdtempSync(join(tmpdir(), "tieuchi-audit-"));
  const rec = join(dir, "record.json");
  const unit = join(dir, "unit.json");
  cpSync(join(ROOT, UNIT), unit);

  it("records an evaluation and verifies it, exit 0; a one-character edit of the data gives exit 1", () => {
    expect(run("eval", join(ROOT, TT22), unit, "--as-of", "2023-05-01", "--record", rec).code).toBe(0);
    const record = JSON.parse(readFileSync(rec, "utf8"));
    expect(AuditRecord.parse(record).result.verdict).toBe("pass");
    expect(Date.parse(record.evaluatedAt)).toBeGreaterThan(Date.parse("2024-01-01"));
    const ok = run("verify", rec, unit, "--criteria", join(ROOT, "criteria"));
    expect(ok).toMatchObject({
      code: 0,
      out: "don-vi-hoc-tap@2020.1.0: KHỚP — đánh giá lại cho cùng kết quả\n  · bản ghi được băm, không được ký: «khớp» nghĩa là bộ tiêu chí, dữ liệu và kết quả đánh giá lại trùng với bản ghi, không chứng minh ai đã tạo bản ghi; hãy giữ bản ghi ở nơi không ai sửa được\n",
    });
    writeFileSync(unit, readFileSync(unit, "utf8").replace('"tenDonVi": "P', '"tenDonVi": "Q'));
    const bad = run("verify", rec, unit, "--criteria", join(ROOT, "criteria"), "--lang", "en");
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(
      /^don-vi-hoc-tap@2020\.1\.0: MISMATCH\n {2}✘ The unit's data has changed: recorded as sha256:[0-9a-f]{64}, now sha256:[0-9a-f]{64}\.\n$/,
    );
    const json = JSON.parse(run("verify", rec, unit, "--criteria", join(ROOT, "criteria"), "--json").out);
    expect(json).toMatchObject({ match: false, differences: [{ kind: "data-changed" }] });
  });

  it("finds the set in the criteria folder by exact version, and exits 2 on a bad record", () => {
    const other = mkdtempSync(join(tmpdir(), "tieuchi-audit-empty-"));
    cpSync(join(ROOT, "test/fixtures/versions/criteria"), other, { recursive: true });
    expect(run("verify", rec, unit, "--criteria", other, "--lang", "en").out).toContain("The set don-vi-hoc-tap@2020.1.0 is not available");
    writeFileSync(join(dir, "bad.json"), "{}");
    const r = run("verify", join(dir, "bad.json"), unit, "--criteria", join(ROOT, "criteria"));
    expect(r.code).toBe(2);
    expect(r.err).toContain("[ERR_AUDIT_RECORD]");
    expect(run("verify", rec).code).toBe(2);
  });

  it("loads the registry of a criteria folder", () => {
    expect(loadRegistry(join(ROOT, "criteria")).ids()).toContain("don-vi-hoc-tap");
  });
});
