import { describe, expect, it } from "vitest";
import { createRegistry } from "../src/versions/registry.js";
import {
  type CriteriaSetInput,
  ENGINE_NAMES,
  evaluate,
  safeEvaluate,
  loadCriteriaSet,
  NotInForceError,
  OptionsError,
  Result,
  SetNotFoundError,
  UnitDataError,
  validateCriteriaSet,
} from "../src/index.js";
import { familiesInput, familySet, makeSet, text } from "./helpers.js";

const c = (id: string, extra: Record<string, unknown>) => ({ id, title: text(`criterion ${id}`), ...extra });
const statusOf = (r: Result, id: string) => r.criteria.find((x) => x.id === id)!.status;

describe("criterion statuses", () => {
  const set = loadCriteriaSet(
    makeSet({
      criteria: [
        c("pass-fail", { points: 20, rule: { var: "a" } }),
        c("applies", {
          points: 20,
          applies: { some: [{ var: "members" }, { "<=": [6, { var: "age" }, 14] }] },
          rule: { all: [{ filter: [{ var: "members" }, { "<=": [6, { var: "age" }, 14] }] }, { var: "ok" }] },
        }),
        c("lt", { points: 20, rule: { "<": [{ var: "n" }, 5] } }),
        c("or", { points: 20, rule: { or: [{ var: "a" }, { var: "b" }] } }),
        c("pending", { points: 20, pending: { reason: text("text not found") } }),
      ],
      completeness: { level: "partial", notes: ["'pending' is not known"] },
    }),
  );

  it("passes and fails", () => {
    const r = evaluate(set, { a: true, n: 3, members: [] });
    expect(statusOf(r, "pass-fail")).toBe("pass");
    expect(statusOf(evaluate(set, { a: false, members: [] }), "pass-fail")).toBe("fail");
  });

  it("never turns missing data into a pass: null < 5 is missing, not true", () => {
    const r = evaluate(set, { members: [] });
    const lt = r.criteria.find((x) => x.id === "lt")!;
    expect(lt.status).toBe("missing");
    expect(lt.missing).toEqual(["n"]);
    // It says what is missing, and what the missing value could still make of the criterion.
    expect(lt.message!.en).toBe("Missing data: n. Depending on it, the criterion could pass or fail (0 to 20 of 20 points).");
    expect(statusOf(evaluate(set, { n: null, members: [] }), "lt")).toBe("missing");
  });

  it("decides what it can without the missing value, as json-logic-js evaluates it", () => {
    // 'or' stops at the first truthy value: b is never needed.
    expect(statusOf(evaluate(set, { a: true, members: [] }), "or")).toBe("pass");
    // With a false, b is needed.
    const r = evaluate(set, { a: false, members: [] });
    expect(statusOf(r, "or")).toBe("missing");
    expect(r.criteria.find((x) => x.id === "or")!.missing).toEqual(["b"]);
  });

  it("is not applicable when 'applies' is false, and reads only what applies", () => {
    const adultsOnly = evaluate(set, { a: true, members: [{ age: 40 }, { age: 70 }] });
    expect(statusOf(adultsOnly, "applies")).toBe("not-applicable");
    expect(adultsOnly.criteria.find((x) => x.id === "applies")!.reason).toBe("applies-false");
    // The adult's 'ok' is not needed: only the child's is read.
    const r = evaluate(set, { a: true, members: [{ age: 40 }, { age: 10, ok: true }] });
    expect(statusOf(r, "applies")).toBe("pass");
    const missingChild = evaluate(set, { a: true, members: [{ age: 40 }, { age: 10 }] });
    expect(missingChild.criteria.find((x) => x.id === "applies")!.missing).toEqual(["members[1].ok"]);
    const unknownAge = evaluate(set, { a: true, members: [{ ok: true }] });
    expect(statusOf(unknownAge, "applies")).toBe("missing");
  });

  it("says a criterion not yet encoded is not applicable when its 'applies' is false, and missing otherwise", () => {
    const partial = loadCriteriaSet(
      makeSet({
        completeness: { level: "partial", notes: ["district indicator not found"] },
        criteria: [
          c("known", { points: 50, rule: { var: "a" } }),
          c("district-only", { points: 50, applies: { var: "b" }, pending: { reason: text("text not found") } }),
        ],
      }),
    );
    expect(evaluate(partial, { a: true, b: false }).criteria[1]).toMatchObject({ status: "not-applicable", reason: "applies-false" });
    expect(evaluate(partial, { a: true, b: true }).criteria[1]).toMatchObject({ status: "missing", reason: "not-encoded" });
    expect(evaluate(partial, { a: true }).criteria[1]).toMatchObject({ status: "missing", reason: "data", missing: ["b"] });
    for (const engine of ENGINE_NAMES) expect(evaluate(partial, { a: true, b: false }, { engine }).verdict).toBe("pass");
  });

  it("lists a criterion not yet encoded as missing, so a partial set never passes", () => {
    const r = evaluate(set, { a: true, b: true, n: 1, members: [] });
    const p = r.criteria.find((x) => x.id === "pending")!;
    expect(p).toMatchObject({ status: "missing", reason: "not-encoded", missing: [] });
    expect(p.message!.en).toBe("Not encoded yet: text not found.");
    // 80 points earned for certain, 20 more possible: the pass is certain (80 >= 50), so the criterion not encoded
    // cannot change it and is not listed among what could (the gap lists only what could still change the verdict).
    expect(r.verdict).toBe("pass");
    expect(r.gap.missing).toEqual([]);
  });
});

describe("decision (a): points, pass mark, grade bands, knock-outs", () => {
  const set = loadCriteriaSet(
    makeSet({
      criteria: [
        c("k", { mandatory: true, points: 10, rule: { var: "a" } }),
        c("t", {
          points: {
            max: 50,
            tiers: [
              { points: 50, when: { ">=": [{ var: "n" }, 100] } },
              { points: 30, when: { ">=": [{ var: "n" }, 50] } },
            ],
          },
        }),
        c("b", { points: 40, rule: { var: "b" } }),
      ],
      decision: {
        method: "points",
        maxPoints: 100,
        passMark: 50,
        grades: [
          { id: "tot", title: text("Tốt"), minPoints: 90 },
          { id: "dat", title: text("Đạt"), minPoints: 50 },
        ],
      },
    }),
  );

  it("grades by bands", () => {
    const r = evaluate(set, { a: true, n: 100, b: true });
    expect(r).toMatchObject({ verdict: "pass", grade: { id: "tot" }, points: { earned: 100, passMark: 50, applicableMax: 100, possible: 100 } });
    const r2 = evaluate(set, { a: true, n: 60, b: true });
    expect(r2).toMatchObject({ verdict: "pass", grade: { id: "dat" }, points: { earned: 80 } });
    expect(r2.gap.nextGrade).toEqual({ id: "tot", title: text("Tốt"), pointsShort: 10 });
    expect(r2.criteria[1]!.points).toEqual({ earned: 30, possible: 30, max: 50 });
  });

  it("fails a knock-out criterion whatever the points", () => {
    const r = evaluate(set, { a: false, n: 100, b: true });
    expect(r.verdict).toBe("fail");
    expect(r.points!.earned).toBe(90);
    expect(r.gap.blocking).toEqual(["k"]);
    expect(r.message!.en).toContain("fails knock-out criteria k");
  });

  it("fails short of the pass mark, and says by how much and what would help", () => {
    const r = evaluate(set, { a: true, n: 10, b: false });
    expect(r.verdict).toBe("fail");
    expect(r.gap.pointsShort).toBe(40);
    expect(r.gap.toImprove).toEqual([
      { id: "t", points: 50 },
      { id: "b", points: 40 },
    ]);
  });

  it("is incomplete only while missing data could change the verdict", () => {
    expect(evaluate(set, { a: true, n: 10 }).verdict).toBe("incomplete"); // 10 + 40 possible
    expect(evaluate(set, { a: true, n: 100 }).verdict).toBe("pass"); // 60 certain
    expect(evaluate(set, { a: false }).verdict).toBe("fail"); // knock-out failed
    expect(evaluate(set, { n: 100, b: true }).verdict).toBe("incomplete"); // knock-out unknown
    const r = evaluate(set, { a: true, n: 100 });
    expect(r.verdict).toBe("pass");
    expect(r.grade!.id).toBe("dat");
    expect(r.gradeFinal).toBe(false); // 40 missing points could make it 'tot'
    expect(evaluate(set, { a: true, n: 60 }).verdict).toBe("incomplete"); // 40 certain, 80 possible
  });

  it("scores 'no indicator below 5' with scored points and mandatory floors (Công dân học tập style)", () => {
    const indicators = Array.from({ length: 10 }, (_, i) => `s${i + 1}`);
    const cdht = loadCriteriaSet(
      makeSet({
        inputs: Object.fromEntries(indicators.map((s) => [s, { type: "integer", min: 0, max: 10, description: text(s) }])),
        criteria: indicators.map((s) => c(s, { mandatory: true, points: { max: 10, score: { var: s } }, rule: { ">=": [{ var: s }, 5] } })),
        decision: { method: "points", maxPoints: 100, passMark: 80 },
      }),
    );
    const scores = (...v: number[]) => Object.fromEntries(indicators.map((s, i) => [s, v[i]]));
    expect(evaluate(cdht, scores(8, 8, 8, 8, 8, 8, 8, 8, 8, 8))).toMatchObject({ verdict: "pass", points: { earned: 80 } });
    const low = evaluate(cdht, scores(10, 10, 10, 10, 10, 10, 10, 10, 10, 4));
    expect(low).toMatchObject({ verdict: "fail", points: { earned: 94 } });
    expect(low.gap.blocking).toEqual(["s10"]);
    expect(evaluate(cdht, scores(8, 8, 8, 8, 8, 8, 8, 8, 8, 7)).verdict).toBe("fail");
  });

  it("counts not-applicable criteria as the set says: award, zero or exclude", () => {
    const mk = (mode: string) =>
      loadCriteriaSet(
        makeSet({
          criteria: [c("x", { points: 40, applies: { var: "b" }, rule: true }), c("y", { points: 60, rule: { var: "a" } })],
          decision: { method: "points", maxPoints: 100, passMark: 70, notApplicable: mode },
        }),
      );
    expect(evaluate(mk("award"), { a: true, b: false })).toMatchObject({ verdict: "pass", points: { earned: 100, applicableMax: 100, passMark: 70 } });
    expect(evaluate(mk("zero"), { a: true, b: false })).toMatchObject({ verdict: "fail", points: { earned: 60, applicableMax: 100 } });
    expect(evaluate(mk("exclude"), { a: true, b: false })).toMatchObject({ verdict: "pass", points: { earned: 60, applicableMax: 60, passMark: 42 } });
  });
});

describe("an unknown pass mark (null)", () => {
  const set = loadCriteriaSet(
    makeSet({
      completeness: { level: "partial", notes: ["pass mark not found"] },
      criteria: [c("k", { mandatory: true, points: 10, rule: { var: "a" } }), c("b", { points: 90, rule: { var: "b" } })],
      decision: { method: "points", maxPoints: 100, passMark: null },
    }),
  );

  it("never concludes pass from points, however many", () => {
    const r = evaluate(set, { a: true, b: true });
    expect(r).toMatchObject({ verdict: "incomplete", points: { earned: 100, passMark: null }, gap: { pointsShort: null } });
    expect(r.message!.en).toBe('"Test set" cannot be decided: the regulation\'s pass mark is not known (100/100 points).');
  });

  it("still fails on a failed knock-out", () => {
    expect(evaluate(set, { a: false, b: true }).verdict).toBe("fail");
  });

  it("must be declared in a partial set", () => {
    const v = validateCriteriaSet(makeSet({ decision: { method: "points", maxPoints: 100, passMark: null } }));
    expect(v.ok ? [] : v.problems.map((p) => p.code)).toEqual(["completeness"]);
  });
});

describe("decision (b): every indicator must pass, levels 1 and 2", () => {
  const set = loadCriteriaSet(
    makeSet({
      criteria: [
        c("TC1.CT1", { rule: { var: "a" } }),
        c("TC2.CT1", { rule: { ratioAtLeast: [{ var: "k" }, { var: "n" }, 90] } }),
        c("TC2.CT1.L2", { level: "muc-2", rule: { ratioAtLeast: [{ var: "k" }, { var: "n" }, 95] } }),
        c("TC3.CT4", { applies: { var: "b" }, rule: { "==": [{ var: "xepLoai" }, "Tốt"] } }),
      ],
      decision: {
        method: "all",
        levels: [
          { id: "muc-1", title: text("Mức độ 1") },
          { id: "muc-2", title: text("Mức độ 2") },
        ],
      },
    }),
  );

  it("reaches level 2 when every indicator of both levels passes", () => {
    const r = evaluate(set, { a: true, n: 100, k: 95, b: false });
    expect(r).toMatchObject({ verdict: "pass", grade: { id: "muc-2" }, points: null, gradeFinal: true });
    expect(r.levels.map((l) => l.status)).toEqual(["achieved", "achieved"]);
    expect(statusOf(r, "TC3.CT4")).toBe("not-applicable");
  });

  it("stops at level 1 and says what level 2 needs", () => {
    const r = evaluate(set, { a: true, n: 100, k: 94, b: false });
    expect(r).toMatchObject({ verdict: "pass", grade: { id: "muc-1" } });
    expect(r.gap.nextLevel).toEqual({ id: "muc-2", title: text("Mức độ 2"), failing: ["TC2.CT1.L2"], missing: [] });
  });

  it("fails when a level-1 indicator fails, and is incomplete when one lacks data", () => {
    const r = evaluate(set, { a: true, n: 100, k: 89, b: false });
    expect(r).toMatchObject({ verdict: "fail", grade: null });
    expect(r.gap.blocking).toEqual(["TC2.CT1"]);
    const inc = evaluate(set, { n: 100, k: 99, b: false });
    expect(inc.verdict).toBe("incomplete");
    expect(inc.levels[0]).toMatchObject({ status: "undetermined", missing: ["TC1.CT1"] });
    expect(evaluate(set, { a: true, n: 100, k: 99, b: true }).verdict).toBe("incomplete");
  });
});

describe("decision (c): every standard plus an exclusion list", () => {
  const set = loadCriteriaSet(
    makeSet({
      criteria: [
        c("1", { rule: { var: "a" } }),
        c("2", { rule: { var: "b" } }),
        c("excl.1", { role: "exclusion", excludes: { some: [{ var: "members" }, { var: "sick" }] } }),
      ],
      decision: { method: "all" },
    }),
  );

  it("passes when every standard holds and no exclusion applies", () => {
    const r = evaluate(set, { a: true, b: true, members: [{ sick: false }] });
    expect(r).toMatchObject({ verdict: "pass", grade: null, levels: [] });
    expect(r.criteria[2]!.message!.en).toBe("No exclusion applies.");
  });

  it("fails when an exclusion applies, whatever the standards", () => {
    const r = evaluate(set, { a: true, b: true, members: [{}, { sick: true }] });
    expect(r.verdict).toBe("fail");
    expect(r.gap.blocking).toEqual(["excl.1"]);
    expect(r.criteria[2]!.message!.en).toMatch(/^Excluded: at least one members: sick\. Found: .*members #2 › sick: yes/);
  });
});

describe("derived values", () => {
  const set = loadCriteriaSet(
    makeSet({
      derived: {
        children: { description: text("children"), rule: { filter: [{ var: "members" }, { "<": [{ var: "age" }, 15] }] } },
        total: { description: text("total"), rule: { "+": [{ var: "n" }, { var: "k" }] } },
      },
      criteria: [c("1", { points: 50, rule: { all: [{ var: "children" }, { var: "ok" }] } }), c("2", { points: 50, rule: { ">=": [{ var: "total" }, 10] } })],
    }),
  );

  it("are computed once and read like inputs, with paths into the original data", () => {
    const r = evaluate(set, { n: 5, k: 5, members: [{ age: 40 }, { age: 9, ok: true }] });
    expect(r.verdict).toBe("pass");
    expect(r.criteria[0]!.values).toMatchObject({ children: { length: 1 }, "members[1].ok": true });
  });

  it("pass their missing inputs on to the criteria that read them", () => {
    const r = evaluate(set, { n: 5, members: [{ age: 9, ok: true }, { ok: false }] });
    expect(r.criteria[1]).toMatchObject({ status: "missing", missing: ["k"] });
    expect(r.criteria[0]).toMatchObject({ status: "missing", missing: ["members[1].age"] });
  });
});

describe("composition: titles of sub-units", () => {
  const family = loadCriteriaSet(familySet());
  const clan = loadCriteriaSet(
    makeSet({
      id: "clan-set",
      inputs: { families: familiesInput() },
      criteria: [c("1", { points: 100, rule: { shareAtLeast: [50, { var: "families" }, { var: "learning" }] } })],
    }),
  );
  const sets = createRegistry([family, clan]);

  it("takes a title given directly", () => {
    expect(evaluate(clan, { families: [{ learning: true }, { learning: false }] }).verdict).toBe("pass");
  });

  it("decides a title from the sub-unit's data and nests the sub-result", () => {
    const r = evaluate(clan, { families: [{ learning: { data: { a: true } } }, { learning: { data: { a: false } } }, { learning: false }] }, { sets });
    expect(r.verdict).toBe("fail");
    expect(r.criteria[0]!.measures![0]).toMatchObject({ part: 1, whole: 3 });
    expect(r.subResults.map((s) => [s.path, s.result.verdict])).toEqual([
      ["families[0].learning", "pass"],
      ["families[1].learning", "fail"],
    ]);
    expect(r.criteria[0]!.subResults).toEqual(["families[0].learning", "families[1].learning"]);
    expect(Result.safeParse(r).success).toBe(true);
  });

  it("treats an incomplete sub-result as missing data", () => {
    const r = evaluate(clan, { families: [{ learning: { data: {} } }] }, { sets });
    expect(r.criteria[0]).toMatchObject({ status: "missing", missing: ["families[0].learning"] });
  });

  it("reports bad sub-unit data with the full path, and needs a registry", () => {
    expect(() => evaluate(clan, { families: [{ learning: { data: { a: 1 } } }] }, { sets })).toThrow(UnitDataError);
    try {
      evaluate(clan, { families: [{ learning: { data: { a: 1 } } }] }, { sets });
    } catch (e) {
      expect((e as UnitDataError).problems[0]!.path).toEqual(["families", 0, "learning", "data", "a"]);
    }
    expect(() => evaluate(clan, { families: [{ learning: { data: {} } }] })).toThrow(OptionsError);
    expect(() => evaluate(clan, { families: [{ learning: { data: {} } }] }, { sets: createRegistry([clan]) })).toThrow(SetNotFoundError);
  });
});

describe("results", () => {
  const json = makeSet({
    criteria: [c("1", { points: 60, rule: { var: "a" } }), c("2", { points: 40, rule: { shareAtLeast: [90, { var: "members" }, { var: "ok" }] } })],
  });
  const set = loadCriteriaSet(json);
  const data = { a: true, members: [{ ok: true }, { ok: true }] };

  it("are the same, byte for byte, for the same set and data", () => {
    expect(JSON.stringify(evaluate(set, data))).toBe(JSON.stringify(evaluate(loadCriteriaSet(structuredClone(json)), structuredClone(data))));
  });

  it("match the result schema and name the set, its hash and the library version", () => {
    const r = evaluate(set, data, { asOf: "2024-06-01" });
    expect(Result.safeParse(r).success).toBe(true);
    expect(r.set).toMatchObject({ id: "test-set", version: "1.0.0", hash: set.hash, document: "QĐ 1/2024" });
    expect(r.engine).toEqual({ name: "tieuchi", version: "0.1.0", evaluator: "compiled" });
    expect(evaluate(set, data, { engine: "json-logic-js" }).engine.evaluator).toBe("json-logic-js");
    expect(r).toMatchObject({ asOf: "2024-06-01", inForce: true });
    expect(evaluate(set, data, { asOf: "2023-06-01", allowOutOfForce: true }).inForce).toBe(false);
    expect(evaluate(set, data).inForce).toBeNull();
  });

  it("refuse a set not in force on asOf unless allowOutOfForce asks for it, so that no verdict reads as that date's", () => {
    const before = () => evaluate(set, data, { asOf: "2023-06-01" });
    expect(before).toThrow(NotInForceError);
    expect(before).toThrow("test-set@1.0.0 (QĐ 1/2024) was not in force on 2023-06-01: it is in force from 2024-01-01.");
    try {
      before();
    } catch (e) {
      expect(e).toMatchObject({ code: "ERR_NOT_IN_FORCE", setId: "test-set", date: "2023-06-01", reason: "outside-dates" });
    }
    const closed = loadCriteriaSet({ ...json, validTo: "2024-12-31" });
    expect(() => evaluate(closed, data, { asOf: "2025-01-01" })).toThrow("in force from 2024-01-01 to 2024-12-31");
    // Both ends are in force; the reference engine and statuses-only runs refuse the same way.
    expect(evaluate(closed, data, { asOf: "2024-01-01" }).inForce).toBe(true);
    expect(evaluate(closed, data, { asOf: "2024-12-31" }).inForce).toBe(true);
    expect(() => evaluate(closed, data, { asOf: "2025-01-01", engine: "json-logic-js", explain: false })).toThrow(NotInForceError);
    // Asked for, the result is that version's verdict, marked not in force.
    const allowed = evaluate(set, data, { asOf: "2023-06-01", allowOutOfForce: true });
    expect(allowed).toMatchObject({ asOf: "2023-06-01", inForce: false, verdict: evaluate(set, data).verdict });
  });

  it("carry statuses and points only when explanations are off", () => {
    const r = evaluate(set, data, { explain: false });
    expect(Result.safeParse(r).success).toBe(true);
    expect(r.message).toBeUndefined();
    expect(r.criteria[0]).not.toHaveProperty("values");
    expect(r.criteria[0]).not.toHaveProperty("message");
    expect(r.verdict).toBe(evaluate(set, data).verdict);
  });

  it("accept raw JSON and reject bad options", () => {
    expect(evaluate(makeSet() as CriteriaSetInput, { a: true }).verdict).toBe("pass");
    expect(() => evaluate(set, data, { asOf: "1/6/2024" })).toThrow(OptionsError);
    expect(() => evaluate(set, data, { engine: "nope" as never })).toThrow(/unknown engine/);
  });

  it("come without exceptions from safeEvaluate: the result, or the typed error evaluate throws", () => {
    expect(safeEvaluate(set, data, { asOf: "2024-06-01" })).toEqual({ ok: true, result: evaluate(set, data, { asOf: "2024-06-01" }) });
    const bad = safeEvaluate(set, { a: "yes" });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error).toBeInstanceOf(UnitDataError);
      expect(bad.error.code).toBe("ERR_UNIT_DATA");
      expect(bad.error.problems.map((p) => p.path)).toContainEqual(["a"]);
    }
    const early = safeEvaluate(set, data, { asOf: "2023-06-01" });
    expect(!early.ok && early.error).toBeInstanceOf(NotInForceError);
    const unknown = safeEvaluate("no-such-set", data, { asOf: "2024-06-01", sets: createRegistry([set]) });
    expect(!unknown.ok && unknown.error).toBeInstanceOf(SetNotFoundError);
    expect(safeEvaluate(set, data, { asOf: "1/6/2024" })).toMatchObject({ ok: false, error: { code: "ERR_OPTIONS" } });
    // A bug (an error that is not tieuchi's) is still thrown, not dressed as bad input.
    const broken = {
      resolve: () => {
        throw new TypeError("bug");
      },
    };
    expect(() => safeEvaluate("test-set", data, { asOf: "2024-06-01", sets: broken })).toThrow(TypeError);
  });

  it("do not leave the caller's data changed", () => {
    const d = { a: true, members: [{ ok: true }] };
    const copy = structuredClone(d);
    evaluate(set, d);
    expect(d).toEqual(copy);
  });
});
