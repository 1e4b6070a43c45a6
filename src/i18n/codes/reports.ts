/**
 * Reports over batch output: the tables of counts and percentages, and the lines on units not evaluated.
 *
 * @module
 */
import type { AreaSpec } from "../params.js";

export const REPORTS = {
  "report.units": {},
  "report.summary": { units: "number", evaluated: "number", errors: "string" },
  "report.set": {},
  "report.verdict": {},
  "report.grade": {},
  "report.count": {},
  "report.share": {},
  "report.criteria": { evaluated: "number" },
  "report.id": {},
  "report.title": {},
  "report.by": { fields: "string" },
  "report.total": {},
  "report.errors": {},
  "report.errors_column": {},
  "report.line": { line: "number" },
  "report.more_errors": { count: "number" },
  /** A unit not evaluated, in one line: the error's headline, its first problem, and how many more. */
  "report.error_summary": { headline: "message", problem: "message?", more: "number" },
} as const satisfies AreaSpec;
