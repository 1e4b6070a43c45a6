/**
 * End-to-end: the built explorer (docs/explorer/dist) opened from a file:// URL in headless Chromium, under
 * its own Content-Security-Policy. Every figure the page shows is checked against the library run here in
 * Node on the same files and data.
 */
import { readFileSync } from "node:fs";
import { Writable } from "node:stream";
import { createServer, type Server } from "node:http";
import { extname, join, normalize } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  createReport,
  describeRule,
  diff,
  diffSummary,
  evaluate,
  formatReport,
  loadCriteriaSet,
  parseAuditRecord,
  verify,
  type LoadedSet,
  type Report,
} from "../../src/index.js";
import { findCriteriaFiles, loadCriteriaFile, loadRegistry, readJsonFile, runBatch } from "../../src/node/index.js";
import { findCaseFiles, readCaseFile } from "../../src/node/testing.js";
import { ROOT } from "../helpers.js";
import { screenshots, SITE, todayInVietnam } from "./browser.js";
import { explorerSuite } from "./suite.js";

const SET = "don-vi-hoc-tap";
const VERSION = "2020.1.0";
const dvht = loadCriteriaFile(join(ROOT, "criteria", SET, `${VERSION}.json`));
const FIXTURE = join(ROOT, "test", "e2e", "fixtures", "every-input.json");

// The site built, Chromium launched, each test's page closed and its problems checked (test/e2e/suite.ts).
const explorer = explorerSuite();
const open = explorer.open;

const verdictOf = (p: Page) => p.locator(".result-panel [data-test=result]").getAttribute("data-verdict");
const field = (path: string) => `.unit-form [data-path="${path}"]`;

async function setTri(p: Page, path: string, value: boolean | null): Promise<void> {
  await p.locator(`${field(path)} > .tri input[value="${value === null ? "" : String(value)}"]`).check();
}

/** The data the page holds, read from its JSON tab (then back to the form). */
async function pageData(p: Page): Promise<unknown> {
  await p.click("#tab-json");
  const text = await p.locator("[data-test=json]").inputValue();
  await p.click("#tab-form");
  return JSON.parse(text);
}

/** What the page shows in its result panel, to compare with the library's result. */
async function shown(p: Page) {
  const panel = p.locator(".result-panel [data-test=result]");
  const criteria = await panel
    .locator("[data-test=criterion-result]")
    .evaluateAll((els) => els.map((e) => [e.getAttribute("data-id"), e.getAttribute("data-status")]));
  return {
    verdict: await panel.getAttribute("data-verdict"),
    points: (await panel.locator("[data-test=points]").count()) > 0 ? await panel.locator("[data-test=points]").textContent() : null,
    grade: (await panel.locator("[data-test=grade]").count()) > 0 ? await panel.locator("[data-test=grade]").textContent() : null,
    message: await panel.locator("[data-test=verdict-message]").textContent(),
    criteria: Object.fromEntries(criteria),
  };
}

function expected(set: LoadedSet, data: unknown, lang: "vi" | "en" = "vi") {
  const r = evaluate(set, data);
  const vi = lang === "vi";
  return {
    verdict: r.verdict,
    points: r.points ? (vi ? `${r.points.earned}/${r.points.applicableMax} điểm` : `${r.points.earned}/${r.points.applicableMax} points`) : null,
    grade: r.grade ? `${vi ? "Xếp loại" : "Grade"} ${r.grade.title[lang]}` : null,
    message: r.message![lang],
    criteria: Object.fromEntries(r.criteria.map((c) => [c.id, c.status])),
  };
}

describe("the criteria explorer in Chromium", { timeout: 60_000 }, () => {
  it("is one classic script and one stylesheet under a strict CSP, with nothing inline", () => {
    const html = readFileSync(join(SITE, "index.html"), "utf8");
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'none'; object-src 'none'`,
    );
    expect(html).not.toMatch(/type="module"|crossorigin|<style|\sstyle=/);
    expect(html.match(/<script\b[^>]*>/g)).toEqual([expect.stringMatching(/^<script defer src="\.\/assets\/index-[\w-]+\.js">$/)]);
    expect(html).toMatch(/<link rel="stylesheet" href="\.\/assets\/style-[\w-]+\.css">/);
  });

  it("lists every title and version in criteria/, with dates, documents and completeness", async () => {
    const files = findCriteriaFiles(join(ROOT, "criteria")).map((f) => loadCriteriaSet(readJsonFile(f)).definition);
    const p = await open("#/");
    await expect(p.locator("h1").textContent()).resolves.toBe("Danh mục tiêu chí");
    const ids = [...new Set(files.map((d) => d.id))].sort();
    expect((await p.locator("[data-test=title]").evaluateAll((els) => els.map((e) => e.getAttribute("data-set")))).sort()).toEqual(ids);
    for (const d of files) {
      const card = p.locator(`[data-test=title][data-set="${d.id}"] [data-test=version][data-version="${d.version}"]`);
      await expect(card.count()).resolves.toBe(1);
      const text = await card.textContent();
      expect(text).toContain(d.source.document);
      expect(text).toContain(d.source.issuer);
      const dmy = (iso: string) => iso.split("-").reverse().join("/");
      expect(text).toContain(d.validTo ? `${dmy(d.validFrom)} – ${dmy(d.validTo)}` : `từ ${dmy(d.validFrom)}`);
      const pending = d.criteria.filter((c) => c.pending).length;
      expect(await card.locator("[data-test=completeness]").textContent()).toContain(
        `${{ "complete-official": "Đầy đủ, theo văn bản chính thức", "complete-secondary": "Đầy đủ, theo bản sao thứ cấp", partial: "Chưa đầy đủ" }[d.completeness.level]} ${pending === 0 ? "mọi tiêu chí đã có quy tắc tính" : `${pending} tiêu chí chưa có quy tắc tính`}`,
      );
      if (d.supersedes) expect(text).toContain(`${d.supersedes.id}@${d.supersedes.version}`);
    }
    // One timeline: a row per title, a bar per version.
    for (const id of ids)
      expect(
        await p.locator(`[data-test=timeline] .tl-row[data-set="${id}"] .tl-bar`).evaluateAll((els) => els.map((e) => e.getAttribute("data-version"))),
      ).toEqual(
        files
          .filter((d) => d.id === id)
          .sort((a, b) => (a.validFrom < b.validFrom ? -1 : 1))
          .map((d) => d.version),
      );
    await screenshots(p, "1-catalogue");
  });

  it("shows a set's criteria as sentences, its decision and provenance, in both languages", async () => {
    const p = await open("#/");
    await p.click(`[data-test=version][data-version="${VERSION}"] >> text=Xem tiêu chí`);
    await p.waitForSelector("[data-test=criteria]");
    const d = dvht.definition;
    expect(await p.locator("h1").textContent()).toBe(`${d.title.vi} · TT 22/2020`);
    expect(await p.locator("[data-test=criterion]").count()).toBe(d.criteria.length);
    expect(await p.locator("[data-test=group]").count()).toBe(d.groups.length);
    for (const c of d.criteria) {
      const row = p.locator(`[data-test=criterion][data-id="${c.id}"]`);
      expect(await row.locator(".c-title").textContent()).toContain(c.title.vi);
      expect(await row.locator(".c-rule").textContent()).toBe(describeRule(c.rule!, "vi", dvht.labels));
      expect(await row.locator(".c-points").textContent()).toContain(String(c.points));
    }
    const decision = await p.locator("[data-test=decision]").textContent();
    expect(decision).toContain("đạt khi có từ 50 điểm trở lên");
    for (const g of d.decision.method === "points" ? d.decision.grades : []) expect(decision).toContain(`${g.title.vi}: từ ${g.minPoints} điểm`);
    const provenance = await p.locator("[data-test=provenance]").textContent();
    expect(provenance).toContain(dvht.hash);
    expect(provenance).toContain(d.source.issued);
    expect(provenance).toContain(`criteria/${SET}/${VERSION}.json`);
    await screenshots(p, "2-set");

    await p.click("button[data-lang=en]");
    expect(await p.locator("h1").textContent()).toBe(`${d.title.en} · TT 22/2020`);
    for (const c of d.criteria)
      expect(await p.locator(`[data-test=criterion][data-id="${c.id}"] .c-rule`).textContent()).toBe(describeRule(c.rule!, "en", dvht.labels));
    expect(await p.locator("[data-test=decision]").textContent()).toContain("the title is earned with 50 points or more");
    // The choice of language is remembered.
    await p.reload();
    await p.waitForSelector("[data-test=criteria]");
    expect(await p.locator("html").getAttribute("lang")).toBe("en");
    await p.click("button[data-lang=vi]");
  });

  it("checks a failing unit typed into the form, saying what is missing as it goes", async () => {
    const p = await open(`#/set/${SET}/${VERSION}`);
    await p.click("[data-test=to-check]");
    await p.waitForSelector(".unit-form");
    // An empty form: nothing is known, so nothing can be decided.
    expect(await verdictOf(p)).toBe("incomplete");

    await p.fill(`${field("tenDonVi")} input`, "Phòng Văn hóa huyện Thử");
    await p.selectOption(`${field("capQuanLy")} select`, "Cấp huyện");
    await setTri(p, "coKeHoachHocTap", true);
    await setTri(p, "coQuyDinhKhuyenKhich", false);
    await setTri(p, "dauTuNguonLuc", false);
    await p.click(`${field("thanhVien")} > button[data-test=add]`);
    await p.fill(`${field("thanhVien[0].hoTen")} input`, "Nguyễn Thị Thử");
    await setTri(p, "thanhVien[0].coKeHoachTuHocDuocDuyet", true);
    await setTri(p, "thanhVien[0].chapHanhKyLuat", true);
    await setTri(p, "thanhVien[0].hoanThanhChuongTrinhBatBuoc", false);
    await p.selectOption(`${field("thanhVien[0].danhHieuThiDua")} select`, "Không đạt danh hiệu");
    await p.selectOption(`${field("danhHieuTapThe")} select`, "Không đạt danh hiệu");
    await setTri(p, "chiaSeTriThuc", false);

    // The learning-citizen qualities are unknown: 3.1 (25 points) could still lift the unit to the pass mark.
    const partial = {
      tenDonVi: "Phòng Văn hóa huyện Thử",
      capQuanLy: "Cấp huyện",
      coKeHoachHocTap: true,
      coQuyDinhKhuyenKhich: false,
      dauTuNguonLuc: false,
      thanhVien: [
        {
          hoTen: "Nguyễn Thị Thử",
          coKeHoachTuHocDuocDuyet: true,
          chapHanhKyLuat: true,
          hoanThanhChuongTrinhBatBuoc: false,
          danhHieuThiDua: "Không đạt danh hiệu",
        },
      ],
      danhHieuTapThe: "Không đạt danh hiệu",
      chiaSeTriThuc: false,
    };
    expect(await pageData(p)).toEqual(partial);
    expect(await shown(p)).toEqual(expected(dvht, partial));
    expect(await verdictOf(p)).toBe("incomplete");
    const missingPath = "thanhVien[0].nangLucCongDanHocTap.tuanThuPhapLuat";
    const missing = p.locator(`[data-test=missing] li[data-path="${missingPath}"]`);
    expect(await missing.textContent()).toContain("Thành viên #1 › năng lực, phẩm chất công dân học tập › tuân thủ pháp luật");
    expect(await p.locator(field(missingPath)).getAttribute("class")).toContain("is-missing");
    await screenshots(p, "4a-check-incomplete");

    await setTri(p, missingPath, false);
    const failing = { ...partial, thanhVien: [{ ...partial.thanhVien[0], nangLucCongDanHocTap: { tuanThuPhapLuat: false } }] };
    expect(await pageData(p)).toEqual(failing);
    const want = expected(dvht, failing);
    expect(want.verdict).toBe("fail");
    expect(await shown(p)).toEqual(want);
    expect(await p.locator(".result-panel [data-test=verdict]").textContent()).toContain("CHƯA ĐẠT");
    await expect(p.locator("[data-test=missing]").count()).resolves.toBe(0);
    await screenshots(p, "4b-check-fail");

    await p.click("button[data-lang=en]");
    expect(await shown(p)).toEqual(expected(dvht, failing, "en"));
    expect(await p.locator(".result-panel [data-test=verdict]").textContent()).toContain("FAIL");
    await p.click("button[data-lang=vi]");
  });

  it("tells a list not given (missing data) from a list given empty, and an agency with no staff never passes", async () => {
    const p = await open(`#/check/${SET}/${VERSION}`);
    await p.click("[data-test=clear]");
    for (const name of ["coKeHoachHocTap", "coQuyDinhKhuyenKhich", "dauTuNguonLuc", "chiaSeTriThuc"]) await setTri(p, name, true);
    await p.selectOption(`${field("danhHieuTapThe")} select`, "Tập thể lao động tiên tiến");
    const list = p.locator(field("thanhVien"));
    const state = () => list.locator("> legend [data-test=list-state]").textContent();
    expect(await list.getAttribute("data-list")).toBe("not-given");
    expect(await state()).toContain("chưa khai báo: thiếu dữ liệu");
    expect(await verdictOf(p)).toBe("incomplete");
    // Given as empty: the member criteria fail (TT 22/2020 gives an agency without members none of their points).
    await p.click(`${field("thanhVien")} > button[data-test=list-empty]`);
    expect(await list.getAttribute("data-list")).toBe("empty");
    expect(await state()).toContain("đã khai báo: không có mục nào");
    expect(await verdictOf(p)).toBe("fail");
    // A member added and removed again: still given empty, still not a pass (it was "ĐẠT, Tốt" in 0.1).
    await p.click(`${field("thanhVien")} > button[data-test=add]`);
    expect(await list.getAttribute("data-list")).toBe("items");
    await p.click(`${field("thanhVien[0]")} [data-test=remove]`);
    expect(await list.getAttribute("data-list")).toBe("empty");
    expect(await verdictOf(p)).toBe("fail");
    // Back to not given: missing data again.
    await p.click(`${field("thanhVien")} > button[data-test=list-unset]`);
    expect(await list.getAttribute("data-list")).toBe("not-given");
    expect(await verdictOf(p)).toBe("incomplete");
  });

  it("checks a passing unit, with members added, duplicated and removed, and downloads the result", async () => {
    const p = await open(`#/check/${SET}/${VERSION}`);
    await p.click("[data-test=clear]");
    for (const name of ["coKeHoachHocTap", "coQuyDinhKhuyenKhich", "dauTuNguonLuc", "chiaSeTriThuc"]) await setTri(p, name, true);
    await p.selectOption(`${field("danhHieuTapThe")} select`, "Tập thể lao động tiên tiến");
    await p.click(`${field("thanhVien")} > button[data-test=add]`);
    await p.fill(`${field("thanhVien[0].hoTen")} input`, "Lê Văn Một");
    for (const name of ["coKeHoachTuHocDuocDuyet", "chapHanhKyLuat", "hoanThanhChuongTrinhBatBuoc"]) await setTri(p, `thanhVien[0].${name}`, true);
    await p.selectOption(`${field("thanhVien[0].danhHieuThiDua")} select`, "Lao động tiên tiến");
    const qualities = [
      "tuanThuPhapLuat",
      "camKetHocTapSuotDoi",
      "toChucHocTapGiaDinh",
      "loiSongLanhManh",
      "ngoaiNguTinHoc",
      "tuDuyPhanBien",
      "binhDangGioi",
      "tonTrongDaDangVanHoa",
    ];
    for (const q of qualities) await setTri(p, `thanhVien[0].nangLucCongDanHocTap.${q}`, true);
    // A second member like the first, then a third added and removed again.
    await p.click(`${field("thanhVien[0]")} [data-test=duplicate]`);
    await p.fill(`${field("thanhVien[1].hoTen")} input`, "Lê Thị Hai");
    await p.click(`${field("thanhVien")} > button[data-test=add]`);
    expect(await p.locator(`${field("thanhVien")} > [data-test=item]`).count()).toBe(3);
    expect(await verdictOf(p)).toBe("incomplete");
    await p.click(`${field("thanhVien[2]")} [data-test=remove]`);
    expect(await p.locator(`${field("thanhVien")} > [data-test=item]`).count()).toBe(2);

    const member = {
      coKeHoachTuHocDuocDuyet: true,
      chapHanhKyLuat: true,
      hoanThanhChuongTrinhBatBuoc: true,
      danhHieuThiDua: "Lao động tiên tiến",
      nangLucCongDanHocTap: Object.fromEntries(qualities.map((q) => [q, true])),
    };
    const passing = {
      coKeHoachHocTap: true,
      coQuyDinhKhuyenKhich: true,
      dauTuNguonLuc: true,
      chiaSeTriThuc: true,
      danhHieuTapThe: "Tập thể lao động tiên tiến",
      thanhVien: [
        { hoTen: "Lê Văn Một", ...member },
        { hoTen: "Lê Thị Hai", ...member },
      ],
    };
    expect(await pageData(p)).toEqual(passing);
    const want = expected(dvht, passing);
    expect(want).toMatchObject({ verdict: "pass", grade: "Xếp loại Tốt", points: "100/100 điểm" });
    expect(await shown(p)).toEqual(want);
    await screenshots(p, "4c-check-pass");

    // The downloaded result is the library's result, byte for byte: results carry no timestamps. The date
    // decided is today (in the browser's time zone), when this 2020 set is no longer in force: the result says so.
    const [download] = await Promise.all([p.waitForEvent("download"), p.click("[data-test=download-result]")]);
    expect(download.suggestedFilename()).toBe(`${SET}-${VERSION}-result.json`);
    const text = readFileSync((await download.path())!, "utf8");
    expect(text).toBe(`${JSON.stringify(evaluate(dvht, passing, { asOf: todayInVietnam(), allowOutOfForce: true }), null, 2)}\n`);

    // The audit record is the library's, and the library's verify replays it to the same result.
    const [audit] = await Promise.all([p.waitForEvent("download"), p.click("[data-test=download-audit]")]);
    expect(audit.suggestedFilename()).toBe(`${SET}-${VERSION}-audit.json`);
    const record = parseAuditRecord(JSON.parse(readFileSync((await audit.path())!, "utf8")), "audit.json");
    expect(record.result).toEqual(evaluate(dvht, passing, { asOf: todayInVietnam(), allowOutOfForce: true }));
    const registry = loadRegistry(join(ROOT, "criteria"));
    expect(verify(record, passing, registry)).toMatchObject({ match: true, differences: [] });
    expect(verify(record, { ...passing, chiaSeTriThuc: false }, registry).match).toBe(false);
  });

  it("compares two versions in sentences from the library's diff, in both languages", async () => {
    const p = await open(`#/set/${SET}/2024.1.0`);
    await p.click("[data-test=to-compare]");
    await p.waitForSelector("[data-test=diff]");
    const registry = loadRegistry(join(ROOT, "criteria"));
    const check = async (a: LoadedSet, b: LoadedSet, lang: "vi" | "en") => {
      const d = diff(a, b);
      // The page renders on the hash change, after the URL is already the new one: wait for its summary.
      await expect.poll(() => p.locator("[data-test=diff-summary]").textContent()).toBe(diffSummary(d, lang));
      // The page leads with what changes decisions (the decision, then thresholds), then the criteria, the data,
      // and last the document's details (folded).
      const decisive = (c: (typeof d.changes)[number]) =>
        c.section === "decision" || (c.section === "criteria" && c.kind === "criterion-changed" && c.field === "threshold");
      const order = [
        ...d.changes.filter((c) => c.section === "decision"),
        ...d.changes.filter((c) => c.section === "criteria" && decisive(c)),
        ...["criteria", "inputs", "derived", "groups", "metadata"].flatMap((sec) => d.changes.filter((c) => c.section === sec && !decisive(c))),
      ];
      expect(await p.locator("[data-test=change]").evaluateAll((els) => els.map((e) => e.getAttribute("data-kind")))).toEqual(order.map((c) => c.kind));
      const sections = await p.locator("[data-test=change-section]").evaluateAll((els) => els.map((e) => [e.getAttribute("data-section"), e.tagName]));
      if (d.changes.some(decisive)) expect(sections[0]).toEqual(["decisive", "SECTION"]);
      if (d.changes.some((c) => c.section === "metadata")) expect(sections.at(-1)).toEqual(["metadata", "DETAILS"]);
      const texts = await p.locator("[data-test=change]").allTextContents();
      for (const c of d.changes)
        expect(
          texts.some((x) => x.endsWith(c.message[lang])),
          c.message[lang],
        ).toBe(true);
      return d;
    };
    const old = registry.get(SET, VERSION)!;
    const next = registry.get(SET, "2024.1.0")!;
    expect((await check(old, next, "vi")).changes.length).toBeGreaterThan(10);
    await screenshots(p, "3-compare");
    await p.click("button[data-lang=en]");
    await check(old, next, "en");
    await p.click("button[data-lang=vi]");

    // Another title, picked from the lists; then the other way round.
    await p.selectOption("[data-test=compare-old]", "gia-dinh-van-hoa@2018.1.0");
    await p.waitForURL(/#\/compare\/gia-dinh-van-hoa\/2018\.1\.0\/don-vi-hoc-tap\/2024\.1\.0$/);
    await expect
      .poll(() => p.locator("[data-test=diff-summary]").textContent())
      .toBe(diffSummary(diff(registry.get("gia-dinh-van-hoa", "2018.1.0")!, next), "vi"));
    await p.selectOption("[data-test=compare-new]", "gia-dinh-van-hoa@2024.1.0");
    await p.waitForURL(/#\/compare\/gia-dinh-van-hoa\/2018\.1\.0\/gia-dinh-van-hoa\/2024\.1\.0$/);
    await check(registry.get("gia-dinh-van-hoa", "2018.1.0")!, registry.get("gia-dinh-van-hoa", "2024.1.0")!, "vi");
    await p.click("[data-test=swap]");
    await p.waitForURL(/#\/compare\/gia-dinh-van-hoa\/2024\.1\.0\/gia-dinh-van-hoa\/2018\.1\.0$/);
    await check(registry.get("gia-dinh-van-hoa", "2024.1.0")!, registry.get("gia-dinh-van-hoa", "2018.1.0")!, "vi");
  });

  it("says which version was in force on the date decided, when it is not the one open", async () => {
    const p = await open(`#/check/${SET}/${VERSION}`);
    await p.fill("[data-test=as-of]", "2024-06-01");
    expect(await p.locator(".result-panel [data-test=in-force]").textContent()).toContain("KHÔNG có hiệu lực vào ngày 01/06/2024");
    const reason = loadRegistry(join(ROOT, "criteria")).inForceOn(SET, "2024-06-01").reason;
    const hint = p.locator(".result-panel [data-test=in-force-instead]");
    expect(await hint.textContent()).toContain(reason.message.vi);
    await hint.locator("a").click();
    await p.waitForURL(new RegExp(`#/check/${SET}/2024\\.1\\.0$`));
  });

  it("reads JSON pasted, typed or opened from a file, and reports bad JSON and bad data with their place", async () => {
    const p = await open(`#/check/${SET}/${VERSION}`);
    const example = join(ROOT, "docs", "examples", SET, "phong-gd-huyen-mau.json");
    await p.click("#tab-json");
    await p.setInputFiles("[data-test=upload-json]", example);
    const data = readJsonFile(example);
    // The file is read asynchronously: wait for the page to take it.
    await expect
      .poll(() =>
        p
          .locator("[data-test=json]")
          .inputValue()
          .then((t) => JSON.parse(t)),
      )
      .toEqual(data);
    expect(await shown(p)).toEqual(expected(dvht, data));
    expect(JSON.parse(await p.locator("[data-test=json]").inputValue())).toEqual(data);

    await p.fill("[data-test=json]", '{ "coKeHoachHocTap": true,\n  "thanhVien": [ }');
    expect(await p.locator(".json-error").textContent()).toContain("JSON:2:");
    expect(await p.locator(".result-panel [data-test=error]").count()).toBe(1);

    await p.fill("[data-test=json]", '{ "coKeHoachHocTap": "có", "soThanhVien": 3 }');
    const error = p.locator(".result-panel [data-test=error]");
    expect(await error.getAttribute("data-code")).toBe("ERR_UNIT_DATA");
    const problems = await error.locator(".problems li").allTextContents();
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^coKeHoachHocTap: .*\[invalid_type\]$/);
    // In the page's language (Vietnamese), from the message catalogue.
    expect(problems[1]).toMatch(/^soThanhVien: «soThanhVien» không phải dữ liệu đầu vào của bộ tiêu chí này.*\[unknown_field\]$/);
    await p.click("#tab-form");
    expect(await p.locator(field("coKeHoachHocTap")).getAttribute("class")).toContain("is-invalid");
    expect(await p.locator(`${field("coKeHoachHocTap")} .foreign`).textContent()).toContain('"có"');
    await screenshots(p, "4d-check-invalid");
  });

  it("gives every case of the set's case files (its own and its boundary cases) the verdict they expect", async () => {
    const p = await open(`#/check/${SET}/${VERSION}`);
    const files = findCaseFiles(join(ROOT, "criteria", SET, `${VERSION}.json`));
    expect(files.length).toBeGreaterThan(1);
    for (const path of files) {
      const source = path.slice(ROOT.length + 1);
      const cases = readCaseFile(path).cases;
      // Grouped by the verdict they expect, each case's option carries its place in the file.
      expect(await p.locator(`[data-test=samples] optgroup[data-source="${source}"] option`).count(), source).toBe(cases.length);
      for (const [i, c] of cases.entries()) {
        const option = p.locator(`[data-test=samples] optgroup[data-source="${source}"] option[data-case="${i}"]`);
        expect(await option.textContent(), source).toBe(c.name);
        await p.selectOption("[data-test=samples]", (await option.getAttribute("value"))!);
        if (c.expect.verdict) expect(await verdictOf(p), c.name).toBe(c.expect.verdict);
        else expect(await p.locator(".result-panel [data-test=error]").getAttribute("data-code"), c.name).toBe("ERR_UNIT_DATA");
      }
    }
  });

  it("opens a criteria file from the computer and builds a form for every kind of input", async () => {
    const p = await open("#/");
    await p.click(".open-file summary");
    await p.setInputFiles("[data-test=open-criteria]", FIXTURE);
    await expect.poll(() => p.locator(".open-result").textContent()).toContain("moi-kieu-du-lieu@2024.1.0");
    expect(await p.locator('[data-test=title][data-set="moi-kieu-du-lieu"]').count()).toBe(1);
    await p.click('[data-set="moi-kieu-du-lieu"] >> text=Kiểm tra một đơn vị');
    await p.waitForSelector(".unit-form");

    await setTri(p, "coTuSach", true);
    await p.fill(`${field("soNguoi")} input`, "4");
    await p.fill(`${field("dienTich")} input`, "35,5");
    await p.selectOption(`${field("xepLoai")} select`, "Khá");
    await p.fill(`${field("ghiChu")} input`, "Nhà ở ven sông");
    await p.fill(`${field("ngayDanhGia")} input`, "2024-05-20");
    await setTri(p, "donViHocTap", true);
    await p.fill(`${field("diaChi.thon")} input`, "Thôn Đông");
    await p.fill(`${field("diaChi.soHo")} input`, "120");
    await p.click(`${field("thanhVien")} > button[data-test=add]`);
    await p.fill(`${field("thanhVien[0].tuoi")} input`, "15");
    await setTri(p, "thanhVien[0].diHoc", true);
    await p.click(`${field("thanhVien[0].monHoc")} > button[data-test=add]`);
    await p.fill(`${field("thanhVien[0].monHoc[0]")} input`, "Toán");
    await p.click(`${field("thanhVien[0]")} [data-test=duplicate]`);
    await setTri(p, "thanhVien[1].diHoc", false);
    await p.fill(`${field("thanhVien[1].tuoi")} input`, "44");
    for (const [i, mark] of ["7", "4", "9"].entries()) {
      await p.click(`${field("diemThi")} > button[data-test=add]`);
      await p.fill(`${field(`diemThi[${i}]`)} input`, mark);
    }
    // thanhVien allows three members at most: the add button stops there.
    await p.click(`${field("thanhVien")} > button[data-test=add]`);
    expect(await p.locator(`${field("thanhVien")} > button[data-test=add]`).isDisabled()).toBe(true);
    await p.click(`${field("thanhVien[2]")} [data-test=remove]`);

    const data = {
      coTuSach: true,
      soNguoi: 4,
      dienTich: 35.5,
      xepLoai: "Khá",
      ghiChu: "Nhà ở ven sông",
      ngayDanhGia: "2024-05-20",
      donViHocTap: true,
      diaChi: { thon: "Thôn Đông", soHo: 120 },
      thanhVien: [
        { tuoi: 15, diHoc: true, monHoc: ["Toán"] },
        { tuoi: 44, diHoc: false, monHoc: ["Toán"] },
      ],
      diemThi: [7, 4, 9],
    };
    expect(await pageData(p)).toEqual(data);
    const fixture = loadCriteriaSet(readJsonFile(FIXTURE));
    expect(expected(fixture, data).verdict).toBe("pass");
    expect(await shown(p)).toEqual(expected(fixture, data));
    await screenshots(p, "4e-check-every-input");

    // A number that does not read as one is kept as typed, and the library's data check rejects it.
    await p.fill(`${field("soNguoi")} input`, "4.5");
    expect(await p.locator(field("soNguoi")).getAttribute("class")).toContain("is-invalid");
    expect(await p.locator(".result-panel [data-test=error]").getAttribute("data-code")).toBe("ERR_UNIT_DATA");
    await p.fill(`${field("soNguoi")} input`, "4");

    // A title given as the sub-unit's own data is decided by the version of its set in force on the date
    // decided (here TT 22/2020), and the result nests the sub-result.
    const unit = readJsonFile(join(ROOT, "docs", "examples", SET, "phong-gd-huyen-mau.json"));
    await p.fill("[data-test=as-of]", "2023-06-01");
    await p.click("#tab-json");
    const withSub = { ...data, donViHocTap: { data: unit } };
    await p.fill("[data-test=json]", JSON.stringify(withSub));
    const want = evaluate(fixture, withSub, { asOf: "2023-06-01", sets: loadRegistry(join(ROOT, "criteria")) });
    expect(want.subResults.map((x) => `${x.result.set.id}@${x.result.set.version}`)).toEqual([`${SET}@${VERSION}`]);
    expect(await p.locator(".result-panel .subs li").textContent()).toContain(want.subResults[0]!.result.message!.vi);
    expect(await verdictOf(p)).toBe(want.verdict);
  });

  /** What `tieuchi batch` and `tieuchi report` make of a file: the CLI's batch run in this process, then the report. */
  async function cliReport(file: string, by: string[], meta: string[] = []): Promise<{ report: Report; lines: string[] }> {
    let text = "";
    const output = new Writable({
      write(chunk: Uint8Array, _encoding, done) {
        text += Buffer.from(chunk).toString("utf8");
        done();
      },
    });
    await runBatch({ set: join(ROOT, "criteria", SET, `${VERSION}.json`), input: file, output, workers: 0, meta });
    const lines = text.split("\n").filter((l) => l !== "");
    const acc = createReport({ set: dvht, by });
    lines.forEach((l, i) => acc.addLine(l, i + 1));
    return { report: acc.finish(), lines };
  }

  const pct = (x: string | null) => `${x!.replace(".", ",")}%`;

  /** The page's figures, charts and table against a report. */
  async function expectReport(p: Page, report: Report): Promise<void> {
    const total = report.total;
    expect(await p.locator("[data-test=batch-summary]").textContent()).toBe(
      `${total.units} đơn vị: ${total.evaluated} được đánh giá, ${total.errors.count} không đánh giá được (dữ liệu sai).`,
    );
    // The verdict chart: one bar per verdict and one for the units not evaluated.
    const bars = await p
      .locator("[data-test=chart-verdicts] .chart-row")
      .evaluateAll((els) => els.map((e) => [e.getAttribute("data-value"), e.querySelector(".chart-value")?.textContent]));
    expect(bars).toEqual(
      [total.verdicts.pass, total.verdicts.fail, total.verdicts.incomplete, total.errors].map((x) => [String(x.count), `${x.count} (${pct(x.percent)})`]),
    );
    const failed = [...total.sets[0]!.criteria]
      .filter((c) => c.fail.count > 0)
      .sort((a, b) => b.fail.count - a.fail.count || (a.id < b.id ? -1 : 1))
      .slice(0, 10);
    expect(await p.locator("[data-test=chart-failed] .chart-row").evaluateAll((els) => els.map((e) => e.getAttribute("data-value")))).toEqual(
      failed.map((c) => String(c.fail.count)),
    );
    for (const c of total.sets[0]!.criteria) {
      const cells = await p.locator(`[data-test=report-criterion][data-id="${c.id}"] td.num`).allTextContents();
      expect(cells).toEqual([c.pass, c.fail, c.missing, c.notApplicable].map((x) => `${x.count} (${pct(x.percent)})`));
    }
    expect(await p.locator("[data-test=report-errors] li").count()).toBe(total.errors.count);
    // Grades: final and provisional in columns of their own, incomplete verdicts apart, each of the units evaluated.
    for (const g of total.grades)
      expect(await p.locator(`[data-test=report-grades] [data-test=grade-${g.id ?? "none"}] td.num`).allTextContents()).toEqual([
        `${g.count} (${pct(g.percent)})`,
        g.id === null ? "" : `${g.provisional.count} (${pct(g.provisional.percent)})`,
        "",
      ]);
    expect(await p.locator("[data-test=report-grades] [data-test=grade-incomplete] td.num").allTextContents()).toEqual([
      "",
      "",
      `${total.verdicts.incomplete.count} (${pct(total.verdicts.incomplete.percent)})`,
    ]);
    expect(await p.locator("[data-test=report-grades]").locator("..").locator("p").first().textContent()).toContain(
      `trên ${total.evaluated} đơn vị đã đánh giá`,
    );
  }

  async function downloaded(p: Page, test: string): Promise<string> {
    const [d] = await Promise.all([p.waitForEvent("download"), p.click(`[data-test=${test}]`)]);
    return readFileSync((await d.path())!, "utf8");
  }

  it("runs a district's units (NDJSON) in the browser and reports them as tieuchi batch and tieuchi report do", async () => {
    const p = await open(`#/set/${SET}/${VERSION}`);
    await p.click("[data-test=to-batch]");
    const file = join(ROOT, "docs", "examples", "district", `${SET}.ndjson`);
    await p.setInputFiles("[data-test=batch-file]", file);
    await p.waitForSelector("[data-test=report] [data-test=chart-verdicts] svg");
    const cli = await cliReport(file, []);
    await expectReport(p, cli.report);
    await screenshots(p, "5a-batch-ndjson");

    // Grouped by a field of the records, without evaluating again; the report downloaded is the library's.
    await p.selectOption("[data-test=group-by]", "loai");
    const grouped = (await cliReport(file, ["loai"])).report;
    expect(await p.locator("[data-test=report-group] td:first-child").allTextContents()).toEqual(grouped.groups.map((g) => String(g.key.loai)));
    expect(await downloaded(p, "download-report-csv")).toBe(formatReport(grouped, "csv", "vi"));
    // One line per unit, in order: the same lines and verdicts as the CLI's (the page's results carry explanations too).
    const mine = (await downloaded(p, "download-results"))
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l) as { line: number; unit: unknown; result?: { verdict: string }; error?: { code: string } });
    const theirs = cli.lines.map((l) => JSON.parse(l) as { line: number; unit: unknown; result?: { verdict: string }; error?: { code: string } });
    expect(mine.map((l) => [l.line, l.unit, l.result?.verdict ?? l.error?.code])).toEqual(
      theirs.map((l) => [l.line, l.unit, l.result?.verdict ?? l.error?.code]),
    );
  });

  it("runs a small CSV batch, with a grouping column, bad cells and a short row, as tieuchi batch does", async () => {
    const p = await open(`#/batch/${SET}/${VERSION}`);
    const file = join(ROOT, "test", "e2e", "fixtures", `${SET}-units.csv`);
    // Without naming the grouping column, the file is read as a spreadsheet: "xa" is kept to group by, and said.
    await p.setInputFiles("[data-test=batch-file]", file);
    await expect
      .poll(() => p.locator("[data-test=notices]").textContent(), { timeout: 30_000 })
      .toContain("cột “xa” không phải dữ liệu của bộ tiêu chí: giữ lại để nhóm kết quả");
    expect(await p.locator("[data-test=group-by] option").allTextContents()).toContain("xa");
    // Named as a field only for grouping, it is read cell by cell as tieuchi batch --meta xa reads it.
    await p.click(".batch-more > summary");
    await p.fill("[data-test=batch-meta]", "xa");
    await p.setInputFiles("[data-test=batch-file]", file);
    await p.waitForSelector("[data-test=report] [data-test=chart-verdicts] svg");
    await p.selectOption("[data-test=group-by]", "xa");
    const { report } = await cliReport(file, ["xa"], ["xa"]);
    expect(report.total.verdicts.pass.count + report.total.verdicts.fail.count + report.total.verdicts.incomplete.count).toBe(3);
    expect(report.total.errors.count).toBe(3);
    await expectReport(p, report);
    expect(await p.locator("[data-test=report-group] td:first-child").allTextContents()).toEqual(
      report.groups.map((g) => (g.key.xa === null ? "—" : String(g.key.xa))),
    );
    expect(await downloaded(p, "download-report-md")).toBe(formatReport(report, "md", "vi"));
    await screenshots(p, "5b-batch-csv");
  });

  it("works from a web server too, under the same CSP sent as a header", async () => {
    const types: Record<string, string> = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css" };
    const server: Server = createServer((req, res) => {
      const path = normalize(decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname)).replace(/^(\.\.[/\\])+/, "");
      try {
        const body = readFileSync(join(SITE, path === "/" ? "index.html" : path));
        res.writeHead(200, {
          "content-type": types[extname(path === "/" ? "index.html" : path)] ?? "application/octet-stream",
          "content-security-policy": "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'none'; object-src 'none'",
        });
        res.end(body);
      } catch {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as { port: number };
      const page = await explorer.browser.context.newPage();
      try {
        await page.goto(`http://127.0.0.1:${port}/#/set/${SET}/${VERSION}`);
        await page.waitForSelector("[data-test=criteria]");
        expect(await page.locator("[data-test=criterion]").count()).toBe(dvht.definition.criteria.length);
      } finally {
        await page.close();
      }
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
