/**
 * Compact batch records come from `decide` (the statuses-and-points form), not from `evaluate`'s full result.
 * Both must write the same bytes: each compact record is `compactRecord` of the unit's full result (what the
 * compact writer wrote when it built that result), and every error line is the full form's. Held on the
 * bundled NDJSON examples and on random units of every shipped set (complete, failing, with data left out,
 * with values of the wrong type, broken lines), with and without the generated evaluator.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadCriteriaSet, type Result } from "../src/index.js";
import { type BatchOptions, runBatch } from "../src/node/index.js";
import { compactHeader, compactRecord } from "../src/report/compact.js";
import { generateUnits } from "../src/testing/units.js";
import { ROOT, random, readJson, recordsIn, shippedSets, textSink } from "./helpers.js";

/** A batch's output lines. */
async function lines(options: Omit<BatchOptions, "output">): Promise<string[]> {
  const { output, text } = textSink();
  await runBatch({ ...options, output });
  return text()
    .split("\n")
    .filter((l) => l !== "");
}

/** What the compact output must be: the header, then `compactRecord` of each full result, or the full form's error line. */
function expectedCompact(setFile: string, full: readonly string[]): string[] {
  const out = [JSON.stringify(compactHeader(loadCriteriaSet(JSON.parse(readFileSync(setFile, "utf8")))))];
  for (const line of full) {
    const f = JSON.parse(line) as { line: number; unit: Record<string, string>; result?: Result };
    out.push(f.result === undefined ? line : JSON.stringify(compactRecord(f.line, f.unit, f.result)));
  }
  return out;
}

/** Compares compact output to the full output's records, with and without generated code; returns the full lines. */
async function compare(options: Omit<BatchOptions, "output">): Promise<string[]> {
  const full = await lines({ ...options, workers: 0 });
  const expected = expectedCompact(options.set as string, full);
  expect(await lines({ ...options, workers: 0, compact: true }), "generated").toEqual(expected);
  expect(await lines({ ...options, workers: 0, compact: true, generated: false }), "closures").toEqual(expected);
  return full;
}

const EXAMPLES: Array<{ input: string; set: string; options?: Partial<BatchOptions> }> = [
  { input: "docs/examples/district/gia-dinh-hoc-tap.ndjson", set: "criteria/gia-dinh-hoc-tap/2016.1.0.json" },
  { input: "docs/examples/district/don-vi-hoc-tap.ndjson", set: "criteria/don-vi-hoc-tap/2020.1.0.json" },
  {
    input: "docs/examples/don-vi-hoc-tap/tt22-tt24-units.ndjson",
    set: "criteria/don-vi-hoc-tap/2024.1.0.json",
    options: { sets: join(ROOT, "criteria") },
  },
  {
    input: "docs/examples/huyen-mau/xa.ndjson",
    set: "criteria/cong-dong-hoc-tap-cap-xa/2024.1.0.json",
    options: { sets: join(ROOT, "criteria"), asOf: "2025-03-31" },
  },
];

describe("compact records from decide are those of evaluate's full result", () => {
  const seen = new Set<string>();
  for (const e of EXAMPLES)
    it(`${e.input}`, { timeout: 120_000 }, async () => {
      const full = await compare({ set: join(ROOT, e.set), input: join(ROOT, e.input), ...e.options });
      expect(full.length).toBeGreaterThan(3);
    });

  const weird: unknown[] = [null, "x", -1, 1.5, true, [], {}, "\u0000", 2 ** 53];
  /** A unit with one value changed (to another type, absent, odd) somewhere in it. */
  const spoilt = (data: Record<string, unknown>, rnd: () => number): unknown => {
    const copy = structuredClone(data);
    const records = recordsIn(copy);
    const r = records[Math.floor(rnd() * records.length)]!;
    const keys = Object.keys(r);
    if (keys.length === 0) r.extra = 1;
    else {
      const key = keys[Math.floor(rnd() * keys.length)]!;
      if (rnd() < 0.4) delete r[key];
      else r[key] = weird[Math.floor(rnd() * weird.length)];
    }
    return copy;
  };

  for (const rel of [...shippedSets(), "test/bench/family-set.json"])
    it(`${rel}: random units, complete, failing, with data missing, spoilt or broken`, { timeout: 180_000 }, async () => {
      const set = loadCriteriaSet(readJson(rel));
      const rnd = random(20261204);
      const out: string[] = [];
      let i = 0;
      const complete = generateUnits(set, 40, { seed: `compact-decide-${rel}`, listLength: [0, 4], fail: 0.3 });
      const gaps = generateUnits(set, 20, { seed: `compact-decide-gaps-${rel}`, listLength: [0, 4], fail: 0.2, missing: 0.1 });
      for (const data of [...complete, ...gaps]) {
        i++;
        out.push(JSON.stringify({ id: `U-${i}`, ...data }));
        if (i % 4 === 0) out.push(JSON.stringify({ id: `S-${i}`, ...(spoilt(data, rnd) as object) }));
        if (i % 15 === 0) out.push(`{"id":"B-${i}",`);
      }
      const input = join(mkdtempSync(join(tmpdir(), "tieuchi-compact-decide-")), "units.ndjson");
      writeFileSync(input, `${out.join("\n")}\n`);
      const full = await compare({
        set: join(ROOT, rel),
        input,
        meta: ["id"],
        sets: join(ROOT, "criteria"),
        asOf: set.definition.validFrom,
      });
      // Every kind of line is compared: error lines and results; across the sets, every verdict and provisional
      // grades (the last test: a few sets are incomplete for every unit, a criterion their text leaves open).
      const results = full.map((l) => JSON.parse(l) as { result?: Result });
      expect(results.some((r) => r.result === undefined)).toBe(true);
      const decided = results.flatMap((r) => (r.result === undefined ? [] : [r.result]));
      expect(decided.length).toBeGreaterThan(30);
      for (const r of decided) seen.add(r.gradeFinal ? r.verdict : `${r.verdict}, grade not final`);
    });

  it("the random units reached every verdict and provisional grades", () => {
    expect([...seen].sort()).toEqual(["fail", "incomplete, grade not final", "pass", "pass, grade not final"]);
  });
});
