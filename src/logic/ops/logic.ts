/**
 * `and`, `or`, `if` (lazy: they evaluate their arguments themselves, left to right, and stop as json-logic-js
 * stops) and `!`, `!!` (JsonLogic truthiness: `[]` is false).
 *
 * @module
 */
import { msg } from "../../i18n/index.js";
import type { Rule } from "../../schema/rule.js";
import { truthy } from "../apply.js";
import { andOr, ifThen, not } from "../bounds.js";
import { BOOLEAN, sameKind, type ValueType } from "../types.js";
import { ANY, BOOL, type Emitter, type Expr, type ExprType, truthyCode } from "./emit.js";
import { plainPath, truthyRead, type PlainPath } from "./var.js";
import type { FamilyKit, Scope, SolveContext } from "./kit.js";
import type { BoundsFn, Compiled, CompileContext, CompiledTest, Operator, Sink } from "./types.js";

/** When every argument is a variable with a plain path of one or two names, those paths; else undefined. */
function plainFields(args: Rule[], c: CompileContext): PlainPath[] | undefined {
  if (args.length < 2) return undefined;
  const out: PlainPath[] = [];
  for (const a of args) {
    const p = plainPath(a, c.options);
    if (p === undefined) return undefined;
    out.push(p);
  }
  return out;
}

/**
 * `{"and": [{"var": "a"}, {"var": "b.c"}, ...]}` in a yes/no position, in one closure: the same reads in the
 * same order, stopping at the first false value, without a call per variable. Consecutive fields of one
 * record (`b.c`, `b.d`, ...) read the record once: plain data gives the same value each time.
 */
function allFieldsTrue(fields: readonly PlainPath[]): CompiledTest {
  const n = fields.length;
  const first = fields.map((f) => f[0]);
  const second = fields.map((f) => f[1]);
  const rels = fields.map((f) => f[2]);
  // sameRecord[i]: field i reads a field of the record field i - 1 read.
  const sameRecord = fields.map((f, i) => i > 0 && f[1] !== undefined && fields[i - 1]![1] !== undefined && fields[i - 1]![0] === f[0]);
  /** The reads from field `from` on; `outer` is the record field `from - 1` read. */
  const readFrom = (d: unknown, s: Sink, from: number, outer: unknown): boolean => {
    const record = typeof d === "object" && d !== null ? (d as Record<string, unknown>) : undefined;
    for (let i = from; i < n; i++) {
      let v: unknown = null;
      if (record !== undefined) {
        const k1 = second[i];
        if (k1 === undefined) v = record[first[i]!];
        else {
          if (!sameRecord[i]) outer = record[first[i]!];
          v = typeof outer === "object" && outer !== null ? (outer as Record<string, unknown>)[k1] : null;
        }
        if (v === undefined) v = null;
      }
      if (v === null || s.full) s.read(d, rels[i]!, v);
      if (!truthyRead(v)) return false;
    }
    return true;
  };
  if (n < 2 || second[0] === undefined || !sameRecord.every((same, i) => i === 0 || same)) return (d, s) => readFrom(d, s, 0, null);
  // Every field is one record's (`b.c`, `b.d`, ...). When that record lists them first and in the same order,
  // as JSON written from the declared inputs does, they are read off its keys: V8 reads a key for...in gives
  // faster than a name it cannot foresee. Values found are not recorded without a full trace, so reading
  // them this way is the same; anything else is read as above, from the first field not yet read.
  const k0 = first[0]!;
  const keys = second as readonly string[];
  return (d, s) => {
    if (s.full || typeof d !== "object" || d === null) return readFrom(d, s, 0, null);
    const outer = (d as Record<string, unknown>)[k0];
    if (typeof outer !== "object" || outer === null) return readFrom(d, s, 0, null);
    let i = 0;
    for (const k in outer) {
      if (k !== keys[i]) break;
      const v = (outer as Record<string, unknown>)[k];
      if (v === undefined || v === null) break;
      if (!truthyRead(v)) return false;
      if (++i === n) return true;
    }
    return i === 0 ? readFrom(d, s, 0, null) : readFrom(d, s, i, outer);
  };
}

/** `and` (isAnd) or `or` for its value: the first argument that decides, or the last. */
function compileAndOr(args: Rule[], c: CompileContext, isAnd: boolean): Compiled {
  const parts = args.map((a) => c.value(a));
  return (d, s) => {
    let current: unknown;
    for (let i = 0; i < parts.length; i++) {
      current = parts[i]!(d, s);
      if (truthy(current) !== isAnd) return current;
    }
    return current;
  };
}

function testAnd(args: Rule[], c: CompileContext): CompiledTest {
  if (args.length === 0) return () => false;
  const fields = plainFields(args, c);
  if (fields) return allFieldsTrue(fields);
  const parts = args.map((a) => c.test(a));
  if (parts.length === 2) {
    const [a, b] = parts as [CompiledTest, CompiledTest];
    return (d, s) => a(d, s) && b(d, s);
  }
  return (d, s) => {
    for (let i = 0; i < parts.length; i++) if (!parts[i]!(d, s)) return false;
    return true;
  };
}

function testOr(args: Rule[], c: CompileContext): CompiledTest {
  if (args.length === 0) return () => false;
  const parts = args.map((a) => c.test(a));
  if (parts.length === 2) {
    const [a, b] = parts as [CompiledTest, CompiledTest];
    return (d, s) => a(d, s) || b(d, s);
  }
  return (d, s) => {
    for (let i = 0; i < parts.length; i++) if (parts[i]!(d, s)) return true;
    return false;
  };
}

/** `if`'s conditions, branches and last branch (the else), each compiled for a yes/no position or for its value. */
function ifParts<T extends Compiled | CompiledTest>(args: Rule[], c: CompileContext, asTest: boolean) {
  const conds: CompiledTest[] = [];
  const thens: T[] = [];
  let i = 0;
  for (; i < args.length - 1; i += 2) {
    conds.push(c.test(args[i]!));
    thens.push((asTest ? c.test(args[i + 1]!) : c.value(args[i + 1]!)) as T);
  }
  const last = args.length === i + 1 ? ((asTest ? c.test(args[i]!) : c.value(args[i]!)) as T) : undefined;
  return { conds, thens, last };
}

/** `and` and `or` of yes/no values are yes/no; otherwise one of their arguments. */
function typeAndOr(types: ValueType[]): ValueType {
  return types.every((t) => t.kind === "boolean") ? BOOLEAN : sameKind(types);
}

function boundsAndOr(args: Rule[], compile: (r: Rule) => BoundsFn, isAnd: boolean): BoundsFn {
  const parts = args.map((a) => compile(a));
  return (d, env) =>
    andOr(
      isAnd,
      parts.map((p) => () => p(d, env)),
    );
}

// ---------------------------------------------------------------------------------------------------------
// The generated form: JsonLogic truthiness (`[]` is false), short-circuits kept (a later operand is not read
// when an earlier one decides, as in the general evaluator).

function sameExprType(types: readonly ExprType[]): ExprType {
  const first = types[0]!;
  for (const t of types) {
    if (t.kind !== first.kind) return ANY;
    if ((t.kind === "list" && first.kind === "list" && t.item !== first.item) || (t.kind === "rec" && first.kind === "rec" && t.spec !== first.spec))
      return ANY;
  }
  return first.kind === "num" ? { kind: "num" } : first;
}

/** `and` / `or`: booleans as `&&` / `||`; other values as JsonLogic gives them (the deciding operand itself). */
function emitJunction(op: "&&" | "||"): Emitter {
  return (args, ctx) => {
    const xs = args.map((a) => ctx.emit(a));
    if (xs.length === 1) return xs[0]!;
    if (xs.every((x) => x.type.kind === "bool")) return { code: `(${xs.map((x) => x.code).join(` ${op} `)})`, type: BOOL };
    // The first operand that decides (falsy for and, truthy for or), else the last: through a temporary.
    const t = ctx.fresh("t");
    let code = xs[xs.length - 1]!.code;
    for (let i = xs.length - 2; i >= 0; i--) {
      const test = truthyCode({ code: t, type: xs[i]!.type });
      code = op === "&&" ? `((${t} = ${xs[i]!.code}), ${test} ? ${code} : ${t})` : `((${t} = ${xs[i]!.code}), ${test} ? ${t} : ${code})`;
    }
    return { code, type: sameExprType(xs.map((x) => x.type)) };
  };
}

/** `if`: condition, value, [condition, value, ...], [else]; no else gives null. */
const emitIf: Emitter = (args, ctx) => {
  if (args.length === 0) return { code: "null", type: { kind: "null" } };
  if (args.length === 1) return ctx.emit(args[0]!);
  const branches: Expr[] = [];
  let code = "";
  let i = 0;
  for (; i + 1 < args.length; i += 2) {
    const cond = ctx.emit(args[i]!);
    const then = ctx.emit(args[i + 1]!);
    branches.push(then);
    code += `${truthyCode(cond)} ? ${then.code} : `;
  }
  const last: Expr = i < args.length ? ctx.emit(args[i]!) : { code: "null", type: { kind: "null" } };
  branches.push(last);
  return { code: `(${code}${last.code})`, type: sameExprType(branches.map((b) => b.type)) };
};

// ---------------------------------------------------------------------------------------------------------

/**
 * `!` and `!!`. With one argument the compiled form is its test (negated for `!`); otherwise (a rule outside the
 * format, for the differential tests) every argument is evaluated and the first one's truthiness taken.
 */
function notOp(name: "!" | "!!", summary: string): Operator {
  const negate = name === "!";
  return {
    name,
    kind: "value",
    arity: [1, 1],
    origin: "jsonlogic",
    summary,
    compile(args, c) {
      if (args.length === 1) {
        const t = c.test(args[0]!);
        return negate ? (d, s) => !t(d, s) : t;
      }
      const fs = args.map((a) => c.value(a));
      const a: Compiled = fs[0] ?? (() => undefined);
      const extra = fs.slice(1);
      return (d, s) => {
        const x = a(d, s);
        for (let i = 0; i < extra.length; i++) extra[i]!(d, s);
        return negate ? !truthy(x) : truthy(x);
      };
    },
    test(args, c) {
      if (args.length !== 1) return undefined;
      const a = c.test(args[0]!);
      return negate ? (d, s) => !a(d, s) : a;
    },
    apply: ([a]) => (negate ? !truthy(a) : truthy(a)),
    ownBounds: ([a]) => not(a, negate),
    type(c) {
      c.types();
      return BOOLEAN;
    },
    describe: (c) => (negate ? c.say(msg("word.rule_not", { value: c.sub(0) })) : c.sub(0)),
    reference: {},
    emit: (args, ctx) => {
      const test = truthyCode(ctx.emit(args[0]!));
      return { code: negate ? `!${test}` : test, type: BOOL };
    },
  };
}

const and: Operator = {
  name: "and",
  kind: "lazy",
  arity: [1, 64],
  origin: "jsonlogic",
  summary: "First falsy argument, or the last one.",
  compile: (args, c) => compileAndOr(args, c, true),
  test: testAnd,
  bounds: (args, c) => boundsAndOr(args, (r) => c.compile(r), true),
  type: (c) => typeAndOr(c.types()),
  describe: (c) => c.paren(c.subs().join(c.say(msg("word.rule_and")))),
  reference: {},
  emit: emitJunction("&&"),
};

const or: Operator = {
  name: "or",
  kind: "lazy",
  arity: [1, 64],
  origin: "jsonlogic",
  summary: "First truthy argument, or the last one.",
  compile: (args, c) => compileAndOr(args, c, false),
  test: testOr,
  bounds: (args, c) => boundsAndOr(args, (r) => c.compile(r), false),
  type: (c) => typeAndOr(c.types()),
  describe: (c) => c.paren(c.subs().join(c.say(msg("word.rule_or")))),
  reference: {},
  emit: emitJunction("||"),
};

const ifOp: Operator = {
  name: "if",
  kind: "lazy",
  arity: [1, 63],
  origin: "jsonlogic",
  summary: "if / then / else-if / ... / else.",
  compile(args, c) {
    const { conds, thens, last } = ifParts<Compiled>(args, c, false);
    return (d, s) => {
      for (let i = 0; i < conds.length; i++) if (conds[i]!(d, s)) return thens[i]!(d, s);
      return last ? last(d, s) : null;
    };
  },
  test(args, c) {
    const { conds, thens, last } = ifParts<CompiledTest>(args, c, true);
    return (d, s) => {
      for (let i = 0; i < conds.length; i++) if (conds[i]!(d, s)) return thens[i]!(d, s);
      return last ? last(d, s) : false;
    };
  },
  bounds(args, c) {
    const conds: BoundsFn[] = [];
    const thens: BoundsFn[] = [];
    let i = 0;
    for (; i < args.length - 1; i += 2) {
      conds.push(c.compile(args[i]!));
      thens.push(c.compile(args[i + 1]!));
    }
    const last = args.length === i + 1 ? c.compile(args[i]!) : null;
    return (d, env) =>
      ifThen(
        conds.map((f) => () => f(d, env)),
        thens.map((t) => () => t(d, env)),
        last ? () => last(d, env) : null,
      );
  },
  type(c) {
    // Its value is one of its branches (the `then`s and the `else`).
    const types = c.types();
    return sameKind(types.filter((_, i) => i % 2 === 1 || i === types.length - 1));
  },
  describe(c) {
    const n = c.args.length;
    const parts: string[] = [];
    for (let i = 0; i + 1 < n; i += 2) parts.push(c.say(msg("word.rule_if", { cond: c.sub(i), then: c.sub(i + 1) })));
    if (n % 2 === 1) parts.push(c.say(msg("word.rule_else", { value: c.sub(n - 1) })));
    return c.paren(parts.join(", "));
  },
  reference: {},
  emit: emitIf,
};

/** The logic family. */
export const LOGIC_FAMILY: readonly Operator[] = [
  and,
  or,
  ifOp,
  notOp("!", "Logical not (JsonLogic truthiness: [] is false)."),
  notOp("!!", "Truthiness as a boolean."),
];

// ---------------------------------------------------------------------------------------------------------
// The test kit's strategies (see kit.ts)

/** `if`: a branch that comes out as wanted, with its condition true and the conditions before it false. */
function forceIf(args: readonly Rule[], want: boolean, c: SolveContext, scope: Scope): boolean {
  if (args.length === 0) return !want;
  if (args.length === 1) return c.force(args[0]!, want, scope);
  const [cond, then, ...rest] = args;
  if (c.holds(cond!, scope, true) && c.force(then!, want, scope)) return true;
  if (c.force(cond!, true, scope) && c.force(then!, want, scope)) return true;
  return c.force(cond!, false, scope) && forceIf(rest, want, c, scope);
}

/** The logic family's test kit: `and` true by every argument, false by one; `or` the other way round. */
export const LOGIC_KIT: FamilyKit = {
  "!": { force: (args, want, c, scope) => c.force(args[0]!, !want, scope) },
  "!!": { force: (args, want, c, scope) => c.force(args[0]!, want, scope) },
  and: {
    force(args, want, c, scope, self) {
      if (want) return args.every((a) => c.force(a, true, scope));
      if (c.holds(self, scope, false)) return true;
      return args.some((a) => c.force(a, false, scope));
    },
  },
  or: {
    force(args, want, c, scope, self) {
      if (!want) return args.every((a) => c.force(a, false, scope));
      if (c.holds(self, scope, true)) return true;
      return args.some((a) => c.force(a, true, scope));
    },
  },
  if: { force: forceIf },
};
