/**
 * Texts that read the same as another but are not: a value that holds an invisible character (a zero-width
 * space, a soft hyphen, a byte-order mark), or letters of two scripts that look alike (a Cyrillic `о` in a
 * Latin `Tоt`). In an enum value or a text a rule compares with, such a text makes a rule differ from what a
 * reviewer reads: `"Tốt"` and `"Tốt\u200B"` look the same and never match.
 *
 * @module
 */

/**
 * Characters that show nothing: soft hyphen, combining grapheme joiner, Arabic letter mark, Hangul fillers,
 * Khmer and Mongolian invisible vowels and separators, zero-width space, joiners and marks, word joiner and
 * invisible operators, deprecated format characters, variation selectors, byte-order mark, tag characters.
 */
export const INVISIBLE_CHARACTER =
  // biome-ignore lint/suspicious/noMisleadingCharacterClass: a class of single code points, each looked for on its own (the combining grapheme joiner and variation selectors are what it is for)
  /[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u2060-\u2064\u206A-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0\u{E0000}-\u{E0FFF}]/u;

const LATIN = /\p{Script=Latin}/u;
const LOOKALIKE_SCRIPTS: ReadonlyArray<readonly [string, RegExp]> = [
  ["Cyrillic", /\p{Script=Cyrillic}/u],
  ["Greek", /\p{Script=Greek}/u],
  ["Armenian", /\p{Script=Armenian}/u],
  ["Cherokee", /\p{Script=Cherokee}/u],
];

/** What is wrong with a text that looks like another: an invisible character (as `U+200B`), or the script mixed with Latin letters. */
export type Lookalike = { readonly invisible: string } | { readonly script: string };

/** Whether `text` holds an invisible character, or Latin letters mixed with look-alike letters of another script. */
export function lookalike(text: string): Lookalike | undefined {
  const hidden = INVISIBLE_CHARACTER.exec(text);
  if (hidden) return { invisible: `U+${hidden[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}` };
  if (!LATIN.test(text)) return undefined;
  for (const [script, re] of LOOKALIKE_SCRIPTS) if (re.test(text)) return { script };
  return undefined;
}
