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
import { finish, SheetRows, sheetRecord, type Builder } from "../sheet/read.js";
import { csvGroups, Grouper, MAX_UNIT_BYTES, type JsonGroup, type ReadUnitsOptions, type UnitRefusal } from "./input.js";

/** Why the unit being read will not be evaluated. */
interface Refusal {
  readonly code: UnitRefusal["code"];
  readonly detail: Message;
}

/**
 * Units of a spreadsheet's CSV file as groups of `{unit, data}` records (see {@link sheetRecord}), each starting
 * on the line of its first row; the unit's `dong` is that line.
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
  const max = options.maxUnitBytes ?? MAX_UNIT_BYTES;
  const layout = spreadsheetLayout(set);
  const hasLists = layout.lists.length > 0;
  const grouper = new Grouper(size);
  const encoder = new TextEncoder();
  let reader: SheetRows | undefined;
  /** The unit being read: its characters so far, and why it will not be evaluated. */
  let chars = 0;
  let refusal: Refusal | undefined;

  const emit = (b: Builder) => {
    if (refusal !== undefined) grouper.refuse(b.unit.row, refusal.code, refusal.detail);
    else grouper.add(encoder.encode(JSON.stringify(sheetRecord(finish(b, layout)))), b.unit.row);
    chars = 0;
    refusal = undefined;
  };
  const refuse = (r: Refusal) => {
    refusal ??= r;
    reader!.drop();
  };

  const rows = csvGroups(
    stream,
    size,
    delimiter,
    (names) => (reader = new SheetRows(set, layout, names, source, hasLists ? layout.lists : [], notice)),
    source,
    options,
  );
  try {
    for await (const group of rows) {
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
      if (grouper.full) yield grouper.take();
    }
  } catch (e) {
    // The file stops being readable: the unit being read is accounted for, with every one before it.
    const last = reader?.end();
    if (last) emit(last);
    if (grouper.length > 0) yield grouper.take();
    throw e;
  }
  const last = reader?.end();
  if (last) emit(last);
  if (grouper.length > 0) yield grouper.take();
}
