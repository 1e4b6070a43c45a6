/**
 * Three-valued evaluation: each rule compiled once into closures that compute its value over the completions of
 * the missing data, by each operator's own bounds (its family's `bounds` or `ownBounds`, over the lattice of
 * `bounds.ts`). An operation whose arguments are known is applied two-valued by the engine's {@link Concrete}:
 * the closures' meaning ({@link compiledConcrete}) for the compiled engine, json-logic-js's for the reference.
 * `evaluate` runs these only for a rule that read absent data; with complete data the plain rules run.
 *
 * Each closure knows, when it is compiled, the declared kind of what its `var`s read: the set's inputs at the top
 * level, the item kind of the list inside `all`, `some`, `none`, `filter`, `count` and the shares.
 *
 * @module
 */
import { EvaluationError } from "../errors.js";
import { msg } from "../i18n/index.js";
import type { Rule } from "../schema/rule.js";
import { apply, boundOfThrown, type Concrete, depsOf, isBound, make, unionDeps } from "./bounds.js";
import { operatorOf } from "./operators.js";
import type { BoundsContext, BoundsFn } from "./ops/types.js";
import { itemSpec, specAt, type BoundsRule, type ScopeSpec } from "./read-bounds.js";
import { ruleParts } from "./walk.js";

/** A value operator applied to known argument values, as the compiled closures apply it. Throws what they throw. */
export function applyOperator(op: string, args: readonly unknown[]): unknown {
  const apply = operatorOf(op)?.apply;
  if (apply === undefined) throw new EvaluationError(msg("eval.compile_op", { op }));
  return apply(args);
}

/** The compiled evaluator's two-valued meaning on known arguments, what it throws turned into an exceptional outcome. */
export const compiledConcrete: Concrete = (op, args) => {
  try {
    return applyOperator(op, args);
  } catch (e) {
    return boundOfThrown(e);
  }
};

/**
 * The declared kind of the items of a list expression: a `var` of a declared list, or a `filter` of one.
 * Unknown (null) for anything else.
 */
export function listItemSpec(listRule: Rule, scope: ScopeSpec): ScopeSpec {
  const p = ruleParts(listRule);
  if (p === undefined) return null;
  if (p.op === "var" && typeof p.args[0] === "string") return itemSpec(specAt(scope, p.args[0]));
  if (p.op === "filter") return listItemSpec(p.args[0]!, scope);
  return null;
}

/** Walks a rule; every operation is compiled three-valued by its operator's family. */
class BoundsCompiler implements BoundsContext {
  constructor(
    readonly scope: ScopeSpec,
    readonly concrete: Concrete,
  ) {}

  itemScope(listRule: Rule): ScopeSpec {
    return listItemSpec(listRule, this.scope);
  }

  compile(r: Rule, scope: ScopeSpec = this.scope): BoundsFn {
    if (scope !== this.scope) return new BoundsCompiler(scope, this.concrete).compile(r);
    if (Array.isArray(r)) {
      const items = r.map((x) => this.compile(x));
      return (d, env) => {
        const vals = items.map((f) => f(d, env));
        // A list with an unknown item: any list (only `in` reads such a literal, which then may hold or not).
        return vals.some(isBound) ? make({ any: true, deps: unionDeps(...vals.map(depsOf)) }) : vals;
      };
    }
    const p = ruleParts(r);
    if (p === undefined) return () => r;
    const { op, args } = p;
    const operator = operatorOf(op);
    if (operator === undefined) throw new EvaluationError(msg("eval.refuse_op", { keys: JSON.stringify([op]) }));
    if (operator.bounds) return operator.bounds(args, this);
    const own = operator.ownBounds;
    if (own === undefined) throw new EvaluationError(msg("eval.compile_op", { op }));
    const parts = args.map((a) => this.compile(a));
    const concrete = this.concrete;
    return (d, env) =>
      apply(
        op,
        parts.map((f) => f(d, env)),
        concrete,
        own,
      );
  }
}

/**
 * Compiles a checked rule into its three-valued form. `scope` is the declared kind of the top level (the set's
 * inputs, see `rootSpec`); `concrete` the engine's meaning of an operation on known arguments (the closures' by
 * default).
 */
export function compileBounds(rule: Rule, scope: ScopeSpec, concrete: Concrete = compiledConcrete): BoundsRule {
  const f = new BoundsCompiler(scope, concrete).compile(rule);
  return (env) => f(env.scope.root, env);
}
