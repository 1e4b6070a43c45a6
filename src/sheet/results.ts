/**
 * Per-unit results as a table a person opens in Excel: one row per unit with its code, name, verdict, grade,
 * points, the criteria it failed and the data still missing (named by the inputs' labels, not by paths), or
 * why it was not evaluated; then the unit's grouping fields. Written as XLSX (./xlsx.ts) or as CSV with a BOM
 * (./csv.ts).
 *
 * @module
 */
import type { LoadedSet } from "../evaluate/load.js";
import type { Lang } from "../explain/format.js";
import type { InputSpec, Inputs } from "../schema/inputs.js";
import type { Cell } from "./read.js";

/** A batch line as this table reads it (a full result, or the lighter one of batch output). */
export interface TableLine {
  readonly line: number;
  readonly unit: Readonly<Record<string, string | number | boolean | null>>;
  readonly result?: {
    readonly verdict: string;
    readonly grade: { readonly title: { readonly vi: string; readonly en: string } } | null;
    readonly points: { readonly earned: number; readonly applicableMax: number } | null;
    readonly criteria: ReadonlyArray<{
      readonly id: string;
      readonly title: { readonly vi: string; readonly en: string };
      readonly status: string;
      readonly missing?: readonly string[];
    }>;
  };
  readonly error?: {
    readonly code: string;
    readonly message: string;
    readonly problems?: ReadonlyArray<{ readonly path: ReadonlyArray<string | number>; readonly message: string }>;
  };
}

const VERDICT: Record<Lang, Record<string, string>> = {
  vi: { pass: "Đạt", fail: "Chưa đạt", incomplete: "Chưa đủ dữ liệu" },
  en: { pass: "Pass", fail: "Fail", incomplete: "Incomplete" },
};

const HEAD: Record<Lang, readonly string[]> = {
  vi: [
    "Dòng",
    "Mã đơn vị",
    "Tên đơn vị",
    "Kết luận",
    "Xếp loại",
    "Điểm",
    "Thang điểm",
    "Tiêu chí chưa đạt",
    "Dữ liệu còn thiếu",
    "Dữ liệu sai (chưa đánh giá)",
  ],
  en: ["Row", "Unit code", "Unit name", "Verdict", "Grade", "Points", "Out of", "Criteria not met", "Data missing", "Invalid data (not evaluated)"],
};

/** Splits `thanhVien[0].hoTen` into `["thanhVien", 0, "hoTen"]`. */
export function parsePath(path: string): Array<string | number> {
  const out: Array<string | number> = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
  return out;
}

/**
 * A path into a unit's data named by the inputs' labels: `thanhVien[0].coKeHoachTuHocDuocDuyet` is "thành viên
 * #1 › có kế hoạch tự học được duyệt". Parts the inputs do not declare keep their names.
 */
export function pathLabel(inputs: Inputs, path: string | ReadonlyArray<string | number>, lang: Lang): string {
  const parts = typeof path === "string" ? parsePath(path) : path;
  const words: string[] = [];
  let fields: Inputs | undefined = inputs;
  let spec: InputSpec | undefined;
  for (const p of parts) {
    if (typeof p === "number") {
      if (words.length > 0) words[words.length - 1] += ` #${p + 1}`;
      else words.push(`#${p + 1}`);
      spec = spec?.type === "array" ? spec.items : undefined;
      fields = spec?.type === "object" ? spec.fields : undefined;
      continue;
    }
    spec = fields && Object.hasOwn(fields, p) ? fields[p] : undefined;
    words.push(spec?.label ? spec.label[lang] : p);
    fields = spec?.type === "object" ? spec.fields : undefined;
  }
  return words.join(" › ");
}

/** The missing data of a result, each path once, named by labels. */
function missingOf(set: LoadedSet, criteria: NonNullable<TableLine["result"]>["criteria"], lang: Lang): string {
  const paths = new Set<string>();
  for (const c of criteria) if (c.status === "missing") for (const p of c.missing ?? []) paths.add(p);
  return [...paths].map((p) => pathLabel(set.definition.inputs, p, lang)).join("; ");
}

/**
 * The per-unit results table: a header row, then one row per line in input order. The unit's code and name come
 * from its grouping fields `ma`/`ten` (as a spreadsheet batch writes them) or `code`/`id` and the set's name input.
 */
export function resultTable(set: LoadedSet, lines: Iterable<TableLine>, lang: Lang = "vi"): Cell[][] {
  // The data's own plain values are in the unit's fields too (batch copies them): only the others are columns.
  const known = new Set(["dong", "ma", "ten", ...Object.keys(set.definition.inputs)]);
  const all = [...lines];
  const extra: string[] = [];
  for (const l of all) for (const k of Object.keys(l.unit)) if (!known.has(k) && !extra.includes(k)) extra.push(k);
  const nameInput = Object.entries(set.definition.inputs).find(([, s]) => s.type === "string" && s.enum === undefined)?.[0];
  const rows: Cell[][] = [[...HEAD[lang], ...extra]];
  for (const l of all) {
    const u = l.unit;
    const code = u.ma ?? u.code ?? u.id ?? null;
    const name = u.ten ?? (nameInput ? u[nameInput] : null) ?? null;
    const row: Cell[] = [typeof u.dong === "number" ? u.dong : l.line, code === null ? null : String(code), name === null ? null : String(name)];
    if (l.result) {
      const r = l.result;
      row.push(
        VERDICT[lang][r.verdict] ?? r.verdict,
        r.grade ? r.grade.title[lang] : null,
        r.points ? r.points.earned : null,
        r.points ? r.points.applicableMax : null,
        r.criteria
          .filter((c) => c.status === "fail")
          .map((c) => `${c.id} ${c.title[lang]}`)
          .join("; ") || null,
        missingOf(set, r.criteria, lang) || null,
        null,
      );
    } else {
      const e = l.error!;
      const problems =
        e.problems && e.problems.length > 0 ? e.problems.map((p) => `${pathLabel(set.definition.inputs, p.path, lang)}: ${p.message}`).join("; ") : e.message;
      row.push(null, null, null, null, null, null, problems);
    }
    for (const k of extra) row.push(u[k] ?? null);
    rows.push(row);
  }
  return rows;
}
