/**
 * The languages tieuchi writes sentences in: Vietnamese first, then English.
 *
 * @module
 */

/** A language tieuchi writes sentences in. */
export type Lang = "vi" | "en";

/** Every language, Vietnamese first. */
export const LANGS: readonly Lang[] = ["vi", "en"];

/** A text in each language (the shape of the criteria files' `Localized`). */
export type Text = { readonly [L in Lang]: string };

/** True when `value` names a language tieuchi writes. */
export function isLang(value: unknown): value is Lang {
  return value === "vi" || value === "en";
}
