/**
 * The `tieuchi batch` benchmark: a generated NDJSON file of families (in a temporary folder, removed
 * afterwards) evaluated end to end by the built command, read, checked, evaluated and written, with its
 * throughput and peak memory.
 */
import { spawnSync } from "node:child_process";
import { createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { random } from "../helpers.js";
import { family } from "./units.js";

/** Writes `n` families as NDJSON, a block at a time (the file is never held whole). */
export async function writeFamilies(path: string, n: number, seed: number): Promise<void> {
  const rnd = random(seed);
  const out = createWriteStream(path);
  const block = 10_000;
  for (let i = 0; i < n; i += block) {
    const lines: string[] = [];
    for (let j = i; j < Math.min(n, i + block); j++) lines.push(JSON.stringify(family(rnd)));
    if (!out.write(`${lines.join("\n")}\n`)) await new Promise<void>((r) => out.once("drain", () => r()));
  }
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
}

interface Stats {
  units: number;
  evaluated: number;
  bad: number;
  seconds: number;
  unitsPerSecond: number;
  workers: number;
  peakRssBytes: number;
}

export async function batchBenchmark(root: string, n: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "tieuchi-bench-"));
  try {
    const input = join(dir, "families.ndjson");
    const t0 = performance.now();
    await writeFamilies(input, n, 20240601);
    const mb = statSync(input).size / 2 ** 20;
    console.log(
      `tieuchi batch, end to end: ${n.toLocaleString("en")} families in NDJSON (${mb.toFixed(0)} MiB, generated in ${((performance.now() - t0) / 1000).toFixed(1)} s)`,
    );
    const cores = availableParallelism();
    // [workers, output to a file, compact]: full and compact output with every core and one, then full output
    // thrown away, to show what writing it costs.
    const runs: Array<[number, boolean, boolean]> = [
      [cores, true, true],
      [cores, true, false],
      ...(cores > 1 ? [[1, true, true] as [number, boolean, boolean]] : []),
      ...(process.platform !== "win32" ? [[cores, false, false] as [number, boolean, boolean]] : []),
      ...(process.platform !== "win32" && cores > 1 ? [[1, false, false] as [number, boolean, boolean]] : []),
    ];
    for (const [workers, toFile, compact] of runs) {
      const output = toFile ? join(dir, "results.ndjson") : "/dev/null";
      const t1 = performance.now();
      const run = spawnSync(
        process.execPath,
        [
          join(root, "dist/cli.js"),
          "batch",
          join(root, "test/bench/family-set.json"),
          input,
          "--out",
          output,
          "--quiet",
          "--stats",
          "--workers",
          String(workers),
          ...(compact ? ["--compact"] : []),
        ],
        { encoding: "utf8", maxBuffer: 1 << 20 },
      );
      const wall = (performance.now() - t1) / 1000;
      if (run.status !== 0) {
        console.log(`  failed (exit ${run.status}): ${run.stderr}`);
        continue;
      }
      const stats = JSON.parse(run.stderr.trim().split("\n").pop()!) as Stats;
      const where = toFile ? `output ${(statSync(output).size / 2 ** 20).toFixed(0)} MiB` : "output to /dev/null";
      console.log(
        `  ${String(workers).padStart(2)} worker${workers === 1 ? " " : "s"}, ${compact ? "compact" : "full   "}: ${Math.round(stats.units / wall)
          .toLocaleString("en")
          .padStart(
            9,
          )} units/s end to end (${wall.toFixed(1)} s for the process), peak RSS ${(stats.peakRssBytes / 2 ** 20).toFixed(0)} MiB, ${stats.bad} bad, ${where}`,
      );
      if (toFile) rmSync(output);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log("");
}
