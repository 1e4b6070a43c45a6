import type { CATALOGUE } from "../codes/catalogue.js";
import type { Sentences } from "../params.js";

const COMPLETENESS = { "complete-official": "complete, from the official text", "complete-secondary": "complete, from secondary copies", partial: "partial" };

export const catalogue: Sentences<typeof CATALOGUE> = {
  "cat.title": () => "Criteria sets (bộ tiêu chí)",
  "cat.generated": ({ command }) => `Generated from the criteria files${command ? ` by \`${command}\`` : ""}; do not edit by hand.`,
  "cat.intro": ({ sets, versions }) =>
    `${sets} set${sets === 1 ? "" : "s"}, ${versions} version${versions === 1 ? "" : "s"}. ` +
    "Completeness says where a version's words come from: *complete, from the official text* when every criterion " +
    "is encoded from the regulation's official wording and quotes its article; *complete, from secondary copies* " +
    "when every criterion is encoded but from press, provincial re-issues or training reports (its notes say what " +
    "was inferred); *partial* when some criteria are listed but could not be found (pending) or a number the " +
    "decision needs is not known. A pending criterion always evaluates as missing, so a partial version can say " +
    '"fail" or "incomplete" but never "pass". Dates are written dd/mm/yyyy.',
  "cat.column": ({ column }) =>
    ({ set: "Set", version: "Version", title: "Title", document: "Document", "in-force": "In force", supersedes: "Supersedes", completeness: "Completeness" })[
      column
    ],
  "cat.field": ({ field }) =>
    ({
      document: "Document",
      text: "Text",
      "in-force": "In force",
      supersedes: "Supersedes",
      "superseded-by": "superseded by",
      subject: "Subject",
      jurisdiction: "jurisdiction",
      decision: "Decision",
      criteria: "Criteria",
      completeness: "Completeness",
      procedure: "Procedure",
      pending: "Pending (not encoded)",
      notes: "Notes",
      references: "References",
      file: "File",
    })[field],
  "cat.completeness": ({ level }) => COMPLETENESS[level],
  "cat.pending_count": ({ count }) => `${count} pending`,
  "cat.in_force": ({ from, to }) => (to === undefined ? `from ${from}` : `${from} to ${to}`),
  "cat.signed": ({ issuer, date }) => `${issuer}, signed ${date}`,
  "cat.criteria_count": ({ total, encoded, pending }) => `${total} (${encoded} encoded, ${pending} pending)`,
  "cat.decision_points": ({ passMark, max, grades }) =>
    `points: ${passMark === undefined ? "pass mark not known (never concludes pass)" : `pass at ${passMark}`} of ${max}${grades.length ? `; grades ${grades.join(", ")}` : ""}; knock-out criteria block the title`,
  "cat.decision_all": ({ levels }) => `every applicable criterion must pass${levels.length ? `, levels cumulative: ${levels.join(", ")}` : ""}`,
  "cat.deadline_before": ({ day, next }) => `before ${day} of the year ${next ? "after the year assessed" : "assessed"}`,
  "cat.deadline_within": ({ days, after }) => `within ${days} working days of ${after}`,
  "cat.no_deadline": () => "no deadline set",
  "cat.data_counted": ({ from, to, article }) => `Data counted: ${from} to ${to} of the year assessed (${article})`,
  "cat.recognition": ({ months, article }) => `Recognition kept: ${months} months after the year it is granted (${article})`,
};
