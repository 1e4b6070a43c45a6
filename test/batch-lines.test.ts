/**
 * NDJSON handed to the threads as whole lines (`ndjsonLineGroups`, cut in the worker) instead of units cut out
 * and copied by the reading thread (`ndjsonGroups`, as before). Both must read the same units, on the same
 * lines, with the same refusals, whatever the chunks the stream arrives in; and `tieuchi batch` must write the
 * same bytes either way, compact and full, in the calling thread and in worker threads, on the bundled
 * examples and on a file full of errors.
 */
import { isUtf8 } from "node:buffer";
import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { eachLine, eachTextLine, ndjsonGroups, ndjsonLineGroups, type UnitGroup } from "../src/batch/input.js";
import { type BatchOptions, runBatch } from "../src/node/index.js";
import { writeFamilies } from "./bench/batch.js";
import { ROOT, random } from "./helpers.js";

/** What a reader read: each unit's line and bytes (as text, for readable failures), or its refusal. */
function flatten(groups: readonly UnitGroup[]): string[] {
  const out: string[] = [];
  const hex = (b: Uint8Array) => Buffer.from(b).toString("latin1");
  for (const g of groups) {
    if (g.kind === "lines") {
      let n = 0;
      let last = 0;
      eachLine(g.bytes, g.firstLine, (a, b, line) => {
        out.push(`${line} ${hex(g.bytes.subarray(a, b))}`);
        n++;
        last = line;
      });
      // The counts the reading thread made agree with what the worker will cut.
      expect(n).toBe(g.units);
      expect(last).toBe(g.lastLine);
    } else if (g.kind === "json") {
      g.lines.forEach((line, i) => {
        const refused = g.refused.find((r) => r.index === i);
        out.push(refused ? `${line} refused ${refused.code} ${refused.message}` : `${line} ${hex(g.bytes.subarray(g.starts[i]!, g.ends[i]!))}`);
      });
    }
  }
  return out;
}

async function collect(groups: AsyncIterable<UnitGroup>): Promise<UnitGroup[]> {
  const out: UnitGroup[] = [];
  for await (const g of groups) out.push(g);
  return out;
}

/** The bytes as a stream of chunks of random sizes (1 byte to `most`). */
async function* chunked(bytes: Uint8Array, rnd: () => number, most: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; ) {
    const n = 1 + Math.floor(rnd() * most);
    // A copy, as a stream gives: the reader must not rely on the chunk staying as it was.
    yield bytes.slice(at, at + n);
    at += n;
  }
}

const enc = new TextEncoder();

/** A random NDJSON-like file: units, blank and space-only lines, CRLF, byte-order marks, lines near and over `max`, text that is not UTF-8. */
function randomFile(rnd: () => number, max: number): Uint8Array {
  const parts: Uint8Array[] = [];
  if (rnd() < 0.3) parts.push(Uint8Array.of(0xef, 0xbb, 0xbf));
  const lines = Math.floor(rnd() * 40);
  const text = (n: number) => {
    let s = "";
    while (s.length < n) s += rnd() < 0.1 ? "ễ" : rnd() < 0.05 ? "\t" : String.fromCharCode(33 + Math.floor(rnd() * 90));
    return s;
  };
  for (let i = 0; i < lines; i++) {
    const r = rnd();
    if (r < 0.1) parts.push(enc.encode(""));
    else if (r < 0.15) parts.push(enc.encode(" \t \r"));
    else if (r < 0.2) parts.push(Uint8Array.of(0xef, 0xbb, 0xbf, 0x7b, 0x7d));
    else if (r < 0.25) parts.push(Uint8Array.of(0x7b, 0xff, 0xfe, 0x7d));
    else if (r < 0.35) parts.push(enc.encode("x".repeat(max - 1 + Math.floor(rnd() * 3))));
    else if (r < 0.4) parts.push(enc.encode(`  ${text(max * (1 + Math.floor(rnd() * 4)))}`));
    else parts.push(enc.encode(`{"a":"${text(Math.floor(rnd() * max * 0.8))}"}`));
    if (i < lines - 1 || rnd() < 0.7) parts.push(enc.encode(rnd() < 0.2 ? "\r\n" : "\n"));
  }
  return Buffer.concat(parts);
}

describe("NDJSON read as whole lines", () => {
  it("gives the units, lines and refusals of the unit-by-unit reader, whatever the chunks, group size, buffer size and limit (600 random files)", {
    timeout: 120_000,
  }, async () => {
    for (let seed = 1; seed <= 600; seed++) {
      const rnd = random(seed);
      const max = 8 + Math.floor(rnd() * 200);
      const bytes = randomFile(rnd, max);
      const size = 1 + Math.floor(rnd() * 6);
      const most = 1 + Math.floor(rnd() * 400);
      const bufferBytes = 1 + Math.floor(rnd() * 300);
      const old = flatten(await collect(ndjsonGroups(chunked(bytes, random(seed), most), size, "x", { maxUnitBytes: max })));
      const groups = await collect(ndjsonLineGroups(chunked(bytes, random(seed), most), size, { maxUnitBytes: max, bufferBytes }));
      expect(flatten(groups), `seed ${seed}`).toEqual(old);
      for (const g of groups) if (g.kind === "lines") expect(g.units).toBeLessThanOrEqual(size);
    }
  });

  it("cuts the same lines from a group decoded whole as from its bytes (eachTextLine, eachLine), BOMs, CRLF and blank lines included (600 random files)", () => {
    const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
    let compared = 0;
    for (let seed = 1; seed <= 600; seed++) {
      const rnd = random(seed);
      const bytes = randomFile(rnd, 8 + Math.floor(rnd() * 200));
      if (!isUtf8(bytes)) continue;
      const firstLine = rnd() < 0.5 ? 1 : 1 + Math.floor(rnd() * 50);
      const fromBytes: string[] = [];
      eachLine(bytes, firstLine, (a, b, line) => fromBytes.push(`${line} ${decoder.decode(bytes.subarray(a, b))}`));
      const text = decoder.decode(bytes);
      const fromText: string[] = [];
      eachTextLine(text, firstLine, (a, b, line) => fromText.push(`${line} ${text.slice(a, b)}`));
      expect(fromText, `seed ${seed}`).toEqual(fromBytes);
      compared++;
    }
    expect(compared).toBeGreaterThan(100);
  });

  it("hands out views of shared memory, and never holds a line over the limit", async () => {
    const max = 1000;
    const long = `${"y".repeat(100_000)}\n`;
    const file = enc.encode(`{"a":1}\n${long}{"b":2}\n`);
    let largest = 0;
    const allocate = (n: number) => {
      largest = Math.max(largest, n);
      return new Uint8Array(new SharedArrayBuffer(n));
    };
    const groups = await collect(ndjsonLineGroups(chunked(file, random(7), 64), 10, { maxUnitBytes: max, bufferBytes: 256, allocate }));
    expect(flatten(groups)).toEqual(['1 {"a":1}', "2 refused unit_too_large line 2 is longer than 1000 bytes; it was not read", '3 {"b":2}']);
    expect(largest).toBeLessThanOrEqual(2 * max + 256);
    for (const g of groups) if (g.kind === "lines") expect(g.bytes.buffer).toBeInstanceOf(SharedArrayBuffer);
  });
});

/** A batch's output, as bytes. */
async function output(run: (o: BatchOptions) => Promise<unknown>, options: Omit<BatchOptions, "output">): Promise<string> {
  const chunks: Buffer[] = [];
  const out = new Writable({
    write(chunk: Uint8Array, _e, done) {
      chunks.push(Buffer.from(chunk));
      done();
    },
  });
  await run({ ...options, output: out }).catch((e: unknown) => chunks.push(Buffer.from(`thrown: ${String(e)}`)));
  return Buffer.concat(chunks).toString("latin1");
}

const FAMILY_SET = join(ROOT, "test/bench/family-set.json");

/** Families, with every kind of bad line between them. */
function hostileFile(): string {
  const rnd = random(2026);
  const family = (i: number) => ({
    tenChuHo: `Nguyễn Văn "${i}" \u2028`,
    xa: i % 2 ? "Xã An Bình" : "Xã Tân Phú",
    thon: "Thôn 1",
    thanhVien: Array.from({ length: i % 6 }, (_, k) => ({
      tuoi: (i * 7 + k * 13) % 80,
      soNoiDungHocTap: k % 3,
      mucBietChu: k % 2 ? 1 : null,
      ...(k % 2 ? { dangDiHoc: true, lePhep: rnd() < 0.8, ketQuaHocTap: "Tốt", renLuyen: "Khá" } : {}),
    })),
    coGocHocTap: i % 3 !== 0,
    soDauSach: i * 7,
    thamGiaKhuyenHoc: i % 5 !== 0,
    viPhamPhapLuat: false,
  });
  const parts: Buffer[] = [Buffer.from([0xef, 0xbb, 0xbf])];
  for (let i = 1; i <= 400; i++) {
    const k = i % 23;
    let line: Buffer;
    if (k === 1) line = Buffer.from("");
    else if (k === 2) line = Buffer.from("   \t");
    else if (k === 3) line = Buffer.from(`{"tenChuHo":"x","xa":`);
    else if (k === 4) line = Buffer.from(`{"tenChuHo":"x","tenChuHo":"y"}`);
    else if (k === 5) line = Buffer.concat([Buffer.from(`{"tenChuHo":"`), Buffer.from([0xc3, 0x28]), Buffer.from(`"}`)]);
    else if (k === 6) line = Buffer.from(JSON.stringify({ ...family(i), pad: "z".repeat(5000) }));
    else if (k === 7) line = Buffer.from(JSON.stringify({ ...family(i), soDauSach: "năm" }));
    else if (k === 8) line = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(family(i)))]);
    else if (k === 9) line = Buffer.from(`[1, 2]`);
    else if (k === 10) line = Buffer.from(`  ${JSON.stringify(family(i))}  \r`);
    else line = Buffer.from(JSON.stringify(family(i)));
    parts.push(line, Buffer.from(i === 400 ? "" : k === 11 ? "\r\n" : "\n"));
  }
  const dir = mkdtempSync(join(tmpdir(), "tieuchi-batch-lines-"));
  const file = join(dir, "hostile.ndjson");
  writeFileSync(file, Buffer.concat(parts));
  return file;
}

interface Case {
  readonly name: string;
  readonly set: string;
  readonly input: string;
  readonly options?: Partial<BatchOptions>;
}

/** Families enough to fill several of the 1 MiB buffers NDJSON is read into (each reused once its groups are evaluated). */
async function manyFamilies(): Promise<string> {
  const file = join(mkdtempSync(join(tmpdir(), "tieuchi-batch-lines-")), "families.ndjson");
  await writeFamilies(file, 5000, 7);
  expect(statSync(file).size).toBeGreaterThan(3 * 2 ** 20);
  return file;
}

const CASES: Case[] = [
  { name: "5,000 families (3 MiB: several input buffers, reused)", set: FAMILY_SET, input: await manyFamilies(), options: {} },
  { name: "a file of families with every kind of bad line", set: FAMILY_SET, input: hostileFile(), options: { maxUnitBytes: 4000, meta: ["pad"] } },
  {
    name: "docs/examples/district/gia-dinh-hoc-tap.ndjson",
    set: join(ROOT, "criteria/gia-dinh-hoc-tap/2016.1.0.json"),
    input: join(ROOT, "docs/examples/district/gia-dinh-hoc-tap.ndjson"),
  },
  {
    name: "docs/examples/district/don-vi-hoc-tap.ndjson",
    set: join(ROOT, "criteria/don-vi-hoc-tap/2020.1.0.json"),
    input: join(ROOT, "docs/examples/district/don-vi-hoc-tap.ndjson"),
  },
  {
    name: "docs/examples/don-vi-hoc-tap/tt22-tt24-units.ndjson",
    set: join(ROOT, "criteria/don-vi-hoc-tap/2024.1.0.json"),
    input: join(ROOT, "docs/examples/don-vi-hoc-tap/tt22-tt24-units.ndjson"),
    options: { sets: join(ROOT, "criteria") },
  },
  {
    name: "docs/examples/huyen-mau/xa.ndjson",
    set: join(ROOT, "criteria/cong-dong-hoc-tap-cap-xa/2024.1.0.json"),
    input: join(ROOT, "docs/examples/huyen-mau/xa.ndjson"),
    options: { sets: join(ROOT, "criteria"), asOf: "2025-03-31" },
  },
];

describe("tieuchi batch writes the same bytes from whole lines as from units cut one by one", () => {
  for (const c of CASES)
    it(`${c.name}: compact and full, with and without the generated evaluator, in the calling thread and in worker threads`, {
      timeout: 240_000,
    }, async () => {
      // Worker threads start only from the build (see workersAvailable in src/node/batch.ts).
      const built = (await import(pathToFileURL(join(ROOT, "dist/node.js")).href)) as typeof import("../src/node/index.js");
      for (const compact of [false, true]) {
        const base = { set: c.set, input: c.input, ...(compact ? { compact: true } : {}), ...c.options };
        const old = await output(runBatch, { ...base, workers: 0, ndjsonReader: "units", groupSize: 7 });
        expect(old.split("\n").length).toBeGreaterThan(3);
        expect(await output(runBatch, { ...base, workers: 0 }), "calling thread").toBe(old);
        expect(await output(runBatch, { ...base, workers: 0, groupSize: 1, generated: false }), "closures").toBe(old);
        expect(await output(built.runBatch, { ...base, workers: 2, groupSize: 5 }), "worker threads").toBe(old);
        expect(await output(built.runBatch, { ...base, workers: 1, ndjsonReader: "units" }), "worker threads, units").toBe(old);
      }
    });

  it("the file of bad lines has each kind of line it is meant to (so the comparison covers them)", async () => {
    const text = await output(runBatch, { set: FAMILY_SET, input: CASES[1]!.input, workers: 0, maxUnitBytes: 4000, meta: ["pad"] });
    for (const code of ["ERR_JSON_PARSE", "ERR_UNIT_DATA", "unit_too_large", '"verdict":"pass"', '"verdict":"fail"', "not UTF-8", "given twice"])
      expect(text, code).toContain(code);
    const lines = text.trim().split("\n");
    // A line per unit: 400 lines, less the blank and space-only ones.
    const blank = Array.from({ length: 400 }, (_, i) => (i + 1) % 23).filter((k) => k === 1 || k === 2).length;
    expect(lines.length).toBe(400 - blank);
    expect(readFileSync(CASES[1]!.input).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });
});
