import { describe, expect, it } from "vitest";
import { CriteriaSetError, loadCriteriaSet, parseCriteriaSet, validateCriteriaSet, type Problem } from "../src/index.js";
import { makeSet, text } from "./helpers.js";

function problems(json: unknown): Problem[] {
  const v = validateCriteriaSet(json);
  return v.ok ? [] : [...v.problems];
}
function withRule(rule: unknown, extra: Record<string, unknown> = {}) {
  return makeSet({ criteria: [{ id: "1", title: text("one"), points: 100, rule, ...extra }] });
}
function codes(json: unknown): string[] {
  return problems(json).map((p) => p.code);
}

describe("criteria set validation", () => {
  it("accepts a valid set and applies defaults", () => {
    const v = validateCriteriaSet(makeSet());
    expect(v.ok).toBe(true);
    if (v.ok) {
      expect(v.set.jurisdiction).toBe("VN");
      expect(v.set.criteria[0]!.mandatory).toBe(false);
      expect(v.set.decision.method === "points" && v.set.decision.notApplicable).toBe("exclude");
    }
  });

  it("reports shape problems with their paths, all at once", () => {
    const bad = makeSet({ version: "one", validFrom: "2024-02-30", subject: "planet", titel: "x" });
    const ps = problems(bad);
    const at = (path: string) => ps.find((p) => p.path.join(".") === path);
    expect(at("version")?.message).toMatch(/2020.1.0/);
    expect(at("validFrom")?.message).toMatch(/real calendar date/);
    expect(at("subject")?.code).toBe("invalid_value");
    expect(at("titel")).toMatchObject({ code: "unknown_key", message: expect.stringContaining("did you mean 'title'") });
    expect(ps.length).toBeGreaterThanOrEqual(4);
  });

  it("throws one CriteriaSetError listing every problem", () => {
    const bad = makeSet({
      criteria: [
        { id: "1", title: text("a"), points: 60, rule: { var: "nope" } },
        { id: "1", title: text("b"), points: 30, rule: { method: [1, "x"] } },
      ],
    });
    let err: unknown;
    try {
      parseCriteriaSet(bad, "bad.json");
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CriteriaSetError);
    const e = err as CriteriaSetError;
    expect(e.code).toBe("ERR_CRITERIA_SET");
    expect(e.source).toBe("bad.json");
    expect(e.problems.map((p) => p.code).sort()).toEqual(["duplicate_id", "operator_not_allowed", "points_sum", "unknown_var"]);
    expect(e.message).toContain("bad.json");
    expect(e.message).toContain("criteria[0].rule.var");
  });

  it("checks that every var is a declared input, field or derived value", () => {
    const ps = problems(withRule({ var: "aa" }));
    expect(ps[0]).toMatchObject({ code: "unknown_var", path: ["criteria", 0, "rule", "var"] });
    expect(ps[0]!.message).toContain("did you mean 'a'");
    expect(codes(withRule({ all: [{ var: "members" }, { var: "ok" }] }))).toEqual([]);
    // Inside an iteration, var reads fields of the item, not the outer inputs.
    const inner = problems(withRule({ all: [{ var: "members" }, { var: "a" }] }));
    expect(inner[0]).toMatchObject({ code: "unknown_var", path: ["criteria", 0, "rule", "all", 1, "var"] });
    expect(inner[0]!.message).toContain("each item of members");
    expect(codes(withRule({ var: "members.age" }))).toEqual(["unknown_var"]);
  });

  it("allows only the documented operators", () => {
    for (const op of [
      "method",
      "log",
      "reduce",
      "map",
      "merge",
      "substr",
      "cat",
      "missing",
      "missing_some",
      "?:",
      "Math.min",
      "__proto__",
      "constructor",
      "toString",
    ])
      expect(codes(withRule(JSON.parse(`{${JSON.stringify(op)}: [1]}`)))).toContain("operator_not_allowed");
  });

  it("rejects computed, unsafe and positional var paths", () => {
    expect(codes(withRule({ var: { cat: ["a"] } }))).toContain("var_not_literal");
    expect(codes(withRule({ var: ["a", false] }))).toContain("arity");
    expect(codes(withRule({ var: "__proto__.polluted" }))).toEqual(["unsafe_path"]);
    expect(codes(withRule({ var: "members.constructor" }))).toEqual(["unsafe_path"]);
    expect(codes(withRule({ var: "members.0.ok" }))).toEqual(["bad_path"]);
  });

  it("checks arity, operation shape, lists, percentages, counts and enum values", () => {
    expect(codes(withRule({ ">=": [1] }))).toEqual(["arity"]);
    expect(codes(withRule({ "==": [1, 2], "!=": [1, 2] }))).toEqual(["operation_shape"]);
    expect(codes(withRule({}))).toEqual(["operation_shape"]);
    expect(codes(withRule({ all: [{ var: "a" }, true] }))).toEqual(["not_a_list"]);
    expect(codes(withRule({ shareAtLeast: [120, { var: "members" }, { var: "ok" }] }))).toEqual(["bad_percent"]);
    expect(codes(withRule({ shareAtLeast: [90.1234567, { var: "members" }, { var: "ok" }] }))).toEqual(["bad_percent"]);
    expect(codes(withRule({ ratioAtLeast: [{ var: "a" }, { var: "n" }, 50] }))).toEqual(["not_a_count"]);
    expect(codes(withRule({ ratioAtLeast: [{ "/": [{ var: "k" }, 2] }, { var: "n" }, 50] }))).toEqual(["not_a_count"]);
    expect(codes(withRule({ "==": [{ var: "xepLoai" }, "Kha"] }))).toEqual(["not_in_enum"]);
    expect(codes(withRule({ in: [{ var: "xepLoai" }, ["Tốt", "Gioi"]] }))).toEqual(["not_in_enum"]);
    // Enum values match after NFC normalisation.
    expect(codes(withRule({ "==": [{ var: "xepLoai" }, "Kha\u0301"] }))).toEqual([]);
  });

  it("limits the depth and size of a rule", () => {
    let deep: unknown = true;
    for (let i = 0; i < 60; i++) deep = { "!": [deep] };
    expect(codes(withRule(deep))).toEqual(["rule_too_deep"]);
    const wide = { and: Array.from({ length: 64 }, () => ({ or: Array.from({ length: 64 }, () => ({ "!": { var: "a" } })) })) };
    expect(codes(withRule(wide))).toEqual(["rule_too_large"]);
  });

  it("checks ids, groups and levels", () => {
    const s = makeSet({
      groups: [{ id: "g", title: text("g"), maxPoints: 50 }],
      criteria: [
        { id: "1", title: text("a"), points: 60, group: "g", rule: true },
        { id: "2", title: text("b"), points: 40, group: "h", level: "muc-1", rule: true },
      ],
    });
    const ps = problems(s);
    expect(ps.map((p) => p.code).sort()).toEqual(["points_sum", "unknown_group", "unknown_level"]);
    expect(ps.find((p) => p.code === "points_sum")!.path).toEqual(["groups", 0, "maxPoints"]);
  });

  it("checks that points add up and grade bands are in order", () => {
    expect(codes(makeSet({ decision: { method: "points", maxPoints: 90, passMark: 50 } }))).toEqual(["points_sum"]);
    expect(codes(makeSet({ decision: { method: "points", maxPoints: 100, passMark: 150 } }))).toEqual(["pass_mark"]);
    const grades = (g: unknown[]) => makeSet({ decision: { method: "points", maxPoints: 100, passMark: 50, grades: g } });
    const g = (id: string, minPoints: number) => ({ id, title: text(id), minPoints });
    expect(codes(grades([g("tot", 85), g("kha", 70), g("tb", 50)]))).toEqual([]);
    expect(codes(grades([g("kha", 70), g("tot", 85), g("tb", 50)]))).toEqual(["grades_order"]);
    expect(codes(grades([g("tot", 85), g("tb", 40)]))).toContain("grades_order");
    expect(codes(grades([g("tot", 85), g("kha", 70)]))).toEqual(["grades_order"]);
    expect(codes(grades([g("tot", 85), g("tot", 50)]))).toEqual(["duplicate_id"]);
  });

  it("checks dates, lineage and completeness", () => {
    expect(codes(makeSet({ validTo: "2023-12-31" }))).toEqual(["dates"]);
    expect(codes(makeSet({ source: { document: "X", issuer: "Y", issued: "2024-06-01" } }))).toEqual(["dates"]);
    expect(codes(makeSet({ supersedes: { id: "test-set", version: "1.0.0" } }))).toEqual(["supersedes_self"]);
    const pending = makeSet({ criteria: [{ id: "1", title: text("a"), points: 100, pending: { reason: text("text not found") } }] });
    expect(codes(pending)).toEqual(["completeness"]);
    expect(codes({ ...pending, completeness: { level: "partial", notes: ["1 not found"] } })).toEqual([]);
  });

  it("checks criteria's form: rule, tiers, score, exclusions, points under each decision", () => {
    expect(codes(withRule(undefined))).toEqual(["custom"]);
    expect(codes(makeSet({ criteria: [{ id: "1", title: text("a"), points: { max: 100, tiers: [{ points: 100, when: true }] }, rule: true }] }))).toEqual([
      "custom",
    ]);
    expect(codes(makeSet({ criteria: [{ id: "1", title: text("a"), points: { max: 100, tiers: [{ points: 50, when: true }] } }] }))).toEqual(["points"]);
    expect(codes(makeSet({ criteria: [{ id: "1", title: text("a"), points: { max: 100, score: { var: "n" } } }] }))).toEqual(["custom"]);
    expect(codes(makeSet({ criteria: [{ id: "1", title: text("a"), points: { max: 100, score: { var: "a" } }, rule: true }] }))).toEqual(["score_type"]);
    expect(codes(makeSet({ criteria: [{ id: "1", title: text("a"), points: 100, role: "exclusion", excludes: true }] }))).toEqual(["custom"]);
    expect(
      codes(
        makeSet({
          criteria: [
            { id: "1", title: text("a"), rule: true },
            { id: "2", title: text("b"), points: 100, rule: true },
          ],
        }),
      ),
    ).toEqual(["no_points"]);
    expect(codes(makeSet({ decision: { method: "all" } }))).toEqual(["points_unused"]);
  });

  it("checks derived values and input declarations", () => {
    expect(codes(makeSet({ derived: { a: { description: text("x"), rule: true } } }))).toEqual(["duplicate_name"]);
    expect(codes(makeSet({ derived: { x: { description: text("x"), rule: { var: "y" } }, y: { description: text("y"), rule: true } } }))).toEqual([
      "unknown_var",
    ]);
    const inputs = (spec: unknown) => makeSet({ inputs: { a: spec } });
    expect(codes(inputs({ type: "integer", min: 5, max: 1, description: text("x") }))).toEqual(["bad_range"]);
    expect(codes(inputs({ type: "integer", min: 0, max: 5, default: 9, description: text("x") }))).toEqual(["bad_default"]);
    expect(codes(inputs({ type: "string", enum: ["Khá", "Kha\u0301"], description: text("x") }))).toEqual(["duplicate_enum"]);
    expect(codes(inputs({ type: "title", set: "test-set", description: text("x") }))).toEqual(["title_cycle"]);
    expect(codes(inputs({ type: "integer", description: { vi: "x" } }))).toContain("invalid_type");
    expect(codes(makeSet({ inputs: { "bad-name": { type: "boolean", description: text("x") } } }))).toContain("invalid_key");
  });

  it("checks placeholders in message templates", () => {
    const s = (explain: unknown, rule: unknown = { var: "a" }) => withRule(rule, { explain });
    expect(codes(s({ fail: { vi: "{{n}} {{points}}", en: "{{found}}" } }))).toEqual([]);
    expect(codes(s({ fail: { vi: "{{nope}}", en: "x" } }))).toEqual(["template_name"]);
    expect(codes(s({ fail: { vi: "{{part}}", en: "x" } }))).toEqual(["template_name"]);
    expect(codes(s({ fail: { vi: "{{part}}", en: "{{requiredPercent}}" } }, { shareAtLeast: [50, { var: "members" }, { var: "ok" }] }))).toEqual([]);
  });

  it("rejects a __proto__ key rather than following it", () => {
    const json = JSON.parse('{"__proto__": {"polluted": true}}');
    const s = { ...makeSet(), ...{} } as Record<string, unknown>;
    Object.defineProperty(s, "__proto__", { value: json.__proto__, enumerable: true });
    expect(codes(s)).toContain("unknown_key");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("loads the same set to the same hash whatever the key order and white space", () => {
    const a = makeSet();
    const b = JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(a).reverse()), null, 4));
    expect(loadCriteriaSet(a).hash).toBe(loadCriteriaSet(b).hash);
    expect(loadCriteriaSet(a).hash).not.toBe(loadCriteriaSet(makeSet({ version: "1.0.1" })).hash);
  });
});
