/**
 * The JSON error locator agrees with JSON.parse on what is valid, and the UTF-8 check agrees with the
 * platform's decoder, on random, valid and nearly valid text and bytes.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeJsonBytes, JsonParseError, parseJson } from "../../src/index.js";
import { firstInvalidUtf8, locateJsonError } from "../../src/json/parse.js";
import { params, TIMEOUT } from "./config.js";

const JSONISH = [...'{}[]:,"\\ \t\n\r0123456789-+.eEtrufalsn/bu'];

/** Valid JSON text, laid out in any of the ways editors write it. */
const validText = fc
  .tuple(fc.jsonValue({ maxDepth: 4 }), fc.constantFrom<string | number | undefined>(undefined, 0, 1, 2, 4, "\t", " \r\n "))
  .map(([v, indent]) => JSON.stringify(v, null, indent));

interface Edit {
  readonly at: number;
  readonly kind: "insert" | "delete" | "replace" | "truncate";
  readonly ch: string;
}
const edit: fc.Arbitrary<Edit> = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom("insert", "delete", "replace", "truncate"),
  ch: fc.oneof(fc.constantFrom(...JSONISH), fc.string({ unit: "binary", minLength: 1, maxLength: 1 })),
});

function apply(text: string, e: Edit): string {
  const i = text.length === 0 ? 0 : e.at % (text.length + 1);
  switch (e.kind) {
    case "insert":
      return text.slice(0, i) + e.ch + text.slice(i);
    case "delete":
      return text.slice(0, i) + text.slice(i + 1);
    case "replace":
      return text.slice(0, i) + e.ch + text.slice(i + 1);
    case "truncate":
      return text.slice(0, i);
  }
}

/** Text that is valid, nearly valid (a few edits away), JSON-flavoured noise, or any string at all. */
const anyText = fc.oneof(
  validText,
  fc.tuple(validText, fc.array(edit, { minLength: 1, maxLength: 3 })).map(([t, es]) => es.reduce(apply, t)),
  fc.string({ unit: fc.constantFrom(...JSONISH), maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
);

/**
 * Whether valid JSON text gives some key twice in one object, found apart from parseJson's own check: the text's
 * members (a string token followed by `:`) outnumber the keys of the objects JSON.parse builds exactly when a
 * later member overwrote an earlier one.
 */
function hasDuplicateKey(text: string): boolean {
  const tokens = text.match(/"(?:[^"\\]|\\.)*"|[{}[\]:,]|[^\s{}[\]:,"]+/g) ?? [];
  let members = 0;
  for (let i = 0; i + 1 < tokens.length; i++) if (tokens[i]!.startsWith('"') && tokens[i + 1] === ":") members++;
  const keys = (v: unknown): number =>
    Array.isArray(v)
      ? v.reduce((n: number, x) => n + keys(x), 0)
      : v !== null && typeof v === "object"
        ? Object.keys(v).reduce((n, k) => n + 1 + keys((v as Record<string, unknown>)[k]), 0)
        : 0;
  return members > keys(JSON.parse(text));
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

describe("reading JSON (fast-check)", () => {
  it(
    "locateJsonError finds an error exactly when JSON.parse does, at a position inside the text",
    () => {
      fc.assert(
        fc.property(anyText, (text) => {
          const found = locateJsonError(text);
          expect(found === undefined, JSON.stringify(text)).toBe(parses(text));
          if (found) {
            expect(found.offset).toBeGreaterThanOrEqual(0);
            expect(found.offset).toBeLessThanOrEqual(text.length);
          }
        }),
        params(20),
      );
    },
    TIMEOUT,
  );

  it(
    "parseJson returns what JSON.parse returns, or throws a JsonParseError with a line and column (for valid JSON, only when a key is given twice)",
    () => {
      fc.assert(
        fc.property(anyText, fc.boolean(), (text, bom) => {
          const input = bom ? `\uFEFF${text}` : text;
          let value: unknown;
          try {
            value = parseJson(input, "t.json");
          } catch (e) {
            expect(e).toBeInstanceOf(JsonParseError);
            const err = e as JsonParseError;
            expect(err.line).toBeGreaterThanOrEqual(1);
            expect(err.column).toBeGreaterThanOrEqual(1);
            expect(err.message.startsWith(`t.json:${err.line}:${err.column}: not valid JSON: `)).toBe(true);
            if (err.reason.key === "json.duplicate_key") expect(parses(text) && hasDuplicateKey(text), JSON.stringify(text)).toBe(true);
            else expect(parses(text) && /[^ \t\n\r]/.test(text)).toBe(false);
            return;
          }
          expect(hasDuplicateKey(text), JSON.stringify(text)).toBe(false);
          expect(value).toEqual(JSON.parse(text));
        }),
        params(20),
      );
    },
    TIMEOUT,
  );

  it(
    "the UTF-8 check agrees with the platform's strict decoder, and decodeJsonBytes accepts only UTF-8 text",
    () => {
      const bytes = fc.oneof(
        fc.uint8Array({ maxLength: 24 }),
        fc.string({ unit: "binary", maxLength: 24 }).map((s) => new TextEncoder().encode(s)),
        fc.tuple(fc.string({ unit: "grapheme", maxLength: 12 }), fc.nat(), fc.integer({ min: 0, max: 255 })).map(([s, i, b]) => {
          const a = new TextEncoder().encode(s);
          if (a.length > 0) a[i % a.length] = b;
          return a;
        }),
      );
      const strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
      fc.assert(
        fc.property(bytes, (b) => {
          let valid = true;
          try {
            strict.decode(b);
          } catch {
            valid = false;
          }
          expect(firstInvalidUtf8(b) === -1).toBe(valid);
          let text: string | undefined;
          try {
            text = decodeJsonBytes(b, "b.json");
          } catch (e) {
            expect(e).toBeInstanceOf(JsonParseError);
            return;
          }
          expect(valid).toBe(true);
          expect(b.includes(0)).toBe(false);
          const withoutBom = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? b.subarray(3) : b;
          expect(text).toBe(strict.decode(withoutBom));
        }),
        params(20),
      );
    },
    TIMEOUT,
  );
});
