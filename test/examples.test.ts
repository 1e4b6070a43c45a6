import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../src/cli/main.js";
import { evaluate, loadCriteriaSet } from "../src/index.js";
import { loadRegistry, readJsonFile } from "../src/node/index.js";
import { ROOT } from "./helpers.js";

// The README's "Which version applies on a date" section states these results; keep them true.
describe("README: which version applies on a date", () => {
  const registry = loadRegistry(join(ROOT, "criteria"));

  it("resolves the version in force on each side of the TT 22 → TT 24 change", () => {
    expect(registry.resolve("don-vi-hoc-tap", "2024-03-01").definition.version).toBe("2024.1.0");
    expect(registry.resolve("don-vi-hoc-tap", "2024-01-26").definition.version).toBe("2024.1.0");
    expect(registry.resolve("don-vi-hoc-tap", "2024-01-25").definition.version).toBe("2020.1.0");
    expect(registry.resolve("don-vi-hoc-tap", "2023-12-01").definition.version).toBe("2020.1.0");
    expect(() => registry.resolve("don-vi-hoc-tap", "2020-09-20")).toThrow(/no version of 'don-vi-hoc-tap' was in force on 2020-09-20/);
  });

  it("evaluates the example provincial agency against TT 24/2023, deciding members' learning-citizen status from their data", () => {
    const set = registry.resolve("don-vi-hoc-tap", "2024-03-01");
    const unit = readJsonFile(join(ROOT, "docs/examples/don-vi-hoc-tap/so-tu-phap-tinh-2024.json"));
    const result = evaluate(set, unit, { asOf: "2024-03-01", sets: registry });
    expect(result.inForce).toBe(true);
    // Every level-1 indicator of Điều 12 is met; level 2 needs 95% of members on two shares this agency misses.
    expect(result.verdict).toBe("pass");
    expect(result.grade?.id).toBe("muc-1");
    expect(result.levels.map((l) => `${l.id}: ${l.status}`)).toEqual(["muc-1: achieved", "muc-2: not-achieved"]);
    expect(result.levels[1]!.failing).toEqual(["TC2.CT2.muc-2", "TC3.CT1.tinh.muc-2"]);
    // The district's own indicators do not concern a provincial unit.
    expect(result.criteria.find((c) => c.id === "TC3.CT1.huyen")!.status).toBe("not-applicable");
    expect(result.subResults.map((s) => `${s.path} ${s.result.set.id}@${s.result.set.version} ${s.result.verdict}`)).toEqual([
      "thanhVien[0].congDanHocTap cong-dan-hoc-tap@2023.1.0 pass",
      "thanhVien[1].congDanHocTap cong-dan-hoc-tap@2023.1.0 pass",
      "thanhVien[9].congDanHocTap cong-dan-hoc-tap@2023.1.0 fail",
    ]);
    expect(result.criteria.find((c) => c.id === "TC3.CT1.tinh")!.status).toBe("pass");
  });

  it("the CLI refuses a file that is not the version in force on --as-of, and says what to run instead", () => {
    const run = (...more: string[]) => {
      let out = "";
      let err = "";
      const code = main(
        [
          "eval",
          join(ROOT, "criteria/don-vi-hoc-tap/2020.1.0.json"),
          join(ROOT, "docs/examples/don-vi-hoc-tap/phong-gd-huyen-mau.json"),
          "--as-of",
          "2024-03-01",
          "--lang",
          "en",
          ...more,
        ],
        {
          out: (t) => (out += t),
          err: (t) => (err += t),
          columns: 120,
        },
      );
      return { code, out, err };
    };
    const refused = run();
    expect(refused.code).toBe(2);
    expect(refused.out).toBe("");
    expect(refused.err).toContain("(don-vi-hoc-tap@2020.1.0) was not in force on 2024-03-01 (in force from 2020-09-21 to 2024-01-25)");
    expect(refused.err).toContain("'tieuchi eval --set don-vi-hoc-tap --as-of 2024-03-01 ");
    expect(refused.err).toContain("[ERR_NOT_IN_FORCE]");
    // Asked for, the table says so, and the exit code is 1 although this version's verdict is a pass.
    const anyway = run("--out-of-force");
    expect(anyway.code).toBe(1);
    expect(anyway.out.split("\n")[1]).toMatch(/as of 2024-03-01 \(NOT in force then\)$/);
    expect(anyway.out).toContain("Verdict: PASS");
    const json = run("--out-of-force", "--json");
    expect(json.code).toBe(1);
    expect(JSON.parse(json.out)).toMatchObject({ inForce: false, verdict: "pass" });
  });
});

describe("docs/examples/cong-dan-hoc-tap", () => {
  it("the example official is a learning citizen with 84 points", () => {
    const set = loadRegistry(join(ROOT, "criteria")).resolve("cong-dan-hoc-tap", "2024-06-01");
    const result = evaluate(set, readJsonFile(join(ROOT, "docs/examples/cong-dan-hoc-tap/can-bo-mau.json")));
    expect(result.verdict).toBe("pass");
    expect(result.points?.earned).toBe(84);
  });
});

// The README's "Use it from code" example states these results.
describe("README: use it from code", () => {
  it("evaluates the example agency against TT 22/2020 as the README says", () => {
    const json = readJsonFile(join(ROOT, "criteria/don-vi-hoc-tap/2020.1.0.json"));
    const unit = readJsonFile(join(ROOT, "docs/examples/don-vi-hoc-tap/phong-gd-huyen-mau.json"));
    const result = evaluate(loadCriteriaSet(json), unit, { asOf: "2023-12-01" });
    expect(result.verdict).toBe("pass");
    expect(result.grade?.title.vi).toBe("Tốt");
    expect(result.points?.earned).toBe(85);
    expect(result.criteria[3]!.message?.en).toBe("Only 11 of 12 members (91.7%) have an approved self-study plan; 100% required.");
    expect(result.gap.toImprove).toEqual([
      { id: "2.1", points: 10 },
      { id: "3.3", points: 5 },
    ]);
  });
});
