/**
 * Generated expressions over every allowed operator, on generated data with values of every type, absent
 * and null fields: the compiled evaluator gives what json-logic-js gives, with the same trace, every time.
 */
import fc from "fast-check";
import { describe, it } from "vitest";
import type { Rule } from "../../src/schema/rule.js";
import { differential } from "./harness.js";

const scalar = fc.oneof(
  fc.constantFrom(0, 1, -1, 2, 3, 10, 50, 90, 100, 0.5, 2.5, -0, 1e21),
  fc.integer({ min: -5, max: 120 }),
  fc.constantFrom("", "0", "1", "2.5", "5", "x", "abc", "Tốt", "Khá", " 3 "),
  fc.boolean(),
  fc.constant(null),
);
const value: fc.Arbitrary<unknown> = fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }));

/** A record of the list `items`: each field may be absent. */
const item = fc.record({ x: value, y: fc.record({ z: value }, { requiredKeys: [] }), ok: value, w: value }, { requiredKeys: [] });
const listOf = fc.oneof(fc.array(item, { maxLength: 6 }), fc.array(scalar, { maxLength: 5 }), scalar);

const data = fc.record(
  {
    n: value,
    s: value,
    b: value,
    nul: fc.constant(null),
    items: listOf,
    nums: fc.array(fc.integer({ min: -3, max: 200 }), { maxLength: 6 }),
    rec: fc.record({ x: value, y: fc.record({ z: value }) }, { requiredKeys: [] }),
  },
  { requiredKeys: ["nul"] },
);

const rootVars = ["n", "s", "b", "nul", "missing", "items", "nums", "rec", "rec.x", "rec.y.z", "rec.q.r", ""];
const itemVars = ["x", "y.z", "ok", "w", "", "missing", "x.y"];

const literal: fc.Arbitrary<Rule> = fc.oneof(scalar as fc.Arbitrary<Rule>, fc.array(scalar as fc.Arbitrary<Rule>, { maxLength: 3 }));

function exprs(vars: readonly string[]): fc.Memo<Rule> {
  return fc.memo((depth) => {
    const leaf = fc.oneof(
      literal,
      fc.constantFrom(...vars).map((p): Rule => ({ var: p })),
    );
    if (depth <= 1) return leaf;
    const sub = exprsAt(vars)(depth - 1);
    const inner = exprsAt(itemVars)(depth - 1);
    const list = fc.oneof(
      fc.constantFrom<Rule>({ var: "items" }, { var: "nums" }, { var: "missing" }, { var: "n" }, [1, 2, 3]),
      fc.tuple(fc.constantFrom<Rule>({ var: "items" }, { var: "nums" }), inner).map(([l, c]): Rule => ({ filter: [l, c] })),
    );
    const op = (names: string[], min: number, max: number) =>
      fc.tuple(fc.constantFrom(...names), fc.array(sub, { minLength: min, maxLength: max })).map(([o, a]): Rule => ({ [o]: a }));
    return fc.oneof(
      { weight: 2, arbitrary: leaf },
      op(["==", "===", "!=", "!==", ">", ">=", "%", "/", "in"], 2, 2),
      op(["<", "<="], 2, 3),
      op(["+", "*", "min", "max", "and", "or"], 1, 4),
      op(["-"], 1, 2),
      op(["if"], 1, 5),
      op(["!", "!!"], 1, 1),
      sub.map((a): Rule => ({ "!": a })),
      fc.tuple(fc.constantFrom("all", "some", "none", "filter"), list, inner).map(([o, l, c]): Rule => ({ [o]: [l, c] })),
      fc.tuple(list, fc.option(inner, { nil: undefined })).map(([l, c]): Rule => ({ count: c === undefined ? [l] : [l, c] })),
      fc
        .tuple(
          fc.constantFrom("shareAtLeast", "shareAtMost"),
          fc.oneof(fc.constantFrom<Rule>(0, 50, 66.6, 90, 100, 101, "50"), sub),
          list,
          inner,
          fc.option(inner, { nil: undefined }),
        )
        .map(([o, p, l, c, x]): Rule => ({ [o]: x === undefined ? [p, l, c] : [p, l, c, x] })),
      fc
        .tuple(fc.constantFrom("ratioAtLeast", "ratioAtMost"), sub, sub, fc.oneof(fc.constantFrom<Rule>(0, 50, 89, 100, 33.333333), sub))
        .map(([o, a, b, p]): Rule => ({ [o]: [a, b, p] })),
    );
  });
}

const memo = new Map<readonly string[], fc.Memo<Rule>>();
function exprsAt(vars: readonly string[]): fc.Memo<Rule> {
  let m = memo.get(vars);
  if (!m) memo.set(vars, (m = exprs(vars)));
  return m;
}

describe("generated expressions", () => {
  // Hundreds of generated rules on both evaluators: seconds on a busy 2-core machine.
  it("give the same value and trace in both evaluators", { timeout: 120_000 }, () => {
    fc.assert(
      fc.property(exprsAt(rootVars)(5), data, (rule, d) => {
        differential(rule, d);
      }),
      { numRuns: 3000, seed: 20240601 },
    );
  });

  it("agree on data that is not a record at all", () => {
    fc.assert(
      fc.property(exprsAt(rootVars)(4), value, (rule, d) => {
        differential(rule, d);
      }),
      { numRuns: 500, seed: 7 },
    );
  });
});
