/** `tieuchi compile`: writes a set's generated module, which `useGenerated` accepts for that set only. */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { evaluate, loadCriteriaSet, notGenerated, OptionsError, useGenerated } from "../src/index.js";
import { sayRefusal } from "../src/i18n/cli.js";
import { readJson, ROOT } from "./helpers.js";
import { run } from "./run-cli.js";

const dir = mkdtempSync(join(tmpdir(), "tieuchi-compile-"));

describe("tieuchi compile", () => {
  it("writes a module that decides the set it was generated from, and refuses another", async () => {
    const out = join(dir, "don-vi.mjs");
    const r = run("compile", join(ROOT, "criteria/don-vi-hoc-tap/2020.1.0.json"), "--out", out, "--lang", "en");
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/wrote .*don-vi-hoc-tap@2020\.1\.0 \(sha256:[0-9a-f]{64}\), 10 criteria/);
    // Vietnamese by default.
    expect(run("compile", join(ROOT, "criteria/don-vi-hoc-tap/2020.1.0.json"), "--out", out).err).toMatch(
      /^đã ghi .*don-vi-hoc-tap@2020\.1\.0 \(sha256:[0-9a-f]{64}\), 10 tiêu chí/,
    );
    expect(readFileSync(out, "utf8")).not.toMatch(/\beval\b|new Function|\bimport\b/);
    const mod: unknown = await import(pathToFileURL(out).href);
    const reference = loadCriteriaSet(readJson("criteria/don-vi-hoc-tap/2020.1.0.json"));
    const set = useGenerated(loadCriteriaSet(readJson("criteria/don-vi-hoc-tap/2020.1.0.json")), mod);
    const unit = readJson("docs/examples/don-vi-hoc-tap/phong-gd-huyen-mau.json");
    expect(JSON.stringify(evaluate(set, unit, { explain: false }))).toBe(JSON.stringify(evaluate(reference, unit, { explain: false })));
    expect(() => useGenerated(loadCriteriaSet(readJson("test/bench/family-set.json")), mod)).toThrow(OptionsError);
  });

  it("says what it does not model (exit 2), and needs one set and --out", () => {
    // A list of texts: the generator models lists of records only.
    const set = readJson("test/bench/family-set.json") as { inputs: Record<string, unknown> };
    const text = { label: { vi: "ghi chú", en: "notes" }, description: { vi: "Ghi chú.", en: "Notes." } };
    set.inputs.ghiChu = { type: "array", items: { type: "string", ...text }, ...text };
    const file = join(dir, "ghi-chu.json");
    writeFileSync(file, JSON.stringify(set));
    // Vietnamese by default, the reason too (a code of the generator put into words: gen.items_not_records).
    const r = run("compile", file, "--out", join(dir, "x.mjs"));
    expect(r.code).toBe(2);
    expect(r.err).toContain("vì bộ tiêu chí dùng một danh sách mà các phần tử không phải bản ghi;");
    expect(r.err).not.toContain("records");
    const en = run("compile", file, "--out", join(dir, "x.mjs"), "--lang", "en");
    expect(en.code).toBe(2);
    expect(en.err).toContain("it uses a list whose items are not records;");
    expect(run("compile", join(ROOT, "criteria/don-vi-hoc-tap/2020.1.0.json")).code).toBe(2);
    expect(run("compile", "--out", join(dir, "y.mjs")).code).toBe(2);
    expect(run("compile", join(ROOT, "criteria/don-vi-hoc-tap/2020.1.0.json"), "--out", join(dir, "missing-folder", "z.mjs")).code).toBe(2);
  });

  it("refuses with a code and its parameters, which the command line puts into words in each language", () => {
    // A record of 31 fields: the generated form reads records of at most 30.
    const set = readJson("test/bench/family-set.json") as { inputs: Record<string, unknown> };
    const text = { label: { vi: "mục", en: "item" }, description: { vi: "Mục.", en: "Item." } };
    const fields = Object.fromEntries(Array.from({ length: 31 }, (_, i) => [`muc${i}`, { type: "boolean", ...text }]));
    set.inputs.hoSo = { type: "object", ...text, fields };
    const refusal = notGenerated(loadCriteriaSet(set));
    expect(refusal).toEqual({ key: "gen.too_many", params: { what: "fields", max: 30 } });
    expect(sayRefusal("vi", refusal!)).toBe("một bản ghi có hơn 30 trường");
    expect(sayRefusal("en", refusal!)).toBe("a record of more than 30 fields");
  });
});
