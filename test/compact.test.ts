/**
 * Compact batch output (`tieuchi batch --compact`): a header record, then one array per unit. Each record is
 * what `compactRecord` gives for the unit's full result, error lines are those of the full form, and a report
 * of the compact output is the report of the full output.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { main } from "../src/cli/main.js";
import { aggregate, formatReport, loadCriteriaSet, OptionsError, ReportLineError, type Result } from "../src/index.js";
import { runBatch } from "../src/node/index.js";
import { COMPACT_FORMAT, compactHeader, compactRecord } from "../src/report/compact.js";
import { generateUnits } from "../src/testing/units.js";
import { ROOT, readJson, textSink } from "./helpers.js";
import { run } from "./run-cli.js";

const SETS = [
  "test/bench/family-set.json",
  "criteria/don-vi-hoc-tap/2020.1.0.json",
  "criteria/xoa-mu-chu/2014.1.0.json",
  "criteria/dong-ho-hoc-tap/2016.1.0.json",
];

function tmpFile(name: string, content: string): string {
  const f = join(mkdtempSync(join(tmpdir(), "tieuchi-compact-")), name);
  writeFileSync(f, content);
  return f;
}

async function batchText(set: string, input: string, compact: boolean, workers = 0): Promise<string> {
  const { output, text } = textSink();
  await runBatch({ set: join(ROOT, set), input, output, workers, meta: ["id", "xa"], ...(compact ? { compact: true } : {}) });
  return text();
}

/** Units of a set: generated (some with data left out, some failing), every ninth broken, each with an id and a commune. */
function unitsFile(rel: string, n: number): string {
  const set = loadCriteriaSet(readJson(rel));
  const lines: string[] = [];
  let i = 0;
  for (const data of generateUnits(set, n, { seed: `compact-${rel}`, listLength: [0, 4], fail: 0.3, missing: 0.2 })) {
    i++;
    const unit: Record<string, unknown> = { id: `U-${i}`, xa: i % 3 === 0 ? "Xã An Bình" : 'Phường "1" \u2028', ...data };
    lines.push(i % 9 === 0 ? `{"id":"U-${i}","xa":"x",` : JSON.stringify(unit));
  }
  return tmpFile("units.ndjson", `${lines.join("\n")}\n`);
}

describe("compact batch output", () => {
  for (const rel of SETS)
    it(`${rel}: a header, one record per unit equal to compactRecord of the full result, the same error lines, the same report`, {
      timeout: 120_000,
    }, async () => {
      const input = unitsFile(rel, 150);
      const full = (await batchText(rel, input, false)).split("\n").filter(Boolean);
      const compact = (await batchText(rel, input, true)).split("\n").filter(Boolean);
      const loaded = loadCriteriaSet(readJson(rel));
      expect(compact[0]).toBe(JSON.stringify(compactHeader(loaded)));
      expect(compact.length).toBe(full.length + 1);
      const verdicts = new Set<string>();
      for (let i = 0; i < full.length; i++) {
        const f = JSON.parse(full[i]!) as { line: number; unit: Record<string, string>; result?: Result };
        if (f.result === undefined) expect(compact[i + 1]).toBe(full[i]);
        else {
          expect(compact[i + 1]).toBe(JSON.stringify(compactRecord(f.line, f.unit, f.result)));
          verdicts.add(f.result.verdict);
        }
      }
      // The units reach more than one verdict, and some are bad, so every kind of line is compared.
      expect(verdicts.size).toBeGreaterThan(1);
      expect(full.some((l) => l.includes('"error"'))).toBe(true);
      for (const options of [{}, { by: ["xa"] }, { by: ["xa"], set: loaded }]) expect(aggregate(compact, options)).toEqual(aggregate(full, options));
    });

  it("is written the same by worker threads", { timeout: 120_000 }, async () => {
    const rel = SETS[0]!;
    const input = unitsFile(rel, 1200);
    expect(await batchText(rel, input, true, 2)).toBe(await batchText(rel, input, true, 0));
  });

  it("tieuchi report reads it as it reads the full form; files joined end to end are read with each header", { timeout: 120_000 }, async () => {
    const rel = SETS[1]!;
    const input = unitsFile(rel, 60);
    const full = tmpFile("full.ndjson", await batchText(rel, input, false));
    const compactText = await batchText(rel, input, true);
    const compact = tmpFile("compact.ndjson", compactText);
    for (const format of ["text", "json", "csv"]) {
      const a = run("report", full, "--by", "xa", "--format", format);
      const b = run("report", compact, "--by", "xa", "--format", format);
      expect(b.code).toBe(0);
      expect(b.out).toBe(a.out);
    }
    // Two runs, of two sets, joined: each header applies to the records after it.
    const other = await batchText(SETS[0]!, unitsFile(SETS[0]!, 30), true);
    const fullOther = await batchText(SETS[0]!, unitsFile(SETS[0]!, 30), false);
    const joined = `${compactText}${other}`.split("\n").filter(Boolean);
    const joinedFull = `${readFileSync(full, "utf8")}${fullOther}`.split("\n").filter(Boolean);
    expect(formatReport(aggregate(joined), "json")).toBe(formatReport(aggregate(joinedFull), "json"));
  });

  it("refuses a record before any header, a record that does not fit its header, and a broken header", () => {
    const loaded = loadCriteriaSet(readJson(SETS[0]!));
    const header = JSON.stringify(compactHeader(loaded));
    const n = loaded.definition.criteria.length;
    const good = JSON.stringify([2, { id: "a" }, "p", "dat", 80, 80, 100, "p".repeat(n), true]);
    expect(aggregate([header, good]).total.verdicts.pass.count).toBe(1);
    // A provisional grade (gradeFinal false) is counted apart from the final ones.
    const provisional = JSON.stringify([2, { id: "a" }, "p", "dat", 80, 80, 100, "p".repeat(n), false]);
    const grade = aggregate([header, provisional]).total.grades.find((g) => g.id === "dat");
    expect(grade?.provisional.count).toBe(1);
    expect(grade?.count).toBe(0);
    const refuse = (lines: string[], words: RegExp) => {
      let error: unknown;
      try {
        aggregate(lines);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ReportLineError);
      expect((error as Error).message).toMatch(words);
    };
    refuse([good], /before any compact header/);
    refuse([header, JSON.stringify([2, { id: "a" }, "p", "dat", 80, 80, 100, "p".repeat(n - 1), true])], /statuses for/);
    refuse([header, JSON.stringify([2, { id: "a" }, "p", "dat", 80, 80, 100, `${"p".repeat(n - 1)}z`, true])], /unknown status/);
    refuse([header, JSON.stringify([2, { id: "a" }, "x", "dat", 80, 80, 100, "p".repeat(n), true])], /unknown verdict/);
    refuse([header, JSON.stringify([2, { id: "a" }, "p", "gold", 80, 80, 100, "p".repeat(n), true])], /not in the header/);
    refuse([header, JSON.stringify([2, { id: "a" }, "p", "dat", 80, null, 100, "p".repeat(n), true])], /all given or all null/);
    refuse([header, JSON.stringify([2, "a", "p", "dat", 80, 80, 100, "p".repeat(n), true])], /a record is/);
    refuse([JSON.stringify({ format: COMPACT_FORMAT, set: {} }), good], /compact header/);
  });

  it("is refused with explanations, and with a spreadsheet for output", async () => {
    const input = unitsFile(SETS[0]!, 3);
    await expect(
      batchText(SETS[0]!, input, true).then(() =>
        runBatch({ set: join(ROOT, SETS[0]!), input, output: new Writable({ write: (_c, _e, d) => d() }), workers: 0, compact: true, explain: true }),
      ),
    ).rejects.toBeInstanceOf(OptionsError);
    const io = () => {
      let err = "";
      return { io: { out: () => {}, err: (t: string) => (err += t), columns: 120 }, err: () => err };
    };
    for (const extra of [["--explain"], ["--out", join(mkdtempSync(join(tmpdir(), "tieuchi-compact-")), "r.xlsx")]]) {
      const o = io();
      expect(await main(["batch", join(ROOT, SETS[0]!), input, "--compact", "--quiet", ...extra], o.io)).toBe(2);
      expect(o.err()).toMatch(/--compact/);
    }
  });
});
