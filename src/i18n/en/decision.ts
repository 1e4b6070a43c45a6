import { formatNumber, joinAnd, joinOr } from "../format.js";
import type { Sentences } from "../params.js";
import type { DECISION } from "../codes/decision.js";

const n = (x: number) => formatNumber(x, "en");
const OUTCOME: Record<string, string> = { pass: "pass", fail: "fail", "not-applicable": "not apply", error: "not be evaluated" };

export const decision: Sentences<typeof DECISION> = {
  "decision.points_range": ({ earned, possible, max }) =>
    earned === possible ? `${n(earned)}/${n(max)} points` : `${n(earned)} to ${n(possible)} of ${n(max)} points`,
  "decision.undecided": ({ missing, outcomes, points }) =>
    `Missing data: ${missing}. Depending on it, the criterion could ${joinOr(
      outcomes.map((o) => OUTCOME[o] ?? o),
      "en",
    )}${points ? ` (${points})` : ""}.`,
  "decision.unaffected": ({ missing }) => `The missing data (${missing}) cannot change this.`,
  "decision.empty_lists": ({ lists }) => `the list of ${joinAnd(lists, "en")} is given empty`,
  "decision.empty_excluded": () => "nobody is left in the group the share is taken of once the exclusions are applied",
  "decision.empty_group": ({ status, exclusion, why, points }) => {
    if (exclusion) return status === "fail" ? `Excluded: ${why}, which the set counts as excluded.` : `No exclusion applies: ${why}.`;
    if (status === "pass") return `Met${points}: ${why}, which the regulation counts as met.`;
    if (status === "fail") return `Not met${points}: ${why}; an empty group does not meet this criterion.`;
    return `Not applicable: ${why}; the criterion does not concern a unit with nobody in this group.`;
  },
  "decision.pass_provisional": ({ title, grade, highest, points }) =>
    `Earns "${title}", grade ${grade} at least${points ? ` (${points})` : ""}; ${highest} is still possible once the missing data is supplied.`,
  "decision.fail_unreachable": ({ title, possible, max, passMark }) =>
    `Does not earn "${title}": even with every missing answer in its favour it cannot reach the pass mark of ${n(passMark)} points (at most ${n(possible)} of ${n(max)}).`,
  "decision.incomplete": ({ title, points, passMark, criteria, data }) =>
    `Not enough data to decide "${title}"${points ? `: ${points}${passMark !== undefined ? ` (pass mark ${n(passMark)})` : ""} depending on the missing data` : ""}; it still depends on ${criteria.length === 1 ? "criterion" : "criteria"} ${joinAnd(criteria, "en")}${data.length ? `, which ${criteria.length === 1 ? "needs" : "need"}: ${joinAnd(data, "en")}` : ""}.`,
  "decision.report_verdicts": ({ evaluated }) => `Verdict (out of ${n(evaluated)} units evaluated)`,
  "decision.report_grades": ({ evaluated }) =>
    `Grades (out of ${n(evaluated)} units evaluated; a provisional grade is the lowest the unit is sure of, and could still rise once the missing data is supplied)`,
  "decision.report_final": () => "Final",
  "decision.report_provisional": () => "Provisional",
  "decision.report_incomplete": () => "Incomplete",
  "decision.report_no_grade": () => "No grade",
  "decision.list_not_given": () => "not given: missing data",
  "decision.list_empty": () => "given: no items",
  "decision.list_give_empty": () => "Give it as empty (no items)",
  "decision.list_unset": () => "Mark as not given (missing data)",
  "decision.report_pass_provisional": () => "Pass, provisional grade",
};
