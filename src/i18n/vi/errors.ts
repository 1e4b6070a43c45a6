import type { ERRORS } from "../codes/errors.js";
import { formatBytes, formatNumber } from "../format.js";
import type { Sentences } from "../params.js";

const n = (x: number) => formatNumber(x, "vi");
const problems = (count: number) => `${n(count)} lỗi`;
const inFile = (source: string | undefined) => (source ? ` ${source}` : "");

export const errors: Sentences<typeof ERRORS> = {
  "error.criteria_set": ({ source, count }) => `Bộ tiêu chí${source ? ` trong ${source}` : ""} không hợp lệ (${problems(count)})`,
  "error.unit_data": ({ set, count, within }) =>
    `Dữ liệu của đơn vị không khớp với dữ liệu đầu vào mà ${set}${within ? ` (cho ${within})` : ""} khai báo (${problems(count)})`,
  "error.data_of": ({ what, count }) => `${what.charAt(0).toUpperCase()}${what.slice(1)} có ${problems(count)}`,
  "data.batch_lines": ({ target }) => `các dòng kết quả chạy hàng loạt đưa vào ${target}`,
  "data.title_levels": ({ set }) => `các mức của danh hiệu «${set}»`,
  "data.given_result": ({ set, hint }) =>
    `kết quả đưa vào cho danh hiệu «${set}»${hint ? ' (phải là kết quả của tieuchi eval --json hoặc trường "result" của một dòng chạy hàng loạt)' : ""}`,
  "error.case_file": ({ source, count }) => `Tệp ca kiểm thử${inFile(source)} không hợp lệ (${problems(count)})`,
  "error.registry": ({ count }) => `Các bộ tiêu chí mâu thuẫn với nhau (${problems(count)})`,
  "error.lock_file": ({ source, count }) => `Tệp khóa${inFile(source)} không hợp lệ (${problems(count)})`,
  "error.audit_record": ({ source, count }) => `Biên bản kiểm tra${inFile(source)} không hợp lệ (${problems(count)})`,
  "error.json_parse": ({ source, line, column, reason }) => `${source}:${line}:${column}: không phải JSON hợp lệ: ${reason}`,
  "error.file": ({ source, reason }) => `${source}: ${reason}`,
  "error.case_failed": ({ name, details }) => `ca «${name}» không đúng như mong đợi:${details.map((d) => `\n  ${d}`).join("")}`,
  "error.report_line": ({ line, reason }) => `dòng ${n(line)}: ${reason}`,
  "error.units_file": ({ source, line, reason }) => `${source}:${line}: ${reason}`,
  "error.workbook": ({ source, reason }) => `${source ?? "Sổ tính"}: ${reason}`,
  "error.canonical_json": ({ path, reason }) => `${path}: ${reason}; giá trị không có dạng JSON chuẩn nên không tính được mã băm`,
  "error.budget": ({ set, within, work, limit, left }) =>
    `đánh giá đơn vị này bằng ${set}${within ? ` (cho ${within})` : ""} sẽ cần nhiều hơn ${left !== undefined ? `${n(left)} bước còn lại trong ${n(limit)} bước cho phép của cả đơn vị` : `${n(limit)} bước cho phép`} (maxWork): ít nhất ${n(work)} (mỗi thành phần của quy tắc nhân với số mục của các danh sách nó duyệt qua). Các danh sách của đơn vị quá dài đối với bộ này; hãy nâng maxWork (--max-work) để đánh giá`,
  "error.json_line": ({ line, column, reason }) => `không phải JSON hợp lệ ở dòng ${n(line)}, cột ${n(column)}: ${reason}`,
  "error.not_utf8_line": ({ line }) => `dòng ${n(line)} không phải văn bản UTF-8; hãy lưu tệp theo UTF-8`,
  "error.at": ({ path, problem }) => `${path}: ${problem}`,
  "error.first_problems": ({ problems, more }) => [...problems, ...(more > 0 ? [`và ${n(more)} lỗi khác`] : [])].join("; ") || "(không có)",
  "error.unexpected": ({ text }) => `lỗi ngoài dự kiến (xin báo cho người phát triển): ${text}`,

  "line.not_json": ({ reason, column }) => `không phải JSON hợp lệ: ${reason} (cột ${n(column)})`,
  "line.not_a_result": () => "không phải một kết quả đọc được",
  "line.not_batch_line": ({ problem }) =>
    `không phải một dòng kết quả chạy hàng loạt ({"line", "unit", "result"} hoặc {"line", "unit", "error"})${problem ? `: ${problem}` : ""}`,
  "line.partial": ({ why }) =>
    `kết quả chạy hàng loạt không đầy đủ: lần chạy đã dừng trước khi đọc hết dữ liệu${why ? ` (${why})` : ""}. Các đơn vị ở trên chưa phải là tất cả; hãy sửa dữ liệu đầu vào và chạy lại`,
  "line.compact_without_header": () => "một bản ghi gọn (một mảng JSON) đứng trước mọi dòng đầu của dạng gọn",
  "line.compact_header": () => "không phải một dòng đầu dạng gọn đọc được",
  "line.compact_record": ({ problem }) => `không phải một bản ghi gọn đọc được: ${problem}`,
  "line.too_long": ({ max }) => `dòng dài quá ${n(max)} byte`,
  "line.not_utf8": () => "dòng không phải văn bản UTF-8",

  "file.not_found": () => "không có tệp này",
  "file.is_folder": () => "là một thư mục, không phải tệp",
  "file.permission": () => "không có quyền đọc",
  "file.links": () => "quá nhiều liên kết tượng trưng",
  "file.name_too_long": () => "tên quá dài",
  "file.not_a_folder": () => "một phần của đường dẫn không phải thư mục",
  "file.unreadable": ({ reason }) => `không đọc được (${reason})`,
  "file.too_large": ({ size, max }) => `${size === undefined ? "" : `có ${n(size)} byte, `}vượt quá mức ${n(max)} byte cho phép (maxBytes)`,

  "file.not_in_package": () => "không nằm trong gói tieuchi (không có package.json nào tên tieuchi ở các thư mục bên trên)",
  "file.no_space": () => "hết chỗ trống trên ổ đĩa",
  "file.reader_closed": () => "nơi nhận đã đóng",
  "file.not_written": ({ why, written, lastLine, after }) =>
    `không ghi được (${why}): đã ghi dòng kết quả của ${n(written)} đơn vị${lastLine !== undefined ? ` (đến dòng ${n(lastLine)} của dữ liệu đầu vào)` : ""}; ${n(after)} đơn vị đọc sau đó chưa được ghi, và phần còn lại của dữ liệu chưa được đọc`,

  "file.template_format": () => "tệp mẫu chỉ ghi dạng .xlsx hoặc .csv",
  "file.not_workbook": ({ why }) => `không phải sổ tính Excel đọc được (${why})`,
  "file.workbook_too_large": ({ size, max }) =>
    `có ${formatBytes(size, "vi")}, vượt quá mức ${formatBytes(max, "vi")} cho phép của một sổ tính; hãy lưu nó từ Excel dạng «CSV UTF-8» (tệp CSV được đọc dần, không giới hạn cỡ) hoặc chia nhỏ ra`,
  "file.workbook_inflates": ({ declared, name, max }) =>
    declared
      ? `các tệp nén bên trong khai báo tổng cỡ khi giải nén vượt quá ${formatBytes(max, "vi")} cho phép (đến ${name}): có thể là «bom nén», hoặc sổ tính quá lớn để đọc cả một lần; hãy lưu nó dạng «CSV UTF-8»`
      : `${name} khi giải nén lớn hơn cỡ nó khai báo (mức cho phép cả sổ tính là ${formatBytes(max, "vi")}): đây là «bom nén», không phải sổ tính do Excel lưu; không đọc tệp này`,
  "file.workbook_entries": ({ max }) => `có hơn ${n(max)} tệp nén bên trong, không phải sổ tính Excel đọc được`,
  "file.unwritable": ({ reason }) => `không ghi được (${reason})`,
  "file.write_failed": ({ why }) => `không ghi được (${why})`,
  "file.pipe_silent": ({ seconds, started }) =>
    started
      ? `là một ống dẫn có tên mà nơi ghi đã ngừng ghi trong ${n(seconds)} giây`
      : `là một ống dẫn có tên và không có gì được ghi vào trong ${n(seconds)} giây (đã có nơi ghi nối vào chưa?)`,
  "file.terminal": () => "là một màn hình dòng lệnh; hãy nêu tên tệp, hoặc chuyển dữ liệu vào qua ống dẫn",
  "file.link_outside": ({ target, folder }) => `là liên kết tượng trưng tới ${target}, nằm ngoài ${folder}; hãy chép tệp nó trỏ tới vào trong thư mục`,
  "file.read_only": () => "hệ thống tệp chỉ cho đọc",
  "file.too_many_open": () => "đang mở quá nhiều tệp",
  "file.exists": () => "đã tồn tại",
  "file.busy": () => "đang bận",
  "file.io": () => "lỗi vào/ra",
  "file.no_device": () => "không có thiết bị này",

  "lock.unreadable": ({ file, reason }) => `${file}: không đọc được: ${reason}`,
  "lock.no_id": ({ file }) => `${file}: không có chuỗi «id» và «version» nên không khóa được`,
  "lock.duplicate": ({ file, version, earlier }) => `${file}: ${version} cũng có trong ${earlier}; mỗi phiên bản chỉ nằm trong một tệp`,
  "lock.invalid": ({ file, version, count }) => `${file}: ${version} chưa phát hành và không hợp lệ (${problems(count)}; hãy chạy tieuchi validate ${file})`,
  "lock.unreleased": ({ file, version }) => `${file}: ${version} chưa có trong tệp khóa; sau khi rà soát, hãy phát hành bằng tieuchi lock --update`,
  "lock.changed": ({ file, version, changes, hash, locked }) =>
    `${file}: phiên bản đã phát hành ${version} đã bị sửa (${changes.join("; ")}); mã băm ${hash}, khi phát hành là ${locked}. Phiên bản đã phát hành không bao giờ thay đổi: hãy khôi phục tệp, và phát hành thay đổi thành một phiên bản mới thay thế nó`,
  "lock.moved": ({ file, version, from }) => `${file}: ${version} không đổi, đã chuyển từ ${from}`,
  "lock.locked": ({ file, version }) => `${file}: ${version} không đổi`,
  "lock.removed": ({ file, version }) =>
    `${file}: phiên bản đã phát hành ${version} không còn; các phiên bản đã phát hành phải được giữ để kiểm tra lại các quyết định cũ`,
  "lock.change": ({ kind, name, change }) =>
    `${{ part: "phần", criterion: "tiêu chí", input: "dữ liệu đầu vào" }[kind]} «${name}» ${{ removed: "bị bỏ", changed: "bị sửa", added: "được thêm", reordered: "đổi thứ tự" }[change]}`,
  "lock.reformatted": () => "nội dung như cũ nhưng được định dạng lại theo cách làm đổi dạng chuẩn của nó",

  "batch.not_evaluated": ({ line, reason }) => `dòng ${n(line)}: ${reason}; đơn vị này chưa được đánh giá`,
  "batch.out_of_memory": ({ mb }) => `việc đánh giá cần nhiều bộ nhớ hơn mức một luồng chạy hàng loạt được dùng (${n(mb)} MiB)`,
  "batch.worker_stopped": ({ why }) => `luồng đang đánh giá đơn vị này đã dừng (${why})`,
  "batch.evaluation_failed": ({ why }) => `việc đánh giá bị lỗi (${why})`,
  "batch.stopping": () => "lần chạy hàng loạt đang dừng lại",

  "json.empty": () => "tệp trống",
  "json.ends_early": () => "văn bản kết thúc quá sớm",
  "json.unexpected": ({ char }) => `gặp ký tự không mong đợi ${char}`,
  "json.bad_unicode_escape": () => "mã thoát \\u sai",
  "json.bad_escape": () => "mã thoát sai trong một chuỗi",
  "json.control_in_string": () => "có ký tự điều khiển (chẳng hạn dấu xuống dòng) trong một chuỗi",
  "json.string_not_closed": () => "một chuỗi chưa được đóng",
  "json.expected_key": ({ found }) => `${found}; cần một khóa trong dấu ngoặc kép`,
  "json.expected_colon": ({ found }) => `${found}; cần dấu ':'`,
  "json.expected_comma": ({ found, close }) => `${found}; cần dấu ',' hoặc '${close}'`,
  "json.after_end": ({ found }) => `${found} sau khi giá trị JSON đã kết thúc`,
  "json.engine": ({ reason }) => `trình phân tích JSON báo: ${reason}`,
  "json.duplicate_key": ({ key, first }) =>
    `khóa ${key} lặp lại trong cùng một đối tượng${first !== undefined ? ` (lần đầu ở dòng ${n(first)})` : ""}; JSON chỉ giữ giá trị sau nên giá trị trước, mà người đọc tệp vẫn thấy, bị bỏ qua; hãy xóa một trong hai`,
  "json.bom": ({ encoding }) => `tệp được lưu theo bảng mã ${encoding} (bắt đầu bằng dấu thứ tự byte của bảng mã đó); hãy lưu lại theo UTF-8`,
  "json.utf16": () => "tệp có vẻ được lưu theo UTF-16 (cứ cách một byte lại có một byte 0); hãy lưu lại theo UTF-8",
  "json.zero_byte": ({ offset }) =>
    `tệp có byte 0 ở vị trí byte ${offset}, nên không phải tệp văn bản (hoặc không phải UTF-8); hãy lưu lại thành JSON theo UTF-8`,
  "json.not_utf8": ({ byte, offset }) =>
    `tệp không phải văn bản UTF-8 (byte 0x${byte} ở vị trí byte ${offset}; có thể là Latin-1, Windows-1258 hoặc TCVN3/ABC); hãy lưu lại theo UTF-8`,

  "units.line_refused": ({ line, max }) => `dòng ${n(line)} dài quá ${formatBytes(max, "vi")}; dòng này không được đọc`,
  "units.item_refused": ({ line, max }) => `đơn vị bắt đầu ở dòng ${n(line)} dài quá ${formatBytes(max, "vi")}; đơn vị này không được đọc`,
  "units.not_a_list": ({ start }) =>
    `tệp JSON các đơn vị phải chứa một danh sách đơn vị ([{...}, {...}]) hoặc một đơn vị ({...}); tệp này bắt đầu bằng ${start}`,
  "units.text_after_list": () => "còn văn bản sau khi danh sách đơn vị đã kết thúc",
  "units.empty_item_at_end": () => "có một mục trống trước khi danh sách kết thúc (thừa một dấu phẩy?)",
  "units.empty_item": () => "có một mục trống trong danh sách (hai dấu phẩy liền nhau?)",
  "units.list_not_closed": () => "tệp kết thúc khi danh sách đơn vị chưa được đóng",
  "units.not_utf8": ({ line }) => `tệp không phải văn bản UTF-8 (gần dòng ${n(line)}); hãy lưu lại theo UTF-8`,
  "units.cell_not_closed": ({ line }) => `một ô trong ngoặc kép bắt đầu ở dòng ${n(line)} không bao giờ được đóng`,

  "units.formats": () => "chạy hàng loạt đọc các tệp .csv, .ndjson (hoặc .jsonl) và .json",

  "canonical.too_deep": () => "lồng sâu quá 1000 cấp",
  "canonical.not_a_number": ({ value }) => `${value} không phải là số JSON`,
  "canonical.same_keys": ({ key }) => `hai khóa cùng đọc là ${key} sau khi chuẩn hóa NFC`,
  "canonical.not_plain": ({ name }) =>
    `${name ? `một ${name}` : "một đối tượng không thuần"} không phải giá trị JSON${name === "Date" ? ' (hãy viết ngày dưới dạng chuỗi "YYYY-MM-DD")' : ""}`,
  "canonical.not_json": ({ type }) => `giá trị kiểu ${type} không phải giá trị JSON`,
};
