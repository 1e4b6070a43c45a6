/**
 * Lists: `in` (membership in a list, or a substring of a text), and the operators that iterate a list with a
 * condition per item: `all` (false for an empty list, as json-logic-js has it), `some`, `none`, `filter`, and
 * tieuchi's `count` (how many items, or how many meet a condition; json-logic-js runs it as the length of a
 * `filter`).
 *
 * @module
 */
import { msg } from "../../i18n/index.js";
import type { Rule } from "../../schema/rule.js";
import { problem } from "../../errors.js";
import { pf } from "../apply.js";
import {
  all,
  apply,
  arithmetic,
  type Concrete,
  count,
  depsOf,
  filter,
  isBound,
  join,
  type ListBound,
  lift,
  make,
  membership,
  onlyThrows,
  PhantomItem,
  someNone,
  unionDeps,
  type Val,
  withDeps,
} from "../bounds.js";
import { checkFinite } from "../exact.js";
import type { BoundsEnv } from "../read-bounds.js";
import { ANY, BOOLEAN, DATE_LITERAL, describeType, INTEGER, isNumeric, NUMBER } from "../types.js";
import { lit } from "../../json/literal.js";
import { BOOL, COUNT, type Emitter, itemTest, itemValue, listOperand, NUM, refuse } from "./emit.js";
import { isStatic, plainPath, readPlain, staticValue, truthyRead } from "./var.js";
import type { FamilyKit, ListHandle, Scope, SolveContext, TermInfo, TestKit } from "./kit.js";
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

// ---------------------------------------------------------------------------------------------------------
// The generated form: each list operator becomes a function of the module with a plain loop; inside it, `var`
// reads the item's fields. `all` of an empty list is false and `none` of one true, as in JsonLogic.

function loop(body: string): string {
  return `for (let i = 0; i < l.length; i++) { const it = l[i]; ${body} }`;
}

const emitSome: Emitter = (args, ctx) => {
  const list = listOperand(ctx.emit(args[0]!));
  const cond = itemTest(list, args[1], ctx);
  // In the one pass: the first match settles it, the items after it are not read.
  const code = ctx.overItems(
    list,
    { init: ["false"], step: ([a]) => `if (!${a}) { if (${cond}) ${a} = true; }`, result: ([a], l) => `(${l}, ${a})` },
    `${loop(`if (${cond}) return true;`)} return false;`,
  );
  return { code, type: BOOL };
};

const EMIT_QUANTIFIER: Readonly<Record<"all" | "some" | "none", Emitter>> = {
  some: emitSome,
  none: (args, ctx, op) => ({ code: `!${emitSome(args, ctx, op).code}`, type: BOOL }),
  all: (args, ctx) => {
    const list = listOperand(ctx.emit(args[0]!));
    const cond = itemTest(list, args[1], ctx);
    // In the one pass: the first item failing settles it, the items after it are not read.
    const code = ctx.overItems(
      list,
      { init: ["true"], step: ([a]) => `if (${a}) { if (!${cond}) ${a} = false; }`, result: ([a], l) => `(${l}.length !== 0 && ${a})` },
      `if (l.length === 0) return false; ${loop(`if (!${cond}) return false;`)} return true;`,
    );
    return { code, type: BOOL };
  },
};

const emitFilter: Emitter = (args, ctx) => {
  const list = listOperand(ctx.emit(args[0]!));
  const cond = itemTest(list, args[1], ctx);
  const code = ctx.overItems(list, { init: ["[]"], step: ([out]) => `if (${cond}) ${out}.push(it);`, result: ([out], l) => `(${l}, ${out})` });
  return { code, type: list.type };
};

const emitCount: Emitter = (args, ctx) => {
  const list = listOperand(ctx.emit(args[0]!));
  if (args.length === 1) return { code: `${list.code}.length`, type: COUNT };
  const cond = itemTest(list, args[1], ctx);
  const code = ctx.overItems(list, { init: ["0"], step: ([n]) => `if (${cond}) ${n}++;`, result: ([n], l) => `(${l}, ${n})` });
  return { code, type: COUNT };
};

/** `in`: membership in a literal list (strict equality, as `indexOf`), or a substring of a text. */
const emitIn: Emitter = (args, ctx) => {
  if (args.length !== 2) return refuse("gen.operands", { op: "in", expected: [2] });
  const x = ctx.emit(args[0]!);
  if (x.type.kind === "list" || x.type.kind === "rec" || x.type.kind === "any") return refuse("gen.operand_type", { op: "in", want: "scalar" });
  const within = args[1]!;
  if (Array.isArray(within)) {
    if (!within.every((v) => v === null || ["string", "number", "boolean"].includes(typeof v)))
      return refuse("gen.operand_type", { op: "in", want: "scalars" });
    if (within.length === 0) return { code: `(${x.code}, false)`, type: BOOL };
    const t = ctx.fresh("t");
    return { code: `((${t} = ${x.code}), ${within.map((v) => `${t} === ${lit(v)}`).join(" || ")})`, type: BOOL };
  }
  const w = ctx.emit(within);
  if (w.type.kind !== "str") return refuse("gen.operand_type", { op: "in", want: "list-or-text" });
  return { code: `inText(${x.code}, ${w.code})`, type: BOOL };
};

// ---------------------------------------------------------------------------------------------------------

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
    type(c) {
      c.list();
      return BOOLEAN;
    },
    describe(c) {
      const l = c.list(0);
      return c.say(msg("word.rule_quantifier", { q: name, list: l.text, cond: l.cond(1) }));
    },
    reference: {},
    emit: EMIT_QUANTIFIER[name],
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
  type: (c) => c.list() ?? ANY,
  describe(c) {
    const l = c.list(0);
    return c.say(msg("word.rule_where", { list: l.text, cond: l.cond(1) }));
  },
  reference: {},
  emit: emitFilter,
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
  type(c) {
    c.list();
    return INTEGER;
  },
  describe(c) {
    const l = c.list(0);
    return c.args.length === 2 ? c.say(msg("word.rule_count_where", { list: l.text, cond: l.cond(1) })) : c.say(msg("word.rule_count", { list: l.text }));
  },
  reference: {
    expand: (args) => ({ "tc:count": [args.length === 2 ? { filter: [args[0]!, args[1]!] } : args[0]!] }),
    operations: () => ({ count: (list: unknown) => (Array.isArray(list) ? list.length : 0) }),
  },
  emit: emitCount,
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
      if (list.length === 0)
        return (d, s) => {
          a(d, s);
          return false;
        };
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
  type(c) {
    const types = c.types();
    c.checkEnumIn(types);
    const listType = types[1]!;
    if (listType.kind === "array") {
      // Against the list's items: a list written in the rule of dates ("2024-01-01") holds dates.
      const list = c.args[1];
      const dates = Array.isArray(list) && list.length > 0 && list.every((x) => typeof x === "string" && DATE_LITERAL.test(x));
      c.checkComparable([c.args[0]!, dates ? list[0]! : null], [types[0]!, listType.item], false);
      // Looking a value up in a list goes through the list.
      c.loopsOver(1, listType);
    }
    return BOOLEAN;
  },
  describe: (c) => c.say(msg("word.rule_in", { value: c.sub(0), list: c.sub(1) })),
  reference: {},
  emit: emitIn,
};

// ---------------------------------------------------------------------------------------------------------
// `sum`: added through docs/adding-an-operator.md

/** Any number: what a sum over a list not given can be. */
const ANY_NUMBER = { lo: Number.NEGATIVE_INFINITY, hi: Number.POSITIVE_INFINITY, int: false } as const;

/** The items of a list value: a known list's are certain; a bound's are as it says. Undefined for what is not a list. */
function listItemsOf(v: Val): ListBound | undefined {
  if (!isBound(v)) return Array.isArray(v) ? { items: v.map((value) => ({ value, certain: true, deps: new Set<string>() })), phantom: null } : undefined;
  if (v.list && v.values.length === 0 && !v.num && !v.text && !v.record && !v.any) return v.list;
  if (!v.list && !v.num && !v.text && !v.record && !v.any && v.values.length === 1 && Array.isArray(v.values[0])) return listItemsOf(v.values[0]);
  return undefined;
}

/**
 * `sum` over the completions of the missing data: the `+` of every item's value, an item perhaps out of the list
 * adding 0 or its value, a list not given any number (and whatever its items' value may throw).
 */
function sumBounds(listVal: Val, valueOfItem: (item: unknown) => Val, concrete: Concrete): Val {
  // A list that only throws: no item is read.
  if (onlyThrows(listVal)) return listVal;
  const list = lift(listVal);
  const flags = { empty: list.empty, error: list.error };
  const l = listItemsOf(listVal);
  if (l === undefined) {
    // Not a list in any completion: json-logic-js's `map` gives [], whose sum is 0. Perhaps a list: any sum.
    if (!isBound(listVal)) return 0;
    return make({ values: [0], num: ANY_NUMBER, ...flags, deps: depsOf(listVal) });
  }
  const parts: Val[] = l.items.map((it) => {
    const v = valueOfItem(it.value);
    return it.certain ? v : join([0, v], unionDeps(it.deps, depsOf(v)));
  });
  if (l.phantom && l.phantom.max > 0) {
    const at = new Set([l.phantom.at]);
    const each = valueOfItem(new PhantomItem(l.phantom.item, l.phantom.at));
    parts.push(join([make({ num: ANY_NUMBER, deps: at }), each], unionDeps(at, depsOf(each))));
  }
  const sum = apply("+", parts, concrete, (vals) => arithmetic("+", vals));
  if (!flags.empty && flags.error === null) return withDeps(sum, depsOf(listVal));
  return join([sum, make({ ...flags, deps: depsOf(listVal) })], unionDeps(depsOf(sum), depsOf(listVal)));
}

/** `sum`'s meaning on the values of the items: `+` from 0, as json-logic-js folds it (`parseFloat` of each). */
function total(values: readonly unknown[]): number {
  let acc = 0;
  for (let i = 0; i < values.length; i++) acc = pf(acc) + pf(values[i]);
  return checkFinite(acc, "sum") as number;
}

/**
 * `sum`: [list, value]: the sum of `value` over the list's items, each read in the item's scope (0 for an empty
 * list; a value that is not a list reads as an empty one, as in `count`). For a total over records, such as the
 * families of every village: `{"sum": [{"var": "thonXom"}, {"var": "soGiaDinh"}]}`. An Infinity or NaN total is
 * an error, as for `+`. json-logic-js runs it as `tc:sum` of a `map`, so it still reads every item's value itself.
 */
const sumOp: Operator = {
  name: "sum",
  kind: "scoped",
  arity: [2, 2],
  origin: "tieuchi",
  list: 0,
  perItem: [1],
  summary: "[list, value]: the sum of value over the items of the list (0 for an empty list).",
  compile(args, c) {
    const list = c.value(args[0]!);
    const value = c.value(args[1]!);
    return (d, s) => {
      const l = list(d, s);
      if (!Array.isArray(l)) return 0;
      // Every item's value first, in order, then the total (as `map`, then `tc:sum`).
      const values = new Array<unknown>(l.length);
      for (let i = 0; i < l.length; i++) values[i] = value(l[i], s);
      return total(values);
    };
  },
  bounds(args, c) {
    const list = c.compile(args[0]!);
    const value = c.compile(args[1]!, c.itemScope(args[0]!));
    const concrete = c.concrete;
    return (d, env) => sumBounds(list(d, env), (x) => value(x, env), concrete);
  },
  reference: {
    expand: (args) => ({ "tc:sum": [{ map: [args[0]!, args[1]!] }] }),
    operations: () => ({ sum: (values: unknown) => (Array.isArray(values) ? total(values) : 0) }),
  },
  type(c) {
    if (c.list() === undefined) return NUMBER;
    const t = c.type(1);
    if (!isNumeric(t)) c.report(problem("problem.not_a_number", c.path(1), { op: "sum", type: describeType(t) }));
    return t.kind === "integer" ? INTEGER : NUMBER;
  },
  describe(c) {
    const l = c.list(0);
    return c.say(msg("word.rule_sum", { value: l.cond(1), list: l.text }));
  },
  // Generated: numbers only, folded as `total` folds them; a total that is not finite hands the unit back (`fin`).
  emit(args, ctx) {
    const list = listOperand(ctx.emit(args[0]!));
    const value = itemValue(list, args[1], ctx);
    if (value.type.kind !== "num") return refuse("gen.operand_type", { op: "sum", want: "number" });
    const code = ctx.overItems(list, { init: ["0"], step: ([n]) => `${n} = pf(${n}) + pf(${value.code});`, result: ([n], l) => `(${l}, fin(${n}))` });
    return { code, type: NUM };
  },
};

/** The list family. */
export const LIST_FAMILY: readonly Operator[] = [
  inOp,
  quantifier("all", "Every item meets the condition (false for an empty list)."),
  quantifier("some", "At least one item meets the condition."),
  quantifier("none", "No item meets the condition (true for an empty list)."),
  filterOp,
  countOp,
  sumOp,
];

// ---------------------------------------------------------------------------------------------------------
// The test kit's strategies (see kit.ts)

/** `in`: the needle set to a value of the list (or, for false, to one outside it: of its declared set, else "(khác)"). */
function forceIn(args: readonly Rule[], want: boolean, c: SolveContext, scope: Scope): boolean {
  const [needle, hay] = args;
  if (!Array.isArray(hay) || !hay.every((r) => r === null || typeof r !== "object")) return false;
  const info = c.termInfo(needle!, scope);
  if (!info) return false;
  const norm = (v: unknown) => (typeof v === "string" ? v.normalize("NFC") : v);
  const listed = hay.map(norm);
  const current = c.valueOf(needle!, scope);
  if (current && listed.includes(norm(current.value) as never) === want) return true;
  const candidates: unknown[] = want ? listed : (info.enum ?? ["(khác)"]).filter((v) => !listed.includes(v as never));
  const v = candidates.find((x) => c.fits(info, x));
  return v !== undefined && c.assign(needle!, v, scope);
}

/**
 * `filter` and `some` are true when some item meets the condition; `none` is the opposite; `all` needs every item,
 * and a non-empty list.
 */
function forceQuantifier(op: string, args: readonly Rule[], want: boolean, c: SolveContext, scope: Scope): boolean {
  const h = c.list(args[0]!, scope);
  const cond = args[1]!;
  if (!h) return false;
  const some = op === "some" || op === "filter" ? want : op === "none" ? !want : undefined;
  if (some !== undefined) {
    if (!some) return h.members().every((m) => c.force(cond, false, m));
    if (h.members().some((m) => c.holds(cond, m, true))) return true;
    const first = h.members()[0] ?? h.append();
    return first !== undefined && c.force(cond, true, first);
  }
  if (want) {
    if (h.members().length === 0 && !h.append()) return false;
    return h.members().every((m) => c.force(cond, true, m));
  }
  const members = h.members();
  if (members.length === 0) return true;
  if (members.some((m) => c.holds(cond, m, false))) return true;
  return c.force(cond, false, members[0]!);
}

/** A quantifier's strategies: made true or false item by item; `focus` says which item a boundary case watches. */
function quantifierKit(op: string, focus: "first" | "meeting"): TestKit {
  return { force: (args, want, c, scope, self) => c.holds(self, scope, want) || forceQuantifier(op, args, want, c, scope), focus };
}

/** Makes `count` of a list (with an optional condition) equal `k`. */
function setCount(list: Rule, k: number, cond: Rule | undefined, c: SolveContext, scope: Scope): boolean {
  const h = c.list(list, scope);
  if (!h) return false;
  if (cond === undefined) return h.resize(k);
  let members = h.members();
  while (members.length < k) {
    if (!h.append()) return false;
    members = h.members();
  }
  let ok = true;
  members.forEach((m, i) => {
    ok = c.force(cond, i < k, m) && ok;
  });
  return ok;
}

/** `filter` as a list: the items of its list that meet its condition; items that do not, stay (they do not count). */
function filterHandle(args: readonly Rule[], c: SolveContext, scope: Scope): ListHandle | undefined {
  const base = c.list(args[0]!, scope);
  const cond = args[1]!;
  if (!base) return undefined;
  const members = () => base.members().filter((m) => c.holds(cond, m, true));
  const append = () => {
    const item = base.append();
    return item && c.force(cond, true, item) ? item : undefined;
  };
  return {
    members,
    append,
    remove: (m) => base.remove(m),
    moveToFront: (m) => base.moveToFront(m),
    resize: (n) => {
      // Last first, so positions hold.
      for (const m of members().slice(n).reverse()) base.remove(m);
      while (members().length < n) if (!append()) return false;
      return members().length === n;
    },
    model: () => base.model(),
  };
}

/**
 * `sum` as a term: a number (a whole number when the items' value is one), at least 0 when every item's value is;
 * set by putting the total on the first item and the least each other item can hold on the rest.
 */
function sumTerm(args: readonly Rule[], c: SolveContext, scope: Scope): TermInfo | undefined {
  const h = c.list(args[0]!, scope);
  const item = h && c.termInfo(args[1]!, h.model());
  if (!item || (item.kind !== "integer" && item.kind !== "number")) return undefined;
  return { kind: item.kind, ...(item.min !== undefined && item.min >= 0 ? { min: 0 } : {}), ...(item.max !== undefined && item.max <= 0 ? { max: 0 } : {}) };
}

function sumAssign(args: readonly Rule[], value: unknown, c: SolveContext, scope: Scope): boolean {
  const h = c.list(args[0]!, scope);
  const item = h && c.termInfo(args[1]!, h.model());
  if (!h || !item || typeof value !== "number") return false;
  if (h.members().length === 0 && value !== 0 && !h.append()) return false;
  const [first, ...rest] = h.members();
  if (!first) return value === 0;
  const least = item.min !== undefined && item.min > 0 ? item.min : 0;
  const ok = rest.every((m) => c.assign(args[1]!, least, m));
  return c.assign(args[1]!, Number((value - least * rest.length).toFixed(10)), first) && ok;
}

/** The list family's test kit. */
export const LIST_KIT: FamilyKit = {
  in: { force: (args, want, c, scope, self) => c.holds(self, scope, want) || forceIn(args, want, c, scope) },
  all: /* @__PURE__ */ quantifierKit("all", "first"),
  some: /* @__PURE__ */ quantifierKit("some", "meeting"),
  none: /* @__PURE__ */ quantifierKit("none", "meeting"),
  filter: {
    force: (args, want, c, scope, self) => c.holds(self, scope, want) || forceQuantifier("filter", args, want, c, scope),
    focus: "meeting",
    list: filterHandle,
    itemsOf: 0,
  },
  count: {
    force(args, want, c, scope, self) {
      const n = c.valueOf(self, scope)?.value;
      return setCount(args[0]!, want ? Math.max(1, typeof n === "number" ? n : 0) : 0, args[1], c, scope);
    },
    term: () => ({ kind: "integer", min: 0 }),
    assign: (args, value, c, scope) => setCount(args[0]!, value as number, args[1], c, scope),
    focus: "one",
    name(args, c) {
      const list = c.listLabel(args[0]!);
      return list === undefined ? undefined : `${c.say(msg("bound.word", { which: "count" }))} ${list}`;
    },
  },
  sum: {
    force: (_args, want, c, scope, self) => c.holds(self, scope, want) || c.assign(self, want ? 1 : 0, scope),
    term: sumTerm,
    assign: sumAssign,
    focus: "one",
    name: (_args, c) => c.sentence(),
  },
};
