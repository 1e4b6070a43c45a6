/**
 * One reader of a spreadsheet's CSV file (labels as headers, list items on further rows) for the page, the
 * library and the CLI: the same files, well-formed and malformed, fed to the explorer's batch page (its worker, in
 * Chromium), to `readSheetFile` (tieuchi/node) and to `tieuchi batch`, give the same units on the same lines, the
 * same verdicts, and the same refusals (a row quoted as csv-parse refuses makes its unit an error line, a quoted
 * cell never closed ends the file with its line). The page and `readSheetFile` read such files whole with lenient
 * quoting before; now all three go through `sheetCsvUnits`.
 *
 * The explorer is built into a folder of this test's own (the other e2e files build docs/explorer/dist).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../helpers.js";
import { launch, type Browser } from "./browser.js";

const SET = "don-vi-hoc-tap";
const VERSION = "2020.1.0";
const SET_FILE = join(ROOT, "criteria", SET, `${VERSION}.json`);
const CLI = join(ROOT, "dist", "cli.js");
const node = (await import(pathToFileURL(join(ROOT, "dist/node.js")).href)) as typeof import("../../src/node/index.js");
const lib = (await import(pathToFileURL(join(ROOT, "dist/index.js")).href)) as typeof import("../../src/index.js");

const HEADER = "Mã đơn vị;Tên đơn vị;Có chủ trương, kế hoạch học tập;Huyện;Thành viên › Họ tên;Thành viên › Chấp hành kỷ luật, nội quy";
const unitRows = (i: number) => [`A${i};Phòng ${i};Có;Yên;Lan ${i};Có`, `A${i};;;;Huệ ${i};Không`];
const rowsOf = (n: number) => Array.from({ length: n }, (_, i) => unitRows(i + 1)).flat();

/** The files: a name and its text. */
const FILES: Record<string, string> = (() => {
  const good = rowsOf(4);
  // A quoted cell holding the delimiter, a quote and a line break; a unit with a member who has no verdict cell.
  good[2] = `A2;"Phòng ""Hai""; tầng 2\nphía sau";Có;Yên;Lan 2;Có`;
  good[3] = `A2;;;;Huệ 2;`;
  const bad = rowsOf(5);
  bad[1] = `A1;;;;Huệ "1";Không`; // a quote inside an unquoted cell, on a member's row of A1
  bad[4] = `A3;"Phòng" 3;Có;Yên;Lan 3;Có`; // text after a closing quote, on A3's own row
  bad[7] = `A4;;;;"Huệ" x;Không`; // on A4's member row
  return {
    "tot.csv": `${HEADER}\n${good.join("\n")}\n`,
    "ngoac-sai.csv": `${HEADER}\n${bad.join("\n")}\n`,
    "khong-dong.csv": `${HEADER}\n${rowsOf(3).join("\n")}\nA4;"Phòng không đóng;Có;Yên;;\nA5;Phòng;Có;Yên;;\n`,
  };
})();

let dir: string;
let site: string;
let browser: Browser;
let page: Page | undefined;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "tieuchi-sheet-csv-"));
  for (const [name, text] of Object.entries(FILES)) writeFileSync(join(dir, name), text);
  site = join(dir, "site");
  execFileSync(
    process.execPath,
    [
      join(ROOT, "node_modules", "vite", "bin", "vite.js"),
      "build",
      "--config",
      "docs/explorer/vite.config.ts",
      "--outDir",
      site,
      "--emptyOutDir",
      "--logLevel",
      "warn",
    ],
    { cwd: ROOT, env: { ...process.env, NODE_ENV: "production" }, stdio: ["ignore", "ignore", "inherit"] },
  );
  browser = await launch();
}, 300_000);

afterAll(async () => {
  await browser?.close();
});

afterEach(async () => {
  await page?.close();
  page = undefined;
  expect(browser.problems.splice(0), "the page logged errors, broke its CSP or made requests").toEqual([]);
});

/** A line as compared: its line, its unit's fields, and its verdict or the code of why it was not evaluated. */
type Seen = [line: number, unit: unknown, outcome: string];

interface OutLine {
  line: number;
  unit?: Record<string, unknown>;
  result?: { verdict: string };
  error?: { code: string; problems?: Array<{ code: string }> };
  partial?: true;
}
const outcome = (l: OutLine): string => l.result?.verdict ?? `${l.error!.code}:${l.error!.problems?.[0]?.code ?? ""}`;
const seen = (l: OutLine): Seen => [l.line, l.unit ?? {}, outcome(l)];

function cli(name: string): { status: number | null; lines: OutLine[]; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, "batch", SET_FILE, join(dir, name), "--workers", "0", "--quiet", "--lang", "en"], {
    encoding: "utf8",
    cwd: ROOT,
  });
  const lines = r.stdout
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as OutLine);
  return { status: r.status, lines: lines.filter((l) => !l.partial), stderr: r.stderr };
}

async function library(name: string): Promise<Seen[]> {
  const set = node.loadCriteriaFile(SET_FILE);
  const read = await node.readSheetFile(set, join(dir, name));
  const out: Seen[] = read.units.map((u) => {
    // The record as tieuchi batch takes it (grouping fields with the data's plain values).
    const { unit, evaluated } = lib.unwrapUnit(lib.sheetRecord(u));
    try {
      return [u.row, unit, lib.evaluate(set, evaluated).verdict];
    } catch (e) {
      return [u.row, unit, `${(e as { code: string }).code}:${(e as { problems: Array<{ code: string }> }).problems[0]?.code ?? ""}`];
    }
  });
  for (const r of read.refused ?? []) out.push([r.row, {}, `ERR_UNIT_DATA:${r.code}`]);
  return out.sort((a, b) => a[0] - b[0]);
}

async function onPage(name: string): Promise<{ lines?: OutLine[]; error?: { text: string } }> {
  page = await browser.context.newPage();
  await page.goto(`${pathToFileURL(join(site, "index.html")).href}#/batch/${SET}/${VERSION}`);
  await page.waitForSelector("[data-test=batch-file]");
  await page.setInputFiles("[data-test=batch-file]", join(dir, name));
  const done = page.locator("[data-test=report] [data-test=chart-verdicts] svg");
  const failed = page.locator("[data-test=error]");
  await expect.poll(async () => (await done.count()) + (await failed.count()), { timeout: 60_000 }).toBeGreaterThan(0);
  if ((await failed.count()) > 0) return { error: { text: (await failed.textContent()) ?? "" } };
  const [d] = await Promise.all([page.waitForEvent("download"), page.click("[data-test=download-results]")]);
  const lines = readFileSync((await d.path())!, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as OutLine);
  return { lines };
}

describe("a spreadsheet's CSV file reads the same on the page, in the library and in the CLI", () => {
  it("well-formed: the same units, lines, grouping fields and verdicts", async () => {
    const c = cli("tot.csv");
    expect(c.status, c.stderr).not.toBe(2);
    const expected = c.lines.map(seen);
    expect(expected.map((s) => s[0])).toEqual([2, 4, 7, 9]);
    expect(expected[1]![1]).toMatchObject({ dong: 4, ma: "A2", ten: 'Phòng "Hai"; tầng 2\nphía sau', Huyện: "Yên" });
    expect(await library("tot.csv")).toEqual(expected);
    expect((await onPage("tot.csv")).lines!.map(seen)).toEqual(expected);
  }, 120_000);

  it("quoting csv-parse refuses: the unit of such a row is an error line (csv_quote) in all three, the others evaluated", async () => {
    const c = cli("ngoac-sai.csv");
    expect(c.status, c.stderr).toBe(1);
    const expected = c.lines.map(seen);
    expect(expected.map((s) => [s[0], s[2].startsWith("ERR") ? s[2] : "result"])).toEqual([
      [2, "ERR_UNIT_DATA:csv_quote"],
      [4, "result"],
      [6, "ERR_UNIT_DATA:csv_quote"],
      [8, "ERR_UNIT_DATA:csv_quote"],
      [10, "result"],
    ]);
    expect(await library("ngoac-sai.csv")).toEqual(expected);
    expect((await onPage("ngoac-sai.csv")).lines!.map(seen)).toEqual(expected);
  }, 120_000);

  it("a quoted cell never closed: ERR_UNITS_FILE with its line in all three", async () => {
    const c = cli("khong-dong.csv");
    expect(c.status).toBe(2);
    expect(c.stderr).toContain("khong-dong.csv:8: a quoted cell that starts on line 8 is never closed [ERR_UNITS_FILE]");
    expect(c.lines.map((l) => l.line)).toEqual([2, 4, 6, 8]);
    const e = await node.readSheetFile(node.loadCriteriaFile(SET_FILE), join(dir, "khong-dong.csv")).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(lib.UnitsFileError);
    expect((e as Error).message).toBe(`${join(dir, "khong-dong.csv")}:8: a quoted cell that starts on line 8 is never closed`);
    const p = await onPage("khong-dong.csv");
    expect(p.error?.text).toContain("khong-dong.csv:8: a quoted cell that starts on line 8 is never closed");
  }, 120_000);
});
