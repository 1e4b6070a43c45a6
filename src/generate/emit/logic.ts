/**
 * `and`, `or`, `!`, `!!`, `if`: JsonLogic truthiness (`[]` is false), short-circuits kept (a later operand is
 * not read when an earlier one decides, as in the general evaluator).
 *
 * @module
 */
import { ANY, argList, truthy, type Emitter, type Expr, type ExprType } from "./types.js";

function sameType(types: readonly ExprType[]): ExprType {
  const first = types[0]!;
  for (const t of types) {
    if (t.kind !== first.kind) return ANY;
    if ((t.kind === "list" && first.kind === "list" && t.item !== first.item) || (t.kind === "rec" && first.kind === "rec" && t.spec !== first.spec))
      return ANY;
  }
  return first.kind === "num" ? { kind: "num" } : first;
}

/** `and` / `or`: booleans as `&&` / `||`; other values as JsonLogic gives them (the deciding operand itself). */
function junction(op: "&&" | "||"): Emitter {
  return (args, ctx) => {
    const xs = argList(args).map((a) => ctx.emit(a));
    if (xs.length === 1) return xs[0]!;
    if (xs.every((x) => x.type.kind === "bool")) return { code: `(${xs.map((x) => x.code).join(` ${op} `)})`, type: { kind: "bool" } };
    // The first operand that decides (falsy for and, truthy for or), else the last: through a temporary.
    const t = ctx.fresh("t");
    let code = xs[xs.length - 1]!.code;
    for (let i = xs.length - 2; i >= 0; i--) {
      const test = truthy({ code: t, type: xs[i]!.type });
      code = op === "&&" ? `((${t} = ${xs[i]!.code}), ${test} ? ${code} : ${t})` : `((${t} = ${xs[i]!.code}), ${test} ? ${t} : ${code})`;
    }
    return { code, type: sameType(xs.map((x) => x.type)) };
  };
}

const not: Emitter = (args, ctx) => ({ code: `!${truthy(ctx.emit(argList(args)[0]!))}`, type: { kind: "bool" } });
const notNot: Emitter = (args, ctx) => ({ code: truthy(ctx.emit(argList(args)[0]!)), type: { kind: "bool" } });

/** `if`: condition, value, [condition, value, ...], [else]; no else gives null. */
const emitIf: Emitter = (args, ctx) => {
  const a = argList(args);
  if (a.length === 0) return { code: "null", type: { kind: "null" } };
  if (a.length === 1) return ctx.emit(a[0]!);
  const branches: Expr[] = [];
  let code = "";
  let i = 0;
  for (; i + 1 < a.length; i += 2) {
    const cond = ctx.emit(a[i]!);
    const then = ctx.emit(a[i + 1]!);
    branches.push(then);
    code += `${truthy(cond)} ? ${then.code} : `;
  }
  const last: Expr = i < a.length ? ctx.emit(a[i]!) : { code: "null", type: { kind: "null" } };
  branches.push(last);
  return { code: `(${code}${last.code})`, type: sameType(branches.map((b) => b.type)) };
};

export const LOGIC_EMITTERS: Readonly<Record<string, Emitter>> = { and: junction("&&"), or: junction("||"), "!": not, "!!": notNot, if: emitIf };
