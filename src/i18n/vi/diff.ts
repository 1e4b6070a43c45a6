/**
 * What changed between two versions of a set, in Vietnamese.
 *
 * @module
 */
import type { DIFF } from "../codes/diff.js";
import { formatNumber } from "../format.js";
import type { Sentences } from "../params.js";

const n = (x: number) => formatNumber(x, "vi");
const q = (s: string) => `«${s}»`;
const head = (id: string) => `Tiêu chí ${id}`;
const pairs = (before: readonly number[], after: readonly number[]) => before.map((b, i) => `${n(b)} → ${n(after[i] ?? b)}`).join(", ");

const METADATA = {
  id: "Mã bộ tiêu chí",
  version: "Phiên bản",
  title: "Tên danh hiệu",
  subject: "Đối tượng",
  jurisdiction: "Phạm vi áp dụng",
  "source.document": "Văn bản",
  "source.title": "Tên văn bản",
  "source.issuer": "Cơ quan ban hành",
  "source.issued": "Ngày ban hành",
  "source.section": "Điều, khoản",
  "source.url": "Đường dẫn",
  validFrom: "Có hiệu lực từ",
  validTo: "Hết hiệu lực sau",
  supersedes: "Thay thế",
  "completeness.level": "Mức hoàn thiện",
} as const;

const ROLE = { standard: "tiêu chí thường", exclusion: "trường hợp loại trừ" } as const;
const NOT_APPLICABLE = { award: "được tính đủ điểm", zero: "tính 0 điểm", exclude: "không tính vào tổng, mức đạt tính theo tỷ lệ" } as const;
const KINDS = {
  "metadata-changed": "thay đổi thông tin chung",
  "input-added": "dữ liệu thêm",
  "input-removed": "dữ liệu bỏ",
  "input-changed": "thay đổi ở dữ liệu",
  "derived-added": "giá trị tính toán thêm",
  "derived-removed": "giá trị tính toán bỏ",
  "derived-changed": "thay đổi ở giá trị tính toán",
  "group-added": "nhóm thêm",
  "group-removed": "nhóm bỏ",
  "group-changed": "thay đổi ở nhóm",
  "criterion-added": "tiêu chí thêm",
  "criterion-removed": "tiêu chí bỏ",
  "criterion-renamed": "tiêu chí đổi tên hoặc mã",
  "criterion-changed": "thay đổi ở tiêu chí",
  "criteria-reordered": "đổi thứ tự tiêu chí",
  "decision-changed": "thay đổi cách xét",
} as const;

export const diff: Sentences<typeof DIFF> = {
  "diff.date": ({ date }) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
    return m ? `${m[3]}/${m[2]}/${m[1]}` : date;
  },
  "diff.list": ({ items }) => (items.length ? items.join(", ") : "(không có)"),
  "diff.quoted_text": ({ text }) => q(text),
  "diff.set_ref": ({ id, version, article }) => `${id}@${version}${article ? ` (${article})` : ""}`,
  "diff.json": ({ json }) => json,
  "diff.number": ({ value }) => n(value),
  "diff.yes_no": ({ value }) => (value ? "có" : "không"),
  "diff.any": () => "tự do",
  "diff.arrow": ({ before, after }) => `${before} → ${after}`,
  "diff.retitled": ({ before, after }) =>
    before !== undefined && after !== undefined && before === after
      ? `${q(after)} (chỉ sửa bản tiếng Anh)`
      : `${before === undefined ? "(không có)" : q(before)} → ${after === undefined ? "(không có)" : q(after)}`,
  "diff.range_between": ({ min, max }) => `${min}–${max}`,
  "diff.range_min": ({ min }) => `≥ ${min}`,
  "diff.range_max": ({ max }) => `≤ ${max}`,
  "diff.spec_boolean": () => "có/không",
  "diff.spec_integer": ({ range }) => `số nguyên${range ? ` ${range}` : ""}`,
  "diff.spec_number": ({ range }) => `số${range ? ` ${range}` : ""}`,
  "diff.spec_date": ({ range }) => `ngày${range ? ` ${range}` : ""}`,
  "diff.spec_text": () => "văn bản",
  "diff.spec_enum": ({ values }) => `một trong ${values}`,
  "diff.spec_title": ({ set, levels }) => `danh hiệu theo bộ ${set}${levels.length ? `, theo mức độ ${levels.join(", ")}` : ""}`,
  "diff.spec_record": ({ fields }) => `bản ghi ${n(fields)} trường`,
  "diff.spec_list": ({ item }) => `danh sách (${item})`,
  "diff.points_none": () => "không tính điểm",
  "diff.points_fixed": ({ points }) => `${points} điểm`,
  "diff.points_tier": ({ points, rule }) => `${points} nếu ${rule}`,
  "diff.points_tiers": ({ max, tiers }) => `tối đa ${max} điểm theo bậc (${tiers.join("; ")})`,
  "diff.points_score": ({ max, rule }) => `tối đa ${max} điểm, chấm theo ${rule}`,
  "diff.weight": ({ points, knockOut }) => [points ?? "", knockOut ? "bắt buộc" : ""].filter(Boolean).join(", ") || "không tính điểm",
  "diff.decision_points": ({ passMark, max }) =>
    passMark === undefined ? `cộng điểm (tối đa ${max}), chưa rõ mức đạt` : `cộng điểm, đạt từ ${passMark}/${max} điểm`,
  "diff.decision_all": ({ levels }) => `đạt mọi tiêu chí${levels ? ` (${levels} mức)` : ""}`,
  "diff.rule_text": ({ rule }) => rule,
  "diff.not_encoded": () => "chưa có quy tắc tính",

  "diff.metadata": ({ field, change }) => `${METADATA[field]}: ${change}`,
  "diff.procedure": ({ change }) => `Quy trình công nhận: ${{ added: "thêm", removed: "bỏ", edited: "được sửa" }[change]}`,
  "diff.notes": ({ added, removed }) =>
    `Ghi chú về mức hoàn thiện: ${[added ? `thêm ${added}` : "", removed ? `bỏ ${removed}` : ""].filter(Boolean).join(", ") || "được sửa"}`,
  "diff.reference": ({ document, change }) =>
    change === "added"
      ? `Thêm văn bản tham chiếu ${q(document)}`
      : change === "removed"
        ? `Bỏ văn bản tham chiếu ${q(document)}`
        : `Văn bản tham chiếu ${q(document)} được sửa`,

  "diff.input_added": ({ path, spec, description }) => `Thêm dữ liệu đầu vào ${path} (${spec}): ${description}`,
  "diff.input_removed": ({ path, label }) => `Bỏ dữ liệu đầu vào ${path}${label ? ` (${label})` : ""}`,
  "diff.input_type": ({ path, change }) => `Dữ liệu ${path}: ${change}`,
  "diff.input_field": ({ path, field, change }) => `Dữ liệu ${path}: ${field} ${change}`,
  "diff.input_enum": ({ path, change }) => `Dữ liệu ${path}: giá trị cho phép ${change}`,
  "diff.input_enum_edit": ({ path, added, removed }) =>
    `Dữ liệu ${path}: giá trị cho phép ${[added ? `thêm ${added}` : "", removed ? `bỏ ${removed}` : ""].filter(Boolean).join("; ") || "đổi thứ tự"}`,
  "diff.input_label": ({ path, change }) => `Dữ liệu ${path}: nhãn ${change}`,
  "diff.input_description": ({ path }) => `Dữ liệu ${path}: mô tả được sửa`,
  "diff.derived_added": ({ name, rule }) => `Thêm giá trị tính toán ${name} = ${rule}`,
  "diff.derived_rule": ({ name, before, after }) => `Giá trị tính toán ${name}: ${before} → ${after}`,
  "diff.derived_description": ({ name }) => `Giá trị tính toán ${name}: nhãn hoặc mô tả được sửa`,
  "diff.derived_removed": ({ name }) => `Bỏ giá trị tính toán ${name}`,

  "diff.group_added": ({ id, title, points }) => `Thêm nhóm ${id} ${q(title)}${points !== undefined ? ` (${points} điểm)` : ""}`,
  "diff.group_title": ({ id, change }) => `Nhóm ${id}: ${change}`,
  "diff.group_points": ({ id, change }) => `Nhóm ${id}: điểm tối đa ${change}`,
  "diff.group_removed": ({ id, title }) => `Bỏ nhóm ${id} ${q(title)}`,

  "diff.criterion_added": ({ id, title, exclusion, what, weight }) =>
    `${exclusion ? "Thêm trường hợp loại trừ" : "Thêm tiêu chí"} ${id} ${q(title)}: ${what}${weight ? ` (${weight})` : ""}`,
  "diff.criterion_removed": ({ id, title, exclusion, weight }) =>
    `${exclusion ? "Bỏ trường hợp loại trừ" : "Bỏ tiêu chí"} ${id} ${q(title)}${weight ? ` (${weight})` : ""}`,
  "diff.criteria_reordered": () => "Thứ tự các tiêu chí thay đổi",
  "diff.criterion_renamed": ({ from, to, kept, title }) =>
    `Tiêu chí ${from} đổi mã thành ${to} (${kept ? "cùng điều kiện và điểm" : "nội dung tương ứng; điều kiện hoặc điểm thay đổi như nêu dưới đây"}): ${title}`,
  "diff.criterion_retitled": ({ id, title }) => `${head(id)}: ${title}`,
  "diff.renamed": ({ change }) => `đổi tên ${change}`,
  "diff.role": ({ id, before, after }) => `${head(id)}: ${ROLE[before]} → ${ROLE[after]}`,
  "diff.threshold": ({ id, before, after, rule }) => `${head(id)}: ngưỡng ${pairs(before, after)} (nay: ${rule})`,
  "diff.rule": ({ id, field, before, after }) =>
    `${head(id)}: ${field === "rule" ? "điều kiện" : "điều kiện loại trừ"} ${before === undefined ? "(không có)" : q(before)} → ${after === undefined ? "(không có)" : q(after)}`,
  "diff.applies_now": ({ id, rule }) => `${head(id)}: nay chỉ áp dụng khi ${rule}`,
  "diff.applies_dropped": ({ id, rule }) => `${head(id)}: nay áp dụng cho mọi đơn vị (trước: chỉ khi ${rule})`,
  "diff.applies": ({ id, before, after }) => `${head(id)}: áp dụng khi ${q(before)} → ${q(after)}`,
  "diff.tier_numbers": ({ id, before, after, points }) => `${head(id)}: số trong các bậc điểm ${pairs(before, after)} (nay: ${points})`,
  "diff.points": ({ id, change }) => `${head(id)}: ${change}`,
  "diff.mandatory": ({ id, now }) => `${head(id)}: ${now ? "nay là tiêu chí bắt buộc (không đạt thì không được công nhận)" : "không còn là tiêu chí bắt buộc"}`,
  "diff.placed": ({ id, field, change }) => `${head(id)}: ${field === "level" ? "mức" : "nhóm"} ${change}`,
  "diff.pending_encoded": ({ id }) => `${head(id)}: nay đã có quy tắc tính`,
  "diff.pending_new": ({ id, reason }) => `${head(id)}: nay chưa có quy tắc tính: ${reason}`,
  "diff.pending_reason": ({ id }) => `${head(id)}: lý do chưa có quy tắc tính được sửa`,
  "diff.edited": ({ id, field }) =>
    `${head(id)}: ${{ requirement: "nội dung yêu cầu được sửa", text: "lời văn trích dẫn được sửa", explain: "mẫu câu giải thích được sửa", notes: "ghi chú được sửa" }[field]}`,
  "diff.article": ({ id, change }) => `${head(id)}: điều khoản ${change}`,

  "diff.decision_method": ({ change }) => `Cách xét: ${change}`,
  "diff.decision_number": ({ field, change }) => `${field === "maxPoints" ? "Tổng điểm tối đa" : "Mức đạt"}: ${change}`,
  "diff.not_applicable": ({ before, after }) => `Tiêu chí không áp dụng: ${NOT_APPLICABLE[before]} → ${NOT_APPLICABLE[after]}`,
  "diff.grade_added": ({ title, min }) => `Thêm xếp loại ${q(title)} (từ ${min} điểm)`,
  "diff.grade_min": ({ title, before, after }) => `Xếp loại ${q(title)}: từ ${before} → ${after} điểm`,
  "diff.grade_title": ({ id, change }) => `Xếp loại ${id}: ${change}`,
  "diff.grade_removed": ({ title, min }) => `Bỏ xếp loại ${q(title)} (từ ${min} điểm)`,
  "diff.level_added": ({ id, title }) => `Thêm mức ${id} ${q(title)}`,
  "diff.level_title": ({ id, change }) => `Mức ${id}: ${change}`,
  "diff.level_removed": ({ id, title }) => `Bỏ mức ${id} ${q(title)}`,
  "diff.levels_reordered": () => "Thứ tự các mức thay đổi",
  "diff.decision_title": ({ field, change }) => `${field === "passTitle" ? "Tên khi đạt" : "Tên khi không đạt"}: ${change}`,

  "diff.section": ({ section }) =>
    ({
      metadata: "Thông tin chung",
      inputs: "Dữ liệu đầu vào",
      derived: "Giá trị tính toán",
      groups: "Nhóm tiêu chí",
      criteria: "Tiêu chí",
      decision: "Cách xét",
    })[section],
  "diff.count": ({ kind, count }) => `${n(count)} ${KINDS[kind]}`,
  "diff.no_changes": ({ identical }) => (identical ? "Không có thay đổi." : "Không có thay đổi về nội dung (chỉ khác cách viết)."),
};
