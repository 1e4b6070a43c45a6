// Uses the built package the way an app's own test suite does: `import ... from "tieuchi/testing"` resolves
// through package.json's exports to dist/ (built by `npm test`'s pretest).
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { describeCases, CaseFailedError } from "tieuchi/testing";
import { ROOT } from "./helpers.js";

// The one line an app writes: one test per case of the set's case files, and the coverage check.
describeCases(join(ROOT, "criteria/don-vi-hoc-tap/2020.1.0.json"), { describe, it, requireBoth: true });

/** A fake runner that records what is registered, and runs nothing until asked. */
function recorder() {
  const tests: { group: string; name: string; body: () => void }[] = [];
  let group = "";
  return {
    tests,
    describe: (name: string, body: () => void) => {
      group = name;
      body();
    },
    it: (name: string, body: () => void) => {
      tests.push({ group, name, body });
    },
  };
}

function tempSet(cases: unknown[]): string {
  const dir = join(mkdtempSync(join(tmpdir(), "tieuchi-entry-")), "don-vi-hoc-tap");
  mkdirSync(dir);
  writeFileSync(join(dir, "2020.1.0.json"), readFileSync(join(ROOT, "criteria/don-vi-hoc-tap/2020.1.0.json")));
  writeFileSync(join(dir, "2020.1.0.cases.json"), JSON.stringify({ set: { id: "don-vi-hoc-tap", version: "2020.1.0" }, cases }));
  return join(dir, "2020.1.0.json");
}

describe("describeCases", () => {
  it("registers one test per case, grouped by case file", () => {
    const r = recorder();
    describeCases(join(ROOT, "criteria/don-vi-hoc-tap/2020.1.0.json"), r);
    const file = JSON.parse(readFileSync(join(ROOT, "criteria/don-vi-hoc-tap/2020.1.0.cases.json"), "utf8")) as { cases: { name: string }[] };
    const own = r.tests.filter((t) => t.group.includes("2020.1.0.cases.json"));
    expect(own.map((t) => t.name)).toEqual(file.cases.map((c) => c.name));
    expect(own[0]!.group).toMatch(/^don-vi-hoc-tap@2020\.1\.0 \(/);
    for (const t of r.tests) t.body();
  });

  it("fails a case with what was expected, what the set decided, and the criterion's explanation", () => {
    const unit = JSON.parse(readFileSync(join(ROOT, "docs/examples/don-vi-hoc-tap/phong-gd-huyen-mau.json"), "utf8"));
    const r = recorder();
    describeCases(tempSet([{ name: "claims a perfect score", data: unit, expect: { verdict: "pass", points: 100, criteria: { "2.1": "pass" } } }]), r);
    expect(r.tests).toHaveLength(1);
    let error: unknown;
    try {
      r.tests[0]!.body();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CaseFailedError);
    const message = (error as Error).message;
    expect(message).toContain("case 'claims a perfect score' does not hold");
    expect(message).toContain("points: expected 100, got 85");
    expect(message).toContain("criterion 2.1 (100% of members have an approved yearly self-study plan): expected pass, got fail");
    expect(message).toContain("Only 11 of 12 members (91.7%) have an approved self-study plan; 100% required.");
  });

  it("adds a coverage test that names the criteria never seen both passing and failing", () => {
    const unit = JSON.parse(readFileSync(join(ROOT, "docs/examples/don-vi-hoc-tap/phong-gd-huyen-mau.json"), "utf8"));
    const r = recorder();
    describeCases(tempSet([{ name: "one case", data: unit, expect: { verdict: "pass" } }]), { ...r, requireBoth: true });
    const coverage = r.tests.find((t) => t.group.endsWith("coverage"))!;
    expect(() => coverage.body()).toThrow(/never seen both passing and failing: 1\.1, 1\.2, 1\.3, 2\.1, 2\.2, 2\.3, 2\.4, 3\.1, 3\.2, 3\.3/);
  });

  it("works with any runner that has describe and it, such as node:test", () => {
    const file = join(mkdtempSync(join(tmpdir(), "tieuchi-node-test-")), "criteria.test.mjs");
    writeFileSync(
      file,
      [
        'import { describe, it } from "node:test";',
        `import { describeCases } from ${JSON.stringify(pathToFileURL(join(ROOT, "dist/testing.js")).href)};`,
        `describeCases(${JSON.stringify(join(ROOT, "criteria/don-vi-hoc-tap/2020.1.0.json"))}, { describe, it, requireBoth: true });`,
      ].join("\n"),
    );
    const r = spawnSync(process.execPath, ["--test", file], { encoding: "utf8" });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    const cases = ["2020.1.0.cases.json", "2020.1.0.boundaries.cases.json"].reduce(
      (n, f) => n + (JSON.parse(readFileSync(join(ROOT, "criteria/don-vi-hoc-tap", f), "utf8")) as { cases: unknown[] }).cases.length,
      0,
    );
    expect(r.stdout).toContain(`# tests ${cases + 1}\n`);
    expect(r.stdout).toContain("# fail 0\n");
  });

  it("asks for a runner when none is given and none is global", () => {
    expect(() => describeCases(join(ROOT, "criteria"))).toThrow(/pass \{ describe, it \}/);
  });

  it("keeps vitest out of the package: no entry imports it", () => {
    for (const f of ["index.js", "index.cjs", "node.js", "testing.js", "testing.cjs"]) {
      const text = readFileSync(join(ROOT, "dist", f), "utf8");
      expect(text, f).not.toMatch(/from ["']vitest["']|require\(["']vitest["']\)|import\(["']vitest["']\)/);
    }
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
    expect(Object.keys(pkg.dependencies)).not.toContain("vitest");
  });

  it("says so when a path has no case files", () => {
    const dir = mkdtempSync(join(tmpdir(), "tieuchi-empty-"));
    expect(() => describeCases(dir, recorder())).toThrow(/no case files/);
  });
});
