/**
 * Missing data is never false, and never hides a certain answer. json-logic-js turns null into 0
 * (`{"<": [{"var": "x"}, 5]}` is true with no data), `none` of a missing list is true, a count of nothing is
 * 0... For every operator criteria files may use, in every place a rule sits, a rule that needs an absent or
 * null value is decided over every value that could fill it: `missing` (with the path) when they disagree, and
 * the certain status when they agree (`{"or": [{"var": "a"}, true]}` passes whatever `a` is). The expected
 * status comes from the brute-force oracle (`test/oracle/`), which fills the value every way and evaluates each.
 */
import { describe, expect, it } from "vitest";
import { ENGINE_NAMES, evaluate, loadCriteriaSet, OPERATORS, type EngineName } from "../src/index.js";
import type { Rule } from "../src/schema/rule.js";
import { makeSet, text } from "./helpers.js";
import { loadCriteriaSet as load } from "../src/index.js";
import { oracle } from "./oracle/oracle.js";

const v = (path: string): Rule => ({ var: path });

/** A rule and the value it needs (a path into the data, `.` between every step, indexes included). */
type Entry = readonly [rule: Rule, needs: string];

/** For every operator, rules that need a value in each of its argument positions. */
const TABLE: Record<string, readonly Entry[]> = {
  var: [
    [v("n"), "n"],
    [v("a"), "a"],
    [v("s"), "s"],
  ],
  and: [
    [{ and: [v("a"), true] }, "a"],
    [{ and: [true, v("a")] }, "a"],
  ],
  or: [
    [{ or: [v("a"), true] }, "a"],
    [{ or: [false, v("a")] }, "a"],
  ],
  if: [
    [{ if: [v("a"), true, false] }, "a"],
    [{ if: [true, v("a"), false] }, "a"],
    [{ if: [false, true, v("a")] }, "a"],
    [{ if: [v("a")] }, "a"],
  ],
  "!": [
    [{ "!": [v("a")] }, "a"],
    [{ "!": v("members") }, "members"],
  ],
  "!!": [[{ "!!": [v("a")] }, "a"]],
  "==": [
    [{ "==": [v("n"), 0] }, "n"],
    [{ "==": [null, v("n")] }, "n"],
    [{ "==": [v("s"), ""] }, "s"],
  ],
  "===": [
    [{ "===": [v("n"), null] }, "n"],
    [{ "===": [null, v("a")] }, "a"],
  ],
  "!=": [
    [{ "!=": [v("n"), 5] }, "n"],
    [{ "!=": [5, v("n")] }, "n"],
  ],
  "!==": [
    [{ "!==": [v("xepLoai"), "Tốt"] }, "xepLoai"],
    [{ "!==": [1, v("n")] }, "n"],
  ],
  ">": [
    [{ ">": [v("n"), -1] }, "n"],
    [{ ">": [5, v("n")] }, "n"],
  ],
  ">=": [
    [{ ">=": [v("n"), 0] }, "n"],
    [{ ">=": [5, v("n")] }, "n"],
  ],
  "<": [
    [{ "<": [v("n"), 5] }, "n"],
    [{ "<": [-1, v("n")] }, "n"],
    [{ "<": [-1, v("n"), 10] }, "n"],
    [{ "<": [-2, -1, v("x")] }, "x"],
  ],
  "<=": [
    [{ "<=": [v("n"), 5] }, "n"],
    [{ "<=": [0, v("n")] }, "n"],
    [{ "<=": [0, v("x"), 10] }, "x"],
  ],
  "+": [
    [{ ">=": [{ "+": [v("n"), 1] }, 1] }, "n"],
    [{ ">=": [{ "+": [1, v("n")] }, 1] }, "n"],
    [{ ">=": [{ "+": [v("x")] }, 0] }, "x"],
  ],
  "-": [
    [{ "<=": [{ "-": [v("n")] }, 0] }, "n"],
    [{ "<": [{ "-": [v("n"), 1] }, 0] }, "n"],
    [{ ">": [{ "-": [1, v("n")] }, 0] }, "n"],
  ],
  "*": [
    [{ "==": [{ "*": [v("n"), 2] }, 0] }, "n"],
    [{ "==": [{ "*": [2, v("x")] }, 0] }, "x"],
  ],
  "/": [
    [{ "==": [{ "/": [v("n"), 2] }, 0] }, "n"],
    [{ "==": [{ "/": [0, v("x")] }, 0] }, "x"],
  ],
  "%": [
    [{ "==": [{ "%": [v("n"), 2] }, 0] }, "n"],
    [{ "<": [{ "%": [7, v("n")] }, 7] }, "n"],
  ],
  min: [
    [{ "<=": [{ min: [v("n"), 100] }, 100] }, "n"],
    [{ "<=": [{ min: [100, v("x")] }, 100] }, "x"],
  ],
  max: [
    [{ ">=": [{ max: [v("n"), 0] }, 0] }, "n"],
    [{ ">=": [{ max: [0, v("x")] }, 0] }, "x"],
  ],
  in: [
    [{ in: [v("xepLoai"), ["Tốt", "Khá"]] }, "xepLoai"],
    [{ "!": { in: ["q", v("s")] } }, "s"],
    [{ "!": { in: [v("s"), "abc"] } }, "s"],
  ],
  all: [
    [{ all: [v("members"), true] }, "members"],
    [{ all: [v("members"), v("ok")] }, "members.0.ok"],
    [{ "!": { all: [v("members"), { "<": [v("age"), 5] }] } }, "members.0.age"],
  ],
  some: [
    [{ "!": { some: [v("members"), true] } }, "members"],
    [{ some: [v("members"), v("ok")] }, "members.0.ok"],
    [{ some: [v("members"), { "<": [v("age"), 5] }] }, "members.0.age"],
  ],
  none: [
    [{ none: [v("members"), true] }, "members"],
    [{ none: [v("members"), v("ok")] }, "members.0.ok"],
    [{ none: [v("members"), { ">": [v("age"), 5] }] }, "members.0.age"],
  ],
  filter: [
    [{ "!": { filter: [v("members"), true] } }, "members"],
    [{ "!": { filter: [v("members"), { "<": [v("age"), 5] }] } }, "members.0.age"],
  ],
  count: [
    [{ "==": [{ count: [v("members")] }, 0] }, "members"],
    [{ "==": [{ count: [v("members"), v("ok")] }, 0] }, "members.0.ok"],
    [{ "==": [{ count: [v("members"), { "<": [v("age"), 5] }] }, 0] }, "members.0.age"],
  ],
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
  sum: [
    [{ ">": [{ sum: [v("members"), v("age")] }, 45] }, "members.0.age"],
    [{ ">": [{ sum: [v("members"), v("age")] }, 20] }, "members"],
  ],
  ratioAtLeast: [
    [{ ratioAtLeast: [v("k"), v("n"), 0] }, "k"],
    [{ ratioAtLeast: [0, v("n"), 0] }, "n"],
    [{ ratioAtLeast: [v("k"), v("n"), v("p")] }, "p"],
  ],
  ratioAtMost: [
    [{ ratioAtMost: [v("k"), v("n"), 100] }, "k"],
    [{ ratioAtMost: [0, v("n"), 100] }, "n"],
    [{ ratioAtMost: [v("k"), v("n"), v("p")] }, "p"],
  ],
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

/** How a rule sits in a criterion. */
const POSITIONS: Record<string, (rule: Rule) => Record<string, unknown>> = {
  rule: (rule) => makeSet({ inputs: INPUTS, criteria: [{ id: "c", title: text("c"), points: 100, rule }] }),
  applies: (rule) => makeSet({ inputs: INPUTS, criteria: [{ id: "c", title: text("c"), points: 100, applies: rule, rule: true }] }),
  tier: (rule) => makeSet({ inputs: INPUTS, criteria: [{ id: "c", title: text("c"), points: { max: 100, tiers: [{ points: 100, when: rule }] } }] }),
  excludes: (rule) =>
    makeSet({
      inputs: INPUTS,
      criteria: [
        { id: "c", title: text("c"), role: "exclusion", excludes: rule },
        { id: "p", title: text("p"), points: 100, rule: true },
      ],
    }),
  derived: (rule) =>
    makeSet({
      inputs: INPUTS,
      derived: { d: { description: text("d"), rule } },
      criteria: [{ id: "c", title: text("c"), points: 100, rule: { "!!": [{ var: "d" }] } }],
    }),
};

/** A copy of the base data with the value at `path` removed, or set to null. */
function without(path: string, how: "absent" | "null"): Record<string, unknown> {
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

/** The status of the criterion over every completion of the data, from the oracle. */
function certainStatus(json: Record<string, unknown>, data: Record<string, unknown>): { status: string; verdict: string } {
  const o = oracle(load(json).definition, data, 200_000);
  if (!o) throw new Error("too many completions for the oracle");
  return { status: o.criteria.find((c) => c.id === "c")!.status, verdict: o.verdict };
}

describe("missing data is never false, and never hides a certain answer", () => {
  it("has an entry for every operator criteria files may use", () => {
    expect(Object.keys(TABLE).sort()).toEqual([...OPERATORS.keys()].sort());
    for (const [op, entries] of Object.entries(TABLE)) expect(entries.length, op).toBeGreaterThan(0);
  });

  for (const engine of ENGINE_NAMES) {
    describe(`on ${engine}`, () => {
      for (const [position, build] of Object.entries(POSITIONS)) {
        it(`a rule in '${position}' that needs an absent or null value is decided over every value that could fill it, for every operator`, {
          timeout: 120_000,
        }, () => {
          const failures: string[] = [];
          let undecided = 0;
          let decided = 0;
          for (const [op, entries] of Object.entries(TABLE)) {
            for (const [rule, needs] of entries) {
              const json = build(rule);
              const set = loadCriteriaSet(json);
              const run = (data: unknown) => evaluate(set, data, { engine: engine as EngineName }).criteria.find((c) => c.id === "c")!;
              // With every value present the rule decides something.
              const full = run(BASE);
              if (full.status === "missing") failures.push(`${op} ${JSON.stringify(rule)}: missing even with full data`);
              for (const how of ["absent", "null"] as const) {
                const data = without(needs, how);
                const want = certainStatus(json, data).status;
                const c = run(data);
                if (c.status !== want) failures.push(`${op} ${JSON.stringify(rule)} with ${needs} ${how}: ${c.status}, the completions give ${want}`);
                else if (want === "missing" && !c.missing.some((p) => absolute(needs).startsWith(p)))
                  failures.push(`${op} ${JSON.stringify(rule)} with ${needs} ${how}: missing, but does not ask for it: ${JSON.stringify(c.missing)}`);
                else if (want !== "missing" && c.missing.length > 0)
                  failures.push(`${op} ${JSON.stringify(rule)} with ${needs} ${how}: ${want} for certain, but asks for ${JSON.stringify(c.missing)}`);
                if (want === "missing") undecided++;
                else decided++;
              }
            }
          }
          expect(failures).toEqual([]);
          // The table holds both kinds: values that decide and values that cannot change the answer.
          expect(undecided).toBeGreaterThan(10);
          expect(decided).toBeGreaterThan(0);
        });
      }

      it("a declared default fills an absent value, but an explicit null stays unknown", () => {
        const rule: Rule = { shareAtLeast: [100, v("members"), v("ok"), v("sick")] };
        const set = loadCriteriaSet(makeSet({ inputs: INPUTS, criteria: [{ id: "c", title: text("c"), points: 100, rule }] }));
        const run = (data: unknown) => evaluate(set, data, { engine: engine as EngineName }).criteria[0]!;
        // Absent: not sick (the default), so the first member (not ok) counts and the share is 1 of 2.
        expect(run(without("members.0.sick", "absent")).status).toBe("fail");
        // Null: sick or not is not known; sick, the first member is left out and the share is 1 of 1.
        expect(run(without("members.0.sick", "null"))).toMatchObject({ status: "missing", outcomes: ["pass", "fail"], missing: ["members[0].sick"] });
      });

      it("a verdict is pass only when every completion passes, fail only when none does", { timeout: 120_000 }, () => {
        for (const [op, entries] of Object.entries(TABLE)) {
          for (const [rule, needs] of entries) {
            const json = makeSet({
              inputs: INPUTS,
              criteria: [
                { id: "c", title: text("c"), mandatory: true, rule },
                { id: "p", title: text("p"), points: 100, rule: true },
              ],
            });
            const data = without(needs, "absent");
            const r = evaluate(loadCriteriaSet(json), data, { engine: engine as EngineName });
            expect(r.verdict, `${op} ${JSON.stringify(rule)}`).toBe(certainStatus(json, data).verdict);
          }
        }
      });
    });
  }
});
