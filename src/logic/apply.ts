/**
 * The two-valued meaning of JsonLogic's value operators on known values, as json-logic-js 2.0.5 gives it (loose
 * `==`, `[]` is false, `parseFloat` in `+` and `*`, `<` with three arguments), arithmetic checked with
 * {@link checkFinite} and ratios compared exactly. The compiled closures apply these helpers; three-valued
 * evaluation applies {@link applyOperator} to every operation whose arguments are known.
 *
 * @module
 */
import { EvaluationError } from "../errors.js";
import { msg } from "../i18n/index.js";
import { checkFinite, compareRatio } from "./exact.js";

/** JsonLogic truthiness: `[]` is false. */
export function truthy(v: unknown): boolean {
  if (Array.isArray(v) && v.length === 0) return false;
  return !!v;
}

/**
 * `parseFloat` as json-logic-js applies it to each operand of `+` and `*`. For a number it only turns -0
 * into 0 (`parseFloat(String(-0))`), which is worth knowing: `(-1 * 0) * -5` is -0 in JavaScript but 0 here.
 */
export function pf(v: unknown): number {
  if (typeof v === "number") return v === 0 ? 0 : v;
  return parseFloat(v as string);
}

/** A comparison of two known values. */
export function applyBinary(op: string, x: unknown, y: unknown): boolean {
  /* eslint-disable eqeqeq */
  switch (op) {
    case "==":
      return x == y;
    case "===":
      return x === y;
    case "!=":
      return x != y;
    case "!==":
      return x !== y;
    case ">":
      return (x as number) > (y as number);
    case ">=":
      return (x as number) >= (y as number);
    case "<":
      return (x as number) < (y as number);
    default:
      return (x as number) <= (y as number);
  }
}

/**
 * A value operator applied to known argument values, as the compiled closures above apply it (json-logic-js's
 * meaning, arithmetic checked with {@link checkFinite}, ratios compared exactly). Three-valued evaluation uses it
 * for every operation whose arguments are known. Throws what the closures throw.
 */
export function applyOperator(op: string, args: readonly unknown[]): unknown {
  const [a, b, c] = args;
  switch (op) {
    case "==":
    case "===":
    case "!=":
    case "!==":
    case ">":
    case ">=":
      return applyBinary(op, a, b);
    case "<":
    case "<=":
      if (c === undefined) return applyBinary(op, a, b);
      return op === "<" ? (a as number) < (b as number) && (b as number) < (c as number) : (a as number) <= (b as number) && (b as number) <= (c as number);
    case "!":
      return !truthy(a);
    case "!!":
      return truthy(a);
    case "+": {
      let acc = 0;
      for (const x of args) acc = pf(acc) + pf(x);
      return checkFinite(acc, op);
    }
    case "*": {
      if (args.length === 0) throw new TypeError("Reduce of empty array with no initial value");
      let acc: unknown = args[0];
      for (let i = 1; i < args.length; i++) acc = pf(acc) * pf(args[i]);
      return checkFinite(acc, op);
    }
    case "-":
      return checkFinite(b === undefined ? -(a as number) : (a as number) - (b as number), op);
    case "/":
      return checkFinite((a as number) / (b as number), op);
    case "%":
      return checkFinite((a as number) % (b as number), op);
    case "min":
      return checkFinite(Math.min(...(args as number[])), op);
    case "max":
      return checkFinite(Math.max(...(args as number[])), op);
    case "in":
      if (!b || typeof (b as { indexOf?: unknown }).indexOf === "undefined") return false;
      return (b as { indexOf(v: unknown): number }).indexOf(a) !== -1;
    case "ratioAtLeast":
    case "ratioAtMost":
      return compareRatio(op === "ratioAtLeast" ? "atLeast" : "atMost", a, b, c)?.met ?? null;
  }
  throw new EvaluationError(msg("eval.compile_op", { op }));
}
