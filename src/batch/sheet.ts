/**
 * A spreadsheet's CSV file (labels as headers, list items on further rows, columns to group by) read as a
 * stream: the rows come from {@link csvGroups} (quoting as strict as csv-parse, a row's length limited), the units
 * from {@link SheetRows}, one held at a time, each sent on as a `{unit, data}` record. So a file of any size is
 * read in bounded memory, and a fault part-way (a quoted cell never closed, text that is not UTF-8) leaves every
 * unit before it read and accounted for, as for a CSV file of input names.
 *
 * A unit is refused, on its own output line, when a row of it is quoted wrongly, when its rows together are
 * longer than the unit limit, or (in a set with lists) when a row too long to read follows it: that row may hold
 * the unit's list items, and a unit judged without them could get a wrong verdict.
 *
 * @module
 */
import type { LoadedSet } from "../evaluate/load.js";
import { msg, type Message } from "../i18n/index.js";
import type { Localized } from "../schema/common.js";
import { spreadsheetLayout } from "../sheet/layout.js";
import { detectDelimiter } from "../sheet/csv.js";
import { finish, SheetRows, sheetRecord, type Builder, type SheetRead, type SheetUnit } from "../sheet/read.js";
import { csvGroups, Grouper, MAX_UNIT_BYTES, type JsonGroup, type ReadUnitsOptions, type UnitRefusal } from "./input.js";

/** Why the unit being read will not be evaluated. */
type Refusal = SheetRefusal;

/** One unit of a spreadsheet's CSV file as read: the unit, or (on the line of its first row) why it is refused. */
export type SheetCsvItem = { readonly unit: SheetUnit } | { readonly row: number; readonly refusal: SheetRefusal };

/** Why a unit of a spreadsheet's CSV file is not evaluated: a row quoted wrongly, or rows too long. */
export interface SheetRefusal {
  /** Problem code: `csv_quote` or `unit_too_large`. */
  readonly code: UnitRefusal["code"];
  /** What is wrong, naming the line. */
  readonly detail: Message;
}

/**
 * The units of a spreadsheet's CSV file (labels as headers, list items on further rows), read as a stream, one
 * unit held at a time: each batch of items is the units that the rows of one chunk of the file ended. The one
 * reader of such files: `tieuchi batch` (through `sheetCsvGroups`), `readSheetFile` and the explorer's
 * worker all read through it, so they agree on every file.
 *
 * @param notice - Told of what a person should know as it is found (columns kept for grouping, example rows
 *   skipped, a code used twice).
 * @param rows - Rows read before the units they ended are handed on.
 * @param onHeader - Told, once the header is read, of the columns kept as grouping fields.
 * @throws `UnitsFileError` when the file stops being readable (a quoted cell never closed, text that is not
 *   UTF-8), after the items of every unit read before it, the unit being read included (refused).
 */
export async function* sheetCsvUnits(
  set: LoadedSet,
  stream: AsyncIterable<Uint8Array>,
  delimiter: string,
  source: string,
  notice: (n: Localized) => void,
  options: ReadUnitsOptions = {},
  rows = 500,
  onHeader?: (grouping: readonly string[]) => void,
): AsyncGenerator<SheetCsvItem[]> {
  const max = options.maxUnitBytes ?? MAX_UNIT_BYTES;
  const layout = spreadsheetLayout(set);
  const hasLists = layout.lists.length > 0;
  let reader: SheetRows | undefined;
  /** The unit being read: its characters so far, and why it will not be evaluated. */
  let chars = 0;
  let refusal: Refusal | undefined;
  let items: SheetCsvItem[] = [];

  const emit = (b: Builder) => {
    if (refusal !== undefined) items.push({ row: b.unit.row, refusal });
    else items.push({ unit: finish(b, layout, notice) });
    chars = 0;
    refusal = undefined;
  };
  const refuse = (r: Refusal) => {
    refusal ??= r;
    reader!.drop();
  };

  const groups = csvGroups(
    stream,
    rows,
    delimiter,
    (names) => {
      reader = new SheetRows(set, layout, names, source, hasLists ? layout.lists : [], notice);
      onHeader?.(reader.grouping);
    },
    source,
    options,
  );
  try {
    for await (const group of groups) {
      const refusals = new Map(group.refused.map((r) => [r.index, r]));
      for (let i = 0; i < group.rows.length; i++) {
        const line = group.lines[i]!;
        const refused = refusals.get(i);
        if (refused !== undefined && refused.cells === undefined) {
          // A row too long to read: its cells are not known, so neither is the unit it belongs to.
          if (hasLists && reader!.reading) {
            // It may hold the list items of the unit being read: that unit is refused, and the row (with any
            // further rows of its own) goes with it.
            refuse({ code: refused.code, detail: msg("sheet.row_unread", { reason: refused.detail }) });
          } else {
            const ended = reader!.placeholder(line);
            if (ended) emit(ended);
            refusal = { code: refused.code, detail: refused.detail };
          }
          continue;
        }
        const cells = refused?.cells ?? group.rows[i]!;
        const { ended, into } = reader!.add(cells, line);
        if (ended) emit(ended);
        if (into === undefined) {
          if (refused !== undefined) {
            const before = reader!.placeholder(line);
            if (before) emit(before);
            refusal = { code: refused.code, detail: refused.detail };
          }
          continue;
        }
        if (refused !== undefined) refuse({ code: refused.code, detail: refused.detail });
        if (refusal === undefined) {
          for (const c of cells) chars += c.length;
          if (chars > max) refuse({ code: "unit_too_large", detail: msg("sheet.unit_too_large", { line: into.unit.row, max }) });
        }
      }
      if (items.length > 0) {
        yield items;
        items = [];
      }
    }
  } catch (e) {
    // The file stops being readable: the unit being read is accounted for, with every one before it.
    const last = reader?.end();
    if (last) emit(last);
    if (items.length > 0) yield items;
    throw e;
  }
  const last = reader?.end();
  if (last) emit(last);
  if (items.length > 0) yield items;
}

/**
 * Units of a spreadsheet's CSV file as groups of `{unit, data}` records (see {@link sheetRecord}), each starting
 * on the line of its first row; the unit's `dong` is that line. Read by {@link sheetCsvUnits}.
 *
 * @param notice - Told of what a person should know as it is found (columns kept for grouping, example rows
 *   skipped, a code used twice).
 * @throws `UnitsFileError` when the file stops being readable, after the groups of every unit read before.
 */
export async function* sheetCsvGroups(
  set: LoadedSet,
  stream: AsyncIterable<Uint8Array>,
  size: number,
  delimiter: string,
  source: string,
  notice: (n: Localized) => void,
  options: ReadUnitsOptions = {},
): AsyncGenerator<JsonGroup> {
  const grouper = new Grouper(size);
  const encoder = new TextEncoder();
  try {
    for await (const items of sheetCsvUnits(set, stream, delimiter, source, notice, options, size)) {
      for (const item of items)
        if ("refusal" in item) grouper.refuse(item.row, item.refusal.code, item.refusal.detail);
        else grouper.add(encoder.encode(JSON.stringify(sheetRecord(item.unit))), item.unit.row);
      if (grouper.full) yield grouper.take();
    }
  } catch (e) {
    if (grouper.length > 0) yield grouper.take();
    throw e;
  }
  if (grouper.length > 0) yield grouper.take();
}

/** A unit of a spreadsheet's CSV file that is not evaluated, on the line of its first row. */
export interface SheetCsvRefused extends SheetRefusal {
  readonly row: number;
}

/** What a spreadsheet's CSV file came to, read whole by {@link readSheetCsv}. */
export interface SheetCsvRead extends SheetRead {
  /** The units refused (a row quoted wrongly, rows too long), in file order among `units` by their row. */
  readonly refused: SheetCsvRefused[];
  /** The cell separator used. */
  readonly delimiter: string;
}

/**
 * All the units of a spreadsheet's CSV file, read with {@link sheetCsvUnits} (quoting as strict as csv-parse, a
 * unit's length limited), for a caller that wants them at once (`readSheetFile`, the explorer's worker). The
 * delimiter, when not given, is found from the header row at the start of the stream.
 *
 * @throws `UnitsFileError` when the file stops being readable (a quoted cell never closed, text not UTF-8), with the line.
 */
export async function readSheetCsv(
  set: LoadedSet,
  stream: AsyncIterable<Uint8Array>,
  source: string,
  delimiter?: string,
  options: ReadUnitsOptions = {},
): Promise<SheetCsvRead> {
  const notices: Localized[] = [];
  const units: SheetUnit[] = [];
  const refused: SheetCsvRefused[] = [];
  let grouping: readonly string[] = [];
  const found = delimiter === undefined ? await headerDelimiter(stream) : { delimiter, stream };
  for await (const items of sheetCsvUnits(
    set,
    found.stream,
    found.delimiter,
    source,
    (n) => notices.push(n),
    options,
    500,
    (g) => (grouping = g),
  ))
    for (const item of items)
      if ("refusal" in item) refused.push({ row: item.row, ...item.refusal });
      else units.push(item.unit);
  return { layout: spreadsheetLayout(set), units, grouping: [...grouping], notices, refused, delimiter: found.delimiter };
}

/** The delimiter of a CSV stream from its first row (up to 64 KiB are looked at), and the stream whole again. */
async function headerDelimiter(stream: AsyncIterable<Uint8Array>): Promise<{ delimiter: string; stream: AsyncIterable<Uint8Array> }> {
  const it = stream[Symbol.asyncIterator]();
  const head: Uint8Array[] = [];
  let length = 0;
  let done = false;
  while (length < 64 * 1024) {
    const next = await it.next();
    if (next.done) {
      done = true;
      break;
    }
    head.push(next.value);
    length += next.value.length;
    if (next.value.includes(10)) break;
  }
  const bytes = new Uint8Array(length);
  let at = 0;
  for (const h of head) {
    bytes.set(h, at);
    at += h.length;
  }
  const delimiter = detectDelimiter(new TextDecoder().decode(bytes.subarray(0, 64 * 1024)));
  async function* again(): AsyncGenerator<Uint8Array> {
    yield* head;
    if (done) return;
    for (;;) {
      const next = await it.next();
      if (next.done) return;
      yield next.value;
    }
  }
  return { delimiter, stream: again() };
}
