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
};
