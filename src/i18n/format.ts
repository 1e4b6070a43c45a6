/**
 * How each language writes numbers and lists. Used by the catalogues and by whatever formats values for
 * a sentence.
 *
 * @module
 */
import type { Lang } from "./lang.js";

/** A path into a JSON document: object keys and array indexes, outermost first. */
type Path = ReadonlyArray<string | number>;

/** Writes a number the way the language does: `88,9` and `1.234` in Vietnamese, `88.9` and `1234` in English. */
export function formatNumber(n: number, lang: Lang, decimals?: number): string {
  const text = decimals === undefined ? String(n) : n.toFixed(decimals);
  // Whole numbers below a thousand read the same in both languages (the common case, so no regex).
  if (lang === "en" || (decimals === undefined && Number.isInteger(n) && n > -1000 && n < 1000)) return text;
  // Vietnamese: comma for decimals, dot for thousands.
  const dot = text.indexOf(".");
  const int = dot < 0 ? text : text.slice(0, dot);
  const grouped = int.length > 3 ? int.replace(/\B(?=(\d{3})+(?!\d))/g, ".") : int;
  return dot < 0 ? grouped : `${grouped},${text.slice(dot + 1)}`;
}

/** `part/whole` as a percentage with one decimal, rounded half away from zero, for display only. */
export function formatPercent(part: number, whole: number, lang: Lang): string {
  if (whole === 0) return "—";
  // Integer arithmetic: tenths of a percent, rounded half away from zero.
  const tenths = Math.floor((part * 1000 * 2 + whole) / (whole * 2));
  return `${formatNumber(tenths / 10, lang, 1)}%`;
}

/** `a, b và c` / `a, b and c`; one item alone, or nothing for none. */
export function joinAnd(items: readonly string[], lang: Lang): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} ${lang === "vi" ? "và" : "and"} ${items[items.length - 1]}`;
}

/** `a, b hoặc c` / `a, b or c`. */
export function joinOr(items: readonly string[], lang: Lang): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} ${lang === "vi" ? "hoặc" : "or"} ${items[items.length - 1]}`;
}

/** English plural: `1 problem`, `2 problems`. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatNumber(n, "en")} ${n === 1 ? one : many}`;
}

/**
 * Characters that can rewrite a terminal or hide text when printed: C0 controls other than tab and line
 * breaks, DEL, C1 controls, and the bidirectional overrides and isolates.
 */
export const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
const CONTROL_CHARACTERS = new RegExp(CONTROL_CHARACTER.source, "g");

/** A text safe to print: every control character written as `\u{…}`. */
export function printable(text: string): string {
  return text.replace(CONTROL_CHARACTERS, (c) => `\\u{${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}}`);
}

const ROOT: { readonly [L in Lang]: string } = { vi: "(toàn bộ)", en: "(root)" };

/**
 * Renders a path as `a.b[2].c`; the empty path is `(root)` (in Vietnamese `(toàn bộ)`). Control characters
 * in keys are escaped. A path of more than 24 parts (hostile nesting) keeps its first 12 and last 8, with the
 * count of those left out.
 */
export function formatPath(path: Path, lang: Lang = "en"): string {
  if (path.length === 0) return ROOT[lang];
  let out = "";
  const n = path.length;
  for (let i = 0; i < n; i++) {
    if (n > 24 && i === 12) {
      out += lang === "vi" ? `…(thêm ${n - 20} bậc)…` : `…(${n - 20} more)…`;
      i = n - 9;
      continue;
    }
    const part = path[i]!;
    if (typeof part === "number") out += `[${part}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(part)) out += out === "" ? part : `.${part}`;
    else out += `[${printable(JSON.stringify(part))}]`;
  }
  return out;
}

/** A size in bytes as a person reads it: `64 MiB`, or `512 bytes` (`512 byte` in Vietnamese). */
export function formatBytes(n: number, lang: Lang): string {
  if (n >= 2 ** 20) return `${formatNumber(+(n / 2 ** 20).toFixed(2), lang)} MiB`;
  return `${formatNumber(n, lang)} ${lang === "vi" ? "byte" : n === 1 ? "byte" : "bytes"}`;
}
