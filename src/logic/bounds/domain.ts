/**
 * The domain of three-valued evaluation: a value known or a {@link Bound} (values listed, a range of numbers,
 * any text, a list or record not all known), joined, with its flags and the absent paths it depends on; and the
 * unknown value of a declared input.
 *
 * @module
 */
import type { InputSpec } from "../../schema/inputs.js";
import { itemPath } from "../trace.js";

/** A range of numbers, bounds included; `-Infinity`/`Infinity` mean unbounded. `int`: whole numbers only. */
export interface NumRange {
  readonly lo: number;
  readonly hi: number;
  readonly int: boolean;
}

/** Absent data paths that could change a value. */
export type Deps = ReadonlySet<string>;

export const NO_DEPS: Deps = new Set();

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
export function ordinary(v: Val): Val {
  if (!isBound(v) || (!v.empty && v.error === null)) return v;
  return make({ values: v.values, num: v.num, text: v.text, list: v.list, record: v.record, any: v.any, deps: v.deps });
}

/** Exceptional outcomes of several values, as parts to spread into {@link make}. */
export function flagsOf(vals: readonly Val[]): { empty: boolean; error: string | null } {
  let empty = false;
  let error: string | null = null;
  for (const v of vals)
    if (isBound(v)) {
      empty ||= v.empty;
      error ??= v.error;
    }
  return { empty, error };
}

/** True when the value is a bound with no ordinary value (every completion throws). */
export function onlyThrows(v: Val): boolean {
  if (!isBound(v)) return false;
  const b = v;
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
// Lists as items

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
export function listOf(v: Val): ListBound | undefined {
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
export const nullItems = new WeakMap<readonly unknown[], ReadonlyArray<NullItem | undefined>>();

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
