/**
 * Reading units from NDJSON, a JSON list or CSV as a stream, in groups, without holding the file: each
 * unit's raw text (or CSV cells) and the line it starts on. Parsing and checking happen later, in workers.
 *
 * @module
 */
import { UnitsFileError } from "../errors.js";
import { type Message, msg, say } from "../i18n/index.js";

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

/**
 * A unit that was not read: too long, or (CSV) quoted wrongly. It keeps its place and its line in the group and
 * is reported on its own output line; the batch goes on.
 */
export interface UnitRefusal {
  /** Index of the unit in its group. */
  readonly index: number;
  /** Problem code: `unit_too_large`, `csv_quote`. */
  readonly code: "unit_too_large" | "csv_quote";
  /** What is wrong, naming the line, in English (`detail` in any language). */
  readonly message: string;
  readonly detail: Message;
  /** A CSV row quoted wrongly: its cells as far as they were read (a spreadsheet's rows need them to tell which unit the row belongs to). */
  readonly cells?: readonly string[];
}

/**
 * Units as JSON text: `bytes` holds them, unit `i` is `bytes[starts[i]..ends[i])` and starts on line `lines[i]`.
 * A refused unit (see `refused`) has no bytes.
 */
export interface JsonGroup {
  readonly kind: "json";
  readonly bytes: Uint8Array;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly lines: Int32Array;
  readonly refused: readonly UnitRefusal[];
}

/** Units as CSV rows, each starting on `lines[i]`. A refused row (see `refused`) has no cells. */
export interface CsvGroup {
  readonly kind: "csv";
  readonly rows: string[][];
  readonly lines: number[];
  readonly refused: readonly UnitRefusal[];
}

/**
 * NDJSON lines as they are in the file, not yet cut into units: `bytes` holds whole lines (each with its line
 * break; the last line of the file may have none), the first of them line `firstLine`. The thread that evaluates
 * them cuts, trims and decodes them (see {@link eachLine}), so the thread that reads the file does no work per
 * unit beyond finding the line breaks. `units` counts the lines that are not blank, `lastLine` is the last of them.
 */
export interface LinesGroup {
  readonly kind: "lines";
  readonly bytes: Uint8Array;
  readonly firstLine: number;
  readonly units: number;
  readonly lastLine: number;
}

export type UnitGroup = JsonGroup | CsvGroup | LinesGroup;

/** Units in a group. */
export function unitsOf(group: UnitGroup): number {
  return group.kind === "lines" ? group.units : group.lines.length;
}

/** The input line of a group's last unit. */
export function lastLineOf(group: UnitGroup): number {
  return group.kind === "lines" ? group.lastLine : group.lines[group.lines.length - 1]!;
}

/** Options of the readers. */
export interface ReadUnitsOptions {
  /**
   * Longest unit read (default {@link MAX_UNIT_BYTES}): bytes of an NDJSON line or a JSON list item, characters of
   * a CSV row. A longer unit is refused on its own line (`unit_too_large`) without being held, and reading goes on.
   */
  readonly maxUnitBytes?: number;
}

/** Longest unit read by default, so one runaway line cannot take all the memory: 64 MiB. */
export const MAX_UNIT_BYTES = 64 * 2 ** 20;

const EMPTY = new Uint8Array(0);

function maxUnit(options: ReadUnitsOptions): number {
  const max = options.maxUnitBytes ?? MAX_UNIT_BYTES;
  if (!Number.isInteger(max) || max < 1) throw new RangeError(`maxUnitBytes must be a positive whole number, got ${max}`);
  return max;
}

/** Collects units (views of the chunk being read, or copies) into groups; `take` copies them into one buffer. */
export class Grouper {
  private parts: Uint8Array[] = [];
  private lines: number[] = [];
  private refused: UnitRefusal[] = [];
  constructor(readonly size: number) {}

  add(bytes: Uint8Array, line: number): void {
    this.parts.push(bytes);
    this.lines.push(line);
  }

  refuse(line: number, code: UnitRefusal["code"], detail: Message): void {
    this.refused.push({ index: this.lines.length, code, message: say(detail, "en"), detail });
    this.add(EMPTY, line);
  }

  get full(): boolean {
    return this.lines.length >= this.size;
  }

  get length(): number {
    return this.lines.length;
  }

  /** The units added so far, copied into one buffer (so the chunks they came from can be dropped, and the group sent to a worker). */
  take(): JsonGroup {
    let total = 0;
    for (const p of this.parts) total += p.length;
    const bytes = new Uint8Array(total);
    const starts = new Int32Array(this.parts.length);
    const ends = new Int32Array(this.parts.length);
    let at = 0;
    this.parts.forEach((p, i) => {
      starts[i] = at;
      bytes.set(p, at);
      at += p.length;
      ends[i] = at;
    });
    const g: JsonGroup = { kind: "json", bytes, starts, ends, lines: Int32Array.from(this.lines), refused: this.refused };
    this.parts = [];
    this.lines = [];
    this.refused = [];
    return g;
  }
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  let total = 0;
  for (const p of parts) total += p.length;
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const isSpace = (b: number) => b === 32 || b === 9 || b === 13 || b === 10;
const hasBom = (buf: Uint8Array, at: number) => buf[at] === 0xef && buf[at + 1] === 0xbb && buf[at + 2] === 0xbf;

/**
 * Units from NDJSON: one per line; blank lines are skipped. Each byte is looked at once and copied at most twice
 * (a line that spans chunks is joined once, when its end arrives), so a long line read from a pipe in small
 * chunks costs what it costs from a file.
 */
export async function* ndjsonGroups(
  stream: AsyncIterable<Uint8Array>,
  size: number,
  source: string,
  options: ReadUnitsOptions = {},
): AsyncGenerator<JsonGroup> {
  void source;
  const max = maxUnit(options);
  const grouper = new Grouper(size);
  /** Copies of the pieces of the current line read in earlier chunks. */
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  let tooLong = false;
  let line = 1;
  const finish = (tail: Uint8Array) => {
    if (tooLong || pendingBytes + tail.length > max) grouper.refuse(line, "unit_too_large", msg("units.line_refused", { line, max }));
    else {
      let bytes = pendingBytes === 0 ? tail : concat([...pending, tail]);
      if (line === 1 && hasBom(bytes, 0)) bytes = bytes.subarray(3);
      let s = 0;
      let e = bytes.length;
      while (s < e && isSpace(bytes[s]!)) s++;
      while (e > s && isSpace(bytes[e - 1]!)) e--;
      if (s < e) grouper.add(bytes.subarray(s, e), line);
    }
    pending = [];
    pendingBytes = 0;
    tooLong = false;
    line++;
  };
  for await (const chunk of stream) {
    let start = 0;
    for (let nl = chunk.indexOf(10, start); nl >= 0; nl = chunk.indexOf(10, start)) {
      finish(chunk.subarray(start, nl));
      start = nl + 1;
      if (grouper.full) yield grouper.take();
    }
    const rest = chunk.length - start;
    if (!tooLong && rest > 0) {
      if (pendingBytes + rest > max) {
        tooLong = true;
        pending = [];
        pendingBytes = 0;
      } else {
        pending.push(chunk.slice(start));
        pendingBytes += rest;
      }
    }
    // The group holds views of this chunk: copy them out before the next one is read.
    if (grouper.length > 0) yield grouper.take();
  }
  if (pendingBytes > 0 || tooLong) finish(EMPTY);
  if (grouper.length > 0) yield grouper.take();
}

/**
 * Calls `unit(start, end, line)` for each line of `bytes` that is not blank, trimmed of spaces, tabs and line
 * breaks (`bytes[start..end)`), as {@link ndjsonGroups} cuts units: line 1 first loses a UTF-8 byte-order mark.
 */
export function eachLine(bytes: Uint8Array, firstLine: number, unit: (start: number, end: number, line: number) => void): void {
  const n = bytes.length;
  let line = firstLine;
  let s = 0;
  while (s < n) {
    const nl = bytes.indexOf(10, s);
    const end = nl < 0 ? n : nl;
    let a = s;
    let b = end;
    if (line === 1 && hasBom(bytes, a) && a + 3 <= b) a += 3;
    while (a < b && isSpace(bytes[a]!)) a++;
    while (b > a && isSpace(bytes[b - 1]!)) b--;
    if (a < b) unit(a, b, line);
    line++;
    s = end + 1;
  }
}

/**
 * {@link eachLine} over the group's text decoded whole (valid UTF-8): the same lines, trimmed the same way, as
 * offsets into `text` (a byte-order mark is one character there, three bytes in the bytes). Decoding a group
 * once costs less than decoding each of its lines. Returns the number of the line after the text's last line
 * break (the first line of text that follows it).
 */
export function eachTextLine(text: string, firstLine: number, unit: (start: number, end: number, line: number) => void): number {
  const n = text.length;
  let line = firstLine;
  let s = 0;
  while (s < n) {
    const nl = text.indexOf("\n", s);
    const end = nl < 0 ? n : nl;
    let a = s;
    let b = end;
    if (line === 1 && text.charCodeAt(a) === 0xfeff && a < b) a++;
    while (a < b && isSpace(text.charCodeAt(a))) a++;
    while (b > a && isSpace(text.charCodeAt(b - 1))) b--;
    if (a < b) unit(a, b, line);
    line++;
    s = end + 1;
  }
  return line;
}

/** A group of lines as units cut out one by one (the form a worker's units take when they are evaluated again one at a time, or reported). */
export function expandLines(group: LinesGroup): JsonGroup {
  const starts: number[] = [];
  const ends: number[] = [];
  const lines: number[] = [];
  eachLine(group.bytes, group.firstLine, (a, b, line) => {
    starts.push(a);
    ends.push(b);
    lines.push(line);
  });
  return { kind: "json", bytes: group.bytes, starts: Int32Array.from(starts), ends: Int32Array.from(ends), lines: Int32Array.from(lines), refused: [] };
}

/** Options of {@link ndjsonLineGroups}. */
export interface LineGroupsOptions extends ReadUnitsOptions {
  /**
   * Makes the buffers the lines are read into (default: plain `Uint8Array`s). Given `SharedArrayBuffer`-backed
   * ones, a group reaches a worker thread without a copy.
   */
  readonly allocate?: (bytes: number) => Uint8Array;
  /** Bytes of a buffer (default 1 MiB; a line longer than that gets a larger one). */
  readonly bufferBytes?: number;
}

/**
 * Units from NDJSON as {@link ndjsonGroups} reads them (the same units, lines, refusals and order), but handed out
 * as whole lines, uncut ({@link LinesGroup}): the stream is copied into large buffers once, each group is a view of
 * one, and the reading thread only looks for line breaks. A line longer than the limit is refused on its own (a
 * one-unit {@link JsonGroup}) without being held. Groups hold up to `size` units, and end where a chunk of the
 * stream ends, so units are handed on as soon as they arrive.
 */
export async function* ndjsonLineGroups(stream: AsyncIterable<Uint8Array>, size: number, options: LineGroupsOptions = {}): AsyncGenerator<UnitGroup> {
  const max = maxUnit(options);
  const allocate = options.allocate ?? ((n: number) => new Uint8Array(n));
  const bufferBytes = options.bufferBytes ?? 1 << 20;
  let buf = allocate(bufferBytes);
  /** Bytes in `buf`; `start`: the first not handed out (the start of line `line`). */
  let fill = 0;
  let start = 0;
  let line = 1;
  /** The line at `start` is too long: its bytes are dropped until its line break. */
  let skipping = false;

  const refusal = (at: number): JsonGroup => {
    const g = new Grouper(1);
    g.refuse(at, "unit_too_large", msg("units.line_refused", { line: at, max }));
    return g.take();
  };
  const blank = (view: Uint8Array, a: number, b: number, at: number): boolean => {
    if (at === 1 && hasBom(view, a) && a + 3 <= b) a += 3;
    while (a < b && isSpace(view[a]!)) a++;
    return a === b;
  };

  /** Hands out the complete lines of `buf[start..fill)` (and, at the end of the stream, the last one without a line break). */
  const scan = function* (final: boolean): Generator<UnitGroup> {
    const view = buf.subarray(0, fill);
    let s = start;
    let groupStart = s;
    let groupLine = line;
    let units = 0;
    let last = 0;
    const group = (end: number): LinesGroup | undefined =>
      units === 0 ? undefined : { kind: "lines", bytes: buf.subarray(groupStart, Math.min(end, fill)), firstLine: groupLine, units, lastLine: last };
    for (;;) {
      let nl = view.indexOf(10, s);
      if (nl < 0) {
        if (!final || s >= fill) break;
        nl = fill;
      }
      if (nl - s > max) {
        const g = group(s);
        if (g) yield g;
        yield refusal(line);
        units = 0;
        groupStart = nl + 1;
        groupLine = line + 1;
      } else if (!blank(view, s, nl, line)) {
        units++;
        last = line;
      }
      line++;
      s = nl + 1;
      if (units >= size) {
        yield group(s)!;
        units = 0;
        groupStart = s;
        groupLine = line;
      }
      if (s >= fill) break;
    }
    const g = group(s);
    if (g) yield g;
    start = Math.min(s, fill);
  };

  for await (const chunk of stream) {
    let at = 0;
    while (at < chunk.length) {
      if (skipping) {
        // Dropping a line too long to hold: nothing of it is kept until its line break.
        const nl = chunk.indexOf(10, at);
        if (nl < 0) break;
        yield refusal(line);
        skipping = false;
        line++;
        at = nl + 1;
        continue;
      }
      if (fill === buf.length) {
        // The buffer is full: the partial line at its end moves to a new one (twice its size when the line is
        // long, so a long line is copied a bounded number of times), unless it is too long to keep.
        const tail = fill - start;
        if (tail > max) {
          skipping = true;
          buf = allocate(bufferBytes);
          fill = 0;
          start = 0;
          continue;
        }
        const next = allocate(Math.max(bufferBytes, tail * 2));
        next.set(buf.subarray(start, fill));
        buf = next;
        fill = tail;
        start = 0;
      }
      const n = Math.min(chunk.length - at, buf.length - fill);
      buf.set(chunk.subarray(at, at + n), fill);
      fill += n;
      at += n;
      yield* scan(false);
    }
  }
  if (!skipping && fill - start > max) skipping = true;
  if (skipping) {
    yield refusal(line);
    return;
  }
  yield* scan(true);
}

/**
 * Units from a JSON list (`[{...}, {...}]`) scanned byte by byte: each item's text is cut out at the commas
 * between items, outside strings and nested brackets, and parsed later. A file holding one object is one unit.
 * An item longer than the limit is refused on its own line, and the scan goes on past it. When the list itself
 * is broken (two commas in a row, text after its end, the file ends inside it), every item read before is
 * yielded, then a `UnitsFileError` is thrown.
 */
export async function* jsonArrayGroups(
  stream: AsyncIterable<Uint8Array>,
  size: number,
  source: string,
  options: ReadUnitsOptions = {},
): AsyncGenerator<JsonGroup> {
  const max = maxUnit(options);
  const grouper = new Grouper(size);
  let first = true;
  let line = 1;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let mode: "start" | "list" | "single" | "end" = "start";
  /** An item is being read: it started on `itemLine`, at `itemStart` of this chunk (0 when in an earlier one, then its bytes so far are `pending`). */
  let inItem = false;
  let itemStart = 0;
  let itemLine = 0;
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  let tooLong = false;
  /** After a comma, another item must follow. */
  let expectItem = false;

  const flushItem = (chunk: Uint8Array, end: number) => {
    if (tooLong || pendingBytes + (end - itemStart) > max) grouper.refuse(itemLine, "unit_too_large", msg("units.item_refused", { line: itemLine, max }));
    else {
      const bytes = pendingBytes === 0 ? chunk.subarray(itemStart, end) : concat([...pending, chunk.subarray(itemStart, end)]);
      let e = bytes.length;
      while (e > 0 && isSpace(bytes[e - 1]!)) e--;
      grouper.add(bytes.subarray(0, e), itemLine);
    }
    inItem = false;
    pending = [];
    pendingBytes = 0;
    tooLong = false;
  };
  const startItem = (pos: number) => {
    inItem = true;
    itemStart = pos;
    itemLine = line;
  };

  for await (const input of stream) {
    let chunk = input;
    if (first && chunk.length > 0) {
      if (hasBom(chunk, 0)) chunk = chunk.subarray(3);
      first = false;
    }
    let failure: Message | undefined;
    let pos = 0;
    for (; pos < chunk.length; pos++) {
      const b = chunk[pos]!;
      if (b === 10) line++;
      if (inString) {
        if (escaped) escaped = false;
        else if (b === 92) escaped = true;
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
          startItem(pos);
          depth = 1;
          continue;
        }
        failure = msg("units.not_a_list", { start: JSON.stringify(String.fromCharCode(b)) });
        break;
      }
      if (mode === "end") {
        if (!isSpace(b)) {
          failure = msg("units.text_after_list");
          break;
        }
        continue;
      }
      if (!inItem && !isSpace(b) && !(mode === "list" && depth === 1 && (b === 44 || b === 93))) {
        startItem(pos);
        expectItem = false;
      }
      if (b === 34) inString = true;
      else if (b === 123 || b === 91) depth++;
      else if (b === 125 || b === 93) {
        depth--;
        if (mode === "single" && depth === 0) {
          flushItem(chunk, pos + 1);
          mode = "end";
        } else if (mode === "list" && depth === 0) {
          // The closing bracket of the list.
          if (inItem) flushItem(chunk, pos);
          else if (expectItem) {
            failure = msg("units.empty_item_at_end");
            break;
          }
          mode = "end";
        }
      } else if (b === 44 && mode === "list" && depth === 1) {
        if (!inItem) {
          failure = msg("units.empty_item");
          break;
        }
        flushItem(chunk, pos);
        expectItem = true;
      }
      if (grouper.full) yield grouper.take();
    }
    if (failure !== undefined) {
      if (grouper.length > 0) yield grouper.take();
      throw new UnitsFileError(source, failure, line);
    }
    if (inItem) {
      // Keep what this chunk holds of the item being read (a copy: the chunk may be reused), unless it is too long already.
      const n = chunk.length - itemStart;
      if (!tooLong && pendingBytes + n > max) {
        tooLong = true;
        pending = [];
        pendingBytes = 0;
      } else if (!tooLong && n > 0) {
        pending.push(chunk.slice(itemStart));
        pendingBytes += n;
      }
      itemStart = 0;
    }
    if (grouper.length > 0) yield grouper.take();
  }
  if (mode === "start") return;
  if (mode !== "end") {
    // A list or object that never closes: what was read of the last unit is passed on, to be reported.
    if (inItem) flushItem(EMPTY, 0);
    if (grouper.length > 0) yield grouper.take();
    throw new UnitsFileError(source, msg("units.list_not_closed"), line);
  }
}

/**
 * Units from CSV (RFC 4180: quotes, doubled quotes, line breaks inside quotes). The first row names the columns.
 * Quoting is read as strictly as csv-parse does: a quote inside a cell that does not start with one, or text
 * after a cell's closing quote, makes that row an error (`csv_quote`), and a row longer than the limit (in
 * characters) is refused (`unit_too_large`) without being held; reading goes on with the next row. A quoted cell
 * never closed, or text that is not UTF-8, ends the reading: the rows before are yielded (the open row as
 * refused), then a `UnitsFileError` is thrown.
 */
export async function* csvGroups(
  stream: AsyncIterable<Uint8Array>,
  size: number,
  delimiter: string,
  onHeader: (names: string[]) => void,
  source: string,
  options: ReadUnitsOptions = {},
): AsyncGenerator<CsvGroup> {
  const max = maxUnit(options);
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
  const sep = delimiter.charCodeAt(0);
  let rows: string[][] = [];
  let lines: number[] = [];
  let refused: UnitRefusal[] = [];
  let row: string[] = [];
  let field = "";
  let inQuotes = false;
  let quoteSeen = false;
  /** At the start of a cell (only there may a quote open it). */
  let cellStart = true;
  /** Right after a cell's closing quote: only a separator or a line break may follow. */
  let afterQuote = false;
  /** A `\r` ended the last row: a `\n` right after it belongs to the same line break. */
  let afterCR = false;
  let line = 1;
  let rowLine = 1;
  let rowChars = 0;
  let tooLong = false;
  let problem: Message | undefined;
  let header: string[] | undefined;
  /** A quote at the very end of a chunk: closing, or the first of a doubled quote? The next chunk says. */
  let pendingQuote = false;

  const column = () => row.length + 1;
  const append = (piece: string) => {
    if (tooLong) return;
    rowChars += piece.length;
    if (rowChars > max) {
      // The cells before this one are kept (they are within the limit): a quote that never closes still says
      // which unit its row starts.
      tooLong = true;
      field = "";
      return;
    }
    field += piece;
  };
  const flag = (message: Message) => {
    problem ??= message;
  };
  const take = (): CsvGroup => {
    const g: CsvGroup = { kind: "csv", rows, lines, refused };
    rows = [];
    lines = [];
    refused = [];
    return g;
  };
  const refuseRow = (code: UnitRefusal["code"], detail: Message, cells?: readonly string[]) => {
    refused.push({ index: rows.length, code, message: say(detail, "en"), detail, ...(cells ? { cells } : {}) });
    rows.push([]);
    lines.push(rowLine);
  };

  const endRow = () => {
    if (!tooLong) row.push(field);
    field = "";
    const blank = !tooLong && problem === undefined && row.length === 1 && row[0] === "" && !quoteSeen;
    quoteSeen = false;
    if (!blank) {
      if (header === undefined) {
        if (tooLong || problem !== undefined)
          throw new UnitsFileError(source, tooLong ? msg("csv.header_too_long", { max }) : msg("csv.header_problem", { problem: problem! }), rowLine);
        header = row;
        onHeader(row);
      } else if (tooLong) refuseRow("unit_too_large", msg("csv.row_too_long", { line: rowLine, max }));
      else if (problem !== undefined) refuseRow("csv_quote", msg("csv.row_problem", { line: rowLine, problem }), row);
      else {
        rows.push(row);
        lines.push(rowLine);
      }
    }
    row = [];
    rowChars = 0;
    tooLong = false;
    problem = undefined;
    cellStart = true;
    afterQuote = false;
  };

  /** The chunk's text, or undefined when it is not UTF-8. */
  const decode = (chunk: Uint8Array | undefined): string | undefined => {
    try {
      return chunk === undefined ? decoder.decode() : decoder.decode(chunk, { stream: true });
    } catch {
      return undefined;
    }
  };

  const scan = function* (text: string): Generator<CsvGroup> {
    let i = 0;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (afterCR) {
        afterCR = false;
        if (c === 10) {
          i++;
          continue;
        }
      }
      if (inQuotes) {
        if (c === 34) {
          if (i + 1 === text.length) {
            // A quote at the end of the text: decided with the next chunk.
            pendingQuote = true;
            i++;
            continue;
          }
          if (text.charCodeAt(i + 1) === 34) {
            append('"');
            i += 2;
            continue;
          }
          inQuotes = false;
          afterQuote = true;
          i++;
          continue;
        }
        const j = text.indexOf('"', i);
        const piece = j < 0 ? text.slice(i) : text.slice(i, j);
        for (let k = piece.indexOf("\n"); k >= 0; k = piece.indexOf("\n", k + 1)) line++;
        append(piece);
        i = j < 0 ? text.length : j;
        continue;
      }
      if (c === sep) {
        if (!tooLong) row.push(field);
        field = "";
        cellStart = true;
        afterQuote = false;
        i++;
        continue;
      }
      if (c === 10 || c === 13) {
        endRow();
        if (c === 13) afterCR = true;
        line++;
        rowLine = line;
        i++;
        if (rows.length >= size) yield take();
        continue;
      }
      if (afterQuote) {
        flag(msg("csv.text_after_quote", { cell: column() }));
        afterQuote = false;
      }
      if (c === 34) {
        if (cellStart) {
          inQuotes = true;
          quoteSeen = true;
          cellStart = false;
          i++;
          continue;
        }
        flag(msg("csv.quote_inside", { cell: column() }));
      }
      cellStart = false;
      // Unquoted text up to the next special character.
      let j = i + 1;
      while (j < text.length) {
        const d = text.charCodeAt(j);
        if (d === sep || d === 10 || d === 13 || d === 34) break;
        j++;
      }
      append(text.slice(i, j));
      i = j;
    }
  };

  const stop = function* (reason: Message, at: number): Generator<CsvGroup, never> {
    if (rows.length > 0) yield take();
    throw new UnitsFileError(source, reason, at);
  };

  let first = true;
  for await (const chunk of stream) {
    let text = decode(chunk);
    if (text === undefined) return yield* stop(msg("units.not_utf8", { line }), line);
    if (first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    if (pendingQuote && text.length > 0) {
      pendingQuote = false;
      if (text.charCodeAt(0) === 34) {
        append('"');
        text = text.slice(1);
      } else {
        inQuotes = false;
        afterQuote = true;
      }
    }
    yield* scan(text);
  }
  const rest = decode(undefined);
  if (rest === undefined) return yield* stop(msg("units.not_utf8", { line }), line);
  if (rest) yield* scan(rest);
  if (pendingQuote) {
    pendingQuote = false;
    inQuotes = false;
  }
  if (inQuotes) {
    if (header !== undefined) refuseRow("csv_quote", msg("units.cell_not_closed", { line: rowLine }), row);
    return yield* stop(msg("units.cell_not_closed", { line: rowLine }), rowLine);
  }
  if (field !== "" || row.length > 0 || tooLong || problem !== undefined) endRow();
  if (rows.length > 0) yield take();
}
