/**
 * Sentences on decisions under missing data: what is certain, what the missing data could still change, and
 * empty groups. A criterion's or a unit's other sentences are in `explain/messages.ts` until they move here.
 *
 * @module
 */
import type { AreaSpec } from "../params.js";

/** A status some completion of the missing data gives a criterion (as in `Outcome` of the result schema). */
export const OUTCOME_VALUES = ["pass", "fail", "not-applicable", "error"] as const;

export const DECISION = {
  /** Points as a range over the completions, e.g. `45–55/100 điểm`. */
  "decision.points_range": { earned: "number", possible: "number", max: "number" },
  /** A criterion the missing data leaves undecided: what is missing, and what it could still be. */
  "decision.undecided": { missing: "string", outcomes: "strings", points: "string?" },
  /** After a certain status decided with data missing: the missing data cannot change it. */
  "decision.unaffected": { missing: "string" },
  /** The group of a share is empty because these lists are given empty. */
  "decision.empty_lists": { lists: "strings" },
  /** The group of a share is empty because every item is left out of the count. */
  "decision.empty_excluded": {},
  /** A criterion decided by the set's declaration for an empty group. */
  "decision.empty_group": { status: ["pass", "fail", "not-applicable"], exclusion: "boolean", why: "string", points: "string" },
  /** A pass whose grade or level the missing data could still raise. */
  "decision.pass_provisional": { title: "string", grade: "string", highest: "string", points: "string?" },
  /** A fail that no completion of the missing data can turn: even the highest points are short of the pass mark. */
  "decision.fail_unreachable": { title: "string", possible: "number", max: "number", passMark: "number" },
  /** An incomplete verdict: the points range, and the criteria and data that could still decide it. */
  "decision.incomplete": { title: "string", points: "string?", passMark: "number?", criteria: "strings", data: "strings" },
  /** Heading of a report's verdict table: whose share the figures are. */
  "decision.report_verdicts": { evaluated: "number" },
  /** Heading of a report's grade table: whose share the figures are, and what a provisional grade is. */
  "decision.report_grades": { evaluated: "number" },
  /** Column of grades no missing data can change. */
  "decision.report_final": {},
  /** Column of grades the missing data could still raise. */
  "decision.report_provisional": {},
  /** Column (and row) of units whose verdict is incomplete. */
  "decision.report_incomplete": {},
  /** Row of units with a certain verdict and no grade. */
  "decision.report_no_grade": {},
  /** A list not given: missing data (its criteria may be undecided). */
  "decision.list_not_given": {},
  /** A list given with no items: not missing (its criteria take their empty-group status). */
  "decision.list_empty": {},
  /** Action: give a list as empty. */
  "decision.list_give_empty": {},
  /** Action: take a list back to not given. */
  "decision.list_unset": {},
  /** Column of a group table: passes whose grade is provisional. */
  "decision.report_pass_provisional": {},
} as const satisfies AreaSpec;
