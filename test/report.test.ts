import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { run } from "./run-cli.js";
import {
  aggregate,
  createReport,
  errorLine,
  evaluate,
  formatReport,
  loadCriteriaSet,
  OptionsError,
  ReportLineError,
  resultLine,
  roundedPercent,
  UnitDataError,
  type BatchLine,
  type Result,
} from "../src/index.js";
import { generateUnits } from "../src/testing/units.js";
import { makeSet, readJson, ROOT, text } from "./helpers.js";

const set = loadCriteriaSet(readJson("criteria/don-vi-hoc-tap/2020.1.0.json"));
const XA = ["Xã Ân Hòa", "Phường 2", "Xã Bình An", "Phường 10"];

/** Batch output for `n` generated agencies: every seventh has bad data. */
function batch(n: number): BatchLine[] {
  const lines: BatchLine[] = [];
  let i = 0;
  for (const data of generateUnits(set, n, { seed: "report-test", listLength: [2, 6] })) {
    i++;
    const unit = { id: `DV-${i}`, xa: XA[i % XA.length]!, capQuanLy: (data.capQuanLy as string | undefined) ?? null };
    if (i % 7 === 0) data.coKeHoachHocTap = "có";
    try {
      lines.push(resultLine(i + 1, unit, evaluate(set, data, { explain: i % 2 === 0 })));
    } catch (e) {
      if (!(e instanceof UnitDataError)) throw e;
      lines.push(errorLine(i + 1, unit, e));
    }
  }
  return lines;
}

function fakeResult(verdict: Result["verdict"], grade: string | null, earned: number): Result {
  const base = evaluate(set, readJson("docs/examples/don-vi-hoc-tap/phong-gd-huyen-mau.json"), { explain: false });
  const titles: Record<string, { vi: string; en: string }> = {
    tot: { vi: "Tốt", en: "Good" },
    kha: { vi: "Khá", en: "Fairly good" },
    "trung-binh": { vi: "Trung bình", en: "Average" },
  };
  return { ...base, verdict, grade: grade === null ? null : { id: grade, title: titles[grade]! }, points: { ...base.points!, earned } };
}

function tmp(name: string, content: string | Buffer): string {
  const f = join(mkdtempSync(join(tmpdir(), "tieuchi-report-")), name);
  writeFileSync(f, content);
  return f;
}

describe("report percentages", () => {
  it("round once, half away from zero, to the decimals asked for", () => {
    expect(roundedPercent(1, 8, 0)).toBe("13");
    expect(roundedPercent(1, 16, 1)).toBe("6.3");
    expect(roundedPercent(3, 8, 1)).toBe("37.5");
    expect(roundedPercent(3, 16, 1)).toBe("18.8");
    expect(roundedPercent(1, 200, 0)).toBe("1");
    expect(roundedPercent(96, 98, 1)).toBe("98.0");
    expect(roundedPercent(2, 3, 0)).toBe("67");
    expect(roundedPercent(1, 3, 2)).toBe("33.33");
    expect(roundedPercent(1, 8, 3)).toBe("12.500");
    expect(roundedPercent(0, 5, 1)).toBe("0.0");
    expect(roundedPercent(5, 5, 0)).toBe("100");
    expect(roundedPercent(0, 0, 1)).toBeNull();
    // Floating point would say 1.005 * 100 = 100.49999...: integers do not.
    expect(roundedPercent(201, 20000, 2)).toBe("1.01");
    expect(roundedPercent(Number.MAX_SAFE_INTEGER - 1, Number.MAX_SAFE_INTEGER, 6)).toBe("100.000000");
  });

  it("refuse counts that are not whole numbers, and decimals out of range", () => {
    expect(() => roundedPercent(-1, 3, 1)).toThrow(OptionsError);
    expect(() => roundedPercent(1.5, 3, 1)).toThrow(OptionsError);
    expect(() => roundedPercent(1, 3, 11)).toThrow(/decimals/);
    expect(() => createReport({ decimals: -1 })).toThrow(OptionsError);
  });

  it("are the nearest value, with ties going up, for any count and decimals", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.nat(), fc.integer({ min: 0, max: 6 }), (total, k, d) => {
        const count = k % (total + 1);
        const text = roundedPercent(count, total, d)!;
        expect(text).toMatch(d === 0 ? /^\d+$/ : new RegExp(`^\\d+\\.\\d{${d}}$`));
        const r = BigInt(text.replace(".", ""));
        // (r - 1/2) <= exact < (r + 1/2), in units of 10^-d percent.
        const exact2 = 2n * BigInt(count) * 100n * 10n ** BigInt(d);
        expect((2n * r - 1n) * BigInt(total) <= exact2).toBe(true);
        expect(exact2 < (2n * r + 1n) * BigInt(total)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("report aggregation", () => {
  const lines = batch(60);

  it("gives the same figures from result objects, from NDJSON text, and in any order of lines (CSV or NDJSON input alike)", () => {
    const fromObjects = aggregate(lines, { by: ["xa"] });
    const fromText = aggregate(
      lines.map((l) => JSON.stringify(l)),
      { by: ["xa"] },
    );
    const shuffled = [...lines].reverse().map((l, i) => ({ ...l, line: 1000 + ((i * 37) % 997) }));
    const fromOtherInput = aggregate(shuffled, { by: ["xa"] });
    expect(fromText).toEqual(fromObjects);
    expect({ ...fromOtherInput, errors: [] }).toEqual({ ...fromObjects, errors: [] });
    expect(fromOtherInput.errors.map((e) => e.unit.id).sort()).toEqual(fromObjects.errors.map((e) => e.unit.id).sort());
  });

  it("counts verdicts, grades and criteria exactly, overall and by group", () => {
    const r = aggregate(lines, { by: ["xa"] });
    const results = lines.filter((l): l is Extract<BatchLine, { result: unknown }> => "result" in l).map((l) => l.result);
    expect(r.total.units).toBe(60);
    expect(r.total.errors.count).toBe(8);
    expect(r.total.evaluated).toBe(52);
    for (const v of ["pass", "fail", "incomplete"] as const) expect(r.total.verdicts[v].count).toBe(results.filter((x) => x.verdict === v).length);
    expect(r.total.grades.map((g) => g.id)).toEqual(["tot", "kha", "trung-binh", null]);
    // Final grades, provisional grades and incomplete verdicts (in no grade) partition the units evaluated.
    expect(r.total.grades.reduce((s, g) => s + g.count + g.provisional.count, 0) + r.total.verdicts.incomplete.count).toBe(52);
    const c21 = r.total.sets[0]!.criteria.find((c) => c.id === "2.1")!;
    expect(c21.fail.count).toBe(results.filter((x) => x.criteria.find((c) => c.id === "2.1")!.status === "fail").length);
    expect(c21.fail.percent).toBe(roundedPercent(c21.fail.count, 52, 1));
    // Groups: sorted as Vietnamese readers expect, numbers in order, and adding up to the total.
    expect(r.groups.map((g) => g.key.xa)).toEqual(["Phường 2", "Phường 10", "Xã Ân Hòa", "Xã Bình An"]);
    expect(r.groups.reduce((s, g) => s + g.units, 0)).toBe(60);
    expect(r.groups.reduce((s, g) => s + g.verdicts.pass.count, 0)).toBe(r.total.verdicts.pass.count);
  });

  it("never counts a provisional grade as final, nor an incomplete verdict in a grade; every share is of the units evaluated", () => {
    const base = readJson("docs/examples/don-vi-hoc-tap/phong-gd-huyen-mau.json") as { thanhVien: Record<string, unknown>[] } & Record<string, unknown>;
    // A member's 3.1 answer missing: pass for certain, Khá at least, Tốt still possible.
    const provisional = structuredClone(base);
    for (const m of provisional.thanhVien) m.coKeHoachTuHocDuocDuyet = true;
    provisional.chiaSeTriThuc = false;
    delete (provisional.thanhVien[3]!.nangLucCongDanHocTap as Record<string, unknown>).binhDangGioi;
    const p = evaluate(set, provisional);
    expect([p.verdict, p.grade?.id, p.gradeFinal, p.highestGrade?.id]).toEqual(["pass", "kha", false, "tot"]);
    // The agency with no staff: fail (TT 22/2020 gives it none of the member criteria's points).
    const empty = evaluate(set, { ...base, thanhVien: [] });
    expect(empty.verdict).toBe("fail");
    const unknownStaff = structuredClone(base) as Record<string, unknown>;
    delete unknownStaff.thanhVien;
    const incomplete = evaluate(set, unknownStaff);
    expect(incomplete.verdict).toBe("incomplete");
    const final = evaluate(set, base);
    const r = aggregate(
      [p, empty, incomplete, final].map((x, i) => resultLine(i + 1, {}, x)),
      { set },
    );
    const byId = Object.fromEntries(r.total.grades.map((g) => [String(g.id), [g.count, g.provisional.count, g.total]]));
    expect(byId).toEqual({
      tot: [final.grade?.id === "tot" ? 1 : 0, 0, 4],
      kha: [final.grade?.id === "kha" ? 1 : 0, 1, 4],
      "trung-binh": [0, 0, 4],
      null: [1, 0, 4],
    });
    expect(r.total.verdicts.incomplete).toEqual({ count: 1, total: 4, percent: "25.0" });
    const text = formatReport(r, "text", "en");
    expect(text).toContain("Grades (out of 4 units evaluated; a provisional grade is the lowest the unit is sure of");
    expect(text).toMatch(/Fairly good +\d\/4 [\d.]+% +1\/4 25\.0%/);
    expect(text).toMatch(/Incomplete +1\/4 25\.0%/);
    expect(formatReport(r, "text", "vi")).toContain("Xếp loại (trên 4 đơn vị đã đánh giá; xếp loại tạm là mức thấp nhất đơn vị chắc chắn đạt");
  });

  it("puts units without the grouping field in a group of their own, last", () => {
    const r = aggregate([...lines.slice(0, 5), resultLine(99, {}, fakeResult("pass", "tot", 90))], { by: ["xa"] });
    expect(r.groups.at(-1)!.key).toEqual({ xa: null });
    expect(r.groups.at(-1)!.units).toBe(1);
  });

  it("orders grades by band without the set, and lists grades nobody reached with it", () => {
    const few = [fakeResult("pass", "trung-binh", 55), fakeResult("pass", "tot", 90), fakeResult("fail", null, 20), fakeResult("pass", "trung-binh", 60)];
    const without = aggregate(few);
    expect(without.total.grades.map((g) => [g.id, g.count])).toEqual([
      ["tot", 1],
      ["trung-binh", 2],
      [null, 1],
    ]);
    const withSet = aggregate(few, { set });
    expect(withSet.total.grades.map((g) => [g.id, g.count, g.percent])).toEqual([
      ["tot", 1, "25.0"],
      ["kha", 0, "0.0"],
      ["trung-binh", 2, "50.0"],
      [null, 1, "25.0"],
    ]);
  });

  it("orders levels of an all-must-pass decision from the highest", () => {
    const levels = loadCriteriaSet(
      makeSet({
        criteria: [
          { id: "1", title: text("a"), level: "muc-1", rule: { var: "a" } },
          { id: "2", title: text("b"), level: "muc-2", rule: { var: "b" } },
        ],
        decision: {
          method: "all",
          levels: [
            { id: "muc-1", title: text("Mức 1") },
            { id: "muc-2", title: text("Mức 2") },
          ],
        },
      }),
    );
    const units = [
      { a: true, b: false },
      { a: false, b: false },
      { a: true, b: true },
      { a: true, b: false },
    ];
    const r = aggregate(units.map((u) => evaluate(levels, u)));
    expect(r.total.grades.map((g) => [g.id, g.count])).toEqual([
      ["muc-2", 1],
      ["muc-1", 2],
      [null, 1],
    ]);
    expect(r.total.sets[0]!.criteria.map((c) => [c.id, c.fail.count])).toEqual([
      ["1", 1],
      ["2", 3],
    ]);
  });

  it("quotes the figure a yearly report needs: 96/98 passing is 98.0%", () => {
    const many = [...Array.from({ length: 96 }, () => fakeResult("pass", "tot", 90)), fakeResult("fail", null, 20), fakeResult("fail", null, 30)];
    const r = aggregate(many, { decimals: 1 });
    expect(r.total.verdicts.pass).toEqual({ count: 96, total: 98, percent: "98.0" });
    expect(formatReport(r, "text", "en")).toMatch(/^Pass +96\/98 +98\.0%$/m);
    expect(formatReport(r, "text", "vi")).toMatch(/^Đạt +96\/98 +98,0%$/m);
  });

  it("lists units in error by line, keeping the lowest lines when there are many", () => {
    const errs = Array.from({ length: 300 }, (_, i) => errorLine(300 - i, { id: `u${300 - i}` }, { code: "ERR_UNIT_DATA", message: "bad\nmore" }));
    const r = aggregate(errs, { maxErrors: 5 });
    expect(r.errors.map((e) => e.line)).toEqual([1, 2, 3, 4, 5]);
    expect(r.total.errors).toEqual({ count: 300, total: 300, percent: "100.0" });
    expect(formatReport(r, "text", "en")).toContain("... and 295 more");
  });

  it("names the line that is not batch output, and skips blank lines", () => {
    const acc = createReport();
    acc.addLine("", 1);
    acc.addLine("   ", 2);
    expect(() => acc.addLine('{"line": 3, "unit": {}, "result": ', 3)).toThrow(ReportLineError);
    expect(() => acc.addLine('{"line": 3, "unit": {}, "result": ', 3)).toThrow(/^line 3: not valid JSON/);
    expect(() => acc.addLine(JSON.stringify({ line: 4, unit: {}, verdict: "pass" }), 4)).toThrow(/line 4: not a line of batch output/);
    expect(() => acc.addLine(JSON.stringify({ line: 5, unit: { xa: { ten: "A" } }, error: { code: "X", message: "m" } }), 5)).toThrow(/line 5/);
    expect(() => acc.addLine(JSON.stringify({ line: 6, unit: {}, error: { code: "X", message: "m" }, result: fakeResult("pass", "tot", 90) }), 6)).toThrow(
      /either a result or an error/,
    );
    // Keys a later version may add are ignored.
    acc.addLine(JSON.stringify({ line: 7, unit: {}, error: { code: "X", message: "m" }, worker: 3 }), 7);
    // A bare result (without the envelope) is read as a line of its own.
    acc.addLine(JSON.stringify(fakeResult("pass", "tot", 90)), 8);
    expect(acc.finish().total).toMatchObject({ units: 2, evaluated: 1 });
  });
});

describe("report formats", () => {
  const r = aggregate(batch(30), { by: ["capQuanLy"] });

  it("writes Markdown tables with a section per group", () => {
    const md = formatReport(r, "md", "en");
    expect(md).toMatch(/^# Learning unit \(district and provincial agencies\)\n/);
    expect(md).toContain("| Verdict | Count | Share |\n| --- | ---: | ---: |\n| Pass |");
    expect(md).toContain("## By capQuanLy");
    expect(md).toMatch(/\n## capQuanLy: Cấp huyện\n/);
    expect(md).toMatch(/\n### Criteria \(out of \d+ units evaluated\)\n\n\| ID \| Pass \| Fail \| Missing data \| Not applicable \| Criterion \|/);
  });

  it("writes CSV, one figure per row, with '.' decimals whatever the language", () => {
    const csv = formatReport(r, "csv", "vi");
    const rows = csv.trimEnd().split("\r\n");
    expect(rows[0]).toBe("scope,capQuanLy,section,set,key,status,label,count,total,percent");
    const pass = rows.find((x) => x.startsWith("all,,verdict,,pass,"))!;
    expect(pass).toBe(`all,,verdict,,pass,,Đạt,${r.total.verdicts.pass.count},${r.total.evaluated},${r.total.verdicts.pass.percent}`);
    expect(rows.some((x) => x.startsWith('group,Cấp tỉnh,criterion,don-vi-hoc-tap@2020.1.0,2.1,fail,"100% thành viên có kế hoạch tự học, tự'))).toBe(true);
    // Units (2), verdicts (3), each grade final (4) and provisional (3: not for "no grade"), each criterion's 5 statuses.
    expect(rows.filter((x) => x.startsWith("all,")).length).toBe(2 + 3 + 4 + 3 + 10 * 5);
    expect(rows.some((x) => x.startsWith("all,,grade,,kha,provisional,"))).toBe(true);
  });

  it("quotes CSV cells that need it and defuses formulas", () => {
    const tricky = aggregate(
      [resultLine(1, { xa: '=HYPERLINK("x")' }, fakeResult("pass", "tot", 90)), resultLine(2, { xa: "A, B" }, fakeResult("pass", "tot", 90))],
      { by: ["xa"] },
    );
    const csv = formatReport(tricky, "csv", "en");
    expect(csv).toContain(`group,"'=HYPERLINK(""x"")",verdict`);
    expect(csv).toContain('group,"A, B",verdict');
  });

  it("writes JSON that is the report itself", () => {
    expect(JSON.parse(formatReport(r, "json"))).toEqual(JSON.parse(JSON.stringify(r)));
  });
});

describe("tieuchi report", () => {
  const lines = batch(24);
  const ndjson = `${lines.map((l) => JSON.stringify(l)).join("\n")}\n`;

  it("reads the file line by line and prints the report", () => {
    const f = tmp("results.ndjson", ndjson);
    const r = run("report", f, "--by", "xa", "--lang", "en", "--decimals", "2");
    expect(r.code).toBe(0);
    const report = aggregate(lines, { by: ["xa"], decimals: 2 });
    expect(r.out).toBe(formatReport(report, "text", "en"));
    expect(r.out).toContain(`24 units: ${report.total.evaluated} evaluated, ${report.total.errors.count} (${report.total.errors.percent}%) not evaluated`);
    expect(r.out).toMatch(
      /line 8 \(DV-7, Phường 10, Cấp (huyện|tỉnh)\): The unit's data does not match the inputs declared by don-vi-hoc-tap@2020\.1\.0 \(1 problem\): coKeHoachHocTap: Invalid input: expected boolean, received string \[ERR_UNIT_DATA\]/,
    );
  });

  it("writes CSV, Markdown or JSON, to a file with --out", () => {
    const f = tmp("results.ndjson", ndjson);
    const out = join(mkdtempSync(join(tmpdir(), "tieuchi-out-")), "r.csv");
    const r = run("report", "--lang", "en", f, "--format", "csv", "--by", "xa,capQuanLy", "--out", out);
    expect(r.code).toBe(0);
    expect(r.err).toContain(`wrote ${out}`);
    expect(JSON.parse(run("report", "--lang", "en", f, "--format", "json", "--by", "xa", "--by", "capQuanLy").out).by).toEqual(["xa", "capQuanLy"]);
  });

  it("reads CRLF line ends and a byte-order mark", () => {
    const f = tmp("crlf.ndjson", `\uFEFF${lines.map((l) => JSON.stringify(l)).join("\r\n")}\r\n`);
    expect(run("report", "--lang", "en", f, "--format", "json").out).toBe(formatReport(aggregate(lines), "json"));
  });

  it("reads standard input with -", () => {
    const r = spawnSync(process.execPath, [join(ROOT, "dist/cli.js"), "report", "-", "--format", "json"], { input: ndjson, encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).total.units).toBe(24);
  });

  it("exits 2 naming the line that is not batch output, or bad options", () => {
    const f = tmp("bad.ndjson", `${JSON.stringify(lines[0])}\n${JSON.stringify(lines[1])}\n{"line": 4,\n`);
    const r = run("report", "--lang", "en", f);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^tieuchi: line 3: not valid JSON: .* \[ERR_REPORT_LINE\]/);
    expect(run("report", "--lang", "en", f, "--format", "xls").err).toContain('--format is text, md, csv or json, not "xls"');
    expect(run("report", "--lang", "en", f, "--decimals", "x").code).toBe(2);
    expect(run("report", "--lang", "en", f, "--decimals", "11").err).toContain("decimals must be a whole number from 0 to 10");
    expect(run("report").code).toBe(2);
    expect(run("report", "--lang", "en", tmp("latin1.ndjson", Buffer.from([0x7b, 0xe9, 0x7d, 0x0a]))).err).toContain(
      "line 1: the line is not UTF-8 text [ERR_REPORT_LINE]",
    );
    expect(run("report", "--lang", "en", tmpdir()).err).toContain(`${tmpdir()}: is a folder, not a file [ERR_FILE]`);
    expect(run("report", "--lang", "en", "/nonexistent/results.ndjson").err).toContain("/nonexistent/results.ndjson: no such file");
  });
});
