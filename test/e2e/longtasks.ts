/**
 * Probe, not a test: the main thread's long tasks (PerformanceObserver "longtask") during the explorer's heavy
 * actions, in Debian's Chromium. Issue 16 asks that the page never freeze more than 100 ms; a timed assertion
 * would flake on a busy 2-core machine, so the figures are printed (with the load average beside each) and go
 * into the note. Run after `npm run build`:
 *
 *     npx tsx test/e2e/longtasks.ts            # every action
 *     npx tsx test/e2e/longtasks.ts batch      # only the actions whose name contains "batch"
 *
 * Actions: 20,000-row CSV and 20,000-line NDJSON batches (read, evaluate, report drawn) and each of their
 * downloads (results XLSX, CSV, NDJSON; report CSV); the XLSX and CSV templates; a 500-member unit pasted as
 * JSON, drawn as a form, and typed into; the NĐ 122 → NĐ 86 compare page.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { ROOT } from "../helpers.js";
import { buildSite, launch } from "./browser.js";

const only = process.argv[2];
const WORK = join(tmpdir(), "tieuchi-longtasks");
mkdirSync(WORK, { recursive: true });

/** Starts collecting the page's long tasks (durations in ms) afresh. */
const watch = (p: Page) =>
  p.evaluate(
    'window.__lt = []; window.__ltObs?.disconnect(); window.__ltObs = new PerformanceObserver((l) => l.getEntries().forEach((e) => window.__lt.push(Math.round(e.duration)))); window.__ltObs.observe({ type: "longtask" });',
  );

const rows: string[] = [];
/** Prints one action's figures: wall time, long tasks over 50 ms, the longest, and the 1-minute load average. */
async function take(p: Page, what: string, t0: number): Promise<void> {
  const lt = ((await p.evaluate("window.__lt.splice(0)")) as number[]).sort((a, b) => b - a);
  const row = `${what}: ${((Date.now() - t0) / 1000).toFixed(1)} s, long tasks ${lt.length}, longest ${lt[0] ?? 0} ms ${lt.length ? JSON.stringify(lt.slice(0, 5)) : ""} (load ${loadavg()[0]!.toFixed(1)})`;
  rows.push(row);
  console.log(row);
}

const wanted = (name: string) => !only || name.includes(only);

/** A file of n units repeated from the given lines (the first kept as a header when `header`). */
function repeat(lines: string[], n: number, header: boolean, file: string): string {
  const [head, ...body] = header ? lines : ["", ...lines];
  const out = header ? [head!] : [];
  for (let i = 0; out.length - (header ? 1 : 0) < n; i++) out.push(body[i % body.length]!);
  writeFileSync(file, `${out.join("\n")}\n`);
  return file;
}
const linesOf = (path: string) =>
  readFileSync(join(ROOT, path), "utf8")
    .split("\n")
    .filter((l) => l);

async function download(p: Page, test: string): Promise<void> {
  const [d] = await Promise.all([p.waitForEvent("download", { timeout: 600_000 }), p.click(`[data-test=${test}]`)]);
  await d.path();
}

const url = buildSite();
const browser = await launch();
const p = await browser.context.newPage();
const at = (hash: string) => `${url}${hash}`;

const batches = [
  ["CSV", repeat(linesOf("test/e2e/fixtures/don-vi-hoc-tap-units.csv"), 20_000, true, join(WORK, "u20000.csv"))],
  ["NDJSON", repeat(linesOf("docs/examples/district/don-vi-hoc-tap.ndjson"), 20_000, false, join(WORK, "u20000.ndjson"))],
] as const;
for (const [name, file] of batches) {
  if (!wanted(`batch ${name}`)) continue;
  await p.goto(at("#/batch/don-vi-hoc-tap/2020.1.0"));
  await p.waitForSelector("[data-test=batch-file]", { state: "attached" });
  await watch(p);
  let t0 = Date.now();
  await p.setInputFiles("[data-test=batch-file]", file);
  await p.waitForSelector("[data-test=report]", { timeout: 600_000 });
  await p.waitForTimeout(500);
  await take(p, `20,000-unit ${name} batch (read, evaluate, report drawn)`, t0);
  for (const d of ["download-results-xlsx", "download-results-csv", "download-results", "download-report-csv"]) {
    t0 = Date.now();
    await download(p, d);
    await p.waitForTimeout(300);
    await take(p, `  ${name}: ${d}`, t0);
  }
}

if (wanted("template")) {
  await p.goto(at("#/set/don-vi-hoc-tap/2020.1.0"));
  await p.waitForSelector("[data-test=template-xlsx]");
  for (const d of ["template-xlsx", "template-csv"]) {
    await watch(p);
    const t0 = Date.now();
    await download(p, d);
    await p.waitForTimeout(300);
    await take(p, `template: ${d}`, t0);
  }
}

if (wanted("member")) {
  const first = JSON.parse(linesOf("docs/examples/district/don-vi-hoc-tap.ndjson")[0]!) as { data: { thanhVien: unknown[] } };
  const members = first.data.thanhVien;
  const unit = { ...first.data, thanhVien: Array.from({ length: 500 }, (_, i) => members[i % members.length]) };
  await p.goto(at("#/check/don-vi-hoc-tap/2020.1.0"));
  await p.waitForSelector("[data-test=verdict-bar]", { state: "attached" });
  await p.click("#tab-json");
  await watch(p);
  let t0 = Date.now();
  await p.fill("[data-test=json]", JSON.stringify(unit));
  await p.waitForTimeout(1500);
  await take(p, "500 members: pasted as JSON (parsed, evaluated)", t0);
  t0 = Date.now();
  await p.click("#tab-form");
  await p.waitForTimeout(1500);
  await take(p, "500 members: the form drawn", t0);
  t0 = Date.now();
  const field = p.locator("#pane-form input[type=text]").first();
  await field.click();
  await p.keyboard.type("Phòng Nội vụ", { delay: 30 });
  await p.waitForTimeout(1000);
  await take(p, "500 members: 12 characters typed in the form", t0);
  t0 = Date.now();
  await p.click('.unit-form [data-path="thanhVien[499]"] > summary');
  await p.click('.unit-form [data-path="thanhVien[499].chapHanhKyLuat"] input[value=false]');
  await p.waitForTimeout(1000);
  await take(p, "500 members: the last member opened, a yes/no changed", t0);
}

if (wanted("compare")) {
  await p.goto(at("#/"));
  await p.waitForSelector("main#main > *");
  await watch(p);
  const t0 = Date.now();
  await p.goto(at("#/compare/gia-dinh-van-hoa/2018.1.0/gia-dinh-van-hoa/2024.1.0"));
  await p.waitForSelector("[data-test=diff-summary]");
  await p.waitForTimeout(500);
  await take(p, "compare NĐ 122 → NĐ 86 (hash change)", t0);
}

await browser.close();
if (browser.problems.length) console.log(`problems: ${browser.problems.join("\n")}`);
writeFileSync(join(WORK, "figures.txt"), `${rows.join("\n")}\n`);
