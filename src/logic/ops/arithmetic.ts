/**
 * `+`, `-`, `*`, `/`, `%`, `min`, `max`, as json-logic-js computes them (`parseFloat` of each operand in `+` and
 * `*`), with one difference the format adds: a result that is not a finite number (a division by zero, a
 * remainder by zero) is an error, never a value ({@link checkFinite}; the reference wraps the operation in
 * `tc:finite`).
 *
 * @module
 */
import { problem } from "../../errors.js";
import type { Rule } from "../../schema/rule.js";
import { pf } from "../apply.js";
import { arithmetic as arithmeticBounds } from "../bounds.js";
import { checkFinite } from "../exact.js";
import { describeType, INTEGER, isNumeric, NUMBER } from "../types.js";
import { type Context, type Emitter, NUM, refuse } from "./emit.js";
import type { Compiled, Operator } from "./types.js";

const none: Compiled = () => undefined;

/** How each operator reads in a sentence (the same in every language). */
const SYMBOLS: Readonly<Record<string, string>> = { "+": "+", "*": "×", "/": "÷", "%": "mod" };

/** The unchecked closure of each operator (every operand evaluated, left to right, before any is converted). */
function unchecked(op: string, args: Rule[], value: (r: Rule) => Compiled): Compiled {
  const fs = args.map(value);
  const n = fs.length;
  const a = fs[0] ?? none;
  const b = fs[1] ?? none;
  // Operands past the second of `-`, `/` and `%` (a rule outside the format) are evaluated and dropped.
  const extra = fs.slice(2);
  const rest = (d: unknown, s: Parameters<Compiled>[1]): void => {
    for (let i = 0; i < extra.length; i++) extra[i]!(d, s);
  };
  const exact = extra.length === 0;
  switch (op) {
    case "+":
      // All operands are evaluated before the first is converted (a conversion can throw).
      if (n === 1) return (d, s) => 0 + pf(a(d, s));
      if (n === 2)
        return (d, s) => {
          const x = a(d, s);
          const y = b(d, s);
          return 0 + pf(x) + pf(y);
        };
      return (d, s) => {
        const v = new Array<unknown>(n);
        for (let i = 0; i < n; i++) v[i] = fs[i]!(d, s);
        let acc = 0;
        for (let i = 0; i < n; i++) acc = pf(acc) + pf(v[i]);
        return acc;
      };
    case "*":
      // Array.prototype.reduce without a start value: one operand is returned untouched, none is a TypeError.
      if (n === 0)
        return () => {
          throw new TypeError("Reduce of empty array with no initial value");
        };
      if (n === 1) return a;
      if (n === 2)
        return (d, s) => {
          const x = a(d, s);
          const y = b(d, s);
          return pf(x) * pf(y);
        };
      return (d, s) => {
        const v = new Array<unknown>(n);
        for (let i = 0; i < n; i++) v[i] = fs[i]!(d, s);
        let acc: unknown = v[0];
        for (let i = 1; i < n; i++) acc = pf(acc) * pf(v[i]);
        return acc;
      };
    case "-":
      return (d, s) => {
        const x = a(d, s) as number;
        const y = b(d, s) as number | undefined;
        if (!exact) rest(d, s);
        return y === undefined ? -x : x - y;
      };
    case "/":
    case "%":
      return (d, s) => {
        const x = a(d, s) as number;
        const y = b(d, s) as number;
        if (!exact) rest(d, s);
        return op === "/" ? x / y : x % y;
      };
    default: {
      const f = op === "min" ? Math.min : Math.max;
      if (n === 2)
        return (d, s) => {
          const x = a(d, s) as number;
          return f(x, b(d, s) as number);
        };
      return (d, s) => {
        const v = new Array<number>(n);
        for (let i = 0; i < n; i++) v[i] = fs[i]!(d, s) as number;
        return f(...v);
      };
    }
  }
}

/** The operator's meaning on known values, unchecked. */
function plain(op: string, args: readonly unknown[]): unknown {
  const [a, b] = args;
  switch (op) {
    case "+": {
      let acc = 0;
      for (const x of args) acc = pf(acc) + pf(x);
      return acc;
    }
    case "*": {
      if (args.length === 0) throw new TypeError("Reduce of empty array with no initial value");
      let acc: unknown = args[0];
      for (let i = 1; i < args.length; i++) acc = pf(acc) * pf(args[i]);
      return acc;
    }
    case "-":
      return b === undefined ? -(a as number) : (a as number) - (b as number);
    case "/":
      return (a as number) / (b as number);
    case "%":
      return (a as number) % (b as number);
    case "min":
      return Math.min(...(args as number[]));
    default:
      return Math.max(...(args as number[]));
  }
}

// ---------------------------------------------------------------------------------------------------------
// The generated form: numbers only (other operands are refused: JsonLogic converts them with `parseFloat`,
// which the generator does not model). Every result goes through `fin`, which hands the unit back when it is
// not finite (the general evaluator reports such a criterion as an error).

function nums(args: readonly Rule[], ctx: Context, op: string): string[] {
  return args.map((a) => {
    const e = ctx.emit(a);
    if (e.type.kind !== "num") return refuse(`${op} of a value that is not a number`);
    return e.code;
  });
}

/** Two operands exactly, for `/` and `%`. */
function two(args: readonly Rule[], ctx: Context, op: string): [string, string] {
  const xs = nums(args, ctx, op);
  if (xs.length !== 2) return refuse(`${op} without two operands`);
  return [xs[0]!, xs[1]!];
}

const EMITTERS: Readonly<Record<string, Emitter>> = {
  /** `+`: json-logic-js folds `parseFloat(a) + parseFloat(b)` from 0, which for numbers is `0 + a + b` (-0 becomes 0). */
  "+": (args, ctx, op) => ({ code: `fin(0 + ${nums(args, ctx, op).join(" + ")})`, type: NUM }),
  "-": (args, ctx, op) => {
    const xs = nums(args, ctx, op);
    return { code: xs.length === 1 ? `fin(-${xs[0]})` : `fin(${xs[0]} - ${xs[1]})`, type: NUM };
  },
  /** `*`: one operand is itself; more are folded through `parseFloat`, which turns -0 into 0 (`pf`). */
  "*": (args, ctx, op) => {
    const xs = nums(args, ctx, op);
    return { code: xs.length === 1 ? `fin(${xs[0]})` : `fin(${xs.map((x) => `pf(${x})`).join(" * ")})`, type: NUM };
  },
  "/": (args, ctx, op) => {
    const [x, y] = two(args, ctx, op);
    return { code: `fin(${x} / ${y})`, type: NUM };
  },
  "%": (args, ctx, op) => {
    const [x, y] = two(args, ctx, op);
    return { code: `fin(${x} % ${y})`, type: NUM };
  },
  min: (args, ctx, op) => ({ code: `fin(Math.min(${nums(args, ctx, op).join(", ")}))`, type: NUM }),
  max: (args, ctx, op) => ({ code: `fin(Math.max(${nums(args, ctx, op).join(", ")}))`, type: NUM }),
};

// ---------------------------------------------------------------------------------------------------------

function arithmeticOp(name: string, arity: readonly [number, number], summary: string): Operator {
  return {
    name,
    kind: "value",
    arity,
    origin: "jsonlogic",
    summary,
    arithmetic: true,
    compile(args, c) {
      const f = unchecked(name, args, (r) => c.value(r));
      // As the reference's tc:finite: Infinity or NaN from a calculation is an error, never a value.
      return (d, s) => checkFinite(f(d, s), name);
    },
    apply: (args) => checkFinite(plain(name, args), name),
    ownBounds: (args) => arithmeticBounds(name, args),
    type(c) {
      const types = c.types();
      // json-logic-js would turn a text or a yes/no into a number (or NaN) without a word.
      types.forEach((t, i) => {
        if (!isNumeric(t)) c.report(problem("problem.not_a_number", c.path(i), { op: name, type: describeType(t) }));
      });
      return name !== "/" && types.every((t) => t.kind === "integer") ? INTEGER : NUMBER;
    },
    describe(c) {
      const s = c.subs();
      switch (name) {
        case "+":
        case "*":
          return c.paren(s.join(` ${SYMBOLS[name]} `));
        case "-":
          return s.length === 1 ? `−${s[0]}` : c.paren(`${s[0]} − ${s[1]}`);
        case "/":
        case "%":
          return c.paren(`${s[0]} ${SYMBOLS[name]} ${s[1]}`);
        default:
          return `${name}(${s.join(", ")})`;
      }
    },
    reference: {},
    emit: EMITTERS[name],
  };
}

/** The arithmetic family. */
export const ARITHMETIC_FAMILY: readonly Operator[] = [
  arithmeticOp("+", [1, 64], "Sum."),
  arithmeticOp("-", [1, 2], "Difference, or negation."),
  arithmeticOp("*", [1, 64], "Product."),
  arithmeticOp("/", [2, 2], "Quotient."),
  arithmeticOp("%", [2, 2], "Remainder."),
  arithmeticOp("min", [1, 64], "Smallest argument."),
  arithmeticOp("max", [1, 64], "Largest argument."),
];
