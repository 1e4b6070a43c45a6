import { formatNumber, plural } from "../format.js";
import type { Sentences } from "../params.js";
import type { WORDS } from "../codes/words.js";

const n = (x: number) => formatNumber(x, "en");

export const words: Sentences<typeof WORDS> = {
  "word.status": ({ status }) => ({ pass: "pass", fail: "fail", missing: "missing data", "not-applicable": "not applicable", error: "error" })[status],
  "word.status_short": ({ status }) => ({ pass: "pass", fail: "fail", missing: "missing", "not-applicable": "n/a", error: "error" })[status],
  "word.verdict": ({ verdict }) => ({ pass: "pass", fail: "fail", incomplete: "incomplete" })[verdict],
  "word.yes_no": ({ value }) => (value ? "yes" : "no"),
  "word.none": () => "(none)",
  "word.unknown": () => "(unknown)",
  "word.items": ({ count }) => plural(count, "item"),
  "word.points_of": ({ earned, max }) => `${n(earned)}/${n(max)} points`,
  "word.points": ({ points }) => plural(points, "point"),
  "word.line": ({ line }) => `line ${n(line)}`,
  "word.line_column": ({ line, column }) => `line ${n(line)}, column ${n(column)}`,
  "word.text": ({ text }) => text,
  "word.quoted": ({ text }) => `"${text}"`,
  "word.and_more": ({ count }) => `… and ${n(count)} more`,
  "word.mandatory": () => "required",
  "word.exclusion": () => "exclusion",
};
