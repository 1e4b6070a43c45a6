/**
 * Rewrites a checked rule into plain JsonLogic that json-logic-js runs unchanged, plus the `tc:` value operations
 * the families add (`tc:var`, `tc:count`, `tc:ratioAtLeast`, `tc:ratioAtMost`): each operator's rewrite is its
 * family's `reference.expand`. tieuchi's scoped operators become `filter`s, so json-logic-js still decides every
 * per-item condition itself.
 *
 * @module
 */
import type { Rule } from "../schema/rule.js";
import { operatorOf } from "./operators.js";
import { ruleParts } from "./walk.js";

/** Expands tieuchi's operators into JsonLogic plus the `tc:` value operators. The input must have passed analysis. */
export function expandRule(rule: Rule): Rule {
  if (Array.isArray(rule)) return rule.map(expandRule);
  const p = ruleParts(rule);
  if (p === undefined) return rule;
  const form = operatorOf(p.op)?.reference;
  if (form?.keepArgs && form.expand) return form.expand(p.args, p.listed);
  const args = p.args.map(expandRule);
  if (form?.expand) return form.expand(args, p.listed);
  // Keep json-logic-js's unary sugar ({"!": x}) as written: it is part of what the reference runs.
  return { [p.op]: p.listed ? args : args[0]! };
}
