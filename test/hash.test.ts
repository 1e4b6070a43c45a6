import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { canonicalJson, contentHash, sha256Hex } from "../src/index.js";

describe("sha256", () => {
  it("matches node:crypto on known and random inputs", () => {
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(sha256Hex("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 300 }), (s) => sha256Hex(s) === createHash("sha256").update(s, "utf8").digest("hex")),
      { numRuns: 300 },
    );
  });
});

describe("canonical JSON (RFC 8785 style)", () => {
  it("sorts keys, drops white space and writes numbers in shortest form", () => {
    expect(canonicalJson({ b: [1, 2.5, { d: true, c: null }], a: "x" })).toBe('{"a":"x","b":[1,2.5,{"c":null,"d":true}]}');
    expect(canonicalJson(JSON.parse("[1.0, 1e2, -0, 0.1, 1e21]"))).toBe("[1,100,0,0.1,1e+21]");
    expect(canonicalJson({ "é": 1, e: 2, z: 3, Z: 4 })).toBe('{"Z":4,"e":2,"z":3,"é":1}');
  });

  it("normalises strings and keys to NFC", () => {
    expect(canonicalJson({ "Kha\u0301": "Gia\u0300u" })).toBe(canonicalJson({ "Khá": "Giàu" }));
  });

  it("gives the same hash whatever the key order or formatting", () => {
    const obj = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: "small" },
        fc.constant(null),
        fc.boolean(),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.string(),
        fc.array(tie("value"), { maxLength: 4 }),
        fc.dictionary(fc.string({ maxLength: 5 }), tie("value"), { maxKeys: 4 }),
      ),
    })).value;
    const shuffle = (v: unknown): unknown =>
      Array.isArray(v) ? v.map(shuffle) : v && typeof v === "object" ? Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, shuffle(x)])) : v;
    fc.assert(
      fc.property(obj, (v) => {
        const again = JSON.parse(JSON.stringify(shuffle(v), null, 3));
        return contentHash(v) === contentHash(again) && /^sha256:[0-9a-f]{64}$/.test(contentHash(v));
      }),
      { numRuns: 300 },
    );
  });

  it("refuses values JSON cannot hold", () => {
    expect(() => canonicalJson(Number.NaN)).toThrow(TypeError);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(TypeError);
  });
});
