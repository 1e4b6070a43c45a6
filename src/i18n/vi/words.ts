import { formatNumber } from "../format.js";
import type { Sentences } from "../params.js";
import type { WORDS } from "../codes/words.js";

const n = (x: number) => formatNumber(x, "vi");

export const words: Sentences<typeof WORDS> = {
  "word.status": ({ status }) => ({ pass: "đạt", fail: "chưa đạt", missing: "thiếu dữ liệu", "not-applicable": "không áp dụng", error: "lỗi" })[status],
  "word.status_short": ({ status }) => ({ pass: "đạt", fail: "chưa đạt", missing: "thiếu", "not-applicable": "không áp dụng", error: "lỗi" })[status],
  "word.verdict": ({ verdict }) => ({ pass: "đạt", fail: "chưa đạt", incomplete: "chưa đủ dữ liệu" })[verdict],
  "word.yes_no": ({ value }) => (value ? "có" : "không"),
  "word.none": () => "(không có)",
  "word.unknown": () => "(không rõ)",
  "word.items": ({ count }) => `${n(count)} mục`,
  "word.points_of": ({ earned, max }) => `${n(earned)}/${n(max)} điểm`,
  "word.points": ({ points }) => `${n(points)} điểm`,
  "word.line": ({ line }) => `dòng ${n(line)}`,
  "word.line_column": ({ line, column }) => `dòng ${n(line)}, cột ${n(column)}`,
  "word.text": ({ text }) => text,
  "word.quoted": ({ text }) => `«${text}»`,
  "word.and_more": ({ count }) => `… và ${n(count)} mục khác`,
  "word.mandatory": () => "bắt buộc",
  "word.exclusion": () => "loại trừ",
};
