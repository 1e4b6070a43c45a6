/**
 * The sentences of a result put into words: why a criterion has its status (what was found, what is
 * required), the verdict, and a rule read aloud (`describeRule`). A set's own templates, when it has them,
 * take the place of the criterion sentences; these are the words tieuchi writes itself.
 *
 * @module
 */
import type { AreaSpec } from "../params.js";

export const EXPLAIN = {
  /** A ratio compared: the share found (part/whole, as a percentage) and the share required. */
  "explain.measure": { part: "number", whole: "number", percent: "string", op: ["atLeast", "atMost"], required: "number" },
  /** A criterion that read no data at all. */
  "explain.no_data_read": {},
  /** After the first values found: how many more were read. */
  "explain.more_values": { count: "number" },
  /** Missing data whose paths are not known. */
  "explain.unknown_missing": {},
  /** Points earned of the most, as in a criterion's sentence and the verdict: `7/10 điểm`. */
  "explain.points": { earned: "number", max: "number" },
  /** An exclusion that does not apply. */
  "explain.no_exclusion": {},
  /** A criterion met: its points (empty, or ` (7/10 điểm)`) and what was found. */
  "explain.met": { points: "string", found: "string" },
  /** An exclusion that applies: what it says, and what was found. */
  "explain.excluded": { required: "string", found: "string" },
  /** A criterion not met: its points, what it requires, what was found. */
  "explain.not_met": { points: "string", required: "string", found: "string" },
  /** A criterion the set lists but does not encode yet, and why. */
  "explain.not_encoded": { reason: "string" },
  /** A criterion missing data: which. */
  "explain.missing": { missing: "string" },
  /** A criterion that does not apply to this unit. */
  "explain.not_applicable": {},
  /** A criterion that could not be evaluated, and why. */
  "explain.error": { reason: "string" },
  /** The verdict: the title earned, with its grade and points when it has them. */
  "explain.verdict_pass": { title: "string", grade: "string?", points: "string?" },
  /** The verdict: the title not earned, for failed knock-out criteria and/or points short of the pass mark. */
  "explain.verdict_fail": { title: "string", blocking: "strings", points: "string?", short: "number?", passMark: "number?" },
  /** The verdict cannot be given: the regulation's pass mark is not known. */
  "explain.verdict_no_pass_mark": { title: "string", points: "string" },
  /** One date of a transition: the version in force and its outcome (a verdict and grade, or data not valid for it). */
  "explain.transition_side": { set: "string", document: "string", verdict: ["pass", "fail", "incomplete", "invalid"], grade: "string?" },
  /** A transition between two versions: the application date's outcome, the decision date's, and whether they agree. */
  "explain.transition": {
    applied: "string",
    appliedSide: "string",
    decided: "string",
    decidedSide: "string",
    agreement: ["same-version", "disagree", "agree"],
  },
} as const satisfies AreaSpec;
