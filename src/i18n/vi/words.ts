import { formatNumber } from "../format.js";
import type { Sentences } from "../params.js";
import type { WORDS } from "../codes/words.js";

const n = (x: number) => formatNumber(x, "vi");

export const words: Sentences<typeof WORDS> = {
  "word.rule_yes": ({ label }) => `${label}: có`,
  "word.rule_and": () => " và ",
  "word.rule_or": () => " hoặc ",
  "word.rule_not": ({ value }) => `không phải ${value}`,
  "word.rule_if": ({ cond, then }) => `nếu ${cond} thì ${then}`,
  "word.rule_else": ({ value }) => `nếu không thì ${value}`,
  "word.rule_in": ({ value, list }) => `${value} thuộc ${list}`,
  "word.rule_quantifier": ({ q, list, cond }) => `${{ all: "mọi", some: "ít nhất một", none: "không có" }[q]} ${list}: ${cond}`,
  "word.rule_where": ({ list, cond }) => `${list} có ${cond}`,
  "word.rule_count": ({ list }) => `số ${list}`,
  "word.rule_count_where": ({ list, cond }) => `số ${list} có ${cond}`,
  "word.rule_share": ({ atLeast, percent, list, excluding, cond }) =>
    `${atLeast ? "ít nhất" : "nhiều nhất"} ${percent} ${list}${excluding === undefined ? "" : ` (không tính ${excluding})`} đạt: ${cond}`,
  "word.rule_ratio": ({ atLeast, part, percent, whole }) => `${part} ${atLeast ? "≥" : "≤"} ${percent} của ${whole}`,
  "word.rule_sum": ({ value, list }) => `tổng ${value} của ${list}`,
  "word.rule_item": () => "mục",
  "word.status": ({ status }) => ({ pass: "đạt", fail: "chưa đạt", missing: "thiếu dữ liệu", "not-applicable": "không áp dụng", error: "lỗi" })[status],
  "word.status_short": ({ status }) => ({ pass: "đạt", fail: "chưa đạt", missing: "thiếu", "not-applicable": "không áp dụng", error: "lỗi" })[status],
  "word.verdict": ({ verdict }) => ({ pass: "đạt", fail: "chưa đạt", incomplete: "chưa đủ dữ liệu" })[verdict],
  "word.yes_no": ({ value }) => (value ? "có" : "không"),
  "word.none": () => "(không có)",
  "word.items": ({ count }) => `${n(count)} mục`,
  "word.points_of": ({ earned, max }) => `${n(earned)}/${n(max)} điểm`,
  "word.line": ({ line }) => `dòng ${n(line)}`,
  "word.line_column": ({ line, column }) => `dòng ${n(line)}, cột ${n(column)}`,
  "word.text": ({ text }) => text,
  "word.quoted": ({ text }) => `«${text}»`,
  "word.and_more": ({ count }) => `… và ${n(count)} mục khác`,
  "word.mandatory": () => "bắt buộc",
};
