import type { VERIFY } from "../codes/verify.js";
import { formatNumber } from "../format.js";
import type { Sentences } from "../params.js";

const list = (problems: readonly string[]) => problems.map((p) => `\n  - ${p}`).join("");
const VERDICT = { pass: "đạt", fail: "chưa đạt", incomplete: "chưa đủ dữ liệu" };
const STATUS = { pass: "đạt", fail: "chưa đạt", missing: "thiếu dữ liệu", "not-applicable": "không áp dụng", error: "lỗi" };
const n = (x: number | undefined) => (x === undefined ? "-" : formatNumber(x, "vi"));

export const verify: Sentences<typeof VERIFY> = {
  "verify.verdict": ({ before, after }) => `Kết luận: ${VERDICT[before]} → ${VERDICT[after]}`,
  "verify.grade": ({ before, after }) => `Xếp loại: ${before ?? "(không có)"} → ${after ?? "(không có)"}`,
  "verify.points": ({ before, after }) => `Điểm: ${n(before)} → ${n(after)}`,
  "verify.status": ({ status, points }) => `${STATUS[status]}${points ? ` (${points})` : ""}`,
  "verify.absent": () => "(không có)",
  "verify.criterion": ({ id, before, after, fields }) => `Tiêu chí ${id}: ${before} → ${after}${fields ? ` (khác ở: ${fields})` : ""}`,
  "verify.result": ({ where }) => `Kết quả khác ở ${where}`,
  "verify.set_missing": ({ set }) => `Không tìm thấy bộ tiêu chí ${set}: không thể đánh giá lại.`,
  "verify.set_changed": ({ set, before, after }) => `Nội dung bộ tiêu chí ${set} đã thay đổi: khi ghi là ${before}, nay là ${after}.`,
  "verify.data_changed": ({ before, after }) => `Dữ liệu của đơn vị đã thay đổi: khi ghi là ${before}, nay là ${after}.`,
  "verify.library": ({ recorded, now }) => `Bản ghi do tieuchi ${recorded} tạo; đánh giá lại bằng tieuchi ${now}.`,
  "verify.evaluator": ({ name }) => `Bộ đánh giá ${name} không có; dùng bộ mặc định.`,
  "verify.data_invalid": ({ set, error, problems }) => `Dữ liệu không còn hợp lệ với ${set}: ${error}${problems.length ? `:${list(problems)}` : ""}`,
  "verify.not_evaluated": ({ error, problems }) => `Không đánh giá lại được: ${error}${problems.length ? `:${list(problems)}` : ""}`,
};
