/**
 * The compiled evaluator's three-valued form: each rule compiled once into closures that compute its value over
 * the completions of the missing data, by each operator's own bounds (`bounds.ts`). An operation whose
 * arguments are known is applied as the two-valued closures apply it ({@link applyOperator}). `evaluate` runs
 * these only for a rule that read absent data; with complete data the plain closures of `compile.ts` run.
 *
 * Each closure knows, when it is compiled, the declared kind of what its `var`s read: the set's inputs at the top
 * level, the item kind of the list inside `all`, `some`, `none`, `filter`, `count` and the shares.
 *
 * @module
 */
import { EvaluationError } from "../errors.js";
import { msg } from "../i18n/index.js";
import type { Rule } from "../schema/rule.js";
import {
  all,
  andOr,
  arithmetic,
  apply,
  between,
  boundOfThrown,
  compare,
  type Concrete,
  count,
  equality,
  filter,
  ifThen,
  isBound,
  make,
  membership,
  not,
  ratio,
  share,
  someNone,
  unionDeps,
  depsOf,
  type Val,
} from "./bounds.js";
import { applyOperator } from "./apply.js";
import { OPERATORS } from "./operators.js";
import { itemSpec, readBound, specAt, type BoundsEnv, type BoundsRule, type ScopeSpec } from "./read-bounds.js";

/** A compiled three-valued rule: its value on `d` (the top level or a list item). */
type BoundsFn = (d: unknown, env: BoundsEnv) => Val;

/** The compiled evaluator's two-valued meaning on known arguments, what it throws turned into an exceptional outcome. */
export const compiledConcrete: Concrete = (op, args) => {
  try {
    return applyOperator(op, args);
  } catch (e) {
    return boundOfThrown(e);
  }
};

type Obj = { readonly [k: string]: Rule };

function isOperation(r: Rule): r is Obj {
  return typeof r === "object" && r !== null && !Array.isArray(r);
}

function argsOf(r: Obj, op: string): Rule[] {
  const raw = r[op]!;
  return Array.isArray(raw) ? raw : [raw];
}

/** The own bounds of each value operator, for arguments that are not all known. */
function ownBounds(op: string): (args: readonly Val[]) => Val {
  switch (op) {
    case "==":
    case "===":
    case "!=":
    case "!==":
      return ([a, b]) => equality(op, a, b);
    case ">":
    case ">=":
      return ([a, b]) => compare(op, a, b);
    case "<":
    case "<=":
      return (args) => (args.length >= 3 ? between(op, args[0], args[1], args[2]) : compare(op, args[0], args[1]));
    case "!":
    case "!!":
      return ([a]) => not(a, op === "!");
    case "in":
      return ([a, b]) => membership(a, b);
    case "ratioAtLeast":
    case "ratioAtMost":
      return ([a, b, c]) => ratio(op === "ratioAtLeast" ? "atLeast" : "atMost", a, b, c);
    default:
      return (args) => arithmetic(op, args);
  }
}

/**
 * The declared kind of the items of a list expression: a `var` of a declared list, or a `filter` of one.
 * Unknown (null) for anything else.
 */
export function listItemSpec(listRule: Rule, scope: ScopeSpec): ScopeSpec {
  if (!isOperation(listRule)) return null;
  const op = Object.keys(listRule)[0]!;
  const args = argsOf(listRule, op);
  if (op === "var" && typeof args[0] === "string") return itemSpec(specAt(scope, args[0]));
  if (op === "filter") return listItemSpec(args[0]!, scope);
  return null;
}

class BoundsCompiler {
  compile(r: Rule, scope: ScopeSpec): BoundsFn {
    if (Array.isArray(r)) {
      const items = r.map((x) => this.compile(x, scope));
      return (d, env) => {
        const vals = items.map((f) => f(d, env));
        // A list with an unknown item: any list (only `in` reads such a literal, which then may hold or not).
        return vals.some(isBound) ? make({ any: true, deps: unionDeps(...vals.map(depsOf)) }) : vals;
      };
    }
    if (!isOperation(r)) return () => r;
    const op = Object.keys(r)[0]!;
    const args = argsOf(r, op);
    if (!OPERATORS.has(op)) throw new EvaluationError(msg("eval.refuse_op", { keys: JSON.stringify([op]) }));
    switch (op) {
      case "var": {
        const rel = args[0] === null || args[0] === undefined ? "" : String(args[0]);
        const keys = rel === "" ? [] : rel.split(".");
        const spec = specAt(scope, rel);
        return (d, env) => readBound(d, keys, rel, spec, env);
      }
      case "and":
      case "or": {
        const parts = args.map((a) => this.compile(a, scope));
        const isAnd = op === "and";
        return (d, env) => andOr(isAnd, parts.map((p) => () => p(d, env)));
      }
      case "if": {
        const conds: BoundsFn[] = [];
        const thens: BoundsFn[] = [];
        let i = 0;
        for (; i < args.length - 1; i += 2) {
          conds.push(this.compile(args[i]!, scope));
          thens.push(this.compile(args[i + 1]!, scope));
        }
        const last = args.length === i + 1 ? this.compile(args[i]!, scope) : null;
        return (d, env) =>
          ifThen(
            conds.map((c) => () => c(d, env)),
            thens.map((t) => () => t(d, env)),
            last ? () => last(d, env) : null,
          );
      }
      case "all":
      case "some":
      case "none":
      case "filter":
      case "count": {
        const list = this.compile(args[0]!, scope);
        const item = listItemSpec(args[0]!, scope);
        const cond = args[1] === undefined ? null : this.compile(args[1], item);
        const test = (env: BoundsEnv) => (x: unknown) => (cond ? cond(x, env) : false);
        if (op === "all") return (d, env) => all(list(d, env), test(env));
        if (op === "some" || op === "none") return (d, env) => someNone(op === "some", list(d, env), test(env));
        if (op === "filter") return (d, env) => filter(list(d, env), test(env));
        // As expanded: with exactly two arguments a filter is counted, otherwise the list's length.
        if (args.length !== 2) return (d, env) => count(list(d, env));
        return (d, env) => count(filter(list(d, env), test(env)));
      }
      case "shareAtLeast":
      case "shareAtMost": {
        const percent = this.compile(args[0]!, scope);
        const list = this.compile(args[1]!, scope);
        const item = listItemSpec(args[1]!, scope);
        const cond = this.compile(args[2]!, item);
        const exclude = args[3] === undefined ? null : this.compile(args[3], item);
        const which = op === "shareAtLeast" ? "atLeast" : "atMost";
        return (d, env) =>
          share(
            which,
            percent(d, env),
            list(d, env),
            (x) => cond(x, env),
            exclude ? (x) => exclude(x, env) : null,
          );
      }
      default: {
        const parts = args.map((a) => this.compile(a, scope));
        const own = ownBounds(op);
        return (d, env) =>
          apply(
            op,
            parts.map((p) => p(d, env)),
            compiledConcrete,
            own,
          );
      }
    }
  }
}

/**
 * Compiles a checked rule into its three-valued form. `scope` is the declared kind of the top level (the set's
 * inputs, see `rootSpec`).
 */
export function compileBounds(rule: Rule, scope: ScopeSpec): BoundsRule {
  const f = new BoundsCompiler().compile(rule, scope);
  return (env) => f(env.scope.root, env);
}
