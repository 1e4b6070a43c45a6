import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "./run-cli.js";
import { evaluate, loadCriteriaSet, UnitDataError, type Rule } from "../src/index.js";
import { boundaryCases, groupSizeFor } from "../src/testing/boundaries.js";
import { parseCaseFile, runCaseFile } from "../src/testing/cases.js";
import { compactJson } from "../src/testing/json.js";
import { createRng, randomRecord } from "../src/testing/random.js";
import { Solver } from "../src/testing/solve.js";
import { generateUnits, UnitMaker } from "../src/testing/units.js";
import { oracle } from "./oracle/oracle.js";
import { makeSet, readJson, text } from "./helpers.js";

const dvht = loadCriteriaSet(readJson("criteria/don-vi-hoc-tap/2020.1.0.json"));
const mini = loadCriteriaSet(readJson("test/fixtures/mini-family.json"));

describe("the seeded generator", () => {
  it("gives the same numbers for the same seed, on every machine", () => {
    const a = createRng("huyen-mau");
    const b = createRng("huyen-mau");
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    // Pinned values: mulberry32 over FNV-1a of the seed uses integer arithmetic only.
    expect(createRng(42).int(0, 1_000_000)).toBe(createRng(42).int(0, 1_000_000));
    expect(createRng("a").next()).not.toBe(createRng("b").next());
    expect(createRng(1).next()).not.toBe(createRng("1").next());
  });

  it("forks independent generators that do not depend on how much the parent was used", () => {
    const a = createRng("s");
    const b = createRng("s");
    b.next();
    b.next();
    expect(a.fork("x").next()).toBe(b.fork("x").next());
    expect(a.fork("x").next()).not.toBe(a.fork("y").next());
  });

  it("draws values every declared input accepts", () => {
    for (const set of [dvht, mini, loadCriteriaSet(makeSet())]) {
      const rng = createRng("values");
      for (let i = 0; i < 200; i++) {
        const data = randomRecord(set.definition.inputs, rng, { listLength: [0, 4] });
        expect(set.dataSchema.safeParse(data).success).toBe(true);
      }
    }
  });
});

describe("generated units", () => {
  it("start from a baseline that meets every criterion", () => {
    for (const set of [dvht, mini]) {
      const b = new UnitMaker(set, { seed: 3 }).baseline();
      expect(b.unmet).toEqual([]);
      expect(b.result.verdict).toBe("pass");
      expect(b.result.criteria.every((c) => c.status === "pass")).toBe(true);
    }
  });

  it("are a pure function of the seed and their position", () => {
    const first = [...generateUnits(dvht, 12, { seed: "x" })];
    expect([...generateUnits(dvht, 12, { seed: "x" })]).toEqual(first);
    expect([...generateUnits(dvht, 4, { seed: "x" })]).toEqual(first.slice(0, 4));
    expect([...generateUnits(dvht, 4, { seed: "y" })]).not.toEqual(first.slice(0, 4));
  });

  it("pass, fail or lack data as aimed", () => {
    const verdicts = (opts: { fail?: number; missing?: number }) =>
      [...generateUnits(dvht, 30, { seed: "aims", ...opts })].map((d) => evaluate(dvht, d, { explain: false }));
    for (const r of verdicts({ fail: 0, missing: 0 })) expect(r.criteria.map((c) => c.status)).toEqual(Array(10).fill("pass"));
    for (const r of verdicts({ fail: 1 })) {
      expect(r.verdict).toBe("fail");
      expect(r.criteria.map((c) => c.status)).toEqual(Array(10).fill("fail"));
    }
    for (const r of verdicts({ fail: 0, missing: 1 })) {
      expect(r.verdict).toBe("incomplete");
      expect(r.criteria.map((c) => c.status)).toEqual(Array(10).fill("missing"));
    }
    const mixed = verdicts({ fail: 0.2, missing: 0.05 });
    expect(new Set(mixed.map((r) => r.verdict))).toEqual(new Set(["pass", "fail", "incomplete"]));
  });
});

describe("the solver", () => {
  const set = loadCriteriaSet(
    makeSet({
      inputs: {
        ...(makeSet().inputs as object),
        x: { type: "number", min: 0, max: 10, description: text("x") },
        d: { type: "date", description: text("d") },
        t: { type: "title", set: "gia-dinh-van-hoa", description: text("t") },
      },
      derived: { adults: { description: text("adults"), rule: { filter: [{ var: "members" }, { ">=": [{ var: "age" }, 18] }] } } },
    }),
  );
  const rules: Rule[] = [
    { var: "a" },
    { "!": { var: "a" } },
    { and: [{ var: "a" }, { "!": { var: "b" } }] },
    { or: [{ var: "a" }, { var: "b" }] },
    { ">=": [{ var: "n" }, 5] },
    { "<": [3, { var: "k" }] },
    { "<=": [6, { var: "n" }, 14] },
    { "==": [{ var: "xepLoai" }, "Khá"] },
    { in: [{ var: "xepLoai" }, ["Tốt", "Khá"]] },
    { ">": [{ var: "x" }, 2.5] },
    { ">=": [{ var: "d" }, "2024-01-01"] },
    { var: "t" },
    { some: [{ var: "members" }, { ">=": [{ var: "age" }, 60] }] },
    { all: [{ var: "members" }, { var: "ok" }] },
    { none: [{ var: "members" }, { var: "sick" }] },
    { ">=": [{ count: [{ var: "members" }, { var: "ok" }] }, 3] },
    { shareAtLeast: [90, { var: "members" }, { var: "ok" }] },
    { shareAtMost: [25, { var: "members" }, { var: "ok" }, { var: "sick" }] },
    { ratioAtLeast: [{ var: "k" }, { var: "n" }, 75] },
    { ratioAtMost: [{ var: "k" }, { var: "n" }, 10] },
    { shareAtLeast: [100, { var: "adults" }, { var: "ok" }] },
    { if: [{ var: "a" }, { ">=": [{ var: "n" }, 5] }, { var: "b" }] },
    { "!!": { filter: [{ var: "members" }, { "<": [{ var: "age" }, 6] }] } },
    { ">=": [{ sum: [{ var: "members" }, { var: "age" }] }, 50] },
    { sum: [{ var: "adults" }, { var: "age" }] },
  ];

  for (const want of [true, false])
    it(`makes rules of every supported shape come out ${want}`, () => {
      rules.forEach((rule, i) => {
        const data = randomRecord(set.definition.inputs, createRng(`solver-${i}`), { listLength: [1, 5] });
        const solver = new Solver(set, createRng(i));
        const scope = solver.root(data);
        expect(solver.force(rule, want, scope), JSON.stringify(rule)).toBe(true);
        const v = solver.valueOf(rule, scope);
        expect(v, JSON.stringify(rule)).toBeDefined();
        expect(Array.isArray(v!.value) ? v!.value.length > 0 : !!v!.value, `${JSON.stringify(rule)} on ${JSON.stringify(data)}`).toBe(want);
        expect(set.dataSchema.safeParse(data).success).toBe(true);
      });
    });

  it("says so when the inputs' ranges forbid the outcome", () => {
    const narrow = loadCriteriaSet(
      makeSet({
        inputs: { n: { type: "integer", min: 5, max: 9, description: text("n") } },
        criteria: [{ id: "1", title: text("n"), points: 100, rule: { ">=": [{ var: "n" }, 5] } }],
      }),
    );
    const solver = new Solver(narrow, createRng(1));
    expect(solver.force({ ">=": [{ var: "n" }, 5] }, false, solver.root({ n: 7 }))).toBe(false);
    expect(solver.force({ shareAtLeast: [0, { var: "n" }, true] }, false, solver.root({ n: 7 }))).toBe(false);
  });
});

describe("boundary cases", () => {
  const one = (rule: Rule, inputs: Record<string, unknown> = {}) =>
    loadCriteriaSet(
      makeSet({
        ...(Object.keys(inputs).length ? { inputs: { ...(makeSet().inputs as object), ...inputs } } : {}),
        criteria: [{ id: "1", title: text("one"), points: 100, rule }],
      }),
    );
  const names = (set: ReturnType<typeof one>) => boundaryCases(set, { lang: "en" }).file.cases.map((c) => [c.name, c.expect.verdict, c.expect.criteria?.["1"]]);

  it("use the smallest group in which the percentage is a whole number of items", () => {
    expect([100, 90, 50, 75, 89, 12.5, 0, 33.3].map(groupSizeFor)).toEqual([2, 10, 2, 4, 100, 8, 2, 10]);
  });

  it("put a comparison of a whole number at, just below and just above its line", () => {
    expect(names(one({ ">=": [{ var: "n" }, 5] })).slice(0, 3)).toEqual([
      ["1: n = 4 (just below 5)", "fail", "fail"],
      ["1: n = 5 (at the line 5)", "pass", "pass"],
      ["1: n = 6 (just above 5)", "pass", "pass"],
    ]);
    expect(names(one({ "<": [3, { var: "k" }] })).slice(0, 3)).toEqual([
      ["1: k = 2 (just below 3)", "fail", "fail"],
      ["1: k = 3 (at the line 3)", "fail", "fail"],
      ["1: k = 4 (just above 3)", "pass", "pass"],
    ]);
  });

  it("step a decimal number by its last decimal, and a date by a day", () => {
    const x = { x: { type: "number", min: 0, max: 10, description: text("x") }, d: { type: "date", description: text("d") } };
    expect(
      names(one({ ">=": [{ var: "x" }, 2.5] }, x))
        .slice(0, 3)
        .map((n) => n[0]),
    ).toEqual(["1: x = 2.4 (just below 2.5)", "1: x = 2.5 (at the line 2.5)", "1: x = 2.6 (just above 2.5)"]);
    expect(names(one({ ">=": [{ var: "d" }, "2024-03-01"] }, x)).slice(0, 3)).toEqual([
      ["1: d = 2024-02-29 (just below 2024-03-01)", "fail", "fail"],
      ["1: d = 2024-03-01 (at the line 2024-03-01)", "pass", "pass"],
      ["1: d = 2024-03-02 (just above 2024-03-01)", "pass", "pass"],
    ]);
  });

  it("leave out a side the input's range forbids, and say so", () => {
    const set = one({ ">=": [{ var: "n" }, 5] }, { n: { type: "integer", min: 5, max: 100, description: text("n") } });
    const made = boundaryCases(set, { lang: "en" });
    expect(made.file.cases.map((c) => c.name).slice(0, 2)).toEqual(["1: n = 5 (at the line 5)", "1: n = 6 (just above 5)"]);
    expect(made.skipped).toContainEqual({
      criterion: "1",
      where: "rule",
      reason: "n = 4 is outside the input's range",
      detail: { key: "bound.value", params: { label: "n", value: "4", why: "range" } },
    });
  });

  it("put the other side of an 'or' out of the way, so the threshold decides", () => {
    expect(names(one({ or: [{ var: "a" }, { ">=": [{ var: "n" }, 5] }] })).slice(0, 2)).toEqual([
      ["1: n = 4 (just below 5)", "fail", "fail"],
      ["1: n = 5 (at the line 5)", "pass", "pass"],
    ]);
  });

  it("build shares, ratios and counts at their lines, and the empty group", () => {
    expect(names(one({ shareAtLeast: [90, { var: "members" }, { var: "ok" }] }))).toEqual([
      ["1: 8/10 members (just below 90%)", "fail", "fail"],
      ["1: 9/10 members (at the line 90%)", "pass", "pass"],
      ["1: 10/10 members (just above 90%)", "pass", "pass"],
      ["1: members: empty group (0)", "pass", "not-applicable"],
      ["pass mark 50: 0 points (just below)", "fail", "fail"],
      ["pass mark 50: 100 points (just above)", "pass", undefined],
    ]);
    expect(names(one({ ratioAtMost: [{ var: "k" }, { var: "n" }, 10] })).slice(0, 4)).toEqual([
      ["1: 2/10 (just below 10%)", "fail", "fail"],
      ["1: 1/10 (at the line 10%)", "pass", "pass"],
      ["1: 0/10 (just above 10%)", "pass", "pass"],
      ["1: empty group (0/0)", "pass", "not-applicable"],
    ]);
    expect(names(one({ ">=": [{ count: [{ var: "members" }, { var: "ok" }] }, 3] })).slice(0, 3)).toEqual([
      ["1: count of members = 2 (just below 3)", "fail", "fail"],
      ["1: count of members = 3 (at the line 3)", "pass", "pass"],
      ["1: count of members = 4 (just above 3)", "pass", "pass"],
    ]);
  });

  it("put a sum on both sides of its line: compared with a number, and as the part and the whole of a ratio", () => {
    const total = { sum: [{ var: "members" }, { var: "age" }] };
    expect(names(one({ ">=": [total, 100] })).slice(0, 3)).toEqual([
      ["1: sum of age over members = 99 (just below 100)", "fail", "fail"],
      ["1: sum of age over members = 100 (at the line 100)", "pass", "pass"],
      ["1: sum of age over members = 101 (just above 100)", "pass", "pass"],
    ]);
    // Certificates of merit at most 15% of the families recognised three years running, both summed over the
    // residential areas (the example of docs/adding-an-operator.md).
    const areas = {
      khuDanCu: {
        type: "array",
        description: text("areas"),
        items: {
          type: "object",
          description: text("area"),
          fields: { giayKhen: { type: "integer", min: 0, description: text("k") }, giaDinhBaNam: { type: "integer", min: 0, description: text("n") } },
        },
      },
    };
    const sumOf = (field: string) => ({ sum: [{ var: "khuDanCu" }, { var: field }] });
    const made = boundaryCases(one({ ratioAtMost: [sumOf("giayKhen"), sumOf("giaDinhBaNam"), 15] }, areas), { lang: "en" });
    expect(made.skipped.filter((x) => x.criterion === "1")).toEqual([]);
    expect(made.file.cases.slice(0, 4).map((c) => [c.name, c.expect.criteria?.["1"]])).toEqual([
      ["1: 4/20 (just below 15%)", "fail"],
      ["1: 3/20 (at the line 15%)", "pass"],
      ["1: 2/20 (just above 15%)", "pass"],
      ["1: empty group (0/0)", "not-applicable"],
    ]);
    const totals = (c: (typeof made.file.cases)[number]) =>
      ["giayKhen", "giaDinhBaNam"].map((f) => (c.data.khuDanCu as Record<string, number>[]).reduce((n, area) => n + area[f]!, 0));
    expect(made.file.cases.slice(0, 4).map(totals)).toEqual([
      [4, 20],
      [3, 20],
      [2, 20],
      [0, 0],
    ]);
  });

  it("count an excluded item out of a share's group", () => {
    const made = boundaryCases(one({ shareAtLeast: [100, { var: "members" }, { var: "ok" }, { var: "sick" }] }), { lang: "en" });
    const c = made.file.cases.find((x) => x.name.includes("excluded"))!;
    expect(c.name).toBe("1: 2/2 members, plus one excluded item (at the line 100%)");
    expect((c.data.members as { ok: boolean; sick: boolean }[]).map((m) => [m.ok, m.sick])).toEqual([
      [false, true],
      [true, false],
      [true, false],
    ]);
    expect(c.expect.criteria?.["1"]).toBe("pass");
  });

  it("reach the pass mark and each grade band exactly, and just either side, on TT 22/2020", () => {
    const made = boundaryCases(dvht, { lang: "en" });
    const bands = made.file.cases.filter((c) => /points/.test(c.name)).map((c) => [c.name, c.expect.verdict, c.expect.grade, c.expect.points]);
    expect(bands).toEqual([
      ["pass mark 50, grade Average: 45 points (just below)", "fail", null, 45],
      ["pass mark 50, grade Average: 50 points (at the line)", "pass", "trung-binh", 50],
      ["pass mark 50, grade Average: 55 points (just above)", "pass", "trung-binh", 55],
      ["grade Good 85: 80 points (just below)", "pass", "kha", 80],
      ["grade Good 85: 85 points (at the line)", "pass", "tot", 85],
      ["grade Good 85: 90 points (just above)", "pass", "tot", 90],
      ["grade Fairly good 70: 65 points (just below)", "pass", "trung-binh", 65],
      ["grade Fairly good 70: 70 points (at the line)", "pass", "kha", 70],
    ]);
    // 75 points is 3.1 failing alone: the same data as a share case, which says it stands for both.
    const c31 = made.file.cases.find((c) => c.name === "3.1: 1/2 members (just below 100%)")!;
    expect(c31.expect).toEqual({ verdict: "pass", grade: "kha", points: 75, criteria: { "3.1": "fail" } });
    expect(c31.description).toContain("Also the case: grade Fairly good 70: 75 points (just above).");
    const shares = made.file.cases.filter((c) => /members/.test(c.name)).map((c) => [c.name, c.expect.criteria]);
    expect(shares.slice(0, 3)).toEqual([
      ["2.1: 1/2 members (just below 100%)", { "2.1": "fail" }],
      ["2.1: 2/2 members (at the line 100%)", { "2.1": "pass" }],
      // TT 22/2020 declares that an agency with no members fails the member criteria (emptyGroup: fail).
      ["2.1: members: empty group (0)", { "2.1": "fail", "2.2": "fail", "2.3": "fail", "2.4": "fail", "3.1": "fail" }],
    ]);
    expect(made.skipped).toEqual([]);
  });

  it("reach bands through tiers and scores, and show each mandatory criterion knocking the title out", () => {
    const set = loadCriteriaSet(
      makeSet({
        criteria: [
          {
            id: "tier",
            title: text("tier"),
            points: {
              max: 40,
              tiers: [
                { points: 40, when: { ">=": [{ var: "n" }, 10] } },
                { points: 20, when: { ">=": [{ var: "n" }, 5] } },
              ],
            },
          },
          { id: "score", title: text("score"), points: { max: 10, score: { var: "k" } }, rule: { ">=": [{ var: "k" }, 0] } },
          { id: "must", title: text("must"), mandatory: true, points: 50, rule: { var: "a" } },
        ],
        decision: {
          method: "points",
          maxPoints: 100,
          passMark: 73,
          grades: [
            { id: "tot", title: text("Tốt"), minPoints: 91 },
            { id: "dat", title: text("Đạt"), minPoints: 73 },
          ],
        },
      }),
    );
    const made = boundaryCases(set, { lang: "en" });
    // Through the tier (40 or 20 points) and the score (any of 0 to 10): every line is reached exactly.
    const byPoints = new Map(made.file.cases.map((c) => [c.expect.points, c.expect]));
    expect([72, 73, 74, 90, 91, 92].map((p) => [p, byPoints.get(p)?.verdict, byPoints.get(p)?.grade])).toEqual([
      [72, "fail", null],
      [73, "pass", "dat"],
      [74, "pass", "dat"],
      [90, "pass", "dat"],
      [91, "pass", "tot"],
      [92, "pass", "tot"],
    ]);
    // 90 and 91 points are also the score's own line (k = 0, k = 1): one case each, saying so.
    expect(made.file.cases.find((c) => c.name === "score: k = 1 (just above 0)")!.description).toContain(
      "Also the case: grade Tốt 91: 91 points (at the line).",
    );
    expect(made.file.cases.find((c) => c.name.startsWith("mandatory criterion must fails"))!.expect).toMatchObject({
      verdict: "fail",
      grade: null,
      criteria: { must: "fail" },
    });
  });

  it("show each criterion failing alone under an all-must-pass decision with levels", () => {
    const set = loadCriteriaSet(
      makeSet({
        criteria: [
          { id: "1", title: text("a"), level: "muc-1", rule: { var: "a" } },
          { id: "2", title: text("b"), level: "muc-2", rule: { ">=": [{ var: "n" }, 3] } },
        ],
        decision: {
          method: "all",
          levels: [
            { id: "muc-1", title: text("Mức 1") },
            { id: "muc-2", title: text("Mức 2") },
          ],
        },
      }),
    );
    const made = boundaryCases(set, { lang: "en" });
    expect(made.file.cases.map((c) => [c.name, c.expect.verdict, c.expect.grade])).toEqual([
      ["2: n = 2 (just below 3)", "pass", "muc-1"],
      ["2: n = 3 (at the line 3)", "pass", "muc-2"],
      ["2: n = 4 (just above 3)", "pass", "muc-2"],
      ["only criterion 1 fails: a", "fail", null],
    ]);
    expect(made.file.cases[3]!.description).toBe("1 (muc-1): a: yes.");
  });

  it("hold when run, and survive being written and read back as a case file", () => {
    for (const set of [dvht, mini]) {
      const { file } = boundaryCases(set);
      const again = parseCaseFile(JSON.parse(compactJson(file)));
      expect(again).toEqual(file);
      const failed = runCaseFile(set, again).filter((o) => !o.ok);
      expect(failed).toEqual([]);
      for (const c of again.cases) expect(() => evaluate(set, c.data)).not.toThrow(UnitDataError);
    }
  });

  it("keep only the inputs some criterion reads, unless asked for all", () => {
    const lean = boundaryCases(dvht).file.cases[0]!.data;
    expect(Object.keys(lean)).not.toContain("tenDonVi");
    expect(Object.keys((lean.thanhVien as object[])[0]!)).not.toContain("hoTen");
    expect(Object.keys(boundaryCases(dvht, { allInputs: true }).file.cases[0]!.data)).toContain("tenDonVi");
  });
});

describe("the sets' constraints (a part at most its whole)", () => {
  const shipped = readdirSync("criteria", { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .flatMap((e) =>
      readdirSync(join("criteria", e.name))
        .filter((f) => /^\d{4}\.\d+\.\d+\.json$/.test(f))
        .map((f) => `criteria/${e.name}/${f}`),
    )
    .map((f) => loadCriteriaSet(readJson(f)))
    .filter((set) => set.definition.constraints.length > 0);

  it("are kept by generated units and boundary cases of every shipped set that declares some", { timeout: 120_000 }, () => {
    // Random data broke them (a part drawn above its whole), and tieuchi cases --boundaries stopped with the
    // data check's error on 6 of the shipped sets.
    expect(shipped.length).toBeGreaterThanOrEqual(10);
    for (const set of shipped) {
      const label = `${set.definition.id}@${set.definition.version}`;
      for (const data of generateUnits(set, 30, { seed: label })) expect(() => evaluate(set, data, { explain: false }), label).not.toThrow();
      const made = boundaryCases(set, { lang: "en" });
      expect(made.file.cases.length, label).toBeGreaterThan(0);
      for (const c of made.file.cases) expect(() => evaluate(set, c.data, { explain: false }), `${label}: ${c.name}`).not.toThrow();
    }
  });

  it("are kept when the solver sets a part or a whole: the other side follows, within its range", () => {
    const set = loadCriteriaSet(
      makeSet({
        inputs: {
          ...(makeSet().inputs as object),
          whole: { type: "integer", min: 0, max: 50, description: text("whole") },
          part: { type: "integer", min: 0, description: text("part") },
        },
        constraints: [{ atMost: ["part", "whole"] }],
      }),
    );
    const solver = new Solver(set, createRng(1));
    const data = { whole: 10, part: 5 };
    expect(solver.assign({ var: "part" }, 20, solver.root(data))).toBe(true);
    expect(data).toEqual({ whole: 20, part: 20 });
    expect(solver.assign({ var: "whole" }, 3, solver.root(data))).toBe(true);
    expect(data).toEqual({ whole: 3, part: 3 });
    // The whole cannot go past 50: a part of 60 is refused, and nothing is written.
    expect(solver.assign({ var: "part" }, 60, solver.root(data))).toBe(false);
    expect(data).toEqual({ whole: 3, part: 3 });
    expect(solver.settle({ whole: 4, part: 9 })).toEqual({ whole: 4, part: 4 });
  });
});

describe("tieuchi cases --boundaries", () => {
  it("prints the case file, which then passes tieuchi test", () => {
    const r = run("cases", "--boundaries", "criteria/don-vi-hoc-tap/2020.1.0.json");
    expect(r.code).toBe(0);
    const file = parseCaseFile(JSON.parse(r.out));
    expect(file.generated).toMatchObject({ by: "tieuchi cases --boundaries", hash: dvht.hash, seed: "tieuchi" });
    expect(file.cases.map((c) => c.name)).toContain("mức đạt 50, xếp loại Trung bình: 50 điểm (tại ngưỡng)");
    expect(r.out).toBe(compactJson(boundaryCases(dvht).file));
    // The names and descriptions the tool writes: Vietnamese first, English with --lang en.
    expect(file.cases[0]!.description).toBe("2.1 (quy tắc): ít nhất 100% thành viên đạt: có kế hoạch tự học được duyệt.");
    const en = parseCaseFile(JSON.parse(run("cases", "--boundaries", "criteria/don-vi-hoc-tap/2020.1.0.json", "--lang", "en").out));
    expect(en.cases[0]!.description).toBe("2.1 (rule): at least 100% of members meet: approved self-study plan.");
    expect(en.cases.map((c) => c.name)).toContain("pass mark 50, grade Average: 50 points (at the line)");
  });

  it("writes --out next to the set, overwrites a generated file, and never a hand-written one", () => {
    const dir = join(mkdtempSync(join(tmpdir(), "tieuchi-cases-")), "don-vi-hoc-tap");
    mkdirSync(dir);
    writeFileSync(join(dir, "2020.1.0.json"), readFileSync("criteria/don-vi-hoc-tap/2020.1.0.json"));
    const out = join(dir, "2020.1.0.boundaries.cases.json");
    const r = run("cases", "--boundaries", join(dir, "2020.1.0.json"), "--out", out, "--lang", "en");
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^Wrote \d+ boundary cases for don-vi-hoc-tap@2020\.1\.0 to .*2020\.1\.0\.boundaries\.cases\.json\. Review each one/);
    expect(run("test", dir, "--lang", "en").code).toBe(0);
    expect(run("cases", "--boundaries", join(dir, "2020.1.0.json"), "--out", out, "--seed", "other").code).toBe(0);
    const handWritten = join(dir, "2020.1.0.cases.json");
    writeFileSync(handWritten, readFileSync("criteria/don-vi-hoc-tap/2020.1.0.cases.json"));
    const refused = run("cases", "--boundaries", join(dir, "2020.1.0.json"), "--out", handWritten, "--lang", "en");
    expect(refused.code).toBe(2);
    expect(refused.err).toContain("exists and was not written by 'tieuchi cases'");
    expect(readFileSync(handWritten, "utf8")).toBe(readFileSync("criteria/don-vi-hoc-tap/2020.1.0.cases.json", "utf8"));
  });

  it("exits 2 on usage errors", () => {
    expect(run("cases").code).toBe(2);
    expect(run("cases", "criteria/don-vi-hoc-tap/2020.1.0.json").code).toBe(2);
    expect(run("cases", "--boundaries", "/nonexistent.json", "--lang", "en").err).toContain("no such file");
    expect(run("cases", "--boundaries", "criteria/don-vi-hoc-tap/2020.1.0.json", "--out", tmpdir(), "--lang", "en").err).toContain("is a folder");
  });
});

describe("lists of plain values", () => {
  // A clan's criterion on its families' titles: the list holds true/false (or a family's own data), not records.
  const clan = loadCriteriaSet(
    makeSet({
      id: "dong-ho-thu",
      inputs: {
        giaDinh: {
          type: "array",
          description: text("các gia đình"),
          label: text("gia đình"),
          items: { type: "title", set: "gia-dinh-thu", description: text("gia đình") },
        },
        a: { type: "boolean", description: text("a") },
      },
      criteria: [
        { id: "1", title: text("families"), points: 70, rule: { shareAtLeast: [70, { var: "giaDinh" }, { var: "" }] } },
        { id: "2", title: text("a"), points: 30, rule: { var: "a" } },
      ],
    }),
  );

  it("are built, put on a share's line, and stripped of a value", () => {
    const made = boundaryCases(clan, { lang: "en" });
    expect(made.file.cases.slice(0, 4).map((c) => [c.name, c.data.giaDinh, c.expect.criteria?.["1"]])).toEqual([
      ["1: 6/10 gia đình (just below 70%)", [true, true, true, true, true, true, false, false, false, false], "fail"],
      ["1: 7/10 gia đình (at the line 70%)", [true, true, true, true, true, true, true, false, false, false], "pass"],
      ["1: 8/10 gia đình (just above 70%)", [true, true, true, true, true, true, true, true, false, false], "pass"],
      ["1: gia đình: empty group (0)", [], "not-applicable"],
    ]);
    expect(runCaseFile(clan, made.file).filter((o) => !o.ok)).toEqual([]);
    // A family's title not given leaves the share undecided only where it could tip the line: as every completion says.
    const units = [...generateUnits(clan, 10, { seed: "m", fail: 0, missing: 1 })];
    const statuses = units.map((d) => evaluate(clan, d, { explain: false }).criteria[0]!.status);
    expect(statuses).toEqual(units.map((d) => oracle(clan.definition, d as Record<string, unknown>)!.criteria[0]!.status));
    expect(statuses).toContain("missing");
  });
});

describe("a family set (members of all ages, derived groups, exclusions, tiers)", () => {
  const family = loadCriteriaSet(readJson("test/fixtures/family-like.json"));

  it("gives a population with every verdict, every status and every grade", () => {
    const results = [...generateUnits(family, 300, { seed: "gia-dinh", listLength: [1, 7] })].map((d) => evaluate(family, d, { explain: false }));
    expect(new Set(results.map((r) => r.verdict))).toEqual(new Set(["pass", "fail", "incomplete"]));
    expect(new Set(results.map((r) => r.grade?.id ?? null))).toEqual(new Set(["tot", "dat", null]));
    expect(new Set(results.flatMap((r) => r.criteria.map((c) => c.status)))).toEqual(new Set(["pass", "fail", "missing", "not-applicable"]));
  });

  it("varies one member at a time, keeping the rest of the family", () => {
    const made = boundaryCases(family, { lang: "en" });
    expect(made.skipped).toEqual([]);
    expect(runCaseFile(family, made.file).filter((o) => !o.ok)).toEqual([]);
    const byName = new Map(made.file.cases.map((c) => [c.name, c]));
    const ages = (name: string) => (byName.get(name)!.data.thanhVien as { tuoi: number }[]).map((m) => m.tuoi);
    // The child at the edge of 6–14 is the only child; the adults stay, so only 1.1 and 1.2 change.
    const five = byName.get("1.1: members #1 › age = 5 (just below 6)")!;
    expect(ages(five.name)[0]).toBe(5);
    expect(
      ages(five.name)
        .slice(1)
        .every((a) => a >= 18),
    ).toBe(true);
    expect(five.expect).toEqual({ verdict: "pass", grade: "tot", points: 50, criteria: { "1.1": "not-applicable", "1.2": "not-applicable" } });
    expect(byName.get("1.1: members #1 › age = 6 (at the line 6)")!.expect).toMatchObject({ points: 100, criteria: { "1.1": "pass" } });
    // A family whose only grown-up is 17 has no adults: 'all' over nobody is false, so 2.1 fails. The case shows it.
    expect(byName.get("2.1: members #1 › age = 17 (just below 18)")!.expect.criteria).toEqual({ "2.1": "fail", "2.2": "not-applicable" });
    expect(byName.get("2.2: 4/5 adults (at the line 80%)")!.expect.criteria).toEqual({ "2.2": "pass" });
    expect(byName.get("3: books = 19 (just below 20)")!.expect).toMatchObject({ points: 80, criteria: { "3": "fail" } });
  });
});
