/**
 * The operator registry (src/logic/operators.ts, one file per family in src/logic/ops/) and the rule walker
 * (src/logic/walk.ts): every operator carries every form the evaluators, the analysis and the test kit ask of it,
 * and the walker takes rules apart the one way the rest of tieuchi reads them.
 */
import { describe, expect, it } from "vitest";
import { OPERATORS } from "../src/index.js";
import { ARITHMETIC_OPERATORS, FAMILIES, PROJECT_OPERATORS, RATIO_OPERATORS, REGISTRY, operatorOf } from "../src/logic/operators.js";
import { criterionRules, listSource, prepareCriterion, ruleParts, varPath, walk } from "../src/logic/walk.js";
import type { Criterion } from "../src/schema/criteria-set.js";
import { KITS } from "../src/testing/solve.js";
import type { Rule } from "../src/schema/rule.js";

describe("the operator registry", () => {
  it("holds each operator once, in one family, and is what the public OPERATORS lists", () => {
    const names = FAMILIES.flatMap((f) => f.operators.map((o) => o.name));
    expect(new Set(names).size).toBe(names.length);
    expect([...OPERATORS.keys()]).toEqual(names);
    expect([...REGISTRY.keys()]).toEqual(names);
    expect(operatorOf("cat")).toBeUndefined();
  });

  it("gives every operator a compiled form, a three-valued form and a reference form", () => {
    for (const o of REGISTRY.values()) {
      expect(typeof o.compile, o.name).toBe("function");
      expect(o.reference, o.name).toBeDefined();
      if (o.kind === "value") {
        // Value operators: applied on known values, bounded on unknown ones.
        expect(typeof o.apply === "function" || o.name === "var", o.name).toBe(true);
        expect(typeof o.ownBounds === "function" || typeof o.bounds === "function", o.name).toBe(true);
      } else expect(typeof o.bounds, o.name).toBe("function");
      expect(o.arity[0], o.name).toBeLessThanOrEqual(o.arity[1]);
    }
  });

  it("says which argument of a scoped operator is the list and which run per item", () => {
    for (const o of REGISTRY.values()) {
      if (o.kind !== "scoped") {
        expect(o.list, o.name).toBeUndefined();
        continue;
      }
      expect(o.list, o.name).toBeDefined();
      expect(
        o.perItem!.every((i) => i > o.list!),
        o.name,
      ).toBe(true);
    }
    expect(operatorOf("shareAtLeast")!.list).toBe(1);
    expect(operatorOf("count")!.list).toBe(0);
  });

  it("derives the operator sets from the families", () => {
    expect([...ARITHMETIC_OPERATORS].sort()).toEqual(["%", "*", "+", "-", "/", "max", "min"]);
    expect([...RATIO_OPERATORS].sort()).toEqual(["ratioAtLeast", "ratioAtMost", "shareAtLeast", "shareAtMost"]);
    expect(PROJECT_OPERATORS).toEqual(["count", "sum", "shareAtLeast", "shareAtMost", "ratioAtLeast", "ratioAtMost"]);
  });

  it("has a generated form (its emit, next to its other forms) for every operator", () => {
    // A set using an operator without one would keep the closure evaluator (the generator refuses it).
    const without = [...REGISTRY.values()].filter((o) => o.emit === undefined).map((o) => o.name);
    expect(without).toEqual([]);
  });

  it("gives the test kit every operator's strategies from the operator's family file, arithmetic aside", () => {
    // The solver cannot make arithmetic come out as wanted: it only sees whether it does.
    const without = [...REGISTRY.keys()].filter((n) => !KITS.has(n));
    expect(without.sort()).toEqual(["%", "*", "+", "-", "/", "max", "min"]);
    expect([...KITS.keys()].filter((n) => !REGISTRY.has(n))).toEqual([]);
    // Each scoped operator says which item of its list a boundary case watches.
    for (const o of REGISTRY.values()) if (o.kind === "scoped") expect(KITS.get(o.name)?.focus, o.name).toBeDefined();
    // The thresholds: operators that build boundary cases at their line.
    const thresholds = [...KITS].filter(([, k]) => k.boundary !== undefined).map(([n]) => n);
    expect(thresholds.sort()).toEqual(["!=", "!==", "<", "<=", "==", "===", ">", ">=", "ratioAtLeast", "ratioAtMost", "shareAtLeast", "shareAtMost"]);
    // Terms the solver can set to a value.
    expect([...KITS].filter(([, k]) => k.assign !== undefined).map(([n]) => n)).toEqual(["var", "count", "sum"]);
  });
});

describe("the rule walker", () => {
  it("takes an operation apart: operator, arguments, and whether they were listed", () => {
    expect(ruleParts({ "!": { var: "a" } })).toEqual({ op: "!", args: [{ var: "a" }], listed: false });
    expect(ruleParts({ and: [true, false] })).toEqual({ op: "and", args: [true, false], listed: true });
    expect(ruleParts([1, 2])).toBeUndefined();
    expect(ruleParts("x")).toBeUndefined();
    expect(ruleParts(null)).toBeUndefined();
    expect(ruleParts({})).toBeUndefined();
    // The first key, as json-logic-js reads it; strict: only a one-key object.
    expect(ruleParts({ a: 1, b: 2 } as Rule)?.op).toBe("a");
    expect(ruleParts({ a: 1, b: 2 } as Rule, true)).toBeUndefined();
  });

  it("reads a var's path and a list expression's source", () => {
    expect(varPath({ var: "a.b" })).toBe("a.b");
    expect(varPath({ var: ["a"] })).toBe("a");
    expect(varPath({ var: 1 })).toBeUndefined();
    expect(varPath({ "!": [1] })).toBeUndefined();
    expect(listSource({ var: "members" })).toEqual({ path: "members", filters: [] });
    expect(listSource({ filter: [{ filter: [{ var: "m" }, { var: "a" }] }, { var: "b" }] })).toEqual({ path: "m", filters: [{ var: "b" }, { var: "a" }] });
    expect(listSource({ if: [true, { var: "m" }, []] })).toBeUndefined();
  });

  it("visits every operation, outer first, and skips an operation's arguments when told", () => {
    const rule: Rule = { and: [{ ">=": [{ var: "a" }, 1] }, [{ "!": { var: "b" } }], { some: [{ var: "m" }, { var: "ok" }] }] };
    const seen: string[] = [];
    walk(rule, (p) => void seen.push(p.op));
    expect(seen).toEqual(["and", ">=", "var", "!", "var", "some", "var", "var"]);
    const outer: string[] = [];
    walk(rule, (p) => {
      outer.push(p.op);
      return p.op === "and";
    });
    expect(outer).toEqual(["and", ">=", "!", "some"]);
  });

  it("lists a criterion's rules in evaluation order, with where they sit", () => {
    const c = {
      id: "1",
      applies: { var: "a" },
      rule: { var: "r" },
      excludes: { var: "x" },
      points: {
        max: 10,
        tiers: [
          { points: 10, when: { var: "t0" } },
          { points: 5, when: { var: "t1" } },
        ],
      },
    } as unknown as Criterion;
    const rules = criterionRules(c);
    expect(rules.map((r) => r.where)).toEqual(["applies", "rule", "excludes", "points.tiers[0]", "points.tiers[1]"]);
    expect(rules[3]!.path).toEqual(["points", "tiers", 0, "when"]);
    expect(rules.every((r) => r.test)).toBe(true);
    const scored = { id: "2", points: { max: 10, score: { var: "s" } } } as unknown as Criterion;
    expect(criterionRules(scored)).toMatchObject([{ where: "points.score", test: false, site: { kind: "score" } }]);
    // Prepared for an engine: a pending criterion keeps only its `applies`.
    const pending = { ...c, pending: { vi: "chờ", en: "pending" } } as unknown as Criterion;
    expect(prepareCriterion(pending, (r) => r)).toEqual({ applies: { var: "a" } });
    expect(prepareCriterion(c, (r, test) => [r, test])).toEqual({
      applies: [{ var: "a" }, true],
      rule: [{ var: "r" }, true],
      excludes: [{ var: "x" }, true],
      tiers: [
        { points: 10, when: [{ var: "t0" }, true] },
        { points: 5, when: [{ var: "t1" }, true] },
      ],
    });
  });
});
