import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { progressLine } from "../src/cli/commands/batch.js";
import { main } from "../src/cli/main.js";
import { evaluate, loadCriteriaSet, type Result, UnitsFileError } from "../src/index.js";
import { type BatchOptions, runBatch } from "../src/node/index.js";
import { ROOT, readJson, textSink } from "./helpers.js";

const SET = join(ROOT, "test/bench/family-set.json");
const set = loadCriteriaSet(readJson("test/bench/family-set.json"));

const member = (tuoi: number, extra: Record<string, unknown> = {}) => ({ tuoi, soNoiDungHocTap: 2, mucBietChu: 1, ...extra });
const family = (i: number, extra: Record<string, unknown> = {}) => ({
  tenChuHo: `Nguyễn Văn ${i}`,
  xa: i % 2 ? "Xã An Bình" : "Xã Tân Phú",
  thon: "Thôn 1",
  thanhVien: [member(40), member(10, { dangDiHoc: true, lePhep: true, ketQuaHocTap: "Tốt", renLuyen: "Khá" })],
  coGocHocTap: i % 3 !== 0,
  soDauSach: i * 7,
  thamGiaKhuyenHoc: true,
  viPhamPhapLuat: false,
  ...extra,
});

function tmp(name: string, content: string | Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), "tieuchi-batch-"));
  const f = join(dir, name);
  writeFileSync(f, content);
  return f;
}

interface Line {
  line: number;
  unit?: Record<string, unknown>;
  result?: Result;
  error?: { code: string; message: string; problems: unknown[] };
}

async function batch(
  input: string,
  options: Partial<BatchOptions> = {},
): Promise<{ lines: Line[]; text: string; summary: Awaited<ReturnType<typeof runBatch>> }> {
  const { output, text } = textSink();
  const summary = await runBatch({ set: SET, input, output, workers: 0, ...options });
  return {
    text: text(),
    summary,
    lines: text()
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Line),
  };
}

const expected = (data: unknown) => evaluate(set, structuredClone(data), { explain: false });

describe("tieuchi batch: NDJSON", () => {
  it("writes one line per unit, in order, with the line number, the unit's scalar fields and the result", async () => {
    const units = Array.from({ length: 7 }, (_, i) => family(i));
    const file = tmp("u.ndjson", `${units.map((u) => JSON.stringify(u)).join("\n")}\n`);
    const { lines, summary, text } = await batch(file, { groupSize: 3 });
    expect(lines.map((l) => l.line)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    units.forEach((u, i) => {
      expect(lines[i]!.unit).toEqual({
        tenChuHo: u.tenChuHo,
        xa: u.xa,
        thon: u.thon,
        coGocHocTap: u.coGocHocTap,
        soDauSach: u.soDauSach,
        thamGiaKhuyenHoc: true,
        viPhamPhapLuat: false,
      });
      expect(lines[i]!.result).toEqual(expected(u));
    });
    // Byte for byte what JSON.stringify writes.
    expect(text).toBe(`${units.map((u, i) => JSON.stringify({ line: i + 1, unit: lines[i]!.unit, result: expected(u) })).join("\n")}\n`);
    expect(summary).toMatchObject({ units: 7, evaluated: 7, bad: 0 });
    expect(summary.verdicts.pass + summary.verdicts.fail + summary.verdicts.incomplete).toBe(7);
  });

  it("keeps going past bad units: each gets an error line with its line number and reason, and is counted", async () => {
    const bytes = Buffer.concat([
      Buffer.from(`\uFEFF${JSON.stringify(family(1))}\r\n`),
      Buffer.from("{not json\n"),
      Buffer.from("\n   \n"),
      Buffer.from(`${JSON.stringify({ ...family(2), thanhVien: [{ tuoi: "ten" }] })}\n`),
      Buffer.from(`${JSON.stringify({ ...family(3), unknownField: 1 })}\n`),
      Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d, 0x0a]),
      Buffer.from("[1, 2]\n"),
      Buffer.from(JSON.stringify(family(4))),
    ]);
    const { lines, summary } = await batch(tmp("u.ndjson", bytes));
    expect(lines.map((l) => l.line)).toEqual([1, 2, 5, 6, 7, 8, 9]);
    expect(lines[0]!.result!.format).toBe("tieuchi/result@1");
    expect(lines[1]!.error).toMatchObject({ code: "ERR_JSON_PARSE", message: expect.stringMatching(/^not valid JSON at line 2, column 2/) });
    expect(lines[2]!.error).toMatchObject({ code: "ERR_UNIT_DATA", problems: [{ code: "invalid_type", path: ["thanhVien", 0, "tuoi"] }] });
    expect(lines[3]!.error).toMatchObject({ code: "ERR_UNIT_DATA", problems: [{ code: "unknown_field", path: ["unknownField"] }] });
    expect(lines[3]!.unit).toMatchObject({ unknownField: 1, xa: family(3).xa });
    expect(lines[4]!.error).toMatchObject({ code: "ERR_JSON_PARSE", message: "line 7 is not UTF-8 text; save the file as UTF-8" });
    expect(lines[5]!.error!.code).toBe("ERR_UNIT_DATA");
    expect(lines[6]!.result).toEqual(expected(family(4)));
    expect(lines[1]).toEqual({ line: 2, error: lines[1]!.error });
    expect(summary).toMatchObject({ units: 7, evaluated: 2, bad: 5 });
    expect(summary.badUnits.map((b) => b.line)).toEqual([2, 5, 6, 7, 8]);
    expect(summary.badUnits[1]!.message).toBe("thanhVien[0].tuoi: Invalid input: expected number, received string");
  });

  it("carries fields that are not inputs into the unit with --meta, and can explain", async () => {
    const file = tmp("u.ndjson", `${JSON.stringify({ maHo: "HO-001", huyen: "Huyện A", ...family(1) })}\n`);
    const { lines } = await batch(file, { meta: ["maHo", "huyen"], explain: true, asOf: "2024-01-01" });
    expect(lines[0]!.unit).toMatchObject({ maHo: "HO-001", huyen: "Huyện A", xa: "Xã An Bình" });
    expect(lines[0]!.result).toEqual(evaluate(set, family(1), { asOf: "2024-01-01" }));
    expect(lines[0]!.result!.criteria[0]!.message).toBeDefined();
  });
});

describe("tieuchi batch: records with grouping fields", () => {
  it("reads {unit, data} records: the data is evaluated, the unit's fields are carried for grouping, also on error lines", async () => {
    const records = [
      { unit: { id: "HO-1", xa: "Xã Một" }, data: family(1) },
      { unit: { id: "HO-2" }, data: { ...family(2), thanhVien: [{ tuoi: "ten" }] } },
      // Three keys: not the wrapped form, so it is data, and 'unit' is not an input.
      { unit: { id: "HO-3" }, data: family(3), extra: 1 },
    ];
    const { lines, summary } = await batch(tmp("u.ndjson", records.map((r) => JSON.stringify(r)).join("\n")));
    expect(lines[0]!.unit).toMatchObject({ id: "HO-1", xa: "Xã Một", thon: family(1).thon });
    expect(lines[0]!.result).toEqual(expected(family(1)));
    expect(lines[1]).toMatchObject({ line: 2, unit: { id: "HO-2" }, error: { code: "ERR_UNIT_DATA" } });
    expect(lines[2]!.error!.problems).toEqual(expect.arrayContaining([expect.objectContaining({ code: "unknown_field", path: ["unit"] })]));
    expect(summary).toMatchObject({ units: 3, evaluated: 1, bad: 2 });
  });
});

describe("tieuchi batch: a JSON list", () => {
  it("reads the items one by one, strings with brackets and escapes included", async () => {
    const units = [family(1, { tenChuHo: 'Tên có "ngoặc" [ ] { } , và \\ xuyệt' }), family(2), family(3)];
    const items = [JSON.stringify(units[0], null, 2), JSON.stringify(units[1]), JSON.stringify(units[2])];
    const text = `[\n  ${items[0]},\n${items[1]} ,\n\n ${items[2]}\n]\n`;
    const lineOf = (item: string) => text.slice(0, text.indexOf(item)).split("\n").length;
    const { lines } = await batch(tmp("u.json", text), { groupSize: 2 });
    expect(lines.map((l) => l.line)).toEqual(items.map(lineOf));
    expect(lines[1]!.line).toBeGreaterThan(20);
    lines.forEach((l, i) => {
      expect(l.result).toEqual(expected(units[i]));
    });
    expect(lines[0]!.unit!.tenChuHo).toBe(units[0]!.tenChuHo);
  });

  it("takes a file of one unit, and an empty list", async () => {
    expect((await batch(tmp("u.json", JSON.stringify(family(1))))).lines[0]!.result).toEqual(expected(family(1)));
    expect((await batch(tmp("u.json", " [ ] "))).summary.units).toBe(0);
  });

  it("reports a bad item and goes on, and stops with the line when the list itself is broken", async () => {
    const { lines } = await batch(tmp("u.json", `[${JSON.stringify(family(1))},\n{"a": tru},\n${JSON.stringify(family(2))}]`));
    expect(lines.map((l) => [l.line, l.error?.code ?? "ok"])).toEqual([
      [1, "ok"],
      [2, "ERR_JSON_PARSE"],
      [3, "ok"],
    ]);
    await expect(batch(tmp("u.json", `[${JSON.stringify(family(1))},\n`))).rejects.toThrow(UnitsFileError);
    await expect(batch(tmp("u.json", `[${JSON.stringify(family(1))},,{}]`))).rejects.toThrow(/two commas/);
    await expect(batch(tmp("u.json", `[${JSON.stringify(family(1))},]`))).rejects.toThrow(/a comma too many/);
    await expect(batch(tmp("u.json", `"units"`))).rejects.toThrow(/must hold a list of units/);
    await expect(batch(tmp("u.json", `[] []`))).rejects.toThrow(/more text after the end/);
  });
});

describe("tieuchi batch: CSV", () => {
  const header = "maHo;tenChuHo;xa;coGocHocTap;soDauSach;thamGiaKhuyenHoc;viPhamPhapLuat;thanhVien";
  const row = (id: string, extra: string[] = []) =>
    [id, '"Trần ""Thị"" An"', "Xã A", "có", "25", "TRUE", "0", `"${JSON.stringify([member(40), member(70)]).replaceAll('"', '""')}"`, ...extra].join(";");

  it("maps columns to inputs by name: yes/no and numbers read as such, lists as JSON in the cell", async () => {
    const file = tmp("u.csv", `\uFEFF${header}\r\n${row("H1")}\r\n\r\n${row("H2")}\n`);
    const { lines, summary } = await batch(file, { meta: ["maHo"], delimiter: ";" });
    expect(summary).toMatchObject({ units: 2, bad: 0 });
    expect(lines.map((l) => l.line)).toEqual([2, 4]);
    const data = {
      tenChuHo: 'Trần "Thị" An',
      xa: "Xã A",
      coGocHocTap: true,
      soDauSach: 25,
      thamGiaKhuyenHoc: true,
      viPhamPhapLuat: false,
      thanhVien: [member(40), member(70)],
    };
    expect(lines[0]!.result).toEqual(expected(data));
    expect(lines[0]!.unit).toEqual({
      maHo: "H1",
      tenChuHo: 'Trần "Thị" An',
      xa: "Xã A",
      coGocHocTap: true,
      soDauSach: 25,
      thamGiaKhuyenHoc: true,
      viPhamPhapLuat: false,
    });
  });

  it("treats an empty cell as missing data, and reports cells that do not read", async () => {
    const file = tmp("u.csv", `tenChuHo,soDauSach,coGocHocTap,thanhVien\nA,,,\nB,12x,maybe,[{\nC,1\n"multi\nline",2,no,[]\n`);
    const { lines } = await batch(file);
    expect(lines.map((l) => l.line)).toEqual([2, 3, 4, 5]);
    expect(lines[0]!.result!.criteria.find((c) => c.id === "3.1")!.status).toBe("missing");
    expect(lines[1]!.error).toMatchObject({ code: "ERR_UNIT_DATA", problems: [{ code: "invalid_cell", path: ["thanhVien"] }] });
    expect(lines[2]!.error!.message).toBe("line 4 has 2 cells, the header has 4");
    expect(lines[3]!.unit!.tenChuHo).toBe("multi\nline");
  });

  it("refuses a header with a column that is not an input, and suggests the name", async () => {
    await expect(batch(tmp("u.csv", "tenChuHo,coGocHocTp\nA,1\n"))).rejects.toThrow(/column 'coGocHocTp' is not an input .*did you mean 'coGocHocTap'/);
    await expect(batch(tmp("u.csv", 'tenChuHo\n"never closed\n'))).rejects.toThrow(UnitsFileError);
  });
});

describe("tieuchi batch: the command", () => {
  const file = () => tmp("u.ndjson", [family(1), family(2), { bad: 1 }].map((u) => JSON.stringify(u)).join("\n"));

  async function run(...args: string[]) {
    let out = "";
    let err = "";
    const code = await main(args, { out: (t) => (out += t), err: (t) => (err += t), columns: 100, errIsTTY: false });
    return { code, out, err };
  }

  it("writes to standard output, summarises on standard error, and exits 1 when a unit was bad", async () => {
    const r = await run("batch", "--lang", "en", SET, file(), "--workers", "0");
    expect(r.code).toBe(1);
    expect(r.out.trim().split("\n")).toHaveLength(3);
    expect(r.err).toMatch(/^3 units: 2 evaluated \(pass \d+, fail \d+, incomplete \d+\), 1 bad, in [\d.]+ s/);
    expect(r.err).toContain("  line 3: bad: 'bad' is not an input of this set");
  });

  it("draws progress only when standard output and standard error are both terminals, and not with --quiet", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "tieuchi-out-")), "r.ndjson");
    const drawn = async (errIsTTY: boolean, outIsTTY: boolean, ...more: string[]) => {
      let err = "";
      await main(["batch", SET, file(), "--out", out, "--workers", "0", ...more], { out: () => {}, err: (t) => (err += t), columns: 100, errIsTTY, outIsTTY });
      return err.includes("\x1b[K");
    };
    expect(await drawn(true, true)).toBe(true);
    expect(await drawn(true, false)).toBe(false);
    expect(await drawn(false, true)).toBe(false);
    expect(await drawn(true, true, "--quiet")).toBe(false);
  });

  it("writes to a file with --out, says nothing with --quiet, and reports figures with --stats", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "tieuchi-out-")), "r.ndjson");
    const r = await run("batch", "--lang", "en", SET, file(), "--out", out, "--quiet", "--stats", "--workers", "0");
    expect(r.out).toBe("");
    expect(JSON.parse(r.err)).toMatchObject({ units: 3, evaluated: 2, bad: 1, workers: 0 });
    expect(readFileSync(out, "utf8").trim().split("\n")).toHaveLength(3);
  });

  it("exits 0 when every unit is evaluated, and 2 for usage errors and bad files", async () => {
    const good = tmp("u.ndjson", JSON.stringify(family(1)));
    expect((await run("batch", "--lang", "en", SET, good, "--workers", "0", "--quiet")).code).toBe(0);
    expect((await run("batch", SET)).code).toBe(2);
    expect((await run("batch", "--lang", "en", SET, good, "--workers", "many")).code).toBe(2);
    expect((await run("batch", "--lang", "en", SET, tmp("u.txt", "{}"))).err).toMatch(/cannot tell the format/);
    expect((await run("batch", "--lang", "en", SET, join(tmpdir(), "no-such-file.ndjson"))).code).toBe(2);
    expect((await run("batch", "--lang", "en", SET, tmp("u.json", "[{},"), "--workers", "0")).err).toMatch(
      /u\.json:1: the file ends before the list of units is closed \[ERR_UNITS_FILE\]/,
    );
  });

  it("refuses a set not in force on --as-of before reading any unit, unless --out-of-force asks for it", async () => {
    const good = tmp("u.ndjson", JSON.stringify(family(1)));
    const refused = await run("batch", "--lang", "en", SET, good, "--as-of", "2015-12-31", "--workers", "0", "--quiet");
    expect(refused.code).toBe(2);
    expect(refused.out).toBe("");
    expect(refused.err).toContain("was not in force on 2015-12-31: it is in force from 2016-01-01");
    expect(refused.err).toContain("[ERR_NOT_IN_FORCE]");
    const anyway = await run("batch", "--lang", "en", SET, good, "--as-of", "2015-12-31", "--workers", "0", "--quiet", "--out-of-force");
    expect(anyway.code).toBe(0);
    expect(JSON.parse(anyway.out).result).toMatchObject({ asOf: "2015-12-31", inForce: false });
    await expect(batch(good, { asOf: "2015-12-31" })).rejects.toMatchObject({ code: "ERR_NOT_IN_FORCE", reason: "outside-dates" });
    expect((await batch(good, { asOf: "2016-01-01" })).lines[0]!.result).toMatchObject({ inForce: true });
  });

  it("draws a progress line with the rate and the time left when the size is known", () => {
    expect(progressLine({ units: 5000, bad: 2, bytesRead: 250, bytesTotal: 1000, seconds: 2 }, 100, "en")).toMatch(
      /^\[█+░+\] {2}25% {2}5,000 units \(2 bad\) {2}2,500\/s {2}0:06 left$/,
    );
    expect(progressLine({ units: 10, bad: 0, bytesRead: 5, bytesTotal: undefined, seconds: 1 }, 100, "en")).toBe("10 units  10/s");
    expect(progressLine({ units: 5000, bad: 2, bytesRead: 250, bytesTotal: 1000, seconds: 2 }, 100)).toMatch(
      /^\[█+░+\] {2}25% {2}5\.000 đơn vị \(2 lỗi\) {2}2\.500\/giây {2}còn 0:06$/,
    );
  });
});

describe("tieuchi batch from the TypeScript sources", () => {
  // Two processes, one compiling the sources through tsx: seconds on a busy machine.
  it("evaluates in the calling thread (workers need the build) and writes the same lines", { timeout: 60_000 }, () => {
    const units = Array.from({ length: 30 }, (_, i) => family(i));
    const input = tmp("u.ndjson", units.map((u) => JSON.stringify(u)).join("\n"));
    const fromSource = spawnSync(process.execPath, ["--import", "tsx", join(ROOT, "src/cli/bin.ts"), "batch", SET, input, "--workers", "2", "--quiet"], {
      encoding: "utf8",
      cwd: ROOT,
    });
    expect(fromSource.stderr).toBe("");
    expect(fromSource.status).toBe(0);
    const built = spawnSync(process.execPath, [join(ROOT, "dist/cli.js"), "batch", SET, input, "--workers", "2", "--quiet"], { encoding: "utf8" });
    expect(fromSource.stdout).toBe(built.stdout);
  });
});

describe("tieuchi batch with worker threads (the built command)", () => {
  it("gives the same lines, in the same order, as without workers", { timeout: 60_000 }, () => {
    const cli = join(ROOT, "dist/cli.js");
    expect(existsSync(cli), "run `npm run build` first (npm test does it)").toBe(true);
    const units = Array.from({ length: 2500 }, (_, i) => (i % 97 === 5 ? { broken: i } : family(i)));
    const input = tmp("u.ndjson", units.map((u) => JSON.stringify(u)).join("\n"));
    const run = (workers: string) =>
      spawnSync(process.execPath, [cli, "batch", SET, input, "--workers", workers, "--quiet"], { encoding: "utf8", maxBuffer: 1 << 30 });
    const one = run("0");
    const three = run("3");
    expect(three.status).toBe(1);
    expect(three.stderr).toBe("");
    expect(three.stdout).toBe(one.stdout);
    expect(
      three.stdout
        .trim()
        .split("\n")
        .map((l) => (JSON.parse(l) as Line).line),
    ).toEqual(units.map((_, i) => i + 1));
  });
});
