/**
 * Comparisons: `==`, `===`, `!=`, `!==` (loose and strict equality, as JavaScript gives them), `>`, `>=`, and `<`,
 * `<=` (with three arguments, "between"). The analysis refuses comparisons of values of different kinds, so
 * JavaScript's conversions never decide a verdict.
 *
 * @module
 */
import type { Rule } from "../../schema/rule.js";
import { applyBinary } from "../apply.js";
import { between, compare, equality } from "../bounds.js";
import { BOOLEAN } from "../types.js";
import { BOOL, type Emitter, type Expr, refuse } from "./emit.js";
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
  if (e.type.kind === "list" || e.type.kind === "rec" || e.type.kind === "any") return refuse("a comparison of a list, a record or a value of unknown type");
  return e.code;
}

function emitBinary(op: string): Emitter {
  return (args, ctx) => {
    if (args.length !== 2) return refuse(`${op} with ${args.length} operands`);
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
