import { formatNumber } from "../format.js";
import type { Sentences } from "../params.js";
import type { EXPLAIN } from "../codes/explain.js";

const n = (x: number) => formatNumber(x, "en");
export const explain: Sentences<typeof EXPLAIN> = {
  "explain.measure": ({ part, whole, percent, op, required }) =>
    `${n(part)}/${n(whole)} (${percent}), ${op === "atLeast" ? "at least" : "at most"} ${n(required)}% required`,
  "explain.no_data_read": () => "no data read",
  "explain.more_values": ({ count }) => `… and ${count} more`,
  "explain.unknown_missing": () => "(unknown)",
  "explain.points": ({ earned, max }) => `${earned}/${max} points`,
  "explain.no_exclusion": () => "No exclusion applies.",
  "explain.met": ({ points, found }) => `Met${points}. Found: ${found}.`,
  "explain.excluded": ({ required, found }) => `Excluded: ${required}. Found: ${found}.`,
  "explain.not_met": ({ points, required, found }) => `Not met${points}. Required: ${required}. Found: ${found}.`,
  "explain.not_encoded": ({ reason }) => `Not encoded yet: ${reason}.`,
  "explain.missing": ({ missing }) => `Missing data: ${missing}.`,
  "explain.not_applicable": () => "Not applicable to this unit.",
  "explain.error": ({ reason }) => `Could not be evaluated: ${reason}.`,
  "explain.verdict_pass": ({ title, grade, points }) => `Earns "${title}"${grade ? `, grade ${grade}` : ""}${points ? ` (${points})` : ""}.`,
  "explain.verdict_fail": ({ title, blocking, points, short, passMark }) => {
    const why: string[] = [];
    if (blocking.length) why.push(`fails knock-out criteria ${blocking.join(", ")}`);
    if (points && short) why.push(`${points}, ${short} short${passMark !== undefined ? ` of the pass mark ${passMark}` : ""}`);
    return `Does not earn "${title}": ${why.join("; ") || "some criteria are not met"}.`;
  },
  "explain.verdict_no_pass_mark": ({ title, points }) => `"${title}" cannot be decided: the regulation's pass mark is not known (${points}).`,
  "explain.transition_side": ({ set, document, verdict, grade }) =>
    `${set} (${document}) → ${verdict === "invalid" ? "data not valid for this version" : `${{ pass: "PASS", fail: "FAIL", incomplete: "INCOMPLETE" }[verdict]}${grade ? `, ${grade}` : ""}`}`,
  "explain.transition": ({ applied, appliedSide, decided, decidedSide, agreement }) =>
    `Applied ${applied}: ${appliedSide}; decided ${decided}: ${decidedSide}. ${{ "same-version": "The same version was in force on both dates.", disagree: "The two versions disagree.", agree: "Both versions agree." }[agreement]}`,
};
