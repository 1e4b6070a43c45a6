/**
 * A generated module for a hostile set stays inert: texts with quotes, backslashes, `</script>`, U+2028 and
 * U+2029, `${`, backticks, comment openers and code-looking strings, in ids, titles, enum values, rule
 * literals and the set's id, reach the source only through the escaping function: the source is printable
 * ASCII without those characters, importing and running it does nothing but decide, and its results are the
 * closure evaluator's. Data with `__proto__`, `constructor` and `prototype` keys is handed back.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { evaluate, generateModule, loadCriteriaSet, useGenerated } from "../src/index.js";
import type { GeneratedModule } from "../src/evaluate/generated.js";
import { lit } from "../src/json/literal.js";
import { makeSet, text } from "./helpers.js";

const NASTY = [
  `"); globalThis.__pwned = 1; ("`,
  `'); globalThis.__pwned = 1; ('`,
  "`; globalThis.__pwned = 1; `",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a hostile text that would run if generated code put it in a template literal.
  "${globalThis.__pwned = 1}",
  "</script><script>globalThis.__pwned = 1</script>",
  "a\u2028globalThis.__pwned = 1\u2029b",
  "\\\"\\'\\\\",
  "*/ globalThis.__pwned = 1; /*",
  "\n globalThis.__pwned = 1 //",
  "\ud800 lone surrogate",
];

function hostileSet(): Record<string, unknown> {
  return makeSet({
    id: "hostile-set",
    title: { vi: NASTY.join(" "), en: NASTY.join(" ") },
    inputs: {
      loai: { type: "string", enum: NASTY.slice(0, 6), description: text(NASTY[4]!) },
      ghiChu: { type: "string", maxLength: 500, description: text(NASTY[5]!) },
      members: {
        type: "array",
        description: text("members"),
        items: {
          type: "object",
          description: text("member"),
          fields: { ten: { type: "string", maxLength: 200, description: text(NASTY[3]!) }, ok: { type: "boolean", default: true, description: text("ok") } },
        },
      },
    },
    criteria: [
      { id: "1", title: text(NASTY[0]!), points: 40, rule: { in: [{ var: "loai" }, NASTY.slice(0, 3)] } },
      { id: "2", title: text(NASTY[1]!), points: 30, rule: { "==": [{ var: "ghiChu" }, NASTY[6]!] } },
      { id: "3", title: text(NASTY[2]!), points: 30, rule: { some: [{ var: "members" }, { and: [{ "!=": [{ var: "ten" }, NASTY[7]!] }, { var: "ok" }] }] } },
      { id: "4", title: text(NASTY[8]!), role: "exclusion", excludes: { in: [NASTY[9]!, { var: "ghiChu" }] } },
    ],
  });
}

describe("a generated module for a hostile set", () => {
  it("holds every text as an escaped literal: printable ASCII, no line separators, no template or script openers", () => {
    for (const s of NASTY) {
      const l = lit(s);
      expect(l).toMatch(/^"[\x20-\x7e]*"$/);
      expect(l).not.toMatch(/[<>`$']/);
      expect(JSON.parse(l)).toBe(s);
    }
    const source = generateModule(loadCriteriaSet(hostileSet()));
    expect(source).toMatch(/^[\x20-\x7e\n]*$/);
    expect(source).not.toContain("</script");
    expect(source).not.toContain("${");
    expect(source).not.toContain("`");
  });

  it("imports and runs without doing anything but deciding, with the closure evaluator's results", async () => {
    const json = hostileSet();
    const reference = loadCriteriaSet(json);
    const file = join(mkdtempSync(join(tmpdir(), "tieuchi-hostile-")), "hostile.mjs");
    writeFileSync(file, generateModule(reference));
    const mod = (await import(pathToFileURL(file).href)) as GeneratedModule;
    const generated = useGenerated(loadCriteriaSet(json), mod);
    const out = new Int32Array(12);
    const units: unknown[] = [];
    for (const loai of NASTY.slice(0, 6))
      for (const ghiChu of [NASTY[6]!, NASTY[9]!, "", "bình thường"])
        units.push({ loai, ghiChu, members: [{ ten: NASTY[7]! }, { ten: "An", ok: false }, { ten: NASTY[3]! }] });
    units.push(
      JSON.parse(`{"__proto__": {"ok": true}, "loai": ${JSON.stringify(NASTY[0])}}`),
      { constructor: 1 },
      { prototype: 1 },
      { loai: NASTY[0], members: [JSON.parse('{"__proto__": 1}')] },
    );
    let fast = 0;
    for (const u of units) {
      if (mod.run(u, out)) fast++;
      let want: string;
      let got: string;
      try {
        want = JSON.stringify(evaluate(reference, u, { explain: false }));
      } catch (e) {
        want = String(e);
      }
      try {
        got = JSON.stringify(evaluate(generated, u, { explain: false }));
      } catch (e) {
        got = String(e);
      }
      expect(got).toBe(want);
    }
    expect(fast).toBeGreaterThan(units.length / 2);
    expect((globalThis as { __pwned?: unknown }).__pwned).toBeUndefined();
    // The module exports what it declares, and nothing runs on import but the definitions.
    expect(Object.keys(mod).sort()).toEqual(["criteria", "format", "hash", "id", "run", "version"]);
  });
});
