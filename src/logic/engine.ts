import type { Rule } from "../schema/rule.js";
import type { Trace } from "./trace.js";

/** A rule made ready to run: returns the rule's value and fills the trace with what it read. */
export type PreparedRule = (trace: Trace) => unknown;

/** A way of running checked rules. */
export interface Engine {
  /** Name reported in results, e.g. `json-logic-js`. */
  readonly name: string;
  /** Version reported in results. */
  readonly version: string;
  /** Prepares a rule that has passed analysis. */
  prepare(rule: Rule): PreparedRule;
}
