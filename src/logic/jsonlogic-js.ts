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
import { boundOfThrown, type Concrete } from "./bounds.js";
import { compileBounds } from "./compile-bounds.js";
import type { Engine, PreparedRule } from "./engine.js";
import { checkFinite } from "./exact.js";
import { expandRule } from "./expand.js";
import { ARITHMETIC_OPERATORS, FAMILIES, operatorOf } from "./operators.js";
import type { BoundsRule, ScopeSpec } from "./read-bounds.js";
import type { Trace } from "./trace.js";
import { ruleParts } from "./walk.js";

let active: Trace | null = null;

/** Wraps every arithmetic operation in `tc:finite`; json-logic-js still does the arithmetic itself. */
function guardArithmetic(rule: Rule): Rule {
  if (Array.isArray(rule)) return rule.map(guardArithmetic);
  const p = ruleParts(rule);
  if (p === undefined) return rule;
  const raw = (rule as Record<string, Rule>)[p.op]!;
  const guarded: Rule = { [p.op]: Array.isArray(raw) ? raw.map(guardArithmetic) : guardArithmetic(raw) };
  return ARITHMETIC_OPERATORS.has(p.op) ? { "tc:finite": [guarded, p.op] } : guarded;
}

// The families' own operations, recording into the trace of the rule running.
const hooks = {
  read: (base: unknown, rel: string, value: unknown) => active?.read(base, rel, value),
  measure: (m: Parameters<Trace["measure"]>[0]) => active?.measure(m),
};
for (const family of FAMILIES)
  for (const operator of family.operators)
    for (const [name, fn] of Object.entries(operator.reference.operations?.(hooks) ?? {})) jsonLogic.add_operation(`tc:${name}`, fn);
jsonLogic.add_operation("tc:finite", checkFinite);

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
    r = { [operatorOf(op)?.reference.concreteName ?? op]: args };
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

/**
 * Prepares a checked rule for three-valued evaluation on the reference path (without the safety check): each
 * operator by its own bounds, each operation on known arguments by json-logic-js itself. @internal
 */
export function prepareReferenceBounds(rule: Rule, scope: ScopeSpec): BoundsRule {
  return compileBounds(rule, scope, referenceConcrete);
}
