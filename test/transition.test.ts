import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { evaluate, evaluateTransition, NotInForceError, OptionsError } from "../src/index.js";
import { loadRegistry } from "../src/node/index.js";
import { readJson, ROOT } from "./helpers.js";
import { run } from "./run-cli.js";

const CRITERIA = join(ROOT, "test/fixtures/versions/criteria");
const UNIT = join(ROOT, "test/fixtures/versions/unit.json");
const registry = loadRegistry(CRITERIA);
const unit = readJson("test/fixtures/versions/unit.json") as Record<string, unknown>;

describe("transitional evaluation", () => {
  it("evaluates under the version in force on each date, side by side", () => {
    const t = evaluateTransition(registry, "gia-dinh-mau", unit, { applied: "2023-12-01", decided: "2024-02-15" });
    expect(t.applied.reason).toMatchObject({ version: "2018.1.0", document: "Quyết định 1/2018/QĐ-THU", validTo: "2024-01-29" });
    expect(t.decided.reason).toMatchObject({ version: "2024.1.0", supersedes: { id: "gia-dinh-mau", version: "2018.1.0" } });
    expect(t.applied.result).toEqual(evaluate(registry.get("gia-dinh-mau", "2018.1.0")!, unit, { asOf: "2023-12-01" }));
    expect(t.decided.result).toEqual(evaluate(registry.get("gia-dinh-mau", "2024.1.0")!, unit, { asOf: "2024-02-15" }));
    expect(t).toMatchObject({ sameVersion: false, differs: true });
    expect(t.applied.result!.verdict).toBe("pass");
    expect(t.decided.result!.verdict).toBe("incomplete");
    expect(t.rows).toEqual([
      { applied: { id: "1", status: "pass", points: 20 }, decided: { id: "1", status: "pass", points: 20 } },
      { applied: { id: "2", status: "pass", points: 30 }, decided: { id: "2", status: "pass", points: 30 } },
      { applied: { id: "3", status: "pass", points: 20 }, decided: { id: "TC3", status: "pass", points: 20 } },
      { applied: { id: "4", status: "pass", points: 15 }, decided: { id: "4", status: "fail", points: 0 } },
      { applied: null, decided: { id: "6", status: "missing", points: 0 } },
      { applied: { id: "5", status: "missing", points: 0 }, decided: null },
    ]);
    expect(t.message.en).toBe(
      "Applied 2023-12-01: gia-dinh-mau@2018.1.0 (Quyết định 1/2018/QĐ-THU) → PASS, Achieved; decided 2024-02-15: gia-dinh-mau@2024.1.0 (Quyết định 2/2023/QĐ-THU) → INCOMPLETE. The two versions disagree.",
    );
  });

  it("says when one version covers both dates", () => {
    const t = evaluateTransition(registry, "gia-dinh-mau", unit, { applied: "2024-02-01", decided: "2024-03-01" });
    expect(t).toMatchObject({ sameVersion: true, differs: false });
    expect(t.message.vi).toContain("Cùng một phiên bản có hiệu lực vào cả hai ngày.");
  });

  it("evaluates the side whose inputs accept the data, and says why the other has no result", () => {
    const t = evaluateTransition(registry, "gia-dinh-mau", { ...unit, thamGiaCongDong: true }, { applied: "2023-12-01", decided: "2024-02-15" });
    expect(t.applied.result).toBeNull();
    expect(t.applied.error).toMatchObject({ code: "ERR_UNIT_DATA", problems: [{ code: "unknown_field", path: ["thamGiaCongDong"] }] });
    expect(t.decided.result).toMatchObject({ verdict: "pass", points: { earned: 90 } });
    expect(t.differs).toBe(true);
  });

  it("refuses dates out of order, malformed or before any version", () => {
    expect(() => evaluateTransition(registry, "gia-dinh-mau", unit, { applied: "2024-03-01", decided: "2024-02-01" })).toThrow(OptionsError);
    expect(() => evaluateTransition(registry, "gia-dinh-mau", unit, { applied: "1.12.2023", decided: "2024-02-01" })).toThrow(OptionsError);
    expect(() => evaluateTransition(registry, "gia-dinh-mau", unit, { applied: "2017-01-01", decided: "2024-02-01" })).toThrow(NotInForceError);
  });
});

describe("transitional evaluation across TT 22/2020 → TT 24/2023", () => {
  const real = loadRegistry(join(ROOT, "criteria"));
  const agency = readJson("docs/examples/don-vi-hoc-tap/phong-gd-huyen-mau.json");

  it("evaluates data written for TT 22 under TT 22, and says why TT 24 cannot take it", () => {
    const t = evaluateTransition(real, "don-vi-hoc-tap", agency, { applied: "2023-12-01", decided: "2024-03-01" });
    expect([t.applied.reason.document, t.decided.reason.document]).toEqual(["Thông tư 22/2020/TT-BGDĐT", "Thông tư 24/2023/TT-BGDĐT"]);
    expect(t.applied.result!.verdict).toBe("pass");
    expect(t.decided).toMatchObject({ result: null, error: { code: "ERR_UNIT_DATA" } });
    // TT 24 rewords TT 22's criteria under new ids: 1.1 and TC1.CT1 (a plan for members to learn) share a row,
    // and TT 24's cells have no status.
    expect(t.rows.find((r) => r.decided?.id === "TC1.CT1")).toEqual({
      applied: { id: "1.1", status: "pass", points: 10 },
      decided: { id: "TC1.CT1", status: null, points: null },
    });
    const r = run(
      "eval",
      "--set",
      "don-vi-hoc-tap",
      "--criteria",
      join(ROOT, "criteria"),
      "--applied",
      "2023-12-01",
      "--decided",
      "2024-03-01",
      join(ROOT, "docs/examples/don-vi-hoc-tap/phong-gd-huyen-mau.json"),
      "--lang",
      "en",
    );
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/\nVerdict\s+PASS, Good 85\/100\s+data not valid\n/);
    expect(r.out).toContain("The data is not valid for don-vi-hoc-tap@2024.1.0 (53 problems):\n  - thanhVien[0].coKeHoachTuHocDuocDuyet:");
    expect(r.out).toContain("  … and 48 more (see --json)\n");
  });
});

describe("tieuchi eval --set", () => {
  it("--applied and --decided print both versions, why, and the criteria side by side", () => {
    const r = run("eval", "--set", "gia-dinh-mau", "--criteria", CRITERIA, "--applied", "2023-12-01", "--decided", "2024-02-15", UNIT, "--lang", "en");
    expect(r.code).toBe(1);
    const lines = r.out.split("\n");
    expect(lines[0]).toMatch(
      /^Applied 2023-12-01: gia-dinh-mau@2018\.1\.0 \(Quyết định 1\/2018\/QĐ-THU, .*\) is in force on 2023-12-01: from 2018-11-05 to 2024-01-29\./,
    );
    expect(lines[1]).toMatch(/^Decided 2024-02-15: gia-dinh-mau@2024\.1\.0 .* It superseded gia-dinh-mau@2018\.1\.0/);
    expect(r.out).toMatch(/Criterion\s+gia-dinh-mau@2018\.1\.0 \(applied 2023-12-01\)\s+gia-dinh-mau@2024\.1\.0 \(decided 2024-02-15\)/);
    expect(r.out).toMatch(/\n3 → TC3\s+✔ pass 20\s+✔ pass 20\n/);
    expect(r.out).toMatch(/\n4\s+✔ pass 15\s+✘ fail 0\n/);
    expect(r.out).toMatch(/\nVerdict\s+PASS, Achieved 85\/100\s+INCOMPLETE 70\/100\n/);
    const json = JSON.parse(
      run("eval", "--set", "gia-dinh-mau", "--criteria", CRITERIA, "--applied", "2023-12-01", "--decided", "2024-02-15", UNIT, "--json").out,
    );
    expect(json).toEqual(JSON.parse(JSON.stringify(evaluateTransition(registry, "gia-dinh-mau", unit, { applied: "2023-12-01", decided: "2024-02-15" }))));
  });

  it("--as-of evaluates the version in force then and says why; exit 0 on pass", () => {
    const r = run("eval", "--set", "gia-dinh-mau", "--criteria", CRITERIA, "--as-of", "2023-12-01", UNIT, "--lang", "en");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(
      /^gia-dinh-mau@2018\.1\.0 \(.*\) is in force on 2023-12-01: from 2018-11-05 to 2024-01-29\. It is superseded by gia-dinh-mau@2024\.1\.0/,
    );
    expect(r.out).toContain("Verdict: PASS, grade Achieved — 85 to 100 of 100 points (pass mark 70)");
    const json = JSON.parse(run("eval", "--set", "gia-dinh-mau", "--criteria", CRITERIA, "--as-of", "2024-02-15", UNIT, "--json").out);
    expect(json.reason.version).toBe("2024.1.0");
    expect(json.result).toEqual(JSON.parse(JSON.stringify(evaluate("gia-dinh-mau", unit, { sets: registry, asOf: "2024-02-15" }))));
  });

  it("exits 2 with a clear message for a date no version covers, and on usage errors", () => {
    const r = run("eval", "--set", "gia-dinh-mau", "--criteria", CRITERIA, "--as-of", "2010-01-01", UNIT, "--lang", "en");
    expect(r.code).toBe(2);
    expect(r.err).toContain("no version of 'gia-dinh-mau' was in force on 2010-01-01: the first, gia-dinh-mau@2018.1.0, came into force on 2018-11-05");
    expect(r.err).toContain("[ERR_NOT_IN_FORCE]");
    expect(run("eval", "--set", "gia-dinh-mau", "--criteria", CRITERIA, UNIT).code).toBe(2);
    expect(run("eval", "--set", "gia-dinh-mau", "--criteria", CRITERIA, "--applied", "2023-12-01", UNIT).code).toBe(2);
    expect(
      run("eval", "--set", "gia-dinh-mau", "--criteria", CRITERIA, "--as-of", "2023-12-01", "--decided", "2024-01-01", "--applied", "2023-01-01", UNIT).code,
    ).toBe(2);
    expect(
      run("eval", "--set", "gia-dinh-mau", "--criteria", CRITERIA, "--applied", "2023-12-01", "--decided", "2024-02-15", "--record", "x.json", UNIT).code,
    ).toBe(2);
    expect(run("eval", "--set", "gia-dinh-mau", "--criteria", CRITERIA, "--as-of", "2023-12-01").code).toBe(2);
    expect(run("eval", "--set", "gia-dinh-mau", "--sets", CRITERIA, "--as-of", "2023-12-01", UNIT, "--lang", "en").err).toContain("drop --sets");
  });
});
