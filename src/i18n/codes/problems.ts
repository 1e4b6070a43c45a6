/**
 * Problems: what is wrong at one place of an input (a criteria file, a unit's data, a case file, a lock
 * file, an audit record, a set of sets). The key is `problem.<code>` or `problem.<code>.<variant>`: the code
 * is the stable `Problem.code`, the variant picks the sentence.
 *
 * Also the pieces problems are made of: what a value must be (`check.*`, the wording of the checks written
 * into the schemas), type names (`type.*`), and where a rule reads (`where.*`).
 *
 * @module
 */
import type { AreaSpec } from "../params.js";

/** Where a control character was found. */
const IN = ["text", "key"] as const;
/** What an id names. */
const ID_OF = ["criterion", "group", "grade", "level", "step"] as const;
/** The two counts of a ratio. */
const PART = ["part", "whole"] as const;

export const PROBLEMS = {
  // A value of the wrong shape (from the schemas). `check` is the schema's own wording, when it has one.
  "problem.invalid_type": { expected: "string", received: "string", check: "message?" },
  "problem.invalid_value": { values: "strings", check: "message?" },
  "problem.too_small": { origin: "string", minimum: "number", inclusive: "boolean", check: "message?" },
  "problem.too_big": { origin: "string", maximum: "number", inclusive: "boolean", check: "message?" },
  "problem.invalid_format": { format: "string", check: "message?" },
  "problem.not_multiple_of": { divisor: "number" },
  "problem.invalid_union": { check: "message?" },
  "problem.invalid_key": { origin: "string" },
  "problem.invalid_element": { origin: "string" },
  "problem.custom": { check: "message" },
  "problem.unknown_key": { key: "string", suggestion: "string?" },
  "problem.unknown_field": { key: "string", top: "boolean", known: "strings", more: "number?", suggestion: "string?" },
  "problem.list_too_long": { count: "number", max: "number" },
  "problem.text_too_long": { length: "number", max: "number" },
  "problem.control_character": { char: "string", in: IN },

  // A criteria file's size, checked before its shape.
  "problem.unsafe_key": {},
  "problem.too_deep": { max: "number" },
  "problem.inputs_too_deep": { depth: "number", max: "number" },
  "problem.too_many_inputs": { count: "number", max: "number" },
  "problem.too_many_criteria": { count: "number", max: "number" },
  "problem.too_many_derived": { count: "number", max: "number" },

  // A criteria set's checks beyond shape.
  "problem.duplicate_id": { of: ID_OF, id: "string", first: "number" },
  "problem.duplicate_id.levels": {},
  "problem.bad_range.numbers": { min: "number", max: "number" },
  "problem.bad_range.dates": { min: "string", max: "string" },
  "problem.bad_range.items": {},
  "problem.bad_default.range": { value: "number" },
  "problem.bad_default.enum": { value: "string" },
  "problem.duplicate_enum": {},
  // Constraints between inputs (`constraints`): each side must name a number input, both in the same list.
  "problem.constraint.not_declared": { path: "string" },
  "problem.constraint.not_a_list": { path: "string" },
  "problem.constraint.not_a_number": { path: "string" },
  "problem.constraint.same_input": { path: "string" },
  "problem.constraint.different_lists": { part: "string", whole: "string" },
  // A unit's data that breaks a constraint: a part larger than its whole.
  "problem.part_exceeds_whole": { part: "number", whole: "number", partInput: "text", wholeInput: "text", note: "text?" },
  "problem.title_cycle": {},
  "problem.dates.order": { from: "string", to: "string" },
  "problem.dates.issued": { issued: "string", from: "string" },
  "problem.dates.data_period": { from: "string", to: "string" },
  "problem.supersedes_self": {},
  "problem.completeness.pending": {},
  "problem.completeness.pass_mark": {},
  "problem.completeness.secondary_notes": {},
  "problem.completeness.article": { id: "string", lacks: ["article", "text"] },
  "problem.unknown_group": { group: "string", declared: "strings" },
  "problem.unknown_level.not_all": {},
  "problem.unknown_level.undeclared": { level: "string", declared: "strings" },
  "problem.points_unused": {},
  "problem.no_points": {},
  "problem.points.tier_above": { points: "number", max: "number" },
  "problem.points.no_tier_max": { max: "number" },
  "problem.points_sum.set": { total: "number", max: "number" },
  "problem.points_sum.group": { group: "string", total: "number", max: "number" },
  "problem.pass_mark": { passMark: "number", max: "number" },
  "problem.grades_order.below_pass": { grade: "string", min: "number", passMark: "number" },
  "problem.grades_order.above_max": { grade: "string", min: "number", max: "number" },
  "problem.grades_order.order": { grade: "string", min: "number", previous: "string", previousMin: "number" },
  "problem.grades_order.lowest": { passMark: "number" },
  "problem.duplicate_name": { name: "string" },
  "problem.score_type": {},
  "problem.template_name.ratio": { name: "string" },
  "problem.template_name.unknown": { name: "string", allowed: "strings" },

  "problem.empty_group_unsaid": { id: "string" },
  "problem.empty_group_unused": { id: "string" },
  "problem.work_too_large": { work: "number", max: "number", rule: "number" },

  // A rule's checks.
  "problem.rule_too_large": { max: "number" },
  "problem.rules_too_large": { max: "number" },
  "problem.rule_too_deep": { max: "number" },
  "problem.operation_shape.empty": {},
  "problem.operation_shape.keys": { keys: "strings" },
  "problem.operator_not_allowed": { op: "string", allowed: "strings", suggestion: "string?" },
  "problem.arity": { op: "string", min: "number", max: "number", got: "number" },
  "problem.not_a_number": { op: "string", type: "message" },
  "problem.lookalike_text.invisible": { value: "string", char: "string" },
  "problem.lookalike_text.script": { value: "string", script: "string" },
  "problem.not_comparable.order": { op: "string", type: "message" },
  "problem.not_comparable.mixed": { op: "string", left: "message", right: "message" },
  "problem.var_not_literal": {},
  "problem.unsafe_path": { path: "string", segment: "string" },
  "problem.bad_path.position": { path: "string" },
  "problem.bad_path.names": { path: "string" },
  "problem.unknown_var.not_record": { path: "string", parent: "string", type: "message", field: "string" },
  "problem.unknown_var.undeclared": { path: "string", where: "message", field: "string", known: "strings", more: "number?", suggestion: "string?" },
  "problem.not_a_list": { op: "string", type: "message" },
  "problem.not_a_count.type": { part: PART, type: "message" },
  "problem.not_a_count.decimal": { part: PART },
  "problem.not_a_count.signed": { part: PART, input: "string?" },
  "problem.bad_percent.range": { value: "string", decimals: "number" },
  "problem.bad_percent.type": { type: "message" },
  "problem.not_in_enum.compare": { value: "string", values: "strings" },
  "problem.not_in_enum.in": { value: "string", values: "strings" },

  // Sets that should form a registry.
  "problem.duplicate_version": { set: "string", sources: "strings" },
  "problem.overlapping_dates": { first: "message", second: "message", from: "string", until: "string?", set: "string", endOn: "string" },
  "problem.unknown_supersedes": { set: "string", target: "string", id: "string", known: "strings" },
  "problem.supersedes_later": { set: "string", target: "string", targetFrom: "string", from: "string" },
  "problem.supersedes_overlap": { set: "string", target: "string", targetTo: "string?", from: "string", endOn: "string" },
  "problem.supersedes_fork": { sets: "strings", target: "string" },

  // Lock files, audit records, case files, spreadsheets.
  "problem.bad_file": { file: "string" },
  "problem.inconsistent.set": { record: "string", result: "string" },
  "problem.inconsistent.as_of": { record: "string", result: "string" },
  "problem.inconsistent.library": { record: "string", result: "string" },
  "problem.wrong_set.cases": { cases: "string", set: "string" },
  "problem.wrong_set.file": { cases: "string", file: "string", holds: "string" },
  "problem.wrong_set.result": { result: "string", set: "string" },
  "problem.levels_order": { held: "string", notHeld: "string" },
  "problem.title_levels": { set: "string", levels: "strings", title: "string", declared: "strings" },
  "problem.title_levels.registry": { set: "string", title: "string", levels: "strings", by: "string", decided: "strings" },
  "problem.unit_too_large": { reason: "message" },
  "problem.csv_quote": { reason: "message" },
  "problem.invalid_cell": { column: "string", reason: "message" },

  "problem.json_parse": { reason: "message" },
  "problem.no_case_files": { path: "string" },

  // What a value must be: the wording of the checks written into the schemas.
  "check.unworded": { text: "string" },
  "check.vi_empty": {},
  "check.en_empty": {},
  "check.date_format": {},
  "check.web_url": {},
  "check.real_date": {},
  "check.name_format": {},
  "check.reserved_name": {},
  "check.id_format": {},
  "check.set_id_format": {},
  "check.version_format": {},
  "check.rule_json": {},
  "check.date_from": { min: "string" },
  "check.date_until": { max: "string" },
  "check.title_value": {},
  "check.sub_unit_object": {},
  "check.sub_unit_result": {},
  "check.title_level": { levels: "strings" },
  "check.complete_split": {},
  "check.level_field": {},
  "check.exclusion_needs_excludes": {},
  "check.exclusion_no_rule": {},
  "check.exclusion_no_points": {},
  "check.excludes_only_exclusion": {},
  "check.scored_needs_rule": {},
  "check.criterion_needs_rule": {},
  "check.criterion_one_of": { kinds: "strings" },
  "check.invalid_data_has": { key: "string" },
  "check.case_verdict": {},
  "check.case_name_twice": { name: "string" },
  "check.batch_line_one": {},
  "check.day_of_year": {},
  "check.sha256": {},
  "check.short_hash": {},
  "check.id_at_version": {},
  "check.date_time": {},
  "check.line_result_or_error": {},

  // Type names, and where a rule reads.
  "type.kind": { kind: ["boolean", "integer", "number", "string", "date", "null", "any"] },
  "type.list": { item: "message" },
  "type.either": { types: "messages" },
  "type.record": { fields: "strings" },
  "type.text_enum": { values: "strings" },
  "where.set": {},
  "where.field": { path: "string" },
  "where.item": { list: "string" },
  /** A set's version and its dates in force, e.g. `x@1.0.0 (2020-01-01 to no end)`. */
  "set.span": { set: "string", from: "string", to: "string?", source: "string?" },
} as const satisfies AreaSpec;
