/**
 * Formatting of values for sentences in Vietnamese and English.
 *
 * @module
 */
import type { Localized } from "../schema/common.js";

/** A language tieuchi writes sentences in. */
export type Lang = "vi" | "en";
export const LANGS: readonly Lang[] = ["vi", "en"];

/** Writes a number the way the language does: `88,9` in Vietnamese, `88.9` in English. */
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

/** A value read from the data, as words. */
export function formatValue(v: unknown, lang: Lang): string {
  if (v === true) return lang === "vi" ? "có" : "yes";
  if (v === false) return lang === "vi" ? "không" : "no";
  if (typeof v === "number") return formatNumber(v, lang);
  if (typeof v === "string") return `"${v}"`;
  if (Array.isArray(v)) return lang === "vi" ? `${v.length} mục` : `${v.length} item${v.length === 1 ? "" : "s"}`;
  if (v && typeof v === "object" && "length" in v) return formatValue(new Array((v as { length: number }).length), lang);
  if (v === null || v === undefined) return lang === "vi" ? "(không có)" : "(none)";
  return JSON.stringify(v);
}

/** Picks one language of a localized text. */
export function pick(text: Localized, lang: Lang): string {
  return text[lang];
}
