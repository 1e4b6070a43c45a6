// tieuchi/criteria: every set of criteria/ bundled as data, generated at build time, and the registry of them.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { allSets, registry } from "../src/criteria/index.js";
import * as bundled from "../src/criteria/index.js";
import { contentHash, evaluate, loadCriteriaSet } from "../src/index.js";
import { findCriteriaFiles, loadRegistry, readJsonFile } from "../src/node/index.js";
import { exportName, generate } from "../scripts/criteria-module.js";
import { ROOT } from "./helpers.js";

const files = findCriteriaFiles(join(ROOT, "criteria"));

describe("tieuchi/criteria", () => {
  it("is generated from criteria/ as it is now: every criteria file, and nothing else", () => {
    const { sets, modules } = generate();
    expect(readFileSync(join(ROOT, "src/criteria/sets.generated.ts"), "utf8"), "run npm run build (or npx tsx scripts/criteria-module.ts)").toBe(sets);
    // The prebuilt modules are the generator's output as it is now: a changed generator makes them stale.
    expect(readFileSync(join(ROOT, "src/criteria/modules.generated.ts"), "utf8"), "run npm run build (or npx tsx scripts/criteria-module.ts)").toBe(modules);
    expect(files.length).toBeGreaterThanOrEqual(13);
    expect(allSets).toHaveLength(files.length);
  });

  it("exports each file's JSON exactly, under its id and version, so that its hash is the file's", () => {
    const exports = bundled as unknown as Record<string, unknown>;
    files.forEach((path, i) => {
      const json = readJsonFile(path) as { id: string; version: string };
      const name = exportName(json.id, json.version);
      expect(exports[name], `${relative(ROOT, path)} as ${name}`).toEqual(json);
      expect(allSets[i]).toBe(exports[name]);
      expect(contentHash(exports[name])).toBe(contentHash(json));
    });
    expect(exportName("cong-dong-hoc-tap-cap-xa", "2024.1.0")).toBe("congDongHocTapCapXa_2024_1_0");
  });

  it("gives one registry of every set, validated once, the same as loading the folder", () => {
    const sets = registry();
    expect(registry()).toBe(sets);
    const folder = loadRegistry(join(ROOT, "criteria"));
    expect(sets.sets.map((s) => `${s.definition.id}@${s.definition.version} ${s.hash}`)).toEqual(
      folder.sets.map((s) => `${s.definition.id}@${s.definition.version} ${s.hash}`),
    );
    expect(sets.resolve("don-vi-hoc-tap", "2024-03-01").definition.version).toBe("2024.1.0");
    const unit = readJsonFile(join(ROOT, "docs/examples/cong-dan-hoc-tap/can-bo-mau.json"));
    expect(evaluate("cong-dan-hoc-tap", unit, { asOf: "2024-06-01", sets })).toMatchObject({ verdict: "pass", points: { earned: 84 } });
    expect(evaluate(loadCriteriaSet(bundled.congDanHocTap_2023_1_0), unit).verdict).toBe("pass");
  });

  it("loads as ESM and as CommonJS from the build, with the same data", { timeout: 60_000 }, async () => {
    const esm = (await import(pathToFileURL(join(ROOT, "dist/criteria.js")).href)) as typeof bundled;
    const cjs = JSON.parse(
      execFileSync(
        process.execPath,
        [
          "-e",
          `const c = require(${JSON.stringify(join(ROOT, "dist/criteria.cjs"))}); process.stdout.write(JSON.stringify([c.allSets.length, c.registry().sets.length, c.donViHocTap_2024_1_0.version]))`,
        ],
        { encoding: "utf8" },
      ),
    );
    expect(esm.allSets).toEqual(allSets);
    expect(cjs).toEqual([allSets.length, allSets.length, "2024.1.0"]);
  });
});

describe("the CLI uses the bundled sets when no folder is given", () => {
  // A folder with no criteria/ in it, as an app's project is.
  const elsewhere = () => mkdtempSync(join(tmpdir(), "tieuchi-elsewhere-"));
  const cli = (cwd: string, ...args: string[]) =>
    spawnSync(process.execPath, [join(ROOT, "dist/cli.js"), ...args, "--lang", "en"], { cwd, encoding: "utf8", timeout: 60_000 });
  const unit = (name: string) => join(ROOT, "docs/examples", name);

  it("eval --set picks the version in force from them, and sub-units' titles are decided by them", { timeout: 60_000 }, () => {
    const cwd = elsewhere();
    const bySet = cli(cwd, "eval", "--set", "cong-dan-hoc-tap", "--as-of", "2024-06-01", unit("cong-dan-hoc-tap/can-bo-mau.json"));
    expect(bySet.stderr).toBe("");
    expect(bySet.status).toBe(0);
    expect(bySet.stdout).toContain("cong-dan-hoc-tap@2023.1.0");
    const withMembers = cli(
      cwd,
      "eval",
      join(ROOT, "criteria/don-vi-hoc-tap/2024.1.0.json"),
      unit("don-vi-hoc-tap/so-tu-phap-tinh-2024.json"),
      "--as-of",
      "2024-03-01",
      "--json",
    );
    expect(withMembers.stderr).toBe("");
    expect(JSON.parse(withMembers.stdout).subResults).toHaveLength(3);
    // A folder given is used instead: an empty one has no such set.
    const none = cli(cwd, "eval", "--set", "cong-dan-hoc-tap", "--as-of", "2024-06-01", "--criteria", cwd, unit("cong-dan-hoc-tap/can-bo-mau.json"));
    expect(none.status).toBe(2);
    expect(none.stderr).toContain("ERR_SET_NOT_FOUND");
  });

  it("verify finds the recorded version among them", { timeout: 60_000 }, () => {
    const cwd = elsewhere();
    const record = join(cwd, "audit.json");
    expect(cli(cwd, "eval", "--set", "cong-dan-hoc-tap", "--as-of", "2024-06-01", unit("cong-dan-hoc-tap/can-bo-mau.json"), "--record", record).status).toBe(0);
    const verified = cli(cwd, "verify", record, unit("cong-dan-hoc-tap/can-bo-mau.json"));
    expect(verified.stdout).toContain("MATCH");
    expect(verified.status).toBe(0);
  });
});
