/**
 * Three-valued evaluation with bounds: what a rule's value can be over every completion of the unit's missing
 * data, decided from each operator's own bounds (never by trying values at run time).
 *
 * A value is either known (a plain JSON value, as the two-valued evaluators compute it) or a {@link Bound}: the
 * values some completion gives, as a finite list of values plus, where a list would be endless, a range of
 * numbers, any text, a list or record whose items or fields are not all known, or anything at all. A bound also
 * says whether some completion meets a share of an empty group (`empty`) or an error (`error`), and which absent
 * data paths could change it (`deps`): the paths to ask for.
 *
 * Each operator's three-valued meaning is one plain function below (`and`, `compare`, `share`, ...), written
 * from the operator's two-valued meaning and nothing else:
 *
 * - `and`, `or`, `!`, `if` follow Kleene's logic on JsonLogic truthiness: a part that may be true and may be false
 *   leaves both open, unless another part settles the answer (`and` with a part certainly false is false).
 *   `if` with an unknown condition is the join of the branches it may take.
 * - Comparisons work on intervals (`x >= 60` with x anywhere in 0..100 may hold or not; in 70..100 it holds).
 * - Lists: `all`, `some`, `none`, `filter` and `count` see each item as known to meet the condition, known not
 *   to, or unknown, and each item as certainly in the list or perhaps (after a `filter`); a list not given at
 *   all is any number of items of its declared kind.
 * - A share (`shareAtLeast` and `shareAtMost`) is "at least P% of the items not excluded meet the condition":
 *   in whole numbers, `sum over items of (100·met − P·kept) >= 0`. Each item adds its own term, so the lowest
 *   and highest sum come from each item's own lowest and highest term (exclusions of unknown membership
 *   included), and whether the base can be empty from whether every item can be left out.
 *
 * The bounds are exact (the values listed are exactly those some completion gives) when each absent value is
 * read once in the rule; a value read in several places is treated as if each read could take its own value,
 * which can only widen the bounds: a certain answer is always right. `evaluate` splits a yes/no or choice
 * read in several places into cases first (see `evaluate/cases.ts`).
 *
 * Fast paths do not live here: the evaluators run rules two-valued, and come here only for a rule that read
 * absent data.
 *
 * @module
 */
import type { InputSpec } from "../schema/inputs.js";
import { exactPercent, Inapplicable, RuleValueError } from "./exact.js";
import { itemPath } from "./trace.js";

// ---------------------------------------------------------------------------------------------------------
// The domain

/** A range of numbers, bounds included; `-Infinity`/`Infinity` mean unbounded. `int`: whole numbers only. */
export interface NumRange {
  readonly lo: number;
  readonly hi: number;
  readonly int: boolean;
}

/** Absent data paths that could change a value. */
export type Deps = ReadonlySet<string>;

const NO_DEPS: Deps = new Set();

/** A record of the data whose fields are not given (or an item of a list not given): reading a field gives its declared kind. */
export interface RecordBound {
  /** The record's declared fields (null: not declared). */
  readonly fields: Readonly<Record<string, InputSpec>> | null;
  /** Its path in the unit's data. */
  readonly at: string;
  /** An item of a list not given: every field read is asked for as the list itself (`at`). */
  readonly phantom: boolean;
}

/** An item of a list seen by a list operator: the item as given, and whether it is certainly in the list. */
export interface ListItem {
  readonly value: unknown;
  /** False: in the list only in some completions (a `filter` whose condition is unknown for it). */
  readonly certain: boolean;
  /** What could change whether it is in the list. */
  readonly deps: Deps;
  /** An item given as null: what a condition reads of it, with its own path. */
  readonly as?: NullItem;
}

/** A list not given: from `min` to `max` items of a declared kind, each with every field unknown. */
export interface PhantomItems {
  readonly item: InputSpec | null;
  readonly min: number;
  readonly max: number;
  /** The list's path: what to ask for. */
  readonly at: string;
}

/** A list whose items or length are not all known. */
export interface ListBound {
  readonly items: readonly ListItem[];
  readonly phantom: PhantomItems | null;
}

/** What a value can be over the completions of the missing data. A value that can be only one thing is not a Bound. */
export class Bound {
  constructor(
    /** Values some completion gives, listed (null, yes/no, numbers, texts, lists and records given). */
    readonly values: readonly unknown[],
    /** And any number in this range. */
    readonly num: NumRange | null,
    /** And any text. */
    readonly text: boolean,
    /** And a list whose items or length are not all known. */
    readonly list: ListBound | null,
    /** And a record whose fields are not given. */
    readonly record: RecordBound | null,
    /** And anything at all. */
    readonly any: boolean,
    /** Some completion takes a share of an empty group (the criterion then has the status its set declares). */
    readonly empty: boolean,
    /** Some completion meets an error: its message. */
    readonly error: string | null,
    /** Absent data paths that could change the value. */
    readonly deps: Deps,
  ) {}
}

/** A value in three-valued evaluation: a plain value when every completion gives that value, else a {@link Bound}. */
export type Val = unknown;

/** True when the value is not certain. */
export function isBound(v: Val): v is Bound {
  return v instanceof Bound;
}

interface BoundParts {
  values?: readonly unknown[];
  num?: NumRange | null;
  text?: boolean;
  list?: ListBound | null;
  record?: RecordBound | null;
  any?: boolean;
  empty?: boolean;
  error?: string | null;
  deps?: Deps;
}

/** Makes a value from its parts: a plain value when only one value is possible and nothing else can happen. */
export function make(p: BoundParts): Val {
  const values = dedupe(p.values ?? []);
  const num = p.num ?? null;
  const list = p.list ?? null;
  const record = p.record ?? null;
  const empty = p.empty ?? false;
  const error = p.error ?? null;
  const extra = num !== null || p.text === true || list !== null || record !== null || p.any === true || empty || error !== null;
  if (!extra && values.length === 1) return values[0];
  const rangePoint = num !== null && num.lo === num.hi && Number.isFinite(num.lo);
  if (rangePoint && values.length === 0 && !(p.text || list || record || p.any || empty || error !== null)) return num.lo;
  return new Bound(values, num, p.text ?? false, list, record, p.any ?? false, empty, error, p.deps ?? NO_DEPS);
}

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || (typeof a === "number" && typeof b === "number" && Number.isNaN(a) && Number.isNaN(b));
}

function dedupe(values: readonly unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const v of values) if (!out.some((o) => sameValue(o, v))) out.push(v);
  return out;
}

/** A value as a bound (a known value is the bound of that one value). */
export function lift(v: Val): Bound {
  return isBound(v) ? v : new Bound([v], null, false, null, null, false, false, null, NO_DEPS);
}

/** The paths that could change a value (none for a known value). */
export function depsOf(v: Val): Deps {
  return isBound(v) ? v.deps : NO_DEPS;
}

/** The union of sets of paths. */
export function unionDeps(...sets: readonly Deps[]): Deps {
  let out: Set<string> | undefined;
  let single: Deps = NO_DEPS;
  for (const s of sets) {
    if (s.size === 0) continue;
    if (single.size === 0 && out === undefined) {
      single = s;
      continue;
    }
    out ??= new Set(single);
    for (const p of s) out.add(p);
  }
  return out ?? single;
}

/** A bound holding only an exceptional outcome (or a value with one), from what a rule threw. */
export function thrown(kind: "empty" | "error", message = ""): Bound {
  return new Bound([], null, false, null, null, false, kind === "empty", kind === "error" ? message : null, NO_DEPS);
}

/**
 * The join of values: everything any of them can be. Its paths are theirs and `deps`, the paths that decided which
 * of them is reached.
 */
export function join(vals: readonly Val[], deps: Deps): Val {
  if (vals.length === 1 && !isBound(vals[0])) return vals[0];
  const values: unknown[] = [];
  let num: NumRange | null = null;
  let text = false;
  let list: ListBound | null = null;
  let record: RecordBound | null = null;
  let any = false;
  let empty = false;
  let error: string | null = null;
  for (const v of vals) {
    if (!isBound(v)) {
      values.push(v);
      continue;
    }
    values.push(...v.values);
    if (v.num) num = num ? { lo: Math.min(num.lo, v.num.lo), hi: Math.max(num.hi, v.num.hi), int: num.int && v.num.int } : v.num;
    text ||= v.text;
    if (v.list) list = list ? joinLists(list, v.list) : v.list;
    if (v.record) record = record ?? v.record;
    any ||= v.any;
    empty ||= v.empty;
    error ??= v.error;
  }
  return make({ values, num, text, list, record, any, empty, error, deps: unionDeps(deps, ...vals.map(depsOf)) });
}

/** Two list bounds joined: items certain only when certain in both (lists are joined only from one source). */
function joinLists(a: ListBound, b: ListBound): ListBound {
  if (a.items.length !== b.items.length)
    return {
      items: [],
      phantom: { item: a.phantom?.item ?? b.phantom?.item ?? null, min: 0, max: Number.MAX_SAFE_INTEGER, at: a.phantom?.at ?? b.phantom?.at ?? "?" },
    };
  return {
    items: a.items.map((x, i) => ({
      value: x.value,
      certain: x.certain && b.items[i]!.certain,
      deps: unionDeps(x.deps, b.items[i]!.deps),
      ...(x.as ? { as: x.as } : {}),
    })),
    phantom: a.phantom ?? b.phantom,
  };
}

/** Adds paths to a value's `deps` (a known value stays known). */
export function withDeps(v: Val, deps: Deps): Val {
  if (!isBound(v) || deps.size === 0) return v;
  return new Bound(v.values, v.num, v.text, v.list, v.record, v.any, v.empty, v.error, unionDeps(v.deps, deps));
}

/** The same value without its exceptional outcomes (they are accounted for elsewhere). */
function ordinary(v: Val): Val {
  if (!isBound(v) || (!v.empty && v.error === null)) return v;
  return make({ values: v.values, num: v.num, text: v.text, list: v.list, record: v.record, any: v.any, deps: v.deps });
}

/** Exceptional outcomes of several values, as parts to spread into {@link make}. */
function flagsOf(vals: readonly Val[]): { empty: boolean; error: string | null } {
  let empty = false;
  let error: string | null = null;
  for (const v of vals)
    if (isBound(v)) {
      empty ||= v.empty;
      error ??= v.error;
    }
  return { empty, error };
}

/** True when the bound has no ordinary value (every completion throws). */
function onlyThrows(b: Bound): boolean {
  return b.values.length === 0 && b.num === null && !b.text && b.list === null && b.record === null && !b.any;
}

// ---------------------------------------------------------------------------------------------------------
// Unknown values of declared inputs

/**
 * An absent input of the declared kind at `path`: every value the declaration allows, asked for as `path` (or
 * `deps`). An item of a list not given (`phantom`) has its fields asked for as the list. A list has at most
 * `maxItems` items (the data limit).
 */
export function unknownOf(spec: InputSpec | null, path: string, phantom = false, maxItems = Number.MAX_SAFE_INTEGER, deps: Deps = new Set([path])): Bound {
  const b = (p: BoundParts) => new Bound(p.values ?? [], p.num ?? null, p.text ?? false, p.list ?? null, p.record ?? null, p.any ?? false, false, null, deps);
  if (spec === null) return b({ any: true });
  switch (spec.type) {
    case "boolean":
      return b({ values: [true, false] });
    case "title":
      // Held or not; a title held at levels reads as a record of yes/no by level.
      return spec.levels
        ? b({ record: { fields: Object.fromEntries(spec.levels.map((l) => [l, { type: "boolean", description: spec.description }])), at: path, phantom } })
        : b({ values: [true, false] });
    case "integer":
      return b({ num: { lo: spec.min ?? -Infinity, hi: spec.max ?? Infinity, int: true } });
    case "number":
      return b({ num: { lo: spec.min ?? -Infinity, hi: spec.max ?? Infinity, int: false } });
    case "string":
      return spec.enum ? b({ values: spec.enum.map((s) => s.normalize("NFC")) }) : b({ text: true });
    case "date":
      return b({ text: true });
    case "array":
      return b({ list: { items: [], phantom: { item: spec.items, min: spec.minItems ?? 0, max: Math.min(spec.maxItems ?? maxItems, maxItems), at: path } } });
    case "object":
      return b({ record: { fields: spec.fields, at: path, phantom } });
  }
}

// ---------------------------------------------------------------------------------------------------------
// Truthiness

/** Some completion gives a truthy value. */
export const CAN_TRUE = 1;
/** Some completion gives a falsy value. */
export const CAN_FALSE = 2;

/** JsonLogic truthiness of a known value: `[]` is false. */
export function truthy(v: unknown): boolean {
  if (Array.isArray(v) && v.length === 0) return false;
  return !!v;
}

/**
 * Which truth values the ordinary values of `v` can have ({@link CAN_TRUE}, {@link CAN_FALSE}, both, or 0 when
 * every completion throws).
 */
export function truth(v: Val): number {
  if (!isBound(v)) return truthy(v) ? CAN_TRUE : CAN_FALSE;
  let bits = 0;
  for (const x of v.values) bits |= truthy(x) ? CAN_TRUE : CAN_FALSE;
  if (v.num) {
    if (v.num.lo <= 0 && v.num.hi >= 0) bits |= CAN_FALSE;
    if (v.num.lo !== 0 || v.num.hi !== 0) bits |= CAN_TRUE;
  }
  if (v.text || v.any) bits |= CAN_TRUE | CAN_FALSE;
  if (v.list) {
    const n = listLength(v.list);
    if (n.lo === 0) bits |= CAN_FALSE;
    if (n.hi > 0) bits |= CAN_TRUE;
  }
  if (v.record) bits |= CAN_TRUE;
  return bits;
}

/**
 * A yes/no from truth bits, with the exceptional outcomes of `from`. `deps` are the paths that decide between
 * the outcomes; they matter only when there is more than one (a value, or a value and an exception).
 */
function boolOf(bits: number, from: readonly Val[], deps: Deps): Val {
  const values: boolean[] = [];
  if (bits & CAN_TRUE) values.push(true);
  if (bits & CAN_FALSE) values.push(false);
  const flags = flagsOf(from);
  const outcomes = values.length + Number(flags.empty) + Number(flags.error !== null);
  return make({ values, ...flags, deps: outcomes > 1 ? unionDeps(deps, ...from.map(exceptionalDeps)) : NO_DEPS });
}

/** The paths of a value that could change whether it throws (its deps, when it may throw and may not). */
function exceptionalDeps(v: Val): Deps {
  return isBound(v) && (v.empty || v.error !== null) ? v.deps : NO_DEPS;
}

/** The part of a value that is truthy (`want` true) or falsy: what `and`/`or` pass on. */
function part(v: Val, want: boolean): Val {
  if (!isBound(v)) return truthy(v) === want ? v : undefined;
  const values = v.values.filter((x) => truthy(x) === want);
  let num: NumRange | null = null;
  if (v.num) {
    if (want) {
      // The range less 0: exact for whole numbers at an end, otherwise the range (a value a completion cannot give is only a wider bound).
      let { lo, hi } = v.num;
      if (v.num.int && lo === 0) lo = 1;
      if (v.num.int && hi === 0) hi = -1;
      if (lo <= hi && !(lo === 0 && hi === 0)) num = { lo, hi, int: v.num.int };
    } else if (v.num.lo <= 0 && v.num.hi >= 0) values.push(0);
  }
  if (v.text) {
    if (!want) values.push("");
  }
  if (v.any && !want) values.push(null, false, 0, "");
  let list: ListBound | null = null;
  if (v.list) {
    const n = listLength(v.list);
    if (want && n.hi > 0) list = v.list;
    if (!want && n.lo === 0) values.push([]);
  }
  return make({ values, num, text: want && v.text, list, record: want ? v.record : null, any: want && v.any, deps: v.deps });
}

// ---------------------------------------------------------------------------------------------------------
// Logic: and, or, !, !!, if

/**
 * `and` (`isAnd`) or `or`: JsonLogic returns the first falsy (truthy) part, or the last. Parts are evaluated
 * lazily, so a part is evaluated only where the parts before it let evaluation reach it.
 */
export function andOr(isAnd: boolean, parts: readonly (() => Val)[]): Val {
  const stop = isAnd ? CAN_FALSE : CAN_TRUE;
  const go = isAnd ? CAN_TRUE : CAN_FALSE;
  const results: Val[] = [];
  const deps: Deps[] = [];
  for (let i = 0; i < parts.length; i++) {
    const v = parts[i]!();
    if (i === parts.length - 1) {
      results.push(v);
      break;
    }
    const bits = truth(v);
    if (bits & stop) results.push(part(v, !isAnd));
    results.push(...exceptionsOf(v));
    if (!(bits & go)) break;
    // A part that may stop evaluation and may not decides which parts are reached.
    if (bits & stop) deps.push(depsOf(v));
  }
  return results.length === 1 ? results[0] : join(results, unionDeps(...deps));
}

/** The exceptional outcomes of a value, alone. */
function exceptionsOf(v: Val): Val[] {
  if (!isBound(v) || (!v.empty && v.error === null)) return [];
  return [new Bound([], null, false, null, null, false, v.empty, v.error, v.deps)];
}

/** `!` (`negate`) or `!!`: truthiness as a yes/no. */
export function not(v: Val, negate: boolean): Val {
  if (!isBound(v)) return negate ? !truthy(v) : truthy(v);
  const bits = truth(v);
  const flipped = negate ? (bits & CAN_TRUE ? CAN_FALSE : 0) | (bits & CAN_FALSE ? CAN_TRUE : 0) : bits;
  return boolOf(flipped, [v], v.deps);
}

/**
 * `if`: conditions in turn; a condition that may hold and may not leads to both its branch and what follows.
 * The value is the join of the branches some completion can take.
 */
export function ifThen(conds: readonly (() => Val)[], thens: readonly (() => Val)[], otherwise: (() => Val) | null): Val {
  const results: Val[] = [];
  const deps: Deps[] = [];
  for (let i = 0; i < conds.length; i++) {
    const c = conds[i]!();
    const bits = truth(c);
    results.push(...exceptionsOf(c));
    if (bits === (CAN_TRUE | CAN_FALSE)) deps.push(depsOf(c));
    if (bits & CAN_TRUE) results.push(thens[i]!());
    if (!(bits & CAN_FALSE)) return results.length === 1 ? results[0] : join(results, unionDeps(...deps));
  }
  results.push(otherwise ? otherwise() : null);
  return results.length === 1 ? results[0] : join(results, unionDeps(...deps));
}

// ---------------------------------------------------------------------------------------------------------
// Applying an operator value by value

/**
 * The two-valued meaning of an operator on known arguments (json-logic-js's, or the compiled evaluator's): its value,
 * or what it threw as an exceptional outcome (see {@link boundOfThrown}).
 */
export type Concrete = (op: string, args: readonly unknown[]) => Val;

/** Most combinations of listed values an operator is applied to one by one. */
const MAX_POINTWISE = 256;

/** The listed values of each argument, when every argument is only listed values and there are few combinations. */
function listedOnly(args: readonly Val[]): unknown[][] | undefined {
  let n = 1;
  const out: unknown[][] = [];
  for (const a of args) {
    if (!isBound(a)) {
      out.push([a]);
      continue;
    }
    if (a.num || a.text || a.list || a.record || a.any) return undefined;
    n *= a.values.length;
    if (n > MAX_POINTWISE) return undefined;
    out.push([...a.values]);
  }
  return out;
}

/**
 * Applies an operator to every combination of the arguments' listed values: exact, for arguments that are
 * only listed values. What a combination throws becomes an exceptional outcome.
 */
function pointwise(op: string, lists: readonly unknown[][], concrete: Concrete, from: readonly Val[], deps: Deps): Val {
  const results: Val[] = [];
  const combo = new Array<unknown>(lists.length);
  const walk = (i: number): void => {
    if (i === lists.length) {
      results.push(concrete(op, combo));
      return;
    }
    for (const v of lists[i]!) {
      combo[i] = v;
      walk(i + 1);
    }
  };
  walk(0);
  const flags = flagsOf(from);
  const joined = join(
    [...results, ...(flags.empty || flags.error ? [new Bound([], null, false, null, null, false, flags.empty, flags.error, NO_DEPS)] : [])],
    deps,
  );
  return withDepsIfBound(joined, deps);
}

function withDepsIfBound(v: Val, deps: Deps): Val {
  return isBound(v) ? new Bound(v.values, v.num, v.text, v.list, v.record, v.any, v.empty, v.error, deps) : v;
}

/**
 * What a rule threw, as an exceptional outcome: a share of an empty group, or an error. Anything else is not an
 * outcome of the rule (a bug, or the evaluator's own signal) and is thrown on.
 */
export function boundOfThrown(e: unknown): Bound {
  if (e instanceof Inapplicable) return thrown("empty");
  if (e instanceof RuleValueError) return thrown("error", e.message);
  if (e instanceof RangeError) return thrown("error", `the rule could not be evaluated: ${e.message}`);
  throw e;
}

/** The ordinary values of arguments joined with their exceptional outcomes, for operators that evaluate all their arguments. */
function withArgFlags(v: Val, args: readonly Val[]): Val {
  const flags = flagsOf(args);
  if (!flags.empty && flags.error === null) return v;
  return join([v, new Bound([], null, false, null, null, false, flags.empty, flags.error, NO_DEPS)], unionDeps(depsOf(v), ...args.map(exceptionalDeps)));
}

/**
 * Applies an operator whose arguments are all evaluated first: every argument known gives the two-valued
 * value; listed values give every combination; otherwise the operator's own bounds (`own`) decide.
 */
export function apply(op: string, args: readonly Val[], concrete: Concrete, own: (args: readonly Val[]) => Val): Val {
  if (!args.some(isBound)) return concrete(op, args);
  const deps = unionDeps(...args.map(depsOf));
  // An argument that only throws: the operator is never applied.
  const throwing = args.find((a) => isBound(a) && onlyThrows(a));
  if (throwing !== undefined) return withArgFlags(make({ deps }), args);
  const lists = listedOnly(args.map(ordinary));
  if (lists) return withArgFlags(pointwise(op, lists, concrete, [], deps), args);
  return withArgFlags(withDepsIfBound(own(args.map(ordinary)), deps), args);
}

// ---------------------------------------------------------------------------------------------------------
// Numbers

/** The numbers a value can be as an operand (JavaScript's conversion), and whether a non-number (NaN) is possible. */
interface Numbers {
  readonly points: number[];
  readonly range: NumRange | null;
  readonly nan: boolean;
}

/** A value as numbers: `parse` is json-logic-js's parseFloat for `+` and `*`, otherwise JavaScript's Number(). */
function numbersOf(v: Val, parse: boolean): Numbers {
  const conv = (x: unknown): number => (parse ? (typeof x === "number" ? x : parseFloat(x as string)) : Number(x));
  if (!isBound(v)) {
    const n = conv(v);
    return { points: Number.isNaN(n) ? [] : [n], range: null, nan: Number.isNaN(n) };
  }
  const points: number[] = [];
  let nan = false;
  for (const x of v.values) {
    const n = conv(x);
    if (Number.isNaN(n)) nan = true;
    else points.push(n);
  }
  let range = v.num;
  if (v.text || v.any || v.record || v.list) {
    range = { lo: -Infinity, hi: Infinity, int: false };
    nan = true;
  }
  return { points, range, nan };
}

/** The smallest range holding every number. */
function hull(n: Numbers): NumRange | null {
  let lo = Infinity;
  let hi = -Infinity;
  let int = true;
  for (const p of n.points) {
    lo = Math.min(lo, p);
    hi = Math.max(hi, p);
    int &&= Number.isInteger(p);
  }
  if (n.range) {
    lo = Math.min(lo, n.range.lo);
    hi = Math.max(hi, n.range.hi);
    int &&= n.range.int;
  }
  return lo <= hi ? { lo, hi, int } : null;
}

/** An arithmetic result: a range, with an error possible when it can leave the finite numbers. */
function numberResult(r: NumRange | null, error: string | null): Val {
  if (r === null) return make({ error });
  return make({ num: r, error });
}

const NAN_ERROR = (op: string) => `a calculation ('${op}') gave no number (such as 0 / 0, a remainder by 0, or a text in a sum)`;
const INFINITE_ERROR = (op: string) => `a calculation ('${op}') gave an infinite result (such as a division by zero)`;

/** Interval arithmetic for `+ - * / % min max` on arguments that are not all listed values. */
export function arithmetic(op: string, args: readonly Val[]): Val {
  const parse = op === "+" || op === "*";
  const ns = args.map((a) => numbersOf(a, parse));
  let error: string | null = ns.some((n) => n.nan) ? NAN_ERROR(op) : null;
  const rs = ns.map(hull);
  if (rs.some((r) => r === null)) return make({ error: error ?? NAN_ERROR(op) });
  const r = rs as NumRange[];
  const int = r.every((x) => x.int);
  let out: NumRange;
  switch (op) {
    case "+":
      out = r.reduce((acc, x) => ({ lo: acc.lo + x.lo, hi: acc.hi + x.hi, int }), { lo: 0, hi: 0, int });
      break;
    case "*":
      out = r.slice(1).reduce((acc, x) => product(acc, x), r[0]!);
      out = { ...out, int };
      break;
    case "-":
      out = r.length === 1 ? { lo: -r[0]!.hi, hi: -r[0]!.lo, int } : { lo: r[0]!.lo - r[1]!.hi, hi: r[0]!.hi - r[1]!.lo, int };
      break;
    case "/": {
      const [a, b] = r as [NumRange, NumRange];
      if (b.lo <= 0 && b.hi >= 0) error ??= b.lo === 0 && b.hi === 0 && a.lo === 0 && a.hi === 0 ? NAN_ERROR(op) : INFINITE_ERROR(op);
      if (b.lo === 0 && b.hi === 0) return make({ error });
      if (b.lo < 0 && b.hi > 0) out = { lo: -Infinity, hi: Infinity, int: false };
      else {
        const blo = b.lo === 0 ? Number.MIN_VALUE : b.lo;
        const bhi = b.hi === 0 ? -Number.MIN_VALUE : b.hi;
        const q = [a.lo / blo, a.lo / bhi, a.hi / blo, a.hi / bhi].filter((x) => !Number.isNaN(x));
        out = { lo: Math.min(...q), hi: Math.max(...q), int: false };
      }
      break;
    }
    case "%": {
      const [a, b] = r as [NumRange, NumRange];
      if (b.lo <= 0 && b.hi >= 0) error ??= NAN_ERROR(op);
      if (b.lo === 0 && b.hi === 0) return make({ error });
      const m = Math.max(Math.abs(b.lo), Math.abs(b.hi));
      const lo = a.lo >= 0 ? 0 : Math.max(a.lo, -m);
      const hi = a.hi <= 0 ? 0 : Math.min(a.hi, m);
      out = { lo, hi, int };
      break;
    }
    case "min":
      out = { lo: Math.min(...r.map((x) => x.lo)), hi: Math.min(...r.map((x) => x.hi)), int };
      break;
    default:
      out = { lo: Math.max(...r.map((x) => x.lo)), hi: Math.max(...r.map((x) => x.hi)), int };
  }
  // Bounded operands whose result leaves the finite numbers: an overflow is possible.
  if (r.every((x) => Number.isFinite(x.lo) && Number.isFinite(x.hi)) && (!Number.isFinite(out.lo) || !Number.isFinite(out.hi))) error ??= INFINITE_ERROR(op);
  return numberResult(out, error);
}

function product(a: NumRange, b: NumRange): NumRange {
  const c = [a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi].map((x) => (Number.isNaN(x) ? 0 : x));
  return { lo: Math.min(...c), hi: Math.max(...c), int: a.int && b.int };
}

// ---------------------------------------------------------------------------------------------------------
// Comparisons

/** Numbers a comparison operand can be (JavaScript converts null to 0, yes/no to 1/0); undefined when not only numbers. */
function comparable(v: Val): NumRange[] | undefined {
  const b = lift(v);
  if (b.text || b.any || b.list || b.record) return undefined;
  const out: NumRange[] = [];
  for (const x of b.values) {
    if (typeof x === "number") out.push({ lo: x, hi: x, int: Number.isInteger(x) });
    else if (x === null || typeof x === "boolean") out.push({ lo: Number(x), hi: Number(x), int: true });
    else return undefined;
  }
  if (b.num) out.push(b.num);
  return out;
}

/** Whether `x op y` can hold and can fail for some x in `a` and y in `b` (closed ranges, ends included). */
function compareRanges(op: string, a: NumRange, b: NumRange): number {
  let t: boolean;
  let f: boolean;
  switch (op) {
    case "<":
      t = a.lo < b.hi;
      f = a.hi >= b.lo;
      break;
    case "<=":
      t = a.lo <= b.hi;
      f = a.hi > b.lo;
      break;
    case ">":
      t = a.hi > b.lo;
      f = a.lo <= b.hi;
      break;
    default:
      t = a.hi >= b.lo;
      f = a.lo < b.hi;
  }
  return (t ? CAN_TRUE : 0) | (f ? CAN_FALSE : 0);
}

/** `<`, `<=`, `>`, `>=` with two operands, on intervals. */
export function compare(op: string, a: Val, b: Val): Val {
  const ra = comparable(a);
  const rb = comparable(b);
  let bits = CAN_TRUE | CAN_FALSE;
  if (ra && rb) {
    bits = 0;
    for (const x of ra) for (const y of rb) bits |= compareRanges(op, x, y);
  }
  return boolOf(bits, [a, b], unionDeps(depsOf(a), depsOf(b)));
}

/** `lo < x < hi` (`<`) or `lo <= x <= hi` (`<=`): exact for known ends and a range of x; otherwise both comparisons. */
export function between(op: string, lo: Val, x: Val, hi: Val): Val {
  const l = comparable(lo);
  const m = comparable(x);
  const h = comparable(hi);
  const deps = unionDeps(depsOf(lo), depsOf(x), depsOf(hi));
  if (!isBound(lo) && !isBound(hi) && l && m && h && l.length === 1 && h.length === 1) {
    const a = l[0]!.lo;
    const c = h[0]!.lo;
    const strict = op === "<";
    const inside = (v: number) => (strict ? a < v && v < c : a <= v && v <= c);
    let bits = 0;
    for (const r of m) {
      // The interval allowed, met by the range: for whole numbers, its whole numbers.
      let from = Math.max(r.lo, a);
      let to = Math.min(r.hi, c);
      if (r.int) {
        from = strict && from === a ? Math.floor(a) + 1 : Math.ceil(from);
        to = strict && to === c ? Math.ceil(c) - 1 : Math.floor(to);
      }
      const meets = r.int ? from <= to && inside(from) : strict ? from < to || (from === to && inside(from)) : from <= to;
      if (meets) bits |= CAN_TRUE;
      if (!inside(r.lo) || !inside(r.hi)) bits |= CAN_FALSE;
    }
    return boolOf(bits, [lo, x, hi], deps);
  }
  const first = compare(op, lo, x);
  const second = compare(op, x, hi);
  return andOr(true, [() => first, () => second]);
}

/** `==`, `===`, `!=`, `!==` where an operand is not only listed values: ranges against numbers, else both answers. */
export function equality(op: string, a: Val, b: Val): Val {
  const negate = op === "!=" || op === "!==";
  const strict = op === "===" || op === "!==";
  const ba = lift(a);
  const bb = lift(b);
  let bits = CAN_TRUE | CAN_FALSE;
  const numbersOnly = (x: Bound) =>
    !x.text && !x.any && !x.list && !x.record && x.values.every((v) => typeof v === "number" || (!strict && (v === null || typeof v === "boolean")));
  if (numbersOnly(ba) && numbersOnly(bb) && !ba.values.includes(null) && !bb.values.includes(null)) {
    const ra = comparable(ba)!;
    const rb = comparable(bb)!;
    bits = 0;
    for (const x of ra)
      for (const y of rb) {
        const lo = Math.max(x.lo, y.lo);
        const hi = Math.min(x.hi, y.hi);
        const meet = lo <= hi && (!(x.int || y.int) || Math.ceil(lo) <= Math.floor(hi));
        if (meet) bits |= CAN_TRUE;
        if (!(x.lo === x.hi && y.lo === y.hi && x.lo === y.lo)) bits |= CAN_FALSE;
      }
  } else if (strict && (ba.num !== null || bb.num !== null)) {
    // A number is never strictly equal to a text, yes/no or null.
    const other = ba.num !== null ? bb : ba;
    if (!other.num && !other.any && other.values.every((v) => typeof v !== "number")) bits = CAN_FALSE;
  }
  // Against null: only null (and, loosely, undefined) is equal to it; a number, a text, a list or a record never is.
  const onlyNull = (x: Bound) => !x.num && !x.text && !x.list && !x.record && !x.any && x.values.length > 0 && x.values.every((v) => v === null);
  const other = onlyNull(ba) ? bb : onlyNull(bb) ? ba : undefined;
  if (other !== undefined) {
    const nullish = other.any || other.values.some((v) => v === null || v === undefined);
    const notNull =
      other.num !== null || other.text || other.list !== null || other.record !== null || other.any || other.values.some((v) => v !== null && v !== undefined);
    bits = (nullish ? CAN_TRUE : 0) | (notNull ? CAN_FALSE : 0);
  }
  if (negate) bits = (bits & CAN_TRUE ? CAN_FALSE : 0) | (bits & CAN_FALSE ? CAN_TRUE : 0);
  return boolOf(bits, [a, b], unionDeps(depsOf(a), depsOf(b)));
}

/** `in`: membership in a list (`===`) or a substring of a text, where an operand is not only listed values. */
export function membership(a: Val, b: Val): Val {
  const deps = unionDeps(depsOf(a), depsOf(b));
  let bits = CAN_TRUE | CAN_FALSE;
  if (!isBound(b) && Array.isArray(b)) {
    const ba = lift(a);
    if (!ba.any && !ba.list && !ba.record) {
      bits = 0;
      for (const x of ba.values) bits |= b.indexOf(x) !== -1 ? CAN_TRUE : CAN_FALSE;
      if (ba.text) {
        if (b.some((x) => typeof x === "string")) bits |= CAN_TRUE;
        bits |= CAN_FALSE;
      }
      if (ba.num) {
        const r = ba.num;
        const inside = b.filter((x): x is number => typeof x === "number" && x >= r.lo && x <= r.hi && (!r.int || Number.isInteger(x)));
        if (inside.length > 0) bits |= CAN_TRUE;
        const span = r.hi - r.lo + 1;
        const covered = r.int && Number.isFinite(span) && new Set(inside).size >= span;
        if (!covered) bits |= CAN_FALSE;
      }
    }
  }
  return boolOf(bits, [a, b], deps);
}

// ---------------------------------------------------------------------------------------------------------
// Lists

/** How many items a list bound can hold. */
export function listLength(l: ListBound): { lo: number; hi: number } {
  let lo = 0;
  let hi = 0;
  for (const it of l.items) {
    if (it.certain) lo++;
    hi++;
  }
  if (l.phantom) {
    lo += l.phantom.min;
    hi += l.phantom.max;
  }
  return { lo, hi };
}

/** A list value as items: a known list's items are certain; a bound's are as it says. Undefined for what is not a list. */
function listOf(v: Val): ListBound | undefined {
  if (!isBound(v)) {
    if (!Array.isArray(v)) return undefined;
    const located = nullItems.get(v);
    return {
      items: v.map((value, i) => (located?.[i] ? { value, certain: true, deps: NO_DEPS, as: located[i] } : { value, certain: true, deps: NO_DEPS })),
      phantom: null,
    };
  }
  if (v.list && v.values.length === 0 && !v.num && !v.text && !v.record && !v.any) return v.list;
  if (!v.list && !v.num && !v.text && !v.record && !v.any && v.values.length === 1 && Array.isArray(v.values[0])) return listOf(v.values[0]);
  return undefined;
}

/**
 * An item given as null in a list of the data (docs/semantics.md, "Lists"): an item that is there, its value
 * unknown. Reading it, or a field of it, gives the declared kind, asked for by the item's own path (`m[1].ok`).
 */
export class NullItem {
  constructor(
    readonly spec: InputSpec | null,
    readonly at: string,
  ) {}
}

/** The null items of lists read from the data, by list and index. */
const nullItems = new WeakMap<readonly unknown[], ReadonlyArray<NullItem | undefined>>();

/** Notes where the null items of a list read from the data at `at` are (items of kind `spec`). */
export function locateNullItems(list: readonly unknown[], at: string, spec: InputSpec | null): void {
  if (nullItems.has(list) || !list.includes(null)) return;
  nullItems.set(
    list,
    list.map((x, i) => (x === null ? new NullItem(spec, itemPath(at, i)) : undefined)),
  );
}

/** An item of a list not given: reading its fields gives their declared kinds, asked for as the list. */
export class PhantomItem {
  constructor(
    readonly spec: InputSpec | null,
    readonly at: string,
  ) {}
}

/** How each item fares under a per-item condition. */
interface ItemState {
  /** Whether the item can be out of the list, in and meeting the condition, in and not meeting it. */
  readonly absent: boolean;
  readonly yes: boolean;
  readonly no: boolean;
  /** Exceptional outcomes of the condition on this item. */
  readonly flags: Val;
  readonly deps: Deps;
}

function stateOf(item: ListItem, cond: Val): ItemState {
  const bits = truth(cond);
  const present = true;
  return {
    absent: !item.certain,
    yes: present && (bits & CAN_TRUE) !== 0,
    no: present && (bits & CAN_FALSE) !== 0,
    flags: isBound(cond) && (cond.empty || cond.error !== null) ? cond : null,
    deps: unionDeps(item.deps, depsOf(cond)),
  };
}

/** The states of the given items and of a phantom item (a list not given) under a condition. */
function statesOf(l: ListBound, cond: (item: unknown) => Val): { items: ItemState[]; phantom: ItemState | null } {
  const items = l.items.map((it) => stateOf(it, cond(it.as ?? it.value)));
  let phantom: ItemState | null = null;
  if (l.phantom && l.phantom.max > 0) {
    const c = cond(new PhantomItem(l.phantom.item, l.phantom.at));
    // The phantom stands for the items of a list not given: there may be none of them only when the list may be empty.
    phantom = stateOf({ value: null, certain: l.phantom.min > 0, deps: new Set([l.phantom.at]) }, c);
  }
  return { items, phantom };
}

function uncertain(s: ItemState): boolean {
  return Number(s.absent) + Number(s.yes) + Number(s.no) > 1;
}

function flagsOfStates(states: readonly ItemState[]): Val[] {
  return states.filter((s) => s.flags !== null).map((s) => s.flags);
}

/** The list's own paths (a list not given, or a list computed from unknowns) and those of its uncertain items (or items that may throw). */
function listDeps(listVal: Val, states: readonly ItemState[]): Deps {
  return unionDeps(depsOf(listVal), ...states.filter((s) => uncertain(s) || s.flags !== null).map((s) => s.deps));
}

/** `all`: false for an empty list; json-logic-js stops at the first item that fails the condition. */
export function all(listVal: Val, cond: (item: unknown) => Val): Val {
  const l = listOf(listVal);
  if (!l) return unknownListResult(listVal);
  const { items, phantom } = statesOf(l, cond);
  // Evaluation reaches an item only while every item before it can meet the condition.
  const reached: ItemState[] = [];
  for (const s of items) {
    reached.push(s);
    if (!s.absent && !s.yes) break;
  }
  if (phantom) reached.push(phantom);
  const states = phantom ? [...items, phantom] : items;
  const minPresent = listLength(l).lo;
  // Holds: some item in and meeting it, every item out or meeting it.
  const canHold = states.every((s) => s.absent || s.yes) && (items.some((s) => s.yes) || (phantom !== null && phantom.yes));
  const canEmpty = minPresent === 0 && items.every((s) => s.absent);
  const canFail = canEmpty || states.some((s) => s.no);
  const bits = (canHold ? CAN_TRUE : 0) | (canFail ? CAN_FALSE : 0);
  return boolOf(bits, [listVal, ...flagsOfStates(reached)], listDeps(listVal, states));
}

/** `some` (`found` true) or `none`: json-logic-js tests every item (it filters, then counts). */
export function someNone(found: boolean, listVal: Val, cond: (item: unknown) => Val): Val {
  const l = listOf(listVal);
  if (!l) return unknownListResult(listVal);
  const { items, phantom } = statesOf(l, cond);
  const states = phantom ? [...items, phantom] : items;
  const canSome = states.some((s) => s.yes);
  const canNone = states.every((s) => s.absent || s.no);
  let bits = (canSome ? CAN_TRUE : 0) | (canNone ? CAN_FALSE : 0);
  if (!found) bits = (bits & CAN_TRUE ? CAN_FALSE : 0) | (bits & CAN_FALSE ? CAN_TRUE : 0);
  return boolOf(bits, [listVal, ...flagsOfStates(states)], listDeps(listVal, states));
}

/** What a list operator gives on something not a list: json-logic-js treats it as an empty list, which this leaves open. */
function unknownListResult(v: Val): Val {
  return make({ values: [true, false], ...flagsOf([v]), deps: depsOf(v) });
}

/** `filter`: the items meeting the condition; an item whose condition is unknown is perhaps in the list. */
export function filter(listVal: Val, cond: (item: unknown) => Val): Val {
  const l = listOf(listVal);
  if (!l)
    return make({ list: { items: [], phantom: { item: null, min: 0, max: Number.MAX_SAFE_INTEGER, at: "?" } }, ...flagsOf([listVal]), deps: depsOf(listVal) });
  const { items, phantom } = statesOf(l, cond);
  const kept: ListItem[] = [];
  items.forEach((s, i) => {
    if (!s.yes) return;
    const certain = !s.absent && !s.no;
    const as = l.items[i]!.as;
    kept.push({ value: l.items[i]!.value, certain, deps: certain ? NO_DEPS : s.deps, ...(as ? { as } : {}) });
  });
  const ph = phantom && phantom.yes ? { ...l.phantom!, min: phantom.no || phantom.absent ? 0 : l.phantom!.min } : null;
  const flags = flagsOf([listVal, ...flagsOfStates(phantom ? [...items, phantom] : items)]);
  if (ph === null && kept.every((k) => k.certain) && !flags.empty && flags.error === null) {
    const out = kept.map((k) => k.value);
    if (kept.some((k) => k.as))
      nullItems.set(
        out,
        kept.map((k) => k.as),
      );
    return out;
  }
  return make({ list: { items: kept, phantom: ph }, ...flags, deps: listDeps(listVal, phantom ? [...items, phantom] : items) });
}

/** `count` of a list (after its `filter`, when a condition is given): a whole number between the certain and the possible items. */
export function count(listVal: Val): Val {
  const l = listOf(listVal);
  if (!l) return make({ num: { lo: 0, hi: Number.MAX_SAFE_INTEGER, int: true }, ...flagsOf([listVal]), deps: depsOf(listVal) });
  const n = listLength(l);
  const deps = unionDeps(depsOf(listVal), ...l.items.filter((it) => !it.certain).map((it) => it.deps));
  return make({ num: { lo: n.lo, hi: Math.min(n.hi, Number.MAX_SAFE_INTEGER), int: true }, ...flagsOf([listVal]), deps });
}

// ---------------------------------------------------------------------------------------------------------
// Shares and ratios

/** A percentage's exact fraction `units / scale`, or its possible range when unknown. */
interface PercentBounds {
  readonly lo: { units: number; scale: number };
  readonly hi: { units: number; scale: number };
  readonly error: string | null;
}

function percentBounds(p: Val): PercentBounds | undefined {
  const exact = (x: number) => {
    const e = exactPercent(x);
    return e ? { units: Number(e.units), scale: Number(e.scale) } : undefined;
  };
  if (!isBound(p)) {
    if (typeof p !== "number") return undefined;
    const e = exact(p);
    return e ? { lo: e, hi: e, error: null } : undefined;
  }
  const n = numbersOf(p, false);
  const r = hull(n);
  if (!r) return undefined;
  const lo = exact(Math.max(0, Math.min(100, r.lo)));
  const hi = exact(Math.max(0, Math.min(100, r.hi)));
  if (!lo || !hi) return undefined;
  const outside = r.lo < 0 || r.hi > 100 || n.nan || !r.int;
  return { lo, hi, error: outside ? "a percentage must be a number from 0 to 100" : null };
}

/** Each item's possible terms `100·met − P·kept` of a share, with whether the term keeps the item in the base. */
interface Options {
  readonly terms: readonly { readonly kept: boolean; readonly term: number }[];
}

/** The lowest and highest sum of one term per item, given that at least one item is kept (undefined: none can be). */
function extremesWithKept(items: readonly Options[]): { min: number; max: number } | undefined {
  let max = 0;
  let min = 0;
  let keptAtMax = false;
  let keptAtMin = false;
  let lossMax = Infinity;
  let lossMin = Infinity;
  let anyKept = false;
  for (const it of items) {
    const best = Math.max(...it.terms.map((o) => o.term));
    const worst = Math.min(...it.terms.map((o) => o.term));
    const kept = it.terms.filter((o) => o.kept).map((o) => o.term);
    max += best;
    min += worst;
    if (kept.length === 0) continue;
    anyKept = true;
    const bestKept = Math.max(...kept);
    const worstKept = Math.min(...kept);
    if (bestKept === best) keptAtMax = true;
    if (worstKept === worst) keptAtMin = true;
    lossMax = Math.min(lossMax, best - bestKept);
    lossMin = Math.min(lossMin, worstKept - worst);
  }
  if (!anyKept) return undefined;
  return { max: keptAtMax ? max : max - lossMax, min: keptAtMin ? min : min + lossMin };
}

/**
 * `shareAtLeast` / `shareAtMost` `[P, list, condition, exclude?]`: at least (at most) P% of the items not excluded
 * meet the condition, compared exactly in whole numbers. A base that can be empty gives the empty-group outcome.
 */
export function share(op: "atLeast" | "atMost", percent: Val, listVal: Val, cond: (item: unknown) => Val, exclude: ((item: unknown) => Val) | null): Val {
  const l = listOf(listVal);
  const pb = percentBounds(percent);
  const baseDeps = unionDeps(depsOf(listVal), depsOf(percent));
  if (!l || !pb) return make({ values: [true, false], empty: true, error: pb ? null : "a percentage must be a number from 0 to 100", deps: baseDeps });
  // Each item: out of the list (perhaps), excluded, kept meeting the condition, kept not meeting it.
  type Item = { absent: boolean; excluded: boolean; met: boolean; unmet: boolean; deps: Deps; flags: Val[] };
  const itemOf = (value: unknown, certain: boolean, itemDeps: Deps): Item => {
    const ex = exclude ? exclude(value) : false;
    const exBits = truth(ex);
    const keptPossible = (exBits & CAN_FALSE) !== 0;
    const c = keptPossible ? cond(value) : false;
    const cBits = truth(c);
    const flags = [ex, c].filter((v) => isBound(v) && (v.empty || v.error !== null));
    return {
      absent: !certain,
      excluded: (exBits & CAN_TRUE) !== 0,
      met: keptPossible && (cBits & CAN_TRUE) !== 0,
      unmet: keptPossible && (cBits & CAN_FALSE) !== 0,
      deps: unionDeps(itemDeps, depsOf(ex), depsOf(c)),
      flags,
    };
  };
  const items = l.items.map((it) => itemOf(it.as ?? it.value, it.certain, it.deps));
  const phantom = l.phantom && l.phantom.max > 0 ? itemOf(new PhantomItem(l.phantom.item, l.phantom.at), true, new Set([l.phantom.at])) : null;
  const flags = [...items.flatMap((i) => i.flags), ...(phantom ? phantom.flags : [])];
  const optionsAt = (it: Item, units: number, scale: number): Options => {
    const terms: { kept: boolean; term: number }[] = [];
    if (it.absent || it.excluded) terms.push({ kept: false, term: 0 });
    if (it.met) terms.push({ kept: true, term: 100 * scale - units });
    if (it.unmet) terms.push({ kept: true, term: -units });
    return { terms };
  };
  // A list not given: its items all come from the phantom, any number from min to max; one or two copies of
  // an item reach every outcome a single kind of item can give.
  const phantomMin = l.phantom ? l.phantom.min : 0;
  const canEmpty = items.every((it) => it.absent || it.excluded) && (phantom === null || phantomMin === 0 || phantom.excluded);
  const mustEmpty = items.every((it) => !it.met && !it.unmet) && (phantom === null || (!phantom.met && !phantom.unmet));
  let canTrue = false;
  let canFalse = false;
  if (!mustEmpty) {
    const withCopies = (units: number, scale: number): Options[] => {
      const opts = items.map((it) => optionsAt(it, units, scale));
      if (phantom) {
        // Two copies of the phantom item reach every outcome its kind can give; the first must be in the list
        // when the list has at least one item, the second when it has two.
        const copies = Math.min(l.phantom!.max, 2);
        for (let k = 0; k < copies; k++) opts.push(optionsAt({ ...phantom, absent: k >= phantomMin }, units, scale));
      }
      return opts.filter((o) => o.terms.length > 0);
    };
    // The most favourable percentage for holding, the least for failing.
    const easy = op === "atLeast" ? pb.lo : pb.hi;
    const hard = op === "atLeast" ? pb.hi : pb.lo;
    const eEasy = extremesWithKept(withCopies(easy.units, easy.scale));
    const eHard = extremesWithKept(withCopies(hard.units, hard.scale));
    if (op === "atLeast") {
      canTrue = eEasy !== undefined && eEasy.max >= 0;
      canFalse = eHard !== undefined && eHard.min < 0;
    } else {
      canTrue = eEasy !== undefined && eEasy.min <= 0;
      canFalse = eHard !== undefined && eHard.max > 0;
    }
  }
  const values: boolean[] = [];
  if (canTrue) values.push(true);
  if (canFalse) values.push(false);
  const states = [...items, ...(phantom ? [phantom] : [])];
  // The paths that decide between the outcomes (when there is more than one): the list's own, and those of the
  // items whose state is not settled or whose condition may throw.
  const relevant = values.length + Number(canEmpty) + Number(flags.length > 0) > 1;
  const deps = relevant
    ? unionDeps(
        baseDeps,
        ...states.filter((s) => Number(s.absent) + Number(s.excluded) + Number(s.met) + Number(s.unmet) > 1 || s.flags.length > 0).map((s) => s.deps),
      )
    : NO_DEPS;
  const fl = flagsOf(flags);
  return make({ values, empty: canEmpty || fl.empty, error: pb.error ?? fl.error, deps });
}

/**
 * `ratioAtLeast` / `ratioAtMost` `[part, whole, P]` where an operand is unknown: from the ranges of the part and
 * the whole. A whole that can be 0 (with a part of 0) gives the empty-group outcome; a part that can exceed the
 * whole, an error.
 */
export function ratio(op: "atLeast" | "atMost", part: Val, whole: Val, percent: Val): Val {
  const deps = unionDeps(depsOf(part), depsOf(whole), depsOf(percent));
  const rp = hull(numbersOf(part, false));
  const rw = hull(numbersOf(whole, false));
  const pb = percentBounds(percent);
  if (!rp || !rw || !pb) return make({ values: [true, false], empty: true, error: "a share needs whole numbers", deps });
  let error: string | null = pb.error;
  if (rp.lo < 0 || rw.lo < 0 || !rp.int || !rw.int) error ??= "a share needs whole numbers of at least 0";
  const a = Math.max(0, rp.lo);
  const b = rp.hi;
  const c = Math.max(0, rw.lo);
  const d = rw.hi;
  if (b > c) error ??= "the part is larger than the whole";
  const canEmpty = c === 0 && a === 0;
  // Feasible pairs: part p in [a, b], whole w in [c, d], 1 <= w, p <= w.
  const w0 = Math.max(c, 1, a);
  const feasible = w0 <= d;
  // The highest share: the smallest whole with the largest part it allows (as a term 100·part − P·whole). The
  // lowest: the smallest part of the largest whole.
  const highest = (units: number, scale: number) => 100 * scale * Math.min(b, w0) - units * w0;
  let canTrue = false;
  let canFalse = false;
  if (feasible) {
    const easy = op === "atLeast" ? pb.lo : pb.hi;
    const hard = op === "atLeast" ? pb.hi : pb.lo;
    if (op === "atLeast") {
      canTrue = highest(easy.units, easy.scale) >= 0;
      canFalse = d === Infinity ? hard.units > 0 : 100 * hard.scale * a < hard.units * d;
    } else {
      canTrue = d === Infinity ? easy.units > 0 || a === 0 : 100 * easy.scale * a <= easy.units * d;
      canFalse = highest(hard.units, hard.scale) > 0;
    }
  }
  const values: boolean[] = [];
  if (canTrue) values.push(true);
  if (canFalse) values.push(false);
  return make({ values, empty: canEmpty, error, deps });
}

/**
 * The numbers a value's ordinary values can be: lowest and highest (undefined when none is a number), whether all
 * are whole, and whether something else (a text, null, a list...) is possible.
 */
export function numbersIn(v: Val): { lo: number | undefined; hi: number | undefined; int: boolean; other: boolean } {
  const b = lift(v);
  let lo: number | undefined;
  let hi: number | undefined;
  let int = true;
  let other = b.text || b.any || b.list !== null || b.record !== null;
  for (const x of b.values) {
    if (typeof x !== "number" || !Number.isFinite(x)) {
      other = true;
      continue;
    }
    lo = lo === undefined ? x : Math.min(lo, x);
    hi = hi === undefined ? x : Math.max(hi, x);
    int &&= Number.isInteger(x);
  }
  if (b.num) {
    lo = lo === undefined ? b.num.lo : Math.min(lo, b.num.lo);
    hi = hi === undefined ? b.num.hi : Math.max(hi, b.num.hi);
    int &&= b.num.int;
  }
  return { lo, hi, int, other };
}
