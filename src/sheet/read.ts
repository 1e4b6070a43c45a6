/**
 * Units read from spreadsheet tables (the sheets of a workbook, or the one table of a CSV file) laid out as
 * {@link spreadsheetLayout} says. Headers are matched by label or input name; columns that are not inputs are
 * kept as the unit's grouping fields; a cell that does not read as its input's type is passed on as written,
 * so the library's data check reports it with its path, as for any other data. Every row is accounted for: a
 * unit (evaluated or with its error), the example row (skipped, and said), or a notice.
 *
 * @module
 */
import type { LoadedSet } from "../evaluate/load.js";
import { both, msg } from "../i18n/index.js";
import { duplicateKeyIn } from "../json/parse.js";
import type { Localized } from "../schema/common.js";
import type { InputSpec, Inputs } from "../schema/inputs.js";
import { csvListHeader, EXAMPLE_CODE, normalizeHeader, spreadsheetLayout, type SheetField, type SheetTable, type SpreadsheetLayout } from "./layout.js";

/** A cell as a spreadsheet gives it. */
export type Cell = string | number | boolean | Date | null | undefined;

/** One table: its name (the sheet's; the file's for CSV) and its rows, the first being the header. */
export interface Table {
  readonly name: string;
  readonly rows: ReadonlyArray<readonly Cell[]>;
}

/** A unit read from a sheet. */
export interface SheetUnit {
  /** The sheet and the row (1-based, as the spreadsheet numbers it) the unit starts on. */
  readonly sheet: string;
  readonly row: number;
  /** Its code and name, when the sheet gives them. */
  readonly code: string | null;
  readonly name: string | null;
  /** Grouping fields: the columns that are not inputs, by their header as written. */
  readonly fields: Record<string, string | number | boolean>;
  /** Its data: every cell read as its input (a cell that does not read as its type is its text). */
  readonly data: Record<string, unknown>;
}

/** What a reader made of the tables. */
export interface SheetRead {
  readonly layout: SpreadsheetLayout;
  readonly units: SheetUnit[];
  /** The headers kept as grouping fields, in order. */
  readonly grouping: string[];
  /** What the reader did that a person should know: columns kept for grouping, example rows skipped, rows not used. */
  readonly notices: Localized[];
}

const TRUE = new Set(["true", "1", "yes", "có", "co", "x", "đúng", "đạt", "y", "c"]);
const FALSE = new Set(["false", "0", "no", "không", "khong", "sai", "n", "k"]);
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
// Vietnamese writes decimals with a comma: 35,5.
const VI_DECIMAL = /^[+-]?\d+,\d+$/;
const DMY = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;

const pad = (n: number) => String(n).padStart(2, "0");

/** A date cell as YYYY-MM-DD: spreadsheet dates (UTC midnight as the libraries give them) or dd/mm/yyyy text. */
function dateText(cell: Cell): string | null {
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? null : `${cell.getUTCFullYear()}-${pad(cell.getUTCMonth() + 1)}-${pad(cell.getUTCDate())}`;
  if (typeof cell !== "string") return null;
  const m = DMY.exec(cell.trim());
  return m ? `${m[3]}-${pad(Number(m[2]))}-${pad(Number(m[1]))}` : null;
}

const text = (cell: Cell): string => (cell instanceof Date ? (dateText(cell) ?? "") : cell === null || cell === undefined ? "" : String(cell));

/**
 * A cell as the value of an input: yes/no as Có/Không, x, 1/0, true/false (any case); numbers as number cells
 * or text (35,5 or 35.5); dates as date cells, dd/mm/yyyy or YYYY-MM-DD; records and lists as JSON. A cell that
 * does not read as its type is given as its text, and the data check says what is wrong.
 */
export function cellValue(cell: Cell, spec: InputSpec): unknown {
  if (typeof cell === "string") cell = cell.trim();
  switch (spec.type) {
    case "boolean":
    case "title": {
      if (typeof cell === "boolean") return cell;
      if (typeof cell === "number" && (cell === 0 || cell === 1)) return cell === 1;
      const k = text(cell).toLowerCase().normalize("NFC");
      if (TRUE.has(k)) return true;
      if (FALSE.has(k)) return false;
      if (spec.type === "title" && k.startsWith("{")) return json(text(cell));
      return text(cell);
    }
    case "integer":
    case "number": {
      if (typeof cell === "number") return cell;
      const t = text(cell).replace(/\s/g, "");
      if (NUMBER.test(t)) return Number(t);
      if (VI_DECIMAL.test(t)) return Number(t.replace(",", "."));
      return text(cell);
    }
    case "date":
      return dateText(cell) ?? text(cell);
    case "object":
    case "array":
      return json(text(cell));
    case "string": {
      const t = typeof cell === "number" ? String(cell) : text(cell);
      // A value of a drop-down typed by hand in another case is still that value.
      const k = t.normalize("NFC").toLocaleLowerCase("vi");
      return spec.enum?.find((v) => v.normalize("NFC").toLocaleLowerCase("vi") === k) ?? t;
    }
    default:
      return text(cell);
  }
}

/** A record or list written as JSON in its cell; text that is not JSON stays text, for the data check to refuse. */
function json(t: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(t) as unknown;
  } catch {
    return t;
  }
  // A key given twice shows one value and gives another: refused as text too.
  return duplicateKeyIn(t, value) === undefined ? value : t;
}

const blank = (cell: Cell) => cell === null || cell === undefined || (typeof cell === "string" && cell.trim() === "");

/** Where each column of a header goes: a field of the table, a list field (CSV), or a grouping field. */
type Target =
  | { kind: "field"; field: SheetField }
  | { kind: "list"; list: SheetTable; field: SheetField }
  | { kind: "whole-list"; list: SheetTable; spec: InputSpec }
  | { kind: "group"; header: string }
  | { kind: "skip" };

function matcher(fields: readonly SheetField[]): Map<string, SheetField> {
  const byName = new Map<string, SheetField>();
  // Full paths and labels first; a bare name only when no other field claims it.
  for (const f of fields) for (const a of f.aliases) if (!byName.has(a)) byName.set(a, f);
  const bare = new Map<string, SheetField[]>();
  for (const f of fields) {
    const last = f.path.at(-1);
    if (last !== undefined) bare.set(normalizeHeader(last), [...(bare.get(normalizeHeader(last)) ?? []), f]);
  }
  for (const [k, list] of bare) if (list.length === 1 && !byName.has(k)) byName.set(k, list[0]!);
  return byName;
}

function targets(
  header: readonly Cell[],
  table: SheetTable,
  lists: readonly SheetTable[],
  notices: Localized[],
  sheet: string,
  whole?: { lists: readonly SheetTable[]; inputs: Inputs },
): Target[] {
  const own = matcher(table.fields);
  const listMatchers = lists.map((l) => {
    const m = new Map<string, SheetField>();
    for (const f of l.fields) {
      if (f.spec === null) continue;
      for (const a of [
        normalizeHeader(csvListHeader(l, f)),
        ...l.aliases.flatMap((la) => f.aliases.map((fa) => `${la} › ${fa}`)),
        ...f.aliases.map((fa) => normalizeHeader(`${l.list}.${fa}`)),
        ...f.aliases.map((fa) => normalizeHeader(`${l.list}[].${fa}`)),
      ])
        if (!m.has(a)) m.set(a, f);
    }
    return { list: l, m };
  });
  const seen = new Set<SheetField>();
  const seenGroups = new Set<string>();
  return header.map((cell, i) => {
    const raw = text(cell).trim();
    if (raw === "") return { kind: "skip" } as Target;
    const key = normalizeHeader(raw);
    const field = own.get(key);
    const twice = (what: string): Target => {
      notices.push(both(msg("sheet.repeated_column", { sheet, column: i + 1, header: raw, repeats: what })));
      return { kind: "skip" };
    };
    if (field) {
      if (seen.has(field)) return twice(field.header);
      seen.add(field);
      return { kind: "field", field };
    }
    // A whole list in one cell, as JSON (how CSV files of input names write it).
    const wholeList = whole?.lists.find((l) => l.aliases.includes(key));
    if (wholeList && whole) {
      if (seenGroups.has(`list:${wholeList.list}`)) return twice(wholeList.name);
      seenGroups.add(`list:${wholeList.list}`);
      return { kind: "whole-list", list: wholeList, spec: whole.inputs[wholeList.list!]! };
    }
    for (const { list, m } of listMatchers) {
      const f = m.get(key);
      if (f) {
        if (seen.has(f)) return twice(csvListHeader(list, f));
        seen.add(f);
        return { kind: "list", list, field: f };
      }
    }
    if (seenGroups.has(raw)) return twice(raw);
    seenGroups.add(raw);
    return { kind: "group", header: raw };
  });
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function setPath(root: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let at = root;
  for (const seg of path.slice(0, -1)) {
    if (!isRecord(at[seg])) at[seg] = {};
    at = at[seg] as Record<string, unknown>;
  }
  at[path.at(-1)!] = value;
}

/** A unit being read from a table. */
export interface Builder {
  readonly unit: {
    sheet: string;
    row: number;
    code: string | null;
    name: string | null;
    fields: Record<string, string | number | boolean>;
    data: Record<string, unknown>;
  };
  /** Not to be evaluated: its data is dropped and its further rows are passed over. */
  dropped?: boolean;
  /** What the unit's count columns state ("Số dòng Thành viên"), by list input: the cell as written, and its header. */
  counts?: Map<string, { readonly cell: Cell; readonly header: string }>;
}

function groupValue(cell: Cell): string | number | boolean {
  return typeof cell === "number" || typeof cell === "boolean" ? cell : text(cell).trim();
}

/**
 * The unit's lists against its count columns: a count of 0 with no rows is an empty list (given); a count that
 * matches the rows changes nothing; a count that does not match leaves the list not given, and says so (its
 * rows are not all there, or the count is wrong: either way no verdict may rest on them).
 */
function reconcileCounts(b: Builder, layout: SpreadsheetLayout, notice: (n: Localized) => void): void {
  for (const [list, { cell, header }] of b.counts ?? []) {
    const value = cellValue(cell, { type: "integer", description: { vi: header, en: header } });
    const sheet = b.unit.sheet;
    const row = b.unit.row;
    if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
      notice(both(msg("sheet.count_not_number", { sheet, row, column: header, value: text(cell) })));
      continue;
    }
    const items = b.unit.data[list];
    const found = Array.isArray(items) ? items.length : 0;
    if (value === found) {
      if (found === 0) b.unit.data[list] = [];
      continue;
    }
    const name = layout.lists.find((l) => l.list === list)?.name ?? list;
    notice(both(msg("sheet.count_mismatch", { sheet, row, column: header, stated: value, found, list: name })));
    delete b.unit.data[list];
  }
}

/**
 * The unit a {@link Builder} read, its lists checked against its count columns (`notice` is told when they do
 * not agree).
 */
export function finish(b: Builder, layout: SpreadsheetLayout, notice: (n: Localized) => void = () => {}): SheetUnit {
  reconcileCounts(b, layout, notice);
  const u = b.unit;
  const name = u.name ?? (layout.nameInput && typeof u.data[layout.nameInput] === "string" ? (u.data[layout.nameInput] as string) : null);
  return { sheet: u.sheet, row: u.row, code: u.code, name, fields: u.fields, data: u.data };
}

/**
 * Reads the units of a workbook: the units sheet (by name, or the first sheet whose headers are the set's),
 * and each list sheet by its name, its rows joined to their unit by the code. Other sheets (the template's
 * guide) are left alone.
 *
 * A unit with no row in a list sheet has that list absent (not given), unless its count column ("Số dòng Thành
 * viên") says 0: then the list is given, and empty. An empty staff list must not look like a staff list nobody
 * filled in, nor the other way round.
 */
export function readWorkbook(set: LoadedSet, tables: readonly Table[]): SheetRead {
  const layout = spreadsheetLayout(set);
  const notices: Localized[] = [];
  const byName = (t: SheetTable) => tables.find((x) => t.aliases.includes(normalizeHeader(x.name)) || normalizeHeader(x.name) === normalizeHeader(t.name));
  let unitsTable = byName(layout.units);
  const listTables = new Map(layout.lists.map((l) => [l, byName(l)] as const));
  if (!unitsTable) {
    // The first sheet that is not a list sheet and has a header naming some input.
    const own = matcher(layout.units.fields);
    unitsTable = tables.find((t) => ![...listTables.values()].includes(t) && (t.rows[0] ?? []).some((c) => own.has(normalizeHeader(text(c)))));
  }
  if (!unitsTable) return { layout, units: [], grouping: [], notices: [both(msg("sheet.no_units_sheet", { name: layout.units.name }))] };

  const { units, grouping, byCode } = readUnitRows(set, layout, unitsTable, [], notices);
  for (const [list, table] of listTables) {
    if (!table) continue;
    const header = table.rows[0] ?? [];
    const cols = targets(header, list, [], notices, table.name);
    const codeAt = cols.findIndex((c) => c.kind === "field" && c.field.spec === null);
    if (codeAt < 0) {
      notices.push(both(msg("sheet.no_code_column", { sheet: table.name, header: list.fields[0]!.header })));
      continue;
    }
    for (const [c, t] of cols.entries())
      if (t.kind === "group") {
        notices.push(both(msg("sheet.not_data_column", { sheet: table.name, header: t.header })));
        cols[c] = { kind: "skip" };
      }
    for (let r = 1; r < table.rows.length; r++) {
      const row = table.rows[r]!;
      if (row.every(blank)) continue;
      const code = text(row[codeAt]).trim();
      if (code === EXAMPLE_CODE) continue;
      const b = byCode.get(code);
      if (!b) {
        notices.push(both(msg("sheet.unknown_code", { sheet: table.name, row: r + 1, code, units: unitsTable.name })));
        continue;
      }
      addItem(b, list, cols, row);
    }
  }
  return { layout, units: units.map((b) => finish(b, layout, (n) => notices.push(n))), grouping, notices };
}

function addItem(b: Builder, list: SheetTable, cols: readonly Target[], row: readonly Cell[]): void {
  const name = list.list!;
  const current = b.unit.data[name];
  const items = Array.isArray(current) ? current : [];
  b.unit.data[name] = items;
  const index = items.length;
  const scalar = list.fields.length === 2 && list.fields[1]!.path.length === 0;
  const item: Record<string, unknown> = {};
  items.push(scalar ? null : item);
  cols.forEach((t, c) => {
    const cell = row[c];
    if (blank(cell) || (t.kind !== "field" && t.kind !== "list")) return;
    const f = t.field;
    if (f.spec === null) return;
    const value = cellValue(cell, f.spec);
    if (scalar) items[index] = value;
    else setPath(item, f.path, value);
  });
}

/**
 * The units of a table read row by row: a unit ends when a row starts the next one, so a table of any length is
 * read holding one unit at a time (`tieuchi batch` streams a CSV file through this). In a table with lists (a
 * CSV file), a unit's further rows carry only its list items: the same code, or no code and no unit cell.
 */
export class SheetRows {
  /** The headers kept as grouping fields, in order. */
  readonly grouping: string[];
  private readonly cols: Target[];
  private readonly codeAt: number;
  private current: Builder | null = null;
  private examples = 0;
  /** The row of the first unit of each code (for the notice of a code used twice). */
  private readonly codes = new Map<string, number>();
  /** The first unit of each code, for joining list sheets to it (kept only when asked for). */
  readonly byCode = new Map<string, Builder>();

  /**
   * @param header - The table's first row.
   * @param name - The table's name (the sheet's; the file's for CSV), for notices.
   * @param lists - The lists whose items sit beside the unit's columns (CSV), none for a workbook's units sheet.
   * @param notice - Told of each notice as it is found.
   * @param join - Keep every unit by its code ({@link SheetRows.byCode}), for list sheets to join.
   */
  constructor(
    set: LoadedSet,
    layout: SpreadsheetLayout,
    header: readonly Cell[],
    private readonly name: string,
    private readonly lists: readonly SheetTable[],
    private readonly notice: (n: Localized) => void,
    private readonly join = false,
  ) {
    const notices: Localized[] = [];
    this.cols = targets(header, layout.units, lists, notices, name, { lists: layout.lists, inputs: set.definition.inputs });
    this.grouping = this.cols.flatMap((t) => (t.kind === "group" ? [t.header] : []));
    for (const n of notices) notice(n);
    const grouping = this.grouping;
    if (grouping.length > 0) notice(both(msg("sheet.grouping_columns", { sheet: name, headers: grouping })));
    this.codeAt = this.cols.findIndex((c) => c.kind === "field" && c.field.spec === null);
  }

  /** Whether a row goes on the unit being read (list items of it) rather than starting a unit. */
  continues(row: readonly Cell[]): boolean {
    if (this.lists.length === 0 || this.current === null || row.every(blank)) return false;
    const code = this.codeAt >= 0 ? text(row[this.codeAt]).trim() : "";
    if (code === EXAMPLE_CODE) return false;
    const unitCells = this.cols.some((t, c) => ((t.kind === "field" && t.field.spec !== null) || t.kind === "whole-list") && !blank(row[c]));
    return code !== "" ? code === this.current.unit.code : !unitCells;
  }

  /**
   * Adds a row (numbered `rowNumber`, as the unit's `row`). Returns the unit the row ended (the one before it,
   * when the row starts another), and the unit the row went to (none for a blank or example row).
   */
  add(row: readonly Cell[], rowNumber: number): { ended?: Builder; into?: Builder } {
    if (row.every(blank)) return {};
    const code = this.codeAt >= 0 ? text(row[this.codeAt]).trim() : "";
    if (code === EXAMPLE_CODE) {
      this.examples++;
      return {};
    }
    const continues = this.continues(row);
    let ended: Builder | undefined;
    let b: Builder;
    if (continues) b = this.current!;
    else {
      const first = code !== "" ? this.codes.get(code) : undefined;
      if (first !== undefined) this.notice(both(msg("sheet.duplicate_code", { sheet: this.name, row: rowNumber, code, first })));
      b = { unit: { sheet: this.name, row: rowNumber, code: code === "" ? null : code, name: null, fields: {}, data: {} } };
      if (code !== "" && first === undefined) {
        this.codes.set(code, rowNumber);
        if (this.join) this.byCode.set(code, b);
      }
      ended = this.current ?? undefined;
      this.current = b;
    }
    if (b.dropped) return { ...(ended ? { ended } : {}), into: b };
    const touched = new Set<SheetTable>();
    this.cols.forEach((t, c) => {
      const cell = row[c];
      if (blank(cell)) return;
      if (t.kind === "group") {
        if (!continues) b.unit.fields[t.header] = groupValue(cell);
      } else if (t.kind === "field" && t.field.count !== undefined) {
        if (!continues) (b.counts ??= new Map()).set(t.field.count, { cell, header: t.field.header });
      } else if (t.kind === "field" && t.field.spec !== null) {
        if (continues) return;
        setPath(b.unit.data, t.field.path, cellValue(cell, t.field.spec));
      } else if (t.kind === "whole-list") {
        if (!continues) b.unit.data[t.list.list!] = cellValue(cell, t.spec);
      } else if (t.kind === "list") touched.add(t.list);
    });
    for (const list of touched) {
      const listCols = this.cols.map((t) => (t.kind === "list" && t.list === list ? t : ({ kind: "skip" } as Target)));
      addItem(b, list, listCols, row);
    }
    return { ...(ended ? { ended } : {}), into: b };
  }

  /** Ends the unit being read; returns it. */
  cut(): Builder | undefined {
    const b = this.current ?? undefined;
    this.current = null;
    return b;
  }

  /** Whether a unit is being read. */
  get reading(): boolean {
    return this.current !== null;
  }

  /**
   * Starts, at a row that could not be read, a unit that will not be evaluated (its further rows, if any, go to
   * it and are passed over). Returns the unit it ended.
   */
  placeholder(rowNumber: number): Builder | undefined {
    const ended = this.cut();
    this.current = { unit: { sheet: this.name, row: rowNumber, code: null, name: null, fields: {}, data: {} }, dropped: true };
    return ended;
  }

  /** Drops what was read of the unit being read (it will not be evaluated); its further rows are passed over. */
  drop(): void {
    if (this.current === null) return;
    this.current.dropped = true;
    this.current.unit.data = {};
  }

  /** The end of the table: the last unit, and the notice of example rows skipped. */
  end(): Builder | undefined {
    if (this.examples > 0) this.notice(both(msg("sheet.examples_skipped", { sheet: this.name, count: this.examples, code: EXAMPLE_CODE })));
    this.examples = 0;
    return this.cut();
  }
}

function readUnitRows(set: LoadedSet, layout: SpreadsheetLayout, table: Table, lists: readonly SheetTable[], notices: Localized[]) {
  const reader = new SheetRows(set, layout, table.rows[0] ?? [], table.name, lists, (n) => notices.push(n), true);
  const units: Builder[] = [];
  for (let r = 1; r < table.rows.length; r++) {
    const { ended } = reader.add(table.rows[r]!, r + 1);
    if (ended) units.push(ended);
  }
  const last = reader.end();
  if (last) units.push(last);
  return { units, grouping: reader.grouping, byCode: reader.byCode };
}

/**
 * Reads the units of one table of a CSV file: the unit's columns and, beside them, the columns of its lists
 * ("Thành viên › Họ tên"); a unit's further rows (the same code, or no code and no unit cell) add items.
 */
export function readTable(set: LoadedSet, table: Table): SheetRead {
  const layout = spreadsheetLayout(set);
  const notices: Localized[] = [];
  const { units, grouping } = readUnitRows(set, layout, table, layout.lists, notices);
  return { layout, units: units.map((b) => finish(b, layout, (n) => notices.push(n))), grouping, notices };
}

/**
 * A unit read from a sheet as a batch record: `{unit, data}`, its grouping fields being the sheet's row, code,
 * name and the columns kept for grouping.
 */
export function sheetRecord(u: SheetUnit): { unit: Record<string, string | number | boolean>; data: unknown } {
  const unit: Record<string, string | number | boolean> = { dong: u.row };
  if (u.code !== null) unit.ma = u.code;
  if (u.name !== null) unit.ten = u.name;
  Object.assign(unit, u.fields);
  return { unit, data: u.data };
}
