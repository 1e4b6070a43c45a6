/**
 * CSV text as spreadsheets write it: the delimiter found from the header row (Excel writes `;` where the
 * decimal mark is a comma, as in Vietnamese), quotes per RFC 4180; and CSV written for Excel: a byte order
 * mark, so Excel reads UTF-8 and shows Vietnamese letters, and CRLF line ends.
 *
 * @module
 */
import type { LoadedSet } from "../evaluate/load.js";
import type { Lang } from "../explain/format.js";
import type { Localized } from "../schema/common.js";
import { csvListHeader, EXAMPLE_CODE, exampleValue, spreadsheetLayout } from "./layout.js";
import type { Cell, Table } from "./read.js";

/** The delimiters recognised, with their names. */
export const DELIMITERS: ReadonlyArray<{ readonly char: string; readonly name: Localized }> = [
  { char: ",", name: { vi: "dấu phẩy (,)", en: "comma (,)" } },
  { char: ";", name: { vi: "dấu chấm phẩy (;)", en: "semicolon (;)" } },
  { char: "\t", name: { vi: "dấu tab", en: "tab" } },
  { char: "|", name: { vi: "dấu gạch đứng (|)", en: "vertical bar (|)" } },
];

/** The name of a delimiter, for messages. */
export function delimiterName(char: string): Localized {
  return DELIMITERS.find((d) => d.char === char)?.name ?? { vi: `“${char}”`, en: `“${char}”` };
}

/** The delimiter of a CSV text: the recognised one found most often in its first row, outside quotes (`,` when none is). */
export function detectDelimiter(text: string): string {
  const counts = new Map(DELIMITERS.map((d) => [d.char, 0]));
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (c === "\n" || c === "\r")) break;
    else if (!inQuotes && counts.has(c)) counts.set(c, counts.get(c)! + 1);
  }
  let best = ",";
  let most = 0;
  for (const [c, n] of counts)
    if (n > most) {
      best = c;
      most = n;
    }
  return best;
}

/**
 * Parses CSV text into rows of cells (a leading byte order mark dropped; quoted cells may hold delimiters,
 * doubled quotes and line breaks). Returns the delimiter used: the one given, or the one detected.
 *
 * @returns `closed: false` when a quoted cell never closes (the rest of the file is in it).
 */
export function parseCsv(input: string, delimiter?: string): { rows: string[][]; delimiter: string; closed: boolean } {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const sep = delimiter ?? detectDelimiter(text);
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let inQuotes = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        inQuotes = false;
        i++;
        continue;
      }
      const j = text.indexOf('"', i);
      field += j < 0 ? text.slice(i) : text.slice(i, j);
      i = j < 0 ? text.length : j;
      continue;
    }
    if (c === '"' && field === "") {
      inQuotes = true;
      i++;
    } else if (c === sep) {
      row.push(field);
      field = "";
      i++;
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else {
      let j = i;
      while (j < text.length && text[j] !== sep && text[j] !== "\n" && text[j] !== "\r") j++;
      field += text.slice(i, j);
      i = j;
    }
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return { rows, delimiter: sep, closed: !inQuotes };
}

/** A CSV file's text as one table named after the file. */
export function csvTable(name: string, text: string, delimiter?: string): Table & { delimiter: string; closed: boolean } {
  const { rows, delimiter: used, closed } = parseCsv(text, delimiter);
  return { name, rows, delimiter: used, closed };
}

function cellText(cell: Cell): string {
  if (cell === null || cell === undefined) return "";
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return String(cell);
}

/**
 * Rows as CSV for Excel: a byte order mark first, every cell that holds the delimiter, a quote or a line break
 * quoted, CRLF line ends. A cell starting with `=`, `+`, `-` or `@` that is not a number gets a leading `'`
 * so that Excel does not run it as a formula (data from units is not trusted).
 */
export function writeCsv(rows: ReadonlyArray<readonly Cell[]>, delimiter = ","): string {
  const out: string[] = [];
  for (const row of rows) {
    out.push(
      row
        .map((cell) => {
          let t = cellText(cell);
          if (typeof cell === "string" && /^[=+\-@]/.test(t) && !/^[+-]?\d/.test(t)) t = `'${t}`;
          return t.includes(delimiter) || /["\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
        })
        .join(delimiter),
    );
  }
  return `\ufeff${out.join("\r\n")}\r\n`;
}

/**
 * The CSV template of a set: the units' columns, then each list's columns ("Thành viên › Họ tên"); an example
 * unit (code "VÍ DỤ", skipped by the reader) on two rows, the second carrying its second list items.
 */
export function templateCsv(set: LoadedSet, lang: Lang = "vi", delimiter = ","): string {
  const layout = spreadsheetLayout(set, lang);
  const listCols = layout.lists.flatMap((l) => l.fields.filter((f) => f.spec !== null).map((f) => ({ list: l, field: f })));
  const header = [...layout.units.fields.map((f) => f.header), ...listCols.map((c) => csvListHeader(c.list, c.field))];
  const first = [...layout.units.fields.map((f) => exampleValue(f, lang, 0)), ...listCols.map((c) => exampleValue(c.field, lang, 0))];
  const rows: Cell[][] = [header, first];
  if (listCols.length > 0) rows.push([EXAMPLE_CODE, ...layout.units.fields.slice(1).map(() => null), ...listCols.map((c) => exampleValue(c.field, lang, 1))]);
  return writeCsv(rows, delimiter);
}
