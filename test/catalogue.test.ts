import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../src/cli/main.js";
import { loadCriteriaSet, renderCatalogue } from "../src/index.js";
import { findCriteriaFiles, loadCriteriaDir } from "../src/node/index.js";
import { makeSet, ROOT, text } from "./helpers.js";

function run(...args: string[]) {
  let out = "";
  let err = "";
  const code = main(args, { out: (t) => (out += t), err: (t) => (err += t), columns: 120 });
  return { code, out, err };
}

const v1 = makeSet({
  id: "danh-hieu",
  version: "2018.1.0",
  title: { vi: "Danh hiệu | thử", en: "Test title" },
  validFrom: "2018-01-01",
  validTo: "2023-12-31",
  source: { document: "QĐ 1/2018", issuer: "Bộ A", issued: "2018-01-01", url: "https://example.org/qd-1" },
});
const v2 = makeSet({
  id: "danh-hieu",
  version: "2024.1.0",
  validFrom: "2024-01-01",
  supersedes: { id: "danh-hieu", version: "2018.1.0" },
  completeness: { level: "partial", notes: ["Criterion 2 was not found."] },
  criteria: [
    { id: "1", title: text("one"), points: 60, rule: { var: "a" } },
    { id: "2", title: text("hai"), points: 40, pending: { reason: text("table not found") } },
  ],
});
const other = makeSet({
  id: "bo-khac",
  decision: { method: "all", levels: [{ id: "muc-1", title: text("Mức độ 1") }] },
  criteria: [{ id: "1", title: text("one"), rule: { var: "a" } }],
});

describe("renderCatalogue", () => {
  const sets = [loadCriteriaSet(v2), loadCriteriaSet(other), loadCriteriaSet(v1)];
  const md = renderCatalogue(sets, { command: "npm run catalogue" });

  it("lists every set and version in a summary table, by id then date, with pipes escaped", () => {
    const rows = md.split("\n").filter((l) => l.startsWith("| ["));
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatch(/^\| \[bo-khac\]\(#bo-khac\) \| 1\.0\.0 \|/);
    expect(rows[1]).toContain("| 2018.1.0 | Danh hiệu \\| thử | QĐ 1/2018 | 01/01/2018 to 31/12/2023 | — | complete, from secondary copies |");
    expect(rows[2]).toContain("| 2024.1.0 | Bộ thử | QĐ 1/2024 | from 01/01/2024 | danh-hieu@2018.1.0 | partial (1 pending) |");
  });

  it("gives each version its document, dates, lineage both ways, decision, pending criteria and notes", () => {
    expect(md).toContain("## danh-hieu");
    expect(md).toContain("- **Text:** <https://example.org/qd-1>");
    expect(md).toContain("- **Document:** QĐ 1/2018 (Bộ A, signed 01/01/2018)");
    expect(md).toContain("- **Completeness:** complete, from secondary copies (đầy đủ, theo bản sao thứ cấp)");
    expect(md).toContain("- **Supersedes:** —; **superseded by:** danh-hieu@2024.1.0");
    expect(md).toContain("- **Supersedes:** danh-hieu@2018.1.0; **superseded by:** —");
    expect(md).toContain("- **Criteria:** 2 (1 encoded, 1 pending)");
    expect(md).toContain("  - `2` hai: table not found");
    expect(md).toContain("  - Criterion 2 was not found.");
    expect(md).toContain("- **Decision:** points: pass at 50 of 100; knock-out criteria block the title");
    expect(md).toContain("- **Decision:** every applicable criterion must pass, levels cumulative: Mức độ 1");
    expect(md).toMatch(/- \*\*File:\*\* `criteria\/danh-hieu\/2024\.1\.0\.json`, sha256:[0-9a-f]{64}/);
    expect(md).toContain("by `npm run catalogue`");
  });

  it("is the same whatever order the sets come in", () => {
    expect(renderCatalogue([...sets].reverse(), { command: "npm run catalogue" })).toBe(md);
  });
});

describe("notes in the reader's language", () => {
  const noted = makeSet({
    id: "ghi-chu",
    completeness: {
      level: "complete-secondary",
      notes: [{ vi: "Ngưỡng lấy theo bản tỉnh ban hành lại.", en: "Threshold taken from the provincial re-issue." }, "Written once, as its author wrote it."],
    },
    references: [{ document: "CV 1/2024", note: { vi: "Nhắc lại tiêu chí 2.", en: "Restates criterion 2." } }],
  });
  const vi = renderCatalogue([loadCriteriaSet(noted)], { lang: "vi" });
  const en = renderCatalogue([loadCriteriaSet(noted)], { lang: "en" });

  it("prints a {vi, en} note in the page's language and a plain one as written", () => {
    expect(vi).toContain("  - Ngưỡng lấy theo bản tỉnh ban hành lại.");
    expect(vi).toContain("  - CV 1/2024: Nhắc lại tiêu chí 2.");
    expect(vi).not.toContain("Threshold taken");
    expect(en).toContain("  - Threshold taken from the provincial re-issue.");
    expect(en).toContain("  - CV 1/2024: Restates criterion 2.");
    expect(en).not.toContain("Ngưỡng lấy");
    for (const page of [vi, en]) expect(page).toContain("  - Written once, as its author wrote it.");
  });

  it("refuses a note with an empty language", () => {
    const bad = makeSet({ completeness: { level: "partial", notes: [{ vi: "", en: "x" }] } });
    expect(() => loadCriteriaSet(bad)).toThrow(/completeness\.notes/);
  });

  it("every shipped completeness and reference note is {vi, en}, the two differing", () => {
    const sets = loadCriteriaDir(join(ROOT, "criteria"));
    let count = 0;
    for (const s of sets) {
      const notes = [...s.definition.completeness.notes, ...s.definition.references.flatMap((r) => (r.note === undefined ? [] : [r.note]))];
      for (const n of notes) {
        expect(typeof n, `${s.definition.id}@${s.definition.version}: ${JSON.stringify(n)}`).toBe("object");
        if (typeof n === "object") expect(n.vi).not.toBe(n.en);
        count++;
      }
    }
    expect(count).toBe(185);
  });

  it('the shipped sets\' Vietnamese and tieuchi catalogue --lang vi never say "mã hóa" (officials read it as "encrypted")', () => {
    const files = findCriteriaFiles(join(ROOT, "criteria"));
    expect(files.length).toBeGreaterThan(0);
    const texts = [...files.map((f) => readFileSync(f, "utf8")), run("catalogue", "--lang", "vi", "--sets", join(ROOT, "criteria")).out];
    for (const text of texts) expect(text.normalize("NFC")).not.toMatch(/mã h(óa|oá)/i);
  });

  it("tieuchi catalogue --lang vi shows the shipped notes in Vietnamese, --lang en in English", () => {
    const vi = run("catalogue", "--lang", "vi", "--sets", join(ROOT, "criteria"));
    const en = run("catalogue", "--lang", "en", "--sets", join(ROOT, "criteria"));
    expect([vi.code, en.code]).toEqual([0, 0]);
    // xoa-mu-chu@2014.1.0, a completeness note and a reference note.
    expect(vi.out).toContain("Các số liệu là số liệu hồ sơ phổ cập giáo dục của xã cho năm đánh giá");
    expect(vi.out).not.toContain("The counts are those the commune's universal-education records give");
    expect(en.out).toContain("The counts are those the commune's universal-education records give");
    expect(en.out).not.toContain("Các số liệu là số liệu hồ sơ phổ cập giáo dục");
    expect(vi.out).toMatch(/Thông tư 25\/2023\/TT-BGDĐT \(Bộ Giáo dục và Đào tạo, 27\/12\/2023\): Tiêu chí 4/);
  });
});

describe("docs/criteria.md", () => {
  it("is the catalogue generated from criteria/ (run `npm run catalogue` after changing a set)", () => {
    const committed = readFileSync(join(ROOT, "docs/criteria.md"), "utf8");
    expect(committed).toBe(renderCatalogue(loadCriteriaDir(join(ROOT, "criteria")), { command: "npm run catalogue" }));
  });
});

describe("tieuchi catalogue", () => {
  const dir = mkdtempSync(join(tmpdir(), "tieuchi-catalogue-"));
  mkdirSync(join(dir, "danh-hieu"));
  writeFileSync(join(dir, "danh-hieu", "2018.1.0.json"), JSON.stringify(v1));
  writeFileSync(join(dir, "danh-hieu", "2024.1.0.json"), JSON.stringify(v2));

  it("prints the catalogue of a folder", () => {
    const r = run("catalogue", "--lang", "en", "--sets", dir);
    expect(r.code).toBe(0);
    expect(r.out).toBe(renderCatalogue(loadCriteriaDir(dir), { command: "npm run catalogue" }));
  });

  it("writes it with --out", () => {
    const out = join(dir, "criteria.md");
    const r = run("catalogue", "--lang", "en", "--sets", dir, "--out", out);
    expect(r.code).toBe(0);
    expect(r.out).toBe(`wrote ${out}\n`);
    expect(readFileSync(out, "utf8")).toBe(renderCatalogue(loadCriteriaDir(dir), { command: "npm run catalogue" }));
  });

  it("exits 2 for a folder that does not exist", () => {
    const r = run("catalogue", "--lang", "en", "--sets", join(dir, "missing"));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/no such file/);
  });

  it("exits 2, naming the file, when a set in the folder is invalid", () => {
    const bad = mkdtempSync(join(tmpdir(), "tieuchi-catalogue-bad-"));
    writeFileSync(join(bad, "x.json"), JSON.stringify({ ...v1, validFrom: "not a date" }));
    const r = run("catalogue", "--lang", "en", "--sets", bad);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/x\.json/);
  });
});
