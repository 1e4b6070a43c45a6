import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "./run-cli.js";
import { loadCriteriaSet } from "../src/index.js";
import { findCaseFiles } from "../src/node/cases.js";
import { caseCoverage, possibleStatuses } from "../src/testing/coverage.js";
import { parseCaseFile, runCase, runCaseFile } from "../src/testing/cases.js";
import { makeSet, readJson, ROOT, text } from "./helpers.js";
import { say, t, type Message } from "../src/i18n/index.js";

const SET = "criteria/don-vi-hoc-tap/2020.1.0.json";
const UNIT = readJson("docs/examples/don-vi-hoc-tap/phong-gd-huyen-mau.json") as Record<string, unknown>;

/** A folder laid out like criteria/: <id>/<version>.json and its case files. */
function workspace(set: unknown, files: Record<string, unknown>): string {
  const root = mkdtempSync(join(tmpdir(), "tieuchi-test-"));
  const s = set as { id: string; version: string };
  const dir = join(root, s.id);
  mkdirSync(dir);
  writeFileSync(join(dir, `${s.version}.json`), JSON.stringify(set));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), typeof content === "string" ? content : JSON.stringify(content));
  return root;
}

const dvht = () => readJson(SET);
const cases = (list: unknown[]) => ({ set: { id: "don-vi-hoc-tap", version: "2020.1.0" }, cases: list });

describe("case files", () => {
  it("need a verdict, or invalidData for data that must be rejected, and nothing else with invalidData", () => {
    const file = (expect: unknown) => ({ set: { id: "x", version: "1.0.0" }, cases: [{ name: "a", data: {}, expect }] });
    expect(() => parseCaseFile(file({ points: 3 }))).toThrow(/cases\[0\]\.expect\.verdict: a case states the verdict/);
    expect(() => parseCaseFile(file({ invalidData: ["invalid_type"], verdict: "fail" }))).toThrow(/has no verdict/);
    expect(parseCaseFile(file({ verdict: "pass", grade: null, points: 0, criteria: { "1": "missing" } })).cases[0]!.expect.grade).toBeNull();
    expect(parseCaseFile(file({ invalidData: ["unknown_field"] })).cases).toHaveLength(1);
    expect(() =>
      parseCaseFile({
        ...file({ verdict: "pass" }),
        cases: [
          { name: "a", data: {}, expect: { verdict: "pass" } },
          { name: "a", data: {}, expect: { verdict: "fail" } },
        ],
      }),
    ).toThrow(/used twice/);
  });

  it("report each difference, with the criterion's title and explanation", () => {
    const set = loadCriteriaSet(dvht());
    const o = runCase(set, { name: "x", data: UNIT, expect: { verdict: "fail", grade: "kha", criteria: { "2.1": "pass", "9.9": "pass" } } });
    expect(o.ok).toBe(false);
    expect(o.differences.map((d) => [d.field, d.expected, d.actual])).toEqual([
      ["verdict", "fail", "pass"],
      ["grade", "kha", "tot"],
      ["criteria.2.1", "pass", "fail"],
      ["criteria.9.9", "pass", { key: "case.no_such_criterion", params: {} }],
    ]);
    expect(say(o.differences[3]!.actual as Message, "en")).toBe("no such criterion");
    expect(say(o.differences[3]!.actual as Message, "vi")).toBe(t("vi", "case.no_such_criterion"));
    expect(o.differences[2]!.criterion?.message?.vi).toBe("Chỉ 11/12 thành viên (91,7%) có kế hoạch tự học được phê duyệt; yêu cầu 100%.");
  });

  it("fail a case that cannot be evaluated instead of stopping the file", () => {
    const set = loadCriteriaSet(
      makeSet({
        inputs: { t: { type: "title", set: "other-set", description: text("t") } },
        criteria: [{ id: "1", title: text("t"), points: 100, rule: { var: "t" } }],
      }),
    );
    const o = runCase(set, { name: "sub-unit", data: { t: { data: {} } }, expect: { verdict: "pass" } });
    expect(o.ok).toBe(false);
    expect(o.differences[0]!.field).toBe("error");
    expect(o.differences[0]!.actual).toMatchObject({ key: "case.error", params: { code: "ERR_OPTIONS" } });
    expect(say(o.differences[0]!.actual as Message, "en")).toMatch(/options\.sets.*\[ERR_OPTIONS\]/);
  });

  it("are found next to a criteria file, including generated ones, and below a folder", () => {
    const root = workspace(dvht(), {
      "2020.1.0.cases.json": cases([]),
      "2020.1.0.boundaries.cases.json": cases([]),
      "2020.1.0.1.cases.json": "{}",
      "2021.1.0.cases.json": "{}",
    });
    const names = (paths: string[]) => paths.map((p) => p.slice(root.length + 1));
    expect(names(findCaseFiles(join(root, "don-vi-hoc-tap/2020.1.0.json")))).toEqual([
      "don-vi-hoc-tap/2020.1.0.boundaries.cases.json",
      "don-vi-hoc-tap/2020.1.0.cases.json",
    ]);
    expect(names(findCaseFiles(root))).toHaveLength(4);
  });
});

describe("tieuchi test", () => {
  it("prints a line per case and exits 0 when every case holds", () => {
    const r = run("test", SET, "--lang", "en");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^✔ criteria\/don-vi-hoc-tap\/2020\.1\.0\.cases\.json {2}don-vi-hoc-tap@2020\.1\.0$/m);
    expect(r.out).toContain("  ✔ all criteria met: 100 points, grade Tốt\n");
    expect(r.out).toContain("  ✔ rejects an unknown field\n");
    expect(r.out).toMatch(/\n\d+ cases in \d+ files?: \d+ passed, 0 failed\n$/);
  });

  it("shows expected against actual for each difference of a failing case, with the explanation, and exits 1", () => {
    const root = workspace(dvht(), {
      "2020.1.0.cases.json": cases([
        { name: "holds", data: UNIT, expect: { verdict: "pass", grade: "tot", points: 85 } },
        { name: "wrong about 2.1 and 3.3", data: UNIT, expect: { verdict: "pass", criteria: { "2.1": "pass", "3.3": "pass", "1.1": "pass" } } },
        { name: "wrong verdict", data: UNIT, expect: { verdict: "fail", points: 40 } },
      ]),
    });
    const r = run("test", root, "--lang", "en");
    expect(r.code).toBe(1);
    const lines = r.out.split("\n");
    const at = lines.indexOf("  ✘ wrong about 2.1 and 3.3");
    expect(lines.slice(at, at + 5)).toEqual([
      "  ✘ wrong about 2.1 and 3.3",
      "      criterion 2.1 (100% of members have an approved yearly self-study plan): expected pass, got fail",
      "        Only 11 of 12 members (91.7%) have an approved self-study plan; 100% required.",
      "      criterion 3.3 (Helps create knowledge sharing with other units): expected pass, got fail",
      expect.stringMatching(/^ {8}Not met \(0\/5 points\)/),
    ]);
    expect(r.out).toContain("  ✘ wrong verdict\n      verdict: expected fail, got pass\n      points: expected 40, got 85\n");
    expect(r.out).toContain("  ✔ holds\n");
    expect(r.out).toContain("3 cases in 1 file: 1 passed, 2 failed");
    const vi = run("test", root);
    expect(vi.out).toContain("      kết luận: cần «fail» (chưa đạt), thực tế «pass» (đạt)\n");
  });

  it("prints the outcomes as JSON with --json", () => {
    const root = workspace(dvht(), { "2020.1.0.cases.json": cases([{ name: "wrong verdict", data: UNIT, expect: { verdict: "fail" } }]) });
    const r = run("test", root, "--json");
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out);
    expect(report.ok).toBe(false);
    expect(report.summary).toEqual({ files: 1, cases: 1, passed: 0, failed: 1, fileErrors: 0 });
    expect(report.files[0].set).toMatchObject({ id: "don-vi-hoc-tap", version: "2020.1.0" });
    expect(report.files[0].cases[0]).toEqual({ name: "wrong verdict", ok: false, differences: [{ field: "verdict", expected: "fail", actual: "pass" }] });
  });

  it("reports a case file it cannot run, runs the others, and exits 1", () => {
    const root = workspace(dvht(), {
      "2020.1.0.cases.json": cases([{ name: "holds", data: UNIT, expect: { verdict: "pass" } }]),
      "2020.1.0.broken.cases.json": cases([{ name: "no verdict", data: UNIT, expect: { points: 85 } }]),
      "2019.1.0.cases.json": { set: { id: "don-vi-hoc-tap", version: "2019.1.0" }, cases: [{ name: "x", data: {}, expect: { verdict: "pass" } }] },
    });
    const r = run("test", root, "--lang", "en");
    expect(r.code).toBe(1);
    expect(r.out).toMatch(
      /✘ .*2020\.1\.0\.broken\.cases\.json\n {4}The case file .* is invalid \(1 problem\):\n {6}- cases\[0\]\.expect\.verdict \(line 1, column \d+\): a case states the verdict/,
    );
    expect(r.out).toMatch(
      /✘ .*2019\.1\.0\.cases\.json\n {4}.*tests don-vi-hoc-tap@2019\.1\.0, but there is no criteria file .*2019\.1\.0\.json next to it \[ERR_SET_NOT_FOUND\]/,
    );
    expect(r.out).toContain("  ✔ holds");
    expect(r.out).toContain("2 files could not be run");
  });

  it("exits 2 when there are no case files to run", () => {
    const r = run("test", "--lang", "en", mkdtempSync(join(tmpdir(), "tieuchi-none-")));
    expect(r.code).toBe(2);
    expect(r.err).toContain("no case files (*.cases.json) found");
    expect(run("test", "--lang", "en", "/nonexistent/criteria").err).toContain("/nonexistent/criteria: no such file");
  });
});

describe("coverage", () => {
  const mini = () => readJson("test/fixtures/mini-family.json") as Record<string, unknown>;

  it("judges which statuses each criterion can take", () => {
    const set = loadCriteriaSet(
      makeSet({
        completeness: { level: "partial" },
        criteria: [
          { id: "plain", title: text("a"), points: 40, rule: { var: "a" } },
          { id: "applies", title: text("b"), points: 20, applies: { var: "b" }, rule: { ">=": [{ var: "n" }, 3] } },
          { id: "share", title: text("s"), points: 20, rule: { shareAtLeast: [90, { var: "members" }, { var: "ok" }] } },
          { id: "literal", title: text("t"), points: 10, rule: true },
          { id: "todo", title: text("p"), points: 10, pending: { reason: text("not known") } },
        ],
      }),
    );
    expect(Object.fromEntries(possibleStatuses(set))).toEqual({
      plain: { pass: true, fail: true, missing: true, "not-applicable": false },
      applies: { pass: true, fail: true, missing: true, "not-applicable": true },
      share: { pass: true, fail: true, missing: true, "not-applicable": true },
      literal: { pass: true, fail: true, missing: false, "not-applicable": false },
      todo: { pass: false, fail: false, missing: true, "not-applicable": false },
    });
    // A share taken through a derived value can be not applicable too.
    expect(possibleStatuses(loadCriteriaSet(mini())).get("1")!["not-applicable"]).toBe(true);
  });

  it("counts the statuses the cases saw, and names the criteria never seen both passing and failing", () => {
    const set = loadCriteriaSet(dvht());
    const file = parseCaseFile(readJson("criteria/don-vi-hoc-tap/2020.1.0.cases.json"));
    const all = caseCoverage(set, runCaseFile(set, file));
    expect(all.gaps).toEqual([]);
    expect(all.evaluated).toBe(file.cases.filter((c) => !c.expect.invalidData).length);
    // TT 22/2020 declares that an agency with no members fails 2.1 (emptyGroup: fail): it is never not applicable.
    const c21 = all.criteria.find((c) => c.id === "2.1")!;
    expect(c21.seen["not-applicable"]).toBe(0);
    expect(c21.possible).toEqual({ pass: true, fail: true, missing: true, "not-applicable": false });

    const some = caseCoverage(set, runCaseFile(set, { ...file, cases: file.cases.slice(0, 2) }));
    expect(some.gaps).toEqual(["1.1", "1.2", "1.3", "2.1", "2.3", "3.1", "3.2"]);
    expect(some.criteria.find((c) => c.id === "2.2")).toMatchObject({ passAndFail: true, complete: false, seen: { pass: 1, fail: 1, missing: 0 } });
  });

  it("prints a table with --coverage, and fails under --require-both while a criterion was never seen passing and failing", () => {
    const root = workspace(dvht(), { "2020.1.0.cases.json": cases([{ name: "the sample", data: UNIT, expect: { verdict: "pass" } }]) });
    const r = run("test", root, "--coverage", "--lang", "en");
    expect(r.code).toBe(0);
    expect(r.out).toContain("Coverage of don-vi-hoc-tap@2020.1.0 (1 cases, 1 file):\nCriterion  pass  fail  missing  n/a\n");
    expect(r.out).toMatch(/\n2\.1 {8}· {5}✔ 1 {3}· {8}– {4}✘ never seen pass\n/);
    expect(r.out).toMatch(/\n3\.2 {8}✔ 1 {3}· {5}· {8}– {4}✘ never seen fail\n/);
    expect(r.out).toContain("0/10 criteria seen both passing and failing");
    const strict = run("test", root, "--require-both", "--lang", "en");
    expect(strict.code).toBe(1);
    expect(strict.out).toContain("10 criteria never seen both passing and failing (--require-both)");
    const json = JSON.parse(run("test", root, "--require-both", "--json").out);
    expect(json.summary.coverageGaps).toBe(10);
    expect(json.coverage[0].gaps).toHaveLength(10);
  });

  // Every case of every shipped set: seconds on a busy 2-core machine.
  it("passes --require-both on the shipped criteria, with every case file of each set counted together", { timeout: 120_000 }, () => {
    const r = run("test", "criteria", "--require-both", "--lang", "en");
    expect(r.code, r.out).toBe(0);
  });

  it("exempts pending criteria from --require-both, and says so", () => {
    const set = makeSet({
      completeness: { level: "partial" },
      criteria: [
        { id: "1", title: text("a"), points: 90, rule: { var: "a" } },
        { id: "2", title: text("later"), points: 10, pending: { reason: text("text not found") } },
      ],
    });
    const root = workspace(set, {
      "1.0.0.cases.json": {
        set: { id: "test-set", version: "1.0.0" },
        cases: [
          { name: "a", data: { a: true }, expect: { verdict: "pass", criteria: { "2": "missing" } } },
          { name: "not a", data: { a: false }, expect: { verdict: "fail" } },
        ],
      },
    });
    const r = run("test", root, "--require-both", "--lang", "en");
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(/\n2 {10}– {5}– {5}✔ 2 {6}– {4}pending \(not encoded\): missing where it applies, exempt from pass and fail\n/);
    expect(r.out).toContain("1/1 criteria seen both passing and failing");
  });
});

describe("the shipped case files", () => {
  it("are all valid against the case-file JSON Schema written to criteria/ (run `npm run schema`)", async () => {
    const { caseFileJsonSchema } = await import("../src/testing/cases.js");
    expect(JSON.parse(readFileSync(join(ROOT, "criteria/case-file.schema.json"), "utf8"))).toEqual(caseFileJsonSchema());
  });
});

describe("tieuchi test with sub-units", () => {
  it("finds the sets that decide sub-units' titles next to the set's folder, only when a case needs them", () => {
    const sub = makeSet({ id: "gia-dinh-thu", criteria: [{ id: "1", title: text("a"), points: 100, rule: { var: "a" } }] });
    const parent = makeSet({
      id: "dong-ho-thu",
      inputs: { giaDinh: { type: "array", description: text("families"), items: { type: "title", set: "gia-dinh-thu", description: text("family") } } },
      criteria: [{ id: "1", title: text("families"), points: 100, rule: { shareAtLeast: [50, { var: "giaDinh" }, { var: "" }] } }],
    });
    const root = workspace(parent, {
      "1.0.0.cases.json": {
        set: { id: "dong-ho-thu", version: "1.0.0" },
        cases: [
          { name: "one of two families qualifies", data: { giaDinh: [{ data: { a: true } }, { data: { a: false } }] }, expect: { verdict: "pass" } },
          { name: "titles given directly", data: { giaDinh: [false, false] }, expect: { verdict: "fail" } },
        ],
      },
    });
    const subDir = join(root, "gia-dinh-thu");
    mkdirSync(subDir);
    writeFileSync(join(subDir, "1.0.0.json"), JSON.stringify(sub));
    const r = run("test", join(root, "dong-ho-thu"), "--lang", "en");
    expect(r.code, r.out).toBe(0);
    // Without the sub-unit's set, only the case that needs it fails, and says why.
    writeFileSync(join(subDir, "1.0.0.json"), "{ broken");
    const broken = run("test", join(root, "dong-ho-thu"), "--lang", "en");
    expect(broken.code).toBe(1);
    expect(broken.out).toMatch(/✘ one of two families qualifies\n {6}error: expected the case to be evaluated, got .*1\.0\.0\.json:1:3: not valid JSON/);
    expect(broken.out).toContain("  ✔ titles given directly");
  });
});

describe("generated case files", () => {
  it("are flagged when the criteria file changed since they were generated", () => {
    const set = dvht() as Record<string, unknown>;
    const generated = {
      ...cases([{ name: "holds", data: UNIT, expect: { verdict: "pass" } }]),
      generated: { by: "tieuchi cases --boundaries", hash: `sha256:${"0".repeat(64)}` },
    };
    const root = workspace(set, { "2020.1.0.boundaries.cases.json": generated });
    const r = run("test", root, "--lang", "en");
    expect(r.code).toBe(0);
    expect(r.out).toContain("  ! these cases were generated from another version of the criteria file");
    expect(JSON.parse(run("test", root, "--json").out).files[0].stale).toBe(true);
    const fresh = { ...generated, generated: { by: "tieuchi cases --boundaries", hash: loadCriteriaSet(set).hash } };
    const root2 = workspace(set, { "2020.1.0.boundaries.cases.json": fresh });
    expect(run("test", root2, "--lang", "en").out).not.toContain("!");
  });
});
