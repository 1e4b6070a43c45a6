import { describe, expect, it } from "vitest";
import {
  CriteriaSetError,
  DEFAULT_LIMITS,
  evaluate,
  loadCriteriaSet,
  OptionsError,
  validateCriteriaSet,
  type LimitsInput,
  type Problem,
} from "../src/index.js";
import { join } from "node:path";
import { loadCriteriaDir } from "../src/node/index.js";
import { makeSet, ROOT, text, unitDataProblems } from "./helpers.js";

function problems(json: unknown, limits?: LimitsInput): Problem[] {
  const v = validateCriteriaSet(json, limits ? { limits } : {});
  return v.ok ? [] : [...v.problems];
}
const codes = (json: unknown, limits?: LimitsInput) => problems(json, limits).map((p) => p.code);
const criterion = (i: number, rule: unknown = { var: "a" }) => ({ id: `c${i}`, title: text(`c${i}`), points: 1, rule });
const setOf = (n: number) =>
  makeSet({ criteria: Array.from({ length: n }, (_, i) => criterion(i)), decision: { method: "points", maxPoints: n, passMark: 0 } });
const nestArrays = (n: number, leaf: unknown = true): unknown => {
  let v = leaf;
  for (let i = 0; i < n; i++) v = [v];
  return v;
};
const nestInputs = (levels: number): unknown => {
  let spec: unknown = { type: "boolean", description: text("leaf") };
  for (let i = 0; i < levels; i++) spec = { type: "array", description: text("list"), items: spec };
  return spec;
};
const dataProblems = unitDataProblems;
const at = (ps: Problem[]) => ps.map((p) => [p.path.join("."), p.code]);

describe("limits", () => {
  it("have documented defaults", () => {
    expect(DEFAULT_LIMITS).toEqual({
      maxJsonDepth: 200,
      maxCriteria: 1000,
      maxDerived: 500,
      maxInputs: 1000,
      maxDataDepth: 8,
      maxRuleDepth: 40,
      maxRuleNodes: 5000,
      maxTotalRuleNodes: 100_000,
      maxArrayLength: 100_000,
      maxWork: 20_000_000,
      maxStringLength: 10_000,
    });
    expect(Object.isFrozen(DEFAULT_LIMITS)).toBe(true);
  });

  it("refuse unusable limits with an OptionsError naming the option", () => {
    const bad: [unknown, string, RegExp][] = [
      [{ maxCriteria: 0 }, "maxCriteria", /at least 1/],
      [{ maxCriteria: -5 }, "maxCriteria", /whole number/],
      [{ maxRuleNodes: 2.5 }, "maxRuleNodes", /whole number/],
      [{ maxStringLength: "100" }, "maxStringLength", /number/],
      [{ maxRuleDepth: 10_000 }, "maxRuleDepth", /200/],
      [{ maxJsonDepth: 5000 }, "maxJsonDepth", /1000/],
      [{ maxDataDepth: 65 }, "maxDataDepth", /64/],
      [{ maxCritera: 5 }, "", /unknown limit 'maxCritera'/],
    ];
    for (const [limits, key, message] of bad) {
      let err: unknown;
      try {
        loadCriteriaSet(makeSet(), { limits: limits as LimitsInput });
      } catch (e) {
        err = e;
      }
      expect(err, JSON.stringify(limits)).toBeInstanceOf(OptionsError);
      expect((err as OptionsError).path).toEqual(key ? ["limits", key] : ["limits"]);
      expect((err as OptionsError).message).toMatch(message);
    }
  });

  it("keep every limit not given at its default", () => {
    expect(loadCriteriaSet(makeSet(), { limits: { maxCriteria: 3 } }).limits).toEqual({ ...DEFAULT_LIMITS, maxCriteria: 3 });
    expect(loadCriteriaSet(makeSet()).limits).toEqual(DEFAULT_LIMITS);
  });
});

describe("limits on a criteria set", () => {
  it("refuse a file nested deeper than maxJsonDepth before anything else, without recursing", () => {
    const deepRule = makeSet({ criteria: [criterion(0, nestArrays(1_000_000))], decision: { method: "points", maxPoints: 1, passMark: 0 } });
    const ps = problems(deepRule);
    expect(ps).toHaveLength(1);
    expect(ps[0]).toMatchObject({ code: "too_deep", message: expect.stringContaining("limits.maxJsonDepth") });
    expect(ps[0]!.path.slice(0, 3)).toEqual(["criteria", 0, "rule"]);
    expect(ps[0]!.path).toHaveLength(DEFAULT_LIMITS.maxJsonDepth);
    // A cycle, which only a JavaScript caller can make, is too deep too.
    const cyclic = makeSet() as Record<string, unknown>;
    (cyclic.title as Record<string, unknown>).self = cyclic;
    expect(codes(cyclic)).toEqual(["too_deep"]);
    // Depth counts objects and lists from the root: the set (1), criteria (2), a criterion (3), its rule...
    const exactly = (depth: number) =>
      makeSet({ criteria: [criterion(0, { "!": nestArrays(depth - 4, true) })], decision: { method: "points", maxPoints: 1, passMark: 0 } });
    expect(codes(exactly(30), { maxJsonDepth: 30 })).not.toContain("too_deep");
    expect(codes(exactly(31), { maxJsonDepth: 30 })).toEqual(["too_deep"]);
  });

  it("refuse more criteria than maxCriteria", () => {
    expect(codes(setOf(1000))).toEqual([]);
    const ps = problems(setOf(1001));
    expect(ps).toEqual([
      {
        code: "too_many_criteria",
        key: "problem.too_many_criteria",
        params: { count: 1001, max: 1000 },
        path: ["criteria"],
        message: expect.stringMatching(/1001 criteria; at most 1000 .*limits\.maxCriteria/),
      },
    ]);
    expect(codes(setOf(11), { maxCriteria: 10 })).toEqual(["too_many_criteria"]);
    expect(codes(setOf(1001), { maxCriteria: 1001 })).toEqual([]);
  });

  it("refuse more derived values than maxDerived", () => {
    const derived = (n: number) =>
      makeSet({ derived: Object.fromEntries(Array.from({ length: n }, (_, i) => [`d${i}`, { description: text("d"), rule: true }])) });
    expect(codes(derived(3), { maxDerived: 3 })).toEqual([]);
    expect(problems(derived(4), { maxDerived: 3 })).toEqual([
      {
        code: "too_many_derived",
        key: "problem.too_many_derived",
        params: { count: 4, max: 3 },
        path: ["derived"],
        message: expect.stringContaining("limits.maxDerived"),
      },
    ]);
    expect(codes(derived(501))).toEqual(["too_many_derived"]);
  });

  it("refuse more inputs, counting record fields at every level, than maxInputs", () => {
    // makeSet declares 6 inputs, and 3 fields in each member record.
    expect(codes(makeSet(), { maxInputs: 9 })).toEqual([]);
    expect(problems(makeSet(), { maxInputs: 8 })).toEqual([
      {
        code: "too_many_inputs",
        key: "problem.too_many_inputs",
        params: { count: 9, max: 8 },
        path: ["inputs"],
        message: expect.stringMatching(/9 inputs and fields; at most 8 .*limits\.maxInputs/),
      },
    ]);
  });

  it("refuse inputs nested deeper than maxDataDepth, so a unit's data never can be", () => {
    const withInput = (spec: unknown) => makeSet({ inputs: { ...(makeSet().inputs as object), deep: spec } });
    expect(codes(withInput(nestInputs(8)))).toEqual([]);
    const ps = problems(withInput(nestInputs(9)));
    expect(ps).toEqual([
      {
        code: "inputs_too_deep",
        key: "problem.inputs_too_deep",
        params: { depth: 9, max: 8 },
        path: ["inputs", "deep", ...Array(8).fill("items")],
        message: expect.stringContaining("limits.maxDataDepth"),
      },
    ]);
    // Deep enough to exhaust the stack of a recursive validator: refused before the schema runs.
    expect(codes(withInput(nestInputs(5000)), { maxJsonDepth: 1000 })).toEqual(["too_deep"]);
    expect(codes(withInput(nestInputs(400)), { maxJsonDepth: 1000 })).toEqual(["inputs_too_deep"]);
    expect(codes(withInput(nestInputs(3)), { maxDataDepth: 2 })).toEqual(["inputs_too_deep"]);
  });

  it("refuse a rule deeper than maxRuleDepth or larger than maxRuleNodes", () => {
    const not = (n: number) => {
      let r: unknown = { var: "a" };
      for (let i = 0; i < n; i++) r = { "!": r };
      return r;
    };
    const one = (rule: unknown) => makeSet({ criteria: [{ id: "1", title: text("one"), points: 100, rule }] });
    expect(codes(one(not(40)))).toEqual([]);
    expect(problems(one(not(41)))).toEqual([
      {
        code: "rule_too_deep",
        key: "problem.rule_too_deep",
        params: { max: 40 },
        path: expect.arrayContaining(["criteria", 0, "rule"]),
        message: expect.stringContaining("limits.maxRuleDepth"),
      },
    ]);
    expect(codes(one(not(60)), { maxRuleDepth: 60 })).toEqual([]);
    const wide = (n: number) => ({ and: Array.from({ length: n }, () => ({ var: "a" })) });
    expect(codes(one(wide(9)), { maxRuleNodes: 10 })).toEqual([]);
    expect(problems(one(wide(10)), { maxRuleNodes: 10 })[0]).toMatchObject({ code: "rule_too_large", message: expect.stringContaining("limits.maxRuleNodes") });
  });

  it("refuse rules that together exceed maxTotalRuleNodes, however they are spread over tiers", () => {
    const tiers = (n: number) =>
      makeSet({
        criteria: [
          {
            id: "1",
            title: text("a"),
            points: { max: 100, tiers: Array.from({ length: n }, (_, i) => ({ points: i === 0 ? 100 : 1, when: { "!": { var: "a" } } })) },
          },
        ],
      });
    expect(codes(tiers(50), { maxTotalRuleNodes: 100 })).toEqual([]);
    const ps = problems(tiers(51), { maxTotalRuleNodes: 100 });
    expect(ps).toEqual([
      {
        code: "rules_too_large",
        key: "problem.rules_too_large",
        params: { max: 100 },
        path: ["criteria", 0, "points", "tiers", 50, "when"],
        message: expect.stringContaining("limits.maxTotalRuleNodes"),
      },
    ]);
  });

  it("require a ratio's part and whole read from inputs declared as counts (min 0)", () => {
    const ratio = (nSpec: object) =>
      makeSet({
        inputs: { ...(makeSet().inputs as object), m: { type: "integer", description: text("m"), ...nSpec } },
        criteria: [{ id: "1", title: text("r"), points: 100, rule: { ratioAtLeast: [{ var: "k" }, { var: "m" }, 50] } }],
      });
    expect(codes(ratio({ min: 0 }))).toEqual([]);
    expect(codes(ratio({ min: 1 }))).toEqual([]);
    const ps = problems(ratio({}));
    expect(ps).toEqual([
      {
        code: "not_a_count",
        key: "problem.not_a_count.signed",
        params: { part: "whole", input: '"m"' },
        path: ["criteria", 0, "rule", "ratioAtLeast", 1],
        message: expect.stringContaining('"min": 0'),
      },
    ]);
    expect(codes(ratio({ min: -3 }))).toEqual(["not_a_count"]);
  });
});

describe("limits on a unit's data", () => {
  const set = loadCriteriaSet(
    makeSet({
      inputs: {
        ...(makeSet().inputs as object),
        ten: { type: "string", description: text("name") },
        ghiChu: { type: "string", maxLength: 5, description: text("note") },
        nhom: {
          type: "array",
          description: text("groups"),
          items: {
            type: "object",
            description: text("group"),
            fields: { tags: { type: "array", maxItems: 2, description: text("tags"), items: { type: "string", description: text("tag") } } },
          },
        },
      },
    }),
    { limits: { maxArrayLength: 3, maxStringLength: 8 } },
  );

  it("refuse a list longer than maxArrayLength, with its path, before looking at its items", () => {
    expect(dataProblems(set, { members: [{}, {}, {}] })).toEqual([]);
    const ps = dataProblems(set, { members: [1, 2, 3, 4] });
    expect(ps).toEqual([
      {
        code: "list_too_long",
        key: "problem.list_too_long",
        params: { count: 4, max: 3 },
        path: ["members"],
        message: "the list has 4 items; at most 3 are accepted (limits.maxArrayLength)",
      },
    ]);
    expect(at(dataProblems(set, { nhom: [{ tags: ["a", "b", "c", "d"] }] }))).toEqual([["nhom.0.tags", "list_too_long"]]);
    // The set's own maxItems still applies, with zod's code.
    expect(at(dataProblems(set, { nhom: [{ tags: ["a", "b", "c"] }] }))).toEqual([["nhom.0.tags", "too_big"]]);
  });

  it("refuse a huge list cheaply: one problem, not one per item", () => {
    const big = loadCriteriaSet(makeSet(), { limits: { maxArrayLength: 10 } });
    const ps = dataProblems(big, { members: Array.from({ length: 1_000_000 }, () => "not a member") });
    expect(at(ps)).toEqual([["members", "list_too_long"]]);
    expect(ps[0]!.message).toContain("1000000 items");
  });

  it("refuse a text longer than maxStringLength, with its path, in free text and in enums", () => {
    expect(dataProblems(set, { ten: "12345678" })).toEqual([]);
    expect(dataProblems(set, { ten: "123456789" })).toEqual([
      {
        code: "text_too_long",
        key: "problem.text_too_long",
        params: { length: 9, max: 8 },
        path: ["ten"],
        message: "the text has 9 characters; at most 8 are accepted (limits.maxStringLength)",
      },
    ]);
    expect(at(dataProblems(set, { xepLoai: "x".repeat(100) }))).toEqual([["xepLoai", "text_too_long"]]);
    expect(at(dataProblems(set, { nhom: [{ tags: ["ok", "y".repeat(9)] }] }))).toEqual([["nhom.0.tags.1", "text_too_long"]]);
    expect(at(dataProblems(set, { ghiChu: "123456" }))).toEqual([["ghiChu", "too_big"]]);
    const def = loadCriteriaSet(makeSet({ inputs: { ...(makeSet().inputs as object), ten: { type: "string", description: text("t") } } }));
    expect(at(dataProblems(def, { ten: "x".repeat(10_001) }))).toEqual([["ten", "text_too_long"]]);
    expect(dataProblems(def, { ten: "x".repeat(10_000) })).toEqual([]);
  });

  it("never nest deeper than declared: deeper data is refused at the first level that does not match", () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = { x: deep };
    expect(at(dataProblems(set, { members: [{ age: deep }] }))).toEqual([["members.0.age", "invalid_type"]]);
    expect(at(dataProblems(set, { members: [deep] }))).toEqual([["members.0.x", "unknown_field"]]);
    let lists: unknown = 1;
    for (let i = 0; i < 100_000; i++) lists = [lists];
    expect(at(dataProblems(set, { nhom: lists }))).toEqual([["nhom.0", "invalid_type"]]);
  });

  it("never coerce: NaN, Infinity, text, booleans and bigints are not numbers; counts are not negative", () => {
    const cases: [unknown, string][] = [
      [Number.NaN, "invalid_type"],
      [Number.POSITIVE_INFINITY, "invalid_type"],
      [Number.NEGATIVE_INFINITY, "invalid_type"],
      ["5", "invalid_type"],
      [" 5 ", "invalid_type"],
      ["", "invalid_type"],
      [true, "invalid_type"],
      [5n, "invalid_type"],
      [[5], "invalid_type"],
      [{ valueOf: () => 5 }, "invalid_type"],
      [2.5, "invalid_type"],
      [2 ** 53, "too_big"],
      [-1, "too_small"],
    ];
    for (const [v, code] of cases) {
      // 2^53 is both unsafe as an integer and above the declared max: two reasons, one path, one code.
      const only = (ps: Problem[]) => [...new Set(at(ps).map((x) => x.join(" ")))];
      expect(only(dataProblems(set, { n: v })), String(v)).toEqual([`n ${code}`]);
      expect(only(dataProblems(set, { members: [{ age: v }] })), String(v)).toEqual([`members.0.age ${code}`]);
    }
    expect(dataProblems(set, { n: 0, k: 1000 })).toEqual([]);
    expect(at(dataProblems(set, { a: "true" }))).toEqual([["a", "invalid_type"]]);
    expect(at(dataProblems(set, { a: 1 }))).toEqual([["a", "invalid_type"]]);
  });
});

describe("a loaded set", () => {
  it("is immutable, so it can be shared safely", () => {
    const set = loadCriteriaSet(makeSet());
    expect(Object.isFrozen(set)).toBe(true);
    expect(Object.isFrozen(set.definition.criteria[0])).toBe(true);
    expect(() => {
      (set.definition.criteria[0] as { rule: unknown }).rule = { method: [] };
    }).toThrow(TypeError);
    expect(() => {
      (set.definition.decision as { passMark: number }).passMark = 0;
    }).toThrow(TypeError);
  });

  it("does not change the JSON it was loaded from, nor the data it evaluates", () => {
    const json = makeSet();
    const before = JSON.stringify(json);
    const set = loadCriteriaSet(json);
    expect(JSON.stringify(json)).toBe(before);
    const freeze = (v: unknown): unknown => {
      if (v && typeof v === "object") {
        Object.values(v).forEach(freeze);
        Object.freeze(v);
      }
      return v;
    };
    const data = freeze({ a: true, n: 3, members: [{ age: 3 }, { age: 40, ok: true }] });
    const copy = JSON.stringify(data);
    expect(evaluate(set, data).verdict).toBe("pass");
    expect(JSON.stringify(data)).toBe(copy);
  });

  it("reports problems of the set as a CriteriaSetError naming the limit", () => {
    expect(() => loadCriteriaSet(setOf(3), { limits: { maxCriteria: 2 }, source: "big.json" })).toThrow(CriteriaSetError);
    expect(() => loadCriteriaSet(setOf(3), { limits: { maxCriteria: 2 }, source: "big.json" })).toThrow(
      /big\.json.*\n.*criteria: the set has 3 criteria; at most 2 .*\[too_many_criteria\]/,
    );
  });
});

describe("the work one unit may take (maxWork), estimated when a set is loaded", () => {
  const member = (extra: Record<string, unknown> = {}) => ({
    type: "array",
    ...extra,
    description: text("members"),
    items: {
      type: "object",
      description: text("member"),
      fields: {
        age: { type: "integer", min: 0, max: 130, description: text("age") },
        scores: { type: "array", description: text("scores"), items: { type: "number", description: text("score") } },
      },
    },
  });
  const withRule = (rule: unknown, members: Record<string, unknown> = {}, more: Record<string, unknown> = {}) =>
    makeSet({
      inputs: { a: { type: "boolean", description: text("a") }, members: member(members) },
      criteria: [{ id: "1", title: text("r"), points: 100, rule }],
      ...more,
    });
  const work = (json: unknown, limits: LimitsInput = { maxWork: Number.MAX_SAFE_INTEGER }) => loadCriteriaSet(json, { limits }).analysis.work;
  const all = { all: [{ var: "members" }, { ">": [{ var: "age" }, 5] }] };

  it("counts each part of a rule once, times the most items of each list it goes through", () => {
    // all (1) + var members (1) + 100,000 items × (> , var age, 5).
    expect(work(withRule(all))).toBe(2 + 3 * 100_000);
    expect(work(withRule(all, { maxItems: 40 }))).toBe(2 + 3 * 40);
    expect(work(withRule(all), { maxArrayLength: 1000, maxWork: 10 ** 9 })).toBe(2 + 3 * 1000);
    // Nested lists multiply: 40 members × 100,000 scores × 3 parts.
    const nested = { all: [{ var: "members" }, { some: [{ var: "scores" }, { ">": [{ var: "" }, 5] }] }] };
    expect(work(withRule(nested, { maxItems: 40 }))).toBe(2 + 40 * 2 + 40 * 100_000 * 3);
    // A literal list, a lookup in it, a filtered list and a derived list keep their bounds.
    expect(work(withRule({ in: [{ var: "a" }, [true, false]] }))).toBe(5 + 2);
    const derived = {
      derived: { big: { label: text("big"), description: text("big"), rule: { filter: [{ var: "members" }, { ">": [{ var: "age" }, 5] }] } } },
    };
    expect(work(withRule({ "==": [{ count: [{ var: "big" }] }, 1] }, { maxItems: 40 }, derived))).toBe(2 + 3 * 40 + 4);
  });

  it("refuses a set that could take more than maxWork steps per unit, naming the rule, unless the limit is raised", () => {
    const nested = withRule({ all: [{ var: "members" }, { all: [{ var: "scores" }, { ">=": [{ var: "" }, 1] }] }] });
    let err: unknown;
    try {
      loadCriteriaSet(nested);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CriteriaSetError);
    expect((err as CriteriaSetError).problems).toEqual([
      {
        code: "work_too_large",
        key: "problem.work_too_large",
        params: { work: 30_000_200_002, max: 20_000_000, rule: 30_000_200_002 },
        path: ["criteria", 0, "rule"],
        message: expect.stringContaining("could take up to 30,000,200,002 steps"),
      },
    ]);
    expect((err as CriteriaSetError).message).toMatch(/Declare "maxItems" on the lists it goes through, or raise limits\.maxWork/);
    expect(work(nested)).toBe(30_000_200_002);
    // At the limit it loads; one step over, it does not.
    const w = work(withRule(all));
    expect(loadCriteriaSet(withRule(all), { limits: { maxWork: w } }).analysis.work).toBe(w);
    expect(() => loadCriteriaSet(withRule(all), { limits: { maxWork: w - 1 } })).toThrow(/work_too_large/);
  });

  it("keeps every shipped set far inside the default", () => {
    for (const set of loadCriteriaDir(join(ROOT, "criteria")))
      expect(set.analysis.work, `${set.definition.id}@${set.definition.version}`).toBeLessThanOrEqual(DEFAULT_LIMITS.maxWork / 5);
  });
});
