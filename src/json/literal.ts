/**
 * The one way a value from a criteria set enters generated source: {@link lit}. Every string, number, list and
 * property name the generator writes goes through it, so no text of a set (titles, ids, field names, enum
 * values: anything an author or an attacker wrote) can end a string literal, open a template, close a
 * `<script>` element or break a line. Identifiers in generated code are the generator's own (`v0`, `s3`),
 * never taken from data.
 *
 * @module
 */

/**
 * A JavaScript literal for a JSON value: `JSON.stringify`, then every character outside printable ASCII, and
 * `<`, `>`, `&`, `` ` ``, `$`, `'`, as a `\uXXXX` escape. The text is pure printable ASCII with no character
 * that means anything in HTML or in a template, and reads back (`eval` of it, or `JSON.parse`) as the value.
 *
 * @throws TypeError for a value JSON cannot write (undefined, a function, a cycle, a BigInt) or a number that
 *   is not finite.
 */
export function lit(value: unknown): string {
  if (typeof value === "number" && !Number.isFinite(value)) throw new TypeError(`lit: ${value} has no literal`);
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError(`lit: ${typeof value} has no literal`);
  // -0 prints as 0; the generator never needs it, and JSON has no -0 either.
  return json.replace(/[^\x20-\x7e]|[<>&`$']/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
