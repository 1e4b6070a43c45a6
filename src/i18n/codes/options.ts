/**
 * Calls that cannot be carried out: options that are not usable, sets that cannot be found or are not in
 * force, evaluation that went wrong, and the reasons a rule gives an error for one unit.
 *
 * @module
 */
import type { AreaSpec } from "../params.js";

export const OPTIONS = {
  // Options.
  "options.unknown_limits": { path: "path", keys: "strings", known: "strings" },
  "options.bad_limit": { path: "path", problem: "message" },
  "options.needs_runner": {},
  "options.unknown_format": { input: "string?" },
  "options.workers": { got: "string" },
  "options.range": { name: "string", min: "string", max: "string", got: "string" },
  "options.compact_explain": {},
  "options.forged_set": {},
  "options.csv_header": { problems: "messages" },
  "options.as_of": { name: "string", got: "string" },
  "options.engine": { got: "string", known: "strings" },
  "options.generated_module": { got: "string" },
  "options.generated_other_set": { module: "string", set: "string" },
  "options.needs_sets": { set: "string" },
  "options.needs_as_of": { set: "string" },
  "options.sub_unit_needs_sets": { path: "string", set: "string" },
  "options.titles_too_deep": { max: "number", path: "string" },
  "options.decimals": { max: "number", got: "string" },
  "options.by_empty": {},
  "options.by_twice": { by: "strings" },
  "options.percent_counts": { count: "string", total: "string" },
  "options.evaluated_at": { got: "string" },
  "options.applied_after_decided": { applied: "string", decided: "string" },

  "options.results_target": { got: "string" },
  "options.no_list": { set: "string", list: "string", inputs: "strings" },
  "options.no_title_field": { set: "string", list: "string", field: "string", titles: "strings" },
  "options.data_object": {},
  "options.data_gives_list": { list: "string" },

  // A spreadsheet's header.
  "csv.column_twice": { column: "string" },
  "csv.not_an_input": { column: "string", set: "string", suggestion: "string?" },
  "csv.header_too_long": { max: "number" },
  "csv.header_problem": { problem: "message" },
  "csv.row_too_long": { line: "number", max: "number" },
  "csv.row_problem": { line: "number", problem: "message" },
  "sheet.row_unread": { reason: "message" },
  "sheet.unit_too_large": { line: "number", max: "number" },
  "csv.text_after_quote": { cell: "number" },
  "csv.quote_inside": { cell: "number" },
  "csv.cell_not_json": { reason: "message" },
  "csv.cells": { line: "number", cells: "number", columns: "number" },
  "csv.line": { line: "number", problems: "messages" },

  // Sets that cannot be found, or are not in force.
  "set.unknown_id": { id: "string", known: "strings" },
  "set.unknown_version": { id: "string", version: "string", known: "strings" },
  "set.no_criteria_file": { cases: "string", set: "string", file: "string" },
  "set.not_in_folder": { set: "string", folder: "string" },
  "set.file_outside_dates": { file: "string", set: "string", date: "string", from: "string", to: "string?", unit: "string" },
  "set.ambiguous": { id: "string", date: "string", found: "strings" },
  "set.before_first": { id: "string", date: "string", first: "string", from: "string", spans: "messages" },
  "set.after_last": { id: "string", date: "string", last: "string", to: "string", spans: "messages" },
  "set.gap": { id: "string", date: "string", before: "string", to: "string", after: "string", from: "string", spans: "messages" },

  "set.outside_dates": { set: "string", document: "string", date: "string", from: "string", to: "string?" },

  // Evaluation that went wrong (a bug, or a rule that cannot run).
  "eval.unexpected": { text: "string" },
  "eval.compile_var": {},
  "eval.compile_op": { op: "string" },
  "eval.refuse_op": { keys: "string" },
  "eval.refuse_var": { path: "string" },

  // Why a rule gives an error for one unit (the criterion's status is `error`).
  "eval.not_a_number": { op: "string" },
  "eval.infinite": { op: "string" },
  "eval.share_counts": { part: "string", whole: "string" },
  "eval.part_above_whole": { part: "number", whole: "number" },
  "eval.percent_type": { got: "string" },
  "eval.percent_range": { got: "string", decimals: "number" },
  "eval.range_error": { text: "string" },
  "eval.derived": { name: "string", reason: "message" },
  "eval.score": { max: "number", got: "string" },
} as const satisfies AreaSpec;
