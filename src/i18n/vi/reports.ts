import type { REPORTS } from "../codes/reports.js";
import { formatNumber } from "../format.js";
import type { Sentences } from "../params.js";

const n = (x: number) => formatNumber(x, "vi");

export const reports: Sentences<typeof REPORTS> = {
  "report.units": () => "Số đơn vị",
  "report.summary": ({ units, evaluated, errors }) => `${n(units)} đơn vị: ${n(evaluated)} đã đánh giá, ${errors} không đánh giá được (dữ liệu lỗi)`,
  "report.set": () => "Bộ tiêu chí",
  "report.verdict": () => "Kết luận",
  "report.grade": () => "Xếp loại",
  "report.count": () => "Số lượng",
  "report.share": () => "Tỉ lệ",
  "report.criteria": ({ evaluated }) => `Tiêu chí (trên ${n(evaluated)} đơn vị đã đánh giá)`,
  "report.id": () => "Mã",
  "report.title": () => "Nội dung tiêu chí",
  "report.by": ({ fields }) => `Theo ${fields}`,
  "report.total": () => "Tổng",
  "report.errors": () => "Đơn vị không đánh giá được",
  "report.errors_column": () => "Lỗi",
  "report.line": ({ line }) => `dòng ${n(line)}`,
  "report.more_errors": ({ count }) => `... và ${n(count)} đơn vị khác`,
  "report.error_summary": ({ headline, problem, more }) => `${headline}${problem ? `: ${problem}` : ""}${more > 0 ? ` (và ${n(more)} lỗi khác)` : ""}`,
};
