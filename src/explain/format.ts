/**
 * Formatting of values for sentences in Vietnamese and English.
 *
 * @module
 */
import type { Localized } from "../schema/common.js";
import { catalogue, type Catalogue } from "../i18n/index.js";
import { formatNumber } from "../i18n/format.js";
import { LANGS as LANG_LIST, type Lang } from "../i18n/lang.js";

export { LANGS, type Lang } from "../i18n/lang.js";
export { formatNumber, formatPercent } from "../i18n/format.js";

/** The words for values, read from the catalogue once (values are put into words for every unit). */
const WORDS = Object.fromEntries(
  LANG_LIST.map((lang) => {
    const c = catalogue(lang);
    return [lang, { yes: c["word.yes_no"]({ value: true }), no: c["word.yes_no"]({ value: false }), none: c["word.none"]({}), items: c["word.items"] }];
  }),
) as Record<Lang, { yes: string; no: string; none: string; items: Catalogue["word.items"] }>;

/** A value read from the data, as words. */
export function formatValue(v: unknown, lang: Lang): string {
  if (v === true) return WORDS[lang].yes;
  if (v === false) return WORDS[lang].no;
  if (typeof v === "number") return formatNumber(v, lang);
  if (typeof v === "string") return `"${v}"`;
  if (Array.isArray(v)) return WORDS[lang].items({ count: v.length });
  if (v && typeof v === "object" && "length" in v) return WORDS[lang].items({ count: (v as { length: number }).length });
  if (v === null || v === undefined) return WORDS[lang].none;
  return JSON.stringify(v);
}

/** Picks one language of a localized text. */
export function pick(text: Localized, lang: Lang): string {
  return text[lang];
}
