import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { main } from "../src/cli/main.js";
import { describe, expect, it } from "vitest";
import { createImpact, impact, ImpactSummary, msg, UnitImpact } from "../src/index.js";
import { readLines } from "../src/node/index.js";
import { makeSet, readJson, ROOT, text } from "./helpers.js";
import { runAsync } from "./run-cli.js";

const DIR = join(ROOT, "test/fixtures/versions");
const OLD = join(DIR, "criteria/gia-dinh-mau/2018.1.0.json");
const NEW = join(DIR, "criteria/gia-dinh-mau/2024.1.0.json");
const UNITS = join(DIR, "units.ndjson");
const oldSet = readJson("test/fixtures/versions/criteria/gia-dinh-mau/2018.1.0.json");
const newSet = readJson("test/fixtures/versions/criteria/gia-dinh-mau/2024.1.0.json");

function tmp(name: string, content: string | Buffer): string {
  const f = join(mkdtempSync(join(tmpdir(), "tieuchi-impact-")), name);
  writeFileSync(f, content);
  return f;
}

describe("impact of a new version", () => {
  const im = createImpact(oldSet, newSet);
  const out: UnitImpact[] = [];
  for (const line of readLines(UNITS)) {
    const u = "error" in line ? im.unreadable(line.number, line.error) : im.line(line.text, line.number);
    if (u) out.push(UnitImpact.parse(u));
  }
  const at = (n: number) => out.find((u) => u.line === n)!;

  it("lists units whose verdict changes, with the criteria that cause it", () => {
    expect(at(2)).toMatchObject({
      kind: "changed",
      before: { verdict: "pass", grade: "dat", points: 85 },
      after: { verdict: "fail", grade: null, points: 40 },
      changes: ["verdict pass → fail"],
      decision: ["passMark", "grades.minPoints:tieu-bieu", "grades.minPoints:dat"],
    });
    expect(at(2).criteria).toEqual([
      { old: "2", new: "2", before: { status: "pass", points: 30 }, after: { status: "fail", points: 0 }, blocksNow: false },
      { old: "4", new: "4", before: { status: "pass", points: 15 }, after: { status: "fail", points: 0 }, blocksNow: false },
      { old: "5", new: null, before: { status: "missing", points: 0 }, after: null, blocksNow: false },
      { old: null, new: "6", before: null, after: { status: "missing", points: 0 }, blocksNow: true },
    ]);
    expect(at(9)).toMatchObject({ kind: "changed", changes: ["verdict incomplete → fail"] });
  });

  it("keeps units whose verdict and grade stay, without detail", () => {
    expect(at(1)).toMatchObject({ kind: "unchanged", before: { verdict: "pass", points: 85 }, after: { verdict: "pass", points: 80 }, criteria: [] });
    expect(at(3)).toMatchObject({ kind: "unchanged", before: { verdict: "fail" }, after: { verdict: "fail" } });
  });

  it("reports data valid for one version only, invalid for both, and bad lines with their numbers", () => {
    expect(at(4)).toMatchObject({
      kind: "valid-old-only",
      before: { verdict: "pass", grade: "tieu-bieu" },
      after: null,
      problemsFor: "new",
      problems: [{ code: "unknown_field", path: ["vanMinhNoiO"] }],
    });
    expect(at(5)).toMatchObject({
      kind: "valid-new-only",
      before: null,
      after: { verdict: "pass" },
      problemsFor: "old",
      problems: [{ code: "unknown_field", path: ["thamGiaCongDong"] }],
    });
    expect(at(6)).toMatchObject({ kind: "bad-line", problems: [{ code: "ERR_JSON_PARSE", message: 'not valid JSON at line 6, column 42: unexpected "}"' }] });
    expect(at(8)).toMatchObject({ kind: "invalid", problemsFor: "both", problems: [{ code: "invalid_type", path: ["chapHanhPhapLuat"] }] });
    expect(out.map((u) => u.line)).toEqual([1, 2, 3, 4, 5, 6, 8, 9]);
  });

  it("counts every line: per kind of unit, per kind of change, per criterion", () => {
    const s = ImpactSummary.parse(im.summary());
    expect(s).toEqual({
      old: { id: "gia-dinh-mau", version: "2018.1.0", hash: expect.stringMatching(/^sha256:/) },
      new: { id: "gia-dinh-mau", version: "2024.1.0", hash: expect.stringMatching(/^sha256:/) },
      lines: 9,
      blank: 1,
      kinds: { unchanged: 2, changed: 2, "valid-old-only": 1, "valid-new-only": 1, invalid: 1, "bad-line": 1, error: 0 },
      changes: { "verdict pass → fail": 1, "verdict incomplete → fail": 1 },
      criteria: { "2": 1, "4": 2, "5": 2, "6": 2 },
    });
  });

  it("reads each unit without changing it, so both versions see the same data", () => {
    const freeze = (v: unknown): unknown => {
      if (v && typeof v === "object") for (const x of Object.values(v)) freeze(x);
      return Object.freeze(v);
    };
    const unit = freeze(JSON.parse(readFileSync(UNITS, "utf8").split("\n")[1]!));
    expect(impact(oldSet, newSet, [unit]).units[0]).toMatchObject({ kind: "changed", changes: ["verdict pass → fail"] });
  });

  it("counts a change of grade alone, and evaluation errors", () => {
    const grades = (top: number) =>
      makeSet({
        criteria: [
          { id: "a", title: text("a"), points: 60, rule: { var: "a" } },
          { id: "b", title: text("b"), points: 40, rule: { var: "b" } },
        ],
        decision: {
          method: "points",
          maxPoints: 100,
          passMark: 50,
          grades: [
            { id: "gioi", title: text("Giỏi"), minPoints: top },
            { id: "kha", title: text("Khá"), minPoints: 50 },
          ],
        },
      });
    const r = impact(grades(100), grades(60), [
      { a: true, b: false },
      { a: true, b: true },
      { a: false, b: false },
    ]);
    expect(r.units.map((u) => [u.kind, u.changes])).toEqual([
      ["changed", ["grade kha → gioi"]],
      ["unchanged", []],
      ["unchanged", []],
    ]);
    // The cause of a change made by the bands alone is the decision, not a criterion.
    expect(r.units[0]).toMatchObject({ criteria: [], decision: ["grades.minPoints:gioi"] });
    expect(r.summary.changes).toEqual({ "grade kha → gioi": 1 });

    const withTitle = makeSet({ inputs: { a: { type: "title", set: "other-set", description: text("a") } } });
    const e = impact(withTitle, withTitle, [{ a: { data: {} } }]);
    expect(e.units[0]).toMatchObject({ kind: "error", problemsFor: "both", problems: [{ code: "ERR_OPTIONS" }] });
    expect(e.summary.kinds.error).toBe(1);
  });
});

describe("reading lines", () => {
  it("splits across chunk boundaries, keeps multi-byte characters whole, strips CR and a BOM", () => {
    const text = '\uFEFF{"tên": "Nguyễn Thị Ánh"}\r\n\n[1,2]\nlast';
    const f = tmp("l.ndjson", text);
    for (const chunkBytes of [1, 2, 3, 5, 7, 64]) {
      expect([...readLines(f, { chunkBytes })]).toEqual([
        { number: 1, text: '{"tên": "Nguyễn Thị Ánh"}' },
        { number: 2, text: "" },
        { number: 3, text: "[1,2]" },
        { number: 4, text: "last" },
      ]);
    }
  });

  it("reports a line that is not UTF-8 or too long, by number, and goes on", () => {
    const f = tmp("bad.ndjson", Buffer.concat([Buffer.from('{"a":1}\n{"b":"'), Buffer.from([0xff, 0xfe]), Buffer.from(`"}\n${"x".repeat(100)}\n{}\n`)]));
    expect([...readLines(f, { chunkBytes: 16, maxLineBytes: 50 })]).toEqual([
      { number: 1, text: '{"a":1}' },
      { number: 2, error: msg("line.not_utf8") },
      { number: 3, error: msg("line.too_long", { max: 50 }) },
      { number: 4, text: "{}" },
    ]);
  });
});

describe("tieuchi impact", async () => {
  it("prints changed and unusable units, then the counts, and exits 1", async () => {
    const r = await runAsync("impact", OLD, NEW, UNITS, "--lang", "en");
    expect(r.code).toBe(1);
    const lines = r.out.trimEnd().split("\n");
    expect(lines[0]).toBe(
      "line 2: verdict pass → fail — 2: pass (30) → fail (0); 4: pass (15) → fail (0); 5 (removed): missing (0); 6 (new): missing (0) [blocks]; decision changed: passMark, grades.minPoints:tieu-bieu, grades.minPoints:dat",
    );
    expect(lines[1]).toMatch(/^line 4: valid for the old version only \(problem with the new version\): vanMinhNoiO: 'vanMinhNoiO' is not an input/);
    expect(lines[3]).toBe('line 6: bad line: not valid JSON at line 6, column 42: unexpected "}"');
    expect(lines[4]).toBe("line 8: invalid for both: chapHanhPhapLuat: Invalid input: expected boolean, received string");
    expect(lines.slice(-3)).toEqual([
      "gia-dinh-mau@2018.1.0 → gia-dinh-mau@2024.1.0: 8 units (9 lines, 1 blank): 2 unchanged, 2 changed, 1 valid for the old version only, 1 valid for the new version only, 1 invalid for both, 1 bad line, 0 errors",
      "By kind of change: verdict incomplete → fail: 1; verdict pass → fail: 1",
      "Criteria behind the changes: 4 (2), 5 (2), 6 (2), 2 (1)",
    ]);
    expect((await runAsync("impact", OLD, NEW, UNITS)).out).toContain("dòng 2: kết luận đạt → chưa đạt");
  });

  it("prints one JSON object a line with --json, the summary last", async () => {
    const r = await runAsync("impact", OLD, NEW, UNITS, "--json");
    const objects = r.out
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(objects.map((o) => o.type)).toEqual(["unit", "unit", "unit", "unit", "unit", "unit", "summary"]);
    expect(objects[0]).toMatchObject({ type: "unit", line: 2, kind: "changed" });
    expect(objects[6]).toMatchObject({ type: "summary", lines: 9, blank: 1 });
  });

  it("shows the first three problems of a unit, and all of them with --json", async () => {
    const f = tmp("many.ndjson", `${JSON.stringify({ chapHanhPhapLuat: 1, thanhVien: 2, thuNhapBinhQuan: "3", x: 4, y: 5 })}\n`);
    const r = await runAsync("impact", OLD, NEW, f, "--lang", "en");
    expect(r.out.split("\n")[0]).toMatch(/^line 1: invalid for both: chapHanhPhapLuat: .*; thanhVien: .*; thuNhapBinhQuan: .*; … and \d+ more$/);
    const json = JSON.parse((await runAsync("impact", OLD, NEW, f, "--json")).out.split("\n")[0]!);
    expect(json.problems.length).toBeGreaterThan(3);
  });

  it("reads a {unit, data} record as tieuchi batch does: evaluated on its data, labelled from its unit", async () => {
    const first = readFileSync(UNITS, "utf8").split("\n")[1]!;
    const wrapped = JSON.stringify({ unit: { maHo: "HO-0002", xa: "Xã Tân Phú" }, data: JSON.parse(first) });
    const f = tmp("wrapped.ndjson", `${first}\n${wrapped}\n`);
    const lines = (await runAsync("impact", OLD, NEW, f, "--label", "maHo", "--json")).out
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ line: 1, kind: "changed", label: null });
    expect(lines[1]).toMatchObject({ line: 2, kind: "changed", label: "HO-0002", before: lines[0].before, after: lines[0].after, criteria: lines[0].criteria });
    const one = createImpact(oldSet, newSet, { labelField: "thuNhapBinhQuan" }).unit(JSON.parse(wrapped), 7);
    expect(one).toMatchObject({ kind: "changed", label: String(JSON.parse(first).thuNhapBinhQuan) });
  });

  it("exits 0 when no unit changes, and names units by a field of their data", async () => {
    const f = tmp("same.ndjson", `${JSON.stringify({ chapHanhPhapLuat: false, thanhVien: [] })}\n`);
    expect(await runAsync("impact", OLD, NEW, f)).toMatchObject({ code: 0 });
    expect((await runAsync("impact", OLD, NEW, UNITS, "--label", "thuNhapBinhQuan", "--lang", "en")).out).toMatch(/^line 2 \(4\): verdict pass → fail/);
    expect((await runAsync("impact", OLD, NEW, join(DIR, "missing.ndjson"))).code).toBe(2);
    expect((await runAsync("impact", OLD, NEW)).code).toBe(2);
  });
});

describe("tieuchi impact on a slow pipe", () => {
  it("waits for standard output to drain instead of holding every changed unit in memory", async () => {
    const units = readFileSync(UNITS, "utf8").split("\n").filter(Boolean);
    const many = Array.from({ length: 400 }, (_, i) => units[i % units.length]!).join("\n");
    const file = join(mkdtempSync(join(tmpdir(), "tieuchi-impact-")), "many.ndjson");
    writeFileSync(file, many);
    let text = "";
    let mostPending = 0;
    const stdout = new Writable({
      highWaterMark: 256,
      write(chunk: Buffer, _enc, done) {
        text += chunk.toString();
        setImmediate(done); // a reader slower than the writer
      },
    });
    const write = stdout.write.bind(stdout);
    stdout.write = ((chunk: string) => {
      mostPending = Math.max(mostPending, stdout.writableLength);
      return write(chunk);
    }) as typeof stdout.write;
    const code = await main(["impact", OLD, NEW, file, "--json"], { out: (t) => stdout.write(t), err: () => {}, columns: 120, stdout });
    await new Promise((resolve) => stdout.end(resolve));
    expect(code).toBe(1);
    const lines = text
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { type: string });
    expect(lines.at(-1)!.type).toBe("summary");
    expect(lines.length).toBeGreaterThan(100);
    // Without waiting for 'drain', every changed unit would be pending at once.
    expect(mostPending).toBeLessThan(4096);
  });
});
