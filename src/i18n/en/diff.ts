/**
 * What changed between two versions of a set, in English.
 *
 * @module
 */
import type { DIFF } from "../codes/diff.js";
import { formatNumber } from "../format.js";
import type { Sentences } from "../params.js";

const n = (x: number) => formatNumber(x, "en");
const q = (s: string) => `"${s}"`;
const head = (id: string) => `Criterion ${id}`;
const pairs = (before: readonly number[], after: readonly number[]) => before.map((b, i) => `${n(b)} → ${n(after[i] ?? b)}`).join(", ");

const METADATA = {
  id: "Set id",
  version: "Version",
  title: "Title",
  subject: "Subject",
  jurisdiction: "Jurisdiction",
  "source.document": "Document",
  "source.title": "Document title",
  "source.issuer": "Issuer",
  "source.issued": "Issued",
  "source.section": "Section",
  "source.url": "URL",
  validFrom: "In force from",
  validTo: "In force until",
  supersedes: "Supersedes",
  "completeness.level": "Completeness",
} as const;

const ROLE = { standard: "a standard criterion", exclusion: "an exclusion" } as const;
const NOT_APPLICABLE = { award: "award their points", zero: "score zero", exclude: "leave the total, pass mark scaled" } as const;
const KINDS = {
  "metadata-changed": ["metadata change", "metadata changes"],
  "input-added": ["input added", "inputs added"],
  "input-removed": ["input removed", "inputs removed"],
  "input-changed": ["input change", "input changes"],
  "derived-added": ["derived value added", "derived values added"],
  "derived-removed": ["derived value removed", "derived values removed"],
  "derived-changed": ["derived value change", "derived value changes"],
  "group-added": ["group added", "groups added"],
  "group-removed": ["group removed", "groups removed"],
  "group-changed": ["group change", "group changes"],
  "criterion-added": ["criterion added", "criteria added"],
  "criterion-removed": ["criterion removed", "criteria removed"],
  "criterion-renamed": ["criterion renamed", "criteria renamed"],
  "criterion-changed": ["criterion change", "criterion changes"],
  "criteria-reordered": ["reordering", "reorderings"],
  "decision-changed": ["decision change", "decision changes"],
} as const;

export const diff: Sentences<typeof DIFF> = {
  "diff.date": ({ date }) => date,
  "diff.list": ({ items }) => (items.length ? items.join(", ") : "(none)"),
  "diff.quoted_text": ({ text }) => q(text),
  "diff.set_ref": ({ id, version, article }) => `${id}@${version}${article ? ` (${article})` : ""}`,
  "diff.json": ({ json }) => json,
  "diff.number": ({ value }) => n(value),
  "diff.yes_no": ({ value }) => (value ? "yes" : "no"),
  "diff.any": () => "any",
  "diff.arrow": ({ before, after }) => `${before} → ${after}`,
  "diff.retitled": ({ before, after }) =>
    before !== undefined && after !== undefined && before === after
      ? `${q(after)} (only the Vietnamese text changed)`
      : `${before === undefined ? "(none)" : q(before)} → ${after === undefined ? "(none)" : q(after)}`,
  "diff.range_between": ({ min, max }) => `${min}–${max}`,
  "diff.range_min": ({ min }) => `≥ ${min}`,
  "diff.range_max": ({ max }) => `≤ ${max}`,
  "diff.spec_boolean": () => "yes/no",
  "diff.spec_integer": ({ range }) => `whole number${range ? ` ${range}` : ""}`,
  "diff.spec_number": ({ range }) => `number${range ? ` ${range}` : ""}`,
  "diff.spec_date": ({ range }) => `date${range ? ` ${range}` : ""}`,
  "diff.spec_text": () => "text",
  "diff.spec_enum": ({ values }) => `one of ${values}`,
  "diff.spec_title": ({ set, levels }) => `title decided by ${set}${levels.length ? `, by level ${levels.join(", ")}` : ""}`,
  "diff.spec_record": ({ fields }) => `record of ${n(fields)} fields`,
  "diff.spec_list": ({ item }) => `list of (${item})`,
  "diff.points_none": () => "no points",
  "diff.points_fixed": ({ points }) => `${points} point${points === 1 ? "" : "s"}`,
  "diff.points_tier": ({ points, rule }) => `${points} if ${rule}`,
  "diff.points_tiers": ({ max, tiers }) => `up to ${max} points in tiers (${tiers.join("; ")})`,
  "diff.points_score": ({ max, rule }) => `up to ${max} points, scored as ${rule}`,
  "diff.weight": ({ points, knockOut }) => [points ?? "", knockOut ? "knock-out" : ""].filter(Boolean).join(", ") || "no points",
  "diff.decision_points": ({ passMark, max }) => (passMark === undefined ? `points (of ${max}), pass mark not known` : `points, pass at ${passMark} of ${max}`),
  "diff.decision_all": ({ levels }) => `every criterion must pass${levels ? ` (${levels} level${levels === 1 ? "" : "s"})` : ""}`,
  "diff.rule_text": ({ rule }) => rule,
  "diff.not_encoded": () => "not encoded yet",

  "diff.metadata": ({ field, change }) => `${METADATA[field]}: ${change}`,
  "diff.procedure": ({ change }) => `Procedure: ${change}`,
  "diff.notes": ({ added, removed }) =>
    `Completeness notes: ${[added ? `${added} added` : "", removed ? `${removed} removed` : ""].filter(Boolean).join(", ") || "edited"}`,
  "diff.reference": ({ document, change }) =>
    change === "added" ? `Reference added: ${document}` : change === "removed" ? `Reference removed: ${document}` : `Reference ${document} edited`,

  "diff.input_added": ({ path, spec, description }) => `Input added: ${path} (${spec}): ${description}`,
  "diff.input_removed": ({ path, label }) => `Input removed: ${path}${label ? ` (${label})` : ""}`,
  "diff.input_type": ({ path, change }) => `Input ${path}: ${change}`,
  "diff.input_field": ({ path, field, change }) => `Input ${path}: ${field} ${change}`,
  "diff.input_enum": ({ path, change }) => `Input ${path}: allowed values ${change}`,
  "diff.input_enum_edit": ({ path, added, removed }) =>
    `Input ${path}: allowed values ${[added ? `added ${added}` : "", removed ? `removed ${removed}` : ""].filter(Boolean).join("; ") || "reordered"}`,
  "diff.input_label": ({ path, change }) => `Input ${path}: label ${change}`,
  "diff.input_description": ({ path }) => `Input ${path}: description edited`,
  "diff.derived_added": ({ name, rule }) => `Derived value added: ${name} = ${rule}`,
  "diff.derived_rule": ({ name, before, after }) => `Derived value ${name}: ${before} → ${after}`,
  "diff.derived_description": ({ name }) => `Derived value ${name}: label or description edited`,
  "diff.derived_removed": ({ name }) => `Derived value removed: ${name}`,

  "diff.group_added": ({ id, title, points }) => `Group added: ${id} ${q(title)}${points !== undefined ? ` (${points} points)` : ""}`,
  "diff.group_title": ({ id, change }) => `Group ${id}: ${change}`,
  "diff.group_points": ({ id, change }) => `Group ${id}: maximum points ${change}`,
  "diff.group_removed": ({ id, title }) => `Group removed: ${id} ${q(title)}`,

  "diff.criterion_added": ({ id, title, exclusion, what, weight }) =>
    `${exclusion ? "Exclusion added:" : "Criterion added:"} ${id} ${q(title)}: ${what}${weight ? ` (${weight})` : ""}`,
  "diff.criterion_removed": ({ id, title, exclusion, weight }) =>
    `${exclusion ? "Exclusion removed:" : "Criterion removed:"} ${id} ${q(title)}${weight ? ` (${weight})` : ""}`,
  "diff.criteria_reordered": () => "The criteria are in a new order",
  "diff.criterion_renamed": ({ from, to, kept, title }) =>
    `Criterion ${from} is now ${to} (${kept ? "same rule and points" : "matching wording; its rule or points changed as listed below"}): ${title}`,
  "diff.criterion_retitled": ({ id, title }) => `${head(id)}: ${title}`,
  "diff.renamed": ({ change }) => `renamed ${change}`,
  "diff.role": ({ id, before, after }) => `${head(id)}: ${ROLE[before]} → ${ROLE[after]}`,
  "diff.threshold": ({ id, before, after, rule }) => `${head(id)}: threshold ${pairs(before, after)} (now: ${rule})`,
  "diff.rule": ({ id, field, before, after }) =>
    `${head(id)}: ${field === "rule" ? "rule" : "exclusion rule"} ${before === undefined ? "(none)" : q(before)} → ${after === undefined ? "(none)" : q(after)}`,
  "diff.applies_now": ({ id, rule }) => `${head(id)}: now applies only when ${rule}`,
  "diff.applies_dropped": ({ id, rule }) => `${head(id)}: now applies to every unit (before: only when ${rule})`,
  "diff.applies": ({ id, before, after }) => `${head(id)}: applies when ${q(before)} → ${q(after)}`,
  "diff.tier_numbers": ({ id, before, after, points }) => `${head(id)}: numbers in the point tiers ${pairs(before, after)} (now: ${points})`,
  "diff.points": ({ id, change }) => `${head(id)}: ${change}`,
  "diff.mandatory": ({ id, now }) => `${head(id)}: ${now ? "is now a knock-out criterion" : "is no longer a knock-out criterion"}`,
  "diff.placed": ({ id, field, change }) => `${head(id)}: ${field} ${change}`,
  "diff.pending_encoded": ({ id }) => `${head(id)}: is now encoded`,
  "diff.pending_new": ({ id, reason }) => `${head(id)}: is no longer encoded: ${reason}`,
  "diff.pending_reason": ({ id }) => `${head(id)}: reason it is not encoded edited`,
  "diff.edited": ({ id, field }) =>
    `${head(id)}: ${{ requirement: "requirement text edited", text: "quoted text edited", explain: "explanation templates edited", notes: "notes edited" }[field]}`,
  "diff.article": ({ id, change }) => `${head(id)}: article ${change}`,

  "diff.decision_method": ({ change }) => `Decision: ${change}`,
  "diff.decision_number": ({ field, change }) => `${field === "maxPoints" ? "Maximum points" : "Pass mark"}: ${change}`,
  "diff.not_applicable": ({ before, after }) => `Criteria not applicable: ${NOT_APPLICABLE[before]} → ${NOT_APPLICABLE[after]}`,
  "diff.grade_added": ({ title, min }) => `Grade added: ${q(title)} (from ${min} points)`,
  "diff.grade_min": ({ title, before, after }) => `Grade ${q(title)}: from ${before} → ${after} points`,
  "diff.grade_title": ({ id, change }) => `Grade ${id}: ${change}`,
  "diff.grade_removed": ({ title, min }) => `Grade removed: ${q(title)} (from ${min} points)`,
  "diff.level_added": ({ id, title }) => `Level added: ${id} ${q(title)}`,
  "diff.level_title": ({ id, change }) => `Level ${id}: ${change}`,
  "diff.level_removed": ({ id, title }) => `Level removed: ${id} ${q(title)}`,
  "diff.levels_reordered": () => "The levels are in a new order",
  "diff.decision_title": ({ field, change }) => `${field === "passTitle" ? "Title when passed" : "Title when failed"}: ${change}`,

  "diff.section": ({ section }) =>
    ({ metadata: "Metadata", inputs: "Inputs", derived: "Derived values", groups: "Groups", criteria: "Criteria", decision: "Decision" })[section],
  "diff.count": ({ kind, count }) => `${count} ${KINDS[kind][count === 1 ? 0 : 1]}`,
  "diff.no_changes": ({ identical }) => (identical ? "No changes." : "No change in substance (only in how it is written)."),
};
