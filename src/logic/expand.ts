/**
 * Rewrites a checked rule into plain JsonLogic that json-logic-js runs unchanged, plus four value-level
 * operators of tieuchi's (`tc:var`, `tc:count`, `tc:ratioAtLeast`, `tc:ratioAtMost`). tieuchi's scoped
 * operators become `filter`s, so json-logic-js still decides every per-item condition itself.
 *
 * @module
 */
import type { Rule } from "../schema/rule.js";

function op(name: string, args: Rule[]): Rule {
  return { [name]: args };
}

/** Expands tieuchi's operators into JsonLogic plus the `tc:` value operators. The input must have passed analysis. */
export function expandRule(rule: Rule): Rule {
  if (rule === null || typeof rule !== "object") return rule;
  if (Array.isArray(rule)) return rule.map(expandRule);
  const name = Object.keys(rule)[0]!;
  const raw = rule[name]!;
  if (name === "var") return { "tc:var": raw };
  const args = (Array.isArray(raw) ? raw : [raw]).map(expandRule);
  switch (name) {
    case "count":
      return op("tc:count", [args.length === 2 ? op("filter", [args[0]!, args[1]!]) : args[0]!]);
    case "shareAtLeast":
    case "shareAtMost": {
      const [percent, list, condition, exclude] = args;
      const base = exclude === undefined ? list! : op("filter", [list!, op("!", [exclude])]);
      return op(name === "shareAtLeast" ? "tc:ratioAtLeast" : "tc:ratioAtMost", [
        op("tc:count", [op("filter", [base, condition!])]),
        op("tc:count", [base]),
        percent!,
      ]);
    }
    case "ratioAtLeast":
      return op("tc:ratioAtLeast", args);
    case "ratioAtMost":
      return op("tc:ratioAtMost", args);
    default:
      // Keep json-logic-js's unary sugar ({"!": x}) as written: it is part of what the reference runs.
      return { [name]: Array.isArray(raw) ? args : args[0]! };
  }
}
