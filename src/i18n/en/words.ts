import { formatNumber, plural } from "../format.js";
import type { Sentences } from "../params.js";
import type { WORDS } from "../codes/words.js";

const n = (x: number) => formatNumber(x, "en");

export const words: Sentences<typeof WORDS> = {
  "word.rule_yes": ({ label }) => `${label}: yes`,
  "word.rule_and": () => " and ",
  "word.rule_or": () => " or ",
  "word.rule_not": ({ value }) => `not ${value}`,
  "word.rule_if": ({ cond, then }) => `if ${cond} then ${then}`,
  "word.rule_else": ({ value }) => `otherwise ${value}`,
  "word.rule_in": ({ value, list }) => `${value} in ${list}`,
  "word.rule_quantifier": ({ q, list, cond }) => `${{ all: "every", some: "at least one", none: "no" }[q]} ${list}: ${cond}`,
  "word.rule_where": ({ list, cond }) => `${list} where ${cond}`,
  "word.rule_count": ({ list }) => `number of ${list}`,
  "word.rule_count_where": ({ list, cond }) => `number of ${list} where ${cond}`,
  "word.rule_share": ({ atLeast, percent, list, excluding, cond }) =>
    `${atLeast ? "at least" : "at most"} ${percent} of ${list}${excluding === undefined ? "" : ` (excluding ${excluding})`} meet: ${cond}`,
  "word.rule_ratio": ({ atLeast, part, percent, whole }) => `${part} ${atLeast ? "≥" : "≤"} ${percent} of ${whole}`,
  "word.rule_sum": ({ value, list }) => `sum of ${value} over ${list}`,
  "word.rule_item": () => "item",
  "word.status": ({ status }) => ({ pass: "pass", fail: "fail", missing: "missing data", "not-applicable": "not applicable", error: "error" })[status],
  "word.status_short": ({ status }) => ({ pass: "pass", fail: "fail", missing: "missing", "not-applicable": "n/a", error: "error" })[status],
  "word.verdict": ({ verdict }) => ({ pass: "pass", fail: "fail", incomplete: "incomplete" })[verdict],
  "word.yes_no": ({ value }) => (value ? "yes" : "no"),
  "word.none": () => "(none)",
  "word.items": ({ count }) => plural(count, "item"),
  "word.points_of": ({ earned, max }) => `${n(earned)}/${n(max)} points`,
  "word.line": ({ line }) => `line ${n(line)}`,
  "word.line_column": ({ line, column }) => `line ${n(line)}, column ${n(column)}`,
  "word.text": ({ text }) => text,
  "word.quoted": ({ text }) => `"${text}"`,
  "word.and_more": ({ count }) => `… and ${n(count)} more`,
  "word.mandatory": () => "required",
};
