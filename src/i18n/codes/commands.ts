/**
 * What the `tieuchi` commands print: usage errors about their arguments, the tables and lines of their output,
 * and their summaries. (The help and the messages about options themselves are in `cli.ts`.)
 *
 * @module
 */
import type { AreaSpec } from "../params.js";

/** The commands whose arguments are checked by the command itself, with the usage line their error gives. */
const TAKES = [
  "validate",
  "hash",
  "lock",
  "catalogue",
  "schema",
  "eval",
  "eval-set",
  "batch",
  "report",
  "impact",
  "verify",
  "diff",
  "cases",
  "template",
  "compose",
  "compile",
] as const;
/** Columns of the tables. */
const COLUMNS = ["id", "status", "points", "criterion", "criterion-why", "verdict", "title", "count"] as const;

export const COMMANDS = {
  // Errors as printed: `tieuchi: <text> [CODE]`; an error from the system that is not tieuchi's.
  "cmd.no_such_file": { path: "string" },
  "cmd.wrote": { file: "string" },

  // Usage errors about a command's arguments.
  "cmd.takes": { command: TAKES },
  "cmd.not_one_of": { option: "string", values: "strings", got: "string" },
  "cmd.whole_number": { option: "string", max: "number?", got: "string" },
  "cmd.one_char": { option: "string", got: "string" },
  "cmd.set_and_sets": {},
  "cmd.goes_with_set": { option: "string" },
  "cmd.applied_with_decided": {},
  "cmd.as_of_or_applied": {},
  "cmd.set_needs_date": {},
  "cmd.record_one": {},
  "cmd.stdin_format": {},
  "cmd.by_names": {},
  "cmd.folder_not_output": { path: "string" },
  "cmd.permission": { path: "string" },
  "cmd.lock_one_of": {},
  "cmd.accept_with_update": {},
  "cmd.no_case_files": { paths: "strings" },
  "cmd.out_is_folder": { out: "string" },
  "cmd.out_not_ours": { out: "string" },
  "cmd.template_out": { got: "string" },
  "cmd.compose_needs_results": {},
  "cmd.results_form": { got: "string" },

  // Table columns, and the marks of statuses in them.
  "cmd.column": { column: COLUMNS },

  // validate
  "cmd.validate.bad": { file: "string", count: "number" },

  // eval: around the table of criteria.
  "cmd.eval.as_of": { date: "string", inForce: "boolean" },
  "cmd.eval.verdict": { verdict: ["pass", "fail", "incomplete"], grade: "text?", points: "string?", passMark: "number?" },
  "cmd.eval.level": { title: "text", status: ["achieved", "not-achieved", "undetermined"], failing: "strings", missing: "strings" },
  "cmd.eval.improve": { items: "strings" },
  "cmd.eval.next_grade": { grade: "text", points: "number" },
  "cmd.eval.next_level": { level: "text", items: "strings" },
  "cmd.eval.grade_may_rise": {},

  // eval --applied --decided
  "cmd.transition.side": { side: ["applied", "decided"], date: "string", reason: "text" },
  "cmd.transition.column": { side: ["applied", "decided"], set: "string", date: "string" },
  "cmd.transition.not_valid": {},
  "cmd.transition.invalid_for": { set: "string", count: "number" },
  "cmd.more_in_json": { count: "number" },

  // batch
  "cmd.batch.summary": {
    units: "number",
    evaluated: "number",
    pass: "number",
    fail: "number",
    incomplete: "number",
    bad: "number",
    seconds: "number",
    rate: "number",
    workers: "number",
  },
  "cmd.batch.bad_unit": { line: "number", reason: "message", code: "string" },
  "cmd.batch.more_bad": { count: "number" },
  "cmd.batch.delimiter": { file: "string", name: "text" },
  "cmd.batch.progress": { units: "number", bad: "number", rate: "number" },
  "cmd.batch.time_left": { time: "string" },

  // test
  "cmd.test.coverage_of": { set: "string", cases: "number", files: "number" },
  // compile
  "cmd.compile.not_generated": { file: "string", why: "string" },
  "cmd.compile.wrote": { file: "string", set: "string", hash: "string", criteria: "number", bytes: "number" },

  "cmd.test.summary": { cases: "number", files: "number", passed: "number", failed: "number" },
  "cmd.test.file_errors": { count: "number" },
  "cmd.test.gaps": { count: "number" },
  "cmd.test.stale": {},
  "cmd.test.at": { path: "path" },

  // cases --boundaries
  "cmd.cases.wrote": { count: "number", set: "string", out: "string" },
  "cmd.cases.skipped": { criterion: "string?", where: "message", reason: "message" },
  "cmd.cases.unmet": { ids: "strings" },
  "cmd.cases.none": { set: "string" },

  // lock
  "cmd.lock.status": { status: ["locked", "moved", "changed", "removed", "unreleased", "invalid", "unreadable", "duplicate", "registry"] },
  "cmd.lock.count": { status: ["locked", "moved", "changed", "removed", "unreleased", "invalid", "unreadable", "duplicate", "registry"], count: "number" },
  "cmd.lock.none": {},
  "cmd.lock.not_updated": { file: "string", acceptChanges: "boolean" },
  "cmd.lock.released": { versions: "strings", file: "string", written: "boolean" },
  "cmd.lock.nothing": { file: "string", written: "boolean" },
  "cmd.lock.prebuilt_stale": { set: "string", module: "string?", lock: "string" },

  // verify
  "cmd.verify.head": { set: "string", match: "boolean" },

  // impact
  "cmd.impact.kind": { kind: ["unchanged", "changed", "valid-old-only", "valid-new-only", "invalid", "bad-line", "error"] },
  "cmd.impact.count": { kind: ["unchanged", "changed", "valid-old-only", "valid-new-only", "invalid", "bad-line", "error"], count: "number" },
  "cmd.impact.new": {},
  "cmd.impact.removed": {},
  "cmd.impact.blocks": {},
  "cmd.impact.decision": { changes: "strings" },
  "cmd.impact.no_criterion": {},
  "cmd.impact.problem_with": { side: ["old", "new", "both"] },
  "cmd.impact.change": { what: ["verdict", "grade"], from: "string", to: "string" },
  "cmd.impact.summary": { old: "string", new: "string", units: "number", lines: "number", blank: "number", kinds: "strings" },
  "cmd.impact.by_change": { items: "strings" },
  "cmd.impact.criteria": { items: "strings" },

  // template
  "cmd.template.wrote": { set: "string", document: "string", out: "string" },
} as const satisfies AreaSpec;
