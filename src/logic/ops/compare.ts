/**
 * Comparisons: `==`, `===`, `!=`, `!==` (loose and strict equality, as JavaScript gives them), `>`, `>=`, and `<`,
 * `<=` (with three arguments, "between"). The analysis refuses comparisons of values of different kinds, so
 * JavaScript's conversions never decide a verdict.
 *
 * @module
 */
import { msg } from "../../i18n/index.js";
import type { Rule } from "../../schema/rule.js";
import { applyBinary } from "../apply.js";
import { between, compare, equality } from "../bounds.js";
import { BOOLEAN } from "../types.js";
import { ruleParts } from "../walk.js";
import { BOOL, type Emitter, type Expr, refuse } from "./emit.js";
import type { BoundaryContext, FamilyKit, Scope, SolveContext, TermInfo, TestKit } from "./kit.js";
import type { Compiled, Operator } from "./types.js";

/** A comparison of two operands, evaluated left to right: one closure per operator, no dispatch per call. */
function binary(op: string, a: Compiled, b: Compiled): Compiled {
  switch (op) {
    case "==":
      return (d, s) => {
        const x = a(d, s);
        return x == b(d, s);
      };
    case "===":
      return (d, s) => {
        const x = a(d, s);
        return x === b(d, s);
      };
    case "!=":
      return (d, s) => {
        const x = a(d, s);
        return x != b(d, s);
      };
    case "!==":
      return (d, s) => {
        const x = a(d, s);
        return x !== b(d, s);
      };
    case ">":
      return (d, s) => {
        const x = a(d, s) as number;
        return x > (b(d, s) as number);
      };
    case ">=":
      return (d, s) => {
        const x = a(d, s) as number;
        return x >= (b(d, s) as number);
      };
    case "<":
      return (d, s) => {
        const x = a(d, s) as number;
        return x < (b(d, s) as number);
      };
    default:
      return (d, s) => {
        const x = a(d, s) as number;
        return x <= (b(d, s) as number);
      };
  }
}

const none: Compiled = () => undefined;

/** How each comparison reads in a sentence (the same in every language). */
const SYMBOLS: Readonly<Record<string, string>> = { "==": "=", "===": "=", "!=": "≠", "!==": "≠", ">": ">", ">=": "≥", "<": "<", "<=": "≤" };

/**
 * Every argument is evaluated, left to right, before the comparison is applied, even those it ignores (a rule
 * outside the format, for the differential tests): those past `used` are evaluated and dropped.
 */
function operands(args: Rule[], compile: (r: Rule) => Compiled, used: number) {
  const fs = args.map(compile);
  const extra = fs.slice(used);
  return {
    fs,
    a: fs[0] ?? none,
    b: fs[1] ?? none,
    c: fs[2] ?? none,
    rest: (d: unknown, s: Parameters<Compiled>[1]): void => {
      for (let i = 0; i < extra.length; i++) extra[i]!(d, s);
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// The generated form: on the scalar values generated code meets, JsonLogic's comparisons are JavaScript's
// operators (json-logic-js applies them as they are). Lists and records are refused (their comparisons depend
// on conversions the generator does not model). `<` and `<=` with three operands evaluate all three first.

function scalar(e: Expr): string {
  if (e.type.kind === "list" || e.type.kind === "rec" || e.type.kind === "any") return refuse("gen.operand_type", { want: "scalar" });
  return e.code;
}

function emitBinary(op: string): Emitter {
  return (args, ctx) => {
    if (args.length !== 2) return refuse("gen.operands", { op, expected: [2] });
    return { code: `(${scalar(ctx.emit(args[0]!))} ${op} ${scalar(ctx.emit(args[1]!))})`, type: BOOL };
  };
}

function emitBetween(op: "<" | "<="): Emitter {
  const two = emitBinary(op);
  return (args, ctx) => {
    if (args.length !== 3) return two(args, ctx, op);
    const [x, y, z] = args.map((r) => scalar(ctx.emit(r)));
    return { code: `${op === "<" ? "lt3" : "le3"}(${x}, ${y}, ${z})`, type: BOOL };
  };
}

// ---------------------------------------------------------------------------------------------------------

function twoSided(name: "==" | "===" | "!=" | "!==" | ">" | ">=", summary: string): Operator {
  const isEquality = name !== ">" && name !== ">=";
  return {
    name,
    kind: "value",
    arity: [2, 2],
    origin: "jsonlogic",
    summary,
    compile(args, c) {
      const { fs, a, b, rest } = operands(args, (r) => c.value(r), 2);
      if (fs.length === 2) return binary(name, a, b);
      return (d, s) => {
        const x = a(d, s);
        const y = b(d, s);
        rest(d, s);
        return applyBinary(name, x, y);
      };
    },
    apply: ([a, b]) => applyBinary(name, a, b),
    ownBounds: isEquality ? ([a, b]) => equality(name, a, b) : ([a, b]) => compare(name, a, b),
    type(c) {
      const types = c.types();
      if (isEquality) c.checkEnum(types);
      c.checkComparable(c.args, types, !isEquality);
      return BOOLEAN;
    },
    describe: (c) => `${c.sub(0)} ${SYMBOLS[name]} ${c.sub(1)}`,
    reference: {},
    emit: emitBinary(name),
  };
}

/** `<` and `<=`: with three arguments, strictly (or inclusively) between the first and the third. */
function lessThan(name: "<" | "<=", summary: string): Operator {
  const strict = name === "<";
  return {
    name,
    kind: "value",
    arity: [2, 3],
    origin: "jsonlogic",
    summary,
    compile(args, c) {
      const { fs, a, b, c: third, rest } = operands(args, (r) => c.value(r), 3);
      const n = fs.length;
      if (n === 2) return binary(name, a, b);
      if (n === 3 && typeof args[0] === "number" && typeof args[2] === "number") {
        // The usual range test, `lo <= x <= hi`, with literal bounds.
        const lo = args[0];
        const hi = args[2];
        return strict
          ? (d, s) => {
              const y = b(d, s) as number;
              return lo < y && y < hi;
            }
          : (d, s) => {
              const y = b(d, s) as number;
              return lo <= y && y <= hi;
            };
      }
      return (d, s) => {
        const x = a(d, s) as number;
        const y = b(d, s) as number;
        const z = third(d, s) as number | undefined;
        rest(d, s);
        if (z === undefined) return strict ? x < y : x <= y;
        return strict ? x < y && y < z : x <= y && y <= z;
      };
    },
    apply([a, b, c]) {
      if (c === undefined) return applyBinary(name, a, b);
      return strict ? (a as number) < (b as number) && (b as number) < (c as number) : (a as number) <= (b as number) && (b as number) <= (c as number);
    },
    ownBounds: (args) => (args.length >= 3 ? between(name, args[0], args[1], args[2]) : compare(name, args[0], args[1])),
    type(c) {
      c.checkComparable(c.args, c.types(), true);
      return BOOLEAN;
    },
    describe: (c) =>
      c.args.length === 3 ? `${c.sub(0)} ${SYMBOLS[name]} ${c.sub(1)} ${SYMBOLS[name]} ${c.sub(2)}` : `${c.sub(0)} ${SYMBOLS[name]} ${c.sub(1)}`,
    reference: {},
    emit: emitBetween(name),
  };
}

/** The comparison family. */
export const COMPARE_FAMILY: readonly Operator[] = [
  twoSided("==", "Loose equality."),
  twoSided("===", "Strict equality."),
  twoSided("!=", "Loose inequality."),
  twoSided("!==", "Strict inequality."),
  twoSided(">", "Greater than."),
  twoSided(">=", "Greater than or equal."),
  lessThan("<", "Less than; with three arguments, strictly between."),
  lessThan("<=", "Less than or equal; with three arguments, between inclusive."),
];

// ---------------------------------------------------------------------------------------------------------
// The test kit's strategies (see kit.ts)

/** The comparison seen from its other side: `a < b` is `b > a`. */
const FLIP: Readonly<Record<string, string>> = { "<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "===": "===", "!=": "!=", "!==": "!==" };

/** The smallest step of a number, from its decimals: 1 for integers, 0.1 for 5 or 2.5, 0.01 for 2.55. */
export function stepOf(value: number, integer: boolean): number {
  if (integer) return 1;
  const decimals = (String(value).split(".")[1] ?? "").length;
  return 10 ** -Math.max(1, decimals);
}

/** Rounds away the floating-point noise of `a ± step`. */
export function tidy(n: number): number {
  return Number(n.toFixed(10));
}

const isOp = (r: Rule | undefined): boolean => r !== undefined && ruleParts(r, true) !== undefined;

/** Candidate values of a term near a literal, nearest first. */
function near(info: TermInfo, literal: unknown, c: SolveContext): unknown[] {
  if ((info.kind === "integer" || info.kind === "number") && typeof literal === "number") {
    const step = stepOf(literal, info.kind === "integer");
    const base = info.kind === "integer" ? Math.ceil(literal) : literal;
    const out = [base, tidy(base - step), tidy(base + step), Math.floor(literal), tidy(base + 2 * step), tidy(base - 2 * step)];
    if (info.min !== undefined) out.push(info.min);
    if (info.max !== undefined) out.push(info.max);
    return out;
  }
  if (info.kind === "date" && typeof literal === "string" && /^\d{4}-\d{2}-\d{2}$/.test(literal))
    return [literal, c.addDays(literal, -1), c.addDays(literal, 1)];
  if (info.kind === "string") return [literal, ...(info.enum ?? [])];
  if (info.kind === "boolean") return [literal, true, false];
  return [literal];
}

/** A term of the comparison (a side the solver can set) moved to the nearest value that makes it come out `want`. */
function forceCompare(op: string, args: readonly Rule[], want: boolean, c: SolveContext, scope: Scope): boolean {
  if (args.length === 3) {
    // Between: a op x op b, with x the term.
    const [a, x, b] = args;
    const info = c.termInfo(x!, scope);
    const lo = c.valueOf(a!, scope)?.value;
    const hi = c.valueOf(b!, scope)?.value;
    if (!info || lo === undefined || hi === undefined) return false;
    const test = (v: unknown) => applyBinary(op, lo, v) && applyBinary(op, v, hi);
    const current = c.valueOf(x!, scope);
    if (current && test(current.value) === want) return true;
    const v = [...near(info, lo, c), ...near(info, hi, c)].find((y) => c.fits(info, y) && test(y) === want);
    return v !== undefined && c.assign(x!, v, scope);
  }
  const [left, right] = args;
  for (const [term, other, o] of [
    [left!, right!, op],
    [right!, left!, FLIP[op]!],
  ] as const) {
    const info = c.termInfo(term, scope);
    if (!info) continue;
    const lit = c.valueOf(other, scope)?.value;
    if (lit === undefined) continue;
    const current = c.valueOf(term, scope);
    if (current && applyBinary(o, current.value, lit) === want) return true;
    const v = near(info, lit, c).find((y) => c.fits(info, y) && applyBinary(o, y, lit) === want);
    if (v !== undefined && c.assign(term, v, scope)) return true;
  }
  return false;
}

/**
 * A comparison's boundary cases: its term (a number, count, sum or date compared with a literal) at the literal,
 * one step below and one step above (a step is the literal's last decimal, or a day). Equality with a text or a
 * yes/no has no line to be near.
 */
function compareBoundary(c: BoundaryContext): void {
  const args = c.args;
  const lines: { term: Rule; literal: Rule }[] = [];
  if (args.length === 3) lines.push({ term: args[1]!, literal: args[0]! }, { term: args[1]!, literal: args[2]! });
  else {
    const [a, b] = args;
    if (isOp(a) && !isOp(b)) lines.push({ term: a!, literal: b! });
    else if (isOp(b) && !isOp(a)) lines.push({ term: b!, literal: a! });
  }
  for (const line of lines) {
    const scope = c.probe();
    const info = scope && c.solver.termInfo(line.term, scope);
    const L = line.literal;
    if (!scope || !info) {
      c.skip(msg("bound.cannot_set", { term: JSON.stringify(line.term), literal: JSON.stringify(L) }));
      continue;
    }
    let values: ["at" | "below" | "above", unknown][];
    if ((info.kind === "integer" || info.kind === "number") && typeof L === "number") {
      const step = stepOf(L, info.kind === "integer");
      const at = info.kind === "integer" ? Math.ceil(L) : L;
      values = [
        ["below", tidy(at - step)],
        ["at", at],
        ["above", tidy(at + step)],
      ];
    } else if (info.kind === "date" && typeof L === "string" && /^\d{4}-\d{2}-\d{2}$/.test(L)) {
      values = [
        ["below", c.solver.addDays(L, -1)],
        ["at", L],
        ["above", c.solver.addDays(L, 1)],
      ];
    } else continue;
    const label = c.nameOf(line.term);
    for (const [side, v] of values) {
      const data = c.solver.fits(info, v) ? c.build((sc) => c.solver.assign(line.term, v, sc)) : undefined;
      if (!data) {
        c.skip(msg("bound.value", { label, value: String(v), why: c.solver.fits(info, v) ? "unset" : "range" }));
        continue;
      }
      const shown = typeof v === "number" ? c.num(v) : String(v);
      const lit = typeof L === "number" ? c.num(L) : String(L);
      c.record(`${c.criterion}: ${label} = ${shown} (${c.word(side)} ${lit})`, data);
    }
  }
}

/** One comparison's strategies. */
function compareKit(op: string): TestKit {
  return { force: (args, want, c, scope, self) => c.holds(self, scope, want) || forceCompare(op, args, want, c, scope), boundary: compareBoundary };
}

/** The comparison family's test kit. */
export const COMPARE_KIT: FamilyKit = {
  "==": /* @__PURE__ */ compareKit("=="),
  "===": /* @__PURE__ */ compareKit("==="),
  "!=": /* @__PURE__ */ compareKit("!="),
  "!==": /* @__PURE__ */ compareKit("!=="),
  ">": /* @__PURE__ */ compareKit(">"),
  ">=": /* @__PURE__ */ compareKit(">="),
  "<": /* @__PURE__ */ compareKit("<"),
  "<=": /* @__PURE__ */ compareKit("<="),
};
