/**
 * Reading units from NDJSON, a JSON list or CSV as a stream, in groups, without holding the file: each
 * unit's raw text (or CSV cells) and the line it starts on. Parsing and checking happen later, in workers.
 *
 * @module
 */
import { UnitsFileError } from "../errors.js";
import { msg } from "../i18n/index.js";

/** The formats `tieuchi batch` reads. */
export type UnitFormat = "ndjson" | "json" | "csv";

/** The format a file name suggests, if any. */
export function formatOf(path: string): UnitFormat | undefined {
  const lower = path.toLowerCase();
  if (lower.endsWith(".ndjson") || lower.endsWith(".jsonl")) return "ndjson";
  if (lower.endsWith(".csv")) return "csv";
  if (lower.endsWith(".json")) return "json";
  return undefined;
}

/** Units as JSON text: `bytes` holds them, unit `i` is `bytes[starts[i]..ends[i])` and starts on line `lines[i]`. */
export interface JsonGroup {
  readonly kind: "json";
  readonly bytes: Uint8Array;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly lines: Int32Array;
}

/** Units as CSV rows, each starting on `lines[i]`. */
export interface CsvGroup {
  readonly kind: "csv";
  readonly rows: string[][];
  readonly lines: number[];
}

export type UnitGroup = JsonGroup | CsvGroup;


/** Longest unit read, so one runaway line cannot take all the memory. */
export const MAX_UNIT_BYTES = 64 * 2 ** 20;

/** Collects unit ranges of one buffer into groups; `take` copies them out so the buffer can be dropped. */
class Grouper {
  private starts: number[] = [];
  private ends: number[] = [];
  private lines: number[] = [];
  constructor(readonly size: number) {}

  add(start: number, end: number, line: number): void {
    this.starts.push(start);
    this.ends.push(end);
    this.lines.push(line);
  }

  get full(): boolean {
    return this.starts.length >= this.size;
  }

  get length(): number {
    return this.starts.length;
  }

  /** The units added so far, with their bytes copied out of `buf`. */
  take(buf: Uint8Array): JsonGroup {
    const from = this.starts[0]!;
    const to = this.ends[this.ends.length - 1]!;
    // A copy (Buffer#slice would share memory), so it can be handed to a worker.
    const bytes = new Uint8Array(to - from);
    bytes.set(buf.subarray(from, to));
    const g: JsonGroup = {
      kind: "json",
      bytes,
      starts: Int32Array.from(this.starts, (s) => s - from),
      ends: Int32Array.from(this.ends, (e) => e - from),
      lines: Int32Array.from(this.lines),
    };
    this.starts = [];
    this.ends = [];
    this.lines = [];
    return g;
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

const isSpace = (b: number) => b === 32 || b === 9 || b === 13 || b === 10;

function skipBom(buf: Uint8Array): Uint8Array {
  return buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? buf.subarray(3) : buf;
}

/** Units from NDJSON: one per line; blank lines are skipped. */
export async function* ndjsonGroups(stream: AsyncIterable<Uint8Array>, size: number, source: string): AsyncGenerator<JsonGroup> {
  let carry: Uint8Array = new Uint8Array(0);
  let line = 1;
  let first = true;
  const grouper = new Grouper(size);
  for await (let chunk of stream) {
    if (first) {
      chunk = skipBom(chunk);
      first = false;
    }
    const buf = concat(carry, chunk);
    let start = 0;
    for (;;) {
      const nl = buf.indexOf(10, start);
      if (nl < 0) break;
      pushLine(grouper, buf, start, nl, line);
      line++;
      start = nl + 1;
      if (grouper.full) yield grouper.take(buf);
    }
    if (grouper.length > 0) yield grouper.take(buf);
    carry = buf.subarray(start);
    if (carry.length > MAX_UNIT_BYTES) throw new UnitsFileError(source, msg("units.line_too_long", { line, mib: MAX_UNIT_BYTES / 2 ** 20 }), line);
  }
  pushLine(grouper, carry, 0, carry.length, line);
  if (grouper.length > 0) yield grouper.take(carry);
}

function pushLine(grouper: Grouper, buf: Uint8Array, start: number, end: number, line: number): void {
  let s = start;
  while (s < end && isSpace(buf[s]!)) s++;
  if (s === end) return;
  let e = end;
  while (e > s && isSpace(buf[e - 1]!)) e--;
  grouper.add(s, e, line);
}

/**
 * Units from a JSON list (`[{...}, {...}]`) scanned byte by byte: each item's text is cut out at the commas
 * between items, outside strings and nested brackets, and parsed later. A file holding one object is one unit.
 */
export async function* jsonArrayGroups(stream: AsyncIterable<Uint8Array>, size: number, source: string): AsyncGenerator<JsonGroup> {
  let buf: Uint8Array = new Uint8Array(0);
  const grouper = new Grouper(size);
  let first = true;
  /** Where the scan resumes in `buf`, and its state there. */
  let pos = 0;
  let line = 1;
  let depth = 0;
  let inString = false;
  let escape = false;
  let mode: "start" | "list" | "single" | "end" = "start";
  /** Start of the item being read (-1: between items), and its line. */
  let itemStart = -1;
  let itemLine = 0;
  /** After a comma, another item must follow. */
  let expectItem = false;

  const flushItem = (end: number) => {
    let e = end;
    while (e > itemStart && isSpace(buf[e - 1]!)) e--;
    grouper.add(itemStart, e, itemLine);
    itemStart = -1;
  };

  for await (let chunk of stream) {
    if (first) {
      chunk = skipBom(chunk);
      first = false;
    }
    buf = concat(buf, chunk);
    for (; pos < buf.length; pos++) {
      const b = buf[pos]!;
      if (b === 10) line++;
      if (inString) {
        if (escape) escape = false;
        else if (b === 92) escape = true;
        else if (b === 34) inString = false;
        continue;
      }
      if (mode === "start") {
        if (isSpace(b)) continue;
        if (b === 91) {
          mode = "list";
          depth = 1;
          continue;
        }
        if (b === 123) {
          mode = "single";
          itemStart = pos;
          itemLine = line;
          depth = 1;
          continue;
        }
        throw new UnitsFileError(source, msg("units.not_a_list", { start: JSON.stringify(String.fromCharCode(b)) }), line);
      }
      if (mode === "end") {
        if (!isSpace(b)) throw new UnitsFileError(source, msg("units.text_after_list"), line);
        continue;
      }
      if (itemStart < 0 && !isSpace(b) && !(mode === "list" && depth === 1 && (b === 44 || b === 93))) {
        itemStart = pos;
        itemLine = line;
        expectItem = false;
      }
      if (b === 34) inString = true;
      else if (b === 123 || b === 91) depth++;
      else if (b === 125 || b === 93) {
        depth--;
        if (mode === "single" && depth === 0) {
          flushItem(pos + 1);
          mode = "end";
        } else if (mode === "list" && depth === 0) {
          // The closing bracket of the list.
          if (itemStart >= 0) flushItem(pos);
          else if (expectItem) throw new UnitsFileError(source, msg("units.empty_item_at_end"), line);
          mode = "end";
        }
      } else if (b === 44 && mode === "list" && depth === 1) {
        if (itemStart < 0) throw new UnitsFileError(source, msg("units.empty_item"), line);
        flushItem(pos);
        expectItem = true;
      }
      if (grouper.full) {
        yield grouper.take(buf);
      }
    }
    if (grouper.length > 0) yield grouper.take(buf);
    // Keep only the item being read.
    const keep = itemStart >= 0 ? itemStart : pos;
    if (pos - keep > MAX_UNIT_BYTES) throw new UnitsFileError(source, msg("units.unit_too_long", { line: itemLine, mib: MAX_UNIT_BYTES / 2 ** 20 }), itemLine);
    buf = buf.subarray(keep);
    pos -= keep;
    if (itemStart >= 0) itemStart -= keep;
  }
  if (mode === "start") return;
  if (mode !== "end") {
    // A list or object that never closes: what was read of the last unit is passed on, to be reported.
    if (itemStart >= 0) flushItem(buf.length);
    if (grouper.length > 0) yield grouper.take(buf);
    throw new UnitsFileError(source, msg("units.list_not_closed"), line);
  }
}

/** Units from CSV (RFC 4180: quotes, doubled quotes, line breaks inside quotes). The first row names the columns. */
export async function* csvGroups(
  stream: AsyncIterable<Uint8Array>,
  size: number,
  delimiter: string,
  onHeader: (names: string[]) => void,
  source: string,
): AsyncGenerator<CsvGroup> {
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
  const sep = delimiter.charCodeAt(0);
  let rows: string[][] = [];
  let lines: number[] = [];
  let row: string[] = [];
  let field = "";
  let inQuotes = false;
  let quoteSeen = false;
  let line = 1;
  let rowLine = 1;
  let header: string[] | undefined;
  /** A quote at the very end of a chunk: closing, or the first of a doubled quote? The next chunk says. */
  let pendingQuote = false;

  const endRow = () => {
    row.push(field);
    field = "";
    const blank = row.length === 1 && row[0] === "" && !quoteSeen;
    quoteSeen = false;
    if (!blank) {
      if (header === undefined) {
        header = row;
        onHeader(row);
      } else {
        rows.push(row);
        lines.push(rowLine);
      }
    }
    row = [];
  };

  const decode = (chunk: Uint8Array | undefined): string => {
    try {
      return chunk === undefined ? decoder.decode() : decoder.decode(chunk, { stream: true });
    } catch {
      throw new UnitsFileError(source, msg("units.not_utf8", { line }), line);
    }
  };

  const scan = function* (text: string): Generator<CsvGroup> {
    let i = 0;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (inQuotes) {
        if (c === 34) {
          if (i + 1 === text.length) {
            // A quote at the end of the text: decided with the next chunk.
            pendingQuote = true;
            i++;
            continue;
          }
          if (text.charCodeAt(i + 1) === 34) {
            field += '"';
            i += 2;
            continue;
          }
          inQuotes = false;
          i++;
          continue;
        }
        const j = text.indexOf('"', i);
        const piece = j < 0 ? text.slice(i) : text.slice(i, j);
        for (let k = 0; k < piece.length; k++) if (piece.charCodeAt(k) === 10) line++;
        field += piece;
        i = j < 0 ? text.length : j;
        continue;
      }
      if (c === 34 && field === "") {
        inQuotes = true;
        quoteSeen = true;
        i++;
        continue;
      }
      if (c === sep) {
        row.push(field);
        field = "";
        i++;
        continue;
      }
      if (c === 10 || c === 13) {
        if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
        endRow();
        line++;
        rowLine = line;
        i++;
        if (rows.length >= size) {
          yield { kind: "csv", rows, lines };
          rows = [];
          lines = [];
        }
        continue;
      }
      // Unquoted text up to the next special character.
      let j = i;
      while (j < text.length) {
        const d = text.charCodeAt(j);
        if (d === sep || d === 10 || d === 13) break;
        j++;
      }
      field += text.slice(i, j);
      i = j;
    }
  };

  let first = true;
  for await (const chunk of stream) {
    let text = decode(chunk);
    if (first) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    if (pendingQuote) {
      pendingQuote = false;
      if (text.charCodeAt(0) === 34) {
        field += '"';
        text = text.slice(1);
      } else inQuotes = false;
    }
    yield* scan(text);
  }
  const rest = decode(undefined);
  if (rest) yield* scan(rest);
  if (pendingQuote) {
    pendingQuote = false;
    inQuotes = false;
  }
  if (inQuotes) throw new UnitsFileError(source, msg("units.cell_not_closed", { line: rowLine }), rowLine);
  if (field !== "" || row.length > 0) endRow();
  if (rows.length > 0) yield { kind: "csv", rows, lines };
}
