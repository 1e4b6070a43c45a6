import type { Sentences } from "../params.js";
import type { SHEET } from "../codes/sheet.js";

export const sheet: Sentences<typeof SHEET> = {
  "sheet.repeated_column": ({ sheet, column, header, repeats }) => `${sheet}: cột ${column} (“${header}”) lặp lại ${repeats}; chỉ cột đầu tiên được đọc.`,
  "sheet.no_units_sheet": ({ name }) => `Không tìm thấy trang “${name}” (trang các đơn vị) trong tệp.`,
  "sheet.no_code_column": ({ sheet, header }) => `${sheet}: không có cột “${header}”, nên không nối được dòng nào với đơn vị của nó; trang này không được đọc.`,
  "sheet.not_data_column": ({ sheet, header }) => `${sheet}: cột “${header}” không phải dữ liệu của bộ tiêu chí nên không được đọc.`,
  "sheet.unknown_code": ({ sheet, row, code, units }) =>
    `${sheet}, dòng ${row}: mã “${code}” không có trong trang ${units}; dòng này không được tính cho đơn vị nào.`,
  "sheet.grouping_columns": ({ sheet, headers }) =>
    `${sheet}: ${headers.length === 1 ? "cột" : "các cột"} ${headers.map((g) => `“${g}”`).join(", ")} không phải dữ liệu của bộ tiêu chí: giữ lại để nhóm kết quả, không dùng để đánh giá.`,
  "sheet.duplicate_code": ({ sheet, row, code, first }) =>
    `${sheet}, dòng ${row}: mã “${code}” đã dùng cho đơn vị ở dòng ${first}; đơn vị này vẫn được đánh giá nhưng các trang danh sách chỉ nối với đơn vị đầu.`,
  "sheet.examples_skipped": ({ sheet, count, code }) => `${sheet}: bỏ qua ${count} dòng ví dụ (mã “${code}”).`,
  "sheet.pick_from_list": () => "Chọn một giá trị trong danh sách.",
  "sheet.enter_number": ({ integer, min, max }) => `Nhập một số${integer ? " nguyên" : ""} từ ${min} đến ${max}.`,
  "sheet.guide": () => "Hướng dẫn",
  "sheet.guide_column": ({ column }) => ({ sheet: "Trang", column: "Cột", meaning: "Ý nghĩa" })[column],
  "sheet.guide_units": ({ name }) => `Điền mỗi đơn vị một dòng ở trang “${name}”.`,
  "sheet.guide_list": ({ name, header }) => `Trang “${name}”: mỗi ${name.toLowerCase()} một dòng, cột “${header}” ghi mã của đơn vị của họ.`,
  "sheet.guide_examples": ({ code }) =>
    `Dòng ví dụ có mã “${code}” được bỏ qua khi đọc; có thể xóa. Ô để trống là dữ liệu chưa có. Có/Không chọn trong danh sách.`,
  "sheet.guide_own_columns": () => "Có thể thêm cột riêng (xã, thôn...): cột không phải dữ liệu của bộ tiêu chí được giữ để nhóm kết quả.",
  "sheet.code_note": () => "Mã riêng của đơn vị, để nối đơn vị với các dòng của nó ở các trang danh sách.",
  "sheet.yes_no": ({ value }) => (value ? "Có" : "Không"),
  "sheet.example_text": ({ header, index }) => `${header} (ví dụ ${index})`,
  "sheet.results": () => "Kết quả",
  "sheet.count_header": ({ list }) => `Số dòng ${list}`,
  "sheet.count_note": ({ list, sheet }) =>
    `Số ${list} của đơn vị, bằng số dòng của đơn vị ở trang “${sheet}”. Ghi 0 khi đơn vị không có ${list} nào (danh sách rỗng); để trống khi chưa biết (danh sách chưa cho).`,
  "sheet.count_not_number": ({ sheet, row, column, value }) =>
    `${sheet}, dòng ${row}: cột “${column}” ghi “${value}”, không phải một số nguyên từ 0 trở lên; cột này được bỏ qua cho đơn vị đó.`,
  "sheet.count_mismatch": ({ sheet, row, column, stated, found, list }) =>
    `${sheet}, dòng ${row}: cột “${column}” ghi ${stated} nhưng tệp có ${found} dòng ${list} của đơn vị này; danh sách coi như chưa cho (các tiêu chí dùng nó còn thiếu dữ liệu) cho đến khi hai số khớp nhau.`,
};
