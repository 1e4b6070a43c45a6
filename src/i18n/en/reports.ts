import type { REPORTS } from "../codes/reports.js";
import { formatNumber } from "../format.js";
import type { Sentences } from "../params.js";

const n = (x: number) => formatNumber(x, "en");

export const reports: Sentences<typeof REPORTS> = {
  "report.units": () => "Units",
  "report.summary": ({ units, evaluated, errors }) =>
    `${n(units)} unit${units === 1 ? "" : "s"}: ${n(evaluated)} evaluated, ${errors} not evaluated (bad data)`,
  "report.set": () => "Criteria set",
  "report.verdict": () => "Verdict",
  "report.grade": () => "Grade",
  "report.count": () => "Count",
  "report.share": () => "Share",
  "report.criteria": ({ evaluated }) => `Criteria (out of ${n(evaluated)} units evaluated)`,
  "report.id": () => "ID",
  "report.title": () => "Criterion",
  "report.by": ({ fields }) => `By ${fields}`,
  "report.total": () => "Total",
  "report.errors": () => "Units not evaluated",
  "report.errors_column": () => "Errors",
  "report.line": ({ line }) => `line ${line}`,
  "report.more_errors": ({ count }) => `... and ${n(count)} more`,
  "report.error_summary": ({ headline, problem, more }) => `${headline}${problem ? `: ${problem}` : ""}${more > 0 ? ` (+${more})` : ""}`,
};
