/**
 * `--max-unit-bytes`: the longest unit (or line) `tieuchi batch`, `report` and `impact` read, with the memory it
 * bounds (docs/security.md). A unit exactly at the limit is read; one byte more is refused on its own line and the
 * reading goes on. The value is checked: a whole number of bytes, optionally with KiB, MiB or GiB, up to 1 GiB.
 *
 * Runs against the build (the CLI as published).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers.js";

const CLI = join(ROOT, "dist/cli.js");
const SET = join(ROOT, "test/bench/family-set.json");
/** Spawning the built CLI on a busy 2-core machine. */
const SLOW = 60_000;

const unit = {
  unit: { id: "H1" },
  data: {
    tenChuHo: "Nguyễn Văn A",
    thanhVien: [{ tuoi: 40, soNoiDungHocTap: 2, mucBietChu: 1 }],
    coGocHocTap: true,
    soDauSach: 3,
    thamGiaKhuyenHoc: true,
    viPhamPhapLuat: false,
  },
};

/** The unit as one JSON line of exactly `bytes` bytes (UTF-8), padded with spaces inside the object. */
function lineOf(bytes: number): string {
  const json = JSON.stringify(unit);
  const pad = bytes - Buffer.byteLength(json);
  expect(pad).toBeGreaterThanOrEqual(0);
  return `${json.slice(0, -1)}${" ".repeat(pad)}}`;
}

function tmp(name: string, content: string): string {
  const f = join(mkdtempSync(join(tmpdir(), "tieuchi-unit-bytes-")), name);
  writeFileSync(f, content);
  return f;
}

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", cwd: ROOT, maxBuffer: 1 << 26 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface Out {
  line: number;
  result?: unknown;
  error?: { code: string; message: string; problems: Array<{ code: string }> };
}
const outLines = (text: string) =>
  text
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Out);

describe("--max-unit-bytes", () => {
  it(
    "batch: a unit of exactly the limit is evaluated, one byte over is an error line (unit_too_large) and the units after it are read; NDJSON and a JSON list",
    () => {
      const file = tmp("units.ndjson", `${[lineOf(1024), lineOf(1025), lineOf(1000)].join("\n")}\n`);
      for (const workers of ["0", "2"]) {
        const r = cli("batch", SET, file, "--max-unit-bytes", "1KiB", "--workers", workers, "--quiet", "--lang", "en");
        expect(r.status, r.stderr).toBe(1); // one unit was bad
        const out = outLines(r.stdout);
        expect(out.map((o) => [o.line, o.result !== undefined ? "result" : o.error!.problems[0]!.code])).toEqual([
          [1, "result"],
          [2, "unit_too_large"],
          [3, "result"],
        ]);
        expect(out[1]!.error!.message).toBe("line 2 is longer than 1024 bytes; it was not read");
      }
      // The same units with the limit one byte lower: the first is refused too.
      expect(outLines(cli("batch", SET, file, "--max-unit-bytes", "1023", "--workers", "0", "--quiet").stdout).map((o) => o.result !== undefined)).toEqual([
        false,
        false,
        true,
      ]);
      // Without the option, the default (64 MiB) reads all three.
      expect(outLines(cli("batch", SET, file, "--workers", "0", "--quiet").stdout).every((o) => o.result !== undefined)).toBe(true);
      // A JSON list: the item's own bytes are counted.
      const list = tmp("units.json", `[\n${[lineOf(1024), lineOf(1025)].join(",\n")}\n]\n`);
      const r = cli("batch", SET, list, "--max-unit-bytes", "1024", "--workers", "0", "--quiet", "--lang", "en");
      expect(outLines(r.stdout).map((o) => (o.result !== undefined ? "result" : o.error!.problems[0]!.code))).toEqual(["result", "unit_too_large"]);
    },
    SLOW,
  );

  it(
    "report: a result line of exactly the limit is counted, one byte over refuses the file (ERR_REPORT_LINE, exit 2)",
    () => {
      const units = tmp("units.ndjson", `${lineOf(500)}\n`);
      const results = cli("batch", SET, units, "--workers", "0", "--quiet").stdout;
      const bytes = Buffer.byteLength(results) - 1; // without its line break
      const file = tmp("results.ndjson", results);
      const at = cli("report", file, "--max-unit-bytes", String(bytes), "--format", "json");
      expect(at.status, at.stderr).toBe(0);
      expect((JSON.parse(at.stdout) as { total: { units: number } }).total.units).toBe(1);
      const over = cli("report", file, "--max-unit-bytes", String(bytes - 1), "--lang", "en");
      expect(over.status).toBe(2);
      expect(over.stderr).toBe(`tieuchi: line 1: the line is longer than ${bytes - 1} bytes [ERR_REPORT_LINE]\n`);
    },
    SLOW,
  );

  it(
    "impact: a unit of exactly the limit is compared, one byte over is reported as unreadable on its own",
    () => {
      const file = tmp("units.ndjson", `${[lineOf(2048), lineOf(2049)].join("\n")}\n`);
      const r = cli("impact", SET, SET, file, "--max-unit-bytes", "2KiB", "--json", "--lang", "en");
      expect(r.status, r.stderr).toBe(1); // a line could not be compared
      const lines = outLines(r.stdout) as unknown as Array<{ type: string; line?: number; kind?: string; lines?: number; kinds?: Record<string, number> }>;
      expect(lines.filter((l) => l.type === "unit").map((l) => [l.line, l.kind])).toEqual([[2, "bad-line"]]);
      const summary = lines.at(-1)!;
      expect(summary).toMatchObject({ type: "summary", lines: 2 });
      expect(summary.kinds!.unchanged).toBe(1);
      expect(JSON.stringify(lines[0])).toContain("the line is longer than 2048 bytes");
    },
    SLOW,
  );

  it("the value is checked: a whole number of bytes, optionally with KiB, MiB or GiB, from 1 to 1 GiB (exit 2, vi and en)", () => {
    const file = tmp("units.ndjson", `${lineOf(300)}\n`);
    for (const bad of ["0", "-5", "12q", "1.5MiB", "2GiB", "1 TiB", ""]) {
      const r = cli("batch", SET, file, `--max-unit-bytes=${bad}`, "--lang", "en");
      expect(r.status, bad).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toContain(
        `tieuchi: --max-unit-bytes is the longest unit (or line) in bytes: a whole number from 1 to 1073741824 (1GiB), optionally with KiB, MiB or GiB (65536, 512KiB, 64MiB), not ${JSON.stringify(bad)}`,
      );
    }
    expect(cli("report", file, "--max-unit-bytes", "1e3").stderr).toContain(
      '--max-unit-bytes là cỡ dài nhất của một đơn vị (hoặc một dòng), tính bằng byte: một số nguyên từ 1 đến 1.073.741.824 (1GiB), có thể kèm KiB, MiB hoặc GiB (65536, 512KiB, 64MiB), không phải "1e3"',
    );
    expect(cli("impact", SET, SET, file, "--max-unit-bytes", "x").status).toBe(2);
    for (const good of ["300", "65_536", "512KiB", "64MiB", "1gib", "1 MiB"]) {
      const r = cli("batch", SET, file, "--max-unit-bytes", good, "--workers", "0", "--quiet");
      expect(r.status, `${good}: ${r.stderr}`).toBe(0);
    }
  });
});
