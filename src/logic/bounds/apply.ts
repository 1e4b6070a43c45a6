/**
 * Applying an operator value by value: a value operator whose arguments are few known values is applied to
 * each combination by the engine's own meaning ({@link Concrete}); other arguments go to its own bounds.
 *
 * @module
 */
import { Inapplicable, RuleValueError } from "../exact.js";
import { Bound, type Deps, depsOf, flagsOf, isBound, join, make, NO_DEPS, onlyThrows, ordinary, thrown, unionDeps, type Val } from "./domain.js";
import { exceptionalDeps } from "./logic.js";

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
  const throwing = args.find(onlyThrows);
  if (throwing !== undefined) return withArgFlags(make({ deps }), args);
  const lists = listedOnly(args.map(ordinary));
  if (lists) return withArgFlags(pointwise(op, lists, concrete, [], deps), args);
  return withArgFlags(withDepsIfBound(own(args.map(ordinary)), deps), args);
}
