/**
 * tieuchi's exact percentages: `shareAtLeast`, `shareAtMost` ([P, list, condition, exclude?]: the share of the
 * items not excluded that meet the condition) and `ratioAtLeast`, `ratioAtMost` ([part, whole, P]). Compared in
 * integers (`part * 100 * scale` against `units * whole`, P = units / scale), never in floating point; a whole of
 * 0 is not applicable ({@link Inapplicable}), and the criterion takes its empty-group status.
 *
 * json-logic-js runs a share as `tc:ratioAtLeast(tc:count(filter(base, condition)), tc:count(base), P)` with
 * `base = filter(list, !exclude)` or `list`, so it still decides every per-item condition itself.
 *
 * @module
 */
import { msg } from "../../i18n/index.js";
import type { Rule } from "../../schema/rule.js";
import { ratio as ratioBounds, share as shareBounds } from "../bounds.js";
import { compareRatio, exactPercent } from "../exact.js";
import { BOOLEAN } from "../types.js";
import { counter, filterBy } from "./lists.js";
import { BOOL, type Emitter, itemTest, listOperand, refuse } from "./emit.js";
import type { BoundaryContext, FamilyKit, Scope, SolveContext } from "./kit.js";
import type { Compiled, CompileContext, Operator, ReferenceHooks, Sink } from "./types.js";

/** A percentage read once: its exact fraction as Numbers, and the largest whole for which Number math is exact. */
interface PercentPlan {
  readonly units: number;
  readonly scale: number;
  readonly limit: number;
}

function planPercent(p: number): PercentPlan | undefined {
  const e = exactPercent(p);
  if (!e) return undefined;
  const units = Number(e.units);
  const scale = Number(e.scale);
  // part <= whole, so part*100*scale and units*whole are both safe integers when whole <= limit.
  return { units, scale, limit: Math.floor(Number.MAX_SAFE_INTEGER / Math.max(100 * scale, units, 1)) };
}

function isCount(n: unknown): n is number {
  return typeof n === "number" && Number.isSafeInteger(n) && n >= 0;
}

/**
 * {@link compareRatio} with a Number fast path: same results, same exceptions (anything unusual is handed to
 * compareRatio itself), but no BigInt and no measure object unless the sink wants it.
 */
function ratio(op: "atLeast" | "atMost", part: unknown, whole: unknown, percent: unknown, plan: PercentPlan | undefined, s: Sink): boolean | null {
  if (part === null || part === undefined || whole === null || whole === undefined || percent === null || percent === undefined) return null;
  if (!isCount(part) || !isCount(whole) || part > whole || typeof percent !== "number" || whole === 0) return slowRatio(op, part, whole, percent, s);
  const p = plan ?? planPercent(percent);
  if (p === undefined || whole > p.limit) return slowRatio(op, part, whole, percent, s);
  const left = part * 100 * p.scale;
  const right = p.units * whole;
  const met = op === "atLeast" ? left >= right : left <= right;
  if (s.full) s.measure({ kind: "ratio", op, part, whole, percent, met });
  return met;
}

function slowRatio(op: "atLeast" | "atMost", part: unknown, whole: unknown, percent: unknown, s: Sink): boolean | null {
  const m = compareRatio(op, part, whole, percent);
  if (m === null) return null;
  if (s.full) s.measure(m);
  return m.met;
}

/**
 * `[P, list, condition, exclude?]`, as json-logic-js runs its expansion:
 * `ratio(count(filter(base, condition)), count(base), P)` with `base = filter(list, !exclude)` or `list`.
 * json-logic-js evaluates `base` twice. With a full trace so does this (the second pass can change which
 * value a path without a record, such as `?`, was last seen with, and it records ratios again); without
 * one, once is the same, and the exclusions are counted without building the filtered list.
 */
function compileShare(op: "atLeast" | "atMost", args: Rule[], c: CompileContext): Compiled {
  const [pRule, listRule, condRule, exclRule] = args as [Rule, Rule, Rule, Rule | undefined];
  const list = c.value(listRule);
  const excl = exclRule === undefined ? undefined : c.test(exclRule);
  const cond = c.test(condRule);
  const partOf = counter(condRule, c);
  const percent = c.value(pRule);
  const plan = typeof pRule === "number" ? planPercent(pRule) : undefined;
  const base: Compiled = excl === undefined ? list : filterBy(list, (item, s) => !excl(item, s));
  // Every exclusion first, then the condition on the items kept, in the order json-logic-js reads them.
  // `kept` is scratch space; a node never runs inside itself.
  let kept = new Uint8Array(16);
  const quietWithExclusion = (d: unknown, s: Sink): boolean | null => {
    const l = list(d, s);
    let part = 0;
    let whole = 0;
    if (Array.isArray(l)) {
      const n = l.length;
      if (kept.length < n) kept = new Uint8Array(n * 2);
      for (let i = 0; i < n; i++) {
        const keep = i in l && !excl!(l[i], s);
        kept[i] = keep ? 1 : 0;
        if (keep) whole++;
      }
      for (let i = 0; i < n; i++) if (kept[i] === 1 && cond(l[i], s)) part++;
    }
    return ratio(op, part, whole, percent(d, s), plan, s);
  };
  return (d, s) => {
    if (!s.full && excl !== undefined) return quietWithExclusion(d, s);
    const b = base(d, s);
    const part = partOf(b, s);
    const b2 = s.full ? base(d, s) : b;
    const whole = Array.isArray(b2) ? b2.length : 0;
    return ratio(op, part, whole, percent(d, s), plan, s);
  };
}

/** json-logic-js's side of a ratio: compared exactly, the measure recorded. */
function referenceRatio(op: "atLeast" | "atMost", hooks: ReferenceHooks) {
  return (part: unknown, whole: unknown, percent: unknown): boolean | null => {
    const m = compareRatio(op, part, whole, percent);
    if (m === null) return null;
    hooks.measure(m);
    return m.met;
  };
}

// ---------------------------------------------------------------------------------------------------------
// The generated form: exact percentages in integers, `part * 100 * scale` against `units * whole`, in `Number`
// (the plan's limit is the largest whole for which both products are exact; a larger one hands the unit back).
// A whole of 0 throws `EMPTY` (the criterion takes its empty-group status); parts and wholes that are not counts
// hand the unit back (the general evaluator reports the error).

/** The percentage, a literal, as the arguments `units, scale, limit` of the module's `ratio`. */
function percentCode(p: Rule | undefined): string {
  if (typeof p !== "number") return refuse("gen.percent", { why: "not-literal" });
  const plan = planPercent(p);
  if (!plan) return refuse("gen.percent", { why: "out-of-range" });
  return `${plan.units}, ${plan.scale}, ${plan.limit}`;
}

function emitShare(atLeast: boolean): Emitter {
  return (args, ctx, op) => {
    if (args.length < 3 || args.length > 4) return refuse("gen.operands", { op, expected: [3, 4] });
    const p = percentCode(args[0]);
    const list = listOperand(ctx.emit(args[1]!));
    const cond = itemTest(list, args[2], ctx);
    const exclude = args.length === 4 ? itemTest(list, args[3], ctx) : undefined;
    const code = ctx.overItems(list, {
      init: ["0", "0"],
      step: ([w, n]) => (exclude !== undefined ? `if (!${exclude}) { ${w}++; if (${cond}) ${n}++; }` : `${w}++; if (${cond}) ${n}++;`),
      result: ([w, n], l) => `(${l}, ratio(${n}, ${w}, ${p}, ${atLeast}))`,
    });
    return { code, type: BOOL };
  };
}

function emitRatio(atLeast: boolean): Emitter {
  return (args, ctx, op) => {
    if (args.length !== 3) return refuse("gen.operands", { op, expected: [3] });
    const part = ctx.emit(args[0]!);
    const whole = ctx.emit(args[1]!);
    if (part.type.kind !== "num" || whole.type.kind !== "num") return refuse("gen.operand_type", { op, want: "numbers" });
    return { code: `ratioOf(${part.code}, ${whole.code}, ${percentCode(args[2])}, ${atLeast})`, type: BOOL };
  };
}

// ---------------------------------------------------------------------------------------------------------

function shareOp(name: "shareAtLeast" | "shareAtMost", summary: string): Operator {
  const which = name === "shareAtLeast" ? "atLeast" : "atMost";
  return {
    name,
    kind: "scoped",
    arity: [3, 4],
    origin: "tieuchi",
    list: 1,
    perItem: [2, 3],
    summary,
    ratio: true,
    compile: (args, c) => compileShare(which, args, c),
    type(c) {
      c.usesRatio(true);
      c.checkPercent(0, c.type(0));
      c.list();
      return BOOLEAN;
    },
    describe(c) {
      const l = c.list(1);
      return c.say(
        msg("word.rule_share", {
          atLeast: which === "atLeast",
          percent: c.percent(0),
          list: l.text,
          excluding: c.args[3] === undefined ? undefined : l.cond(3),
          cond: l.cond(2),
        }),
      );
    },
    bounds(args, c) {
      const percent = c.compile(args[0]!);
      const list = c.compile(args[1]!);
      const item = c.itemScope(args[1]!);
      const cond = c.compile(args[2]!, item);
      const exclude = args[3] === undefined ? null : c.compile(args[3], item);
      return (d, env) => shareBounds(which, percent(d, env), list(d, env), (x) => cond(x, env), exclude ? (x) => exclude(x, env) : null);
    },
    reference: {
      expand(args) {
        const [percent, list, condition, exclude] = args;
        const base = exclude === undefined ? list! : { filter: [list!, { "!": [exclude] }] };
        return { [`tc:ratio${name.slice(5)}`]: [{ "tc:count": [{ filter: [base, condition!] }] }, { "tc:count": [base] }, percent!] };
      },
    },
    emit: emitShare(which === "atLeast"),
  };
}

function ratioOp(name: "ratioAtLeast" | "ratioAtMost", summary: string): Operator {
  const which = name === "ratioAtLeast" ? "atLeast" : "atMost";
  return {
    name,
    kind: "value",
    arity: [3, 3],
    origin: "tieuchi",
    summary,
    ratio: true,
    compile(args, c) {
      const fs = args.map((r) => c.value(r));
      const none: Compiled = () => undefined;
      const [a = none, b = none, third = none] = fs;
      const extra = fs.slice(3);
      const pRule = args[2];
      const plan = typeof pRule === "number" ? planPercent(pRule) : undefined;
      return (d, s) => {
        const part = a(d, s);
        const whole = b(d, s);
        const percent = third(d, s);
        for (let i = 0; i < extra.length; i++) extra[i]!(d, s);
        return ratio(which, part, whole, percent, plan, s);
      };
    },
    apply: ([a, b, c]) => compareRatio(which, a, b, c)?.met ?? null,
    type(c) {
      const types = c.types();
      // A whole written in the rule as a positive number is never empty.
      const whole = c.args[1];
      c.usesRatio(!(typeof whole === "number" && whole > 0));
      c.checkCount(0, types[0]!, "part");
      c.checkCount(1, types[1]!, "whole");
      c.checkPercent(2, types[2]!);
      return BOOLEAN;
    },
    describe: (c) => c.say(msg("word.rule_ratio", { atLeast: which === "atLeast", part: c.sub(0), percent: c.percent(2), whole: c.sub(1) })),
    ownBounds: ([a, b, c]) => ratioBounds(which, a, b, c),
    reference: {
      expand: (args) => ({ [`tc:${name}`]: args }),
      operations: (hooks) => ({ [name]: referenceRatio(which, hooks) }),
      concreteName: `tc:${name}`,
    },
    emit: emitRatio(which === "atLeast"),
  };
}

/** The ratio family. */
export const RATIO_FAMILY: readonly Operator[] = [
  shareOp(
    "shareAtLeast",
    "[P, list, condition, exclude?]: at least P% of the items not excluded meet the condition, compared exactly in integers. Not applicable when no item is left.",
  ),
  shareOp(
    "shareAtMost",
    "[P, list, condition, exclude?]: at most P% of the items not excluded meet the condition, compared exactly. Not applicable when no item is left.",
  ),
  ratioOp("ratioAtLeast", "[part, whole, P]: part is at least P% of whole, compared exactly in integers. Not applicable when whole is 0."),
  ratioOp("ratioAtMost", "[part, whole, P]: part is at most P% of whole, compared exactly. Not applicable when whole is 0."),
];

// ---------------------------------------------------------------------------------------------------------
// The test kit's strategies (see kit.ts)

/**
 * How many of `n` items must meet a condition for a share "at least / at most P%" to come out `want`: the
 * fewest that meet it (at least, true), the most that miss it (at least, false), and so on. Undefined when no
 * count can (at least 0% is never false).
 */
export function meetingCount(atLeast: boolean, want: boolean, p: { units: bigint; scale: bigint }, n: number): number | undefined {
  const num = p.units * BigInt(n);
  const den = p.scale * 100n;
  const ceil = Number((num + den - 1n) / den);
  const floor = Number(num / den);
  let k: number;
  if (atLeast) k = want ? ceil : ceil - 1;
  else k = want ? floor : floor + 1;
  return k >= 0 && k <= n ? k : undefined;
}

/** The smallest group of at least 2 items in which P% is a whole number of items (up to 100 items); else 10. */
export function groupSizeFor(percent: number): number {
  const p = exactPercent(percent);
  if (!p) return 10;
  for (let w = 2; w <= 100; w++) if ((p.units * BigInt(w)) % (p.scale * 100n) === 0n) return w;
  return 10;
}

/**
 * Sets a share's list so that exactly `k` of its counted items meet the condition: the first `excluded` items
 * are excluded (and miss the condition), the others are counted.
 */
function shareTo(args: readonly Rule[], k: number, c: SolveContext, scope: Scope, excluded = 0): boolean {
  const [, list, cond, exclude] = args;
  const h = c.list(list!, scope);
  if (!h || (excluded > 0 && exclude === undefined)) return false;
  let ok = true;
  h.members().forEach((m, i) => {
    const out = i < excluded;
    if (exclude !== undefined) ok = c.force(exclude, out, m) && ok;
    ok = c.force(cond!, !out && i - excluded < k, m) && ok;
  });
  return ok;
}

/** Met: every item meets the condition (at least) or none does (at most), as a unit that clearly meets it would. Not met: as few items changed as it takes. */
function forceShare(atLeast: boolean, args: readonly Rule[], want: boolean, c: SolveContext, scope: Scope): boolean {
  const p = typeof args[0] === "number" ? exactPercent(args[0]) : undefined;
  const h = c.list(args[1]!, scope);
  if (!p || !h) return false;
  if (h.members().length === 0 && (c.keepEmptyGroups || !h.append())) return false;
  const n = h.members().length;
  const k = want ? (atLeast ? n : 0) : meetingCount(atLeast, false, p, n);
  return k !== undefined && shareTo(args, k, c, scope);
}

/** The whole kept when it is a positive count (else 10), and the part set against it. */
function forceRatio(atLeast: boolean, args: readonly Rule[], want: boolean, c: SolveContext, scope: Scope): boolean {
  const [part, whole, percent] = args;
  const p = typeof percent === "number" ? exactPercent(percent) : undefined;
  if (!p) return false;
  const current = c.valueOf(whole!, scope)?.value;
  const w = typeof current === "number" && Number.isInteger(current) && current > 0 ? current : 10;
  const k = want ? (atLeast ? w : 0) : meetingCount(atLeast, false, p, w);
  if (k === undefined) return false;
  if (current !== w && !c.assign(whole!, w, scope)) return false;
  return c.assign(part!, k, scope);
}

/** The group size, and how many items meet the condition on each side of a percentage's line (and in an empty group). */
function percentSides(
  c: BoundaryContext,
  P: Rule | undefined,
  atLeast: boolean,
): { n: number; P: number; sides: ["at" | "below" | "above" | "empty", number][] } | undefined {
  const p = typeof P === "number" ? exactPercent(P) : undefined;
  if (!p || typeof P !== "number") {
    c.skip(msg("bound.percent_not_literal"));
    return undefined;
  }
  const n = groupSizeFor(P);
  const at = meetingCount(atLeast, true, p, n)!;
  const sides: ["at" | "below" | "above" | "empty", number][] = [
    ["below", atLeast ? at - 1 : at + 1],
    ["at", at],
    ["above", atLeast ? at + 1 : at - 1],
    ["empty", 0],
  ];
  return { n, P, sides: sides.filter(([, k]) => k >= 0 && k <= n) };
}

/**
 * A share's boundary cases: in the smallest group where P% is whole, the count of items meeting the condition
 * at the line, one below, one above; the empty group (or, for a list that must have items, its one item
 * excluded); and at the line with one more item excluded.
 */
function shareBoundary(atLeast: boolean, c: BoundaryContext): void {
  const [percent, list, , exclude] = c.args;
  const line = percentSides(c, percent, atLeast);
  if (!line) return;
  const { n, P } = line;
  const listName = c.nameOf(list!);
  for (const [side, k] of line.sides) {
    const size = side === "empty" ? 0 : n;
    let data = c.build((scope) => {
      const h = c.solver.list(list!, scope);
      return h?.resize(size) === true && shareTo(c.args, k, c.solver, scope);
    });
    if (!data && side === "empty" && exclude !== undefined) {
      // A list that must have items (minItems): the group is empty when its one item is excluded.
      data = c.build((scope) => {
        const h = c.solver.list(list!, scope);
        return h?.resize(1) === true && shareTo(c.args, 0, c.solver, scope, 1);
      });
      if (data) {
        c.record(`${c.criterion}: ${listName}: ${c.word("allExcluded")}`, data);
        continue;
      }
    }
    if (!data) {
      c.skip(msg("bound.cannot_build", { list: listName, count: k, size }));
      continue;
    }
    const name =
      side === "empty" ? `${c.criterion}: ${listName}: ${c.word("empty")} (0)` : `${c.criterion}: ${k}/${n} ${listName} (${c.word(side)} ${c.num(P)}%)`;
    c.record(name, data);
    if (side === "at" && exclude !== undefined) {
      const extra = c.build((scope) => {
        const h = c.solver.list(list!, scope);
        return h?.resize(n + 1) === true && shareTo(c.args, k, c.solver, scope, 1);
      });
      if (extra) c.record(`${c.criterion}: ${k}/${n} ${listName}, ${c.word("excluded")} (${c.word("at")} ${c.num(P)}%)`, extra);
    }
  }
}

/** A ratio's boundary cases: the part at the line, one below and one above, of the smallest whole where P% is whole; and 0 of 0. */
function ratioBoundary(atLeast: boolean, c: BoundaryContext): void {
  const [part, whole, percent] = c.args;
  const line = percentSides(c, percent, atLeast);
  if (!line) return;
  for (const [side, k] of line.sides) {
    const of = side === "empty" ? 0 : line.n;
    const data = c.build((scope) => c.solver.assign(whole!, of, scope) && c.solver.assign(part!, k, scope));
    if (!data) {
      c.skip(msg("bound.cannot_ratio", { part: k, whole: of }));
      continue;
    }
    const name = side === "empty" ? `${c.criterion}: ${c.word("empty")} (0/0)` : `${c.criterion}: ${k}/${of} (${c.word(side)} ${c.num(line.P)}%)`;
    c.record(name, data);
  }
}

/** The ratio family's test kit. */
export const RATIO_KIT: FamilyKit = {
  shareAtLeast: {
    force: (args, want, c, scope, self) => c.holds(self, scope, want) || forceShare(true, args, want, c, scope),
    focus: "one",
    boundary: (c) => shareBoundary(true, c),
  },
  shareAtMost: {
    force: (args, want, c, scope, self) => c.holds(self, scope, want) || forceShare(false, args, want, c, scope),
    focus: "one",
    boundary: (c) => shareBoundary(false, c),
  },
  ratioAtLeast: {
    force: (args, want, c, scope, self) => c.holds(self, scope, want) || forceRatio(true, args, want, c, scope),
    boundary: (c) => ratioBoundary(true, c),
  },
  ratioAtMost: {
    force: (args, want, c, scope, self) => c.holds(self, scope, want) || forceRatio(false, args, want, c, scope),
    boundary: (c) => ratioBoundary(false, c),
  },
};
