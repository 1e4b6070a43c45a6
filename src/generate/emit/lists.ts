/**
 * `some`, `all`, `none`, `filter`, `count` over a list of records, and `in`. Each list operator becomes a
 * function of the module with a plain loop; inside it, `var` reads the item's fields. `all` of an empty list
 * is false and `none` of one true, as in JsonLogic.
 *
 * @module
 */
import { lit } from "../literal.js";
import { argList, COUNT, refuse, truthy, type Context, type Emitter, type Expr } from "./types.js";

/** The list operand: a list of records. */
export function listOperand(e: Expr): Expr & { type: { kind: "list" } } {
  if (e.type.kind !== "list") return refuse("a list operator over a value that is not a list of records");
  return e as Expr & { type: { kind: "list" } };
}

/** The condition's truthiness for the item `it` of the list, in the item's scope. */
export function itemTest(list: Expr & { type: { kind: "list" } }, cond: unknown, ctx: Context): string {
  const spec = list.type.item;
  if (spec.type !== "object") return refuse("a list whose items are not records");
  return truthy(ctx.within({ kind: "item", name: "it", spec }).emit(cond as never));
}

function loop(body: string): string {
  return `for (let i = 0; i < l.length; i++) { const it = l[i]; ${body} }`;
}

const some: Emitter = (args, ctx) => {
  const [l, c] = argList(args);
  const list = listOperand(ctx.emit(l!));
  const f = ctx.fn("l", `${loop(`if (${itemTest(list, c, ctx)}) return true;`)} return false;`);
  return { code: `${f}(${list.code})`, type: { kind: "bool" } };
};

const none: Emitter = (args, ctx, op) => {
  const e = some(args, ctx, op);
  return { code: `!${e.code}`, type: { kind: "bool" } };
};

const all: Emitter = (args, ctx) => {
  const [l, c] = argList(args);
  const list = listOperand(ctx.emit(l!));
  const f = ctx.fn("l", `if (l.length === 0) return false; ${loop(`if (!${itemTest(list, c, ctx)}) return false;`)} return true;`);
  return { code: `${f}(${list.code})`, type: { kind: "bool" } };
};

const filter: Emitter = (args, ctx) => {
  const [l, c] = argList(args);
  const list = listOperand(ctx.emit(l!));
  const f = ctx.fn("l", `const out = []; ${loop(`if (${itemTest(list, c, ctx)}) out.push(it);`)} return out;`);
  return { code: `${f}(${list.code})`, type: list.type };
};

const count: Emitter = (args, ctx) => {
  const a = argList(args);
  const list = listOperand(ctx.emit(a[0]!));
  if (a.length === 1) return { code: `${list.code}.length`, type: COUNT };
  const f = ctx.fn("l", `let n = 0; ${loop(`if (${itemTest(list, a[1], ctx)}) n++;`)} return n;`);
  return { code: `${f}(${list.code})`, type: COUNT };
};

/** `in`: membership in a literal list (strict equality, as `indexOf`), or a substring of a text. */
const emitIn: Emitter = (args, ctx) => {
  const a = argList(args);
  if (a.length !== 2) return refuse("in without two operands");
  const x = ctx.emit(a[0]!);
  if (x.type.kind === "list" || x.type.kind === "rec" || x.type.kind === "any") return refuse("in of a list, a record or a value of unknown type");
  const within = a[1];
  if (Array.isArray(within)) {
    if (!within.every((v) => v === null || ["string", "number", "boolean"].includes(typeof v))) return refuse("in a list holding other than scalars");
    if (within.length === 0) return { code: `(${x.code}, false)`, type: { kind: "bool" } };
    const t = ctx.fresh("t");
    return { code: `((${t} = ${x.code}), ${within.map((v) => `${t} === ${lit(v)}`).join(" || ")})`, type: { kind: "bool" } };
  }
  const w = ctx.emit(within as never);
  if (w.type.kind !== "str") return refuse("in a value that is neither a literal list nor a text");
  return { code: `inText(${x.code}, ${w.code})`, type: { kind: "bool" } };
};

export const LIST_EMITTERS: Readonly<Record<string, Emitter>> = { some, all, none, filter, count, in: emitIn };
