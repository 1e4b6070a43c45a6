/**
 * The spreadsheet form of a criteria set: which sheets and columns a workbook (or a CSV file) of its units
 * has, derived from the set's declared inputs. The template, the reader and the explorer all use this one
 * layout, so a template filled in is read back exactly as it was written.
 *
 * - The units sheet has a code column ("Mã đơn vị", which links a unit to its rows in the list sheets) and one
 *   column per scalar input; a record's fields are columns of their own ("Nhóm › Trường").
 * - A list of records (the staff of an agency, the members of a family) gets a sheet of its own, one row per
 *   item, each row starting with the code of its unit. In a CSV file, which has one table, the list's columns
 *   sit beside the unit's ("Thành viên › Họ tên") and a unit takes as many rows as its longest list.
 * - Headers are the inputs' Vietnamese labels; the reader also takes the English labels, the input names and
 *   dotted paths, in any case.
 *
 * Pure data and functions: the core holds no spreadsheet library (see ./xlsx.ts for workbooks).
 *
 * @module
 */
import type { LoadedSet } from "../evaluate/load.js";
import type { Lang } from "../explain/format.js";
import type { InputSpec, Inputs } from "../schema/inputs.js";
import { t } from "../i18n/index.js";

/** A field of a sheet: the unit's code, or an input at a path (inside the list item for a list sheet). */
export interface SheetField {
  /** The header written in the template. */
  readonly header: string;
  /** Every spelling of the header the reader accepts, normalized (see {@link normalizeHeader}). */
  readonly aliases: readonly string[];
  /** The path of the input within the unit's data (within one list item for a list sheet); empty for the code. */
  readonly path: readonly string[];
  /** The input it fills; null for the code column. */
  readonly spec: InputSpec | null;
  /** The description, for a note on the header. */
  readonly note: string;
  /**
   * For the column that states how many items a list has ("Số dòng Thành viên"): the list input. Its 0 makes a
   * unit with no rows an empty list (given, with nobody), its blank leaves the list not given.
   */
  readonly count?: string;
}

/** One sheet: the units, or the items of one list. */
export interface SheetTable {
  /** The sheet's name in the template (at most 31 characters, as Excel allows). */
  readonly name: string;
  readonly aliases: readonly string[];
  /** The list input this sheet holds the items of; null for the units sheet. */
  readonly list: string | null;
  readonly fields: readonly SheetField[];
}

/** The sheets of a set's workbook. */
export interface SpreadsheetLayout {
  readonly set: { readonly id: string; readonly version: string };
  readonly lang: Lang;
  readonly units: SheetTable;
  readonly lists: readonly SheetTable[];
  /** The input that names a unit (its first plain text input), if the set has one. */
  readonly nameInput: string | null;
}

/** The code of the template's example rows: rows with this code are skipped by the reader, which says so. */
export const EXAMPLE_CODE = "VÍ DỤ";

const CODE = { vi: "Mã đơn vị", en: "Unit code" } as const;
const UNITS = { vi: "Đơn vị", en: "Units" } as const;
const CODE_ALIASES = ["mã đơn vị", "unit code", "mã", "ma", "code", "id", "ma don vi"];

/** A header as compared: Unicode NFC, lower case, one space between words, no trailing `*` or `:`. */
export function normalizeHeader(text: string): string {
  return text
    .normalize("NFC")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .replace(/[\s*:]+$/, "")
    .trim();
}

const cap = (s: string) => (s === "" ? s : s.charAt(0).toLocaleUpperCase("vi") + s.slice(1));

function labelOf(name: string, spec: InputSpec, lang: Lang): string {
  return spec.label ? cap(spec.label[lang]) : name;
}

/** Excel refuses sheet names over 31 characters and with any of : \ / ? * [ ]. */
function sheetName(text: string, taken: Set<string>): string {
  const base =
    text
      .replace(/[:\\/?*[\]]/g, " ")
      .replace(/\s+/g, " ")
      .trim()
      .slice(0, 31) || "Sheet";
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base.slice(0, 28)} ${i}`;
  taken.add(name.toLowerCase());
  return name;
}

/**
 * The scalar fields of a record, flattened: a nested record's fields come with its label before theirs. A list
 * inside a record (rare) is one column holding JSON.
 */
function flatten(inputs: Inputs, lang: Lang, prefix: readonly string[], headPrefix: string, enPrefix: string, namePrefix: string): SheetField[] {
  const out: SheetField[] = [];
  for (const [name, spec] of Object.entries(inputs)) {
    const path = [...prefix, name];
    const header = headPrefix + labelOf(name, spec, lang);
    const en = enPrefix + labelOf(name, spec, "en");
    const dotted = namePrefix + name;
    if (spec.type === "object") {
      out.push(...flatten(spec.fields, lang, path, `${header} › `, `${en} › `, `${dotted}.`));
      continue;
    }
    out.push({
      header,
      aliases: [...new Set([header, en, dotted, path.join("."), labelOf(name, spec, lang === "vi" ? "en" : "vi")].map(normalizeHeader))],
      path,
      spec,
      note: spec.description[lang],
    });
  }
  return out;
}

const codeField = (lang: Lang): SheetField => ({
  header: CODE[lang],
  aliases: CODE_ALIASES.map(normalizeHeader),
  path: [],
  spec: null,
  note: t(lang, "sheet.code_note"),
});

/**
 * The workbook layout of a set: the units sheet and one sheet per list of records.
 *
 * @param lang - The language of the headers written (the reader accepts both).
 */
export function spreadsheetLayout(set: LoadedSet, lang: Lang = "vi"): SpreadsheetLayout {
  const d = set.definition;
  const taken = new Set<string>();
  const unitsName = sheetName(UNITS[lang], taken);
  const scalars: Inputs = {};
  const lists: SheetTable[] = [];
  for (const [name, spec] of Object.entries(d.inputs)) {
    if (spec.type === "array" && (spec.items.type === "object" || spec.items.type !== "array")) {
      const label = labelOf(name, spec, lang);
      const itemFields =
        spec.items.type === "object"
          ? flatten(spec.items.fields, lang, [], "", "", "")
          : [{ header: label, aliases: [normalizeHeader(label), normalizeHeader(name)], path: [], spec: spec.items, note: spec.description[lang] }];
      lists.push({
        name: sheetName(label, taken),
        aliases: [...new Set([label, labelOf(name, spec, "en"), labelOf(name, spec, "vi"), name].map(normalizeHeader))],
        list: name,
        fields: [codeField(lang), ...itemFields],
      });
    } else scalars[name] = spec;
  }
  // One column per list on the units sheet stating how many items the unit has: without it a unit with no rows
  // could only be "not given", never an empty list. Its header avoids every header the units sheet has already.
  const unitFields: SheetField[] = [codeField(lang), ...flatten(scalars, lang, [], "", "", "")];
  const used = new Set(unitFields.flatMap((f) => f.aliases));
  for (const l of lists) {
    const spec = d.inputs[l.list!]!;
    const names = (["vi", "en"] as const).map((x) => t(x, "sheet.count_header", { list: x === lang ? l.name : labelOf(l.list!, spec, x) }));
    const header = t(lang, "sheet.count_header", { list: l.name });
    const aliases = [...new Set([header, ...names, `${l.list}.length`].map(normalizeHeader))].filter((a) => !used.has(a));
    if (!aliases.includes(normalizeHeader(header))) continue;
    const label = spec.label ? spec.label[lang] : l.list!;
    unitFields.push({
      header,
      aliases,
      path: [],
      spec: { type: "integer", min: 0, description: { vi: header, en: header } },
      note: t(lang, "sheet.count_note", { list: label, sheet: l.name }),
      count: l.list!,
    });
  }
  const nameInput = Object.entries(d.inputs).find(([, s]) => s.type === "string" && s.enum === undefined)?.[0] ?? null;
  return {
    set: { id: d.id, version: d.version },
    lang,
    units: {
      name: unitsName,
      aliases: [normalizeHeader(UNITS.vi), normalizeHeader(UNITS.en)],
      list: null,
      fields: unitFields,
    },
    lists,
    nameInput,
  };
}

/** The header of a list's column beside the unit's own in a CSV file: "Thành viên › Họ tên". */
export function csvListHeader(list: SheetTable, field: SheetField): string {
  return `${list.name} › ${field.header}`;
}

/** The values a field allows, as written in a cell: Có/Không for yes/no, the enum's values. */
export function allowedValues(spec: InputSpec | null, lang: Lang): readonly string[] | null {
  if (spec === null) return null;
  if (spec.type === "boolean" || spec.type === "title") return [t(lang, "sheet.yes_no", { value: true }), t(lang, "sheet.yes_no", { value: false })];
  if (spec.type === "string" && spec.enum) return spec.enum;
  return null;
}

/** A value for the template's example row. */
export function exampleValue(field: SheetField, lang: Lang, index: number): string | number | boolean | null {
  const spec = field.spec;
  if (spec === null) return EXAMPLE_CODE;
  // The example unit has two rows in each list.
  if (field.count !== undefined) return 2;
  const allowed = allowedValues(spec, lang);
  if (allowed) return allowed[index % allowed.length]!;
  switch (spec.type) {
    case "integer":
    case "number": {
      const min = spec.min ?? 0;
      const max = spec.max ?? Math.max(min + 20, 20);
      return Math.min(max, Math.max(min, Math.round((min + max) / 2) + index));
    }
    case "date":
      return spec.min ?? "2024-01-15";
    case "string":
      return t(lang, "sheet.example_text", { header: field.header, index: index + 1 });
    default:
      return null;
  }
}
