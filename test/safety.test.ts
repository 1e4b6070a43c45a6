/**
 * The safety profile: criteria files may use only the documented operators and literal, own-property
 * `var` paths. Shapes of the published json-logic-js advisories are refused when a set is loaded, and an
 * evaluator given them anyway (a rule that bypassed loading) refuses to run them.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createRegistry } from "../src/versions/registry.js";
import {
  ENGINE_NAMES,
  evaluate,
  EvaluationError,
  loadCriteriaSet,
  OPERATORS,
  parseJson,
  TieuchiError,
  UnitDataError,
  validateCriteriaSet,
  type Problem,
} from "../src/index.js";
import { engineNamed } from "../src/evaluate/evaluate.js";
import { runRule } from "../src/evaluate/run.js";
import type { Rule } from "../src/schema/rule.js";
import { familiesInput, familySet, makeSet, text } from "./helpers.js";

const PWNED = "__tieuchiPwned";
const payload = `globalThis.${PWNED} = true`;

/** npm advisory 1542 (json-logic-js < 2.0.0): `method` walking from data to Function. */
const ADVISORY_1542 = { method: [{ method: [{ var: "__proto__.constructor.is.__proto__" }, "constructor", [payload]] }, "call"] };

/** CVE-2021-4329 (json-logic-js 2.0.0): dotted operator names walking inherited properties of the operations table. */
const CVE_2021_4329_OPERATORS = [
  "toString",
  "valueOf",
  "hasOwnProperty",
  "isPrototypeOf",
  "propertyIsEnumerable",
  "toLocaleString",
  "__defineGetter__",
  "__lookupGetter__",
  "constructor",
  "constructor.constructor",
  "__proto__",
  "__proto__.x",
  "__proto__.constructor",
  "__proto__.constructor.constructor",
  "var.constructor",
  "==.constructor.constructor",
  "all.call",
  "tc:var.constructor",
  "Math.min",
];

/** Operators json-logic-js has but criteria files may not use. */
const JSONLOGIC_EXTRAS = ["log", "method", "cat", "substr", "merge", "map", "reduce", "missing", "missing_some", "?:", "tc:var", "tc:count", "tc:ratioAtLeast"];

const UNSAFE_PATHS = [
  "__proto__",
  "__proto__.constructor",
  "__proto__.constructor.is.__proto__",
  "constructor",
  "constructor.constructor",
  "prototype",
  "members.constructor",
  "a.__proto__",
];

function withRuleEverywhere(rule: unknown): Record<string, unknown>[] {
  const c = (extra: object) => ({ id: "1", title: text("x"), ...extra });
  return [
    makeSet({ criteria: [c({ points: 100, rule })] }),
    makeSet({ criteria: [c({ points: 100, rule: true, applies: rule })] }),
    makeSet({ criteria: [c({ points: 100, rule: { and: [true, rule] } })] }),
    makeSet({ criteria: [c({ points: { max: 100, tiers: [{ points: 100, when: rule }] } })] }),
    makeSet({ criteria: [c({ points: { max: 100, score: rule }, rule: true })] }),
    makeSet({ criteria: [c({ role: "exclusion", excludes: rule }), c({ id: "2", points: 100, rule: true })] }),
    makeSet({ derived: { d: { description: text("d"), rule } } }),
    makeSet({ criteria: [c({ points: 100, rule: { some: [{ var: "members" }, rule] } })] }),
  ];
}

function problems(json: unknown): Problem[] {
  const v = validateCriteriaSet(json);
  return v.ok ? [] : [...v.problems];
}

describe("the safety profile, at load", () => {
  it("refuses the shape of npm advisory 1542 wherever a rule can appear", () => {
    for (const set of withRuleEverywhere(ADVISORY_1542)) {
      const ps = problems(set);
      expect(ps.map((p) => p.code)).toContain("operator_not_allowed");
      expect(ps.find((p) => p.code === "operator_not_allowed")!.path.at(-1)).toBe("method");
      expect(() => loadCriteriaSet(set)).toThrow(TieuchiError);
    }
    // The var inside it is refused on its own too.
    expect(
      problems(makeSet({ criteria: [{ id: "1", title: text("x"), points: 100, rule: { var: "__proto__.constructor.is.__proto__" } }] })).map((p) => p.code),
    ).toEqual(["unsafe_path"]);
  });

  it("refuses the operator names of CVE-2021-4329 and every json-logic-js operator outside the allow-list", () => {
    for (const op of [...CVE_2021_4329_OPERATORS, ...JSONLOGIC_EXTRAS]) {
      // JSON.parse keeps "__proto__" as an own key, as a criteria file read from disk would.
      const rule = JSON.parse(`{${JSON.stringify(op)}: [${JSON.stringify(payload)}]}`);
      for (const set of withRuleEverywhere(rule)) {
        const ps = problems(set);
        expect(
          ps.map((p) => p.code),
          op,
        ).toContain("operator_not_allowed");
        expect(ps.find((p) => p.code === "operator_not_allowed")!.path.at(-1), op).toBe(op);
      }
    }
  });

  it("allows exactly the documented operators", () => {
    expect([...OPERATORS.keys()].sort()).toEqual(
      [
        "!",
        "!!",
        "!=",
        "!==",
        "%",
        "*",
        "+",
        "-",
        "/",
        "<",
        "<=",
        "==",
        "===",
        ">",
        ">=",
        "all",
        "and",
        "count",
        "filter",
        "if",
        "in",
        "max",
        "min",
        "none",
        "or",
        "ratioAtLeast",
        "ratioAtMost",
        "shareAtLeast",
        "shareAtMost",
        "some",
        "sum",
        "var",
      ].sort(),
    );
  });

  it("refuses var paths that reach a prototype, that are computed, or that read by position", () => {
    for (const path of UNSAFE_PATHS)
      for (const set of withRuleEverywhere({ var: path }))
        expect(
          problems(set).map((p) => p.code),
          path,
        ).toContain("unsafe_path");
    const codes = (rule: unknown) => problems(makeSet({ criteria: [{ id: "1", title: text("x"), points: 100, rule }] })).map((p) => p.code);
    expect(codes({ var: { var: "a" } })).toEqual(["var_not_literal"]);
    expect(codes({ var: ["a", true] })).toEqual(["arity"]);
    expect(codes({ var: 1 })).toEqual(["var_not_literal"]);
    expect(codes({ var: "members.0.age" })).toEqual(["bad_path"]);
    expect(codes({ var: "a..b" })).toEqual(["bad_path"]);
    // Inherited names that are not forbidden outright are simply not declared.
    for (const name of ["toString", "valueOf", "hasOwnProperty", "length", "members.length"]) expect(codes({ var: name }), name).toEqual(["unknown_var"]);
  });

  it("refuses inherited names as inputs, fields and derived values, including a __proto__ key zod would drop", () => {
    const spec = '{"type": "boolean", "description": {"vi": "x", "en": "x"}}';
    const member = (makeSet().inputs as Record<string, { items: { fields: object } }>).members!;
    for (const [name, code] of [
      ["__proto__", "unsafe_key"],
      ["constructor", "invalid_key"],
      ["prototype", "invalid_key"],
    ]) {
      const entry = JSON.parse(`{${JSON.stringify(name)}: ${spec}}`);
      const input = problems(makeSet({ inputs: { ...(makeSet().inputs as object), ...entry } }));
      expect(
        input.map((p) => [p.code, p.path.join(".")]),
        name,
      ).toEqual([[code, `inputs.${name}`]]);
      const fields = { ...member, items: { ...member.items, fields: { ...member.items.fields, ...entry } } };
      const field = problems(makeSet({ inputs: { ...(makeSet().inputs as object), members: fields } }));
      expect(
        field.map((p) => [p.code, p.path.join(".")]),
        name,
      ).toEqual([[code, `inputs.members.items.fields.${name}`]]);
      const derived = problems(makeSet({ derived: JSON.parse(`{${JSON.stringify(name)}: {"description": {"vi": "x", "en": "x"}, "rule": true}}`) }));
      expect(
        derived.map((p) => [p.code, p.path.join(".")]),
        name,
      ).toEqual([[code, `derived.${name}`]]);
    }
    expect(({} as Record<string, unknown>).type).toBeUndefined();
  });

  it("reports a __proto__ key in a unit's data, at any level and in a sub-unit's data, instead of following or dropping it", () => {
    const family = loadCriteriaSet(familySet());
    const clan = loadCriteriaSet(
      makeSet({
        id: "clan-set",
        inputs: { families: familiesInput() },
        criteria: [{ id: "1", title: text("x"), points: 100, rule: { shareAtLeast: [50, { var: "families" }, { var: "learning" }] } }],
      }),
    );
    const sets = createRegistry([family, clan]);
    const data = JSON.parse('{"families": [{"learning": {"data": {"__proto__": {"a": true}}}}]}');
    let err: unknown;
    try {
      evaluate(clan, data, { sets });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UnitDataError);
    expect((err as UnitDataError).problems.map((p) => [p.code, p.path.join(".")])).toEqual([["unknown_field", "families.0.learning.data.__proto__"]]);
    const top = JSON.parse('{"__proto__": {"a": true}, "members": [{"__proto__": {"ok": true}}]}');
    expect(() => evaluate(loadCriteriaSet(makeSet()), top)).toThrow(UnitDataError);
    expect(({} as Record<string, unknown>).a).toBeUndefined();
  });
});

describe("the safety profile, for a rule that bypassed loading", () => {
  let trapped: unknown[] = [];
  const original = Object.getOwnPropertyDescriptor(Function.prototype, "constructor")!;
  beforeEach(() => {
    trapped = [];
    // Every advisory chain reaches Function as `<some function>.constructor`: trap that lookup.
    Object.defineProperty(Function.prototype, "constructor", {
      configurable: true,
      get() {
        trapped.push(new Error("Function.prototype.constructor was read").stack);
        return original.value;
      },
    });
  });
  afterEach(() => {
    Object.defineProperty(Function.prototype, "constructor", original);
    delete (globalThis as Record<string, unknown>)[PWNED];
  });

  const hostile: Rule[] = [
    ADVISORY_1542 as Rule,
    ...CVE_2021_4329_OPERATORS.map((op) => JSON.parse(`{${JSON.stringify(op)}: [${JSON.stringify(payload)}]}`) as Rule),
    ...JSONLOGIC_EXTRAS.map((op) => ({ [op]: [{ var: "a" }] }) as Rule),
    ...UNSAFE_PATHS.map((p) => ({ var: p }) as Rule),
    { "==": [{ var: { cat: ["__proto__", ".constructor"] } }, 1] },
    { and: [true, { some: [{ var: "members" }, { "constructor.constructor": [payload] }] }] },
  ];

  for (const name of ENGINE_NAMES) {
    it(`${name}: refuses to prepare it, so nothing reaches Function or the engine's own operators`, () => {
      const engine = engineNamed(name);
      const root = { a: true, members: [{ age: 3 }] };
      const scope = { root, pathOf: new WeakMap<object, string>(), derived: new Map() };
      for (const rule of hostile) {
        let outcome: unknown;
        try {
          outcome = runRule(engine.prepare(rule), scope).outcome;
        } catch (e) {
          expect(e, JSON.stringify(rule)).toBeInstanceOf(EvaluationError);
          continue;
        }
        throw new Error(`${name} ran ${JSON.stringify(rule)}: ${JSON.stringify(outcome)}`);
      }
      expect(trapped).toEqual([]);
      expect((globalThis as Record<string, unknown>)[PWNED]).toBeUndefined();
    });

    it(`${name}: reads own properties only, even from data with inherited names`, () => {
      const engine = engineNamed(name);
      const root = Object.create({ inherited: true, a: true }) as Record<string, unknown>;
      root.members = [Object.create({ ok: true })];
      const scope = { root, pathOf: new WeakMap<object, string>([[root.members as object, "members"]]), derived: new Map() };
      const read = (rule: Rule) => runRule(engine.prepare(rule), scope);
      expect(read({ var: "a" }).outcome).toEqual({ kind: "missing" });
      expect(read({ var: "inherited" }).outcome).toEqual({ kind: "missing" });
      expect(read({ some: [{ var: "members" }, { var: "ok" }] }).outcome).toEqual({ kind: "missing" });
      for (const p of ["toString", "valueOf", "hasOwnProperty", "members.map", "a.constructorX"]) {
        const { outcome, trace } = read({ var: p });
        expect(outcome, p).toEqual({ kind: "missing" });
        expect([...trace.missing], p).toEqual([p]);
      }
      expect(trapped).toEqual([]);
    });
  }
});

describe("calculations that leave the finite numbers", () => {
  it("refuses, at load, a calculation with a text, a yes/no, a date or a list", () => {
    const codes = (rule: unknown) =>
      problems(
        makeSet({
          inputs: { ...(makeSet().inputs as object), s: { type: "string", description: text("s") }, d: { type: "date", description: text("d") } },
          criteria: [{ id: "1", title: text("x"), points: 100, rule }],
        }),
      ).map((p) => [p.code, p.path.join(".")]);
    expect(codes({ ">": [{ "+": [{ var: "s" }, 1] }, 0] })).toEqual([["not_a_number", "criteria.0.rule.>.0.+.0"]]);
    expect(codes({ ">": [{ "*": [2, { var: "a" }] }, 0] })).toEqual([["not_a_number", "criteria.0.rule.>.0.*.1"]]);
    expect(codes({ ">": [{ "-": [{ var: "d" }, 1] }, 0] })).toEqual([["not_a_number", "criteria.0.rule.>.0.-.0"]]);
    expect(codes({ ">": [{ max: [{ var: "members" }] }, 0] })).toEqual([["not_a_number", "criteria.0.rule.>.0.max.0"]]);
    expect(codes({ ">": [{ "/": [{ var: "k" }, { "+": [{ var: "n" }, 1.5] }] }, 0] })).toEqual([]);
    // A text that could reach a sum through an `if` (it was caught only when the rule ran, and "10" + 1 was 11).
    expect(codes({ "!": [{ ">": [{ "+": [{ if: [{ var: "a" }, { var: "s" }, 0] }, 1] }, 0] }] })).toEqual([["not_a_number", "criteria.0.rule.!.0.>.0.+.0"]]);
  });

  const set = loadCriteriaSet(
    makeSet({
      inputs: { ...(makeSet().inputs as object), s: { type: "string", description: text("s") } },
      derived: { avg: { description: text("average"), rule: { "/": [{ var: "k" }, { var: "n" }] } } },
      criteria: [
        { id: "avg", title: text("average"), points: 20, rule: { ">=": [{ var: "avg" }, 5] } },
        { id: "div", title: text("div"), points: 20, rule: { ">": [{ "/": [{ var: "k" }, { var: "n" }] }, 5] } },
        { id: "mod", title: text("mod"), points: 20, rule: { "!=": [{ "%": [{ var: "k" }, { var: "n" }] }, 1] } },
        { id: "big", title: text("big"), points: 40, rule: { ">": [{ "*": [{ var: "k" }, 1e308, 10] }, 0] } },
      ],
    }),
  );
  for (const engine of ENGINE_NAMES) {
    it(`${engine}: a division by zero, a remainder by zero or an overflow is an error, never a pass or a fail`, () => {
      const r = evaluate(set, { k: 10, n: 0, s: "abc", a: true }, { engine });
      expect(r.criteria.map((c) => [c.id, c.status])).toEqual([
        ["avg", "error"],
        ["div", "error"],
        ["mod", "error"],
        ["big", "error"],
      ]);
      expect(r.criteria[1]!.error).toMatch(/infinite result .*division by zero/);
      expect(r.criteria[2]!.error).toMatch(/gave no number/);
      expect(r.verdict).toBe("incomplete");
      const ok = evaluate(set, { k: 10, n: 1, s: "3", a: true }, { engine });
      expect(ok.criteria.map((c) => c.status)).toEqual(["pass", "pass", "pass", "error"]);
    });
  }
});

describe("control characters, which could rewrite the terminal that prints a title or hide text", () => {
  const ESC = "\u001b";
  it("are refused anywhere in a criteria file, in texts and in keys, with the path", () => {
    const ps = problems(makeSet({ title: { vi: `Bộ ${ESC}[2Jthử`, en: "x\u009b31m" }, notes: { [`k${ESC}`]: "\u202eevil" } }));
    expect(ps.map((p) => [p.code, p.path.join(".")])).toEqual([
      ["control_character", "title.vi"],
      ["control_character", "title.en"],
      ["control_character", `notes.k${ESC}`],
      ["control_character", `notes.k${ESC}`],
    ]);
    expect(ps[0]!.message).toContain("\\u{001B}");
    for (const p of ps) expect(p.message).not.toMatch(/[\u001b\u009b\u202e]/);
    expect(problems(makeSet({ title: { vi: "Bộ\tthử\r\nmới", en: "Test set" } }))).toEqual([]);
  });

  it("are refused in a unit's texts, and echoed keys are escaped", () => {
    const set = loadCriteriaSet(makeSet({ inputs: { ...(makeSet().inputs as object), ten: { type: "string", description: text("t") } } }));
    let err: unknown;
    try {
      evaluate(set, { ten: `Nguyễn${ESC}]0;title\u0007`, [`x${ESC}[2J`]: 1, xepLoai: "\u009bKhá" });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UnitDataError);
    const e = err as UnitDataError;
    expect(e.problems.map((p) => [p.code, p.path.join(".")]).sort()).toEqual([
      ["control_character", "ten"],
      ["control_character", "xepLoai"],
      ["unknown_field", `x${ESC}[2J`],
    ]);
    expect(e.message).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(evaluate(set, { ten: "Nguyễn\tVăn\nA", a: true }).verdict).toBe("pass");
  });

  it("are escaped in JSON syntax errors", () => {
    let err: unknown;
    try {
      parseJson('{"a": \u009b1}', "c1.json");
    } catch (e) {
      err = e;
    }
    expect((err as Error).message).toBe('c1.json:1:7: not valid JSON: unexpected "\\u{009B}"');
  });
});
