import type { Rule } from "../schema/rule.js";
import type { Trace } from "./trace.js";
import type { BoundsRule, ScopeSpec } from "./read-bounds.js";

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
  /**
   * Prepares a rule that has passed analysis for three-valued evaluation: its value over every completion of the
   * missing data. `scope` is the declared kind of the top level (the set's inputs).
   */
  prepareBounds(rule: Rule, scope: ScopeSpec): BoundsRule;
}
