/**
 * `var`: a literal dotted path into the unit (an input, a field of a record input, or a derived value), or
 * into the item of a list operator. Reads are typed by the declaration: an absent value takes the field's
 * default at read time (nothing is copied to fill it) or, without one, hands the unit back (`rd`).
 *
 * @module
 */
import type { InputSpec } from "../../schema/inputs.js";
import { lit } from "../literal.js";
import { BOOL, NUM, STR, refuse, type Context, type Emitter, type Expr, type ExprType } from "./types.js";

/** The type a declared input reads as, or a refusal for kinds the generator does not model. */
export function typeOfSpec(spec: InputSpec): ExprType {
  switch (spec.type) {
    case "boolean":
      return { kind: "bool" };
    case "integer":
    case "number":
      return NUM;
    case "string":
    case "date":
      return STR;
    case "title":
      if (spec.levels !== undefined) return { kind: "levels", levels: spec.levels };
      return { kind: "bool" };
    case "array":
      if (spec.items.type !== "object") return refuse("a list whose items are not records");
      return { kind: "list", item: spec.items };
    case "object":
      return { kind: "rec", spec };
    default:
      return refuse(`an input of type ${(spec as { type: string }).type}`);
  }
}

/** Reads field `name` of the record in `obj` (an expression), as declared by `spec`. */
export function readField(obj: string, name: string, spec: InputSpec): Expr {
  const type = typeOfSpec(spec);
  const at = `${obj}[${lit(name)}]`;
  const code = "default" in spec && spec.default !== undefined ? `dv(${at}, ${lit(spec.default)})` : `rd(${at})`;
  return { code, type };
}

function fieldsOf(t: ExprType, segment: string): InputSpec {
  if (t.kind !== "rec") return refuse(`a path through a value that is not a record (at ${JSON.stringify(segment)})`);
  const spec = t.spec.fields[segment];
  if (spec === undefined || !Object.hasOwn(t.spec.fields, segment)) return refuse(`an undeclared field ${JSON.stringify(segment)}`);
  return spec;
}

function pathOf(args: unknown): string {
  const a = Array.isArray(args) ? args : [args];
  if (a.length !== 1 || typeof a[0] !== "string" || a[0] === "") return refuse("a var that is not one non-empty literal path");
  return a[0];
}

/** `{"var": "a.b"}`. */
export const emitVar: Emitter = (args, ctx: Context) => {
  const parts = pathOf(args).split(".");
  const scope = ctx.scope;
  const first = parts[0]!;
  let e: Expr;
  if (scope.kind === "root") {
    const derived = scope.derived.get(first);
    if (derived !== undefined) {
      if (parts.length > 1) return refuse("a path into a derived value");
      return derived;
    }
    if (!Object.hasOwn(scope.inputs, first)) return refuse(`an undeclared input ${JSON.stringify(first)}`);
    e = readField("d", first, scope.inputs[first]!);
  } else e = readField(scope.name, first, fieldsOf({ kind: "rec", spec: scope.spec }, first));
  for (let i = 1; i < parts.length; i++) {
    if (e.type.kind === "levels") {
      if (i !== parts.length - 1) return refuse("a path through a level of a title");
      e = readLevel(e as Expr & { type: { kind: "levels" } }, parts[i]!, ctx);
      continue;
    }
    const spec = fieldsOf(e.type, parts[i]!);
    e = readField(e.code, parts[i]!, spec);
  }
  if (e.type.kind === "levels") return refuse("a title held at levels read whole");
  return e;
};

/**
 * Level `id` of a title held at levels, as the general evaluator reads it (`titleValue` in evaluate.ts): false
 * holds no level, a level id that level and every lower one; a record of levels (checked by the data check) is
 * read with the lower levels of one held filled in as held and the higher of one not held as not held. A level
 * still unknown hands the unit back.
 */
function readLevel(title: Expr & { type: { kind: "levels" } }, id: string, ctx: Context): Expr {
  const levels = title.type.levels;
  const k = levels.indexOf(id);
  if (k < 0) return refuse(`an undeclared level ${JSON.stringify(id)}`);
  const is = (ids: readonly string[]) => (ids.length === 0 ? "false" : ids.map((l) => `v === ${lit(l)}`).join(" || "));
  const f = ctx.fn(
    "v",
    `if (v === false) return false; if (typeof v === "string") { if (${is(levels.slice(k))}) return true; if (${is(levels.slice(0, k))}) return false; no(); } if (typeof v !== "object" || v === null) no(); return lvRec(${levelValues(levels)}, ${k});`,
  );
  return { code: `${f}(${title.code})`, type: BOOL };
}

/** The values of a levels record `v` in level order, own properties only (an array expression). */
export function levelValues(levels: readonly string[]): string {
  return `[${levels.map((l) => `OP.hasOwnProperty.call(v, ${lit(l)}) ? v[${lit(l)}] : undefined`).join(", ")}]`;
}

export const VAR_EMITTERS: Readonly<Record<string, Emitter>> = { var: emitVar };
