import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { CanonicalJsonError, canonicalJson, contentHash, sha256Hex } from "../src/index.js";

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
    expect(canonicalJson({ é: 1, e: 2, z: 3, Z: 4 })).toBe('{"Z":4,"e":2,"z":3,"é":1}');
  });

  it("normalises strings and keys to NFC", () => {
    expect(canonicalJson({ "Kha\u0301": "Gia\u0300u" })).toBe(canonicalJson({ Khá: "Giàu" }));
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
      Array.isArray(v)
        ? v.map(shuffle)
        : v && typeof v === "object"
          ? Object.fromEntries(
              Object.entries(v)
                .reverse()
                .map(([k, x]) => [k, shuffle(x)]),
            )
          : v;
    fc.assert(
      fc.property(obj, (v) => {
        const again = JSON.parse(JSON.stringify(shuffle(v), null, 3));
        return contentHash(v) === contentHash(again) && /^sha256:[0-9a-f]{64}$/.test(contentHash(v));
      }),
      { numRuns: 300 },
    );
  });

  it("refuses values JSON cannot hold", () => {
    const thrown = (v: unknown) => {
      try {
        canonicalJson(v);
      } catch (e) {
        expect(e).toBeInstanceOf(CanonicalJsonError);
        return { code: (e as CanonicalJsonError).code, path: (e as CanonicalJsonError).path, message: (e as Error).message };
      }
      throw new Error("no error");
    };
    expect(thrown(Number.NaN)).toMatchObject({
      code: "ERR_CANONICAL_JSON",
      path: [],
      message: "(root): NaN is not a JSON number; the value has no canonical JSON form and cannot be hashed",
    });
    expect(thrown({ a: [1, { f: () => 1 }] })).toMatchObject({
      path: ["a", 1, "f"],
      message: expect.stringMatching(/^a\[1\]\.f: a function is not a JSON value/),
    });
    expect(thrown({ x: { "Kha\u0301": 1, Khá: 2 } })).toMatchObject({
      path: ["x"],
      message: expect.stringContaining('two keys read "Khá" once normalised to NFC'),
    });
    let deep: unknown = 1;
    for (let i = 0; i < 1001; i++) deep = [deep];
    expect(thrown(deep)).toMatchObject({ path: Array(1001).fill(0), message: expect.stringContaining("nests deeper than 1000 levels") });
    expect(() => contentHash(Infinity)).toThrow(CanonicalJsonError);
  });
});

describe("canonical JSON against RFC 8785", () => {
  it("writes the RFC's example exactly", () => {
    const input = String.raw`{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001], "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/", "literals": [null, true, false]}`;
    expect(canonicalJson(JSON.parse(input))).toBe(
      String.raw`{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}`,
    );
  });

  it("sorts keys by UTF-16 code units, surrogate pairs included", () => {
    // U+FB01 sorts after U+1F600 by code point, before it by UTF-16 code unit (0xFB01 > 0xD83D).
    const keys = ["\u20ac", "\r", "1", "\ud83d\ude00", "\u0080", "\u00f6", "\ufb01"];
    const obj = Object.fromEntries(keys.map((k, i) => [k, i]));
    expect(canonicalJson(obj)).toBe('{"\\r":1,"1":2,"\u0080":4,"ö":5,"€":0,"😀":3,"\ufb01":6}');
  });

  it("refuses two keys that become one under NFC, rather than writing a key twice", () => {
    expect(() => canonicalJson({ "Kha\u0301": 1, Khá: 2 })).toThrow(/two keys read "Khá" once normalised to NFC/);
  });
});

describe("tieuchi hash", () => {
  it("prints the same hash for a criteria file however it is laid out, equal to the hash results carry", async () => {
    const { mkdtempSync, writeFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const { main } = await import("../src/cli/main.js");
    const { loadCriteriaSet } = await import("../src/index.js");
    const { readJson, ROOT } = await import("./helpers.js");
    const json = readJson("criteria/don-vi-hoc-tap/2020.1.0.json");
    const reverse = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(reverse)
        : v && typeof v === "object"
          ? Object.fromEntries(
              Object.entries(v)
                .reverse()
                .map(([k, x]) => [k, reverse(x)]),
            )
          : typeof v === "string"
            ? v.normalize("NFD")
            : v;
    const dir = mkdtempSync(join(tmpdir(), "tieuchi-hash-"));
    const other = join(dir, "reformatted.json");
    writeFileSync(other, `\uFEFF${JSON.stringify(reverse(json), null, "\t")}\r\n`);
    let out = "";
    const code = main(["hash", join(ROOT, "criteria/don-vi-hoc-tap/2020.1.0.json"), other], { out: (t) => (out += t), err: () => {}, columns: 80 });
    expect(code).toBe(0);
    const hash = loadCriteriaSet(json).hash;
    expect(out).toBe(`${hash}  ${join(ROOT, "criteria/don-vi-hoc-tap/2020.1.0.json")}\n${hash}  ${other}\n`);
    let json2 = "";
    main(["hash", other, "--json"], { out: (t) => (json2 += t), err: () => {}, columns: 80 });
    expect(JSON.parse(json2)).toEqual([{ file: other, hash }]);
    const broken = join(dir, "broken.json");
    writeFileSync(broken, "{");
    let err = "";
    out = "";
    expect(main(["hash", broken, other, "--lang", "en"], { out: (t) => (out += t), err: (t) => (err += t), columns: 80 })).toBe(2);
    expect(err).toContain("broken.json:1:2: not valid JSON");
    expect(out).toBe(`${hash}  ${other}\n`);
    expect(main(["hash"], { out: () => {}, err: () => {}, columns: 80 })).toBe(2);
  });
});
