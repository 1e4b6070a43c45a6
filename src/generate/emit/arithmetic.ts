/**
 * `+`, `-`, `*`, `/`, `%`, `min`, `max` on numbers only (other operands are refused: JsonLogic converts them
 * with `parseFloat`, which the generator does not model). Every result goes through `fin`, which hands the
 * unit back when it is not finite (the general evaluator reports such a criterion as an error).
 *
 * @module
 */
import { argList, NUM, refuse, type Emitter, type Expr } from "./types.js";

function nums(args: unknown, ctx: Parameters<Emitter>[1], op: string): string[] {
  return argList(args).map((a) => {
    const e: Expr = ctx.emit(a);
    if (e.type.kind !== "num") return refuse(`${op} of a value that is not a number`);
    return e.code;
  });
}

/** `+`: json-logic-js folds `parseFloat(a) + parseFloat(b)` from 0, which for numbers is `0 + a + b` (-0 becomes 0). */
const plus: Emitter = (args, ctx) => ({ code: `fin(0 + ${nums(args, ctx, "+").join(" + ")})`, type: NUM });
const minus: Emitter = (args, ctx) => {
  const xs = nums(args, ctx, "-");
  return { code: xs.length === 1 ? `fin(-${xs[0]})` : `fin(${xs[0]} - ${xs[1]})`, type: NUM };
};
/** `*`: one operand is itself; more are folded through `parseFloat`, which turns -0 into 0 (`pf`). */
const times: Emitter = (args, ctx) => {
  const xs = nums(args, ctx, "*");
  return { code: xs.length === 1 ? `fin(${xs[0]})` : `fin(${xs.map((x) => `pf(${x})`).join(" * ")})`, type: NUM };
};
const divide: Emitter = (args, ctx) => {
  const xs = nums(args, ctx, "/");
  if (xs.length !== 2) return refuse("/ without two operands");
  return { code: `fin(${xs[0]} / ${xs[1]})`, type: NUM };
};
const modulo: Emitter = (args, ctx) => {
  const xs = nums(args, ctx, "%");
  if (xs.length !== 2) return refuse("% without two operands");
  return { code: `fin(${xs[0]} % ${xs[1]})`, type: NUM };
};
const extreme =
  (fn: "min" | "max"): Emitter =>
  (args, ctx) => ({ code: `fin(Math.${fn}(${nums(args, ctx, fn).join(", ")}))`, type: NUM });

export const ARITHMETIC_EMITTERS: Readonly<Record<string, Emitter>> = {
  "+": plus,
  "-": minus,
  "*": times,
  "/": divide,
  "%": modulo,
  min: extreme("min"),
  max: extreme("max"),
};
