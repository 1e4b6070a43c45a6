/**
 * The compiled evaluator: each rule is turned once into a tree of JavaScript closures, with no code generated
 * from strings (neither `eval` nor the Function constructor), so it runs under a strict Content-Security-Policy. Every operator does exactly what
 * json-logic-js 2.0.5 does after {@link expandRule} (loose `==`, `[]` is false, `parseFloat` in `+` and `*`,
 * `<` with three arguments, `all` false on an empty list, the same short-circuits and the same order of
 * reads), and records what it reads into the same {@link Trace}. The differential tests in
 * `test/differential/` hold it to that.
 *
 * What makes it fast: no interpretation per node, conditions compiled to closures that return booleans, counts
 * and shares computed without building intermediate lists, exact percentages compared in `Number` when the
 * products are safe integers (BigInt otherwise), and a trace that, when explanations are off, records only
 * the absent values (see {@link Sink}).
 *
 * @module
 */
import { EvaluationError } from "../errors.js";
import { msg, type Message } from "../i18n/index.js";
import type { Rule } from "../schema/rule.js";
import { assertAllowed } from "./analyze.js";
import type { Engine, PreparedRule } from "./engine.js";
import { applyBinary, pf, truthy } from "./apply.js";
import { checkFinite, compareRatio, exactPercent, Inapplicable, type RatioMeasure } from "./exact.js";
import { ARITHMETIC_OPERATORS, OPERATORS } from "./operators.js";
import type { Trace } from "./trace.js";
import { compileBounds } from "./compile-bounds.js";
import type { BoundsRule, ScopeSpec } from "./read-bounds.js";

/**
 * Where a compiled rule reports what it read. With `full` set it reports every read and every ratio (as
 * json-logic-js's tracing does); without, only reads that found no value, which is all a status needs.
 * A value found at the top level is never a derived value that failed (those are left out of the data), so
 * skipping it loses nothing {@link Trace.read} would have recorded for the status.
 */
export interface Sink {
  readonly full: boolean;
  read(base: unknown, rel: string, value: unknown): void;
  measure(m: RatioMeasure): void;
}

/** A compiled rule: its value on `data`, reporting reads to `sink`. */
export type Compiled = (data: unknown, sink: Sink) => unknown;
/** A compiled rule in a yes/no position: JsonLogic truthiness of its value. */
export type CompiledTest = (data: unknown, sink: Sink) => boolean;

/** A sink that records everything into a {@link Trace}. */
export class TraceSink implements Sink {
  readonly full = true;
  constructor(readonly trace: Trace) {}
  read(base: unknown, rel: string, value: unknown): void {
    this.trace.read(base, rel, value);
  }
  measure(m: RatioMeasure): void {
    this.trace.measures.push(m);
  }
}

const hasOwn = Object.prototype.hasOwnProperty;



// ---------------------------------------------------------------------------------------------------------
// Exact ratios

/** A percentage read once: its exact fraction as Numbers, and the largest whole for which Number math is exact. */
interface PercentPlan {
  readonly units: number;
  readonly scale: number;
  readonly limit: number;
}

function planPercent(p: number): PercentPlan | undefined {
  const e = exactPercent(p);
  if (!e) return undefined;
  const units = Number(e.units);
  const scale = Number(e.scale);
  // part <= whole, so part*100*scale and units*whole are both safe integers when whole <= limit.
  return { units, scale, limit: Math.floor(Number.MAX_SAFE_INTEGER / Math.max(100 * scale, units, 1)) };
}

function isCount(n: unknown): n is number {
  return typeof n === "number" && Number.isSafeInteger(n) && n >= 0;
}

/**
 * {@link compareRatio} with a Number fast path: same results, same exceptions (anything unusual is handed to
 * compareRatio itself), but no BigInt and no measure object unless the sink wants it.
 */
function ratio(op: "atLeast" | "atMost", part: unknown, whole: unknown, percent: unknown, plan: PercentPlan | undefined, s: Sink): boolean | null {
  if (part === null || part === undefined || whole === null || whole === undefined || percent === null || percent === undefined) return null;
  if (!isCount(part) || !isCount(whole) || part > whole || typeof percent !== "number" || whole === 0) return slowRatio(op, part, whole, percent, s);
  const p = plan ?? planPercent(percent);
  if (p === undefined || whole > p.limit) return slowRatio(op, part, whole, percent, s);
  const left = part * 100 * p.scale;
  const right = p.units * whole;
  const met = op === "atLeast" ? left >= right : left <= right;
  if (s.full) s.measure({ kind: "ratio", op, part, whole, percent, met });
  return met;
}

function slowRatio(op: "atLeast" | "atMost", part: unknown, whole: unknown, percent: unknown, s: Sink): boolean | null {
  const m = compareRatio(op, part, whole, percent);
  if (m === null) return null;
  if (s.full) s.measure(m);
  return m.met;
}

// ---------------------------------------------------------------------------------------------------------
// The compiler

type Obj = { readonly [k: string]: Rule };

/**
 * Every object in a rule is an operation named by its first key, as the reference path reads it
 * ({@link expandRule} rebuilds each object from its first key). Sets with other objects are rejected when
 * they are loaded.
 */
function isOperation(r: Rule): r is Obj {
  return typeof r === "object" && r !== null && !Array.isArray(r);
}

function opName(r: Obj): string {
  return String(Object.keys(r)[0]);
}

/** A rule that reads nothing and always gives the same value: an operation-free literal. */
function isStatic(r: Rule): boolean {
  if (Array.isArray(r)) return r.every(isStatic);
  return !isOperation(r);
}

/** json-logic-js's value of a static rule (arrays are evaluated item by item, other values returned as they are). */
function staticValue(r: Rule): unknown {
  return Array.isArray(r) ? r.map(staticValue) : r;
}

function argsOf(r: Obj, op: string): Rule[] {
  const raw = r[op]!;
  return Array.isArray(raw) ? raw : [raw];
}

function constant(v: unknown): Compiled {
  return () => v;
}

function fail(detail: Message): never {
  throw new EvaluationError(detail);
}

/**
 * An operator criteria files may not use: like json-logic-js with an operator it does not know, the
 * arguments are evaluated and then it throws. (json-logic-js's own extra operators, such as `cat`, are not
 * part of the format and are not compiled.)
 */
function unknownOperator(op: string, args: Compiled[]): Compiled {
  return (d, s) => {
    for (let i = 0; i < args.length; i++) args[i]!(d, s);
    throw new Error(`Unrecognized operation ${op}`);
  };
}

/** Options of {@link compileRule} and {@link compileTest}. */
export interface CompileOptions {
  /**
   * The data is made of plain objects and arrays with only own properties that matter (as `evaluate`'s
   * validated data is), so a field can be read without an own-property check. Names that exist on
   * `Object.prototype` or `Array.prototype` are still checked. Off by default.
   */
  readonly plainData?: boolean;
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
type PlainPath = readonly [string, string | undefined, string];

/**
 * When `r` is `{"var": path}` with a literal path of one or two names that plain data lets us read without an
 * own-property check, that path; else undefined.
 */
function plainPath(r: Rule, options: CompileOptions): PlainPath | undefined {
  if (options.plainData !== true || !isOperation(r) || opName(r) !== "var") return undefined;
  const va = argsOf(r, "var");
  if (va.length !== 1 || typeof va[0] !== "string" || va[0] === "") return undefined;
  const keys = va[0].split(".").map(propertyKey);
  if (keys.length > 2 || keys.some(inheritable)) return undefined;
  return [keys[0]!, keys[1], va[0]];
}

/** The value at a plain path of `d`, or null: {@link compileVar}'s read, for closures that inline it. */
function readPlain(d: unknown, k0: string, k1: string | undefined): unknown {
  if (typeof d !== "object" || d === null) return null;
  let v = (d as Record<string, unknown>)[k0];
  if (k1 !== undefined) v = typeof v === "object" && v !== null ? (v as Record<string, unknown>)[k1] : null;
  return v === undefined ? null : v;
}

/** JsonLogic truthiness of a value read by `var` (never undefined). */
function truthyRead(v: unknown): boolean {
  if (v === null) return false;
  if (typeof v === "object") return !Array.isArray(v) || v.length > 0;
  return !!v;
}

/**
 * `{"var": path}` in a yes/no position. A plain path of one or two names is read and tested in one closure
 * (a variable is the commonest condition, and a call per read costs more than the read).
 */
function compileVarTest(r: Obj, options: CompileOptions): CompiledTest {
  const path = plainPath(r, options);
  if (path === undefined) {
    const f = compileVar(argsOf(r, "var"), options);
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

/** Compiles a checked rule into a closure. */
export function compileRule(rule: Rule, options: CompileOptions = {}): Compiled {
  return new Compiler(options).value(rule);
}

/** Compiles a checked rule for a yes/no position: the closure returns JsonLogic truthiness of the value. */
export function compileTest(rule: Rule, options: CompileOptions = {}): CompiledTest {
  return new Compiler(options).test(rule);
}

class Compiler {
  constructor(private readonly options: CompileOptions) {}

  value(r: Rule): Compiled {
    if (Array.isArray(r)) {
      if (r.every(isStatic)) return constant(staticValue(r));
      const items = r.map((x) => this.value(x));
      return (d, s) => {
        const out = new Array<unknown>(items.length);
        for (let i = 0; i < items.length; i++) out[i] = items[i]!(d, s);
        return out;
      };
    }
    if (!isOperation(r)) return constant(r);
    const op = opName(r);
    const args = argsOf(r, op);
    if (!OPERATORS.has(op)) return unknownOperator(op, args.map((a) => this.value(a)));
    switch (op) {
      case "var":
        return compileVar(args, this.options);
      case "if":
        return this.ifOp(args);
      case "and":
        return this.andOr(args, true);
      case "or":
        return this.andOr(args, false);
      case "filter":
        return this.filter(args);
      case "all":
      case "some":
      case "none":
        return this.quantifier(op, args);
      case "count":
        return this.count(args);
      case "shareAtLeast":
      case "shareAtMost":
        return this.share(op === "shareAtLeast" ? "atLeast" : "atMost", args);
      default: {
        const f = this.valueOp(op, args);
        if (!ARITHMETIC_OPERATORS.has(op)) return f;
        // As the reference's tc:finite: Infinity or NaN from a calculation is an error, never a value.
        return (d, s) => checkFinite(f(d, s), op);
      }
    }
  }

  test(r: Rule): CompiledTest {
    if (!isOperation(r)) {
      const v = truthy(staticValue(r));
      if (Array.isArray(r) && !r.every(isStatic)) {
        const f = this.value(r);
        // An array literal is truthy when it has items, whatever they evaluate to; its items are still read.
        return (d, s) => truthy(f(d, s));
      }
      return () => v;
    }
    const op = opName(r);
    const args = argsOf(r, op);
    switch (op) {
      case "var":
        return compileVarTest(r, this.options);
      case "and": {
        if (args.length === 0) return () => false;
        const fields = this.plainFields(args);
        if (fields) return allFieldsTrue(fields);
        const parts = args.map((a) => this.test(a));
        if (parts.length === 2) {
          const [a, b] = parts as [CompiledTest, CompiledTest];
          return (d, s) => a(d, s) && b(d, s);
        }
        return (d, s) => {
          for (let i = 0; i < parts.length; i++) if (!parts[i]!(d, s)) return false;
          return true;
        };
      }
      case "or": {
        if (args.length === 0) return () => false;
        const parts = args.map((a) => this.test(a));
        if (parts.length === 2) {
          const [a, b] = parts as [CompiledTest, CompiledTest];
          return (d, s) => a(d, s) || b(d, s);
        }
        return (d, s) => {
          for (let i = 0; i < parts.length; i++) if (parts[i]!(d, s)) return true;
          return false;
        };
      }
      case "if": {
        const { conds, thens, last } = this.ifParts<CompiledTest>(args, true);
        return (d, s) => {
          for (let i = 0; i < conds.length; i++) if (conds[i]!(d, s)) return thens[i]!(d, s);
          return last ? last(d, s) : false;
        };
      }
      case "!":
      case "!!": {
        if (args.length === 1) {
          const a = this.test(args[0]!);
          return op === "!" ? (d, s) => !a(d, s) : a;
        }
        break;
      }
      case "all":
      case "some":
      case "none":
        return this.quantifier(op, args);
    }
    const f = this.value(r);
    return (d, s) => truthy(f(d, s));
  }

  /** When every argument is a variable with a plain path of one or two names, those paths; else undefined. */
  private plainFields(args: Rule[]): PlainPath[] | undefined {
    if (args.length < 2) return undefined;
    const out: PlainPath[] = [];
    for (const a of args) {
      const p = plainPath(a, this.options);
      if (p === undefined) return undefined;
      out.push(p);
    }
    return out;
  }

  private ifParts<T extends Compiled | CompiledTest>(args: Rule[], asTest: boolean) {
    const conds: CompiledTest[] = [];
    const thens: T[] = [];
    let i = 0;
    for (; i < args.length - 1; i += 2) {
      conds.push(this.test(args[i]!));
      thens.push((asTest ? this.test(args[i + 1]!) : this.value(args[i + 1]!)) as T);
    }
    const last = args.length === i + 1 ? ((asTest ? this.test(args[i]!) : this.value(args[i]!)) as T) : undefined;
    return { conds, thens, last };
  }

  private ifOp(args: Rule[]): Compiled {
    const { conds, thens, last } = this.ifParts<Compiled>(args, false);
    return (d, s) => {
      for (let i = 0; i < conds.length; i++) if (conds[i]!(d, s)) return thens[i]!(d, s);
      return last ? last(d, s) : null;
    };
  }

  private andOr(args: Rule[], isAnd: boolean): Compiled {
    const parts = args.map((a) => this.value(a));
    return (d, s) => {
      let current: unknown;
      for (let i = 0; i < parts.length; i++) {
        current = parts[i]!(d, s);
        if (truthy(current) !== isAnd) return current;
      }
      return current;
    };
  }

  private filter(args: Rule[]): Compiled {
    return filterBy(this.value(args[0]!), args[1] === undefined ? (): boolean => false : this.test(args[1]));
  }

  private quantifier(op: "all" | "some" | "none", args: Rule[]): CompiledTest {
    const list = this.value(args[0]!);
    const cond = args[1] === undefined ? (): boolean => false : this.test(args[1]);
    if (op === "all")
      return (d, s) => {
        const l = list(d, s);
        if (!Array.isArray(l) || l.length === 0) return false;
        for (let i = 0; i < l.length; i++) if (!cond(l[i], s)) return false;
        return true;
      };
    const found = op === "some";
    return (d, s) => {
      const l = list(d, s);
      if (!Array.isArray(l) || l.length === 0) return !found;
      for (let i = 0; i < l.length; i++) if (cond(l[i], s)) return found;
      return !found;
    };
  }

  /** How many items of a list meet a condition, reading every item as json-logic-js's `filter` does. */
  private counter(condRule: Rule): (l: unknown, s: Sink) => number {
    const path = plainPath(condRule, this.options);
    if (path !== undefined) {
      // "How many have this field set": the read inline, no call per item.
      const [k0, k1, rel] = path;
      return (l, s) => {
        if (!Array.isArray(l)) return 0;
        let n = 0;
        for (let i = 0; i < l.length; i++) {
          if (!(i in l)) continue;
          const item: unknown = l[i];
          const v = readPlain(item, k0, k1);
          if (v === null || s.full) s.read(item, rel, v);
          if (truthyRead(v)) n++;
        }
        return n;
      };
    }
    const cond = this.test(condRule);
    return (l, s) => {
      if (!Array.isArray(l)) return 0;
      let n = 0;
      for (let i = 0; i < l.length; i++) {
        if (!(i in l)) continue;
        if (cond(l[i], s)) n++;
      }
      return n;
    };
  }

  private count(args: Rule[]): Compiled {
    const list = this.value(args[0]!);
    // As expanded: with exactly two arguments a filter is counted, otherwise the first argument's length.
    if (args.length !== 2) {
      return (d, s) => {
        const l = list(d, s);
        return Array.isArray(l) ? l.length : 0;
      };
    }
    const n = this.counter(args[1]!);
    return (d, s) => n(list(d, s), s);
  }

  /**
   * `[P, list, condition, exclude?]`, as json-logic-js runs its expansion:
   * `ratio(count(filter(base, condition)), count(base), P)` with `base = filter(list, !exclude)` or `list`.
   * json-logic-js evaluates `base` twice. With a full trace so does this (the second pass can change which
   * value a path without a record, such as `?`, was last seen with, and it records ratios again); without
   * one, once is the same, and the exclusions are counted without building the filtered list.
   */
  private share(op: "atLeast" | "atMost", args: Rule[]): Compiled {
    const [pRule, listRule, condRule, exclRule] = args as [Rule, Rule, Rule, Rule | undefined];
    const list = this.value(listRule);
    const excl = exclRule === undefined ? undefined : this.test(exclRule);
    const cond = this.test(condRule);
    const partOf = this.counter(condRule);
    const percent = this.value(pRule);
    const plan = typeof pRule === "number" ? planPercent(pRule) : undefined;
    const base: Compiled = excl === undefined ? list : filterBy(list, (item, s) => !excl(item, s));
    // Every exclusion first, then the condition on the items kept, in the order json-logic-js reads them.
    // `kept` is scratch space; a node never runs inside itself.
    let kept = new Uint8Array(16);
    const quietWithExclusion = (d: unknown, s: Sink): boolean | null => {
      const l = list(d, s);
      let part = 0;
      let whole = 0;
      if (Array.isArray(l)) {
        const n = l.length;
        if (kept.length < n) kept = new Uint8Array(n * 2);
        for (let i = 0; i < n; i++) {
          const keep = i in l && !excl!(l[i], s);
          kept[i] = keep ? 1 : 0;
          if (keep) whole++;
        }
        for (let i = 0; i < n; i++) if (kept[i] === 1 && cond(l[i], s)) part++;
      }
      return ratio(op, part, whole, percent(d, s), plan, s);
    };
    return (d, s) => {
      if (!s.full && excl !== undefined) return quietWithExclusion(d, s);
      const b = base(d, s);
      const part = partOf(b, s);
      const b2 = s.full ? base(d, s) : b;
      const whole = Array.isArray(b2) ? b2.length : 0;
      return ratio(op, part, whole, percent(d, s), plan, s);
    };
  }

  private valueOp(op: string, args: Rule[]): Compiled {
    const fs = args.map((a) => this.value(a));
    const n = fs.length;
    // Every argument is evaluated, left to right, before the operator is applied, even those it ignores:
    // extra arguments are evaluated by `rest`, and a missing one reads as undefined.
    const none: Compiled = () => undefined;
    const a = fs[0] ?? none;
    const b = fs[1] ?? none;
    const c = fs[2] ?? none;
    const extra = fs.slice(op === "<" || op === "<=" || op === "ratioAtLeast" || op === "ratioAtMost" ? 3 : op === "!" || op === "!!" ? 1 : 2);
    const rest = (d: unknown, s: Sink): void => {
      for (let i = 0; i < extra.length; i++) extra[i]!(d, s);
    };
    const exact = extra.length === 0;
    switch (op) {
      case "!":
      case "!!": {
        if (n === 1) {
          const t = this.test(args[0]!);
          return op === "!" ? (d, s) => !t(d, s) : t;
        }
        return (d, s) => {
          const x = a(d, s);
          rest(d, s);
          return op === "!" ? !truthy(x) : truthy(x);
        };
      }
      case "==":
      case "===":
      case "!=":
      case "!==":
      case ">":
      case ">=":
        if (n === 2) return binary(op, a, b);
        return (d, s) => {
          const x = a(d, s);
          const y = b(d, s);
          rest(d, s);
          return applyBinary(op, x, y);
        };
      case "<":
      case "<=": {
        if (n === 2) return binary(op, a, b);
        const strict = op === "<";
        if (n === 3 && typeof args[0] === "number" && typeof args[2] === "number") {
          // The usual range test, `lo <= x <= hi`, with literal bounds.
          const lo = args[0];
          const hi = args[2];
          return strict ? (d, s) => {
            const y = b(d, s) as number;
            return lo < y && y < hi;
          } : (d, s) => {
            const y = b(d, s) as number;
            return lo <= y && y <= hi;
          };
        }
        return (d, s) => {
          const x = a(d, s) as number;
          const y = b(d, s) as number;
          const z = c(d, s) as number | undefined;
          rest(d, s);
          if (z === undefined) return strict ? x < y : x <= y;
          return strict ? x < y && y < z : x <= y && y <= z;
        };
      }
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
      case "min":
      case "max": {
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
      case "in": {
        if (n === 2 && Array.isArray(args[1]) && args[1].every(isStatic)) {
          // A literal list: the same Array.prototype.indexOf on one constant array.
          const list = staticValue(args[1]) as unknown[];
          if (list.length === 0) return (d, s) => (a(d, s), false);
          return (d, s) => list.indexOf(a(d, s)) !== -1;
        }
        return (d, s) => {
          const x = a(d, s);
          const y = b(d, s);
          if (!exact) rest(d, s);
          if (!y || typeof (y as { indexOf?: unknown }).indexOf === "undefined") return false;
          return (y as { indexOf(v: unknown): number }).indexOf(x) !== -1;
        };
      }
      case "ratioAtLeast":
      case "ratioAtMost": {
        const rop = op === "ratioAtLeast" ? "atLeast" : "atMost";
        const pRule = args[2];
        const plan = typeof pRule === "number" ? planPercent(pRule) : undefined;
        return (d, s) => {
          const part = a(d, s);
          const whole = b(d, s);
          const percent = c(d, s);
          if (!exact) rest(d, s);
          return ratio(rop, part, whole, percent, plan, s);
        };
      }
    }
    return fail(msg("eval.compile_op", { op }));
  }
}


/** `filter`: the items of the list that meet the condition (not a list: an empty one). */
function filterBy(list: Compiled, keep: CompiledTest): Compiled {
  return (d, s) => {
    const l = list(d, s);
    if (!Array.isArray(l)) return [];
    const out: unknown[] = [];
    for (let i = 0; i < l.length; i++) {
      // Array.prototype.filter skips holes; JSON arrays have none, but stay faithful.
      if (!(i in l)) continue;
      const item: unknown = l[i];
      if (keep(item, s)) out.push(item);
    }
    return out;
  };
}

/** A comparison of two operands, evaluated left to right. */
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

/** A compiled rule recording into the trace it is given, without the safety check (for the differential tests). @internal */
export function prepareCompiled(rule: Rule): PreparedRule {
  const f = compileRule(rule);
  return (trace: Trace) => f(trace.scope.root, new TraceSink(trace));
}

/** The compiled evaluator as an {@link Engine}: each prepared rule records into the trace it is given. */
export const compiledEngine: Engine = {
  name: "compiled",
  version: "1",
  prepare(rule: Rule): PreparedRule {
    // Loading already refused anything outside the safety profile; this keeps a rule that bypassed loading out too.
    assertAllowed(rule);
    return prepareCompiled(rule);
  },
  prepareBounds(rule: Rule, scope: ScopeSpec): BoundsRule {
    assertAllowed(rule);
    return compileBounds(rule, scope);
  },
};

export { Inapplicable };
