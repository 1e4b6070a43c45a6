/**
 * What changed between two versions of a set (`diff`): each change is a message with its data as parameters.
 * Rules are given in words (`text` parameters: the rule described in each language); values shown in a change
 * are messages of their own (`diff.date`, `word.quoted`, ...), so a change reads right in either language.
 *
 * @module
 */
import type { AreaSpec } from "../params.js";

/** Metadata fields a change can be about. */
export const DIFF_METADATA = [
  "id",
  "version",
  "title",
  "subject",
  "jurisdiction",
  "source.document",
  "source.title",
  "source.issuer",
  "source.issued",
  "source.section",
  "source.url",
  "validFrom",
  "validTo",
  "supersedes",
  "completeness.level",
] as const;
/** Fields of a declared input a change can be about. */
export const DIFF_INPUT_FIELDS = ["min", "max", "minItems", "maxItems", "maxLength", "default", "unit", "set", "levels"] as const;
const ROLES = ["standard", "exclusion"] as const;
const NOT_APPLICABLE = ["award", "zero", "exclude"] as const;
const SECTIONS = ["metadata", "inputs", "derived", "groups", "criteria", "decision"] as const;
/** The kinds of change a diff reports (the schema of `Change.kind` is made from this list). */
export const DIFF_KINDS = [
  "metadata-changed",
  "input-added",
  "input-removed",
  "input-changed",
  "derived-added",
  "derived-removed",
  "derived-changed",
  "group-added",
  "group-removed",
  "group-changed",
  "criterion-added",
  "criterion-removed",
  "criterion-renamed",
  "criterion-changed",
  "criteria-reordered",
  "decision-changed",
] as const;

export const DIFF = {
  // Values as a change shows them.
  /** A date (ISO in the data). */
  "diff.date": { date: "string" },
  /** A list of values. */
  "diff.list": { items: "messages" },
  /** A text of the set, quoted in the sentence's language. */
  "diff.quoted_text": { text: "text" },
  /** A set named by id and version (and the article that names it). */
  "diff.set_ref": { id: "string", version: "string", article: "string?" },
  /** A value shown as JSON. */
  "diff.json": { json: "string" },
  /** A number. */
  "diff.number": { value: "number" },
  /** A yes/no value. */
  "diff.yes_no": { value: "boolean" },
  /** Any value allowed (no list of values). */
  "diff.any": {},
  /** `before → after`. */
  "diff.arrow": { before: "message", after: "message" },
  /** A text of the set changed: old → new, or, when this language's text is the same, that only the other changed. */
  "diff.retitled": { before: "text?", after: "text?" },
  "diff.range_between": { min: "message", max: "message" },
  "diff.range_min": { min: "message" },
  "diff.range_max": { max: "message" },
  // A declared input in words.
  "diff.spec_boolean": {},
  "diff.spec_integer": { range: "message?" },
  "diff.spec_number": { range: "message?" },
  "diff.spec_date": { range: "message?" },
  "diff.spec_text": {},
  "diff.spec_enum": { values: "message" },
  "diff.spec_title": { set: "string", levels: "strings" },
  "diff.spec_record": { fields: "number" },
  "diff.spec_list": { item: "message" },
  // Points and weight of a criterion.
  "diff.points_none": {},
  "diff.points_fixed": { points: "number" },
  "diff.points_tier": { points: "number", rule: "text" },
  "diff.points_tiers": { max: "number", tiers: "messages" },
  "diff.points_score": { max: "number", rule: "text" },
  "diff.weight": { points: "message?", knockOut: "boolean" },
  "diff.decision_points": { passMark: "number?", max: "number" },
  "diff.decision_all": { levels: "number" },
  "diff.rule_text": { rule: "text" },
  "diff.not_encoded": {},

  // Metadata.
  "diff.metadata": { field: DIFF_METADATA, change: "message" },
  "diff.procedure": { change: ["added", "removed", "edited"] },
  "diff.notes": { added: "number", removed: "number" },
  "diff.reference": { document: "string", change: ["added", "edited", "removed"] },

  // Inputs and derived values.
  "diff.input_added": { path: "string", spec: "message", description: "text" },
  "diff.input_removed": { path: "string", label: "text?" },
  "diff.input_type": { path: "string", change: "message" },
  "diff.input_field": { path: "string", field: DIFF_INPUT_FIELDS, change: "message" },
  "diff.input_enum": { path: "string", change: "message" },
  "diff.input_enum_edit": { path: "string", added: "message?", removed: "message?" },
  "diff.input_label": { path: "string", change: "message" },
  "diff.input_description": { path: "string" },
  "diff.derived_added": { name: "string", rule: "text" },
  "diff.derived_rule": { name: "string", before: "text", after: "text" },
  "diff.derived_description": { name: "string" },
  "diff.derived_removed": { name: "string" },

  // Groups.
  "diff.group_added": { id: "string", title: "text", points: "number?" },
  "diff.group_title": { id: "string", change: "message" },
  "diff.group_points": { id: "string", change: "message" },
  "diff.group_removed": { id: "string", title: "text" },

  // Criteria.
  "diff.criterion_added": { id: "string", title: "text", exclusion: "boolean", what: "message", weight: "message?" },
  "diff.criterion_removed": { id: "string", title: "text", exclusion: "boolean", weight: "message?" },
  "diff.criteria_reordered": {},
  "diff.criterion_renamed": { from: "string", to: "string", kept: "boolean", title: "message" },
  "diff.criterion_retitled": { id: "string", title: "message" },
  "diff.renamed": { change: "message" },
  "diff.role": { id: "string", before: ROLES, after: ROLES },
  "diff.threshold": { id: "string", before: "numbers", after: "numbers", rule: "text" },
  "diff.rule": { id: "string", field: ["rule", "excludes"], before: "text?", after: "text?" },
  "diff.applies_now": { id: "string", rule: "text" },
  "diff.applies_dropped": { id: "string", rule: "text" },
  "diff.applies": { id: "string", before: "text", after: "text" },
  "diff.tier_numbers": { id: "string", before: "numbers", after: "numbers", points: "message" },
  "diff.points": { id: "string", change: "message" },
  "diff.mandatory": { id: "string", now: "boolean" },
  "diff.placed": { id: "string", field: ["level", "group"], change: "message" },
  "diff.pending_encoded": { id: "string" },
  "diff.pending_new": { id: "string", reason: "text" },
  "diff.pending_reason": { id: "string" },
  "diff.edited": { id: "string", field: ["requirement", "text", "explain", "notes"] },
  "diff.article": { id: "string", change: "message" },

  // The decision.
  "diff.decision_method": { change: "message" },
  "diff.decision_number": { field: ["maxPoints", "passMark"], change: "message" },
  "diff.not_applicable": { before: NOT_APPLICABLE, after: NOT_APPLICABLE },
  "diff.grade_added": { title: "text", min: "number" },
  "diff.grade_min": { title: "text", before: "number", after: "number" },
  "diff.grade_title": { id: "string", change: "message" },
  "diff.grade_removed": { title: "text", min: "number" },
  "diff.level_added": { id: "string", title: "text" },
  "diff.level_title": { id: "string", change: "message" },
  "diff.level_removed": { id: "string", title: "text" },
  "diff.levels_reordered": {},
  "diff.decision_title": { field: ["passTitle", "failTitle"], change: "message" },

  // Rendering a diff.
  "diff.section": { section: SECTIONS },
  "diff.count": { kind: DIFF_KINDS, count: "number" },
  "diff.no_changes": { identical: "boolean" },
} as const satisfies AreaSpec;
