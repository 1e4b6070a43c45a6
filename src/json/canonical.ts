/**
 * Canonical JSON, after RFC 8785 (JCS): object keys sorted by UTF-16 code units, no white space, numbers in
 * their shortest round-trip form, strings escaped as JSON.stringify does. tieuchi also normalises every
 * string (keys included) to Unicode NFC, so a file saved by an editor that writes NFD hashes the same.
 *
 * @module
 */
import { CanonicalJsonError } from "../errors.js";
import { msg } from "../i18n/index.js";
import { sha256Hex } from "./sha256.js";

/**
 * Writes a JSON value in canonical form.
 *
 * @throws `CanonicalJsonError`, with the path, for values JSON cannot hold (NaN, functions, a Date, a Map, any
 * object that is not a plain object or an array, ...), nesting deeper
 * than 1000, or two keys of one object that are equal once normalised to NFC.
 */
export function canonicalJson(value: unknown): string {
  const out: string[] = [];
  // The keys and indexes down to the value being written, for the error's path.
  const path: Array<string | number> = [];
  write(value, out, path);
  return out.join("");
}

function write(value: unknown, out: string[], path: Array<string | number>): void {
  if (path.length > 1000) throw new CanonicalJsonError(msg("canonical.too_deep"), path.slice());
  if (value === null) {
    out.push("null");
    return;
  }
  switch (typeof value) {
    case "boolean":
      out.push(value ? "true" : "false");
      return;
    case "number":
      if (!Number.isFinite(value)) throw new CanonicalJsonError(msg("canonical.not_a_number", { value: String(value) }), path.slice());
      out.push(Object.is(value, -0) ? "0" : JSON.stringify(value));
      return;
    case "string":
      out.push(JSON.stringify(value.normalize("NFC")));
      return;
    case "object": {
      if (Array.isArray(value)) {
        out.push("[");
        value.forEach((v, i) => {
          if (i) out.push(",");
          path.push(i);
          write(v, out, path);
          path.pop();
        });
        out.push("]");
        return;
      }
      const proto = Object.getPrototypeOf(value) as unknown;
      // A plain object's prototype is an Object.prototype (of any realm: its own prototype is null), or null.
      if (proto !== null && Object.getPrototypeOf(proto) !== null) {
        // A Date, Map, Set, RegExp, typed array or class instance has no own enumerable keys to write, so two
        // different dates would hash the same as {}; JSON data holds plain objects only.
        const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
        throw new CanonicalJsonError(msg("canonical.not_plain", { name: typeof name === "string" && name !== "" ? name : undefined }), path.slice());
      }
      const entries = Object.keys(value)
        .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
        .map((k) => [k.normalize("NFC"), (value as Record<string, unknown>)[k]] as const)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      for (let i = 1; i < entries.length; i++)
        // Two keys that differ only in Unicode form would become one key written twice.
        if (entries[i]![0] === entries[i - 1]![0])
          throw new CanonicalJsonError(msg("canonical.same_keys", { key: JSON.stringify(entries[i]![0]) }), path.slice());
      out.push("{");
      entries.forEach(([k, v], i) => {
        if (i) out.push(",");
        out.push(JSON.stringify(k), ":");
        path.push(k);
        write(v, out, path);
        path.pop();
      });
      out.push("}");
      return;
    }
    default:
      throw new CanonicalJsonError(msg("canonical.not_json", { type: typeof value }), path.slice());
  }
}

/** `sha256:` followed by the hex SHA-256 of the value's canonical JSON (UTF-8). */
export function contentHash(value: unknown): string {
  return `sha256:${sha256Hex(canonicalJson(value))}`;
}
