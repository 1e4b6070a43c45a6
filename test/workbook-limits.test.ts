/**
 * Workbooks (`.xlsx`) are zips: a file of a megabyte can inflate to gigabytes, and exceljs inflates every entry
 * whole before it checks anything (before this check, the 1 MiB bomb below took exceljs 6–8 s and 1.2 GiB, and
 * failed with "Invalid string length" or "uncompressed data size mismatch"). These tests craft real zip bombs
 * (entries deflated from 1 GiB, declaring their size or lying about it) and an over-size file, and check that the
 * library (`readSheetFile`, `readXlsx`, `checkWorkbookZip`) and the CLI refuse them with `ERR_WORKBOOK` (exit 2),
 * in Vietnamese and English, before exceljs sees them; and that a real workbook still reads.
 *
 * Runs against the build (the CLI and `tieuchi/node` as published).
 */
import { spawnSync } from "node:child_process";
import { closeSync, ftruncateSync, mkdtempSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { createDeflateRaw, deflateRawSync, inflateRawSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "./helpers.js";

const CLI = join(ROOT, "dist/cli.js");
const SET = join(ROOT, "criteria/don-vi-hoc-tap/2020.1.0.json");
const node = (await import(pathToFileURL(join(ROOT, "dist/node.js")).href)) as typeof import("../src/node/index.js");
const lib = (await import(pathToFileURL(join(ROOT, "dist/index.js")).href)) as typeof import("../src/index.js");
const MiB = 2 ** 20;
/** Deflating 1 GiB and spawning the CLI on a busy 2-core machine. */
const SLOW = 120_000;

interface ZipEntry {
  readonly name: string;
  /** The entry's bytes as stored (deflated unless `stored`). */
  readonly data: Uint8Array;
  /** The inflated size the zip declares for it. */
  readonly size: number;
  readonly stored?: boolean;
}

/** A zip file made by hand: local headers, the central directory, the end record (CRCs left 0: nothing here checks them). */
function zip(entries: readonly ZipEntry[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const method = e.stored ? 0 : 8;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(name.length, 26);
    parts.push(local, name, Buffer.from(e.data));
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(method, 10);
    dir.writeUInt32LE(e.data.length, 20);
    dir.writeUInt32LE(e.size, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    central.push(dir, name);
    offset += 30 + name.length + e.data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directory, end]);
}

/** `total` bytes of spaces, deflated as a stream (never held inflated): about 1,030 times smaller. */
async function deflatedSpaces(total: number): Promise<Buffer> {
  const d = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  d.on("data", (c: Buffer) => out.push(c));
  const block = Buffer.alloc(MiB, 0x20);
  for (let n = 0; n < total; n += MiB) if (!d.write(block)) await new Promise((r) => d.once("drain", r));
  await new Promise((r) => d.end(r));
  return Buffer.concat(out);
}

function tmp(name: string, content: Uint8Array): string {
  const f = join(mkdtempSync(join(tmpdir(), "tieuchi-workbook-")), name);
  writeFileSync(f, content);
  return f;
}

/** The built CLI's `batch` on a file: exit status, standard output and error. */
function cli(file: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, "batch", SET, file, "--workers", "0", ...args], { encoding: "utf8", cwd: ROOT, maxBuffer: 1 << 26 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function refusal(p: Promise<unknown>): Promise<InstanceType<typeof lib.WorkbookError>> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(lib.WorkbookError);
  return e as InstanceType<typeof lib.WorkbookError>;
}

const SHEET = "xl/worksheets/sheet1.xml";
let gib: Buffer;
/** 1 GiB of spaces deflated (about 1 MiB), the declared size a lie of 1,000 bytes. */
let lying: string;
/** The same bytes declaring their 1 GiB honestly. */
let honest: string;

beforeAll(async () => {
  gib = await deflatedSpaces(1024 * MiB);
  lying = tmp("bom.xlsx", zip([{ name: SHEET, data: gib, size: 1000 }]));
  honest = tmp("bom.xlsx", zip([{ name: SHEET, data: gib, size: 1024 * MiB }]));
}, SLOW);

describe("a workbook is checked before exceljs inflates it", () => {
  it("the bombs are small files that really inflate to 1 GiB", () => {
    expect(gib.length).toBeLessThan(1.1 * MiB);
    // What is in the file is real: inflating it (bounded here) gives far more than it declares.
    expect(() => inflateRawSync(gib, { maxOutputLength: 64 * MiB })).toThrow(RangeError);
    expect(inflateRawSync(gib.subarray(0, 4096), { finishFlush: 2 /* Z_SYNC_FLUSH */ }).length).toBeGreaterThan(2 * MiB);
  });

  it(
    "an entry that inflates past the size it declares is refused as it inflates: readSheetFile, readXlsx and the CLI (exit 2, vi and en)",
    async () => {
      const set = node.loadCriteriaFile(SET);
      const e = await refusal(node.readSheetFile(set, lying));
      expect(e.code).toBe("ERR_WORKBOOK");
      expect(e.source).toBe(lying);
      expect(e.text("en")).toBe(
        `${lying}: ${SHEET} inflates to more than the size it declares (a workbook may inflate to 128 MiB): a zip bomb, not a workbook saved by Excel; do not open this file`,
      );
      expect(e.text("vi")).toBe(
        `${lying}: ${SHEET} khi giải nén lớn hơn cỡ nó khai báo (mức cho phép cả sổ tính là 128 MiB): đây là «bom nén», không phải sổ tính do Excel lưu; không đọc tệp này`,
      );
      // The core function the explorer's worker calls, on the bytes.
      const ExcelJS = await node.loadExcelJs();
      const core = await refusal(lib.readXlsx(ExcelJS, set, new Uint8Array(readFileSync(lying))));
      expect(core.text("en")).toMatch(/^Workbook: xl\/worksheets\/sheet1\.xml inflates to more than the size it declares/);

      const en = cli(lying, "--lang", "en");
      expect(en.status).toBe(2);
      expect(en.stdout).toBe("");
      expect(en.stderr).toContain(`${lying}: ${SHEET} inflates to more than the size it declares`);
      expect(en.stderr).toContain("[ERR_WORKBOOK]");
      const vi = cli(lying);
      expect(vi.status).toBe(2);
      expect(vi.stderr).toContain(`${lying}: ${SHEET} khi giải nén lớn hơn cỡ nó khai báo`);
    },
    SLOW,
  );

  it(
    "entries that declare more than the cap are refused from the zip's directory, before anything is inflated",
    async () => {
      const set = node.loadCriteriaFile(SET);
      const e = await refusal(node.readSheetFile(set, honest));
      expect(e.text("en")).toBe(
        `${honest}: its zipped entries declare more than the 128 MiB allowed once inflated (up to ${SHEET}): a zip bomb, or a workbook too large to read whole; save it as “CSV UTF-8”`,
      );
      expect(e.text("vi")).toContain("các tệp nén bên trong khai báo tổng cỡ khi giải nén vượt quá 128 MiB cho phép");
      const r = cli(honest, "--lang", "en");
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(
        `its zipped entries declare more than the 128 MiB allowed once inflated (up to ${SHEET}): a zip bomb, or a workbook too large to read whole; save it as “CSV UTF-8” [ERR_WORKBOOK]`,
      );
      // Many entries each under the cap, together over it; and a ZIP64 size (4 GiB or more).
      const small = deflateRawSync(Buffer.alloc(1000, 0x20));
      const many = Array.from({ length: 5 }, (_, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, data: small, size: 30 * MiB }));
      expect((await refusal(lib.checkWorkbookZip(zip(many)))).text("en")).toContain("(up to xl/worksheets/sheet5.xml)");
      expect((await refusal(lib.checkWorkbookZip(zip([{ name: SHEET, data: small, size: 0xffffffff }])))).text("en")).toContain("declare more than");
    },
    SLOW,
  );

  it(
    "a file over the size limit is refused without being read: readSheetFile and the CLI",
    async () => {
      // 33 MiB, sparse: over the 32 MiB default. Not a zip at all: only its size is looked at.
      const file = join(mkdtempSync(join(tmpdir(), "tieuchi-workbook-")), "lon.xlsx");
      const fd = openSync(file, "w");
      ftruncateSync(fd, 33 * MiB);
      closeSync(fd);
      const e = await refusal(node.readSheetFile(node.loadCriteriaFile(SET), file));
      expect(e.text("en")).toBe(
        `${file}: is 33 MiB, larger than the 32 MiB a workbook may be; save it from Excel as “CSV UTF-8” (a CSV file is read as a stream, of any size) or split it`,
      );
      expect(e.text("vi")).toBe(
        `${file}: có 33 MiB, vượt quá mức 32 MiB cho phép của một sổ tính; hãy lưu nó từ Excel dạng «CSV UTF-8» (tệp CSV được đọc dần, không giới hạn cỡ) hoặc chia nhỏ ra`,
      );
      const r = cli(file, "--lang", "en");
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(`${file}: is 33 MiB, larger than the 32 MiB a workbook may be`);
      // Lowered by the caller.
      const small = await refusal(node.readSheetFile(node.loadCriteriaFile(SET), honest, undefined, { maxBytes: 1000 }));
      expect(small.text("en")).toMatch(/: is 1043\d{3} bytes, larger than the 1000 bytes a workbook may be/);
    },
    SLOW,
  );

  it("too many entries, or bytes that are not a zip, are refused with ERR_WORKBOOK too", async () => {
    const empty = deflateRawSync(Buffer.alloc(0));
    const entries = Array.from({ length: 11 }, (_, i) => ({ name: `x${i}`, data: empty, size: 0 }));
    expect((await refusal(lib.checkWorkbookZip(zip(entries), { maxEntries: 10 }))).text("en")).toBe(
      "Workbook: holds more than 10 zipped entries: not an Excel workbook that can be read",
    );
    expect((await refusal(lib.checkWorkbookZip(new TextEncoder().encode("Mã;Tên\nA1;Phòng\n")))).text("en")).toBe(
      "Workbook: is not an Excel workbook that can be read (no zip directory)",
    );
    // A stored entry must be as long as it says; a deflated one that is not deflate data is refused.
    expect((await refusal(lib.checkWorkbookZip(zip([{ name: "a", data: Buffer.from("abc"), size: 2, stored: true }])))).text("en")).toContain(
      "a: stored size differs",
    );
    expect((await refusal(lib.checkWorkbookZip(zip([{ name: "a", data: Buffer.from([0xff, 0xff, 0xff]), size: 10 }])))).text("en")).toMatch(
      /^Workbook: is not an Excel workbook that can be read \(entry a: /,
    );
    // Control characters in an entry's name are escaped in the message.
    expect((await refusal(lib.checkWorkbookZip(zip([{ name: "\u001b[31mred", data: empty, size: 200 * MiB }])))).text("en")).toContain("\\u{001B}[31mred");
  });

  it(
    "a real workbook passes (every entry inflated and counted), reads as before through the library and the CLI, and a cap below its size refuses it",
    async () => {
      const set = node.loadCriteriaFile(SET);
      const ExcelJS = await node.loadExcelJs();
      const bytes = await lib.templateWorkbook(ExcelJS, set, "vi");
      await expect(lib.checkWorkbookZip(bytes)).resolves.toBeUndefined();
      const file = tmp("mau.xlsx", bytes);
      const read = await node.readSheetFile(set, file);
      expect(read.units).toEqual([]); // the template holds only example rows, which are skipped
      const r = cli(file, "--lang", "en");
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toBe("");
      // The template inflates to more than 100 KB: a cap of 50 KB refuses it from the declared sizes.
      expect((await refusal(lib.checkWorkbookZip(bytes, { maxInflatedBytes: 50_000 }))).text("en")).toMatch(/declare more than the 50000 bytes allowed/);
    },
    SLOW,
  );
});
