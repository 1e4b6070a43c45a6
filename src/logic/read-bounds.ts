/**
 * Reading the unit's data in three-valued evaluation: a value found is known; a value absent is every value its
 * declaration allows ({@link unknownOf}), asked for by its path; a derived value that could not be computed is
 * what it can be. Both evaluators read through here, so they agree on what an absent value can be.
 *
 * @module
 */
import type { InputSpec, Inputs } from "../schema/inputs.js";
import { depsOf, isBound, locateNullItems, NullItem, PhantomItem, unknownOf, type Val } from "./bounds.js";
import { joinPath, pathIn, type EvalScope } from "./trace.js";

/** What three-valued evaluation of one unit reads from. */
export interface BoundsEnv {
  /** The unit's data, its records' paths, and the derived values computed two-valued. */
  readonly scope: EvalScope;
  /** Derived values without a plain value: what they can be (a share of an empty group, an error, or a bound). */
  readonly derived: { has(name: string): boolean; get(name: string): Val };
  /** The most items a list not given can have (the data limit). */
  readonly maxItems: number;
  /** Told of each value found (for explanations). */
  readonly found?: (base: unknown, rel: string, value: unknown) => void;
  /** Told of each absent value read, by the path asked for (whether or not it could change anything). */
  readonly absent?: (path: string) => void;
}

/** A rule prepared for three-valued evaluation: its value over the completions of the missing data. */
export type BoundsRule = (env: BoundsEnv) => Val;

/** The declared kind of what a rule reads: the set's inputs at the top, an item's kind inside a list operator. */
export type ScopeSpec = InputSpec | null;

/** The set's inputs as the declared kind of the top level. */
export function rootSpec(inputs: Inputs): InputSpec {
  return { type: "object", description: { vi: "", en: "" }, fields: inputs };
}

/** The declared kind at a dotted path below `spec` (null when not declared, e.g. a derived value). */
export function specAt(spec: ScopeSpec, rel: string): ScopeSpec {
  if (rel === "") return spec;
  let s: ScopeSpec = spec;
  for (const key of rel.split(".")) {
    // A title held at levels reads as a yes/no by level.
    if (s !== null && s.type === "title" && s.levels?.includes(key)) s = { type: "boolean", description: s.description };
    else if (s === null || s.type !== "object" || !Object.hasOwn(s.fields, key)) return null;
    else s = s.fields[key]!;
  }
  return s;
}

/** The declared kind of an item of a list of this kind. */
export function itemSpec(list: ScopeSpec): ScopeSpec {
  return list !== null && list.type === "array" ? list.items : null;
}

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * The value at `keys` below `d` through own properties only, or null where a step is missing, not an object, or
 * undefined: `var`'s lookup, as json-logic-js reads a path (the compiled closures inline their own copy for speed).
 */
export function readOwn(d: unknown, keys: readonly string[]): unknown {
  let v: unknown = d;
  for (const k of keys) {
    if (typeof v !== "object" || v === null || !hasOwn.call(v, k)) return null;
    v = (v as Record<string, unknown>)[k];
    if (v === undefined) return null;
  }
  return v;
}

/**
 * The value of `{"var": rel}` read from `d` (the top level, an item of a list, or an item of a list not given),
 * `spec` being the declared kind at that path.
 */
export function readBound(d: unknown, keys: readonly string[], rel: string, spec: ScopeSpec, env: BoundsEnv): Val {
  if (d instanceof PhantomItem) {
    env.absent?.(d.at);
    return unknownOf(rel === "" ? d.spec : specAt(d.spec, rel), d.at, true, env.maxItems);
  }
  if (d instanceof NullItem) {
    const path = joinPath(d.at, rel);
    env.absent?.(path);
    return unknownOf(rel === "" ? d.spec : specAt(d.spec, rel), path, false, env.maxItems);
  }
  const v = rel === "" ? d : readOwn(d, keys);
  if (v !== null && v !== undefined) {
    env.found?.(d, rel, v);
    // A list with null items: each is asked for by its own path when a condition reads it.
    if (Array.isArray(v) && v.includes(null)) locateNullItems(v, pathIn(env.scope, d, rel), itemSpec(spec));
    return v;
  }
  if (d === env.scope.root && keys.length > 0 && env.derived.has(keys[0]!)) {
    const b = env.derived.get(keys[0]!);
    if (isBound(b)) for (const p of b.deps) env.absent?.(p);
    // A field of a derived value that is not known: anything, asked for as the derived value is.
    return keys.length === 1 ? b : unknownOf(null, keys[0]!, false, env.maxItems, depsOf(b));
  }
  const path = pathIn(env.scope, d, rel);
  env.absent?.(path);
  return unknownOf(spec, path, false, env.maxItems);
}
