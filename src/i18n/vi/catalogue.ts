import type { CATALOGUE } from "../codes/catalogue.js";
import type { Sentences } from "../params.js";

const COMPLETENESS = { "complete-official": "đầy đủ, theo văn bản chính thức", "complete-secondary": "đầy đủ, theo bản sao thứ cấp", partial: "chưa đầy đủ" };

export const catalogue: Sentences<typeof CATALOGUE> = {
  "cat.title": () => "Các bộ tiêu chí",
  "cat.generated": ({ command }) => `Trang này được sinh từ các tệp tiêu chí${command ? ` bằng \`${command}\`` : ""}; không sửa bằng tay.`,
  "cat.intro": ({ sets, versions }) =>
    `${sets} bộ tiêu chí, ${versions} phiên bản. ` +
    "Mức hoàn thiện cho biết nội dung của một phiên bản lấy từ đâu: *đầy đủ, theo văn bản chính thức* khi mọi tiêu chí " +
    "đã có quy tắc tính lấy từ nguyên văn văn bản và trích điều khoản của nó; *đầy đủ, theo bản sao thứ cấp* khi mọi tiêu chí " +
    "đã có quy tắc tính nhưng theo báo chí, văn bản tỉnh ban hành lại hoặc tài liệu tập huấn (ghi chú nói rõ những gì được suy ra); " +
    "*chưa đầy đủ* khi có tiêu chí được liệt kê mà chưa tìm được nội dung (chưa có quy tắc tính) hoặc chưa biết một con số mà cách " +
    "xếp loại cần. Tiêu chí chưa có quy tắc tính luôn được đánh giá là thiếu dữ liệu, nên một phiên bản chưa đầy đủ có thể kết luận " +
    "«chưa đạt» hoặc «chưa đủ dữ liệu» nhưng không bao giờ kết luận «đạt». Ngày viết theo dạng ngày/tháng/năm.",
  "cat.column": ({ column }) =>
    ({
      set: "Bộ tiêu chí",
      version: "Phiên bản",
      title: "Danh hiệu",
      document: "Văn bản",
      "in-force": "Hiệu lực",
      supersedes: "Thay thế",
      completeness: "Mức hoàn thiện",
    })[column],
  "cat.field": ({ field }) =>
    ({
      document: "Văn bản",
      text: "Toàn văn",
      "in-force": "Hiệu lực",
      supersedes: "Thay thế",
      "superseded-by": "bị thay thế bởi",
      subject: "Đối tượng",
      jurisdiction: "phạm vi",
      decision: "Cách xếp loại",
      criteria: "Tiêu chí",
      completeness: "Mức hoàn thiện",
      procedure: "Thủ tục",
      pending: "Chưa có quy tắc tính",
      notes: "Ghi chú",
      references: "Văn bản liên quan",
      file: "Tệp",
    })[field],
  "cat.completeness": ({ level }) => COMPLETENESS[level],
  "cat.pending_count": ({ count }) => `${count} tiêu chí chưa có quy tắc tính`,
  "cat.in_force": ({ from, to }) => (to === undefined ? `từ ${from}` : `${from} – ${to}`),
  "cat.signed": ({ issuer, date }) => `${issuer}, ký ngày ${date}`,
  "cat.criteria_count": ({ total, encoded, pending }) => `${total} (${encoded} đã có quy tắc tính, ${pending} chưa có)`,
  "cat.decision_points": ({ passMark, max, grades }) =>
    `tính điểm: ${passMark === undefined ? "chưa biết mức điểm đạt (không bao giờ kết luận đạt)" : `đạt từ ${passMark}`} trên ${max} điểm${
      grades.length ? `; xếp loại ${grades.join(", ")}` : ""
    }; tiêu chí bắt buộc không đạt thì không đạt danh hiệu`,
  "cat.decision_all": ({ levels }) => `mọi tiêu chí áp dụng đều phải đạt${levels.length ? `, các mức cộng dồn: ${levels.join(", ")}` : ""}`,
  "cat.deadline_before": ({ day, next }) => `trước ngày ${day} ${next ? "của năm sau năm đánh giá" : "của năm đánh giá"}`,
  "cat.deadline_within": ({ days, after }) => `trong ${days} ngày làm việc kể từ ${after}`,
  "cat.no_deadline": () => "chưa quy định thời hạn",
  "cat.data_counted": ({ from, to, article }) => `Số liệu tính: từ ${from} đến ${to} của năm đánh giá (${article})`,
  "cat.recognition": ({ months, article }) => `Công nhận có giá trị: ${months} tháng sau năm được công nhận (${article})`,
};
