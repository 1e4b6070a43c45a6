/**
 * Empty groups are declared, never free points: a criterion that takes a share says what an empty group means
 * (`emptyGroup`), the loader refuses a set that leaves it unsaid, and each shipped set decides it from its text.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CriteriaSetError, ENGINE_NAMES, evaluate, loadCriteriaSet, validateCriteriaSet } from "../src/index.js";
import type { Rule } from "../src/schema/rule.js";
import { run } from "./run-cli.js";
import { makeBareSet, readJson, text } from "./helpers.js";

const TT22 = "criteria/don-vi-hoc-tap/2020.1.0.json";
const share: Rule = { shareAtLeast: [90, { var: "members" }, { var: "ok" }] };

function problems(json: unknown) {
  const v = validateCriteriaSet(json);
  return v.ok ? [] : v.problems.map((p) => [p.code, p.path.join(".")]);
}

describe("the loader", () => {
  it("refuses a criterion that takes a share without saying what an empty group means", () => {
    const set = makeBareSet({ criteria: [{ id: "c", title: text("c"), points: 100, rule: share }] });
    expect(problems(set)).toEqual([["empty_group_unsaid", "criteria.0"]]);
    expect(() => loadCriteriaSet(set)).toThrow(CriteriaSetError);
    expect(() => loadCriteriaSet(set)).toThrow(/does not say what an empty group means/);
  });

  it("asks it of shares in `applies`, of ratios whose whole is not a number written in the rule, and of shares read through derived values", () => {
    const inApplies = makeBareSet({ criteria: [{ id: "c", title: text("c"), points: 100, applies: share, rule: true }] });
    const ratio = makeBareSet({ criteria: [{ id: "c", title: text("c"), points: 100, rule: { ratioAtLeast: [{ var: "k" }, { var: "n" }, 50] } }] });
    const literal = makeBareSet({ criteria: [{ id: "c", title: text("c"), points: 100, rule: { ratioAtLeast: [{ var: "k" }, 40, 50] } }] });
    const derived = makeBareSet({
      derived: { d: { description: text("d"), rule: share }, e: { description: text("e"), rule: { "!": { var: "d" } } } },
      criteria: [{ id: "c", title: text("c"), points: 100, rule: { var: "e" } }],
    });
    expect(problems(inApplies)).toEqual([["empty_group_unsaid", "criteria.0"]]);
    expect(problems(ratio)).toEqual([["empty_group_unsaid", "criteria.0"]]);
    expect(problems(literal)).toEqual([]);
    expect(problems(derived)).toEqual([["empty_group_unsaid", "criteria.0"]]);
  });

  it("refuses a declaration on a criterion that takes no share, where it could never apply", () => {
    const set = makeBareSet({ criteria: [{ id: "c", title: text("c"), points: 100, emptyGroup: "pass", rule: { var: "a" } }] });
    expect(problems(set)).toEqual([["empty_group_unused", "criteria.0.emptyGroup"]]);
  });

  it("accepts the three declarations, and only those", () => {
    for (const emptyGroup of ["fail", "not-applicable", "pass"])
      expect(problems(makeBareSet({ criteria: [{ id: "c", title: text("c"), points: 100, emptyGroup, rule: share }] }))).toEqual([]);
    expect(problems(makeBareSet({ criteria: [{ id: "c", title: text("c"), points: 100, emptyGroup: "award", rule: share }] }))[0]![1]).toBe(
      "criteria.0.emptyGroup",
    );
  });
});

describe("evaluation of an empty group", () => {
  for (const engine of ENGINE_NAMES) {
    it(`gives the declared status, with reason empty-group, whether the list is empty or everyone is excluded (${engine})`, () => {
      const rule: Rule = { shareAtLeast: [90, { var: "members" }, { var: "ok" }, { var: "sick" }] };
      for (const [emptyGroup, points] of [
        ["fail", 0],
        ["pass", 100],
        ["not-applicable", 0],
      ] as const) {
        const set = loadCriteriaSet(makeBareSet({ criteria: [{ id: "c", title: text("c"), points: 100, emptyGroup, rule }] }));
        for (const members of [[], [{ age: 30, ok: false, sick: true }]]) {
          const c = evaluate(set, { members }, { engine }).criteria[0]!;
          expect(c, `${emptyGroup} ${members.length}`).toMatchObject({ status: emptyGroup, outcomes: [emptyGroup], reason: "empty-group", missing: [] });
          expect(c.points).toEqual({ earned: points, possible: points, max: 100 });
        }
      }
    });
  }

  it("says which list was empty, in both languages, instead of a ratio's sentence with nothing to fill it", () => {
    const set = loadCriteriaSet(readJson(TT22));
    const r = evaluate(set, { ...(readJson("docs/examples/don-vi-hoc-tap/phong-gd-huyen-mau.json") as object), thanhVien: [] });
    const c21 = r.criteria.find((c) => c.id === "2.1")!;
    expect(c21.message!.vi).toBe("Chưa đạt (0/10 điểm): danh sách thành viên được khai là trống; nhóm trống không đáp ứng tiêu chí này.");
    expect(c21.message!.en).toBe("Not met (0/10 points): the list of members is given empty; an empty group does not meet this criterion.");
    expect(c21.message!.vi).not.toContain("{{");
  });
});

describe("TT 22/2020: an agency with no members is not a learning unit", () => {
  const set = loadCriteriaSet(readJson(TT22));
  const full = readJson("docs/examples/don-vi-hoc-tap/phong-gd-huyen-mau.json") as Record<string, unknown>;
  const noStaff = {
    ...full,
    coKeHoachHocTap: true,
    coQuyDinhKhuyenKhich: true,
    dauTuNguonLuc: true,
    danhHieuTapThe: "Tập thể lao động tiên tiến",
    chiaSeTriThuc: true,
    thanhVien: [],
  };

  for (const engine of ENGINE_NAMES)
    it(`fails it, 45 of 100 points on the full scale, never "Tốt" (${engine})`, () => {
      const r = evaluate(set, noStaff, { engine });
      expect(r.verdict).toBe("fail");
      expect(r.grade).toBeNull();
      expect(r.points).toMatchObject({ earned: 45, possible: 45, max: 100, applicableMax: 100, passMark: 50 });
      for (const id of ["2.1", "2.2", "2.3", "2.4", "3.1"])
        expect(r.criteria.find((c) => c.id === id)).toMatchObject({ status: "fail", reason: "empty-group" });
    });

  it("through the CLI: exit 1, the member criteria failing because the list is given empty", () => {
    const dir = mkdtempSync(join(tmpdir(), "tieuchi-empty-"));
    writeFileSync(join(dir, "unit.json"), JSON.stringify(noStaff));
    const r = run("eval", TT22, join(dir, "unit.json"), "--lang", "en");
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/2\.1 +✘ fail +0\/10 +[^\n]*Not met \(0\/10 points\): the list of\s+members is given empty/);
    expect(r.out).toContain("Verdict: FAIL");
  });
});
