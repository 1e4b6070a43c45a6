/**
 * End-to-end, every page state an official meets (issue 16): checked by axe-core (WCAG 2.1 A and AA rules: no
 * violation), scanned for English in Vietnamese mode (what a person reads: text, labels, titles and
 * placeholders; the English words and bare codes listed), and screenshotted at desktop and phone width. The
 * built explorer runs from file:// in headless Chromium under its own CSP; axe runs through the debugging
 * protocol, so the page's CSP stays as it ships.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers.js";
import { screenshots } from "./browser.js";
import { explorerSuite } from "./suite.js";
import { ENGLISH_WORDS as ENGLISH } from "../english-words.js";

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const DISTRICT = join(ROOT, "docs", "examples", "district", "don-vi-hoc-tap.ndjson");
const CSV = join(ROOT, "test", "e2e", "fixtures", "don-vi-hoc-tap-units.csv");
const tmp = mkdtempSync(join(tmpdir(), "tieuchi-pages-"));

/**
 * Vietnamese words that only a sentence has (function words, and the words the page's own Vietnamese sentences
 * use): one of these in the English page is a Vietnamese sentence left over. Names of documents and issuers
 * ("Bộ Giáo dục và Đào tạo", "Thông tư 24/2023/TT-BGDĐT") and the regulations' own quoted words are data, so the
 * scan looks for sentence words only and leaves parts marked `lang="vi"` alone.
 */
const VIETNAMESE = new Set(
  (
    "của không được các những này khi đã chưa là với trong theo hoặc nếu cần phải thì bị để cho vào một có đạt tệp chọn tải thêm xóa " +
    "tiêu_chí dữ_liệu kết_quả kiểm_tra phiên_bản văn_bản hiệu_lực ngày_xét danh_mục so_sánh hàng_loạt ghi_chú"
  ).split(" "),
);

/** The Vietnamese sentence words of a text: single words with marks from the list, and its two-word terms. */
function vietnameseWords(text: string): string[] {
  // Quoted words (the regulations' own, in an English note) are data: "…", “…”, «…», and '…' opened after a space.
  // A quote opens after a space or bracket and closes before one, so quotes inside a quoted rule pair up right.
  const unquoted = text.replace(/«[^»]*»|“[^”]*”|(^|[\s([,])(["'])[^"']*\2(?=[\s)\],.;:]|$)/g, "$1 ");
  const words =
    unquoted
      .normalize("NFC")
      .toLocaleLowerCase("vi")
      .match(/\p{L}+/gu) ?? [];
  const found: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const two = `${w}_${words[i + 1] ?? ""}`;
    if (VIETNAMESE.has(two)) {
      found.push(two.replace("_", " "));
      i++;
    } else if (/[^a-z]/.test(w) && VIETNAMESE.has(w)) found.push(w);
  }
  return found;
}

/** The English words of a text, with what is not wording (hashes, ids, paths, identifiers, quoted values) removed. */
function englishWords(text: string): string[] {
  const cleaned = text
    .replace(/sha256:[0-9a-f]+|\b[0-9a-f]{16,}\b/g, " ")
    .replace(/«[^»]*»|"[^"]*"|“[^”]*”/g, " ")
    .replace(/\S*[/\\@]\S*/g, " ")
    .replace(/\b[A-Za-z]+(?:[._-][A-Za-z0-9]+)+\b/g, " ")
    .replace(/\b[a-z]+[A-Z]\w*\b/g, " ")
    .replace(/\b[A-Z][A-Z0-9_]{2,}\b/g, " ");
  return (cleaned.match(/\p{L}+/gu) ?? []).filter((w) => /^[A-Za-z]+$/.test(w) && ENGLISH.has(w.toLowerCase()));
}

/**
 * What a person reads on the page, line by line: visible text and the names given to controls (aria-label,
 * title, placeholder, alt). Parts marked as another language (`lang="en"`, e.g. an English title shown on
 * purpose) and code samples are left out.
 */
function readable(p: Page, other: "en" | "vi" = "en"): Promise<string[]> {
  return p.evaluate(`(() => {
    const out = [];
    const skip = (el) => el.closest('[lang]:not(html)')?.getAttribute('lang')?.startsWith('${other}') || el.closest('code, pre, script, style, [hidden], .sr-skip-scan');
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || skip(el) || !el.getClientRects().length && getComputedStyle(el).display === 'none') continue;
      const t = n.textContent.trim();
      if (t) out.push(t);
    }
    for (const el of document.body.querySelectorAll('[aria-label], [title], [placeholder], [alt]'))
      if (!skip(el)) for (const a of ['aria-label', 'title', 'placeholder', 'alt']) { const v = el.getAttribute(a); if (v) out.push(v); }
    return out;
  })()`);
}

/**
 * The blocks a person reads as one line (paragraphs, list items, cells, options, labels, buttons, headings), as
 * their whole text, codes in them included.
 */
function blocks(p: Page, other: "en" | "vi" = "en"): Promise<string[]> {
  return p.evaluate(`(() => {
    const skip = (el) => el.closest('[lang]:not(html)')?.getAttribute('lang')?.startsWith('${other}') || el.closest('pre, script, style, [hidden]');
    const out = [];
    for (const el of document.body.querySelectorAll('p, li, td, th, dd, dt, option, optgroup, label, button, summary, h1, h2, h3, h4, legend, caption, a'))
      if (!skip(el) && el.getClientRects().length) { const t = (el.tagName === 'OPTGROUP' ? el.label : el.textContent).trim(); if (t) out.push(t); }
    return out;
  })()`);
}

/** A code of the library: an error code (ERR_UNIT_DATA), a problem code (part_exceeds_whole), a catalogue key. */
const CODE = /\bERR_[A-Z0-9_]+\b|\b[a-z]+(?:_[a-z0-9]+)+\b|\b[a-z]+(?:\.[a-z_]+){2,}\b/g;

/** Blocks that show a code with no sentence around it (fewer than two words once the codes are taken out). */
function isBareCode(text: string): boolean {
  const codes = text.match(CODE);
  if (!codes) return false;
  const words = text.replace(CODE, " ").match(/\p{L}{2,}/gu) ?? [];
  return words.length < 2;
}

async function bareCodesIn(p: Page, other: "en" | "vi" = "en"): Promise<string[]> {
  return (await blocks(p, other)).filter(isBareCode);
}

/** The Vietnamese sentences left in the English page, each with the words found. */
async function vietnameseIn(p: Page): Promise<string[]> {
  return (await readable(p, "vi")).flatMap((t) => {
    const words = vietnameseWords(t);
    return words.length > 0 ? [`${t.slice(0, 160)}   <- ${[...new Set(words)].join(", ")}`] : [];
  });
}

/** The English left in a Vietnamese page, each with the words found. */
async function englishIn(p: Page): Promise<string[]> {
  return (await readable(p)).flatMap((t) => {
    const words = englishWords(t);
    return words.length > 0 ? [`${t.slice(0, 160)}   <- ${[...new Set(words)].join(", ")}`] : [];
  });
}

/** axe-core's violations of WCAG 2.1 A and AA on the page as it stands: rule, impact, and the elements. */
async function axeViolations(p: Page): Promise<string[]> {
  const found = (await p.evaluate(
    `(async () => { ${AXE}; const r = await axe.run(document, { preload: false, runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }); return r.violations.map((v) => v.id + ' (' + v.impact + '): ' + v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')); })()`,
  )) as string[];
  return found;
}

// The site built, Chromium launched, each test's page closed and its problems checked (test/e2e/suite.ts).
const explorer = explorerSuite();
const open = explorer.open;

/** The checks every page state gets: no axe violation, no English, both screenshots. */
async function expectGood(p: Page, name: string): Promise<void> {
  expect(await axeViolations(p), `${name}: axe-core violations`).toEqual([]);
  expect(await englishIn(p), `${name}: English in the Vietnamese page`).toEqual([]);
  expect(await bareCodesIn(p), `${name}: codes without a sentence`).toEqual([]);
  await screenshots(p, `16-state-${name}`);
}

/** The same in English mode: no axe violation, no Vietnamese sentence, no code without a sentence. */
async function expectGoodEnglish(p: Page, name: string): Promise<void> {
  expect(await p.locator("html").getAttribute("lang"), `${name}: the page is in English`).toBe("en");
  expect(await axeViolations(p), `${name}: axe-core violations`).toEqual([]);
  expect(await vietnameseIn(p), `${name}: Vietnamese sentences in the English page`).toEqual([]);
  expect(await bareCodesIn(p, "vi"), `${name}: codes without a sentence`).toEqual([]);
  await screenshots(p, `16-state-en-${name}`);
}

describe("the scan", () => {
  it("finds English words and codes without a sentence, and leaves Vietnamese, paths, hashes and quoted values alone", () => {
    expect(englishWords("The unit's data does not match the inputs")).toEqual(["The", "unit", "data", "does", "not", "match", "the", "inputs"]);
    expect(englishWords("Invalid input: expected number, received string")).toContain("expected");
    expect(englishWords("Dữ liệu chưa hợp lệ: 50 lớn hơn 40 là giá trị của người học")).toEqual([]);
    expect(englishWords("soNguoiHoc, thanhVien[0].hoTen, sha256:0123456789abcdef0123, “the file” don-vi-hoc-tap@2024.1.0")).toEqual([]);
    expect(isBareCode("ERR_UNIT_DATA")).toBe(true);
    expect(isBareCode("[part_exceeds_whole]")).toBe(true);
    expect(isBareCode("problem.constraint.same_input")).toBe(true);
    expect(isBareCode("Dữ liệu của đơn vị không khớp ERR_UNIT_DATA")).toBe(false);
    expect(isBareCode("Dòng 38: không đọc được")).toBe(false);
    expect(vietnameseWords("Kiểm tra một đơn vị theo tiêu chí")).toEqual(["kiểm tra", "một", "tiêu chí"]);
    expect(vietnameseWords("Thông tư 24/2023/TT-BGDĐT, Bộ Giáo dục và Đào tạo: check a unit")).toEqual([]);
    expect(vietnameseWords("the decision's own words ('chưa đạt'), 'Nội dung tiêu chí' quoted")).toEqual([]);
    expect(vietnameseWords('rule "title in ["Cờ thi đua của Chính phủ", "Đơn vị tiên tiến"]"')).toEqual([]);
    expect(vietnameseWords("Tải kết quả của đơn vị")).toEqual(["tải", "kết quả", "của"]);
  });
});

describe("every page state: accessible (axe-core) and in Vietnamese only", { timeout: 240_000 }, () => {
  it("the catalogue and a set's page", async () => {
    const p = await open("#/");
    await expectGood(p, "catalogue");
    // A criteria file that is not JSON: the error and where it is.
    await p.click(".open-file summary");
    await p.setInputFiles("[data-test=open-criteria]", { name: "hong.json", mimeType: "application/json", buffer: Buffer.from('{"id": "x",\n  "version": }') });
    await p.waitForSelector(".open-result [data-test=error]");
    await expectGood(p, "catalogue-bad-file");
    await p.goto(`${explorer.url}#/set/don-vi-hoc-tap/2024.1.0`);
    await p.waitForSelector("[data-test=criteria]");
    await expectGood(p, "set");
    // The set's completeness and reference notes in the page's language (every shipped note is {vi, en}).
    const dvht = JSON.parse(readFileSync(join(ROOT, "criteria", "don-vi-hoc-tap", "2024.1.0.json"), "utf8")) as {
      completeness: { notes: { vi: string; en: string }[] };
      references: { note?: { vi: string; en: string } }[];
    };
    const notesShown = () => p.locator("[data-test=completeness] .notes li").allTextContents();
    const refsShown = () => p.locator(".refs li > div").allTextContents();
    const refNotes = dvht.references.flatMap((r) => (r.note ? [r.note] : []));
    expect(await notesShown()).toEqual(dvht.completeness.notes.map((n) => n.vi));
    expect(await refsShown()).toEqual(refNotes.map((n) => n.vi));
    await p.click("button[data-lang=en]");
    expect(await notesShown()).toEqual(dvht.completeness.notes.map((n) => n.en));
    expect(await refsShown()).toEqual(refNotes.map((n) => n.en));
    await p.click("button[data-lang=vi]");
  });

  it("the check page: empty, with a list, not in force, invalid data and a verdict", async () => {
    const p = await open("#/check/don-vi-hoc-tap/2024.1.0");
    await p.waitForSelector("[data-test=verdict]", { state: "attached" });
    await expectGood(p, "check-empty");
    await p.click('.unit-form [data-path="thanhVien"] > [data-test=add]');
    await p.fill('.unit-form [data-path="soNguoiHoc"] input', "40");
    await p.fill('.unit-form [data-path="soNguoiHocDatCongDanHocTap"] input', "50");
    await p.waitForSelector("[data-test=verdict][data-verdict=invalid]", { state: "attached" });
    await expectGood(p, "check-invalid");
    const option = await p.locator("[data-test=samples] option:not([value=''])").first().getAttribute("value");
    await p.selectOption("[data-test=samples]", option!);
    await p.waitForSelector("[data-test=undo-message]");
    await expectGood(p, "check-sample");
    await p.goto(`${explorer.url}#/check/don-vi-hoc-tap/2020.1.0`);
    await p.waitForSelector("[data-test=not-in-force]");
    await expectGood(p, "check-not-in-force");
  });

  it("the compare page and the batch page, before and after a file", async () => {
    const p = await open("#/compare/don-vi-hoc-tap/2020.1.0/don-vi-hoc-tap/2024.1.0");
    await p.waitForSelector("[data-test=diff-summary]");
    await expectGood(p, "compare");
    await p.goto(`${explorer.url}#/batch/don-vi-hoc-tap/2020.1.0`);
    await p.waitForSelector("[data-test=batch-file]", { state: "attached" });
    await expectGood(p, "batch-empty");
    await p.setInputFiles("[data-test=batch-file]", DISTRICT);
    await p.waitForSelector("[data-test=report] [data-test=chart-verdicts] svg", { timeout: 120_000 });
    await expectGood(p, "batch-report");
    // A CSV file with a column of its own (kept for grouping) and cells that do not read: the notices and the
    // units not evaluated, in Vietnamese.
    await p.setInputFiles("[data-test=batch-file]", CSV);
    await p.waitForSelector("[data-test=report] [data-test=report-errors]", { timeout: 120_000 });
    await expectGood(p, "batch-csv");
  });
});

describe("the states not scanned before: print view, batch in progress, the JSON tab's parse error, English mode", { timeout: 300_000 }, () => {
  it("the print view of the check page (the assessment record)", async () => {
    const p = await open("#/check/don-vi-hoc-tap/2024.1.0");
    const option = await p.locator("[data-test=samples] option:not([value=''])").first().getAttribute("value");
    await p.selectOption("[data-test=samples]", option!);
    await p.waitForSelector("[data-test=undo-message]");
    await p.emulateMedia({ media: "print" });
    expect(await p.locator("[data-test=print-sheet]").isVisible()).toBe(true);
    await expectGood(p, "print");
    await p.emulateMedia({ media: "screen" });
  });

  it("the JSON tab with a parse error", async () => {
    const p = await open("#/check/don-vi-hoc-tap/2024.1.0");
    await p.click("#tab-json");
    await p.fill("[data-test=json]", '{"tenDonVi": "Phòng Giáo dục",\n  "capQuanLy": }');
    await expect.poll(() => p.locator(".json-error").textContent()).not.toBe("");
    await expectGood(p, "json-error");
  });

  it("a batch in progress (before it ends)", async () => {
    // 60,000 units: the CSV fixture's rows repeated, so the run lasts long enough to be scanned while it goes.
    const [head, ...rows] = readFileSync(CSV, "utf8")
      .split("\n")
      .filter((l) => l !== "");
    const big = join(tmp, "don-vi-60000.csv");
    const lines = [head!];
    for (let i = 0; lines.length <= 60_000; i++) lines.push(rows[i % rows.length]!);
    writeFileSync(big, `${lines.join("\n")}\n`);
    const p = await open("#/batch/don-vi-hoc-tap/2020.1.0");
    await p.setInputFiles("[data-test=batch-file]", big);
    await expect.poll(() => p.locator("[data-test=progress-count]").textContent(), { timeout: 120_000 }).toMatch(/\/ 60\.000 đơn vị/);
    const running = () => p.locator("[data-test=progress-box]").isVisible();
    expect(await running()).toBe(true);
    expect(await englishIn(p), "batch in progress: English in the Vietnamese page").toEqual([]);
    expect(await bareCodesIn(p), "batch in progress: codes without a sentence").toEqual([]);
    expect(await axeViolations(p), "batch in progress: axe-core violations").toEqual([]);
    await screenshots(p, "16-state-batch-progress");
    // Still running: what was scanned is the state in progress, not the report.
    expect(await running()).toBe(true);
    await p.click("[data-test=cancel]");
    await p.waitForSelector("[data-test=cancelled]");
  });

  it("English mode: every page state in English, with no Vietnamese sentence and no bare code", async () => {
    const p = await open("#/");
    // Forms saved by the tests before (a sample's date) would restore here: start from nothing saved.
    await p.evaluate("localStorage.clear()");
    await p.reload();
    await p.waitForSelector("main#main > *");
    await p.click("button[data-lang=en]");
    await expectGoodEnglish(p, "catalogue");
    await p.goto(`${explorer.url}#/set/don-vi-hoc-tap/2024.1.0`);
    await p.waitForSelector("[data-test=criteria]");
    await expectGoodEnglish(p, "set");
    await p.goto(`${explorer.url}#/check/don-vi-hoc-tap/2024.1.0`);
    await p.waitForSelector("[data-test=verdict]", { state: "attached" });
    await expectGoodEnglish(p, "check-empty");
    await p.fill('.unit-form [data-path="soNguoiHoc"] input', "40");
    await p.fill('.unit-form [data-path="soNguoiHocDatCongDanHocTap"] input', "50");
    await p.waitForSelector("[data-test=verdict][data-verdict=invalid]", { state: "attached" });
    await expectGoodEnglish(p, "check-invalid");
    await p.click("#tab-json");
    await p.fill("[data-test=json]", '{"tenDonVi": }');
    await expect.poll(() => p.locator(".json-error").textContent()).not.toBe("");
    await expectGoodEnglish(p, "json-error");
    await p.goto(`${explorer.url}#/check/don-vi-hoc-tap/2020.1.0`);
    await p.waitForSelector("[data-test=not-in-force]");
    await expectGoodEnglish(p, "check-not-in-force");
    await p.goto(`${explorer.url}#/compare/don-vi-hoc-tap/2020.1.0/don-vi-hoc-tap/2024.1.0`);
    await p.waitForSelector("[data-test=diff-summary]");
    await expectGoodEnglish(p, "compare");
    await p.goto(`${explorer.url}#/batch/don-vi-hoc-tap/2020.1.0`);
    await p.waitForSelector("[data-test=batch-file]", { state: "attached" });
    await p.setInputFiles("[data-test=batch-file]", CSV);
    await p.waitForSelector("[data-test=report] [data-test=report-errors]", { timeout: 120_000 });
    await expectGoodEnglish(p, "batch-csv");
    await p.click("button[data-lang=vi]");
  });
});
