import { formatNumber } from "../format.js";
import type { Sentences } from "../params.js";
import type { EXPLAIN } from "../codes/explain.js";

const n = (x: number) => formatNumber(x, "vi");
export const explain: Sentences<typeof EXPLAIN> = {
  "explain.measure": ({ part, whole, percent, op, required }) =>
    `${n(part)}/${n(whole)} (${percent}), yêu cầu ${op === "atLeast" ? "tối thiểu" : "tối đa"} ${n(required)}%`,
  "explain.no_data_read": () => "không đọc dữ liệu nào",
  "explain.more_values": ({ count }) => `… và ${count} giá trị khác`,
  "explain.unknown_missing": () => "(không rõ)",
  "explain.points": ({ earned, max }) => `${earned}/${max} điểm`,
  "explain.no_exclusion": () => "Không thuộc trường hợp loại trừ.",
  "explain.met": ({ points, found }) => `Đạt${points}. Ghi nhận: ${found}.`,
  "explain.excluded": ({ required, found }) => `Thuộc trường hợp không xét: ${required}. Ghi nhận: ${found}.`,
  "explain.not_met": ({ points, required, found }) => `Chưa đạt${points}. Yêu cầu: ${required}. Ghi nhận: ${found}.`,
  "explain.not_encoded": ({ reason }) => `Chưa có quy tắc tính: ${reason}.`,
  "explain.missing": ({ missing }) => `Thiếu dữ liệu: ${missing}.`,
  "explain.not_applicable": () => "Không áp dụng cho đơn vị này.",
  "explain.error": ({ reason }) => `Lỗi khi đánh giá: ${reason}.`,
  "explain.verdict_pass": ({ title, grade, points }) => `Đạt danh hiệu "${title}"${grade ? `, xếp loại ${grade}` : ""}${points ? ` (${points})` : ""}.`,
  "explain.verdict_fail": ({ title, blocking, points, short, passMark }) => {
    const why: string[] = [];
    if (blocking.length) why.push(`không đạt tiêu chí bắt buộc ${blocking.join(", ")}`);
    if (points && short) why.push(`${points}, thiếu ${short} điểm${passMark !== undefined ? ` so với mức đạt ${passMark}` : ""}`);
    return `Chưa đạt danh hiệu "${title}": ${why.join("; ") || "có tiêu chí chưa đạt"}.`;
  },
  "explain.verdict_no_pass_mark": ({ title, points }) => `Không thể kết luận về danh hiệu "${title}": văn bản chưa xác định được mức điểm đạt (${points}).`,
  "explain.transition_side": ({ set, document, verdict, grade }) =>
    `${set} (${document}) → ${verdict === "invalid" ? "dữ liệu không hợp lệ với phiên bản này" : `${{ pass: "ĐẠT", fail: "CHƯA ĐẠT", incomplete: "CHƯA ĐỦ DỮ LIỆU" }[verdict]}${grade ? `, ${grade}` : ""}`}`,
  "explain.transition": ({ applied, appliedSide, decided, decidedSide, agreement }) =>
    `Ngày nộp hồ sơ ${applied}: ${appliedSide}; ngày xét ${decided}: ${decidedSide}. ${{ "same-version": "Cùng một phiên bản có hiệu lực vào cả hai ngày.", disagree: "Hai phiên bản cho kết quả khác nhau.", agree: "Hai phiên bản cho cùng kết quả." }[agreement]}`,
};
