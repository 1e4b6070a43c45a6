/**
 * Words and short labels used across results, tables, reports and the explorer: each written once.
 *
 * @module
 */
import type { AreaSpec } from "../params.js";

/** The status of a criterion for a unit (as in `Status` of the result schema). */
export const STATUS_VALUES = ["pass", "fail", "missing", "not-applicable", "error"] as const;
/** The verdict on a unit (as in `Verdict`). */
export const VERDICT_VALUES = ["pass", "fail", "incomplete"] as const;

export const WORDS = {
  // A rule in words (the explanation's "required", the explorer): each operator's sentence, see `logic/ops/`.
  /** A yes/no input as a whole rule: `label: yes`. */
  "word.rule_yes": { label: "string" },
  /** Between parts that must all hold. */
  "word.rule_and": {},
  /** Between parts of which one must hold. */
  "word.rule_or": {},
  /** The opposite of a part. */
  "word.rule_not": { value: "string" },
  /** A branch of an `if`. */
  "word.rule_if": { cond: "string", then: "string" },
  /** The last branch of an `if`. */
  "word.rule_else": { value: "string" },
  /** A value in a list. */
  "word.rule_in": { value: "string", list: "string" },
  /** Every / some / no item of a list meets a condition. */
  "word.rule_quantifier": { q: ["all", "some", "none"], list: "string", cond: "string" },
  /** The items of a list that meet a condition. */
  "word.rule_where": { list: "string", cond: "string" },
  /** How many items a list has. */
  "word.rule_count": { list: "string" },
  /** How many items of a list meet a condition. */
  "word.rule_count_where": { list: "string", cond: "string" },
  /** At least (at most) a percentage of a list's items, some excluded, meet a condition. */
  "word.rule_share": { atLeast: "boolean", percent: "string", list: "string", excluding: "string?", cond: "string" },
  /** A part is at least (at most) a percentage of a whole. */
  "word.rule_ratio": { atLeast: "boolean", part: "string", percent: "string", whole: "string" },
  /** The sum of a value over a list's items. */
  "word.rule_sum": { value: "string", list: "string" },
  /** An item of a list, when it has no label. */
  "word.rule_item": {},
  /** A criterion's status, in a sentence or a table cell. */
  "word.status": { status: STATUS_VALUES },
  /** A criterion's status in a narrow column heading. */
  "word.status_short": { status: STATUS_VALUES },
  /** The verdict on a unit. */
  "word.verdict": { verdict: VERDICT_VALUES },
  /** A yes/no value read from data. */
  "word.yes_no": { value: "boolean" },
  /** An absent value. */
  "word.none": {},
  /** A list, by its number of items. */
  "word.items": { count: "number" },
  /** Points earned out of a maximum, e.g. `8/10 điểm`. */
  "word.points_of": { earned: "number", max: "number" },
  /** A line of a file, e.g. `dòng 38`. */
  "word.line": { line: "number" },
  /** A place in a file, e.g. `dòng 3, cột 7`. */
  "word.line_column": { line: "number", column: "number" },
  /** A text already written in each language (from a criteria file, or made by another part of tieuchi). */
  "word.text": { text: "text" },
  /** A text quoted inside a sentence. */
  "word.quoted": { text: "string" },
  /** `… and N more` after a list cut short. */
  "word.and_more": { count: "number" },
  /** A criterion the set marks as mandatory. */
  "word.mandatory": {},
} as const satisfies AreaSpec;
