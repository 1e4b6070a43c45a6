import type { OPTIONS } from "../codes/options.js";
import { formatNumber } from "../format.js";
import type { Sentences } from "../params.js";

const n = (x: number) => formatNumber(x, "vi");
const didYouMean = (s: string | undefined) => (s ? ` (có phải ý là «${s}»?)` : "");
const versions = (spans: readonly string[]) => `Các phiên bản: ${spans.join(", ")}`;

export const options: Sentences<typeof OPTIONS> = {
  "options.unknown_limits": ({ path, keys, known }) =>
    `${path}: không có giới hạn ${keys.map((k) => `«${k}»`).join(", ")}; các giới hạn có: ${known.join(", ")}`,
  "options.bad_limit": ({ path, problem }) => `${path}: ${problem} (giới hạn là một số nguyên từ 1 trở lên)`,
  "options.needs_runner": () => "describeCases cần một trình chạy kiểm thử: truyền { describe, it } (ví dụ của vitest), hoặc bật chế độ globals của trình chạy",
  "options.unknown_format": ({ input }) =>
    `không xác định được định dạng của ${input ?? "dữ liệu đầu vào"}: hãy đặt tên tệp đuôi .ndjson, .jsonl, .json hoặc .csv, hoặc chỉ rõ định dạng`,
  "options.workers": ({ got }) => `số luồng (workers) phải là số nguyên từ 0 đến 256, ở đây là ${got}`,
  "options.compact_explain": () => "dạng gọn chỉ ghi trạng thái và điểm, không kèm được lời giải thích (bỏ explain hoặc compact)",
  "options.range": ({ name, min, max, got }) => `${name} phải là số nguyên từ ${min} đến ${max}, ở đây là ${got}`,
  "options.forged_set": () =>
    "đối tượng này trông như một bộ tiêu chí đã nạp nhưng không do loadCriteriaSet của bản tieuchi này tạo ra (tự tạo, sao chép, hoặc do bản khác nạp); hãy truyền JSON của tệp tiêu chí, hoặc một bộ tiêu chí nạp tại đây",
  "options.csv_header": ({ problems }) => `dòng tiêu đề của tệp CSV không khớp với bộ tiêu chí:${problems.map((p) => `\n  - ${p}`).join("")}`,
  "options.as_of": ({ name, got }) => `${name} phải là một ngày viết theo dạng YYYY-MM-DD, ở đây là ${got}`,
  "options.generated_module": ({ got }) => `không phải mô-đun do tieuchi compile sinh ra (${got})`,
  "options.generated_other_set": ({ module, set }) => `mô-đun đã sinh dùng cho ${module}, không phải ${set}: hãy sinh lại từ bộ tiêu chí này (tieuchi compile)`,
  "options.engine": ({ got, known }) => `không có bộ máy đánh giá ${got}; hãy dùng một trong ${known.join(", ")}`,
  "options.needs_sets": ({ set }) => `muốn đánh giá bộ tiêu chí «${set}» theo mã thì cần options.sets (một sổ đăng ký bộ tiêu chí) để tìm các phiên bản của nó`,
  "options.needs_as_of": ({ set }) => `muốn đánh giá bộ tiêu chí «${set}» theo mã thì cần options.asOf: ngày xét quyết định phiên bản nào đang có hiệu lực`,
  "options.sub_unit_needs_sets": ({ path, set }) =>
    `${path} cho dữ liệu của một đơn vị con để xét danh hiệu «${set}», nên cần options.sets (một sổ đăng ký bộ tiêu chí) để tìm bộ tiêu chí đó`,
  "options.titles_too_deep": ({ max, path }) => `các danh hiệu lồng nhau sâu quá ${n(max)} cấp ở ${path}`,
  "options.decimals": ({ max, got }) => `số chữ số thập phân phải là số nguyên từ 0 đến ${n(max)}, ở đây là ${got}`,
  "options.by_empty": () => "trường dùng để nhóm cần có tên",
  "options.by_twice": ({ by }) => `một trường dùng để nhóm bị nêu hai lần: ${by.join(", ")}`,
  "options.percent_counts": ({ count, total }) => `tỷ lệ phần trăm cần các số đếm nguyên từ 0 trở lên, ở đây là ${count} trên ${total}`,
  "options.evaluated_at": ({ got }) => `evaluatedAt phải là ngày giờ theo ISO 8601, ở đây là ${got}`,
  "options.applied_after_decided": ({ applied, decided }) => `ngày nộp hồ sơ ${applied} sau ngày ra quyết định ${decided}`,

  "options.results_target": ({ got }) =>
    `kết quả được đưa vào trường danh hiệu của một danh sách, viết dạng danh_sách[].trường (ví dụ xa[].congDongHocTap), không phải ${got}`,
  "options.no_list": ({ set, list, inputs }) => `${set} không có danh sách bản ghi «${list}» (dữ liệu đầu vào của nó: ${inputs.join(", ")})`,
  "options.no_title_field": ({ set, list, field, titles }) =>
    `các bản ghi «${list}» của ${set} không có trường danh hiệu «${field}» (các trường danh hiệu: ${titles.join(", ") || "không có"})`,
  "options.data_object": () => "dữ liệu của đơn vị phải là một đối tượng JSON",
  "options.data_gives_list": ({ list }) => `dữ liệu đã có «${list}»: hãy đưa các đơn vị con hoặc trong dữ liệu, hoặc dưới dạng kết quả, không đưa cả hai`,

  "csv.column_twice": ({ column }) => `cột «${column}» xuất hiện hai lần`,
  "csv.not_an_input": ({ column, set, suggestion }) =>
    `cột «${column}» không phải dữ liệu đầu vào của ${set}${didYouMean(suggestion)}; nếu chỉ muốn mang cột này sang kết quả, hãy nêu nó trong --meta`,
  "csv.header_too_long": ({ max }) => `dòng tiêu đề dài quá ${n(max)} ký tự`,
  "csv.header_problem": ({ problem }) => `dòng tiêu đề: ${problem}`,
  "csv.row_too_long": ({ line, max }) => `dòng bắt đầu ở dòng ${n(line)} dài quá ${n(max)} ký tự; dòng này không được đọc`,
  "csv.row_problem": ({ line, problem }) => `dòng ${n(line)}: ${problem}`,
  "sheet.row_unread": ({ reason }) =>
    `${reason}; dòng đó có thể chứa các mục danh sách của đơn vị này nên đơn vị không được đánh giá (dòng đó cũng vậy, dù nó bắt đầu đơn vị nào)`,
  "sheet.unit_too_large": ({ line, max }) => `các dòng của đơn vị bắt đầu ở dòng ${n(line)} cộng lại dài quá ${n(max)} ký tự; đơn vị này không được đọc`,
  "csv.text_after_quote": ({ cell }) =>
    `có chữ sau dấu ngoặc kép đóng của ô ${n(cell)} (ô trong ngoặc kép kết thúc ở dấu ngoặc kép đóng; dấu ngoặc kép bên trong phải viết đôi: "a ""b"" c")`,
  "csv.quote_inside": ({ cell }) =>
    `có dấu ngoặc kép bên trong ô ${n(cell)} mà ô không bắt đầu bằng dấu ngoặc kép (hãy đặt cả ô trong ngoặc kép và viết đôi dấu ngoặc kép bên trong: "a ""b"" c")`,
  "csv.cell_not_json": ({ reason }) => `không phải JSON (${reason}); bản ghi hay danh sách phải được viết dạng JSON trong ô`,
  "csv.cells": ({ line, cells, columns }) => `dòng ${n(line)} có ${n(cells)} ô, dòng tiêu đề có ${n(columns)} cột`,
  "csv.line": ({ line, problems }) => `dòng ${n(line)}: ${problems.join("; ")}`,

  "set.unknown_id": ({ id, known }) => `không có bộ tiêu chí nào mã «${id}» (các mã có: ${known.join(", ") || "không có"})`,
  "set.unknown_version": ({ id, version, known }) => `không có phiên bản ${version} của «${id}» (các phiên bản: ${known.join(", ") || "không có"})`,
  "set.no_criteria_file": ({ cases, set, file }) => `${cases} kiểm thử ${set}, nhưng bên cạnh không có tệp tiêu chí ${file}`,
  "set.not_in_folder": ({ set, folder }) => `không có bộ tiêu chí ${set} trong ${folder}`,
  "set.file_outside_dates": ({ file, set, date, from, to, unit }) =>
    `${file} (${set}) không có hiệu lực vào ngày ${date} (có hiệu lực ${to ? `từ ${from} đến ${to}` : `từ ${from}`}): lệnh 'tieuchi eval --set ${set.slice(0, set.indexOf("@"))} --as-of ${date} ${unit}' đánh giá theo phiên bản có hiệu lực vào ngày đó; --out-of-force vẫn đánh giá theo tệp này`,
  "set.ambiguous": ({ id, date, found }) =>
    `không có phiên bản nào của «${id}» có hiệu lực ngày ${date}, nhưng có nhiều bộ tiêu chí liên kết với nó qua «supersedes» có hiệu lực: ${found.join(", ")}; hãy chỉ rõ một bộ theo mã`,
  "set.before_first": ({ id, date, first, from, spans }) =>
    `ngày ${date} chưa có phiên bản nào của «${id}» có hiệu lực: phiên bản đầu tiên, ${first}, có hiệu lực từ ${from}. ${versions(spans)}`,
  "set.after_last": ({ id, date, last, to, spans }) =>
    `ngày ${date} không có phiên bản nào của «${id}» có hiệu lực: phiên bản cuối, ${last}, đã hết hiệu lực ngày ${to}, và chưa biết phiên bản nào sau đó. ${versions(spans)}`,
  "set.gap": ({ id, date, before, to, after, from, spans }) =>
    `ngày ${date} không có phiên bản nào của «${id}» có hiệu lực: ngày này nằm giữa ${before}, hết hiệu lực ngày ${to}, và ${after}, có hiệu lực từ ${from}. ${versions(spans)}`,

  "set.outside_dates": ({ set, document, date, from, to }) =>
    `${set} (${document}) không có hiệu lực vào ngày ${date}: văn bản có hiệu lực ${to ? `từ ${from} đến ${to}` : `từ ${from}`}. Hãy đánh giá theo phiên bản có hiệu lực vào ngày đó (chọn bộ tiêu chí theo mã, với options.sets), hoặc đặt allowOutOfForce để vẫn đánh giá theo phiên bản này`,

  "eval.unexpected": ({ text }) => `lỗi ngoài dự kiến khi đánh giá một quy tắc (xin báo cho người phát triển): ${text}`,
  "eval.compile_var": () => "không biên dịch được quy tắc: «var» cần một đường dẫn viết sẵn",
  "eval.compile_op": ({ op }) => `không biên dịch được quy tắc: phép toán «${op}» chưa có dạng biên dịch`,
  "eval.refuse_op": ({ keys }) => `từ chối chạy phép toán ${keys} mà tệp tiêu chí không được dùng; hãy nạp quy tắc bằng loadCriteriaSet`,
  "eval.refuse_var": ({ path }) => `từ chối chạy {"var": ${path}}: đường dẫn phải viết sẵn và không chứa __proto__, prototype hay constructor`,

  "eval.not_a_number": ({ op }) => `phép tính («${op}») không cho ra số (chẳng hạn 0 / 0, chia lấy dư cho 0, hoặc cộng với một chuỗi)`,
  "eval.infinite": ({ op }) => `phép tính («${op}») cho kết quả vô hạn (chẳng hạn chia cho 0)`,
  "eval.share_counts": ({ part, whole }) => `phép tính tỷ lệ cần các số nguyên từ 0 trở lên, ở đây là ${part} trên ${whole}`,
  "eval.part_above_whole": ({ part, whole }) => `số phần (${n(part)}) lớn hơn tổng số (${n(whole)})`,
  "eval.percent_type": ({ got }) => `tỷ lệ phần trăm phải là một số, ở đây là ${got}`,
  "eval.percent_range": ({ got, decimals }) => `tỷ lệ phần trăm phải là số từ 0 đến 100, tối đa ${n(decimals)} chữ số thập phân; ở đây là ${got}`,
  "eval.range_error": ({ text }) => `không đánh giá được quy tắc: ${text}`,
  "eval.derived": ({ name, reason }) => `giá trị tính toán «${name}»: ${reason}`,
  "eval.score": ({ max, got }) => `điểm chấm phải là số nguyên từ 0 đến ${n(max)}, ở đây là ${got}`,
};
