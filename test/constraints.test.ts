/**
 * Declared constraints between inputs (`constraints: [{ atMost: [part, whole] }]`): checked when a set is
 * loaded, enforced by the data check so that a part larger than its whole is invalid data at the part's path
 * (the CLI, the API and the explorer all refuse it), and declared by the shipped sets whose rules compare a
 * part with its whole.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CriteriaSetError, evaluate, loadCriteriaSet, say, UnitDataError } from "../src/index.js";
import { findCriteriaFiles, loadCriteriaFile, readJsonFile } from "../src/node/index.js";
import { makeSet, ROOT, text, unitDataProblems } from "./helpers.js";
import { run } from "./run-cli.js";

const inputs = {
  n: { type: "integer", min: 0, max: 1000, description: text("n") },
  k: { type: "integer", min: 0, max: 1000, description: text("k"), label: { vi: "số đạt", en: "passing" } },
  members: {
    type: "array",
    description: text("members"),
    items: {
      type: "object",
      description: text("member"),
      fields: { hours: { type: "number", description: text("hours") }, total: { type: "number", description: text("total") } },
    },
  },
};

const setWith = (constraints: unknown) =>
  makeSet({ inputs, constraints, criteria: [{ id: "1", title: text("one"), points: 100, rule: { ">=": [{ var: "k" }, 1] } }] });

function loadProblems(constraints: unknown): string[] {
  try {
    loadCriteriaSet(setWith(constraints));
    return [];
  } catch (e) {
    if (e instanceof CriteriaSetError) return e.problems.map((p) => `${p.path.join(".")}: ${p.message}`);
    throw e;
  }
}

describe("constraints between inputs", () => {
  it("are checked when the set is loaded: number inputs, in the same list, not the same", () => {
    expect(loadProblems([{ atMost: ["k", "n"] }, { atMost: ["members[].hours", "members[].total"] }])).toEqual([]);
    expect(loadProblems([{ atMost: ["k", "nothing"] }])).toEqual(["constraints.0.atMost.1: 'nothing' is not a declared input"]);
    expect(loadProblems([{ atMost: ["members", "n"] }])).toEqual(["constraints.0.atMost.0: 'members' is not a number input"]);
    expect(loadProblems([{ atMost: ["members[].hours", "n"] }])).toEqual([
      "constraints.0.atMost: both sides must be in the same list (or both outside lists): 'members[].hours' and 'n'",
    ]);
    expect(loadProblems([{ atMost: ["k", "k"] }])).toEqual(["constraints.0.atMost: a value is always at most itself: both sides name 'k'"]);
  });

  it("make a part larger than its whole invalid data at the part's path, not an evaluation", () => {
    const set = loadCriteriaSet(setWith([{ atMost: ["k", "n"] }, { atMost: ["members[].hours", "members[].total"] }]));
    expect(unitDataProblems(set, { n: 40, k: 40 })).toEqual([]);
    expect(unitDataProblems(set, { k: 50 })).toEqual([]); // the whole not given: nothing to compare
    const said = (data: unknown) => unitDataProblems(set, data).map((p) => ({ code: p.code, path: p.path, message: p.message }));
    expect(said({ n: 40, k: 50 })).toEqual([
      { code: "part_exceeds_whole", path: ["k"], message: "50 is more than 40, the value of n: passing cannot exceed it" },
    ]);
    // In Vietnamese, from the same catalogue.
    expect(unitDataProblems(set, { n: 40, k: 50 }).map((p) => say(p, "vi"))).toEqual(["50 lớn hơn 40 là giá trị của n: số đạt không thể vượt quá số đó"]);
    expect(
      said({
        members: [
          { hours: 2, total: 3 },
          { hours: 5, total: 4 },
        ],
      }),
    ).toEqual([
      {
        code: "part_exceeds_whole",
        path: ["members", 1, "hours"],
        message: "5 is more than 4, the value of members[].total: members[].hours cannot exceed it",
      },
    ]);
    expect(() => evaluate(set, { n: 40, k: 50 })).toThrow(UnitDataError);
  });

  it("are declared by the shipped sets that compare a part with its whole, and refused by the CLI", () => {
    const dvht = loadCriteriaFile(join(ROOT, "criteria", "don-vi-hoc-tap", "2024.1.0.json"));
    expect(dvht.definition.constraints).toContainEqual(expect.objectContaining({ atMost: ["soNguoiHocDatCongDanHocTap", "soNguoiHoc"] }));
    expect(unitDataProblems(dvht, { soNguoiHoc: 40, soNguoiHocDatCongDanHocTap: 50 }).map((p) => [p.code, p.path])).toEqual([
      ["part_exceeds_whole", ["soNguoiHocDatCongDanHocTap"]],
    ]);
    // Every ratio of two inputs in a shipped rule has its constraint.
    for (const file of findCriteriaFiles(join(ROOT, "criteria"))) {
      const json = readJsonFile(file) as { criteria: unknown; derived?: unknown; constraints?: Array<{ atMost: [string, string] }> };
      const pairs = new Set<string>();
      const walk = (n: unknown): void => {
        if (Array.isArray(n)) n.forEach(walk);
        else if (n && typeof n === "object")
          for (const [k, v] of Object.entries(n)) {
            const args = v as Array<{ var?: unknown }>;
            if ((k === "ratioAtLeast" || k === "ratioAtMost") && Array.isArray(args) && typeof args[0]?.var === "string" && typeof args[1]?.var === "string")
              pairs.add(`${args[0].var} <= ${args[1].var}`);
            walk(v);
          }
      };
      walk([json.criteria, json.derived]);
      const declared = new Set((json.constraints ?? []).map((c) => `${c.atMost[0]} <= ${c.atMost[1]}`));
      for (const p of pairs) expect(declared.has(p), `${file}: ${p}`).toBe(true);
    }
  });

  it("make tieuchi eval exit 2 with the part's path", async () => {
    const { mkdtempSync, writeFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const dir = mkdtempSync(join(tmpdir(), "tieuchi-constraint-"));
    writeFileSync(join(dir, "u.json"), JSON.stringify({ soNguoiHoc: 40, soNguoiHocDatCongDanHocTap: 50 }));
    const r = run("eval", join(ROOT, "criteria", "don-vi-hoc-tap", "2024.1.0.json"), join(dir, "u.json"), "--lang", "en");
    expect(r.code).toBe(2);
    expect(r.err).toContain("soNguoiHocDatCongDanHocTap");
    expect(r.err).toContain("50 is more than 40");
    // Vietnamese by default.
    const vi = run("eval", join(ROOT, "criteria", "don-vi-hoc-tap", "2024.1.0.json"), join(dir, "u.json"));
    expect(vi.code).toBe(2);
    expect(vi.err).toContain("soNguoiHocDatCongDanHocTap: 50 lớn hơn 40");
  });
});
