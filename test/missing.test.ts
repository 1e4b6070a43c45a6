/**
 * Missing data never passes. json-logic-js turns null into 0 (`{"<": [{"var": "x"}, 5]}` is true with no
 * data), `none` of a missing list is true, a count of nothing is 0... For every operator criteria files may
 * use, a rule that needs an absent or null value gives the criterion `missing`, with the path, whatever
 * value the rule came to, wherever the rule sits, on every evaluator.
 */
import { describe, expect, it } from "vitest";
import { ENGINE_NAMES, evaluate, loadCriteriaSet, OPERATORS, type EngineName } from "../src/index.js";
import type { Rule } from "../src/schema/rule.js";
import { makeSet, text } from "./helpers.js";

const v = (path: string): Rule => ({ var: path });

/** A rule and the value it needs (a path into the data, `.` between every step, indexes included). */
type Entry = readonly [rule: Rule, needs: string];

/** For every operator, rules that need a value in each of its argument positions. */
const TABLE: Record<string, readonly Entry[]> = {
  var: [[v("n"), "n"], [v("a"), "a"], [v("s"), "s"]],
  and: [[{ and: [v("a"), true] }, "a"], [{ and: [true, v("a")] }, "a"]],
  or: [[{ or: [v("a"), true] }, "a"], [{ or: [false, v("a")] }, "a"]],
  if: [[{ if: [v("a"), true, false] }, "a"], [{ if: [true, v("a"), false] }, "a"], [{ if: [false, true, v("a")] }, "a"], [{ if: [v("a")] }, "a"]],
  "!": [[{ "!": [v("a")] }, "a"], [{ "!": v("members") }, "members"]],
  "!!": [[{ "!!": [v("a")] }, "a"]],
  "==": [[{ "==": [v("n"), 0] }, "n"], [{ "==": [null, v("n")] }, "n"], [{ "==": [v("s"), ""] }, "s"]],
  "===": [[{ "===": [v("n"), null] }, "n"], [{ "===": [null, v("a")] }, "a"]],
  "!=": [[{ "!=": [v("n"), 5] }, "n"], [{ "!=": [5, v("n")] }, "n"]],
  "!==": [[{ "!==": [v("xepLoai"), "Tốt"] }, "xepLoai"], [{ "!==": [1, v("n")] }, "n"]],
  ">": [[{ ">": [v("n"), -1] }, "n"], [{ ">": [5, v("n")] }, "n"]],
  ">=": [[{ ">=": [v("n"), 0] }, "n"], [{ ">=": [5, v("n")] }, "n"]],
  "<": [[{ "<": [v("n"), 5] }, "n"], [{ "<": [-1, v("n")] }, "n"], [{ "<": [-1, v("n"), 10] }, "n"], [{ "<": [-2, -1, v("x")] }, "x"]],
  "<=": [[{ "<=": [v("n"), 5] }, "n"], [{ "<=": [0, v("n")] }, "n"], [{ "<=": [0, v("x"), 10] }, "x"]],
  "+": [[{ ">=": [{ "+": [v("n"), 1] }, 1] }, "n"], [{ ">=": [{ "+": [1, v("n")] }, 1] }, "n"], [{ ">=": [{ "+": [v("x")] }, 0] }, "x"]],
  "-": [[{ "<=": [{ "-": [v("n")] }, 0] }, "n"], [{ "<": [{ "-": [v("n"), 1] }, 0] }, "n"], [{ ">": [{ "-": [1, v("n")] }, 0] }, "n"]],
  "*": [[{ "==": [{ "*": [v("n"), 2] }, 0] }, "n"], [{ "==": [{ "*": [2, v("x")] }, 0] }, "x"]],
  "/": [[{ "==": [{ "/": [v("n"), 2] }, 0] }, "n"], [{ "==": [{ "/": [0, v("x")] }, 0] }, "x"]],
  "%": [[{ "==": [{ "%": [v("n"), 2] }, 0] }, "n"], [{ "<": [{ "%": [7, v("n")] }, 7] }, "n"]],
  min: [[{ "<=": [{ min: [v("n"), 100] }, 100] }, "n"], [{ "<=": [{ min: [100, v("x")] }, 100] }, "x"]],
  max: [[{ ">=": [{ max: [v("n"), 0] }, 0] }, "n"], [{ ">=": [{ max: [0, v("x")] }, 0] }, "x"]],
  in: [[{ in: [v("xepLoai"), ["Tốt", "Khá"]] }, "xepLoai"], [{ "!": { in: ["q", v("s")] } }, "s"], [{ "!": { in: [v("s"), "abc"] } }, "s"]],
  all: [[{ all: [v("members"), true] }, "members"], [{ all: [v("members"), v("ok")] }, "members.0.ok"], [{ "!": { all: [v("members"), { "<": [v("age"), 5] }] } }, "members.0.age"]],
  some: [[{ "!": { some: [v("members"), true] } }, "members"], [{ some: [v("members"), v("ok")] }, "members.0.ok"], [{ some: [v("members"), { "<": [v("age"), 5] }] }, "members.0.age"]],
  none: [[{ none: [v("members"), true] }, "members"], [{ none: [v("members"), v("ok")] }, "members.0.ok"], [{ none: [v("members"), { ">": [v("age"), 5] }] }, "members.0.age"]],
  filter: [[{ "!": { filter: [v("members"), true] } }, "members"], [{ "!": { filter: [v("members"), { "<": [v("age"), 5] }] } }, "members.0.age"]],
  count: [[{ "==": [{ count: [v("members")] }, 0] }, "members"], [{ "==": [{ count: [v("members"), v("ok")] }, 0] }, "members.0.ok"], [{ "==": [{ count: [v("members"), { "<": [v("age"), 5] }] }, 0] }, "members.0.age"]],
  shareAtLeast: [
    [{ shareAtLeast: [0, v("members"), true] }, "members"],
    [{ shareAtLeast: [0, v("members"), v("ok")] }, "members.0.ok"],
    [{ shareAtLeast: [0, v("members"), true, { ">": [v("age"), 200] }] }, "members.0.age"],
    [{ shareAtLeast: [v("p"), v("members"), true] }, "p"],
  ],
  shareAtMost: [
    [{ shareAtMost: [100, v("members"), true] }, "members"],
    [{ shareAtMost: [100, v("members"), v("ok")] }, "members.0.ok"],
    [{ shareAtMost: [100, v("members"), true, { ">": [v("age"), 200] }] }, "members.0.age"],
    [{ shareAtMost: [v("p"), v("members"), true] }, "p"],
  ],
  ratioAtLeast: [[{ ratioAtLeast: [v("k"), v("n"), 0] }, "k"], [{ ratioAtLeast: [0, v("n"), 0] }, "n"], [{ ratioAtLeast: [v("k"), v("n"), v("p")] }, "p"]],
  ratioAtMost: [[{ ratioAtMost: [v("k"), v("n"), 100] }, "k"], [{ ratioAtMost: [0, v("n"), 100] }, "n"], [{ ratioAtMost: [v("k"), v("n"), v("p")] }, "p"]],
};

const BASE = {
  a: true,
  b: false,
  n: 5,
  k: 3,
  p: 50,
  x: 1.5,
  s: "abc",
  xepLoai: "Khá",
  members: [
    { age: 10, ok: false, sick: false },
    { age: 40, ok: true, sick: false },
  ],
};

const INPUTS = {
  ...(makeSet().inputs as object),
  p: { type: "integer", min: 0, max: 100, description: text("percent") },
  x: { type: "number", description: text("x") },
  s: { type: "string", description: text("s") },
};

/** How a rule sits in a criterion: the status the criterion must then have is always `missing`. */
const POSITIONS: Record<string, (rule: Rule) => Record<string, unknown>> = {
  rule: (rule) => makeSet({ inputs: INPUTS, criteria: [{ id: "c", title: text("c"), points: 100, rule }] }),
  applies: (rule) => makeSet({ inputs: INPUTS, criteria: [{ id: "c", title: text("c"), points: 100, applies: rule, rule: true }] }),
  tier: (rule) => makeSet({ inputs: INPUTS, criteria: [{ id: "c", title: text("c"), points: { max: 100, tiers: [{ points: 100, when: rule }] } }] }),
  excludes: (rule) =>
    makeSet({ inputs: INPUTS, criteria: [{ id: "c", title: text("c"), role: "exclusion", excludes: rule }, { id: "p", title: text("p"), points: 100, rule: true }] }),
  derived: (rule) =>
    makeSet({ inputs: INPUTS, derived: { d: { description: text("d"), rule } }, criteria: [{ id: "c", title: text("c"), points: 100, rule: { "===": [{ var: "d" }, { var: "d" }] } }] }),
};

/** A copy of the base data with the value at `path` removed, or set to null. */
function without(path: string, how: "absent" | "null"): unknown {
  const data = structuredClone(BASE) as Record<string, unknown>;
  const steps = path.split(".");
  let at: Record<string, unknown> = data;
  for (const step of steps.slice(0, -1)) at = at[step] as Record<string, unknown>;
  const last = steps.at(-1)!;
  if (how === "absent") delete at[last];
  else at[last] = null;
  return data;
}

/** `members.0.ok` as the result writes it: `members[0].ok`. */
const absolute = (path: string) => path.replace(/\.(\d+)/g, "[$1]");

describe("missing data never passes", () => {
  it("has an entry for every operator criteria files may use", () => {
    expect(Object.keys(TABLE).sort()).toEqual([...OPERATORS.keys()].sort());
    for (const [op, entries] of Object.entries(TABLE)) expect(entries.length, op).toBeGreaterThan(0);
  });

  for (const engine of ENGINE_NAMES) {
    describe(`on ${engine}`, () => {
      for (const [position, build] of Object.entries(POSITIONS)) {
        it(`a rule in '${position}' that needs an absent or null value leaves the criterion missing, for every operator`, () => {
          const failures: string[] = [];
          for (const [op, entries] of Object.entries(TABLE)) {
            for (const [rule, needs] of entries) {
              const set = loadCriteriaSet(build(rule));
              const run = (data: unknown) => evaluate(set, data, { engine: engine as EngineName }).criteria.find((c) => c.id === "c")!;
              // With every value present the rule decides something: it is the gap that makes it missing.
              const full = run(BASE);
              if (full.status === "missing") failures.push(`${op} ${JSON.stringify(rule)}: missing even with full data`);
              for (const how of ["absent", "null"] as const) {
                const c = run(without(needs, how));
                if (c.status !== "missing" || !c.missing.includes(absolute(needs)))
                  failures.push(`${op} ${JSON.stringify(rule)} with ${needs} ${how}: ${c.status} ${JSON.stringify(c.missing)}`);
              }
            }
          }
          expect(failures).toEqual([]);
        });
      }

      it("a declared default fills an absent value, but an explicit null stays unknown", () => {
        const set = loadCriteriaSet(makeSet({ inputs: INPUTS, criteria: [{ id: "c", title: text("c"), points: 100, rule: { shareAtLeast: [50, v("members"), true, v("sick")] } }] }));
        const run = (data: unknown) => evaluate(set, data, { engine: engine as EngineName }).criteria[0]!;
        expect(run(without("members.0.sick", "absent")).status).toBe("pass");
        expect(run(without("members.0.sick", "null"))).toMatchObject({ status: "missing", missing: ["members[0].sick"] });
      });

      it("a verdict is never pass while a mandatory criterion is missing", () => {
        for (const [op, entries] of Object.entries(TABLE)) {
          for (const [rule, needs] of entries) {
            const set = loadCriteriaSet(
              makeSet({ inputs: INPUTS, criteria: [{ id: "c", title: text("c"), mandatory: true, rule }, { id: "p", title: text("p"), points: 100, rule: true }] }),
            );
            const r = evaluate(set, without(needs, "absent"), { engine: engine as EngineName });
            expect(r.verdict, `${op} ${JSON.stringify(rule)}`).toBe("incomplete");
          }
        }
      });
    });
  }
});
