/**
 * The reference evaluator: json-logic-js 2.0.5 runs each rule after {@link expandRule}. tieuchi adds only
 * `tc:`-prefixed value operators, leaving json-logic-js's own operators untouched; `tc:finite` checks the
 * result of each arithmetic operation, so a division by zero is an error rather than Infinity. The published build
 * bundles a private copy of json-logic-js, so neither the host's operators nor ours cross over.
 *
 * @module
 */
import jsonLogic from "json-logic-js";
import type { Rule } from "../schema/rule.js";
import { assertAllowed } from "./analyze.js";
import type { Engine, PreparedRule } from "./engine.js";
import { checkFinite, compareRatio } from "./exact.js";
import { ARITHMETIC_OPERATORS } from "./operators.js";
import { expandRule } from "./expand.js";
import type { Trace } from "./trace.js";
import {
  all,
  andOr,
  apply,
  arithmetic,
  between,
  boundOfThrown,
  compare,
  type Concrete,
  count,
  depsOf,
  equality,
  filter,
  ifThen,
  isBound,
  make,
  membership,
  not,
  ratio as ratioBounds,
  share,
  someNone,
  unionDeps,
  type Val,
} from "./bounds.js";
import { listItemSpec } from "./compile-bounds.js";
import { readBound, specAt, type BoundsEnv, type BoundsRule, type ScopeSpec } from "./read-bounds.js";

let active: Trace | null = null;

const hasOwn = Object.prototype.hasOwnProperty;

/** json-logic-js's `var` lookup, reading own properties only, and recording what it read. */
function tcVar(this: unknown, path: unknown): unknown {
  let data: unknown = this;
  const rel = path === undefined || path === null ? "" : String(path);
  if (rel !== "") {
    for (const key of rel.split(".")) {
      if (data === null || data === undefined || typeof data !== "object" || !hasOwn.call(data, key)) {
        data = null;
        break;
      }
      data = (data as Record<string, unknown>)[key];
      if (data === undefined) {
        data = null;
        break;
      }
    }
  }
  active?.read(this, rel, data);
  return data;
}

function tcCount(list: unknown): number {
  return Array.isArray(list) ? list.length : 0;
}

function ratio(op: "atLeast" | "atMost") {
  return (part: unknown, whole: unknown, percent: unknown): boolean | null => {
    const m = compareRatio(op, part, whole, percent);
    if (m === null) return null;
    active?.measures.push(m);
    return m.met;
  };
}

/** Wraps every arithmetic operation in `tc:finite`; json-logic-js still does the arithmetic itself. */
function guardArithmetic(rule: Rule): Rule {
  if (rule === null || typeof rule !== "object") return rule;
  if (Array.isArray(rule)) return rule.map(guardArithmetic);
  const op = Object.keys(rule)[0]!;
  const raw = rule[op]!;
  const guarded: Rule = { [op]: Array.isArray(raw) ? raw.map(guardArithmetic) : guardArithmetic(raw) };
  return ARITHMETIC_OPERATORS.has(op) ? { "tc:finite": [guarded, op] } : guarded;
}

jsonLogic.add_operation("tc:var", tcVar);
jsonLogic.add_operation("tc:finite", checkFinite);
jsonLogic.add_operation("tc:count", tcCount);
jsonLogic.add_operation("tc:ratioAtLeast", ratio("atLeast"));
jsonLogic.add_operation("tc:ratioAtMost", ratio("atMost"));

/**
 * Prepares a rule for json-logic-js without the safety check, so the differential tests can hold the compiled
 * evaluator to json-logic-js on rules outside the format too. Never used on rules from outside. @internal
 */
export function prepareReference(rule: Rule): PreparedRule {
  const expanded = guardArithmetic(expandRule(rule));
  return (trace: Trace) => {
    const previous = active;
    active = trace;
    try {
      return jsonLogic.apply(expanded as never, trace.scope.root);
    } finally {
      active = previous;
    }
  };
}

/** The json-logic-js evaluator, used as the reference the faster one is tested against. */
export const jsonLogicJsEngine: Engine = {
  name: "json-logic-js",
  version: "2.0.5",
  prepare(rule: Rule) {
    // json-logic-js would run any of its own operators (log, cat, map, ...): only the allow-list gets through.
    assertAllowed(rule);
    return prepareReference(rule);
  },
  prepareBounds(rule: Rule, scope: ScopeSpec) {
    assertAllowed(rule);
    return prepareReferenceBounds(rule, scope);
  },
};

// ---------------------------------------------------------------------------------------------------------
// Three-valued evaluation on the reference path

/** A value operation of json-logic-js on known argument values, read from an array by position. */
const referenceOps = new Map<string, Rule>();

function referenceRule(op: string, arity: number): Rule {
  const key = `${op}/${arity}`;
  let r = referenceOps.get(key);
  if (r === undefined) {
    const args: Rule[] = Array.from({ length: arity }, (_, i) => ({ var: String(i) }));
    const name = op === "ratioAtLeast" || op === "ratioAtMost" ? `tc:${op}` : op;
    r = { [name]: args };
    if (ARITHMETIC_OPERATORS.has(op)) r = { "tc:finite": [r, op] };
    referenceOps.set(key, r);
  }
  return r;
}

/** json-logic-js's meaning of a value operator on known arguments, what it throws turned into an exceptional outcome. */
export const referenceConcrete: Concrete = (op, args) => {
  const previous = active;
  active = null;
  try {
    return jsonLogic.apply(referenceRule(op, args.length) as never, args as never);
  } catch (e) {
    return boundOfThrown(e);
  } finally {
    active = previous;
  }
};

/** The bounds of each value operator on arguments not all known. */
function ownBoundsOf(op: string, args: readonly Val[]): Val {
  const [a, b, c] = args;
  switch (op) {
    case "==":
    case "===":
    case "!=":
    case "!==":
      return equality(op, a, b);
    case ">":
    case ">=":
      return compare(op, a, b);
    case "<":
    case "<=":
      return args.length >= 3 ? between(op, a, b, c) : compare(op, a, b);
    case "!":
    case "!!":
      return not(a, op === "!");
    case "in":
      return membership(a, b);
    case "ratioAtLeast":
    case "ratioAtMost":
      return ratioBounds(op === "ratioAtLeast" ? "atLeast" : "atMost", a, b, c);
    default:
      return arithmetic(op, args);
  }
}

/**
 * Evaluates a checked rule three-valued by walking it, as json-logic-js walks rules: each operator by its own
 * bounds (`bounds.ts`), each operation on known arguments by json-logic-js itself.
 */
function interpret(r: Rule, d: unknown, scope: ScopeSpec, env: BoundsEnv): Val {
  if (Array.isArray(r)) {
    const vals = r.map((x) => interpret(x, d, scope, env));
    return vals.some(isBound) ? make({ any: true, deps: unionDeps(...vals.map(depsOf)) }) : vals;
  }
  if (r === null || typeof r !== "object") return r;
  const op = Object.keys(r)[0]!;
  const raw = (r as Record<string, Rule>)[op]!;
  const args: Rule[] = Array.isArray(raw) ? raw : [raw];
  const at = (i: number, s: ScopeSpec = scope) => (x: unknown) => interpret(args[i]!, x, s, env);
  switch (op) {
    case "var": {
      const rel = args[0] === null || args[0] === undefined ? "" : String(args[0]);
      return readBound(d, rel === "" ? [] : rel.split("."), rel, specAt(scope, rel), env);
    }
    case "and":
    case "or":
      return andOr(op === "and", args.map((a) => () => interpret(a, d, scope, env)));
    case "if": {
      const conds: (() => Val)[] = [];
      const thens: (() => Val)[] = [];
      let i = 0;
      for (; i < args.length - 1; i += 2) {
        const c = args[i]!;
        const t = args[i + 1]!;
        conds.push(() => interpret(c, d, scope, env));
        thens.push(() => interpret(t, d, scope, env));
      }
      const last = args.length === i + 1 ? args[i]! : undefined;
      return ifThen(conds, thens, last === undefined ? null : () => interpret(last, d, scope, env));
    }
    case "all":
    case "some":
    case "none":
    case "filter":
    case "count": {
      const list = interpret(args[0]!, d, scope, env);
      const item = listItemSpec(args[0]!, scope);
      const cond = args[1] === undefined ? () => false : at(1, item);
      if (op === "all") return all(list, cond);
      if (op === "some" || op === "none") return someNone(op === "some", list, cond);
      if (op === "filter") return filter(list, cond);
      return args.length === 2 ? count(filter(list, cond)) : count(list);
    }
    case "shareAtLeast":
    case "shareAtMost": {
      const item = listItemSpec(args[1]!, scope);
      return share(
        op === "shareAtLeast" ? "atLeast" : "atMost",
        interpret(args[0]!, d, scope, env),
        interpret(args[1]!, d, scope, env),
        at(2, item),
        args[3] === undefined ? null : at(3, item),
      );
    }
    default:
      return apply(
        op,
        args.map((a) => interpret(a, d, scope, env)),
        referenceConcrete,
        (vals) => ownBoundsOf(op, vals),
      );
  }
}

/** Prepares a checked rule for three-valued evaluation on the reference path (without the safety check). @internal */
export function prepareReferenceBounds(rule: Rule, scope: ScopeSpec): BoundsRule {
  return (env) => interpret(rule, env.scope.root, scope, env);
}
