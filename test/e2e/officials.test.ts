/**
 * End-to-end, for officials (issue 16): spreadsheets in and out of the explorer (template → filled in → batch
 * → results opened again), the batch in a Web Worker (progress, stop, a new file ends the run in progress, the
 * page stays responsive), the date decided and sets not in force, work kept (autosave, undo, focus), the
 * printed assessment record (a PDF read back), the data saved for `tieuchi verify`, and the phone width of
 * every page. The built explorer runs from file:// in headless Chromium under its own CSP.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { createReport, evaluate, parseCsv, parseAuditRecord, verify, workbookTables, type Report } from "../../src/index.js";
import { findCriteriaFiles, loadCriteriaFile, loadRegistry, readJsonFile } from "../../src/node/index.js";
import { ROOT } from "../helpers.js";
import { DESKTOP, PHONE, screenshots, todayInVietnam } from "./browser.js";
import { explorerSuite } from "./suite.js";

const SET = "don-vi-hoc-tap";
const OLD = "2020.1.0";
const DVHT = join(ROOT, "criteria", SET, `${OLD}.json`);
const dvht = loadCriteriaFile(DVHT);
const DISTRICT = join(ROOT, "docs", "examples", "district", `${SET}.ndjson`);
const tmp = mkdtempSync(join(tmpdir(), "tieuchi-e2e-officials-"));

/** Today as the page's browser (time zone Asia/Ho_Chi_Minh) sees it. */
const TODAY = todayInVietnam();
/** The path of the form element that has the keyboard focus. */
const FOCUSED_PATH = 'document.activeElement?.closest("[data-path]")?.getAttribute("data-path")';
const dmy = (iso: string) => iso.split("-").reverse().join("/");

// The site built, Chromium launched, each test's page closed and its problems checked (test/e2e/suite.ts).
const explorer = explorerSuite();
const open = explorer.open;

async function downloaded(p: Page, test: string): Promise<{ name: string; bytes: Buffer }> {
  const [d] = await Promise.all([p.waitForEvent("download", { timeout: 60_000 }), p.click(`[data-test=${test}]`)]);
  return { name: d.suggestedFilename(), bytes: readFileSync((await d.path())!) };
}

/** `tieuchi batch` run in this process on a file: its NDJSON lines and the report of them. */
async function cliBatch(file: string): Promise<{ lines: string[]; report: Report; err: string }> {
  let out = "";
  let err = "";
  const code = await main(["batch", DVHT, file, "--workers", "0", "--as-of", TODAY, "--out-of-force"], {
    out: (t) => (out += t),
    err: (t) => (err += t),
    columns: 120,
  });
  expect([0, 1]).toContain(code);
  const lines = out.split("\n").filter((l) => l !== "");
  const acc = createReport({ set: dvht });
  lines.forEach((l, i) => acc.addLine(l, i + 1));
  return { lines, report: acc.finish(), err };
}

const pct = (x: string | null) => `${x!.replace(".", ",")}%`;

/** The page's report against the CLI's: the summary, the verdict chart and every criterion's row. */
async function expectReport(p: Page, report: Report): Promise<void> {
  const total = report.total;
  expect(await p.locator("[data-test=batch-summary]").textContent()).toBe(
    `${total.units} đơn vị: ${total.evaluated} được đánh giá, ${total.errors.count} không đánh giá được (dữ liệu sai).`,
  );
  const bars = await p.locator("[data-test=chart-verdicts] .chart-row").evaluateAll((els) => els.map((e) => e.getAttribute("data-value")));
  expect(bars).toEqual([total.verdicts.pass, total.verdicts.fail, total.verdicts.incomplete, total.errors].map((x) => String(x.count)));
  for (const c of total.sets[0]!.criteria) {
    const cells = await p.locator(`[data-test=report-criterion][data-id="${c.id}"] td.num`).allTextContents();
    expect(cells).toEqual([c.pass, c.fail, c.missing, c.notApplicable].map((x) => `${x.count} (${pct(x.percent)})`));
  }
}

/** Fills a template in as an official would: agencies on the units sheet, their staff on the staff sheet, a column of their own. */
async function fillIn(template: Buffer): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(template as unknown as ArrayBuffer);
  const units = wb.getWorksheet("Đơn vị")!;
  const width = (units.getRow(1).values as unknown[]).length;
  units.getCell(1, width).value = "Xã";
  const yes = "Có";
  // The count of staff rows ("Số dòng Thành viên", the template's last column) stated, or left empty for DV03.
  const rows: Array<[string, string, string, string, string, string, string | null, string, number | null, string]> = [
    ["DV01", "Phòng Giáo dục huyện Yên", "Cấp huyện", yes, yes, yes, "Tập thể lao động xuất sắc", yes, 2, "Xã Đông"],
    ["DV02", "Trường THCS Tây", "cấp huyện", "Không", yes, yes, "Tập thể lao động tiên tiến", yes, 1, "Xã Tây"],
    ["DV03", "Trạm Y tế", "Cấp tỉnh", yes, "", yes, null, yes, null, "Xã Tây"],
    ["DV04", "Nhà văn hóa", "Cấp huyện", yes, yes, "khong ro", "Tập thể lao động tiên tiến", "Không", 1, "Xã Đông"],
  ];
  rows.forEach((r, i) => (units.getRow(3 + i).values = r));
  const staff = wb.getWorksheet("Thành viên")!;
  const all8 = Array(8).fill(yes);
  const people: unknown[][] = [
    ["DV01", "Lan", yes, yes, yes, "Chiến sĩ thi đua cơ sở", ...all8],
    ["DV01", "Huệ", yes, yes, yes, "Lao động tiên tiến", ...all8],
    ["DV02", "Cúc", "Không", yes, yes, "Lao động tiên tiến", ...all8],
    ["DV03", "Mai", yes, yes, null, null, ...all8],
    ["DV04", "Đào", yes, yes, yes, "Lao động tiên tiến", ...all8],
  ];
  people.forEach((r, i) => (staff.getRow(4 + i).values = r as ExcelJS.CellValue[]));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe("the explorer for officials, in Chromium", { timeout: 240_000 }, () => {
  it("round-trips a spreadsheet: template downloaded, filled in, run, results downloaded and opened again", async () => {
    const p = await open(`#/batch/${SET}/${OLD}`);
    expect(await p.locator("[data-test=templates]").textContent()).toContain("TT 22/2020");
    const template = await downloaded(p, "template-xlsx");
    expect(template.name).toBe(`mau-${SET}-${OLD}.xlsx`);
    const tables = await workbookTables(ExcelJS, new Uint8Array(template.bytes));
    expect(tables.map((t) => t.name)).toEqual(["Đơn vị", "Thành viên", "Hướng dẫn", "Giá trị"]);
    expect(tables[0]!.rows[0]!.slice(0, 4)).toEqual(["Mã đơn vị", "Tên đơn vị", "Cấp quản lý", "Có chủ trương, kế hoạch học tập"]);
    const csvTemplate = await downloaded(p, "template-csv");
    expect(csvTemplate.bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));

    const filled = join(tmp, "da-dien.xlsx");
    writeFileSync(filled, await fillIn(template.bytes));
    await p.setInputFiles("[data-test=batch-file]", filled);
    await p.waitForSelector("[data-test=report] [data-test=chart-verdicts] svg", { timeout: 120_000 });
    const cli = await cliBatch(filled);
    expect(cli.report.total.units).toBe(4);
    await expectReport(p, cli.report);
    // The example rows were skipped, and the column of their own kept to group by.
    const notices = await p.locator("[data-test=notices]").textContent();
    expect(notices).toContain("bỏ qua 1 dòng ví dụ");
    expect(notices).toContain("cột “Xã” không phải dữ liệu của bộ tiêu chí");
    await p.selectOption("[data-test=group-by]", "Xã");
    await expect.poll(() => p.locator("[data-test=report-group] td:first-child").allTextContents()).toEqual(["Xã Đông", "Xã Tây"]);
    // The 2020 set is not in force today: said first, with the version in force.
    expect(await p.locator("[data-test=report] > :first-child").getAttribute("data-test")).toBe("not-in-force");
    expect(await p.locator("[data-test=not-in-force]").textContent()).toContain(`TT 22/2020 KHÔNG có hiệu lực vào ngày ${dmy(TODAY)}`);
    expect(await p.locator("[data-test=not-in-force] a").getAttribute("href")).toBe(`#/batch/${SET}/2024.1.0`);
    await screenshots(p, "16-batch-xlsx-report");

    // The results, downloaded as XLSX and as CSV, are the CLI's rows, and each is the library's verdict.
    const theirs = join(tmp, "cli.xlsx");
    let err = "";
    // Exit 1: DV04's data is invalid (a unit not evaluated), as the report says.
    expect(
      await main(["batch", DVHT, filled, "--out", theirs, "--workers", "0", "--as-of", TODAY, "--out-of-force", "--quiet"], {
        out: () => undefined,
        err: (t) => (err += t),
        columns: 80,
      }),
      err,
    ).toBe(1);
    const want = (await workbookTables(ExcelJS, new Uint8Array(readFileSync(theirs))))[0]!.rows;
    const xlsx = await downloaded(p, "download-results-xlsx");
    expect(xlsx.name).toBe(`${SET}-${OLD}-da-dien-ket-qua.xlsx`);
    const mine = (await workbookTables(ExcelJS, new Uint8Array(xlsx.bytes)))[0]!.rows;
    expect(mine).toEqual(want);
    expect(mine[0]).toEqual([
      "Dòng",
      "Mã đơn vị",
      "Tên đơn vị",
      "Kết luận",
      "Xếp loại",
      "Điểm",
      "Thang điểm",
      "Tiêu chí chưa đạt",
      "Dữ liệu còn thiếu",
      "Dữ liệu sai (chưa đánh giá)",
      "Xã",
    ]);
    const verdictWord = { pass: "Đạt", fail: "Chưa đạt", incomplete: "Chưa đủ dữ liệu" } as const;
    cli.lines.forEach((l, i) => {
      const line = JSON.parse(l) as { result?: { verdict: keyof typeof verdictWord }; error?: unknown };
      const row = mine[i + 1]!;
      if (line.result) expect(row[3]).toBe(verdictWord[line.result.verdict]);
      else expect(String(row[9])).not.toBe("");
    });
    // DV04's "khong ro" is not yes or no: the unit is not evaluated, and the row says which cell.
    expect(String(mine[4]![9])).toContain("đầu tư nguồn lực cho học tập");
    const csv = await downloaded(p, "download-results-csv");
    const text = csv.bytes.toString("utf8");
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(parseCsv(text).rows).toEqual(want.map((r) => Array.from(r, (c) => (c === null || c === undefined ? "" : String(c)))));
  });

  it("reads a ;-separated CSV with Vietnamese headers, names the delimiter and groups by the column it does not know", async () => {
    const p = await open(`#/batch/${SET}/${OLD}`);
    const file = join(tmp, "don-vi.csv");
    writeFileSync(
      file,
      "\ufeffMã đơn vị;Tên đơn vị;Có chủ trương, kế hoạch học tập;Huyện;Thành viên › Họ tên;Thành viên › Chấp hành kỷ luật, nội quy\nA;Phòng A;Có;Yên;Lan;Có\nA;;;;Huệ;Không\nB;Phòng B;Không;Lạc;;\n",
    );
    await p.setInputFiles("[data-test=batch-file]", file);
    await p.waitForSelector("[data-test=report] [data-test=chart-verdicts] svg", { timeout: 120_000 });
    expect(await p.locator("[data-test=delimiter]").textContent()).toBe("Các ô của tệp CSV cách nhau bằng dấu chấm phẩy (;).");
    await expectReport(p, (await cliBatch(file)).report);
    await p.selectOption("[data-test=group-by]", "Huyện");
    await expect.poll(() => p.locator("[data-test=report-group] td:first-child").allTextContents()).toEqual(["Lạc", "Yên"]);
    await screenshots(p, "16-batch-csv-semicolon");
  });

  it("runs a batch in a worker: count and percentage, stop, and a new file ends the run in progress", async () => {
    // 20,000 agencies: the district's example repeated.
    const district = readFileSync(DISTRICT, "utf8")
      .split("\n")
      .filter((l) => l !== "");
    const big = join(tmp, "huyen-20000.ndjson");
    const lines: string[] = [];
    for (let i = 0; lines.length < 20_000; i++) lines.push(district[i % district.length]!);
    writeFileSync(big, `${lines.join("\n")}\n`);
    // Stop and the race need a run still going when the test acts: 20,000 units take about 3 s, which a loaded
    // machine can spend between seeing the progress and clicking. 60,000 units keep it going three times as long.
    const huge = join(tmp, "huyen-60000.ndjson");
    writeFileSync(huge, `${lines.join("\n")}\n`.repeat(3));

    const p = await open(`#/batch/${SET}/${OLD}`);
    // Long tasks of the page's main thread (the Long Tasks API reports each over 50 ms). (Strings: this runs in
    // the page, and the tests' TypeScript has no DOM types.)
    await p.evaluate(
      'window.longTasks = []; new PerformanceObserver((list) => list.getEntries().forEach((e) => window.longTasks.push(e.duration))).observe({ type: "longtask", buffered: true });',
    );
    const longTasks = () => p.evaluate("window.longTasks.splice(0)") as Promise<number[]>;

    // Stop: the run ends, no report comes.
    await p.setInputFiles("[data-test=batch-file]", huge);
    await expect.poll(() => p.locator("[data-test=progress-count]").textContent(), { timeout: 120_000 }).toMatch(/^[\d.]+ \/ 60\.000 đơn vị \(\d+%\)$/);
    await screenshots(p, "16-batch-progress");
    await p.click("[data-test=cancel]");
    await p.waitForSelector("[data-test=cancelled]");
    expect(await p.locator("[data-test=progress-box]").isHidden()).toBe(true);
    await p.waitForTimeout(1500);
    expect(await p.locator("[data-test=report]").count()).toBe(0);

    // The race: a second file while the first runs. Only the second's report is shown, then and later.
    await p.setInputFiles("[data-test=batch-file]", huge);
    await expect.poll(() => p.locator("[data-test=progress-count]").textContent(), { timeout: 120_000 }).toMatch(/\/ 60\.000 đơn vị/);
    await p.setInputFiles("[data-test=batch-file]", DISTRICT);
    await p.waitForSelector("[data-test=report]", { timeout: 120_000 });
    expect(await p.locator("[data-test=batch-summary]").textContent()).toMatch(/^211 đơn vị:/);
    await p.waitForTimeout(3000);
    expect(await p.locator("[data-test=batch-summary]").textContent()).toMatch(/^211 đơn vị:/);
    expect(await p.locator("[data-test=report]").count()).toBe(1);

    // The whole file: the page stays responsive (long tasks measured), and the figures are the library's.
    await longTasks();
    const started = Date.now();
    await p.setInputFiles("[data-test=batch-file]", big);
    await p.waitForSelector("[data-test=report]", { timeout: 240_000 });
    const seconds = (Date.now() - started) / 1000;
    await expectReport(p, (await cliBatch(big)).report);
    const tasks = await longTasks();
    const longest = Math.max(0, ...tasks);
    console.log(`20,000-unit batch in the browser: ${seconds.toFixed(1)} s; main-thread long tasks: ${tasks.length}, longest ${longest.toFixed(0)} ms`);
    // A sanity bound, not a speed test: the page used to freeze for about 2 s on such a file.
    expect(longest).toBeLessThan(1000);
  });

  it("decides for today unless told, and says in place of the verdict when the set is not in force", async () => {
    const p = await open(`#/check/${SET}/${OLD}`);
    expect(await p.inputValue("[data-test=as-of]")).toBe(dmy(TODAY));
    const panel = p.locator(".result-panel-body");
    expect(await panel.locator(":scope > :first-child").getAttribute("data-test")).toBe("not-in-force");
    expect(await p.locator("[data-test=not-in-force-headline]").textContent()).toBe(`TT 22/2020 KHÔNG có hiệu lực vào ngày ${dmy(TODAY)}`);
    expect(await p.locator("[data-test=in-force-link]").getAttribute("href")).toBe(`#/check/${SET}/2024.1.0`);
    expect(await p.locator("[data-test=in-force-link]").textContent()).toBe("Kiểm tra theo TT 24/2023");
    expect(await p.locator("[data-test=verdict-bar] [data-test=verdict-out]").textContent()).toContain("KHÔNG có hiệu lực");
    await screenshots(p, "16-check-not-in-force");
    // A date in force: the verdict is back; a date that is no date is marked, and the last good one kept.
    await p.fill("[data-test=as-of]", "01/06/2022");
    expect(await p.locator("[data-test=not-in-force]").count()).toBe(0);
    expect(await p.locator(".result-panel [data-test=in-force]").textContent()).toContain("01/06/2022");
    await p.fill("[data-test=as-of]", "31/02/2022");
    expect(await p.getAttribute("[data-test=as-of]", "aria-invalid")).toBe("true");
    expect(await p.locator("[data-test=not-in-force]").count()).toBe(0);
    // A title with no version in force today says that too.
    const q = await explorer.browser.context.newPage();
    await q.goto(`${explorer.url}#/check/gia-dinh-hoc-tap/2016.1.0`);
    await q.waitForSelector("[data-test=not-in-force]");
    expect(await q.locator("[data-test=not-in-force-headline]").textContent()).toBe(`QĐ 448 KHÔNG có hiệu lực vào ngày ${dmy(TODAY)}`);
    await q.close();
  });

  it("marks a part larger than its whole as invalid data on the field, in Vietnamese, not as an evaluation", async () => {
    const p = await open(`#/check/${SET}/2024.1.0`);
    await p.fill('.unit-form [data-path="soNguoiHoc"] input', "40");
    await p.fill('.unit-form [data-path="soNguoiHocDatCongDanHocTap"] input', "50");
    await p.waitForSelector("[data-test=verdict][data-verdict=invalid]", { state: "attached" });
    const field = p.locator('.unit-form [data-path="soNguoiHocDatCongDanHocTap"]');
    expect(await field.getAttribute("class")).toContain("is-invalid");
    expect(await field.locator(":scope > .field-msg").textContent()).toBe(
      '50 lớn hơn 40 là giá trị của người học: người học đạt "Công dân học tập" không thể vượt quá số đó',
    );
    const error = p.locator(".result-panel [data-test=error]");
    expect(await error.getAttribute("data-code")).toBe("ERR_UNIT_DATA");
    expect(await error.locator(".problems li").allTextContents()).toEqual([expect.stringContaining("[part_exceeds_whole]")]);
    await screenshots(p, "16-check-part-above-whole");
    // Equal is allowed: the verdict comes back.
    await p.fill('.unit-form [data-path="soNguoiHocDatCongDanHocTap"] input', "40");
    await p.waitForSelector("[data-test=verdict]:not([data-verdict=invalid])", { state: "attached" });
    expect(await field.getAttribute("class")).not.toContain("is-invalid");
    // Leave no autosaved data behind for the tests that follow.
    await p.click("[data-test=clear]");
    await p.waitForTimeout(1000);
    await p.evaluate("localStorage.clear()");
  });

  it("keeps the work: autosave restored on reload, undo of clear, sample and remove, focus after list changes, labels in 'Còn thiếu'", async () => {
    const p = await open(`#/check/${SET}/2024.1.0`);
    await p.fill('.unit-form [data-path="tenDonVi"] input', "Phòng Văn hóa");
    await p.click('.unit-form [data-path="thanhVien"] > [data-test=add]');
    // Focus on the new member's summary.
    expect(await p.evaluate(FOCUSED_PATH)).toBe("thanhVien[0]");
    expect(await p.evaluate("document.activeElement?.tagName")).toBe("SUMMARY");
    await p.fill('.unit-form [data-path="thanhVien[0].hoTen"] input', "Lan");
    await p.click('.unit-form [data-path="thanhVien[0]"] [data-test=duplicate]');
    expect(await p.evaluate(FOCUSED_PATH)).toBe("thanhVien[1]");
    await p.fill('.unit-form [data-path="thanhVien[1].hoTen"] input', "Huệ");

    // "Còn thiếu" names what is missing by its labels, never by an internal path.
    const missing = await p.locator("[data-test=missing]").textContent();
    expect(missing).toContain("Thành viên #1 › chấp hành kỷ luật");
    const names = await p.locator("[data-test=missing] li[data-path] button").allTextContents();
    expect(names.length).toBeGreaterThan(3);
    for (const n of names) expect(n, n).not.toMatch(/\[\d|(^|\s)[a-z]+[A-Z]/);

    // Reload: the data comes back from this computer, and the page says so.
    await p.reload();
    await p.waitForSelector("[data-test=restored]");
    expect(await p.inputValue('.unit-form [data-path="tenDonVi"] input')).toBe("Phòng Văn hóa");
    expect(await p.locator('.unit-form [data-path="thanhVien"] > [data-test=item]').count()).toBe(2);
    await screenshots(p, "16-check-restored");

    // Remove the first member: focus on the one that took its place; undo brings it back.
    await p.click('.unit-form [data-path="thanhVien[0]"] [data-test=remove]');
    expect(await p.evaluate(FOCUSED_PATH)).toBe("thanhVien[0]");
    expect(await p.locator("[data-test=undo-message]").textContent()).toBe("Đã xóa thành viên #1.");
    await p.click("[data-test=undo]");
    expect(await p.locator('.unit-form [data-path="thanhVien"] > [data-test=item]').count()).toBe(2);
    expect(await p.inputValue('.unit-form [data-path="thanhVien[0].hoTen"] input')).toBe("Lan");
    // Remove the last member: focus on the list's add button.
    await p.click('.unit-form [data-path="thanhVien[1]"] [data-test=remove]');
    expect(await p.evaluate('document.activeElement?.getAttribute("data-test")')).toBe("add");

    // Clear all, then undo.
    await p.click("[data-test=clear]");
    expect(await p.inputValue('.unit-form [data-path="tenDonVi"] input')).toBe("");
    expect(await p.locator("[data-test=undo-message]").textContent()).toBe("Đã xóa hết dữ liệu.");
    await screenshots(p, "16-check-undo");
    await p.click("[data-test=undo]");
    expect(await p.inputValue('.unit-form [data-path="tenDonVi"] input')).toBe("Phòng Văn hóa");
    // A sample replaces the data, and can be undone too.
    const option = await p.locator("[data-test=samples] option:not([value=''])").first().getAttribute("value");
    await p.selectOption("[data-test=samples]", option!);
    expect(await p.locator("[data-test=undo-message]").textContent()).toMatch(/^Đã nạp dữ liệu mẫu “.+” thay cho dữ liệu đang nhập\.$/);
    await p.click("[data-test=undo]");
    expect(await p.inputValue('.unit-form [data-path="tenDonVi"] input')).toBe("Phòng Văn hóa");
  });

  it("keeps a unit of 500 members short: members folded and drawn when opened, what is missing inside one marked and reachable", async () => {
    const p = await open(`#/check/${SET}/${OLD}`);
    const first = JSON.parse(readFileSync(DISTRICT, "utf8").split("\n")[0]!) as { data: { thanhVien: unknown[] } };
    const members = first.data.thanhVien;
    const data = { ...first.data, thanhVien: Array.from({ length: 500 }, (_, i) => structuredClone(members[i % members.length])) };
    delete (data.thanhVien[299] as Record<string, unknown>).chapHanhKyLuat;
    await p.click("#tab-json");
    await p.fill("[data-test=json]", JSON.stringify(data));
    const want = evaluate(dvht, data, { asOf: TODAY, allowOutOfForce: true });
    await expect.poll(() => p.locator(".result-panel [data-test=result]").getAttribute("data-verdict")).toBe(want.verdict);
    await p.click("#tab-form");
    // 500 members, all folded (a list of more than 10 starts folded), none of their fields drawn yet.
    const items = p.locator('.unit-form [data-path="thanhVien"] > [data-test=item]');
    expect(await items.count()).toBe(500);
    expect(await p.locator('.unit-form [data-path="thanhVien"] > details[open]').count()).toBe(0);
    expect(await p.locator('.unit-form [data-path^="thanhVien["].field').count()).toBe(0);
    expect(await p.evaluate('document.querySelectorAll(".unit-form *").length')).toBeLessThan(10_000);
    // The member with a value missing says so while folded; "Còn thiếu" names the field by its labels.
    expect(await p.locator('.unit-form [data-path="thanhVien[299]"]').getAttribute("class")).toContain("has-missing");
    expect(await p.locator('.unit-form [data-path="thanhVien[298]"]').getAttribute("class")).not.toContain("has-missing");
    const link = p.locator('[data-test=missing] li[data-path="thanhVien[299].chapHanhKyLuat"] button');
    expect(await link.textContent()).toMatch(/^Thành viên #300 › chấp hành kỷ luật/);
    // Following it opens that member, draws its fields, marks the one missing and puts the focus in it.
    await link.click();
    expect(await p.evaluate(FOCUSED_PATH)).toBe("thanhVien[299].chapHanhKyLuat");
    expect(await p.locator('.unit-form [data-path="thanhVien[299]"]').getAttribute("open")).not.toBeNull();
    const field = p.locator('.unit-form [data-path="thanhVien[299].chapHanhKyLuat"]');
    expect(await field.getAttribute("class")).toContain("is-missing");
    expect(await p.inputValue('.unit-form [data-path="thanhVien[299].hoTen"] input')).toBe((data.thanhVien[299] as { hoTen: string }).hoTen);
    // Given, the verdict is the library's for the whole unit.
    await field.locator("input[value=true]").check();
    const filled = structuredClone(data);
    (filled.thanhVien[299] as Record<string, unknown>).chapHanhKyLuat = true;
    const after = evaluate(dvht, filled, { asOf: TODAY, allowOutOfForce: true });
    await expect.poll(() => p.locator(".result-panel [data-test=result]").getAttribute("data-verdict")).toBe(after.verdict);
    expect(await field.getAttribute("class")).not.toContain("is-missing");
    // A member opened by hand is drawn with its data; only the members opened are.
    await p.click('.unit-form [data-path="thanhVien[0]"] > summary');
    expect(await p.inputValue('.unit-form [data-path="thanhVien[0].hoTen"] input')).toBe((data.thanhVien[0] as { hoTen: string }).hoTen);
    expect(await p.locator('.unit-form [data-path="thanhVien"] > details[open]').count()).toBe(2);
    await screenshots(p, "16-check-500-members");
    await p.click("[data-test=clear]");
    await p.waitForTimeout(1000);
    await p.evaluate("localStorage.clear()");
  });

  it("prints the assessment record (a PDF with every criterion) and saves the data beside the audit record for tieuchi verify", async () => {
    const p = await open(`#/check/${SET}/${OLD}`);
    const member = {
      hoTen: "Lê Văn Một",
      coKeHoachTuHocDuocDuyet: true,
      chapHanhKyLuat: true,
      hoanThanhChuongTrinhBatBuoc: true,
      danhHieuThiDua: "Lao động tiên tiến",
      nangLucCongDanHocTap: Object.fromEntries(
        [
          "tuanThuPhapLuat",
          "camKetHocTapSuotDoi",
          "toChucHocTapGiaDinh",
          "loiSongLanhManh",
          "ngoaiNguTinHoc",
          "tuDuyPhanBien",
          "binhDangGioi",
          "tonTrongDaDangVanHoa",
        ].map((q) => [q, true]),
      ),
    };
    const data = {
      tenDonVi: "Phòng Giáo dục huyện Yên",
      capQuanLy: "Cấp huyện",
      coKeHoachHocTap: true,
      coQuyDinhKhuyenKhich: true,
      dauTuNguonLuc: true,
      chiaSeTriThuc: false,
      danhHieuTapThe: "Tập thể lao động tiên tiến",
      thanhVien: [member],
    };
    await p.fill("[data-test=as-of]", "01/06/2022");
    await p.click("#tab-json");
    await p.fill("[data-test=json]", JSON.stringify(data));
    const want = evaluate(dvht, data, { asOf: "2022-06-01" });
    await expect.poll(() => p.locator(".result-panel [data-test=result]").getAttribute("data-verdict")).toBe(want.verdict);

    // The PDF the browser prints: the record's heading, the set and regulation, every criterion with its
    // result, the verdict, both hashes, the date and the lines to sign.
    const pdf = await p.pdf({ format: "A4", printBackground: true });
    const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
    const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false }).promise;
    let text = "";
    for (let i = 1; i <= doc.numPages; i++) {
      const content = await (await doc.getPage(i)).getTextContent();
      text += `${content.items.map((x) => ("str" in x ? x.str : "")).join(" ")}\n`;
    }
    const flat = text.normalize("NFC").replace(/\s+/g, "");
    const has = (s: string) => expect(flat, s).toContain(s.normalize("NFC").replace(/\s+/g, ""));
    has("BIÊN BẢN ĐÁNH GIÁ");
    has("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    has("Thông tư 22/2020/TT-BGDĐT");
    has("Phòng Giáo dục huyện Yên");
    has("Ngày xét 01/06/2022");
    for (const c of want.criteria) {
      has(c.id);
      has(c.title.vi);
    }
    has(`Kết luận: ${{ pass: "ĐẠT", fail: "CHƯA ĐẠT", incomplete: "CHƯA ĐỦ DỮ LIỆU" }[want.verdict]}`);
    const record = parseAuditRecord((await import("../../src/index.js")).recordEvaluation(want, data));
    has(record.data.hash);
    has(record.set.hash);
    has("Người đánh giá");
    has("Đại diện đơn vị");
    has("(Ký, ghi rõ họ tên)");
    writeFileSync(join(tmp, "bien-ban.pdf"), pdf);
    await p.emulateMedia({ media: "print" });
    await screenshots(p, "16-print-sheet");
    await p.emulateMedia({ media: "screen" });

    // "Save data" next to the audit record: the two files replay with the library's verify, as tieuchi verify does.
    const audit = JSON.parse((await downloaded(p, "download-audit")).bytes.toString("utf8")) as unknown;
    const saved = await downloaded(p, "download-data");
    expect(saved.name).toBe(`${SET}-${OLD}-data.json`);
    const v = verify(audit, JSON.parse(saved.bytes.toString("utf8")), loadRegistry(join(ROOT, "criteria")));
    expect(v.match, JSON.stringify(v.differences)).toBe(true);
    writeFileSync(join(tmp, "audit.json"), JSON.stringify(audit));
    writeFileSync(join(tmp, "data.json"), saved.bytes);
    let out = "";
    expect(
      main(["verify", join(tmp, "audit.json"), join(tmp, "data.json"), "--criteria", join(ROOT, "criteria")], {
        out: (t) => (out += t),
        err: () => undefined,
        columns: 80,
      }),
    ).toBe(0);
    expect(out).toContain("KHỚP");
  });

  it("names documents as officials do, shows today on the timeline, and compares versions leading with the decision", async () => {
    const p = await open("#/");
    const card = p.locator(`[data-test=title][data-set="${SET}"] [data-test=version][data-version="2024.1.0"] h3`);
    expect(await card.textContent()).toBe("TT 24/2023 Phiên bản 2024.1.0");
    expect(await p.locator(`.tl-row[data-set="${SET}"] .tl-bar[data-version="2024.1.0"]`).textContent()).toBe("TT 24/2023");
    expect(await p.locator(`.tl-row[data-set="gia-dinh-hoc-tap"] .tl-bar`).first().textContent()).toBe("QĐ 448");
    expect(await p.locator(`.tl-row[data-set="gia-dinh-van-hoa"] .tl-bar`).allTextContents()).toEqual(["NĐ 122/2018", "NĐ 86/2023"]);
    const marker = p.locator("[data-test=today-marker]");
    expect(await marker.textContent()).toBe(`Hôm nay ${dmy(TODAY)}`);
    expect(await marker.locator(".tl-now-label").isVisible()).toBe(true);
    expect(await p.locator("body").textContent()).not.toContain("mã hóa");
    await screenshots(p, "16-catalogue-names");

    // TT 22/2020 → TT 24/2023: the decision and thresholds first, 1.1 paired with TC1.CT1 by its wording,
    // the document's details folded at the end.
    await p.goto(`${explorer.url}#/compare/${SET}/${OLD}/${SET}/2024.1.0`);
    await p.waitForSelector("[data-test=diff]");
    const sections = await p.locator("[data-test=change-section]").evaluateAll((els) => els.map((e) => e.getAttribute("data-section")));
    expect(sections[0]).toBe("decisive");
    expect(sections.at(-1)).toBe("metadata");
    expect(await p.locator("details[data-section=metadata]").getAttribute("open")).toBeNull();
    const renamed = p.locator('[data-test=change][data-kind=criterion-renamed][data-target="TC1.CT1"]');
    expect(await renamed.textContent()).toContain("Tiêu chí 1.1 đổi mã thành TC1.CT1");
    expect(await p.locator('[data-test=change][data-kind=criterion-removed][data-target="1.1"]').count()).toBe(0);
    expect(await p.locator(".diff-side strong").allTextContents()).toEqual(["TT 22/2020", "TT 24/2023"]);
    await screenshots(p, "16-compare-decision-first");
  });

  it("fits every page on a phone: no horizontal scroll at 390 px", async () => {
    const sets = findCriteriaFiles(join(ROOT, "criteria")).map((f) => readJsonFile(f) as { id: string; version: string });
    const routes = [
      "#/",
      "#/compare",
      "#/batch",
      "#/compare/gia-dinh-van-hoa/2018.1.0/gia-dinh-van-hoa/2024.1.0",
      "#/compare/cong-dong-hoc-tap-cap-xa/2014.1.0/cong-dong-hoc-tap-cap-xa/2024.1.0",
    ];
    for (const s of sets) routes.push(`#/set/${s.id}/${s.version}`, `#/check/${s.id}/${s.version}`, `#/batch/${s.id}/${s.version}`);
    const page = await open("#/");
    await page.setViewportSize(PHONE);
    const wide: string[] = [];
    for (const r of routes) {
      await page.goto(`${explorer.url}${r}`);
      await page.waitForSelector("main#main > section");
      const w = (await page.evaluate("({ scroll: document.documentElement.scrollWidth, view: window.innerWidth })")) as { scroll: number; view: number };
      if (w.scroll > w.view) wide.push(`${r}: ${w.scroll} px`);
    }
    // The report of a batch, and a check page with its result, too.
    await page.goto(`${explorer.url}#/batch/${SET}/2024.1.0`);
    await page.setInputFiles("[data-test=batch-file]", DISTRICT);
    await page.waitForSelector("[data-test=report] svg", { timeout: 120_000 });
    const w = (await page.evaluate("document.documentElement.scrollWidth")) as number;
    if (w > PHONE.width) wide.push(`batch report: ${w} px`);
    expect(wide, wide.join("\n")).toEqual([]);
    await page.setViewportSize(DESKTOP);
  });
});
