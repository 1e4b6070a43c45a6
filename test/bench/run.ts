/**
 * `npm run bench`: tieuchi against other ways of running the same criteria, on the same generated units.
 *
 * For each workload it first checks that every contender agrees with the hand-written function on every
 * unit (statuses, points, grade, verdict), then times rounds over the units and prints the median units per
 * second (CPU time of this process, on one core; wall time beside it), the spread between rounds, the ratio
 * to the hand-written function, and the peak heap. Then compile times, linear scaling with staff-list
 * length, and the `tieuchi batch` command end to end on a generated file of a million families.
 *
 *   npm run bench                  everything (a few minutes)
 *   npm run bench -- --quick       fewer units and rounds, no million-family batch
 *   npm run bench -- --only=outside|family|agency|explain|scaling|compile|batch
 *
 * The library is imported from dist/ (what users run), not from the sources.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import jsonLogic from "json-logic-js";
import { LogicEngine } from "json-logic-engine";
import { ROOT } from "../helpers.js";
import { agencyByHand } from "./agency-hand.js";
import { agencyBare, familyBare, prepareBare } from "./bare.js";
import { batchBenchmark } from "./batch.js";
import { familyByHand, type Summary } from "./family-hand.js";
import { agencyRulesEngine, familyRulesEngine } from "./rules-engine.js";
import { agencies, families, sparse } from "./units.js";
import { maskSummary, outsideByHand, outsideFamilies, type OutsideFamily } from "./outside.js";

type Lib = typeof import("../../src/index.js");
type Result = import("../../src/index.js").Result;

const args = process.argv.slice(2);
const quick = args.includes("--quick");
const only = args.find((a) => a.startsWith("--only="))?.slice(7);
const wants = (name: string) => only === undefined || only === name;
const SEED = 20240601;

const lib = (await import(pathToFileURL(join(ROOT, "dist/index.js")).href)) as Lib;
const gc = (globalThis as { gc?: () => void }).gc;

// ---------------------------------------------------------------------------------------------------------
// Measuring

interface Contender<U> {
  readonly name: string;
  /** Gives the comparable summary of one unit. */
  readonly summary: (u: U) => Summary | Promise<Summary>;
  /** Runs one unit the way it is timed; returns something to keep the work from being optimised away. */
  readonly run: (u: U) => number | Promise<number>;
  /** Slow contenders are timed on the first `subset` units only (they are checked on all). */
  readonly subset?: number;
}

interface Timing {
  readonly name: string;
  readonly units: number;
  readonly cpu: number[];
  readonly wall: number[];
  readonly peakHeap: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

function summarize(r: Result): Summary {
  let statuses = "";
  for (const c of r.criteria) statuses += c.status === "not-applicable" ? "n" : c.status[0]!;
  return { statuses, earned: r.points!.earned, applicableMax: r.points!.applicableMax, verdict: r.verdict as "pass" | "fail", grade: r.grade?.id ?? null };
}

/** The comparable summary of `decide`'s answer. */
function summarizeDecided(d: import("../../src/index.js").DecideResult): Summary {
  let statuses = "";
  for (const s of d.statuses) statuses += s === "not-applicable" ? "n" : s[0]!;
  return { statuses, earned: d.earned!, applicableMax: d.applicableMax!, verdict: d.verdict as "pass" | "fail", grade: d.grade };
}

const same = (a: Summary, b: Summary) =>
  a.statuses === b.statuses && a.earned === b.earned && a.applicableMax === b.applicableMax && a.verdict === b.verdict && a.grade === b.grade;

/** Every contender, on every unit (slow ones are timed on a subset only). */
async function agree<U>(units: readonly U[], reference: (u: U) => Summary, contenders: readonly Contender<U>[]): Promise<void> {
  for (const c of contenders) {
    const n = units.length;
    for (let i = 0; i < n; i++) {
      const want = reference(units[i]!);
      const got = await c.summary(units[i]!);
      if (!same(want, got)) {
        console.error(
          `DISAGREEMENT: ${c.name} on unit ${i}:\n  expected ${JSON.stringify(want)}\n  got      ${JSON.stringify(got)}\n  unit ${JSON.stringify(units[i]).slice(0, 2000)}`,
        );
        process.exit(1);
      }
    }
    console.log(`  agree: ${c.name.padEnd(44)} ${n.toLocaleString("en")} units`);
  }
}

async function time<U>(units: readonly U[], c: Contender<U>, rounds: number): Promise<Timing> {
  const n = Math.min(units.length, c.subset ?? units.length);
  const cpu: number[] = [];
  const wall: number[] = [];
  gc?.();
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  let sink = 0;
  const sample = Math.max(1, Math.floor(n / 20));
  const isAsync = c.run(units[0]!) instanceof Promise;
  for (let r = -1; r < rounds; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < n; i++) {
      sink += isAsync ? await c.run(units[i]!) : (c.run(units[i]!) as number);
      if (i % sample === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
    }
    const w = performance.now() - t0;
    const u = process.cpuUsage(c0);
    if (r < 0) continue; // warm-up round
    cpu.push(n / ((u.user + u.system) / 1e6));
    wall.push(n / (w / 1e3));
  }
  if (sink === -1) console.log("");
  return { name: c.name, units: n, cpu, wall, peakHeap: peak - base };
}

/**
 * Times every contender in interleaved rounds: round 1 of each, then round 2 of each, ... after a warm-up
 * round of each, so a change of load on a shared machine touches every contender alike.
 */
async function timeInterleaved<U>(units: readonly U[], list: readonly Contender<U>[], rounds: number): Promise<Timing[]> {
  const out = list.map((c) => ({
    name: c.name,
    units: Math.min(units.length, c.subset ?? units.length),
    cpu: [] as number[],
    wall: [] as number[],
    peakHeap: 0,
  }));
  let sink = 0;
  for (let r = -1; r < rounds; r++) {
    for (let k = 0; k < list.length; k++) {
      const c = list[k]!;
      const t = out[k]!;
      const n = t.units;
      const isAsync = c.run(units[0]!) instanceof Promise;
      gc?.();
      const base = process.memoryUsage().heapUsed;
      const sample = Math.max(1, Math.floor(n / 20));
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      for (let i = 0; i < n; i++) {
        sink += isAsync ? await c.run(units[i]!) : (c.run(units[i]!) as number);
        if (i % sample === 0) t.peakHeap = Math.max(t.peakHeap, process.memoryUsage().heapUsed - base);
      }
      const w = performance.now() - t0;
      const u = process.cpuUsage(c0);
      if (r < 0) continue;
      t.cpu.push(n / ((u.user + u.system) / 1e6));
      t.wall.push(n / (w / 1e3));
    }
  }
  if (sink === -1) console.log("");
  return out;
}

/** A table of rates with the ratio of each to the hand-written function and to json-logic-engine's `build` (higher is faster). */
function ratioTable(timings: readonly Timing[], hand: string, jle: string): void {
  const h = median(timings.find((t) => t.name === hand)!.cpu);
  const j = median(timings.find((t) => t.name === jle)!.cpu);
  const r = (x: number) => `${x < 10 ? x.toFixed(2) : x.toFixed(0)}x`;
  console.log(
    `  ${"contender".padEnd(48)} ${"units/s (cpu)".padStart(14)} ${"spread".padStart(7)} ${"units/s (wall)".padStart(15)} ${"/ hand".padStart(7)} ${"/ jle build".padStart(11)} ${"peak heap".padStart(10)}`,
  );
  for (const t of timings) {
    const m = median(t.cpu);
    const spread = ((Math.max(...t.cpu) - Math.min(...t.cpu)) / m) * 100;
    console.log(
      `  ${t.name.padEnd(48)} ${fmt(m).padStart(14)} ${`±${(spread / 2).toFixed(0)}%`.padStart(7)} ${fmt(median(t.wall)).padStart(15)} ${r(m / h).padStart(7)} ${r(m / j).padStart(11)} ${mib(t.peakHeap).padStart(10)}`,
    );
  }
}

const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(" ");

const fmt = (n: number) => Math.round(n).toLocaleString("en");
const mib = (b: number) => `${(b / 2 ** 20).toFixed(1)} MiB`;

function table(timings: readonly Timing[], reference: string): void {
  const ref = timings.find((t) => t.name === reference)!;
  const refCpu = median(ref.cpu);
  console.log(
    `  ${"contender".padEnd(44)} ${"units/s (cpu)".padStart(14)} ${"spread".padStart(8)} ${"units/s (wall)".padStart(15)} ${"vs hand".padStart(8)} ${"peak heap".padStart(11)}`,
  );
  for (const t of timings) {
    const m = median(t.cpu);
    const spread = ((Math.max(...t.cpu) - Math.min(...t.cpu)) / m) * 100;
    const ratio = refCpu / m;
    console.log(
      `  ${t.name.padEnd(44)} ${fmt(m).padStart(14)} ${`±${(spread / 2).toFixed(0)}%`.padStart(8)} ${fmt(median(t.wall)).padStart(15)} ${(t === ref ? "1x" : `${ratio < 10 ? ratio.toFixed(1) : ratio.toFixed(0)}x`).padStart(8)} ${mib(t.peakHeap).padStart(11)}`,
    );
  }
}

// ---------------------------------------------------------------------------------------------------------
// The contenders

const jsonLogicEngine = new LogicEngine();
const jleBuild = (rule: Record<string, unknown>) => jsonLogicEngine.build(rule) as (data: Record<string, unknown>) => unknown;
const jljApply = (rule: Record<string, unknown>) => (data: Record<string, unknown>) => jsonLogic.apply(rule as never, data);

function contenders<U>(
  set: import("../../src/index.js").LoadedSet,
  generated: import("../../src/index.js").LoadedSet,
  hand: (u: U) => Summary,
  bare: typeof familyBare,
  rulesEngine: () => (u: U) => Promise<Summary>,
  slow: number,
): Contender<U>[] {
  const onJlj = prepareBare(bare, jljApply);
  const onJle = prepareBare(bare, jleBuild);
  const onJre = rulesEngine();
  const quiet = { explain: false } as const;
  const reference = { explain: false, engine: "json-logic-js" } as const;
  return [
    { name: "hand-written function", summary: hand, run: (u) => hand(u).earned },
    {
      name: "tieuchi compiled, statuses and points",
      summary: (u) => summarize(lib.evaluate(set, u, quiet)),
      run: (u) => lib.evaluate(set, u, quiet).points!.earned,
    },
    {
      name: "tieuchi generated module, statuses and points",
      summary: (u) => summarize(lib.evaluate(generated, u, quiet)),
      run: (u) => lib.evaluate(generated, u, quiet).points!.earned,
    },
    {
      name: "tieuchi decide (generated module)",
      summary: (u) => summarizeDecided(lib.decide(generated, u)),
      run: (u) => lib.decide(generated, u).earned!,
    },
    {
      name: "tieuchi compiled, messages in vi and en",
      summary: (u) => summarize(lib.evaluate(set, u)),
      run: (u) => {
        const r = lib.evaluate(set, u);
        let n = r.message!.vi.length;
        for (const c of r.criteria) n += c.message!.vi.length + c.message!.en.length;
        return n;
      },
    },
    {
      name: "tieuchi on json-logic-js (reference path)",
      summary: (u) => summarize(lib.evaluate(set, u, reference)),
      run: (u) => lib.evaluate(set, u, reference).points!.earned,
      subset: slow,
    },
    {
      name: "json-logic-js 2.0.5, bare rules",
      summary: (u) => onJlj(u as Record<string, unknown>),
      run: (u) => onJlj(u as Record<string, unknown>).earned,
      subset: slow,
    },
    {
      name: "json-logic-engine 5.0.7 compiled, bare rules",
      summary: (u) => onJle(u as Record<string, unknown>),
      run: (u) => onJle(u as Record<string, unknown>).earned,
    },
    { name: "json-rules-engine 7.3.1 (counts as JS facts)", summary: onJre, run: async (u) => (await onJre(u)).earned, subset: slow / 2 },
  ];
}

function loadSet(rel: string) {
  return lib.loadCriteriaSet(JSON.parse(readFileSync(join(ROOT, rel), "utf8")), { source: rel });
}

const generatedDir = mkdtempSync(join(tmpdir(), "tieuchi-bench-generated-"));
process.on("exit", () => rmSync(generatedDir, { recursive: true, force: true }));

/** The set with its generated module attached (written as `tieuchi compile` writes it, then imported). */
async function generatedSet(rel: string) {
  const set = loadSet(rel);
  const file = join(generatedDir, `${set.definition.id}.mjs`);
  writeFileSync(file, lib.generateModule(set));
  return lib.useGenerated(loadSet(rel), await import(pathToFileURL(file).href));
}

console.log(
  `tieuchi ${lib.VERSION} benchmark — node ${process.version}, ${cpus()[0]?.model ?? "?"} × ${cpus().length}, ${mib(totalmem())} RAM${quick ? " (quick)" : ""}`,
);
console.log(`Rates are units per second of CPU time on one core (wall time beside it), median of ${quick ? 3 : 5} rounds after a warm-up round.\n`);
const rounds = quick ? 3 : 5;

if (wants("outside")) {
  const n = quick ? 20_000 : 100_000;
  const set = loadSet("test/bench/family-set.json");
  const units = outsideFamilies(n, SEED);
  const members = units.reduce((s, f) => s + f.thanhVien.length, 0);
  const omitting = units.reduce((s, f) => s + f.thanhVien.filter((m) => !("khongCoKhaNangHocTap" in m)).length, 0);
  console.log(
    `Outside workload (issue 18): ${fmt(n)} families, ${(members / n).toFixed(1)} members on average, ${((omitting * 100) / members).toFixed(0)}% of members omit the defaulted field; family set, 10 criteria and an exclusion`,
  );
  console.log(`  load average before: ${load()} (1, 5, 15 min)`);
  const onJle = prepareBare(familyBare, jleBuild);
  const onJlj = prepareBare(familyBare, jljApply);
  const quiet = { explain: false } as const;
  const generated = await generatedSet("test/bench/family-set.json");
  const list: Contender<OutsideFamily>[] = [
    { name: "hand-written function (bitmask)", summary: (u) => maskSummary(outsideByHand(u)), run: outsideByHand },
    { name: "json-logic-engine 5.0.7 build, bare rules", summary: (u) => onJle(u as never), run: (u) => onJle(u as never).earned },
    { name: "json-logic-js 2.0.5, bare rules", summary: (u) => onJlj(u as never), run: (u) => onJlj(u as never).earned, subset: quick ? 2_000 : 10_000 },
    {
      name: "tieuchi, statuses and points (explain: false)",
      summary: (u) => summarize(lib.evaluate(set, u, quiet)),
      run: (u) => lib.evaluate(set, u, quiet).points!.earned,
    },
    {
      name: "tieuchi generated module, statuses and points",
      summary: (u) => summarize(lib.evaluate(generated, u, quiet)),
      run: (u) => lib.evaluate(generated, u, quiet).points!.earned,
    },
    {
      name: "tieuchi decide (generated module)",
      summary: (u) => summarizeDecided(lib.decide(generated, u)),
      run: (u) => lib.decide(generated, u).earned!,
    },
    {
      name: "tieuchi, vi and en explanations read",
      summary: (u) => summarize(lib.evaluate(set, u)),
      run: (u) => {
        const r = lib.evaluate(set, u);
        let k = r.message!.vi.length + r.message!.en.length;
        for (const c of r.criteria) k += c.message!.vi.length + c.message!.en.length;
        return k;
      },
    },
  ];
  await agree(units, (u) => maskSummary(outsideByHand(u)), list.slice(1));
  const timings = await timeInterleaved(units, list, rounds);
  ratioTable(timings, list[0]!.name, list[1]!.name);
  console.log(`  load average after: ${load()}`);
  console.log("");
}

if (wants("family")) {
  const n = quick ? 20_000 : 100_000;
  const set = loadSet("test/bench/family-set.json");
  const units = families(n, SEED);
  console.log(
    `Family set (test/bench/family-set.json, 11 criteria, 3 derived lists): ${fmt(n)} families, ${(units.reduce((s, f) => s + f.thanhVien.length, 0) / n).toFixed(1)} members on average`,
  );
  const list = contenders(set, await generatedSet("test/bench/family-set.json"), familyByHand, familyBare, familyRulesEngine, quick ? 2_000 : 10_000);
  await agree(units, familyByHand, list.slice(1));
  const timings: Timing[] = [];
  for (const c of list) timings.push(await time(units, c, rounds));
  // The same families with defaulted and inapplicable fields left out: the data check must copy each member.
  const sparseUnits = units.map(sparse);
  const quiet = { explain: false } as const;
  timings.push(
    await time(
      sparseUnits,
      { name: "tieuchi compiled, sparse data (defaults filled)", summary: () => null as never, run: (u) => lib.evaluate(set, u, quiet).points!.earned },
      rounds,
    ),
  );
  table(timings, "hand-written function");
  console.log("");
}

if (wants("agency")) {
  const n = quick ? 400 : 2_000;
  const set = loadSet("criteria/don-vi-hoc-tap/2020.1.0.json");
  const units = agencies(n, 20, 500, SEED);
  const staff = units.reduce((s, a) => s + a.thanhVien.length, 0);
  console.log(
    `Agency set (TT 22/2020, criteria/don-vi-hoc-tap/2020.1.0.json): ${fmt(n)} agencies, staff lists of 20 to 500 (${(staff / n).toFixed(0)} on average)`,
  );
  console.log(`  load average before: ${load()} (1, 5, 15 min)`);
  const list = contenders(set, await generatedSet("criteria/don-vi-hoc-tap/2020.1.0.json"), agencyByHand, agencyBare, agencyRulesEngine, quick ? 50 : 200);
  await agree(units, agencyByHand, list.slice(1));
  // Interleaved rounds (as the outside workload): a change of load touches every contender alike.
  const timings = await timeInterleaved(units, list, rounds);
  ratioTable(timings, "hand-written function", "json-logic-engine 5.0.7 compiled, bare rules");
  console.log(`  load average after: ${load()}`);
  console.log("");
}

if (wants("explain")) {
  // The cost of explanations against the quiet path on the same set (closures both: explanations never take
  // the generated path), interleaved rounds, on the outside workload and on the family workload.
  const n = quick ? 10_000 : 50_000;
  const set = loadSet("test/bench/family-set.json");
  const quiet = { explain: false } as const;
  const readMessages = (u: unknown) => {
    const r = lib.evaluate(set, u);
    let k = r.message!.vi.length + r.message!.en.length;
    for (const c of r.criteria) k += c.message!.vi.length + c.message!.en.length;
    return k;
  };
  for (const [label, units] of [
    ["outside workload", outsideFamilies(n, SEED) as unknown[]],
    ["family workload", families(n, SEED) as unknown[]],
  ] as const) {
    console.log(`Explanations against the quiet path (family set, closures), ${label}, ${fmt(n)} families; load average ${load()}`);
    const list: Contender<unknown>[] = [
      { name: "statuses and points (explain: false)", summary: () => null as never, run: (u) => lib.evaluate(set, u, quiet).points!.earned },
      { name: "vi and en messages read", summary: () => null as never, run: readMessages },
      { name: "whole explained result as JSON", summary: () => null as never, run: (u) => JSON.stringify(lib.evaluate(set, u)).length },
    ];
    const timings = await timeInterleaved(units, list, rounds);
    const q = median(timings[0]!.cpu);
    for (const t of timings) {
      const m = median(t.cpu);
      console.log(
        `  ${t.name.padEnd(40)} ${fmt(m).padStart(10)} units/s (cpu) ±${(((Math.max(...t.cpu) - Math.min(...t.cpu)) / m) * 50).toFixed(0)}%  cost ${(q / m).toFixed(2)}x the quiet path`,
      );
    }
    console.log(`  load average after: ${load()}`);
  }
  console.log("");
}

if (wants("scaling")) {
  const set = loadSet("criteria/don-vi-hoc-tap/2020.1.0.json");
  console.log("Scaling with staff-list length (agency set, tieuchi compiled, statuses and points):");
  const quiet = { explain: false } as const;
  let first = 0;
  for (const [k, staff] of [
    [1, 25],
    [4, 100],
    [16, 400],
  ] as const) {
    // The same number of staff members at each length.
    const units = agencies(Math.round((quick ? 25_000 : 100_000) / staff), staff, staff, SEED + k);
    const t = await time(units, { name: "", summary: () => null as never, run: (u) => lib.evaluate(set, u, quiet).points!.earned }, rounds);
    const rate = median(t.cpu);
    first ||= rate * staff;
    console.log(
      `  ${String(k).padStart(2)}x  ${String(staff).padStart(3)} staff: ${fmt(rate).padStart(9)} agencies/s  = ${fmt(rate * staff).padStart(11)} staff members/s  (${((rate * staff * 100) / first).toFixed(0)}% of the 1x rate per member)`,
    );
  }
  console.log("");
}

if (wants("compile")) {
  const { compileSet } = await import("../../src/evaluate/program.js");
  const { loadCriteriaSet } = await import("../../src/evaluate/load.js");
  const { generateModule } = await import("../../src/generate/module.js");
  const { useJit } = await import("../../src/evaluate/jit.js");
  console.log("Loading (validation, static checks, hash), compiling to closures, generating the module's source, and loading with useJit, median of 50:");
  // The largest shipped set last (don-vi-hoc-tap 2024: 69 KB of JSON, 47 criteria).
  for (const rel of ["test/bench/family-set.json", "criteria/don-vi-hoc-tap/2020.1.0.json", "criteria/don-vi-hoc-tap/2024.1.0.json"]) {
    const json = JSON.parse(readFileSync(join(ROOT, rel), "utf8")) as unknown;
    const load: number[] = [];
    const compile: number[] = [];
    const generate: number[] = [];
    const jit: number[] = [];
    for (let i = 0; i < 50; i++) {
      const t0 = performance.now();
      const s = loadCriteriaSet(json);
      const t1 = performance.now();
      compileSet(s);
      const t2 = performance.now();
      generateModule(s);
      const t3 = performance.now();
      useJit(loadCriteriaSet(json));
      jit.push(performance.now() - t3);
      generate.push(t3 - t2);
      compile.push(t2 - t1);
      load.push(t1 - t0);
    }
    console.log(
      `  ${rel.padEnd(40)} load ${median(load).toFixed(2)} ms, compile ${median(compile).toFixed(3)} ms, generate ${median(generate).toFixed(2)} ms, load with jit ${median(jit).toFixed(2)} ms`,
    );
  }
  console.log("");
}

if (wants("batch") && !quick) await batchBenchmark(ROOT, 1_000_000);

console.log(`Peak RSS of this process: ${mib(process.resourceUsage().maxRSS * 1024)}`);
void createRequire;
