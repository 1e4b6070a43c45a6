/**
 * How each language writes numbers and lists. Used by the catalogues and by whatever formats values for
 * a sentence.
 *
 * @module
 */
import type { Lang } from "./lang.js";

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
