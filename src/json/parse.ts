/**
 * Reading JSON text with errors that name the source, line and column, and a byte-order mark tolerated
 * (editors on Windows write one).
 *
 * @module
 */
import { JsonParseError, locatedProblem, printable, type Problem } from "../errors.js";
import { msg, type Message } from "../i18n/index.js";

function position(text: string, offset: number): { offset: number; line: number; column: number } {
  let line = 1;
  let col = 1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === "\n") {
      line++;
      col = 1;
    } else col++;
  }
  return { offset, line, column: col };
}

const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/**
 * Finds where JSON text first goes wrong, and why, or returns undefined when the text is valid JSON (it
 * agrees with `JSON.parse`, which a property test checks). Used after `JSON.parse` has failed, because the
 * engine's own message does not always give a position. It keeps its own stack rather than recursing, so
 * text nested a million levels deep is no danger.
 */
export function locateJsonError(text: string): { offset: number; reason: Message } | undefined {
  const n = text.length;
  let i = 0;
  const ws = () => {
    while (i < n && isSpace(text.charCodeAt(i))) i++;
  };
  const describe = (): Message => (i >= n ? msg("json.ends_early") : msg("json.unexpected", { char: printable(JSON.stringify(text[i])) }));
  const fail = (reason: Message) => ({ offset: i, reason });

  /** Scans a string starting at `i` (a double quote); returns a reason on error. */
  const string = (): Message | undefined => {
    i++;
    while (i < n) {
      const ch = text[i]!;
      if (ch === '"') {
        i++;
        return undefined;
      }
      if (ch === "\\") {
        const next = text[i + 1];
        if (next === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return msg("json.bad_unicode_escape");
          i += 6;
        } else if (next !== undefined && '"\\/bfnrt'.includes(next)) i += 2;
        else return msg("json.bad_escape");
      } else if (ch < " ") return msg("json.control_in_string");
      else i++;
    }
    return msg("json.string_not_closed");
  };
  /** Scans a key and its colon. */
  const key = (): Message | undefined => {
    ws();
    if (text[i] !== '"') return msg("json.expected_key", { found: describe() });
    const bad = string();
    if (bad) return bad;
    ws();
    if (text[i] !== ":") return msg("json.expected_colon", { found: describe() });
    i++;
    return undefined;
  };
  /** Scans a value that is not an object or a list. */
  const scalar = (): Message | undefined => {
    const ch = text[i];
    if (ch === '"') return string();
    for (const word of ["true", "false", "null"]) {
      if (ch === word[0]) {
        if (!text.startsWith(word, i)) return describe();
        i += word.length;
        return undefined;
      }
    }
    if (ch === "-" || (ch !== undefined && ch >= "0" && ch <= "9")) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(text);
      if (!m) {
        i++;
        return describe();
      }
      i += m[0].length;
      return undefined;
    }
    return describe();
  };

  const open: ("{" | "[")[] = [];
  let wantValue = true;
  for (;;) {
    if (wantValue) {
      ws();
      const ch = text[i];
      if (ch === "{" || ch === "[") {
        i++;
        ws();
        if (text[i] === (ch === "{" ? "}" : "]")) {
          i++;
          wantValue = false;
          continue;
        }
        open.push(ch);
        if (ch === "{") {
          const bad = key();
          if (bad) return fail(bad);
        }
        continue;
      }
      const bad = scalar();
      if (bad) return fail(bad);
      wantValue = false;
      continue;
    }
    ws();
    const top = open[open.length - 1];
    if (top === undefined) return i < n ? fail(msg("json.after_end", { found: describe() })) : undefined;
    const close = top === "{" ? "}" : "]";
    if (text[i] === ",") {
      i++;
      if (top === "{") {
        const bad = key();
        if (bad) return fail(bad);
      }
      wantValue = true;
    } else if (text[i] === close) {
      i++;
      open.pop();
    } else return fail(msg("json.expected_comma", { found: describe(), close }));
  }
}

/** The offset just after the string of valid JSON text that starts at `i` (a double quote). */
function stringEnd(text: string, i: number): number {
  for (;;) {
    const q = text.indexOf('"', i + 1);
    if (q < 0) return text.length;
    let b = q - 1;
    while (text.charCodeAt(b) === 92) b--;
    // An even run of backslashes before the quote escapes only each other: the string ends here.
    if ((q - 1 - b) % 2 === 0) return q + 1;
    i = q;
  }
}

/** How many keys valid JSON text writes: its colons outside strings. */
function keysWritten(text: string): number {
  let count = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) i = stringEnd(text, i) - 1;
    else if (c === 58) count++;
  }
  return count;
}

/** How many keys the objects of a parsed JSON value hold (walked with a stack, not recursion). */
function keysHeld(value: unknown): number {
  let count = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v !== "object" || v === null) continue;
    if (Array.isArray(v)) {
      for (const x of v) if (typeof x === "object" && x !== null) stack.push(x);
      continue;
    }
    for (const k in v) {
      // Own keys only (JSON.parse makes nothing else; a key added to Object.prototype is not the text's).
      if (!Object.hasOwn(v, k)) continue;
      count++;
      const x = (v as Record<string, unknown>)[k];
      if (typeof x === "object" && x !== null) stack.push(x);
    }
  }
  return count;
}

/**
 * The first key that valid JSON text gives twice in one object: the offsets of both, and the key. Keys are
 * compared as `JSON.parse` reads them (`"a"` and `"\u0061"` are one key). Linear in the text: one pass, a set
 * of keys for each open object.
 */
export function findDuplicateKey(text: string): { offset: number; first: number; key: string } | undefined {
  const open: Array<Map<string, number> | null> = [];
  let wantKey = false;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      const end = stringEnd(text, i);
      if (wantKey) {
        const raw = text.slice(i + 1, end - 1);
        const key = raw.includes("\\") ? (JSON.parse(text.slice(i, end)) as string) : raw;
        const keys = open[open.length - 1]!;
        const first = keys.get(key);
        if (first !== undefined) return { offset: i, first, key };
        keys.set(key, i);
        wantKey = false;
      }
      i = end - 1;
    } else if (c === 123) {
      open.push(new Map());
      wantKey = true;
    } else if (c === 91) open.push(null);
    else if (c === 125 || c === 93) open.pop();
    else if (c === 44) wantKey = open[open.length - 1] !== null;
  }
  return undefined;
}

/**
 * Refuses valid JSON text that gives a key twice in one object. `JSON.parse` keeps the later value without a
 * word, so a reviewer reading the file sees one value and tieuchi decides (and hashes) on another. The check
 * counts the keys written against the keys held, both linear; only when they differ is the key looked for.
 *
 * @param text - JSON text that `JSON.parse` read (no byte-order mark).
 * @param value - What `JSON.parse` made of it.
 * @returns the duplicated key's offset, the first one's, and the key; undefined when no key is given twice.
 */
export function duplicateKeyIn(text: string, value: unknown): { offset: number; first: number; key: string } | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const held = keysHeld(value);
  // Keys held <= keys written <= colons (each key is followed by one; a colon in a string only adds one): as many
  // colons as keys held settles it without reading the strings, which most units allow (no colon in a value).
  if (colons(text) === held || keysWritten(text) === held) return undefined;
  return findDuplicateKey(text);
}

/** The colons in a text, strings included. */
function colons(text: string): number {
  let n = 0;
  for (let i = text.indexOf(":"); i >= 0; i = text.indexOf(":", i + 1)) n++;
  return n;
}

/**
 * Parses JSON text. A key given twice in one object is refused: `JSON.parse` would keep the later value
 * without a word, so a reviewer would read one value and tieuchi decide on another.
 *
 * @param text - The text (a leading byte-order mark is skipped).
 * @param source - A file name or label for the error message.
 * @throws {@link JsonParseError} naming the source, line and column (for a duplicated key: the second one's).
 */
export function parseJson(text: string, source = "(input)"): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (/^[ \t\n\r]*$/.test(body)) throw new JsonParseError(source, msg("json.empty"), position(body, 0));
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (e) {
    const found = locateJsonError(body) ?? { offset: 0, reason: msg("json.engine", { reason: e instanceof Error ? e.message : String(e) }) };
    throw new JsonParseError(source, found.reason, position(body, found.offset));
  }
  const twice = duplicateKeyIn(body, value);
  if (twice !== undefined)
    throw new JsonParseError(
      source,
      msg("json.duplicate_key", { key: printable(JSON.stringify(twice.key)), first: position(body, twice.first).line }),
      position(body, twice.offset),
    );
  return value;
}

const ENCODINGS: ReadonlyArray<readonly [readonly number[], string]> = [
  [[0x00, 0x00, 0xfe, 0xff], "UTF-32 (big-endian)"],
  [[0xff, 0xfe, 0x00, 0x00], "UTF-32 (little-endian)"],
  [[0xfe, 0xff], "UTF-16 (big-endian)"],
  [[0xff, 0xfe], "UTF-16 (little-endian)"],
];

/**
 * Decodes the bytes of a JSON file, which must be UTF-8 (RFC 8259); a UTF-8 byte-order mark is skipped.
 * Text saved as UTF-16 or UTF-32 (with or without a byte-order mark), binary files and legacy 8-bit encodings
 * (Latin-1, Windows-1258, TCVN3) are refused with the position of the first byte that gives them away.
 *
 * @param bytes - The file's content.
 * @param source - The file name, for the error message.
 * @throws {@link JsonParseError} naming the source and position.
 */
export function decodeJsonBytes(bytes: Uint8Array, source: string): string {
  const at = (offset: number, prefix: Uint8Array) => {
    const lines = new TextDecoder().decode(prefix).split("\n");
    return { offset, line: lines.length, column: lines[lines.length - 1]!.length + 1 };
  };
  for (const [bom, name] of ENCODINGS)
    if (bom.every((b, k) => bytes[k] === b)) throw new JsonParseError(source, msg("json.bom", { encoding: name }), at(0, bytes.subarray(0, 0)));
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const nul = bytes.indexOf(0, start);
  if (nul >= 0) {
    const utf16 = bytes.length >= start + 2 && (bytes[start] === 0) !== (bytes[start + 1] === 0);
    throw new JsonParseError(source, utf16 ? msg("json.utf16") : msg("json.zero_byte", { offset: nul }), at(nul, bytes.subarray(start, nul)));
  }
  const bad = firstInvalidUtf8(bytes.subarray(start));
  if (bad >= 0)
    throw new JsonParseError(
      source,
      msg("json.not_utf8", { byte: bytes[start + bad]!.toString(16).padStart(2, "0"), offset: start + bad }),
      at(start + bad, bytes.subarray(start, start + bad)),
    );
  return new TextDecoder("utf-8", { ignoreBOM: false }).decode(bytes);
}

/** Offset of the first byte that is not valid UTF-8, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let n: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) [n, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [n, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [n, min] = [3, 0x10000];
    else return i;
    let cp = b & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return -1;
}

const skipSpace = (text: string, i: number): number => {
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  return i;
};

/** The offset just after the string that starts at `i` (a double quote). */
function skipString(text: string, i: number): number {
  for (i++; i < text.length; i++) {
    const c = text[i];
    if (c === "\\") i++;
    else if (c === '"') return i + 1;
  }
  return i;
}

/** The offset just after the value that starts at `i`; nesting is counted, not recursed into. */
function skipValue(text: string, i: number): number {
  const c = text[i];
  if (c === '"') return skipString(text, i);
  if (c !== "{" && c !== "[") {
    while (i < text.length && !isSpace(text.charCodeAt(i)) && text[i] !== "," && text[i] !== "}" && text[i] !== "]") i++;
    return i;
  }
  let depth = 0;
  for (; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') i = skipString(text, i) - 1;
    else if (ch === "{" || ch === "[") depth++;
    else if ((ch === "}" || ch === "]") && --depth === 0) return i + 1;
  }
  return i;
}

/**
 * Where a JSON path points in valid JSON text: the offset of the member's key (for an object key) or of the
 * item (for a list index). A path that leaves the document stops at the deepest part that is there, so a
 * missing field is placed at the object that lacks it. With a key given twice, the last one counts, as in
 * `JSON.parse`. Keys are compared as written and after NFC normalisation (criteria files are normalised
 * before they are checked).
 */
export function jsonPathOffset(text: string, path: ReadonlyArray<string | number>): number {
  let i = skipSpace(text, text.charCodeAt(0) === 0xfeff ? 1 : 0);
  let found = i;
  for (const seg of path) {
    if (text[i] === "{" && typeof seg === "string") {
      let hitKey = -1;
      let hitValue = -1;
      i = skipSpace(text, i + 1);
      while (i < text.length && text[i] !== "}") {
        const keyStart = i;
        const keyEnd = skipString(text, i);
        let key: unknown;
        try {
          key = JSON.parse(text.slice(keyStart, keyEnd));
        } catch {
          return found;
        }
        i = skipSpace(text, skipSpace(text, keyEnd) + 1);
        if (key === seg || (typeof key === "string" && key.normalize("NFC") === seg)) {
          hitKey = keyStart;
          hitValue = i;
        }
        i = skipSpace(text, skipValue(text, i));
        if (text[i] === ",") i = skipSpace(text, i + 1);
      }
      if (hitKey < 0) return found;
      found = hitKey;
      i = hitValue;
    } else if (text[i] === "[" && typeof seg === "number") {
      i = skipSpace(text, i + 1);
      for (let k = 0; ; k++) {
        if (i >= text.length || text[i] === "]") return found;
        if (k === seg) break;
        i = skipSpace(text, skipValue(text, i));
        if (text[i] === ",") i = skipSpace(text, i + 1);
      }
      found = i;
    } else return found;
  }
  return found;
}

/** How many problems get a line and column (each is found by a walk through the text). */
const LOCATED = 200;

/** The problems with the line and column (1-based) of their path in the JSON text they were found in. */
export function locateProblems(problems: readonly Problem[], text: string): Problem[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return problems.map((p, k) => {
    if (k >= LOCATED) return p;
    const at = position(body, jsonPathOffset(body, p.path));
    return locatedProblem(p, at.line, at.column);
  });
}
