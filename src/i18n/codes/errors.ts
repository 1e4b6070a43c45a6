/**
 * Errors: the headline of each error class, and the reasons files and JSON texts cannot be read.
 *
 * @module
 */
import type { AreaSpec } from "../params.js";

export const ERRORS = {
  // Headlines of the errors that list problems (the problems follow, one a line).
  "error.criteria_set": { source: "string?", count: "number" },
  "error.unit_data": { set: "string", count: "number", within: "string?" },
  "error.data_of": { what: "message", count: "number" },
  "data.batch_lines": { target: "string" },
  "data.title_levels": { set: "string" },
  "data.given_result": { set: "string", hint: "boolean" },
  "error.case_file": { source: "string?", count: "number" },
  "error.registry": { count: "number" },
  "error.lock_file": { source: "string?", count: "number" },
  "error.audit_record": { source: "string?", count: "number" },
  // Errors that say one thing.
  "error.json_parse": { source: "string", line: "number", column: "number", reason: "message" },
  "error.file": { source: "string", reason: "message" },
  "error.case_failed": { name: "string", details: "messages" },
  "error.report_line": { line: "number", reason: "message" },
  "error.units_file": { source: "string", line: "number", reason: "message" },
  "error.workbook": { source: "string?", reason: "message" },
  "error.canonical_json": { path: "path", reason: "message" },
  "error.budget": { set: "string", within: "string?", work: "number", limit: "number", left: "number?" },
  "error.json_line": { line: "number", column: "number", reason: "message" },
  "error.not_utf8_line": { line: "number" },
  /** A problem with its place, in a one-line summary. */
  "error.at": { path: "path", problem: "message" },
  /** The first few problems of a unit in one line, and how many more. */
  "error.first_problems": { problems: "messages", more: "number" },
  /** An error that is not tieuchi's own (a bug, or the system): its own text, in English. */
  "error.unexpected": { text: "string" },

  // Why a line of batch output cannot be read (by a report).
  "line.not_json": { reason: "message", column: "number" },
  "line.not_a_result": {},
  "line.not_batch_line": { problem: "message?" },
  "line.partial": { why: "message?" },
  "line.compact_without_header": {},
  "line.compact_header": {},
  "line.compact_record": { problem: "message" },
  "line.too_long": { max: "number" },
  "line.not_utf8": {},

  // Why a file cannot be read.
  "file.not_found": {},
  "file.is_folder": {},
  "file.permission": {},
  "file.links": {},
  "file.name_too_long": {},
  "file.not_a_folder": {},
  "file.unreadable": { reason: "string" },
  "file.too_large": { size: "number?", max: "number" },

  "file.not_in_package": {},
  "file.no_space": {},
  "file.reader_closed": {},
  "file.not_written": { why: "message", written: "number", lastLine: "number?", after: "number" },

  "file.template_format": {},
  "file.not_workbook": { why: "string" },
  "file.workbook_too_large": { size: "number", max: "number" },
  "file.workbook_inflates": { declared: "boolean", name: "string", max: "number" },
  "file.workbook_entries": { max: "number" },
  "file.unwritable": { reason: "string" },
  "file.write_failed": { why: "message" },
  "file.pipe_silent": { seconds: "number", started: "boolean" },
  "file.terminal": {},
  "file.link_outside": { target: "string", folder: "string" },
  "file.read_only": {},
  "file.too_many_open": {},
  "file.exists": {},
  "file.busy": {},
  "file.io": {},
  "file.no_device": {},

  // The state of a criteria file against the lock.
  "lock.unreadable": { file: "string", reason: "message" },
  "lock.no_id": { file: "string" },
  "lock.duplicate": { file: "string", version: "string", earlier: "string" },
  "lock.invalid": { file: "string", version: "string", count: "number" },
  "lock.unreleased": { file: "string", version: "string" },
  "lock.changed": { file: "string", version: "string", changes: "messages", hash: "string", locked: "string" },
  "lock.moved": { file: "string", version: "string", from: "string" },
  "lock.locked": { file: "string", version: "string" },
  "lock.removed": { file: "string", version: "string" },
  "lock.change": { kind: ["part", "criterion", "input"], name: "string", change: ["removed", "changed", "added", "reordered"] },
  "lock.reformatted": {},

  // Why a unit of a batch got no result.
  "batch.not_evaluated": { line: "number", reason: "message" },
  "batch.out_of_memory": { mb: "number" },
  "batch.worker_stopped": { why: "string" },
  "batch.evaluation_failed": { why: "string" },
  "batch.stopping": {},

  // Why a text is not JSON.
  "json.empty": {},
  "json.ends_early": {},
  "json.unexpected": { char: "string" },
  "json.bad_unicode_escape": {},
  "json.bad_escape": {},
  "json.control_in_string": {},
  "json.string_not_closed": {},
  "json.expected_key": { found: "message" },
  "json.expected_colon": { found: "message" },
  "json.expected_comma": { found: "message", close: "string" },
  "json.after_end": { found: "message" },
  "json.engine": { reason: "string" },
  "json.duplicate_key": { key: "string", first: "number?" },
  "json.bom": { encoding: "string" },
  "json.utf16": {},
  "json.zero_byte": { offset: "number" },
  "json.not_utf8": { byte: "string", offset: "number" },

  "units.line_refused": { line: "number", max: "number" },
  "units.item_refused": { line: "number", max: "number" },
  "units.not_a_list": { start: "string" },
  "units.text_after_list": {},
  "units.empty_item_at_end": {},
  "units.empty_item": {},
  "units.list_not_closed": {},
  "units.not_utf8": { line: "number" },
  "units.cell_not_closed": { line: "number" },

  "units.formats": {},

  // Why a value has no canonical JSON form.
  "canonical.too_deep": {},
  "canonical.not_a_number": { value: "string" },
  "canonical.same_keys": { key: "string" },
  "canonical.not_plain": { name: "string?" },
  "canonical.not_json": { type: "string" },
} as const satisfies AreaSpec;
