import { formatNumber, joinAnd, joinOr } from "../format.js";
import type { Sentences } from "../params.js";
import type { DECISION } from "../codes/decision.js";

const n = (x: number) => formatNumber(x, "vi");
const OUTCOME: Record<string, string> = { pass: "đạt", fail: "chưa đạt", "not-applicable": "không áp dụng", error: "lỗi khi đánh giá" };

export const decision: Sentences<typeof DECISION> = {
  "decision.points_range": ({ earned, possible, max }) => (earned === possible ? `${n(earned)}/${n(max)} điểm` : `${n(earned)}–${n(possible)}/${n(max)} điểm`),
  "decision.undecided": ({ missing, outcomes, points }) =>
    `Thiếu dữ liệu: ${missing}. Tùy dữ liệu còn thiếu, tiêu chí có thể ${joinOr(
      outcomes.map((o) => OUTCOME[o] ?? o),
      "vi",
    )}${points ? ` (${points})` : ""}.`,
  "decision.unaffected": ({ missing }) => `Dữ liệu còn thiếu (${missing}) không làm thay đổi kết quả này.`,
  "decision.empty_lists": ({ lists }) => `danh sách ${joinAnd(lists, "vi")} được khai là trống`,
  "decision.empty_excluded": () => "không còn ai trong nhóm để tính tỷ lệ sau khi loại trừ",
  "decision.empty_group": ({ status, exclusion, why, points }) => {
    if (exclusion)
      return status === "fail"
        ? `Thuộc trường hợp không xét: ${why}, và bộ tiêu chí coi nhóm trống là thuộc trường hợp này.`
        : `Không thuộc trường hợp loại trừ: ${why}.`;
    if (status === "pass") return `Đạt${points}: ${why}, và văn bản coi nhóm trống là đạt.`;
    if (status === "fail") return `Chưa đạt${points}: ${why}; nhóm trống không đáp ứng tiêu chí này.`;
    return `Không áp dụng: ${why}; tiêu chí không đặt ra cho đơn vị không có ai trong nhóm này.`;
  },
  "decision.pass_provisional": ({ title, grade, highest, points }) =>
    `Đạt danh hiệu "${title}", xếp loại ít nhất ${grade}${points ? ` (${points})` : ""}; có thể đạt ${highest} khi bổ sung dữ liệu còn thiếu.`,
  "decision.fail_unreachable": ({ title, possible, max, passMark }) =>
    `Chưa đạt danh hiệu "${title}": kể cả khi mọi dữ liệu còn thiếu đều thuận lợi, cũng chỉ được tối đa ${n(possible)}/${n(max)} điểm, không đủ mức đạt ${n(passMark)} điểm.`,
  "decision.incomplete": ({ title, points, passMark, criteria, data }) =>
    `Chưa đủ dữ liệu để kết luận về danh hiệu "${title}"${points ? `: ${points}${passMark !== undefined ? ` (mức đạt ${n(passMark)})` : ""} tùy dữ liệu còn thiếu` : ""}; kết quả còn phụ thuộc vào tiêu chí ${joinAnd(criteria, "vi")}${data.length ? `, cần bổ sung: ${joinAnd(data, "vi")}` : ""}.`,
  "decision.report_verdicts": ({ evaluated }) => `Kết luận (trên ${n(evaluated)} đơn vị đã đánh giá)`,
  "decision.report_grades": ({ evaluated }) =>
    `Xếp loại (trên ${n(evaluated)} đơn vị đã đánh giá; xếp loại tạm là mức thấp nhất đơn vị chắc chắn đạt, còn có thể lên khi bổ sung dữ liệu)`,
  "decision.report_final": () => "Chính thức",
  "decision.report_provisional": () => "Tạm thời",
  "decision.report_incomplete": () => "Chưa đủ dữ liệu",
  "decision.report_no_grade": () => "Không xếp loại",
  "decision.list_not_given": () => "chưa khai báo: thiếu dữ liệu",
  "decision.list_empty": () => "đã khai báo: không có mục nào",
  "decision.list_give_empty": () => "Khai báo là không có mục nào",
  "decision.list_unset": () => "Bỏ khai báo (thiếu dữ liệu)",
  "decision.report_pass_provisional": () => "Đạt, xếp loại tạm",
};
