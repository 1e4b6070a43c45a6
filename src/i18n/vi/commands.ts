import type { COMMANDS } from "../codes/commands.js";
import { formatNumber, joinOr } from "../format.js";
import type { Sentences } from "../params.js";

const n = (x: number) => formatNumber(Math.round(x), "vi");
const LOCK = {
  locked: "đã khóa",
  moved: "đã chuyển",
  changed: "bị sửa",
  removed: "bị xóa",
  unreleased: "chưa phát hành",
  invalid: "không hợp lệ",
  unreadable: "không đọc được",
  duplicate: "trùng",
  registry: "sổ đăng ký",
};
const KIND = {
  unchanged: "không đổi",
  changed: "thay đổi",
  "valid-old-only": "chỉ hợp lệ với bản cũ",
  "valid-new-only": "chỉ hợp lệ với bản mới",
  invalid: "không hợp lệ với cả hai",
  "bad-line": "dòng lỗi",
  error: "lỗi khi đánh giá",
};

export const commands: Sentences<typeof COMMANDS> = {
  "cmd.no_such_file": ({ path }) => `${path}: không có tệp này`,
  "cmd.wrote": ({ file }) => `đã ghi ${file}`,

  "cmd.takes": ({ command }) =>
    ({
      validate: "validate cần ít nhất một tệp tiêu chí",
      hash: "hash cần ít nhất một tệp JSON",
      lock: "lock không nhận tệp nào: tieuchi lock --check [--criteria <thư-mục>]",
      catalogue: "catalogue không nhận tệp nào: tieuchi catalogue [--sets <thư-mục>] [--out <tệp>]",
      schema: "schema không nhận tệp nào: tieuchi schema [--cases] [--out <tệp>]",
      eval: "eval nhận một tệp tiêu chí và một tệp dữ liệu của đơn vị: tieuchi eval <bộ-tiêu-chí.json> <đơn-vị.json>",
      "eval-set": "khi có --set, eval nhận một tệp dữ liệu của đơn vị: tieuchi eval --set <mã> --as-of <ngày> <đơn-vị.json>",
      batch: "batch nhận một tệp tiêu chí và một tệp các đơn vị: tieuchi batch <bộ-tiêu-chí.json> <đơn-vị.ndjson|đơn-vị.csv|đơn-vị.json>",
      report: "report nhận một tệp kết quả chạy hàng loạt: tieuchi report <kết-quả.ndjson> [--by trường] [--format text|md|csv|json]",
      impact: "impact nhận tệp tiêu chí cũ, tệp tiêu chí mới và một tệp NDJSON các đơn vị: tieuchi impact <cũ.json> <mới.json> <đơn-vị.ndjson>",
      verify: "verify nhận một biên bản kiểm tra và dữ liệu của đơn vị: tieuchi verify <biên-bản.json> <đơn-vị.json> [--criteria <thư-mục>]",
      diff: "diff nhận tệp tiêu chí cũ và tệp tiêu chí mới: tieuchi diff <cũ.json> <mới.json>",
      cases: "cases nhận --boundaries và một tệp tiêu chí: tieuchi cases --boundaries <bộ-tiêu-chí.json> [--out <tệp>]",
      template: "template nhận một bộ tiêu chí và --out: tieuchi template <bộ-tiêu-chí.json|mã[@phiên-bản]> --out <tệp.xlsx|tệp.csv>",
      compile: "compile nhận một tệp tiêu chí và --out: tieuchi compile <bộ-tiêu-chí.json> --out <tệp.mjs>",
      compose:
        "compose nhận một tệp tiêu chí và dữ liệu riêng của đơn vị: tieuchi compose <bộ-tiêu-chí.json> <đơn-vị.json> --results danh_sách[].trường=<kết-quả.ndjson>",
    })[command],
  "cmd.not_one_of": ({ option, values, got }) => `${option} nhận ${joinOr(values, "vi")}, không nhận ${got}`,
  "cmd.whole_number": ({ option, max, got }) => `${option} là một số nguyên${max !== undefined ? ` từ 0 đến ${n(max)}` : ""}, không phải ${got}`,
  "cmd.one_char": ({ option, got }) => `${option} là một ký tự, không phải ${got}`,
  "cmd.set_and_sets": () => "khi có --set, thư mục --criteria cũng cho các bộ tiêu chí của đơn vị con: hãy bỏ --sets",
  "cmd.goes_with_set": ({ option }) => `${option} đi cùng --set <mã>: tieuchi eval --set <mã> --as-of <ngày> <đơn-vị.json>`,
  "cmd.applied_with_decided": () => "--applied và --decided phải đi cùng nhau",
  "cmd.as_of_or_applied": () => "hãy cho hoặc --as-of, hoặc --applied và --decided",
  "cmd.set_needs_date": () => "khi có --set, hãy cho ngày: --as-of <ngày>, hoặc --applied <ngày> --decided <ngày>",
  "cmd.record_one": () => "--record ghi biên bản của một lần đánh giá: hãy dùng cùng --as-of",
  "cmd.stdin_format": () => "đọc các đơn vị từ đầu vào chuẩn thì cần --format ndjson, json hoặc csv",
  "cmd.by_names": () => "--by cần tên các trường, ví dụ --by xa hoặc --by huyen,xa",
  "cmd.folder_not_output": ({ path }) => `${path} là một thư mục, không phải tệp kết quả chạy hàng loạt`,
  "cmd.permission": ({ path }) => `${path}: không có quyền đọc`,
  "cmd.lock_one_of": () => "lock nhận một trong hai: --check hoặc --update",
  "cmd.accept_with_update": () => "--accept-changes đi cùng --update",
  "cmd.no_case_files": ({ paths }) => `không tìm thấy tệp ca kiểm thử nào (*.cases.json) trong ${paths.join(", ")}`,
  "cmd.out_is_folder": ({ out }) => `--out ${out} là một thư mục; hãy cho tên tệp, ví dụ <phiên-bản>.boundaries.cases.json`,
  "cmd.out_not_ours": ({ out }) =>
    `${out} đã có và không do «tieuchi cases» ghi ra; hãy chọn --out khác (ví dụ <phiên-bản>.boundaries.cases.json) hoặc xóa tệp đó`,
  "cmd.template_out": ({ got }) => `--out của tệp mẫu là tệp .xlsx hoặc .csv, không phải ${got}`,
  "cmd.compose_needs_results": () => "compose cần --results danh_sách[].trường=<kết-quả.ndjson>, ví dụ --results xa[].congDongHocTap=xa.results.ndjson",
  "cmd.results_form": ({ got }) => `--results viết dạng danh_sách[].trường=<kết-quả.ndjson>, không phải ${got}`,

  "cmd.column": ({ column }) =>
    ({
      id: "Mã",
      status: "Trạng thái",
      points: "Điểm",
      criterion: "Tiêu chí",
      "criterion-why": "Tiêu chí và lý do",
      verdict: "Kết luận",
      title: "Tên",
      count: "Số lượng",
    })[column],

  "cmd.validate.bad": ({ file, count }) => `✘ ${file}: ${n(count)} lỗi`,

  "cmd.eval.as_of": ({ date, inForce }) => `ngày xét ${date}${inForce ? "" : " (NGOÀI thời gian hiệu lực)"}`,
  "cmd.eval.verdict": ({ verdict, grade, points, passMark }) =>
    `Kết luận: ${{ pass: "ĐẠT", fail: "CHƯA ĐẠT", incomplete: "CHƯA ĐỦ DỮ LIỆU" }[verdict]}${grade ? `, xếp loại ${grade}` : ""}${
      points !== undefined ? ` — ${points} (mức đạt ${passMark === undefined ? "chưa xác định" : n(passMark)})` : ""
    }`,
  "cmd.eval.level": ({ title, status, failing, missing }) =>
    `  ${title}: ${{ achieved: "đạt", "not-achieved": "chưa đạt", undetermined: "chưa xác định" }[status]}${failing.length ? ` (chưa đạt: ${failing.join(", ")})` : ""}${
      missing.length ? ` (thiếu dữ liệu: ${missing.join(", ")})` : ""
    }`,
  "cmd.eval.improve": ({ items }) => `Có thể cải thiện: ${items.join(", ")}`,
  "cmd.eval.next_grade": ({ grade, points }) => `Để lên loại ${grade}: cần thêm ${n(points)} điểm`,
  "cmd.eval.next_level": ({ level, items }) => `Để đạt ${level}: ${items.join(", ")}`,
  "cmd.eval.grade_may_rise": () => "Xếp loại có thể cao hơn khi bổ sung dữ liệu còn thiếu.",

  "cmd.transition.side": ({ side, date, reason }) => `${side === "applied" ? "Ngày nộp hồ sơ" : "Ngày xét"} ${date}: ${reason}`,
  "cmd.transition.column": ({ side, set, date }) => `${set} (${side === "applied" ? "nộp" : "xét"} ${date})`,
  "cmd.transition.not_valid": () => "dữ liệu không hợp lệ",
  "cmd.transition.invalid_for": ({ set, count }) => `Dữ liệu không hợp lệ với ${set} (${n(count)} lỗi):`,
  "cmd.more_in_json": ({ count }) => `… và ${n(count)} lỗi khác (xem --json)`,

  "cmd.batch.summary": ({ units, evaluated, pass, fail, incomplete, bad, seconds, rate, workers }) =>
    `${n(units)} đơn vị: ${n(evaluated)} đã đánh giá (đạt ${n(pass)}, chưa đạt ${n(fail)}, chưa đủ dữ liệu ${n(incomplete)}), ${n(bad)} dữ liệu lỗi, trong ${formatNumber(
      +seconds.toFixed(1),
      "vi",
      1,
    )} giây (${n(rate)} đơn vị/giây, ${workers ? `${n(workers)} luồng` : "không dùng luồng phụ"})`,
  "cmd.batch.bad_unit": ({ line, reason, code }) => `  dòng ${n(line)}: ${reason.split("\n")[0]} [${code}]`,
  "cmd.batch.more_bad": ({ count }) => `  ... và ${n(count)} đơn vị lỗi khác: mỗi đơn vị lỗi đều có một dòng "error" trong kết quả`,
  "cmd.batch.delimiter": ({ file, name }) => `${file}: các ô cách nhau bằng ${name}`,
  "cmd.batch.progress": ({ units, bad, rate }) => `${n(units)} đơn vị${bad ? ` (${n(bad)} lỗi)` : ""}  ${n(rate)}/giây`,
  "cmd.batch.time_left": ({ time }) => `còn ${time}`,

  "cmd.test.coverage_of": ({ set, cases, files }) => `Độ phủ của ${set} (${n(cases)} ca, ${n(files)} tệp):`,
  "cmd.compile.not_generated": ({ file, why }) =>
    `${file}: không sinh được bộ đánh giá cho bộ tiêu chí này vì bộ tiêu chí dùng ${why}; evaluate vẫn đánh giá nó bằng bộ đánh giá thông thường (closure)`,
  "cmd.compile.wrote": ({ file, set, hash, criteria, bytes }) => `đã ghi ${file}: ${set} (${hash}), ${n(criteria)} tiêu chí, ${n(bytes)} byte`,
  "cmd.test.summary": ({ cases, files, passed, failed }) => `${n(cases)} ca trong ${n(files)} tệp: ${n(passed)} đúng, ${n(failed)} sai`,
  "cmd.test.file_errors": ({ count }) => `${n(count)} tệp không chạy được`,
  "cmd.test.gaps": ({ count }) => `${n(count)} tiêu chí chưa được thấy cả đạt lẫn chưa đạt (--require-both)`,
  "cmd.test.stale": () => "  ! các ca này được sinh từ một bản khác của tệp tiêu chí: sinh lại bằng tieuchi cases --boundaries, hoặc xem lại",
  "cmd.test.at": ({ path }) => `tại ${path}`,

  "cmd.cases.wrote": ({ count, set, out }) => `Đã ghi ${n(count)} ca biên cho ${set} vào ${out}. Hãy đọc lại từng ca trước khi giữ.`,
  "cmd.cases.skipped": ({ criterion, where, reason }) => `Bỏ qua: ${criterion ?? "-"} ${where}: ${reason}`,
  "cmd.cases.unmet": ({ ids }) => `Đơn vị gốc không đạt được các tiêu chí: ${ids.join(", ")} (các ca gần ngưỡng khác sẽ thấy chúng chưa đạt).`,
  "cmd.cases.none": ({ set }) => `${set} không có ngưỡng nào để đặt ca kiểm thử`,

  "cmd.lock.status": ({ status }) => LOCK[status],
  "cmd.lock.count": ({ status, count }) => (status === "registry" ? `${n(count)} lỗi sổ đăng ký` : `${n(count)} ${LOCK[status]}`),
  "cmd.lock.none": () => "không có tệp tiêu chí nào",
  "cmd.lock.not_updated": ({ file, acceptChanges }) =>
    `chưa cập nhật ${file}: hãy sửa các lỗi ở trên${acceptChanges ? " (hoặc, với một chỉnh sửa đã rà soát của phiên bản chưa ai dựa vào, thêm --accept-changes)" : ""}`,
  "cmd.lock.released": ({ versions, file, written }) => `đã phát hành ${versions.join(", ")}; ${written ? "đã ghi" : "không đổi"} ${file}`,
  "cmd.lock.nothing": ({ file, written }) => `không có gì để phát hành; ${written ? "đã ghi lại" : "không đổi"} ${file}`,
  "cmd.lock.prebuilt_stale": ({ set, module, lock }) =>
    module === undefined
      ? `${set}: gói tieuchi này không có bộ đánh giá dựng sẵn cho phiên bản đã khoá (${lock}): hãy dựng lại gói (npm run build)`
      : `${set}: bộ đánh giá dựng sẵn đi kèm gói đã cũ (mã băm ${module}, sổ khoá ghi ${lock}): hãy dựng lại gói (npm run build)`,

  "cmd.verify.head": ({ set, match }) => `${set}: ${match ? "KHỚP — đánh giá lại cho cùng kết quả" : "KHÔNG KHỚP"}`,

  "cmd.impact.kind": ({ kind }) => KIND[kind],
  "cmd.impact.count": ({ kind, count }) => `${n(count)} ${KIND[kind]}`,
  "cmd.impact.new": () => "mới",
  "cmd.impact.removed": () => "đã bỏ",
  "cmd.impact.blocks": () => "chặn",
  "cmd.impact.decision": ({ changes }) => `cách xét đổi: ${changes.join(", ")}`,
  "cmd.impact.no_criterion": () => "không tiêu chí nào đổi",
  "cmd.impact.problem_with": ({ side }) => `lỗi với bản ${{ old: "cũ", new: "mới", both: "cả hai" }[side]}`,
  "cmd.impact.change": ({ what, from, to }) => `${what === "verdict" ? "kết luận" : "xếp loại"} ${from} → ${to}`,
  "cmd.impact.summary": ({ old, new: next, units, lines, blank, kinds }) =>
    `${old} → ${next}: ${n(units)} đơn vị (${n(lines)} dòng, ${n(blank)} dòng trống): ${kinds.join(", ")}`,
  "cmd.impact.by_change": ({ items }) => `Theo loại thay đổi: ${items.join("; ")}`,
  "cmd.impact.criteria": ({ items }) => `Tiêu chí gây thay đổi: ${items.join(", ")}`,

  "cmd.template.wrote": ({ set, document, out }) => `Đã ghi mẫu của ${set} (${document}) vào ${out}`,
};
