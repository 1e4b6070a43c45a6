/**
 * The message catalogue: every key has a sentence in Vietnamese and in English, both read exactly the
 * parameters the key declares, and the compiler refuses a missing key or parameter.
 */
import { describe, expect, it } from "vitest";
import { CLI_CATALOGUES, CLI_SPEC } from "../src/i18n/cli.js";
import {
  both,
  CATALOGUES as LIBRARY_CATALOGUES,
  type Catalogue,
  type Kind,
  LANGS,
  msg,
  type ParamSpec,
  say,
  SPEC as LIBRARY_SPEC,
  t,
} from "../src/i18n/index.js";

/** Sample values for a parameter kind: more than one where a sentence may branch on the value. */
function samples(kind: Kind): unknown[] {
  if (typeof kind !== "string") return [...kind];
  switch (kind.replace(/\?$/, "")) {
    case "string":
      return ["x"];
    case "number":
      return [0, 1, 2, 1234.5];
    case "boolean":
      return [true, false];
    case "strings":
      return [[], ["a"], ["a", "b", "c"]];
    case "numbers":
      return [[], [1], [1, 2]];
    case "text":
    case "message":
      return ["văn bản"];
    case "path":
      return ["x"];
    case "messages":
      return [[], ["một"], ["một", "hai"]];
  }
  throw new Error(`unknown kind ${kind}`);
}

/** Every combination of sample values (optional ones also absent), capped to stay small. */
function combinations(spec: ParamSpec): Array<Record<string, unknown>> {
  let out: Array<Record<string, unknown>> = [{}];
  for (const [name, kind] of Object.entries(spec)) {
    const values: unknown[] = samples(kind);
    if (typeof kind === "string" && kind.endsWith("?")) values.push(undefined);
    const next: Array<Record<string, unknown>> = [];
    for (const o of out) for (const v of values) next.push(v === undefined ? o : { ...o, [name]: v });
    out = next.length > 256 ? next.filter((_, i) => i % Math.ceil(next.length / 256) === 0) : next;
  }
  return out;
}

/** The sentence and the parameters it read. */
function render(catalogue: Catalogue, key: string, params: Record<string, unknown>): { text: string; read: Set<string> } {
  const read = new Set<string>();
  const proxy = new Proxy(params, {
    get(target, name) {
      if (typeof name === "string") read.add(name);
      return Reflect.get(target, name);
    },
  });
  const text = (catalogue as unknown as Record<string, (p: unknown) => string>)[key]!(proxy);
  return { text, read };
}

// The library's catalogue, and the command line's (kept apart so that browser bundles do not carry its help).
const PARTS = [
  ["the message catalogue", LIBRARY_SPEC, LIBRARY_CATALOGUES],
  ["the command line's catalogue", CLI_SPEC, CLI_CATALOGUES],
] as const;

for (const [part, SPEC, CATALOGUES] of PARTS) {
  const keys = Object.keys(SPEC).sort();

  describe(part, () => {
    it("has a sentence for every key in every language, and no other", () => {
      for (const lang of LANGS) expect(Object.keys(CATALOGUES[lang]).sort()).toEqual(keys);
      expect(keys.length).toBeGreaterThan(0);
    });

    it("reads the same declared parameters in Vietnamese and English, and every one of them", () => {
      const problems: string[] = [];
      for (const key of keys) {
        const spec = (SPEC as Record<string, ParamSpec>)[key]!;
        const readBy = { vi: new Set<string>(), en: new Set<string>() };
        for (const params of combinations(spec)) {
          for (const lang of LANGS) {
            const { text, read } = render(CATALOGUES[lang] as unknown as Catalogue, key, params);
            if (typeof text !== "string" || text.trim() === "") problems.push(`${key} (${lang}) is empty for ${JSON.stringify(params)}`);
            if (/undefined|\[object Object\]|NaN/.test(text)) problems.push(`${key} (${lang}) writes "${text}" for ${JSON.stringify(params)}`);
            for (const r of read) readBy[lang].add(r);
          }
        }
        const declared = Object.keys(spec).sort();
        for (const lang of LANGS) {
          const used = [...readBy[lang]].sort();
          if (used.join() !== declared.join()) problems.push(`${key} (${lang}) reads [${used.join(", ")}], declares [${declared.join(", ")}]`);
        }
      }
      expect(problems).toEqual([]);
    });

    it("keeps the two languages apart: a Vietnamese sentence is not the English one", () => {
      const same: string[] = [];
      for (const key of keys) {
        const spec = (SPEC as Record<string, ParamSpec>)[key]!;
        const params = combinations(spec)[0]!;
        const vi = render(CATALOGUES.vi as unknown as Catalogue, key, params).text;
        const en = render(CATALOGUES.en as unknown as Catalogue, key, params).text;
        // A sentence with words of its own differs between the languages (one made only of its parameters,
        // symbols and numbers may not).
        let own = vi;
        for (const v of Object.values(params)) for (const s of [v].flat()) own = own.split(String(s)).join("");
        if (vi === en && /[a-z]{3}/i.test(own)) same.push(`${key}: ${vi}`);
      }
      expect(same).toEqual([]);
    });

    it('says "có quy tắc tính" for a criterion written as a rule, never "mã hóa" (which officials read as "encrypted")', () => {
      const found: string[] = [];
      for (const key of keys)
        for (const params of combinations((SPEC as Record<string, ParamSpec>)[key]!)) {
          const text = render(CATALOGUES.vi as unknown as Catalogue, key, params)
            .text.normalize("NFC")
            .toLowerCase();
          if (/mã h(óa|oá)/.test(text)) found.push(`${key}: ${text}`);
        }
      expect([...new Set(found)]).toEqual([]);
    });
  });
}

describe("the message catalogue", () => {
  it("puts texts and nested messages into the sentence's own language", () => {
    expect(say(msg("word.quoted", { text: "a" }), "vi")).toBe("«a»");
    expect(both(msg("word.status", { status: "pass" }))).toEqual({ vi: "đạt", en: "pass" });
    expect(t("vi", "word.points_of", { earned: 1234, max: 2000 })).toBe("1.234/2.000 điểm");
    expect(t("en", "word.items", { count: 1 })).toBe("1 item");
  });

  it("refuses a message that is not in the catalogue", () => {
    expect(() => say({ key: "no.such", params: {} }, "vi")).toThrow(TypeError);
  });

  it("refuses at compile time a key or a parameter the catalogue does not declare", () => {
    // These lines are checked by `npm run typecheck`: each must be a type error.
    // @ts-expect-error an unknown key
    msg("word.nope");
    // @ts-expect-error a missing parameter
    msg("word.status", {});
    // @ts-expect-error a parameter of the wrong kind
    msg("word.items", { count: "3" });
    // @ts-expect-error a value outside the declared ones
    msg("word.verdict", { verdict: "maybe" });
    expect(true).toBe(true);
  });
});
