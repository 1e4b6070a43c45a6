/**
 * Faults injected at every stage of `tieuchi batch`, with 0, 1, 2 and 4 worker threads: bad units, units too
 * long to read, a file cut off or broken in the middle, a bug while writing a unit's line, a worker thread
 * stopped, an output that fails (a stream, /dev/full, a tiny tmpfs) or whose reader goes away. Whatever
 * happens, every unit read has exactly one line, in input order, and a batch that stops early ends its output
 * with a `{"partial": true}` record that `tieuchi report` refuses to count as a whole.
 *
 * Runs against the build (worker threads need it; `npm test` builds first).
 */
import { spawn, spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { createReport } from "../src/report/aggregate.js";
import { ROOT, textSink } from "./helpers.js";

const CLI = join(ROOT, "dist/cli.js");
const SET = join(ROOT, "test/bench/family-set.json");
const node = (await import(pathToFileURL(join(ROOT, "dist/node.js")).href)) as typeof import("../src/node/index.js");
// The built package's own error classes (the sources' are other classes).
const { FileError, UnitsFileError } = (await import(pathToFileURL(join(ROOT, "dist/index.js")).href)) as typeof import("../src/index.js");
const WORKERS = [0, 1, 2, 4] as const;
/** Spawning workers and reading a few thousand units, on a busy 2-core machine. */
const SLOW = 120_000;

const member = (tuoi: number) => ({ tuoi, soNoiDungHocTap: 2, mucBietChu: 1 });
const family = (i: number) => ({
  unit: { id: `H${i}` },
  data: {
    tenChuHo: `Nguyễn Văn ${i}`,
    thanhVien: [member(40), member(12)],
    coGocHocTap: i % 3 !== 0,
    soDauSach: i % 50,
    thamGiaKhuyenHoc: true,
    viPhamPhapLuat: false,
  },
});

function tmp(name: string, content: string | Uint8Array): string {
  const f = join(mkdtempSync(join(tmpdir(), "tieuchi-faults-")), name);
  writeFileSync(f, content);
  return f;
}

interface Out {
  line?: number;
  unit?: Record<string, unknown> & { id?: string };
  result?: { verdict: string };
  error?: { code: string; message: string; problems: Array<{ code: string }> };
  partial?: true;
  units?: number;
}

/** The lines of batch output, checked: every line complete JSON, the partial record (if any) last. */
function parse(text: string): { units: Out[]; partial: Out | undefined } {
  expect(text === "" || text.endsWith("\n"), "the output ends with a complete line").toBe(true);
  const lines = text
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Out);
  const partial = lines.at(-1)?.partial ? lines.pop() : undefined;
  expect(lines.every((l) => l.partial === undefined)).toBe(true);
  return { units: lines, partial };
}

async function batch(input: string, options: Partial<Parameters<typeof node.runBatch>[0]> = {}) {
  const { output, text } = textSink();
  let error: unknown;
  try {
    await node.runBatch({ set: SET, input, output, groupSize: 50, ...options });
  } catch (e) {
    error = e;
  }
  return { ...parse(text()), error };
}

function reportOf(text: string): unknown {
  const acc = createReport();
  text.split("\n").forEach((l, i) => {
    acc.addLine(l, i + 1);
  });
  return acc.finish();
}

const ndjson = (units: readonly unknown[]) => `${units.map((u) => (typeof u === "string" ? u : JSON.stringify(u))).join("\n")}\n`;

describe("faults in the input: every unit read has exactly one line", () => {
  expect(existsSync(CLI), "run `npm run build` first (npm test does it)").toBe(true);

  // 1,200 units with every kind of bad unit among them: not JSON, not UTF-8, data that does not match, a unit too
  // long to read (over a 20 kB limit), a blank line (not a unit).
  const good = Array.from({ length: 1200 }, (_, i) => family(i + 1));
  const lines: Array<string | unknown> = [...good];
  lines[99] = '{"unit": {"id": "H100"}, "data": {"tenChuHo": tru}}';
  lines[199] = { unit: { id: "H200" }, data: { tenChuHo: 5 } };
  lines[299] = `{"unit": {"id": "H300"}, "data": {"tenChuHo": "${"x".repeat(30_000)}"}}`;
  lines[399] = "";
  const text = ndjson(lines);
  const bytes = Buffer.from(text);
  // A byte that is not UTF-8, inside the string of unit 500.
  const at = bytes.indexOf(Buffer.from("Nguyễn Văn 500")) + 1;
  bytes[at] = 0xff;
  const file = tmp("u.ndjson", bytes);

  for (const workers of WORKERS)
    it(
      `NDJSON with bad units, --workers ${workers}`,
      async () => {
        const { units, partial, error } = await batch(file, { workers, maxUnitBytes: 20_000 });
        expect(error).toBeUndefined();
        expect(partial).toBeUndefined();
        expect(units.map((u) => u.line)).toEqual(Array.from({ length: 1200 }, (_, i) => i + 1).filter((l) => l !== 400));
        const code = (l: number) => units.find((u) => u.line === l)!.error?.code;
        expect([code(100), code(200), code(300), code(500)]).toEqual(["ERR_JSON_PARSE", "ERR_UNIT_DATA", "ERR_UNIT_DATA", "ERR_JSON_PARSE"]);
        expect(units.find((u) => u.line === 300)!.error!.problems[0]!.code).toBe("unit_too_large");
        expect(units.find((u) => u.line === 200)!.unit).toEqual({ tenChuHo: 5, id: "H200" });
        expect(units.filter((u) => u.result).length).toBe(1195);
      },
      SLOW,
    );

  // A JSON list of 1,200 good units followed by a unit cut off: the case the outside review found (1,200 lines
  // out with 0 workers, 1,023 with 1, 409 with 2, none with 4, and a report of the 409 that said nothing).
  const cut = `[${good.map((u) => JSON.stringify(u)).join(",\n")},\n${JSON.stringify(family(1201)).slice(0, 40)}`;
  const cutFile = tmp("u.json", cut);
  for (const workers of WORKERS)
    it(
      `a JSON list cut off after 1,200 units, --workers ${workers}`,
      async () => {
        const { units, partial, error } = await batch(cutFile, { workers });
        expect(error).toBeInstanceOf(UnitsFileError);
        expect(units).toHaveLength(1201);
        expect(units.map((u) => u.line)).toEqual(Array.from({ length: 1201 }, (_, i) => i + 1));
        expect(units.slice(0, 1200).every((u) => u.result !== undefined)).toBe(true);
        expect(units[1200]!.error!.code).toBe("ERR_JSON_PARSE");
        expect(partial).toMatchObject({ partial: true, units: 1201, evaluated: 1200, bad: 1, error: { code: "ERR_UNITS_FILE", line: 1201 } });
      },
      SLOW,
    );

  it(
    "the command: exit 2, the count on standard error, and `tieuchi report` refuses the partial output",
    () => {
      for (const workers of WORKERS) {
        // One run in English, the others in Vietnamese (the default): both languages of the error and of the count.
        const r = spawnSync(
          process.execPath,
          [CLI, "batch", SET, cutFile, "--workers", String(workers), "--quiet", ...(workers === 1 ? ["--lang", "en"] : [])],
          { encoding: "utf8", maxBuffer: 1 << 28 },
        );
        expect(r.status).toBe(2);
        expect(r.stderr).toMatch(
          workers === 1
            ? /the file ends before the list of units is closed \[ERR_UNITS_FILE\]\ntieuchi: /
            : /tệp kết thúc khi danh sách đơn vị chưa được đóng \[ERR_UNITS_FILE\]\ntieuchi: /,
        );
        expect(r.stderr).toMatch(
          workers === 1
            ? /\ntieuchi: stopped after 1,201 units, each with its line in the output/
            : /\ntieuchi: dừng lại sau 1\.201 đơn vị, mỗi đơn vị đều có dòng của mình trong kết quả/,
        );
        expect(parse(r.stdout).units).toHaveLength(1201);
        const out = tmp("r.ndjson", r.stdout);
        const rep = spawnSync(process.execPath, [CLI, "report", "--lang", "en", out], { encoding: "utf8" });
        expect(rep.status).toBe(2);
        expect(rep.stderr).toMatch(
          /line 1202: the batch output is partial: the batch stopped before the end of its input: .*the file ends before the list of units is closed/,
        );
        expect(() => reportOf(r.stdout)).toThrow(/^line 1202: the batch output is partial/);
      }
    },
    SLOW,
  );

  const broken = `[${good
    .slice(0, 700)
    .map((u) => JSON.stringify(u))
    .join(",\n")},,\n${JSON.stringify(family(701))}]`;
  const brokenFile = tmp("u.json", broken);
  for (const workers of WORKERS)
    it(
      `a JSON list broken after 700 units (two commas), --workers ${workers}`,
      async () => {
        const { units, partial, error } = await batch(brokenFile, { workers });
        expect((error as Error).message).toMatch(/two commas in a row/);
        expect(units.map((u) => u.line)).toEqual(Array.from({ length: 700 }, (_, i) => i + 1));
        expect(partial).toMatchObject({ partial: true, units: 700, error: { code: "ERR_UNITS_FILE", line: 700 } });
      },
      SLOW,
    );

  // CSV: a row with text after a closing quote, one with a quote inside an unquoted cell, a row too long, then a
  // quote that never closes on row 900: the rows before it are all there, the open row is refused, then the record.
  const header = "id,tenChuHo,coGocHocTap,soDauSach,thamGiaKhuyenHoc,viPhamPhapLuat,thanhVien";
  // Rows after 900 hold no quote, so the quote opened on row 900 never closes.
  const row = (i: number) =>
    i > 900
      ? `H${i},Trần ${i},có,${i % 40},1,0,[]`
      : `H${i},"Trần ""${i}"" An",${i % 2 ? "có" : "không"},${i % 40},1,0,"${JSON.stringify([member(40)]).replaceAll('"', '""')}"`;
  const rows = Array.from({ length: 1000 }, (_, i) => row(i + 1));
  rows[9] = `H10,"Trần" An,có,1,1,0,[]`;
  rows[19] = `H20,Trần "An",có,1,1,0,[]`;
  rows[29] = `H30,${"y".repeat(25_000)},có,1,1,0,[]`;
  rows[899] = `H900,"never closed,có,1,1,0,[]`;
  const csvFile = tmp("u.csv", `${header}\n${rows.join("\n")}\n`);
  for (const workers of WORKERS)
    it(
      `CSV with bad quoting, a row too long and a quote never closed, --workers ${workers}`,
      async () => {
        const { units, partial, error } = await batch(csvFile, { workers, meta: ["id"], maxUnitBytes: 20_000 });
        expect(error).toBeInstanceOf(UnitsFileError);
        expect(units.map((u) => u.line)).toEqual(Array.from({ length: 900 }, (_, i) => i + 2));
        const bad = units.filter((u) => u.error).map((u) => [u.line, u.error!.problems[0]?.code ?? u.error!.code]);
        expect(bad).toEqual([
          [11, "csv_quote"],
          [21, "csv_quote"],
          [31, "unit_too_large"],
          [901, "csv_quote"],
        ]);
        expect(units.find((u) => u.line === 11)!.error!.message).toMatch(/text after the closing quote of cell 2/);
        expect(units.find((u) => u.line === 21)!.error!.message).toMatch(/a quote inside cell 2/);
        expect(partial).toMatchObject({ partial: true, units: 900, bad: 4, error: { code: "ERR_UNITS_FILE", line: 901 } });
      },
      SLOW,
    );
});

describe("a spreadsheet's CSV file (labels as headers, list items on further rows) is streamed too", () => {
  const DVHT = join(ROOT, "criteria/don-vi-hoc-tap/2020.1.0.json");
  const HEADER = "Mã đơn vị;Tên đơn vị;Có chủ trương, kế hoạch học tập;Huyện;Thành viên › Họ tên;Thành viên › Chấp hành kỷ luật, nội quy";
  const unitRows = (i: number) => [`A${i};Phòng ${i};Có;Yên;Lan ${i};Có`, `A${i};;;;Huệ ${i};Không`];
  /** Runs the built CLI on a file; its exit status, output lines, standard error, and its peak memory. */
  function cli(file: string, ...args: string[]) {
    const r = spawnSync(process.execPath, [CLI, "batch", DVHT, file, "--workers", "0", ...args], { encoding: "utf8", cwd: ROOT, maxBuffer: 1 << 28 });
    return { status: r.status, ...parse(r.stdout), stderr: r.stderr };
  }
  const lines = (n: number) => Array.from({ length: n }, (_, i) => unitRows(i + 1)).flat();

  for (const workers of [0, 2] as const)
    it(
      `1,000 units then a quoted cell never closed: a line for each unit before it, the partial record, ERR_UNITS_FILE with the line, --workers ${workers} (it gave no line)`,
      async () => {
        const file = tmp("don-vi.csv", `${HEADER}\n${lines(1000).join("\n")}\nA1001;"Phòng không đóng;Có;Yên;;\nA1002;Phòng;Có;Yên;;\n`);
        const { units, partial, error } = await batch(file, { set: DVHT, workers, csvLayout: "sheet", delimiter: ";" });
        expect(error).toBeInstanceOf(UnitsFileError);
        expect((error as Error).message).toBe(`${file}:2002: a quoted cell that starts on line 2002 is never closed`);
        expect(units).toHaveLength(1001);
        expect(units.slice(0, 1000).every((u) => u.result !== undefined)).toBe(true);
        expect(units.map((u) => u.line)).toEqual([...Array.from({ length: 1000 }, (_, i) => 2 + 2 * i), 2002]);
        expect(units[999]!.unit).toMatchObject({ dong: 2000, ma: "A1000", ten: "Phòng 1000", Huyện: "Yên" });
        expect(units[1000]!.error!.message).toMatch(/a quoted cell that starts on line 2002 is never closed/);
        expect(partial).toMatchObject({ partial: true, units: 1001, evaluated: 1000, bad: 1, error: { code: "ERR_UNITS_FILE", line: 2002 } });
      },
      SLOW,
    );

  it(
    "the CLI: exit 2, the reason and the line on standard error, every line before it on standard output",
    () => {
      const file = tmp("don-vi.csv", `${HEADER}\n${lines(20).join("\n")}\nA21;"Phòng;Có\n`);
      const r = cli(file, "--lang", "en");
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(`${file}:42: a quoted cell that starts on line 42 is never closed [ERR_UNITS_FILE]`);
      // In Vietnamese, as the CLI speaks by default.
      expect(cli(file).stderr).toContain(`${file}:42: một ô trong ngoặc kép bắt đầu ở dòng 42 không bao giờ được đóng [ERR_UNITS_FILE]`);
      expect(r.units).toHaveLength(21);
      expect(r.partial).toMatchObject({ partial: true, units: 21, error: { code: "ERR_UNITS_FILE", line: 42 } });
    },
    SLOW,
  );

  it(
    "quoting csv-parse refuses: the unit of that row gets an error line, a member's row included (never judged on fewer members)",
    async () => {
      const rows = lines(4);
      rows[1] = `A1;;;;Huệ "1";Không`; // a quote inside an unquoted cell, on a member row of A1
      rows[4] = `A3;"Phòng" 3;Có;Yên;Lan 3;Có`; // text after a closing quote, on A3's own row
      const file = tmp("don-vi.csv", `${HEADER}\n${rows.join("\n")}\n`);
      const { units, partial, error } = await batch(file, { set: DVHT, workers: 0, csvLayout: "sheet", delimiter: ";" });
      expect(error).toBeUndefined();
      expect(partial).toBeUndefined();
      expect(units.map((u) => [u.line, u.error ? u.error.problems[0]!.code : "result"])).toEqual([
        [2, "csv_quote"],
        [4, "result"],
        [6, "csv_quote"],
        [8, "result"],
      ]);
      expect(units[0]!.error!.message).toMatch(/line 3: a quote inside cell 5/);
    },
    SLOW,
  );

  it(
    "a row too long to read refuses the unit it may belong to, its own further rows go with it; a unit's rows together are limited too",
    async () => {
      const rows = [...unitRows(1), `A2;Phòng 2;Có;Yên;${"x".repeat(30_000)};Có`, `;;;;Cúc;Có`, ...unitRows(3), `A4;Phòng 4;Có;Yên;Lan;Có`];
      for (let k = 0; k < 40; k++) rows.push(`A4;;;;${"m".repeat(1_000)} ${k};Có`);
      rows.push(...unitRows(5));
      const file = tmp("don-vi.csv", `${HEADER}\n${rows.join("\n")}\n`);
      const { units, error } = await batch(file, { set: DVHT, workers: 0, csvLayout: "sheet", delimiter: ";", maxUnitBytes: 20_000 });
      expect(error).toBeUndefined();
      expect(units.map((u) => [u.line, u.error ? u.error.problems[0]!.code : "result"])).toEqual([
        [2, "unit_too_large"],
        [6, "result"],
        [8, "unit_too_large"],
        [49, "result"],
      ]);
      expect(units[0]!.error!.message).toMatch(
        /the row starting on line 4 is longer than 20000 characters; it was not read; the row may hold this unit's list items/,
      );
      expect(units[2]!.error!.message).toMatch(/the rows of the unit starting on line 8 are longer than 20000 characters together/);
    },
    SLOW,
  );

  it("a 200 MB file of the same shape is read in bounded memory: a unit's limit, not the file's size (the whole-file reader took 675 MiB for 615 MB, and gave the wrong reason)", () => {
    const file = join(mkdtempSync(join(tmpdir(), "tieuchi-faults-")), "big.csv");
    const fd = openSync(file, "w");
    writeSync(fd, `${HEADER}\n${lines(1000).join("\n")}\nA1001;"Phòng không đóng\n`);
    const chunk = `${"Lorem ipsum dolor sit amet ".repeat(40)}\n`.repeat(1000);
    for (let written = 0; written < 200e6; written += chunk.length) writeSync(fd, chunk);
    closeSync(fd);
    // The batch in a process of its own that reports its peak memory, with units limited to 4 MiB.
    const script = `import { Writable } from "node:stream";
      import { runBatch } from "./dist/node.js";
      let out = "";
      const output = new Writable({ write(c, _e, done) { out += c; done(); } });
      let error;
      try { await runBatch({ set: ${JSON.stringify(DVHT)}, input: ${JSON.stringify(file)}, output, workers: 0, csvLayout: "sheet", delimiter: ";", maxUnitBytes: 4 * 2 ** 20 }); } catch (e) { error = e.message; }
      process.stderr.write(out);
      console.log(JSON.stringify({ error, rssMiB: process.resourceUsage().maxRSS / 1024 }));`;
    const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8", cwd: ROOT, maxBuffer: 1 << 28 });
    rmSync(file);
    expect(run.status, run.stderr.slice(-2000)).toBe(0);
    const { units, partial } = parse(run.stderr);
    expect(units).toHaveLength(1001);
    expect(units[1000]!.error!.message).toMatch(/a quoted cell that starts on line 2002 is never closed/);
    expect(partial).toMatchObject({ partial: true, units: 1001, error: { code: "ERR_UNITS_FILE", line: 2002 } });
    const answer = JSON.parse(run.stdout) as { error: string; rssMiB: number };
    expect(answer.error).toMatch(/big\.csv:2002: a quoted cell that starts on line 2002 is never closed/);
    // Reading the file whole holds at least its bytes and its text: over 400 MiB here. Streamed, the peak does not
    // grow with the file (measured 211 MiB for 50 MB, 228 MiB for 200 MB; 65 MiB of it before the batch starts).
    expect(answer.rssMiB).toBeLessThan(300);
  }, 600_000);
});

describe("faults while evaluating: a bug, a worker thread stopped, a worker out of memory", () => {
  const units = Array.from({ length: 600 }, (_, i) => family(i + 1));
  const file = tmp("u.ndjson", ndjson(units));
  let clean: Out[] = [];
  beforeAll(async () => {
    clean = (await batch(file, { workers: 0 })).units;
    expect(clean).toHaveLength(600);
  }, SLOW);

  for (const workers of WORKERS)
    it(
      `a failure outside evaluation on three units costs those three lines only, --workers ${workers}`,
      async () => {
        const { units: out, error } = await batch(file, { workers, faults: { throwAt: [1, 77, 600] } });
        expect(error).toBeUndefined();
        expect(out.map((u) => u.line)).toEqual(clean.map((u) => u.line));
        for (const u of out) {
          if ([1, 77, 600].includes(u.line!))
            expect(u.error).toMatchObject({ code: "ERR_INTERNAL", message: expect.stringContaining(`a fault injected at line ${u.line}`) });
          else expect(u).toEqual(clean[u.line! - 1]);
        }
      },
      SLOW,
    );

  for (const workers of WORKERS.filter((w) => w > 0))
    it(
      `a worker thread that stops on three units: the others are evaluated again, those three get error lines, --workers ${workers}`,
      async () => {
        const { units: out, error } = await batch(file, { workers, faults: { exitAt: [3, 250, 599] } });
        expect(error).toBeUndefined();
        expect(out.map((u) => u.line)).toEqual(clean.map((u) => u.line));
        for (const u of out) {
          if ([3, 250, 599].includes(u.line!)) {
            expect(u.error).toMatchObject({
              code: "ERR_INTERNAL",
              message: `line ${u.line}: the worker thread evaluating it stopped (exit code 70); the unit was not evaluated`,
            });
            expect(u.unit).toEqual(clean[u.line! - 1]!.unit);
          } else expect(u).toEqual(clean[u.line! - 1]);
        }
      },
      SLOW,
    );

  it(
    "a unit too large for a worker's memory stops its worker only: ERR_BUDGET on its line, the others evaluated",
    async () => {
      const big = { unit: { id: "BIG" }, data: { tenChuHo: "x", thanhVien: Array.from({ length: 400_000 }, () => member(30)) } };
      const f = tmp("u.ndjson", ndjson([family(1), big, family(3)]));
      const { units: out, error } = await batch(f, { workers: 1, workerMemoryMb: 48 });
      expect(error).toBeUndefined();
      expect(out.map((u) => [u.line, u.error?.code ?? u.result!.verdict])).toEqual([
        [1, clean[0]!.result!.verdict],
        [2, "ERR_BUDGET"],
        [3, clean[2]!.result!.verdict],
      ]);
      expect(out[1]!.error!.message).toBe("line 2: evaluating it needed more memory than a batch worker may use (48 MiB); the unit was not evaluated");
    },
    SLOW,
  );
});

describe("faults in the output: the batch stops, says how far it got, and exits 2", () => {
  const units = Array.from({ length: 3000 }, (_, i) => family(i + 1));
  const file = tmp("u.ndjson", ndjson(units));

  for (const workers of WORKERS)
    it(
      `a stream that fails after 400 kB (a disk filling up), --workers ${workers}`,
      async () => {
        let written = "";
        const decoder = new TextDecoder();
        const output = new Writable({
          highWaterMark: 16_384,
          write(chunk: Uint8Array, _e, done) {
            if (written.length + chunk.length > 400_000) return done(Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" }));
            written += decoder.decode(chunk, { stream: true });
            setImmediate(done);
          },
        });
        const e = await node.runBatch({ set: SET, input: file, output, workers, groupSize: 50, outputName: "out.ndjson" }).then(
          () => undefined,
          (x: unknown) => x,
        );
        expect(e).toBeInstanceOf(FileError);
        const lines = parse(written).units;
        const m =
          /^out\.ndjson: could not be written \(no space left on the device\): the lines of (\d+) units were written \(to input line (\d+)\); (\d+) units read after were not, and the rest of the input was not read$/.exec(
            (e as Error).message,
          );
        expect(m, (e as Error).message).not.toBeNull();
        expect(Number(m![1])).toBe(lines.length);
        expect(Number(m![2])).toBe(lines.length);
        expect(lines.map((u) => u.line)).toEqual(Array.from({ length: lines.length }, (_, i) => i + 1));
        expect(lines.length).toBeGreaterThan(0);
      },
      SLOW,
    );

  it(
    "--out /dev/full: exit 2 with the file named and no stack trace",
    () => {
      for (const workers of WORKERS) {
        const r = spawnSync(process.execPath, [CLI, "batch", "--lang", "en", SET, file, "--workers", String(workers), "--quiet", "--out", "/dev/full"], {
          encoding: "utf8",
        });
        expect(r.status).toBe(2);
        expect(r.stderr).toMatch(
          /^tieuchi: \/dev\/full: could not be written \(no space left on the device\): the lines of 0 units were written; \d+ units read after were not, and the rest of the input was not read \[ERR_FILE\]\n$/,
        );
      }
    },
    SLOW,
  );

  const mount = join(mkdtempSync(join(tmpdir(), "tieuchi-tmpfs-")), "tiny");
  mkdirSync(mount);
  const mounted = spawnSync("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", mount]).status === 0;
  it.skipIf(!mounted)(
    "--out on a 64 kB tmpfs: the lines written are the first units, in order, and the message counts them",
    () => {
      try {
        for (const workers of WORKERS) {
          const out = join(mount, `out${workers}.ndjson`);
          const r = spawnSync(process.execPath, [CLI, "batch", "--lang", "en", SET, file, "--workers", String(workers), "--quiet", "--out", out], {
            encoding: "utf8",
          });
          expect(r.status).toBe(2);
          const m = /could not be written \(no space left on the device\): the lines of (\d+) units were written/.exec(r.stderr);
          expect(m, r.stderr).not.toBeNull();
          const text = readFileSync(out, "utf8");
          // The file may end inside a line (the disk filled mid-write); every complete line is a unit, in order.
          const complete = text
            .slice(0, text.lastIndexOf("\n") + 1)
            .split("\n")
            .filter(Boolean)
            .map((l) => JSON.parse(l) as Out);
          expect(complete.map((u) => u.line)).toEqual(Array.from({ length: complete.length }, (_, i) => i + 1));
          expect(complete.length).toBeGreaterThanOrEqual(Number(m![1]));
          rmSync(out);
        }
      } finally {
        spawnSync("umount", [mount]);
      }
    },
    SLOW,
  );

  it(
    "a reader that goes away (| head): status 141, quickly, nothing on standard error",
    async () => {
      for (const workers of WORKERS) {
        const child = spawn(process.execPath, [CLI, "batch", SET, file, "--workers", String(workers), "--quiet"], { stdio: ["ignore", "pipe", "pipe"] });
        let err = "";
        child.stderr.on("data", (d: Buffer) => (err += d.toString()));
        child.stdout.once("data", () => child.stdout.destroy());
        const code = await new Promise<number | null>((resolve) => child.on("exit", (c) => resolve(c)));
        expect(code).toBe(141);
        expect(err).toBe("");
      }
    },
    SLOW,
  );

  it(
    "an output that cannot be opened (a folder, a missing folder): a FileError before anything is read",
    () => {
      const dir = mkdtempSync(join(tmpdir(), "tieuchi-out-"));
      for (const out of [dir, join(dir, "missing", "out.ndjson")]) {
        const r = spawnSync(process.execPath, [CLI, "batch", "--lang", "en", SET, file, "--out", out], { encoding: "utf8" });
        expect(r.status).toBe(2);
        expect(r.stderr).toMatch(/^tieuchi: .*: (is a folder, not a file|no such file) \[ERR_FILE\]\n$/);
      }
    },
    SLOW,
  );
});

describe("units too large, and output lines that stay small", () => {
  it(
    "an NDJSON line over 64 MiB is an error for that unit, and the units after it are read",
    () => {
      const big = `{"unit": {"id": "BIG"}, "data": {"tenChuHo": "${"x".repeat(65 * 2 ** 20)}"}}`;
      const f = tmp("u.ndjson", `${JSON.stringify(family(1))}\n${big}\n${JSON.stringify(family(3))}\n`);
      const r = spawnSync(process.execPath, [CLI, "batch", SET, f, "--workers", "2", "--quiet"], { encoding: "utf8" });
      expect(r.status).toBe(1);
      const { units, partial } = parse(r.stdout);
      expect(partial).toBeUndefined();
      expect(units.map((u) => [u.line, u.error?.code ?? "ok"])).toEqual([
        [1, "ok"],
        [2, "ERR_UNIT_DATA"],
        [3, "ok"],
      ]);
      expect(units[1]!.error!.message).toBe("line 2 is longer than 64 MiB; it was not read");
    },
    SLOW,
  );

  it(
    "a unit with a problem on each of 20,000 records gets an error line of a few kB (it was 22 MB), that a report reads",
    async () => {
      const set = join(ROOT, "criteria/don-vi-hoc-tap/2020.1.0.json");
      const fields = Object.keys(
        (JSON.parse(readFileSync(set, "utf8")) as { inputs: { thanhVien: { items: { fields: object } } } }).inputs.thanhVien.items.fields,
      );
      const m = Object.fromEntries(fields.map((k) => [k, "x"]));
      const f = tmp("u.ndjson", `${JSON.stringify({ unit: { id: "U1" }, data: { thanhVien: Array.from({ length: 20_000 }, () => m) } })}\n`);
      const { units } = await batch(f, { set, workers: 0 });
      const text = JSON.stringify(units[0]);
      expect(text.length).toBeLessThan(64 * 1024);
      expect(units[0]!.error!.message).toMatch(/^The unit's data does not match the inputs declared by don-vi-hoc-tap@2020\.1\.0 \(100000 problems\)/);
      expect(units[0]!.error!.problems).toHaveLength(100);
      expect(units[0]!.unit).toEqual({ id: "U1" });
      expect((reportOf(`${text}\n`) as { total: { errors: { count: number } } }).total.errors.count).toBe(1);
    },
    SLOW,
  );

  it(
    "a 5 MB NDJSON line read from a pipe in 512-byte chunks is joined once (it was joined again at every chunk)",
    async () => {
      const { ndjsonGroups } = await import("../src/batch/input.js");
      const text = Buffer.from(`${JSON.stringify({ tenChuHo: "y".repeat(5 * 2 ** 20) })}\n{"tenChuHo": "z"}\n`);
      async function* chunks() {
        for (let i = 0; i < text.length; i += 512) yield text.subarray(i, i + 512);
      }
      // Count the bytes copied while reading: the line once into its joined copy, once more into its group.
      const set = Uint8Array.prototype.set;
      let copied = 0;
      Uint8Array.prototype.set = function (this: Uint8Array, source: ArrayLike<number>, offset?: number) {
        copied += source.length;
        return set.call(this, source, offset);
      };
      const lengths: number[] = [];
      try {
        for await (const g of ndjsonGroups(chunks(), 500, "(pipe)")) for (let i = 0; i < g.lines.length; i++) lengths.push(g.ends[i]! - g.starts[i]!);
      } finally {
        Uint8Array.prototype.set = set;
      }
      expect(lengths).toEqual([5 * 2 ** 20 + 15, 17]);
      expect(copied).toBeLessThan(3 * text.length);
    },
    SLOW,
  );
});

const t = (s: string) => ({ vi: s, en: s });
/** The outside review's hostile set: `all` over a list of records, each with `all` over a list of numbers, `comparisons` comparisons inside. */
const setOf = (comparisons: number) => ({
  id: "hostile",
  version: "1.0.0",
  title: t("Hostile"),
  subject: "family",
  source: { document: "QĐ 1/2024", issuer: "Test", issued: "2024-01-01" },
  validFrom: "2024-01-01",
  validTo: null,
  supersedes: null,
  completeness: { level: "partial", notes: ["test"] },
  inputs: {
    recs: {
      type: "array",
      description: t("records"),
      items: {
        type: "object",
        description: t("record"),
        fields: { nums: { type: "array", description: t("numbers"), items: { type: "number", description: t("n") } } },
      },
    },
  },
  criteria: [{ id: "1", title: t("one"), points: 100, rule: { all: [{ var: "recs" }, { all: [{ var: "nums" }, comparisonsOf(comparisons)] }] } }],
  decision: { method: "points", maxPoints: 100, passMark: 50 },
});
/** `and` takes at most 64 arguments: 60 comparisons in one, or ands of 60 each. */
function comparisonsOf(n: number): unknown {
  const all = Array.from({ length: n }, (_, i) => ({ ">=": [{ var: "" }, i % 7] }));
  if (n <= 60) return { and: all };
  return { and: Array.from({ length: Math.ceil(n / 60) }, (_, k) => ({ and: all.slice(k * 60, k * 60 + 60) })) };
}
const unitOf = (recs: number, nums: number) => ({ recs: Array.from({ length: recs }, () => ({ nums: Array.from({ length: nums }, (_, i) => 7 + (i % 3)) })) });

describe("resources: what one hostile set or unit costs", () => {
  /** Runs a script against the built package in a fresh Node process; returns its exit status and JSON answer. */
  function child(script: string, args: string[] = []): { status: number | null; out: unknown; stderr: string } {
    const r = spawnSync(process.execPath, [...args, "--input-type=module", "-e", script], { encoding: "utf8", cwd: ROOT, maxBuffer: 1 << 26 });
    let out: unknown;
    try {
      out = JSON.parse(r.stdout);
    } catch {
      out = r.stdout;
    }
    return { status: r.status, out, stderr: r.stderr.slice(0, 2000) };
  }
  // The outside review's set with 60 comparisons: with a 2 MB unit and explanations on, it ended the process with a
  // V8 fatal error (exit 133).
  const setFile = tmp("hostile.json", JSON.stringify(setOf(60)));
  const unitFile = tmp("unit.json", JSON.stringify(unitOf(1000, 1000)));

  it(
    "the set is refused when loaded: it could take 1.8 million million steps for one unit",
    () => {
      const r = spawnSync(process.execPath, [CLI, "eval", setFile, unitFile, "--as-of", "2024-06-01", "--lang", "en"], { encoding: "utf8" });
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(
        /criteria\[0\]\.rule \(line 1, column \d+\): evaluating one unit could take up to 1,810,000,200,002 steps .* \[work_too_large\]/,
      );
    },
    SLOW,
  );

  it(
    "loaded with the limit raised, its 2 MB unit is stopped by the unit's budget, and with that raised too, explained without the trace growing per read (it was a V8 fatal error)",
    () => {
      const r = child(
        `import { readFileSync } from "node:fs";
       import { loadCriteriaSet, evaluate } from "./dist/index.js";
       const set = loadCriteriaSet(JSON.parse(readFileSync(${JSON.stringify(setFile)}, "utf8")), { limits: { maxWork: Number.MAX_SAFE_INTEGER } });
       const t0 = performance.now();
       const unit = JSON.parse(readFileSync(${JSON.stringify(unitFile)}, "utf8"));
       let stopped;
       try { evaluate(set, unit, { asOf: "2024-06-01", explain: true }); } catch (e) { stopped = e.code; }
       const r = evaluate(set, unit, { asOf: "2024-06-01", explain: true, maxWork: Number.MAX_SAFE_INTEGER });
       console.log(JSON.stringify({ stopped, verdict: r.verdict, seconds: (performance.now() - t0) / 1000, rssMiB: process.resourceUsage().maxRSS / 1024 }));`,
      );
      expect(r.status, r.stderr).toBe(0);
      // By default its 181 million steps are over the unit's budget; with the budget raised too, it runs.
      expect(r.out).toMatchObject({ stopped: "ERR_BUDGET", verdict: "pass" });
      expect((r.out as { rssMiB: number }).rssMiB).toBeLessThan(600);
    },
    SLOW,
  );

  it(
    "the safety preflight of a criteria file holds one entry per level, not one per value: a 2,000,000-item list costs under 8 MB (it cost 163 MB)",
    () => {
      const r = child(
        `import { preflight } from "./src/schema/preflight.ts";
       import { DEFAULT_LIMITS } from "./src/schema/limits.ts";
       const json = JSON.parse(JSON.stringify({ id: "x", notes: Array.from({ length: 2_000_000 }, (_, i) => i % 10) }));
       globalThis.gc();
       const before = process.memoryUsage().heapUsed;
       let peak = 0;
       const problems = preflight(json, DEFAULT_LIMITS);
       peak = process.memoryUsage().heapUsed - before;
       console.log(JSON.stringify({ problems: problems.length, growthMiB: peak / 2 ** 20 }));`,
        ["--expose-gc", "--import", "tsx"],
      );
      expect(r.status, r.stderr).toBe(0);
      expect(r.out).toMatchObject({ problems: 0 });
      expect((r.out as { growthMiB: number }).growthMiB).toBeLessThan(8);
    },
    SLOW,
  );
});

describe("the work budget of one unit (ERR_BUDGET), counted from its data before any rule runs", () => {
  it("stops a unit over its budget with a BudgetError, before any rule runs, on every engine", async () => {
    const { BudgetError, ENGINE_NAMES, evaluate, loadCriteriaSet } = await import("../src/index.js");
    const set = loadCriteriaSet(setOf(60), { limits: { maxWork: Number.MAX_SAFE_INTEGER } });
    // 2 + 10 × (2 + 100 × 181) = 181,022 steps.
    for (const engine of ENGINE_NAMES)
      for (const explain of [true, false]) {
        expect(evaluate(set, unitOf(10, 100), { asOf: "2024-06-01", engine, explain, maxWork: 181_022 }).verdict).toBe("pass");
        let err: unknown;
        try {
          evaluate(set, unitOf(10, 100), { asOf: "2024-06-01", engine, explain, maxWork: 181_021 });
        } catch (e) {
          err = e;
        }
        expect(err).toBeInstanceOf(BudgetError);
        expect(err).toMatchObject({ code: "ERR_BUDGET", limit: 181_021 });
        expect((err as Error).message).toMatch(
          /^evaluating this unit with hostile@1\.0\.0 would take more than the 181,021 steps allowed \(maxWork\): at least 181,022 /,
        );
      }
    // The budget is 20,000,000 by default, whatever limit the set was loaded with: 110 records of 1,000 numbers
    // take 2 + 110 × (2 + 1,000 × 181) = 19,910,222 steps; 111 records take 20,091,224.
    expect(evaluate(set, unitOf(110, 1000), { asOf: "2024-06-01", explain: false }).verdict).toBe("pass");
    expect(() => evaluate(set, unitOf(111, 1000), { asOf: "2024-06-01", explain: false })).toThrow(
      /more than the 20,000,000 steps allowed \(maxWork\): at least 20,091,224 /,
    );
  });

  it(
    "a set like the outside review's 8 KB one (240 comparisons, 6 KB) and a 30 MB unit (139 s for one unit): refused at load, and with the set's limit raised, the unit is stopped by its budget",
    async () => {
      const { BudgetError, evaluate, loadCriteriaSet } = await import("../src/index.js");
      const json = setOf(240);
      expect(JSON.stringify(json).length).toBeGreaterThan(6_000);
      const setFile = tmp("set.json", JSON.stringify(json));
      const unit = unitOf(3900, 3900);
      const unitFile = tmp("unit.json", JSON.stringify(unit));
      expect(readFileSync(unitFile).length).toBeGreaterThan(28 * 2 ** 20);
      const r = spawnSync(process.execPath, [CLI, "eval", setFile, unitFile, "--as-of", "2024-06-01"], { encoding: "utf8" });
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/\[work_too_large\]/);
      const set = loadCriteriaSet(json, { limits: { maxWork: Number.MAX_SAFE_INTEGER } });
      const t0 = performance.now();
      expect(() => evaluate(set, unit, { asOf: "2024-06-01", explain: false })).toThrow(BudgetError);
      // The data check reads the 15 million numbers; no rule runs. (Not a timing assertion: a bound far from 139 s.)
      expect((performance.now() - t0) / 1000).toBeLessThan(60);
    },
    SLOW,
  );

  it("is shared with the sub-units whose titles the unit decides", async () => {
    const { BudgetError, createRegistry, evaluate, loadCriteriaSet } = await import("../src/index.js");
    const { familiesInput, familySet, makeSet, text } = await import("./helpers.js");
    const family = loadCriteriaSet(familySet());
    const clan = loadCriteriaSet(
      makeSet({
        id: "clan-set",
        inputs: { families: familiesInput() },
        criteria: [{ id: "1", title: text("share"), points: 100, rule: { shareAtLeast: [50, { var: "families" }, { var: "learning" }] }, emptyGroup: "fail" }],
      }),
    );
    const sets = createRegistry([family, clan]);
    const families = Array.from({ length: 5 }, () => ({ learning: { data: { a: true } } }));
    // The clan's rule: 3 steps, and 1 for each of the 5 families; each family's own rule: 1 step.
    expect(evaluate(clan, { families }, { sets, maxWork: 13 }).verdict).toBe("pass");
    let err: unknown;
    try {
      evaluate(clan, { families }, { sets, maxWork: 12 });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(BudgetError);
    expect((err as Error).message).toMatch(
      /^evaluating this unit with family-set@1\.0\.0 \(for families\[4\]\.learning\) would take more than the 0 steps left of the 12 allowed for the whole unit \(maxWork\): at least 1 /,
    );
  });

  for (const workers of [0, 2])
    it(
      `in a batch, a unit over the budget gets an ERR_BUDGET line and the others are evaluated, --workers ${workers}`,
      async () => {
        const setFile = tmp("set.json", JSON.stringify(setOf(60)));
        const f = tmp("u.ndjson", ndjson([unitOf(2, 10), unitOf(200, 1000), unitOf(3, 10)]));
        const { units, partial, error } = await batch(f, {
          set: setFile,
          workers,
          maxWork: 1_000_000,
          limits: { maxWork: Number.MAX_SAFE_INTEGER },
          asOf: "2024-06-01",
        });
        expect(error).toBeUndefined();
        expect(partial).toBeUndefined();
        expect(units.map((u) => [u.line, u.error?.code ?? u.result!.verdict])).toEqual([
          [1, "pass"],
          [2, "ERR_BUDGET"],
          [3, "pass"],
        ]);
        expect(units[1]!.error!.message).toMatch(/would take more than the 1,000,000 steps allowed/);
      },
      SLOW,
    );
});
