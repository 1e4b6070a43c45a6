/**
 * Truthiness over bounds, and the logic operators on it: `and`, `or`, `!`, `!!`, `if` (Kleene's logic on
 * JsonLogic truthiness).
 *
 * @module
 */
import { Bound, type Deps, depsOf, flagsOf, isBound, join, type ListBound, listLength, make, NO_DEPS, type NumRange, unionDeps, type Val } from "./domain.js";

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
export function boolOf(bits: number, from: readonly Val[], deps: Deps): Val {
  const values: boolean[] = [];
  if (bits & CAN_TRUE) values.push(true);
  if (bits & CAN_FALSE) values.push(false);
  const flags = flagsOf(from);
  const outcomes = values.length + Number(flags.empty) + Number(flags.error !== null);
  return make({ values, ...flags, deps: outcomes > 1 ? unionDeps(deps, ...from.map(exceptionalDeps)) : NO_DEPS });
}

/** The paths of a value that could change whether it throws (its deps, when it may throw and may not). */
export function exceptionalDeps(v: Val): Deps {
  return isBound(v) && (v.empty || v.error !== null) ? v.deps : NO_DEPS;
}

/** The part of a value that is truthy (`want` true) or falsy: what `and`/`or` pass on. */
export function part(v: Val, want: boolean): Val {
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
