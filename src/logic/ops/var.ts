/**
 * `var`: reads a declared input, a derived value or a record field by a literal dotted path, as json-logic-js
 * reads it (own properties only; absent is null) and recording what it read.
 *
 * The compiled form has a few ways to read, because a read is the commonest operation: one name, two names of
 * plain data unrolled, any path; and in a yes/no position, the read and the test in one closure. The helpers
 * {@link plainPath}, {@link readPlain} and {@link truthyRead} are shared with the families that inline a read
 * (`and` of fields, a count of items with a field set).
 *
 * @module
 */
import { EvaluationError } from "../../errors.js";
import { msg, type Message } from "../../i18n/index.js";
import { lit } from "../../json/literal.js";
import type { InputSpec } from "../../schema/inputs.js";
import type { Rule } from "../../schema/rule.js";
import { readBound, readOwn, specAt } from "../read-bounds.js";
import { isOperation, ruleParts, varArgsPath } from "../walk.js";
import { BOOL, type Context, type Emitter, type Expr, type ExprType, NUM, onePass, refuse, STR } from "./emit.js";
import type { FamilyKit } from "./kit.js";
import type { Compiled, CompiledTest, CompileOptions, Operator, ReferenceHooks } from "./types.js";

const hasOwn = Object.prototype.hasOwnProperty;

/** A rule that reads nothing and always gives the same value: an operation-free literal. */
export function isStatic(r: Rule): boolean {
  if (Array.isArray(r)) return r.every(isStatic);
  return !isOperation(r);
}

/** json-logic-js's value of a static rule (arrays are evaluated item by item, other values returned as they are). */
export function staticValue(r: Rule): unknown {
  return Array.isArray(r) ? r.map(staticValue) : r;
}

function fail(detail: Message): never {
  throw new EvaluationError(detail);
}

/** Whether reading `key` from a plain object or array could find an inherited value. */
function inheritable(key: string): boolean {
  return key in Object.prototype || key in Array.prototype;
}

/**
 * The name as the property key V8 keeps for it (its one internalised copy). A name cut out of a path is a new
 * string: reading a property by it, or comparing it with a key for...in gives, first has to find that copy.
 */
function propertyKey(name: string): string {
  return Object.keys({ [name]: 0 })[0]!;
}

/** `{"var": path}` with a literal path, as the json-logic-js path reads it (own properties only, traced). */
function compileVar(args: Rule[], options: CompileOptions): Compiled {
  if (!args.every(isStatic)) fail(msg("eval.compile_var"));
  const first = staticValue(args[0]!);
  const rel = first === undefined || first === null ? "" : String(first);
  if (rel === "") {
    return (d, s) => {
      if (d === null || d === undefined || s.full) s.read(d, rel, d);
      return d;
    };
  }
  const keys = rel.split(".").map(propertyKey);
  const plain = options.plainData === true && !keys.some(inheritable);
  if (keys.length === 1) {
    const k = keys[0]!;
    return (d, s) => {
      let v: unknown = null;
      if (typeof d === "object" && d !== null && (plain || hasOwn.call(d, k))) {
        v = (d as Record<string, unknown>)[k];
        if (v === undefined) v = null;
      }
      if (v === null || s.full) s.read(d, rel, v);
      return v;
    };
  }
  if (keys.length === 2 && plain) {
    // A field of a record inside the data, e.g. `nangLucCongDanHocTap.tuanThuPhapLuat`: the loop below, unrolled.
    const [k0, k1] = keys as [string, string];
    return (d, s) => {
      let v: unknown = null;
      if (typeof d === "object" && d !== null) {
        const a = (d as Record<string, unknown>)[k0];
        if (typeof a === "object" && a !== null) {
          v = (a as Record<string, unknown>)[k1];
          if (v === undefined) v = null;
        }
      }
      if (v === null || s.full) s.read(d, rel, v);
      return v;
    };
  }
  return (d, s) => {
    let v: unknown = d;
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!;
      if (typeof v !== "object" || v === null || (!plain && !hasOwn.call(v, k))) {
        v = null;
        break;
      }
      v = (v as Record<string, unknown>)[k];
      if (v === undefined) {
        v = null;
        break;
      }
    }
    if (v === null || s.full) s.read(d, rel, v);
    return v;
  };
}

/** A plain-data path of one or two names: `[first, second or undefined, the path as written]`. */
export type PlainPath = readonly [string, string | undefined, string];

/**
 * When `r` is `{"var": path}` with a literal path of one or two names that plain data lets us read without an
 * own-property check, that path; else undefined.
 */
export function plainPath(r: Rule, options: CompileOptions): PlainPath | undefined {
  if (options.plainData !== true) return undefined;
  const p = ruleParts(r);
  if (p === undefined || p.op !== "var") return undefined;
  return plainArgsPath(p.args, options);
}

/** {@link plainPath} of `var`'s arguments. */
function plainArgsPath(va: readonly Rule[], options: CompileOptions): PlainPath | undefined {
  if (options.plainData !== true) return undefined;
  if (va.length !== 1 || typeof va[0] !== "string" || va[0] === "") return undefined;
  const keys = va[0].split(".").map(propertyKey);
  if (keys.length > 2 || keys.some(inheritable)) return undefined;
  return [keys[0]!, keys[1], va[0]];
}

/** The value at a plain path of `d`, or null: the compiled `var`'s read, for closures that inline it. */
export function readPlain(d: unknown, k0: string, k1: string | undefined): unknown {
  if (typeof d !== "object" || d === null) return null;
  let v = (d as Record<string, unknown>)[k0];
  if (k1 !== undefined) v = typeof v === "object" && v !== null ? (v as Record<string, unknown>)[k1] : null;
  return v === undefined ? null : v;
}

/** JsonLogic truthiness of a value read by `var` (never undefined). */
export function truthyRead(v: unknown): boolean {
  if (v === null) return false;
  if (typeof v === "object") return !Array.isArray(v) || v.length > 0;
  return !!v;
}

/**
 * `{"var": path}` in a yes/no position. A plain path of one or two names is read and tested in one closure
 * (a variable is the commonest condition, and a call per read costs more than the read).
 */
function compileVarTest(args: Rule[], options: CompileOptions): CompiledTest {
  const path = plainArgsPath(args, options);
  if (path === undefined) {
    const f = compileVar(args, options);
    return (d, s) => truthyRead(f(d, s));
  }
  const [k0, k1, rel] = path;
  if (k1 === undefined)
    return (d, s) => {
      let v: unknown = null;
      if (typeof d === "object" && d !== null) {
        v = (d as Record<string, unknown>)[k0];
        if (v === undefined) v = null;
      }
      if (v === null || s.full) s.read(d, rel, v);
      return truthyRead(v);
    };
  return (d, s) => {
    const v = readPlain(d, k0, k1);
    if (v === null || s.full) s.read(d, rel, v);
    return truthyRead(v);
  };
}

/** json-logic-js's `var` lookup, reading own properties only, and recording what it read. */
function referenceVar(hooks: ReferenceHooks) {
  return function tcVar(this: unknown, path: unknown): unknown {
    const rel = path === undefined || path === null ? "" : String(path);
    const data = rel === "" ? this : readOwn(this, rel.split("."));
    hooks.read(this, rel, data);
    return data;
  };
}

// ---------------------------------------------------------------------------------------------------------
// The generated form: a literal dotted path into the unit (an input, a field of a record input, or a derived
// value), or into the item of a list operator. Reads are typed by the declaration: an absent value takes the
// field's default at read time (nothing is copied to fill it) or, without one, hands the unit back (`rd`).

/** The type a declared input reads as in generated code, or a refusal for kinds the generator does not model. */
function typeOfSpec(spec: InputSpec): ExprType {
  switch (spec.type) {
    case "boolean":
      return BOOL;
    case "integer":
    case "number":
      return NUM;
    case "string":
    case "date":
      return STR;
    case "title":
      if (spec.levels !== undefined) return { kind: "levels", levels: spec.levels };
      return BOOL;
    case "array":
      if (spec.items.type !== "object") return refuse("gen.items_not_records");
      return { kind: "list", item: spec.items };
    case "object":
      return { kind: "rec", spec };
    default:
      return refuse("gen.input_type", { type: (spec as { type: string }).type });
  }
}

/** Reads field `name` of the record in `obj` (an expression), as declared by `spec`. */
function readField(obj: string, name: string, spec: InputSpec): Expr {
  const type = typeOfSpec(spec);
  const at = `${obj}[${lit(name)}]`;
  const code = "default" in spec && spec.default !== undefined ? `dv(${at}, ${lit(spec.default)})` : `rd(${at})`;
  return { code, type };
}

function fieldsOf(t: ExprType, segment: string): InputSpec {
  if (t.kind !== "rec") return refuse("gen.path", { why: "not-record", name: segment });
  const spec = t.spec.fields[segment];
  if (spec === undefined || !Object.hasOwn(t.spec.fields, segment)) return refuse("gen.path", { why: "undeclared-field", name: segment });
  return spec;
}

/** `{"var": "a.b"}`. */
const emitVar: Emitter = (args, ctx) => {
  const path = args[0];
  if (args.length !== 1 || typeof path !== "string" || path === "") return refuse("gen.path", { why: "not-literal" });
  const parts = path.split(".");
  const scope = ctx.scope;
  const first = parts[0]!;
  let e: Expr;
  if (scope.kind === "root") {
    const derived = scope.derived.get(first);
    if (derived !== undefined) {
      if (parts.length > 1) return refuse("gen.path", { why: "into-derived" });
      // A derived value of null is read as absent (the general evaluator reports it missing): hand the unit back.
      if (derived.type.kind === "null" || derived.type.kind === "any") return { code: `rd(${derived.code})`, type: derived.type };
      return derived;
    }
    if (!Object.hasOwn(scope.inputs, first)) return refuse("gen.path", { why: "undeclared-input", name: first });
    const spec = scope.inputs[first]!;
    e = readField("d", first, spec);
    if (parts.length === 1 && onePass(spec)) e = { ...e, input: first };
  } else e = readField(scope.name, first, fieldsOf({ kind: "rec", spec: scope.spec }, first));
  for (let i = 1; i < parts.length; i++) {
    if (e.type.kind === "levels") {
      if (i !== parts.length - 1) return refuse("gen.path", { why: "through-level" });
      e = readLevel(e as Expr & { type: { kind: "levels" } }, parts[i]!, ctx);
      continue;
    }
    const spec = fieldsOf(e.type, parts[i]!);
    e = readField(e.code, parts[i]!, spec);
  }
  if (e.type.kind === "levels") return refuse("gen.levels_whole");
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
  if (k < 0) return refuse("gen.path", { why: "undeclared-level", name: id });
  const is = (ids: readonly string[]) => (ids.length === 0 ? "false" : ids.map((l) => `v === ${lit(l)}`).join(" || "));
  const f = ctx.fn(
    "v",
    `if (v === false) return false; if (typeof v === "string") { if (${is(levels.slice(k))}) return true; if (${is(levels.slice(0, k))}) return false; no(); } if (typeof v !== "object" || v === null) no(); return lvRec(${levelValues(levels)}, ${k});`,
  );
  return { code: `${f}(${title.code})`, type: BOOL };
}

/** The values of a levels record `v` in level order, own properties only (an array expression; the data check uses it too). */
export function levelValues(levels: readonly string[]): string {
  return `[${levels.map((l) => `OP.hasOwnProperty.call(v, ${lit(l)}) ? v[${lit(l)}] : undefined`).join(", ")}]`;
}

// ---------------------------------------------------------------------------------------------------------

const variable: Operator = {
  name: "var",
  kind: "value",
  arity: [1, 1],
  origin: "jsonlogic",
  summary: "Reads a declared input, derived value or record field by a literal dotted path.",
  compile: (args, c) => compileVar(args, c.options),
  test: (args, c) => compileVarTest(args, c.options),
  type: (c) => c.variable(),
  describe(c) {
    const path = c.args[0];
    const label = c.label(typeof path === "string" ? path : String(path));
    // A bare variable as a whole rule is a yes/no question.
    return c.depth === 0 ? c.say(msg("word.rule_yes", { label })) : label;
  },
  bounds(args, c) {
    const rel = args[0] === null || args[0] === undefined ? "" : String(args[0]);
    const keys = rel === "" ? [] : rel.split(".");
    const spec = specAt(c.scope, rel);
    return (d, env) => readBound(d, keys, rel, spec, env);
  },
  reference: {
    // json-logic-js's own `var` reads inherited properties and records nothing: `tc:var` reads as the format does.
    expand: (args, listed) => ({ "tc:var": listed ? args : args[0]! }),
    keepArgs: true,
    operations: (hooks) => ({ var: referenceVar(hooks) }),
  },
  emit: emitVar,
};

/** The `var` family. */
export const VAR_FAMILY: readonly Operator[] = [variable];

/**
 * The `var` family's test kit: a variable is an input (or a derived value), which the solver edits by its declared
 * type (a yes/no, a number in its range, a text of its set, a list of items).
 */
export const VAR_KIT: FamilyKit = {
  var: {
    force(args, want, c, scope, self) {
      const path = varArgsPath(args);
      return path !== undefined && c.forceInput(path, want, scope, self);
    },
    term(args, c, scope) {
      const path = varArgsPath(args);
      return path === undefined ? undefined : c.inputTerm(path, scope);
    },
    assign(args, value, c, scope) {
      const path = varArgsPath(args);
      return path !== undefined && c.setInput(path, value, scope);
    },
    list(args, c, scope) {
      const path = varArgsPath(args);
      return path === undefined ? undefined : c.inputList(path, scope);
    },
  },
};
