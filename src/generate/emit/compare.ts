/**
 * `==`, `===`, `!=`, `!==`, `<`, `<=`, `>`, `>=`: on the scalar values generated code meets, JsonLogic's
 * comparisons are JavaScript's operators (json-logic-js applies them as they are). Lists and records are
 * refused (their comparisons depend on conversions the generator does not model). `<` and `<=` with three
 * operands evaluate all three first, then compare.
 *
 * @module
 */
import { argList, refuse, type Emitter, type Expr } from "./types.js";

function scalar(e: Expr): string {
  if (e.type.kind === "list" || e.type.kind === "rec" || e.type.kind === "any") return refuse("a comparison of a list, a record or a value of unknown type");
  return e.code;
}

function binary(op: string): Emitter {
  return (args, ctx) => {
    const a = argList(args);
    if (a.length !== 2) return refuse(`${op} with ${a.length} operands`);
    return { code: `(${scalar(ctx.emit(a[0]!))} ${op} ${scalar(ctx.emit(a[1]!))})`, type: { kind: "bool" } };
  };
}

function between(op: "<" | "<="): Emitter {
  const two = binary(op);
  return (args, ctx) => {
    const a = argList(args);
    if (a.length !== 3) return two(args, ctx, op);
    const [x, y, z] = a.map((r) => scalar(ctx.emit(r)));
    return { code: `${op === "<" ? "lt3" : "le3"}(${x}, ${y}, ${z})`, type: { kind: "bool" } };
  };
}

export const COMPARE_EMITTERS: Readonly<Record<string, Emitter>> = {
  "==": binary("=="),
  "===": binary("==="),
  "!=": binary("!="),
  "!==": binary("!=="),
  ">": binary(">"),
  ">=": binary(">="),
  "<": between("<"),
  "<=": between("<="),
};
