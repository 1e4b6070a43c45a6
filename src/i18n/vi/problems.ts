import type { PROBLEMS } from "../codes/problems.js";
import { formatNumber, joinOr } from "../format.js";
import type { Sentences } from "../params.js";

const n = (x: number) => formatNumber(x, "vi");
const q = (s: string) => `«${s}»`;
const didYouMean = (s: string | undefined) => (s ? ` (có phải ý là «${s}»?)` : "");
/** Names of value types, as zod and the rule checks give them. */
const TYPES: Record<string, string> = {
  number: "số",
  int: "số nguyên",
  integer: "số nguyên",
  string: "văn bản",
  boolean: "đúng/sai (true/false)",
  object: "bản ghi (object)",
  array: "danh sách",
  null: "null (không có giá trị)",
  undefined: "không có giá trị",
  nan: "NaN (không phải số)",
  date: "ngày",
  bigint: "số nguyên lớn",
  function: "hàm",
  symbol: "ký hiệu",
  any: "giá trị bất kỳ",
  set: "tập hợp",
  map: "bảng",
};
const type = (t: string) => TYPES[t] ?? t;
const ratioPart = (part: "part" | "whole") => (part === "part" ? "tử số" : "mẫu số");
const none = (list: readonly string[], more = 0) => (list.join(", ") || "(không có)") + (more > 0 ? `, … (và ${n(more)} tên khác)` : "");

const atLeast = (origin: string, m: number, inclusive: boolean) => {
  const bound = `${inclusive ? "ít nhất" : "lớn hơn"} ${n(m)}`;
  if (origin === "string") return `Quá ngắn: cần ${bound} ký tự`;
  if (origin === "array" || origin === "set") return `Quá ít mục: cần ${bound} mục`;
  return `Quá nhỏ: cần ${origin === "number" || origin === "int" ? "một số" : type(origin)} ${bound}`;
};
const atMost = (origin: string, m: number, inclusive: boolean) => {
  const bound = `${inclusive ? "nhiều nhất" : "nhỏ hơn"} ${n(m)}`;
  if (origin === "string") return `Quá dài: cần ${bound} ký tự`;
  if (origin === "array" || origin === "set") return `Quá nhiều mục: cần ${bound} mục`;
  return `Quá lớn: cần ${origin === "number" || origin === "int" ? "một số" : type(origin)} ${inclusive ? "không quá" : "nhỏ hơn"} ${n(m)}`;
};

/** A count of steps: `12.500.000` or `1,2e+21`. */
const big = (x: number) => (x < 1e15 ? n(Math.round(x)) : x.toPrecision(2).replace(".", ","));

export const problems: Sentences<typeof PROBLEMS> = {
  "problem.invalid_type": ({ expected, received, check }) => check ?? `Sai kiểu dữ liệu: cần ${type(expected)}, nhận được ${type(received)}`,
  "problem.invalid_value": ({ values, check }) =>
    check ?? (values.length === 1 ? `Giá trị không hợp lệ: cần ${values[0]}` : `Giá trị không nằm trong danh sách cho phép: ${values.join(" | ")}`),
  "problem.too_small": ({ origin, minimum, inclusive, check }) => check ?? atLeast(origin, minimum, inclusive),
  "problem.too_big": ({ origin, maximum, inclusive, check }) => check ?? atMost(origin, maximum, inclusive),
  "problem.invalid_format": ({ format, check }) => check ?? `Sai định dạng (${format})`,
  "problem.not_multiple_of": ({ divisor }) => `Số không hợp lệ: phải là bội số của ${n(divisor)}`,
  "problem.invalid_union": ({ check }) => check ?? "Giá trị không khớp với dạng nào được phép",
  "problem.invalid_key": ({ origin }) => `Khóa không hợp lệ trong ${type(origin)}`,
  "problem.invalid_element": ({ origin }) => `Giá trị không hợp lệ trong ${type(origin)}`,
  "problem.custom": ({ check }) => check,
  "problem.unknown_key": ({ key, suggestion }) => `khóa không được biết: ${q(key)}${didYouMean(suggestion)}`,
  "problem.unknown_field": ({ key, top, known, more, suggestion }) =>
    `${q(key)} không phải ${top ? "dữ liệu đầu vào của bộ tiêu chí này" : "trường được khai báo ở đây"}${didYouMean(suggestion)}; các trường đã khai báo: ${none(known, more)}`,
  "problem.list_too_long": ({ count, max }) => `danh sách có ${n(count)} mục; chỉ nhận tối đa ${n(max)} (limits.maxArrayLength)`,
  "problem.text_too_long": ({ length, max }) => `văn bản có ${n(length)} ký tự; chỉ nhận tối đa ${n(max)} (limits.maxStringLength)`,
  "problem.control_character": ({ char, in: where }) =>
    `${where === "key" ? "khóa" : "văn bản"} chứa ký tự điều khiển (${char}), có thể làm sai lệch màn hình hoặc che giấu nội dung; hãy xóa ký tự đó`,

  "problem.unsafe_key": () => "«__proto__» không bao giờ được dùng làm tên: nó chạm tới nguyên mẫu (prototype) của đối tượng",
  "problem.too_deep": ({ max }) => `tệp lồng các đối tượng và danh sách sâu quá ${n(max)} cấp ở đây (limits.maxJsonDepth)`,
  "problem.inputs_too_deep": ({ depth, max }) =>
    `dữ liệu đầu vào lồng danh sách và bản ghi sâu ${n(depth)} cấp ở đây; dữ liệu của một đơn vị chỉ được lồng tối đa ${n(max)} cấp (limits.maxDataDepth)`,
  "problem.too_many_inputs": ({ count, max }) => `bộ tiêu chí khai báo ${n(count)} dữ liệu đầu vào và trường; chỉ nhận tối đa ${n(max)} (limits.maxInputs)`,
  "problem.too_many_criteria": ({ count, max }) => `bộ tiêu chí có ${n(count)} tiêu chí; chỉ nhận tối đa ${n(max)} (limits.maxCriteria)`,
  "problem.too_many_derived": ({ count, max }) => `bộ tiêu chí có ${n(count)} giá trị tính toán; chỉ nhận tối đa ${n(max)} (limits.maxDerived)`,

  "problem.duplicate_id": ({ of, id, first }) =>
    `mã ${{ criterion: "tiêu chí", group: "nhóm", grade: "mức xếp loại", level: "mức", step: "bước thủ tục" }[of]} «${id}» bị dùng hai lần (lần đầu ở vị trí ${first})`,
  "problem.duplicate_id.levels": () => "danh sách các mức có một mức lặp lại",
  "problem.bad_range.numbers": ({ min, max }) => `min ${n(min)} lớn hơn max ${n(max)}`,
  "problem.bad_range.dates": ({ min, max }) => `min ${min} sau max ${max}`,
  "problem.bad_range.items": () => "minItems lớn hơn maxItems",
  "problem.bad_default.range": ({ value }) => `giá trị mặc định ${n(value)} nằm ngoài khoảng cho phép`,
  "problem.bad_default.enum": ({ value }) => `giá trị mặc định ${value} không nằm trong danh sách giá trị`,
  "problem.duplicate_enum": () => "danh sách giá trị có một giá trị lặp lại (sau khi chuẩn hóa NFC)",
  "problem.constraint.not_declared": ({ path }) => `${q(path)} không phải là một dữ liệu đầu vào đã khai báo`,
  "problem.constraint.not_a_list": ({ path }) => `${q(path)} không phải là một danh sách`,
  "problem.constraint.not_a_number": ({ path }) => `${q(path)} không phải là dữ liệu kiểu số`,
  "problem.constraint.same_input": ({ path }) => `một giá trị luôn không lớn hơn chính nó: cả hai vế đều là ${q(path)}`,
  "problem.constraint.different_lists": ({ part, whole }) => `hai vế phải thuộc cùng một danh sách (hoặc cùng ở ngoài danh sách): ${q(part)} và ${q(whole)}`,
  "problem.part_exceeds_whole": ({ part, whole, partInput, wholeInput, note }) =>
    `${n(part)} lớn hơn ${n(whole)} là giá trị của ${wholeInput}: ${partInput} không thể vượt quá số đó${note ? ` (${note})` : ""}`,
  "problem.title_cycle": () => "dữ liệu đầu vào kiểu danh hiệu không thể trỏ tới chính bộ tiêu chí này",
  "problem.dates.order": ({ from, to }) => `validTo ${to} trước validFrom ${from}`,
  "problem.dates.issued": ({ issued, from }) => `văn bản ký ngày ${issued}, sau ngày bộ tiêu chí có hiệu lực (${from})`,
  "problem.dates.data_period": ({ from, to }) => `kỳ số liệu kết thúc (${to}) trước khi bắt đầu (${from})`,
  "problem.supersedes_self": () => "một phiên bản không thể thay thế chính nó",
  "problem.completeness.pending": () => "có tiêu chí chưa có quy tắc tính (pending), nên completeness phải là «partial»",
  "problem.completeness.pass_mark": () => "chưa biết mức điểm đạt (null), nên completeness phải là «partial»",
  "problem.completeness.secondary_notes": () => "bộ tiêu chí hoàn chỉnh theo bản sao thứ cấp phải ghi trong notes đã đọc những bản sao nào và suy ra những gì",
  "problem.completeness.article": ({ id, lacks }) =>
    `bộ tiêu chí hoàn chỉnh theo văn bản chính thức phải trích điều khoản của mọi tiêu chí: «${id}» còn thiếu ${lacks === "article" ? "«article» (Điều/khoản/điểm)" : "«text» (nguyên văn điều khoản, kèm bản dịch tiếng Anh)"}`,
  "problem.unknown_group": ({ group, declared }) =>
    `nhóm «${group}» chưa được khai báo trong «groups»${declared.length ? ` (đã khai báo: ${declared.join(", ")})` : ""}`,
  "problem.unknown_level.not_all": () => "«level» chỉ dùng khi cách xếp loại (decision) là «all»",
  "problem.unknown_level.undeclared": ({ level, declared }) =>
    `mức «${level}» chưa được khai báo trong decision.levels${declared.length ? ` (đã khai báo: ${declared.join(", ")})` : ""}`,
  "problem.points_unused": () => "cách xếp loại «all» không tính điểm; hãy bỏ «points» hoặc dùng cách xếp loại «points»",
  "problem.no_points": () => "khi xếp loại theo điểm, mỗi tiêu chí hoặc có điểm, hoặc là tiêu chí bắt buộc (không đạt thì trượt)",
  "problem.points.tier_above": ({ points, max }) => `bậc này cho ${n(points)} điểm, vượt điểm tối đa ${n(max)} của tiêu chí`,
  "problem.points.no_tier_max": ({ max }) => `không bậc nào cho đủ điểm tối đa ${n(max)}`,
  "problem.points_sum.set": ({ total, max }) => `tổng điểm các tiêu chí là ${n(total)}, nhưng maxPoints là ${n(max)}`,
  "problem.points_sum.group": ({ group, total, max }) => `tổng điểm các tiêu chí của nhóm «${group}» là ${n(total)}, nhưng maxPoints của nhóm là ${n(max)}`,
  "problem.pass_mark": ({ passMark, max }) => `mức điểm đạt ${n(passMark)} cao hơn maxPoints ${n(max)}`,
  "problem.grades_order.below_pass": ({ grade, min, passMark }) =>
    `mức xếp loại «${grade}» bắt đầu từ ${n(min)}, thấp hơn mức điểm đạt ${n(passMark)}; các mức xếp loại chỉ chia những kết quả đạt`,
  "problem.grades_order.above_max": ({ grade, min, max }) => `mức xếp loại «${grade}» bắt đầu từ ${n(min)}, cao hơn maxPoints ${n(max)}`,
  "problem.grades_order.order": ({ grade, min, previous, previousMin }) =>
    `các mức xếp loại đi từ cao xuống thấp: «${grade}» (${n(min)}) phải bắt đầu thấp hơn «${previous}» (${n(previousMin)})`,
  "problem.grades_order.lowest": ({ passMark }) =>
    `mức xếp loại thấp nhất phải bắt đầu đúng ở mức điểm đạt (${n(passMark)}) để mọi kết quả đạt đều được xếp loại`,
  "problem.duplicate_name": ({ name }) => `«${name}» vừa là dữ liệu đầu vào vừa là giá trị tính toán`,
  "problem.score_type": () => "điểm chấm (score) phải là một số",
  "problem.template_name.ratio": ({ name }) => `{{${name}}} cần một tỷ lệ, nhưng tiêu chí này không so sánh tỷ lệ nào`,
  "problem.template_name.unknown": ({ name, allowed }) =>
    `{{${name}}} không phải tên dùng được trong mẫu câu (${allowed.join(", ")}, hoặc tên một dữ liệu đầu vào hay giá trị tính toán)`,

  "problem.empty_group_unsaid": ({ id }) =>
    `tiêu chí «${id}» tính tỷ lệ trên một nhóm có thể rỗng (không có ai, hoặc ai cũng được loại ra), nhưng chưa nói nhóm rỗng thì sao: hãy thêm "emptyGroup": "fail", "not-applicable" hoặc "pass" theo văn bản, và ghi lý do trong completeness.notes`,
  "problem.empty_group_unused": ({ id }) =>
    `tiêu chí «${id}» nói nhóm rỗng thì sao, nhưng không tính tỷ lệ trên nhóm nào nên điều đó không bao giờ dùng đến; hãy bỏ "emptyGroup"`,
  "problem.work_too_large": ({ work, max, rule }) =>
    `đánh giá một đơn vị có thể cần tới ${big(work)} bước (mỗi thành phần của quy tắc nhân với số mục của mọi danh sách nó duyệt qua, danh sách lồng nhau thì nhân tiếp), vượt mức ${big(max)} cho phép (limits.maxWork); riêng quy tắc này có thể cần ${big(rule)} bước. Hãy khai báo "maxItems" cho các danh sách nó duyệt qua, hoặc nâng limits.maxWork`,

  "problem.rule_too_large": ({ max }) => `quy tắc có hơn ${n(max)} thành phần (limits.maxRuleNodes); hãy tách thành các giá trị tính toán`,
  "problem.rules_too_large": ({ max }) =>
    `các quy tắc của bộ tiêu chí có tổng cộng hơn ${n(max)} thành phần (limits.maxTotalRuleNodes); các quy tắc từ đây trở đi chưa được kiểm tra`,
  "problem.rule_too_deep": ({ max }) => `quy tắc lồng sâu quá ${n(max)} cấp (limits.maxRuleDepth)`,
  "problem.operation_shape.empty": () => "một đối tượng rỗng không phải phép toán; phép toán là một đối tượng có đúng một khóa là tên phép toán",
  "problem.operation_shape.keys": ({ keys }) =>
    `phép toán là một đối tượng có đúng một khóa là tên phép toán; đối tượng này có ${n(keys.length)} khóa: ${keys.join(", ")}`,
  "problem.operator_not_allowed": ({ op, allowed, suggestion }) =>
    `«${op}» không phải phép toán được dùng trong tệp tiêu chí${didYouMean(suggestion)}; được dùng: ${allowed.join(" ")}`,
  "problem.arity": ({ op, min, max, got }) => `«${op}» nhận ${min === max ? n(min) : `từ ${n(min)} đến ${n(max)}`} đối số, ở đây có ${n(got)}`,
  "problem.lookalike_text.invisible": ({ value, char }) =>
    `${value} chứa một ký tự không nhìn thấy (${char}): người đọc thấy một giá trị, quy tắc so sánh với một giá trị khác; hãy xóa ký tự đó`,
  "problem.lookalike_text.script": ({ value, script }) =>
    `${value} trộn chữ Latinh với chữ ${script} trông giống hệt (chẳng hạn «о» Kirin thay cho «o»): dữ liệu gõ bằng bàn phím tiếng Việt sẽ không bao giờ khớp; hãy gõ lại giá trị`,
  "problem.not_a_number": ({ op, type }) => `«${op}» tính toán với số, nhưng đây là ${type}`,
  "problem.not_comparable.order": ({ op, type }) => `«${op}» so sánh số với số hoặc ngày với ngày, nhưng đây là ${type}`,
  "problem.not_comparable.mixed": ({ op, left, right }) =>
    `«${op}» so sánh ${left} với ${right}: hai vế phải cùng một kiểu (văn bản "10" không phải số 10, true không phải 1)`,
  "problem.var_not_literal": () =>
    '«var» nhận một đường dẫn viết sẵn dưới dạng chuỗi, ví dụ {"var": "thanhVien"}; không dùng đường dẫn tính toán hay giá trị mặc định',
  "problem.unsafe_path": ({ path, segment }) =>
    `«${path}» chạm tới «${segment}», có thể đọc nguyên mẫu (prototype) của đối tượng; điều này không bao giờ được phép`,
  "problem.bad_path.position": ({ path }) => `«${path}» đọc một mục của danh sách theo vị trí; hãy dùng all, some, filter, count hoặc một phép tính tỷ lệ`,
  "problem.bad_path.names": ({ path }) => `«${path}» không phải đường dẫn gồm các tên nối bằng dấu chấm`,
  "problem.unknown_var.not_record": ({ path, parent, type, field }) => `«${path}»: «${parent}» là ${type}, không có trường «${field}»`,
  "problem.unknown_var.undeclared": ({ path, where, field, known, more, suggestion }) =>
    `«${path}» chưa được khai báo: ${where} không có «${field}»${didYouMean(suggestion)}; đã có: ${none(known, more)}`,
  "problem.not_a_list": ({ op, type }) => `«${op}» cần một danh sách ở đây, nhưng đây là ${type}`,
  "problem.not_a_count.type": ({ part, type }) => `${ratioPart(part)} của một tỷ lệ phải là số nguyên, nhưng đây là ${type}`,
  "problem.not_a_count.decimal": ({ part }) =>
    `${ratioPart(part)} của một tỷ lệ phải là số nguyên (dữ liệu kiểu số nguyên hoặc một phép đếm), không phải số thập phân`,
  "problem.not_a_count.signed": ({ part, input }) =>
    `${ratioPart(part)} của một tỷ lệ phải là số đếm, nhưng dữ liệu ${input ?? "này"} được khai báo không có "min": 0 nên có thể âm; hãy khai báo "min": 0`,
  "problem.bad_percent.range": ({ value, decimals }) => `tỷ lệ phần trăm phải là số từ 0 đến 100, tối đa ${n(decimals)} chữ số thập phân; ở đây là ${value}`,
  "problem.bad_percent.type": ({ type }) => `tỷ lệ phần trăm phải là một số, nhưng đây là ${type}`,
  "problem.not_in_enum.compare": ({ value, values }) =>
    `${value} không thuộc các giá trị đã khai báo ${values.join(", ")}, nên phép so sánh này không bao giờ đúng`,
  "problem.not_in_enum.in": ({ value, values }) => `${value} không thuộc các giá trị đã khai báo ${values.join(", ")}`,

  "problem.duplicate_version": ({ set, sources }) =>
    `${set} được đưa vào hai lần${sources.map((s) => ` (${s})`).join("")}; mỗi phiên bản chỉ phát hành một lần`,
  "problem.overlapping_dates": ({ first, second, from, until, set, endOn }) =>
    `${first} và ${second} cùng có hiệu lực từ ${from} ${until ? `đến ${until}` : "trở đi"}; hãy cho ${set} hết hiệu lực vào ${endOn} (validTo)`,
  "problem.unknown_supersedes": ({ set, target, id, known }) =>
    `${set} thay thế ${target}, nhưng không có phiên bản này (${known.length ? `các phiên bản của ${id}: ${known.join(", ")}` : `không có bộ tiêu chí nào mã «${id}»`})`,
  "problem.supersedes_later": ({ set, target, targetFrom, from }) =>
    `${set} thay thế ${target}, nhưng ${target} không có hiệu lực sớm hơn (${targetFrom}, so với ${from})`,
  "problem.supersedes_overlap": ({ set, target, targetTo, from, endOn }) =>
    `${target} vẫn còn hiệu lực (${targetTo ? `đến ${targetTo}` : "không có ngày kết thúc"}) khi ${set}, phiên bản thay thế nó, bắt đầu từ ${from}; hãy đặt validTo của ${target} là ${endOn}`,
  "problem.supersedes_fork": ({ sets, target }) => `${sets.join(" và ")} cùng thay thế ${target}; mỗi phiên bản chỉ nên thay thế phiên bản liền trước`,

  "problem.bad_file": ({ file }) => `«${file}» không phải đường dẫn tệp .json trong thư mục tiêu chí, viết bằng dấu «/»`,
  "problem.inconsistent.set": ({ record, result }) => `biên bản ghi ${record} nhưng kết quả trong đó ghi ${result}`,
  "problem.inconsistent.as_of": ({ record, result }) => `biên bản ghi ${record} nhưng kết quả trong đó ghi ${result}`,
  "problem.inconsistent.library": ({ record, result }) => `biên bản ghi ${record} nhưng kết quả trong đó do phiên bản ${result} tạo ra`,
  "problem.wrong_set.cases": ({ cases, set }) => `các ca kiểm thử dành cho ${cases}, không phải ${set}`,
  "problem.wrong_set.file": ({ cases, file, holds }) => `các ca kiểm thử dành cho ${cases}, nhưng ${file} chứa ${holds}`,
  "problem.wrong_set.result": ({ result, set }) => `đây là kết quả của ${result}, nhưng danh hiệu được xét theo «${set}»`,
  "problem.levels_order": ({ held, notHeld }) => `đạt mức ${held} nhưng không đạt mức ${notHeld}: các mức cộng dồn, đạt một mức thì đạt mọi mức thấp hơn`,
  "problem.title_levels": ({ set, levels, title, declared }) =>
    `${set} xét các mức ${levels.length ? levels.join(", ") : "(không có)"}, nhưng danh hiệu ${title} được khai báo với các mức ${declared.join(", ")}`,
  "problem.title_levels.registry": ({ set, title, levels, by, decided }) =>
    `${set} đọc danh hiệu ${title} theo các mức ${levels.join(", ")}, nhưng ${by} ${decided.length ? `xét các mức ${decided.join(", ")}` : "không xét theo mức"}`,
  "problem.unit_too_large": ({ reason }) => reason,
  "problem.csv_quote": ({ reason }) => reason,
  "problem.invalid_cell": ({ column, reason }) => `cột «${column}»: ${reason}`,

  "problem.json_parse": ({ reason }) => `không phải JSON hợp lệ: ${reason}`,
  "problem.no_case_files": ({ path }) => `không tìm thấy tệp ca kiểm thử nào (*.cases.json) cho ${path}`,

  "check.unworded": ({ text }) => `${text} (câu này chưa có bản tiếng Việt)`,
  "check.vi_empty": () => "văn bản tiếng Việt đang trống",
  "check.en_empty": () => "văn bản tiếng Anh đang trống",
  "check.date_format": () => "cần một ngày viết theo dạng YYYY-MM-DD",
  "check.web_url": () => "cần một địa chỉ web http: hoặc https: (không nhận javascript:, data:, file:)",
  "check.real_date": () => "không phải ngày có thật trên lịch",
  "check.name_format": () => "tên bắt đầu bằng chữ cái hoặc _ và chỉ gồm chữ cái không dấu, chữ số và _",
  "check.reserved_name": () => "tên này đã được dành riêng",
  "check.id_format": () => "mã gồm chữ cái, chữ số, «.», «_» và «-», bắt đầu bằng chữ cái hoặc chữ số",
  "check.set_id_format": () => "mã bộ tiêu chí là các từ viết thường nối bằng «-», ví dụ don-vi-hoc-tap",
  "check.version_format": () => "cần số phiên bản dạng 2020.1.0",
  "check.rule_json": () => "cần một biểu thức JsonLogic (JSON: null, true/false, một số, một chuỗi, một danh sách hoặc một đối tượng)",
  "check.date_from": ({ min }) => `phải từ ngày ${min} trở đi`,
  "check.date_until": ({ max }) => `phải đến ngày ${max} là muộn nhất`,
  "check.title_value": () =>
    'cần true hoặc false (có danh hiệu hay không), { "data": {...} } để xét danh hiệu từ dữ liệu của đơn vị con, hoặc { "result": {...} } là kết quả bộ tiêu chí của nó đã đưa ra',
  "check.sub_unit_object": () => "dữ liệu của đơn vị con phải là một đối tượng (object)",
  "check.sub_unit_result": () => "kết quả của đơn vị con phải là một đối tượng (object)",
  "check.title_level": ({ levels }) =>
    `cần mức đạt danh hiệu (${levels.join(", ")}), false (không đạt mức nào), các mức dưới dạng bản ghi true/false, { "data": {...} } để xét từ dữ liệu của đơn vị con, hoặc { "result": {...} } là kết quả bộ tiêu chí của nó đã đưa ra`,
  "check.complete_split": () =>
    "từ bản 0.2, «complete» được tách làm hai: hãy ghi «complete-official» (mọi tiêu chí lấy từ văn bản chính thức, trích nguyên văn trong «text») hoặc «complete-secondary» (mọi tiêu chí đã có quy tắc tính nhưng theo bản sao thứ cấp; notes ghi những gì được suy ra)",
  "check.level_field": () => "mức được đọc như một trường: gồm chữ cái, chữ số, _ và -, bắt đầu bằng chữ cái hoặc _",
  "check.exclusion_needs_excludes": () => "tiêu chí loại trừ cần quy tắc «excludes» (hoặc «pending»)",
  "check.exclusion_no_rule": () => "tiêu chí loại trừ dùng «excludes», không dùng «rule»",
  "check.exclusion_no_points": () => "tiêu chí loại trừ không có điểm",
  "check.excludes_only_exclusion": () => "«excludes» chỉ dùng cho tiêu chí có role «exclusion»",
  "check.scored_needs_rule": () => "tiêu chí chấm điểm cần «rule» nói khi nào tiêu chí đạt, ví dụ điểm >= 5",
  "check.criterion_needs_rule": () => "tiêu chí cần «rule», «points» theo bậc, hoặc «pending»",
  "check.criterion_one_of": ({ kinds }) => `tiêu chí chỉ dùng một trong «rule», «points» theo bậc hoặc «pending», không dùng cả ${kinds.join(" và ")}`,
  "check.invalid_data_has": ({ key }) => `ca có dữ liệu phải bị từ chối (invalidData) không ghi ${key}`,
  "check.case_verdict": () => "mỗi ca ghi kết luận mong đợi (pass, fail hoặc incomplete), hoặc invalidData cho dữ liệu phải bị từ chối",
  "check.case_name_twice": ({ name }) => `tên ca «${name}» bị dùng hai lần`,
  "check.batch_line_one": () => "mỗi dòng chạy hàng loạt chứa hoặc một kết quả, hoặc một lỗi",
  "check.day_of_year": () => "cần một ngày trong năm viết theo dạng MM-DD",
  "check.sha256": () => "cần «sha256:» và 64 chữ số thập lục phân",
  "check.short_hash": () => "cần 16 chữ số thập lục phân",
  "check.id_at_version": () => "cần dạng mã@phiên-bản",
  "check.date_time": () => "cần ngày giờ theo ISO 8601",
  "check.line_result_or_error": () => "mỗi dòng chứa hoặc một kết quả, hoặc một lỗi",

  "type.kind": ({ kind }) => type(kind === "string" ? "string" : kind),
  "type.list": ({ item }) => `danh sách ${item}`,
  "type.either": ({ types }) => joinOr(types, "vi") || "giá trị chưa rõ kiểu",
  "type.record": ({ fields }) => `bản ghi {${fields.join(", ")}}`,
  "type.text_enum": ({ values }) => `văn bản (một trong ${values.join(", ")})`,
  "where.set": () => "dữ liệu đầu vào và giá trị tính toán của bộ tiêu chí",
  "where.field": ({ path }) => `«${path}»`,
  "where.item": ({ list }) => `mỗi mục của ${list}`,
  "set.span": ({ set, from, to, source }) => `${set} (${to ? `${from} – ${to}` : `từ ${from}`})${source ? ` (${source})` : ""}`,
};
