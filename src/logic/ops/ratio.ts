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
  if (typeof p !== "number") return refuse("a percentage that is not a literal number");
  const plan = planPercent(p);
  if (!plan) return refuse("a percentage out of range");
  return `${plan.units}, ${plan.scale}, ${plan.limit}`;
}

function emitShare(atLeast: boolean): Emitter {
  return (args, ctx) => {
    if (args.length < 3 || args.length > 4) return refuse("a share without 3 or 4 operands");
    const p = percentCode(args[0]);
    const list = listOperand(ctx.emit(args[1]!));
    const cond = itemTest(list, args[2], ctx);
    const skip = args.length === 4 ? `if (${itemTest(list, args[3], ctx)}) continue; ` : "";
    const f = ctx.fn(
      "l",
      `let w = 0, p = 0; for (let i = 0; i < l.length; i++) { const it = l[i]; ${skip}w++; if (${cond}) p++; } return ratio(p, w, ${p}, ${atLeast});`,
    );
    return { code: `${f}(${list.code})`, type: BOOL };
  };
}

function emitRatio(atLeast: boolean): Emitter {
  return (args, ctx) => {
    if (args.length !== 3) return refuse("a ratio without 3 operands");
    const part = ctx.emit(args[0]!);
    const whole = ctx.emit(args[1]!);
    if (part.type.kind !== "num" || whole.type.kind !== "num") return refuse("a ratio of values that are not numbers");
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
    percentArg: 0,
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
    percentArg: 2,
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
