/**
 * Vietnamese first: every `tieuchi` command, run with `--lang vi` on good and bad inputs, prints no English
 * sentence and no code without a sentence.
 *
 * The scan looks at what a person reads (standard output and standard error; JSON output is data and is not
 * scanned). It removes what is not wording — file paths, ids and versions, hashes, quoted data values, option
 * names, codes in brackets, identifiers written in camelCase or snake_case — then looks for common English
 * words. A line holding a code (`[unknown_var]`, `ERR_UNIT_DATA`) must also hold Vietnamese words.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../src/cli/main.js";
import { ENGLISH_WORDS as ENGLISH } from "./english-words.js";

const ROOT = join(import.meta.dirname, "..");
const SET = join(ROOT, "criteria/don-vi-hoc-tap/2020.1.0.json");
const SET_NEW = join(ROOT, "criteria/don-vi-hoc-tap/2024.1.0.json");
const UNIT = join(ROOT, "docs/examples/don-vi-hoc-tap/phong-gd-huyen-mau.json");
const UNITS = join(ROOT, "docs/examples/don-vi-hoc-tap/tt22-tt24-units.ndjson");
const FAMILY = join(ROOT, "test/fixtures/mini-family.json");
const tmp = mkdtempSync(join(tmpdir(), "tieuchi-vi-scan-"));
const file = (name: string, text: string) => {
  const p = join(tmp, name);
  writeFileSync(p, text);
  return p;
};

/** Text with what is not wording removed: paths, ids, hashes, quoted values, options, codes, identifiers. */
function wordsOf(line: string): string[] {
  const cleaned = line
    .replace(/sha256:[0-9a-f]+/g, " ")
    .replace(/\S*\[\d+\]\S*/g, " ")
    .replace(/«[^»]*»|"[^"]*"|'[^']*'|`[^`]*`|“[^”]*”/g, " ")
    .replace(/\[[A-Za-z0-9_]+\]/g, " ")
    .replace(/\{\{[^}]*\}\}/g, " ")
    .replace(/(^|\s)--?[a-z][\w-]*/g, " ")
    .replace(/\S*[/\\@]\S*/g, " ")
    .replace(/\b[A-Za-z]+(?:[._-][A-Za-z0-9]+)+\b/g, " ")
    .replace(/\b[a-z]+[A-Z]\w*\b/g, " ")
    .replace(/\b[A-Z][A-Z0-9_]{2,}\b/g, " ");
  // Words of letters (Vietnamese letters included); only those written in plain ASCII can be English.
  return (cleaned.match(/\p{L}+/gu) ?? []).filter((w) => /^[A-Za-z]+$/.test(w));
}

/** Vietnamese letters (with their marks): a line with one of them holds Vietnamese words. */
const VIETNAMESE = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/i;
const CODE = /\[[a-z][a-z0-9_]*\]|\bERR_[A-Z_]+\b/;

/** The English words and the bare codes of an output, line by line. */
function englishIn(text: string): string[] {
  const found: string[] = [];
  for (const line of text.split("\n")) {
    const english = wordsOf(line).filter((w) => ENGLISH.has(w.toLowerCase()));
    if (english.length > 0) found.push(`${line.trim()}   <- ${[...new Set(english)].join(", ")}`);
    else if (CODE.test(line) && !VIETNAMESE.test(line)) found.push(`${line.trim()}   <- a code without a sentence`);
  }
  return found;
}

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await main(args, { out: (t) => (out += t), err: (t) => (err += t), columns: 120 });
  return { code, out, err };
}

/** Inputs: good and bad. */
const badUnit = file("bad-unit.json", JSON.stringify({ coKeHoachHocTap: "có", thanhVien: [{ hoTen: 5 }], khongCo: 1 }));
const notJson = file("not.json", '{ "a": 1,, }');
const badSet = file(
  "bad-set.json",
  readFileSync(FAMILY, "utf8").replace('"var": "hasBookshelf"', '"var": "hasBookshelve"').replace('"passMark": 70', '"passMark": 170'),
);
const badUnits = file("units.ndjson", `${readFileSync(UNITS, "utf8").split("\n").slice(0, 3).join("\n")}\n{"coKeHoachHocTap": "x"}\n{ nope\n`);
const batchOut = join(tmp, "out.ndjson");
const csv = file("units.csv", "coKeHoachHocTap;coQuyDinhKhuyenKhich\ncó;không\n");
const criteria = join(tmp, "criteria");
mkdirSync(join(criteria, "mini-family"), { recursive: true });
// The set's own words (its notes) are its author's, not tieuchi's: the copy scanned has them in Vietnamese.
writeFileSync(
  join(criteria, "mini-family/1.0.0.json"),
  readFileSync(FAMILY, "utf8").replace("A test fixture: not a regulation.", "Bộ dùng để kiểm thử, không phải một văn bản quy định."),
);
writeFileSync(
  join(criteria, "mini-family/1.0.0.cases.json"),
  JSON.stringify({
    set: { id: "mini-family", version: "1.0.0" },
    cases: [{ name: "tủ sách", data: { hasBookshelf: true, members: [] }, expect: { verdict: "pass" } }],
  }),
);
const record = join(tmp, "record.json");

/** Every command, on good and bad inputs (the order matters: batch writes what report reads). */
const RUNS: string[][] = [
  ["validate", SET],
  ["validate", badSet, notJson],
  ["eval", SET, UNIT],
  ["eval", SET, UNIT, "--record", record],
  ["eval", SET, badUnit],
  ["eval", badSet, UNIT],
  ["eval", SET, notJson],
  ["eval", SET, join(tmp, "no-such.json")],
  ["eval", SET, UNIT, "--as-of", "2030-01-01"],
  ["eval", "--set", "don-vi-hoc-tap", "--as-of", "2021-06-01", UNIT],
  ["eval", "--set", "don-vi-hoc-tap", "--applied", "2024-12-01", "--decided", "2025-03-01", UNIT],
  ["batch", SET, badUnits, "--out", batchOut, "--workers", "0"],
  ["batch", SET, csv, "--workers", "0"],
  ["report", batchOut],
  ["report", batchOut, "--format", "md"],
  ["report", notJson],
  ["test", criteria],
  ["test", criteria, "--coverage", "--require-both"],
  ["cases", "--boundaries", FAMILY],
  ["diff", SET, SET_NEW],
  ["diff", SET, SET],
  ["impact", SET, SET_NEW, UNITS],
  ["verify", record, UNIT],
  ["verify", record, badUnit],
  ["lock", "--check", "--criteria", criteria],
  ["lock", "--check"],
  ["hash", SET, notJson],
  ["catalogue", "--sets", criteria],
  ["template", SET, "--out", join(tmp, "t.csv")],
  // The template read back: its example row skipped, said in Vietnamese (the spreadsheet notices).
  ["batch", SET, join(tmp, "t.csv"), "--workers", "0"],
  ["template", SET, "--out", join(tmp, "t.xlsx")],
  ["batch", SET, join(tmp, "t.xlsx"), "--workers", "0", "--out", join(tmp, "ket-qua.xlsx")],
  ["compile", SET, "--out", join(tmp, "set.mjs")],
  ["compile", SET],
  ["nonsense"],
  ["eval", SET],
];

describe("--lang vi prints no English", () => {
  it("on every command, good inputs and bad", { timeout: 300_000 }, async () => {
    const found: string[] = [];
    for (const args of RUNS) {
      const r = await run(...args, "--lang", "vi");
      for (const e of englishIn(`${r.out}\n${r.err}`)) found.push(`tieuchi ${args.join(" ").replaceAll(tmp, "…").replaceAll(ROOT, ".")}: ${e}`);
    }
    if (process.env.SCAN_PRINT) console.log(found.join("\n"));
    expect(found).toEqual([]);
  });

  it("finds English and bare codes when they are there", () => {
    expect(englishIn("tieuchi: The criteria set is invalid (2 problems)")).toHaveLength(1);
    expect(englishIn("  - a.b: unknown key [unknown_key]")).toHaveLength(1);
    expect(englishIn("ERR_UNIT_DATA")).toEqual(["ERR_UNIT_DATA   <- a code without a sentence"]);
    expect(englishIn("  - criteria[1].rule.var (dòng 31, cột 91): «x» chưa được khai báo [unknown_var]")).toEqual([]);
    expect(englishIn("  - thanhVien[0].tuoi: Quá nhỏ: cần một số ít nhất 0 [too_small]")).toEqual([]);
    expect(englishIn('Đạt danh hiệu "Đơn vị học tập" (don-vi-hoc-tap@2020.1.0, criteria/x.json)')).toEqual([]);
  });
});
