/**
 * Lists: `in` (membership in a list, or a substring of a text), and the operators that iterate a list with a
 * condition per item: `all` (false for an empty list, as json-logic-js has it), `some`, `none`, `filter`, and
 * tieuchi's `count` (how many items, or how many meet a condition; json-logic-js runs it as the length of a
 * `filter`).
 *
 * @module
 */
import type { Rule } from "../../schema/rule.js";
import { all, count, filter, membership, someNone } from "../bounds.js";
import type { BoundsEnv } from "../read-bounds.js";
import { isStatic, plainPath, readPlain, staticValue, truthyRead } from "./var.js";
import type { BoundsContext, BoundsFn, Compiled, CompileContext, CompiledTest, Operator, Sink } from "./types.js";

/** `filter`: the items of the list that meet the condition (not a list: an empty one). */
export function filterBy(list: Compiled, keep: CompiledTest): Compiled {
  return (d, s) => {
    const l = list(d, s);
    if (!Array.isArray(l)) return [];
    const out: unknown[] = [];
    for (let i = 0; i < l.length; i++) {
      // Array.prototype.filter skips holes; JSON arrays have none, but stay faithful.
      if (!(i in l)) continue;
      const item: unknown = l[i];
      if (keep(item, s)) out.push(item);
    }
    return out;
  };
}

/** How many items of a list meet a condition, reading every item as json-logic-js's `filter` does. */
export function counter(condRule: Rule, c: CompileContext): (l: unknown, s: Sink) => number {
  const path = plainPath(condRule, c.options);
  if (path !== undefined) {
    // "How many have this field set": the read inline, no call per item.
    const [k0, k1, rel] = path;
    return (l, s) => {
      if (!Array.isArray(l)) return 0;
      let n = 0;
      for (let i = 0; i < l.length; i++) {
        if (!(i in l)) continue;
        const item: unknown = l[i];
        const v = readPlain(item, k0, k1);
        if (v === null || s.full) s.read(item, rel, v);
        if (truthyRead(v)) n++;
      }
      return n;
    };
  }
  const cond = c.test(condRule);
  return (l, s) => {
    if (!Array.isArray(l)) return 0;
    let n = 0;
    for (let i = 0; i < l.length; i++) {
      if (!(i in l)) continue;
      if (cond(l[i], s)) n++;
    }
    return n;
  };
}

/** The per-item condition of a list operator, three-valued, in the items' scope (none: false for every item). */
export function itemBounds(listRule: Rule, condRule: Rule | undefined, c: BoundsContext): (env: BoundsEnv) => (item: unknown) => ReturnType<BoundsFn> {
  const cond = condRule === undefined ? null : c.compile(condRule, c.itemScope(listRule));
  return (env) => (x) => (cond ? cond(x, env) : false);
}

function quantifier(name: "all" | "some" | "none", summary: string): Operator {
  const compileTest = (args: Rule[], c: CompileContext): CompiledTest => {
    const list = c.value(args[0]!);
    const cond = args[1] === undefined ? (): boolean => false : c.test(args[1]);
    if (name === "all")
      return (d, s) => {
        const l = list(d, s);
        if (!Array.isArray(l) || l.length === 0) return false;
        for (let i = 0; i < l.length; i++) if (!cond(l[i], s)) return false;
        return true;
      };
    const found = name === "some";
    return (d, s) => {
      const l = list(d, s);
      if (!Array.isArray(l) || l.length === 0) return !found;
      for (let i = 0; i < l.length; i++) if (cond(l[i], s)) return found;
      return !found;
    };
  };
  return {
    name,
    kind: "scoped",
    arity: [2, 2],
    origin: "jsonlogic",
    list: 0,
    perItem: [1],
    summary,
    compile: compileTest,
    test: compileTest,
    bounds(args, c) {
      const list = c.compile(args[0]!);
      const test = itemBounds(args[0]!, args[1], c);
      if (name === "all") return (d, env) => all(list(d, env), test(env));
      return (d, env) => someNone(name === "some", list(d, env), test(env));
    },
    reference: {},
  };
}

const filterOp: Operator = {
  name: "filter",
  kind: "scoped",
  arity: [2, 2],
  origin: "jsonlogic",
  list: 0,
  perItem: [1],
  summary: "The items that meet the condition.",
  compile: (args, c) => filterBy(c.value(args[0]!), args[1] === undefined ? (): boolean => false : c.test(args[1])),
  bounds(args, c) {
    const list = c.compile(args[0]!);
    const test = itemBounds(args[0]!, args[1], c);
    return (d, env) => filter(list(d, env), test(env));
  },
  reference: {},
};

const countOp: Operator = {
  name: "count",
  kind: "scoped",
  arity: [1, 2],
  origin: "tieuchi",
  list: 0,
  perItem: [1],
  summary: "How many items (that meet the condition, if given).",
  compile(args, c) {
    const list = c.value(args[0]!);
    // As expanded: with exactly two arguments a filter is counted, otherwise the first argument's length.
    if (args.length !== 2) {
      return (d, s) => {
        const l = list(d, s);
        return Array.isArray(l) ? l.length : 0;
      };
    }
    const n = counter(args[1]!, c);
    return (d, s) => n(list(d, s), s);
  },
  bounds(args, c) {
    const list = c.compile(args[0]!);
    // As expanded: with exactly two arguments a filter is counted, otherwise the list's length.
    if (args.length !== 2) return (d, env) => count(list(d, env));
    const test = itemBounds(args[0]!, args[1], c);
    return (d, env) => count(filter(list(d, env), test(env)));
  },
  reference: {
    expand: (args) => ({ "tc:count": [args.length === 2 ? { filter: [args[0]!, args[1]!] } : args[0]!] }),
    operations: () => ({ count: (list: unknown) => (Array.isArray(list) ? list.length : 0) }),
  },
};

const inOp: Operator = {
  name: "in",
  kind: "value",
  arity: [2, 2],
  origin: "jsonlogic",
  summary: "Membership in a list, or substring of a text.",
  compile(args, c) {
    const fs = args.map((r) => c.value(r));
    const n = fs.length;
    const a: Compiled = fs[0] ?? (() => undefined);
    const b: Compiled = fs[1] ?? (() => undefined);
    if (n === 2 && Array.isArray(args[1]) && args[1].every(isStatic)) {
      // A literal list: the same Array.prototype.indexOf on one constant array.
      const list = staticValue(args[1]) as unknown[];
      if (list.length === 0) return (d, s) => (a(d, s), false);
      return (d, s) => list.indexOf(a(d, s)) !== -1;
    }
    const extra = fs.slice(2);
    return (d, s) => {
      const x = a(d, s);
      const y = b(d, s);
      for (let i = 0; i < extra.length; i++) extra[i]!(d, s);
      if (!y || typeof (y as { indexOf?: unknown }).indexOf === "undefined") return false;
      return (y as { indexOf(v: unknown): number }).indexOf(x) !== -1;
    };
  },
  apply([a, b]) {
    if (!b || typeof (b as { indexOf?: unknown }).indexOf === "undefined") return false;
    return (b as { indexOf(v: unknown): number }).indexOf(a) !== -1;
  },
  ownBounds: ([a, b]) => membership(a, b),
  reference: {},
};

/** The list family. */
export const LIST_FAMILY: readonly Operator[] = [
  inOp,
  quantifier("all", "Every item meets the condition (false for an empty list)."),
  quantifier("some", "At least one item meets the condition."),
  quantifier("none", "No item meets the condition (true for an empty list)."),
  filterOp,
  countOp,
];
