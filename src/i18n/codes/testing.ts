/**
 * The test kit: case files run against their sets, coverage, and the boundary cases written for a set.
 *
 * @module
 */
import type { AreaSpec } from "../params.js";

export const TESTING = {
  "case.never_both": { criteria: "strings" },
  "case.id": { id: "string", word: "string" },
  "case.criterion": { id: "string", title: "text?" },
  "case.field": { field: ["verdict", "grade", "points", "invalidData", "error"] },
  "case.expected_got": { label: "string", expected: "string", actual: "string" },
  "case.expected_list": { label: "string", expected: "string" },
  "case.to_be_evaluated": {},
  "case.data_accepted": {},
  "case.data_was_accepted": {},
  "case.no_such_criterion": {},
  "case.error": { error: "message", problems: "messages", code: "string" },
  "case.pending": {},
  /** The first column of the coverage table. */
  "case.criterion_column": {},
  "case.never_seen": { status: ["pass", "fail"] },
  "case.coverage_summary": { seen: "number", total: "number" },
  // Boundary cases: the words of their names, and why a threshold got none.
  "bound.word": { which: ["at", "below", "above", "empty", "all-excluded", "excluded", "pass-mark", "grade", "points", "also", "count"] },
  "bound.knock_out": { id: "string" },
  "bound.only_fails": { id: "string" },
  "bound.where": { where: ["applies", "rule", "excludes", "score", "decision", "mandatory", "level"] },
  "bound.tier": { n: "number" },
  "bound.cannot_set": { term: "string", literal: "string" },
  "bound.value": { label: "string", value: "string", why: ["unset", "range"] },
  "bound.percent_not_literal": {},
  "bound.cannot_build": { list: "string", count: "number", size: "number" },
  "bound.cannot_ratio": { part: "number", whole: "number" },
  "bound.no_combination": { points: "number" },
  "bound.gave_other": { ids: "strings", meant: "number", gave: "number?" },
  "bound.cannot_fail": {},
} as const satisfies AreaSpec;
