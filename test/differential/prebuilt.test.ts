/**
 * The bundled sets' prebuilt generated evaluators (`tieuchi/criteria`, built with the package by
 * scripts/criteria-module.ts): each set carries its module, which names the lock's hash; loadCriteriaSet and
 * registry() attach it, so evaluate runs it with no eval; quiet results are those of the closure evaluator,
 * byte for byte; a module refuses another set, and a set changed since it was built keeps the closures; a
 * bundle of one set takes only that set's module; the command line's temporary modules are removed.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { allSets, registry } from "../../src/criteria/index.js";
import * as bundled from "../../src/criteria/index.js";
import { generatedOf } from "../../src/evaluate/generated.js";
import { prebuilt, prebuiltOf } from "../../src/evaluate/prebuilt.js";
import { loadCriteriaSet, OptionsError, useGenerated, type LoadedSet } from "../../src/index.js";
import { checkPrebuilt, withGenerated } from "../../src/node/generated.js";
import { loadCriteriaFile, readLock } from "../../src/node/index.js";
import { generateUnits } from "../../src/testing/units.js";
import { quietOutcome, ROOT } from "../helpers.js";
import { runAsync } from "../run-cli.js";

const lock = readLock(join(ROOT, "criteria"))!;
const nameOf = (json: unknown) => `${(json as { id: string }).id}@${(json as { version: string }).version}`;

const outcome = (set: LoadedSet, data: unknown): string => quietOutcome(set, data);

describe("the bundled sets' prebuilt evaluators", () => {
  it("every bundled set carries its module, naming the hash the lock releases; loading attaches it, a copy has none", () => {
    expect(allSets.length).toBe(Object.keys(lock.versions).length);
    for (const json of allSets) {
      const mod = prebuiltOf(json)!;
      expect(mod, nameOf(json)).toBeDefined();
      expect(`${mod.id}@${mod.version}`).toBe(nameOf(json));
      expect(mod.hash).toBe(lock.versions[nameOf(json)]!.hash);
      expect(prebuiltOf(json)).toBe(mod);
      // Not a key: the JSON, its keys and a copy of it are the file's.
      expect(Object.keys(json)).not.toContain("run");
      expect(JSON.stringify(json)).toBe(JSON.stringify(JSON.parse(JSON.stringify(json))));
      expect(generatedOf(loadCriteriaSet(json))?.run).toBe(mod.run);
      expect(generatedOf(loadCriteriaSet(structuredClone(json)))).toBeUndefined();
    }
    for (const set of registry().sets) expect(generatedOf(set), `${set.definition.id}@${set.definition.version}`).toBeDefined();
  });

  for (const json of allSets)
    it(`${nameOf(json)}: the same quiet results as the closure evaluator, complete units on the module`, { timeout: 120_000 }, () => {
      const withModule = loadCriteriaSet(json);
      const closures = loadCriteriaSet(structuredClone(json));
      const attached = generatedOf(withModule)!;
      let ran = 0;
      const counting = {
        ...attached,
        run: (d: unknown, out: Int32Array) => {
          if (!attached.run(d, out)) return false;
          ran++;
          return true;
        },
      };
      const set = useGenerated(loadCriteriaSet(structuredClone(json)), { ...prebuiltOf(json)!, run: counting.run });
      const file = join(ROOT, "criteria", lock.versions[nameOf(json)]!.file.replace(/\.json$/, ".cases.json"));
      const cases = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as { cases: Array<{ data: unknown }> }).cases.map((c) => c.data) : [];
      const units = [...generateUnits(closures, 60, { seed: `prebuilt-${nameOf(json)}`, listLength: [0, 4], fail: 0.3, missing: 0.1 }), ...cases];
      for (const u of units) {
        const want = outcome(closures, u);
        expect(outcome(withModule, u)).toBe(want);
        expect(outcome(set, u)).toBe(want);
      }
      expect(ran, "units decided by the prebuilt module").toBeGreaterThan(0);
    });

  it("a module refuses another set, and a set changed since it was built keeps the closure evaluator", () => {
    const [a, b] = [allSets[0]!, allSets[1]!];
    expect(() => useGenerated(loadCriteriaSet(b), prebuiltOf(a))).toThrow(OptionsError);
    // b's JSON carrying a's module: not attached (another hash).
    expect(generatedOf(loadCriteriaSet(prebuilt(structuredClone(b), () => prebuiltOf(a)!)))).toBeUndefined();
    // a, edited after it was built, carrying its old module: not attached either.
    const edited = structuredClone(a) as { title: { vi: string; en: string } };
    edited.title = { vi: `${edited.title.vi} (sửa)`, en: `${edited.title.en} (edited)` };
    expect(generatedOf(loadCriteriaSet(prebuilt(edited, () => prebuiltOf(a)!)))).toBeUndefined();
  });

  it("are held to the lock: a stale module (another hash) or a missing one is reported", async () => {
    expect(await checkPrebuilt(lock)).toEqual([]);
    const name = nameOf(allSets[0]);
    const moved = { ...lock, versions: { ...lock.versions, [name]: { ...lock.versions[name]!, hash: `sha256:${"0".repeat(64)}` } } };
    expect(await checkPrebuilt(moved)).toEqual([{ set: name, module: prebuiltOf(allSets[0])!.hash, lock: `sha256:${"0".repeat(64)}` }]);
    const extra = {
      ...lock,
      versions: { ...lock.versions, "khong-co@1.0.0": { file: "khong-co/1.0.0.json", hash: `sha256:${"1".repeat(64)}`, parts: {}, criteria: {}, inputs: {} } },
    };
    expect(await checkPrebuilt(extra)).toEqual([{ set: "khong-co@1.0.0", module: undefined, lock: `sha256:${"1".repeat(64)}` }]);
    // tieuchi lock --check on the package's own folder checks them.
    expect(await runAsync("lock", "--check", "--lang", "en")).toMatchObject({ code: 0, out: `${allSets.length} locked\n` });
  });

  it("a bundle of one set takes that set's module and no other", { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), "tieuchi-prebuilt-"));
    const entry = join(dir, "main.ts");
    writeFileSync(
      entry,
      `import { evaluate, loadCriteriaSet } from ${JSON.stringify(join(ROOT, "src/index.ts"))};
import { giaDinhHocTap_2016_1_0 } from ${JSON.stringify(join(ROOT, "src/criteria/index.ts"))};
console.log(evaluate(loadCriteriaSet(giaDinhHocTap_2016_1_0), {}, { explain: false }).verdict);\n`,
    );
    await build({
      entryPoints: [entry],
      outfile: join(dir, "out.js"),
      bundle: true,
      format: "esm",
      platform: "browser",
      external: ["zod"],
      logLevel: "silent",
    });
    const text = readFileSync(join(dir, "out.js"), "utf8");
    const own = prebuiltOf(bundled.giaDinhHocTap_2016_1_0)!;
    expect(text).toContain(own.hash);
    for (const json of allSets) if (json !== bundled.giaDinhHocTap_2016_1_0) expect(text, nameOf(json)).not.toContain(prebuiltOf(json)!.hash);
  });
});

describe("the command line's generated evaluators", () => {
  it("a bundled set read from its file takes the prebuilt module; another set a temporary one, removed after its import", async () => {
    const tmp = mkdtempSync(join(tmpdir(), "tieuchi-prebuilt-tmp-"));
    const before = process.env.TMPDIR;
    process.env.TMPDIR = tmp;
    try {
      const file = join(ROOT, "criteria", lock.versions[nameOf(allSets[0])]!.file);
      const own = loadCriteriaFile(file);
      expect(await withGenerated(own)).toBe("prebuilt");
      expect(generatedOf(own)?.run).toBe(prebuiltOf(allSets[0])!.run);
      expect(await withGenerated(own)).toBe("attached");
      const json = JSON.parse(readFileSync(file, "utf8")) as { title: { vi: string; en: string } };
      json.title = { vi: `${json.title.vi} (sửa)`, en: `${json.title.en} (edited)` };
      const edited = loadCriteriaSet(json);
      expect(await withGenerated(edited)).toBe("temporary");
      expect(generatedOf(edited)).toBeDefined();
      expect(readdirSync(tmp)).toEqual([]);
      for (const u of generateUnits(edited, 30, { seed: "temporary", fail: 0.3 })) expect(outcome(edited, u)).toBe(outcome(loadCriteriaSet(json), u));
    } finally {
      if (before === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = before;
    }
  });
});
