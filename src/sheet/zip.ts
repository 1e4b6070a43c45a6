/**
 * A workbook's zip checked before the spreadsheet library inflates it. An `.xlsx` file is a zip: a file of a few
 * kilobytes can hold entries that inflate to gigabytes (a "zip bomb"), and exceljs (through JSZip) inflates every
 * entry whole into memory before it checks anything. So, before exceljs sees the bytes:
 *
 * 1. the file itself is at most `maxBytes` long;
 * 2. its central directory (the zip's table of contents, which JSZip reads too) lists at most `maxEntries`
 *    entries, each stored or deflated, whose declared sizes add up to at most `maxInflatedBytes`;
 * 3. every entry is inflated here as a stream, a few kilobytes at a time, its output counted and dropped: an entry
 *    that inflates past the size it declares is refused as soon as it does, so the total actually inflated never
 *    passes the cap by more than one chunk.
 *
 * JSZip takes each entry's bytes and size from the same central directory, so what exceljs then inflates is what
 * was counted here. Inflating uses the platform's `DecompressionStream("deflate-raw")` (browsers and Node), so the
 * explorer's worker and the library share this check. The core stays free of a zip library.
 *
 * @module
 */
import { WorkbookError } from "../errors.js";
import { printable } from "../i18n/format.js";
import { msg } from "../i18n/index.js";

/** Limits on a workbook (`.xlsx`) read by tieuchi. */
export interface WorkbookLimits {
  /** The workbook file's size, in bytes. Default {@link MAX_WORKBOOK_BYTES}. */
  readonly maxBytes?: number;
  /** The total size of its entries once inflated, declared and actual, in bytes. Default {@link MAX_INFLATED_BYTES}. */
  readonly maxInflatedBytes?: number;
  /** How many entries (files inside the zip) it may hold. Default {@link MAX_WORKBOOK_ENTRIES}. */
  readonly maxEntries?: number;
}

/** Largest workbook file read: 32 MiB (a workbook of 100,000 units of ten columns is about 5 MiB). */
export const MAX_WORKBOOK_BYTES = 32 * 1024 * 1024;
/** Largest total of a workbook's inflated entries: 128 MiB (exceljs holds a workbook in memory at several times this). */
export const MAX_INFLATED_BYTES = 128 * 1024 * 1024;
/** Most entries in a workbook's zip: a workbook has one per sheet and a dozen more. */
export const MAX_WORKBOOK_ENTRIES = 10_000;

/** Compressed bytes handed to the inflater at a time: at most about a thousand times as much comes out. */
const CHUNK = 4096;

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** One entry of the zip's central directory. */
interface Entry {
  readonly name: string;
  readonly method: number;
  readonly compressed: number;
  readonly size: number;
  readonly local: number;
}

function notWorkbook(why: string): WorkbookError {
  return new WorkbookError(msg("file.not_workbook", { why }));
}

/** The central directory's entries, each checked against the limits as it is read. */
function entries(bytes: Uint8Array, maxInflated: number, maxEntries: number): Entry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end record is the last 22 bytes, or before a comment of up to 65,535 bytes.
  let end = -1;
  for (let i = bytes.length - 22; i >= 0 && i >= bytes.length - 22 - 0xffff; i--)
    if (view.getUint32(i, true) === EOCD) {
      end = i;
      break;
    }
  if (end < 0) throw notWorkbook("no zip directory");
  const count = view.getUint16(end + 10, true);
  const dirSize = view.getUint32(end + 12, true);
  const dirStart = view.getUint32(end + 16, true);
  // 0xffff and 0xffffffff mean a ZIP64 directory: over every limit here (a workbook needs neither).
  if (count === 0xffff || count > maxEntries) throw new WorkbookError(msg("file.workbook_entries", { max: maxEntries }));
  if (dirStart === 0xffffffff || dirStart + dirSize > end) throw notWorkbook("zip directory out of place");
  const list: Entry[] = [];
  let total = 0;
  let at = dirStart;
  for (let k = 0; k < count; k++) {
    if (at + 46 > end || view.getUint32(at, true) !== CENTRAL) throw notWorkbook("zip directory cut short");
    const nameLength = view.getUint16(at + 28, true);
    // The name is shown in messages: control characters escaped, and cut to a readable length.
    const name = printable(new TextDecoder().decode(bytes.subarray(at + 46, Math.min(end, at + 46 + Math.min(nameLength, 200)))));
    const entry: Entry = {
      name,
      method: view.getUint16(at + 10, true),
      compressed: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      local: view.getUint32(at + 42, true),
    };
    // A size of 0xffffffff is a ZIP64 size (4 GiB or more): over the cap whatever it is.
    total += entry.size === 0xffffffff ? Number.POSITIVE_INFINITY : entry.size;
    if (total > maxInflated) throw new WorkbookError(msg("file.workbook_inflates", { declared: true, name, max: maxInflated }));
    if (entry.method !== 0 && entry.method !== 8) throw notWorkbook(`entry ${name}: compression method ${entry.method}`);
    list.push(entry);
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return list;
}

/** Where an entry's compressed bytes start, from its local header. */
function dataStart(bytes: Uint8Array, e: Entry): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (e.local + 30 > bytes.length || view.getUint32(e.local, true) !== LOCAL) throw notWorkbook(`entry ${e.name}: no local header`);
  const start = e.local + 30 + view.getUint16(e.local + 26, true) + view.getUint16(e.local + 28, true);
  if (start + e.compressed > bytes.length) throw notWorkbook(`entry ${e.name}: cut short`);
  return start;
}

/** Inflates one entry as a stream, counting what comes out; refused once it passes the size it declares. */
async function inflate(data: Uint8Array, e: Entry, max: number): Promise<number> {
  const stream = new DecompressionStream("deflate-raw");
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  let out = 0;
  let over = false;
  const reading = (async () => {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      out += value.byteLength;
      if (out > e.size) {
        over = true;
        await reader.cancel().catch(() => undefined);
        return;
      }
    }
  })();
  const writing = (async () => {
    // A copy of each chunk: the stream takes only ArrayBuffer-backed views.
    for (let i = 0; i < data.length && !over; i += CHUNK) await writer.write(data.slice(i, i + CHUNK));
    if (!over) await writer.close();
  })();
  try {
    await Promise.all([reading, writing]);
  } catch (err) {
    if (!over) throw notWorkbook(`entry ${e.name}: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (over) {
    await writer.abort().catch(() => undefined);
    throw new WorkbookError(msg("file.workbook_inflates", { declared: false, name: e.name, max }));
  }
  return out;
}

/**
 * Checks a workbook's bytes against the limits before a spreadsheet library inflates them: its size, its zip
 * directory's declared sizes, and what its entries actually inflate to (see the module's header).
 *
 * @throws `WorkbookError` (`ERR_WORKBOOK`) when the file is over a limit, or is not a zip that can be read.
 */
export async function checkWorkbookZip(bytes: Uint8Array, limits: WorkbookLimits = {}): Promise<void> {
  const maxBytes = limits.maxBytes ?? MAX_WORKBOOK_BYTES;
  const maxInflated = limits.maxInflatedBytes ?? MAX_INFLATED_BYTES;
  if (bytes.length > maxBytes) throw new WorkbookError(msg("file.workbook_too_large", { size: bytes.length, max: maxBytes }));
  for (const e of entries(bytes, maxInflated, limits.maxEntries ?? MAX_WORKBOOK_ENTRIES)) {
    const start = dataStart(bytes, e);
    if (e.method === 0) {
      if (e.compressed !== e.size) throw notWorkbook(`entry ${e.name}: stored size differs`);
      continue;
    }
    await inflate(bytes.subarray(start, start + e.compressed), e, maxInflated);
  }
}
