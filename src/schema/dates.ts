/**
 * Calendar dates written `YYYY-MM-DD`, as the criteria files write them. Compared as text (the format sorts
 * by date), shown the way each language writes them.
 *
 * @module
 */
import type { Lang } from "../i18n/lang.js";

/**
 * Whether a version with these dates in force was in force on a date: from `validFrom` to `validTo`, both
 * included; `validTo` null means no end yet.
 */
export function isInForce(dates: { readonly validFrom: string; readonly validTo: string | null }, date: string): boolean {
  return dates.validFrom <= date && (dates.validTo === null || date <= dates.validTo);
}

/** The day before a `YYYY-MM-DD` date, in UTC so that no time zone shifts it. */
export function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** A date as Vietnamese (`21/09/2020`) or English (`2020-09-21`) readers expect it. */
export function showDate(date: string, lang: Lang): string {
  if (lang === "en") return date;
  const [y, m, d] = date.split("-");
  return `${d}/${m}/${y}`;
}
