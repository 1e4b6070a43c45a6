import type { Sentences } from "../params.js";
import type { CLI } from "../codes/cli.js";
import { formatNumber } from "../format.js";

export const cli: Sentences<typeof CLI> = {
  "cli.title": ({ version }) => `tieuchi ${version}: xét và giải thích danh hiệu xã hội học tập theo các bộ tiêu chí có phiên bản`,
  "cli.heading": ({ which }) => ({ usage: "Cách dùng", commands: "Các lệnh", options: "Tùy chọn", "exit-codes": "Mã thoát" })[which],
  "cli.summary": ({ command }) =>
    ({
      eval: "đánh giá một đơn vị và giải thích từng tiêu chí",
      batch: "đánh giá mọi đơn vị của một tệp NDJSON, CSV, bảng tính .xlsx hoặc danh sách JSON",
      report: "số đếm và tỷ lệ phần trăm chính xác từ kết quả của batch",
      validate: "kiểm tra tệp bộ tiêu chí (cấu trúc và kiểm tra tĩnh)",
      test: "chạy các tệp ca kiểm thử (*.cases.json), mỗi ca một dòng",
      cases: "sinh ca kiểm thử tại, ngay dưới và ngay trên mỗi ngưỡng của một bộ",
      diff: "những gì thay đổi giữa hai phiên bản, thành câu",
      impact: "những đơn vị đổi kết luận hoặc xếp loại giữa hai phiên bản, và vì sao",
      lock: "kiểm tra hoặc cập nhật tệp khóa các phiên bản đã phát hành",
      verify: "đánh giá lại một bản ghi kiểm toán: khớp, hoặc chỉ rõ chỗ khác",
      hash: "mã băm nội dung (sha-256 của JSON chuẩn tắc) của tệp JSON",
      compile: "sinh bộ đánh giá của một bộ thành mô-đun ES tĩnh (không eval), gắn với bộ qua mã băm",
      catalogue: "danh sách Markdown mọi bộ tiêu chí và phiên bản",
      schema: "in JSON Schema của tệp bộ tiêu chí (hoặc của tệp ca kiểm thử)",
      template: "bảng tính mẫu để điền dữ liệu của một bộ: tiêu đề cột, danh sách chọn, một dòng ví dụ",
      compose: "điền một danh sách của đơn vị từ kết quả batch của các đơn vị con (các xã của huyện)",
      help: "hướng dẫn này, hoặc hướng dẫn của một lệnh",
    })[command],
  "cli.usage": ({ command }) =>
    ({
      eval: [
        "tieuchi eval <bộ-tiêu-chí.json> <đơn-vị.json> [tùy chọn]",
        "tieuchi eval --set <mã-bộ> --as-of <ngày> <đơn-vị.json> [tùy chọn]",
        "tieuchi eval --set <mã-bộ> --applied <ngày> --decided <ngày> <đơn-vị.json> [tùy chọn]",
      ],
      batch: ["tieuchi batch <bộ-tiêu-chí.json> <tệp-đơn-vị> [tùy chọn]      (- là đầu vào chuẩn)"],
      report: ["tieuchi report <kết-quả.ndjson> [tùy chọn]      (- là đầu vào chuẩn)"],
      validate: ["tieuchi validate <bộ-tiêu-chí.json>... [tùy chọn]"],
      test: ["tieuchi test [tệp-hoặc-thư-mục...] [tùy chọn]      (mặc định: criteria)"],
      cases: ["tieuchi cases --boundaries <bộ-tiêu-chí.json> [tùy chọn]"],
      diff: ["tieuchi diff <bản-cũ.json> <bản-mới.json> [tùy chọn]"],
      impact: ["tieuchi impact <bản-cũ.json> <bản-mới.json> <các-đơn-vị.ndjson> [tùy chọn]"],
      lock: ["tieuchi lock --check [tùy chọn]", "tieuchi lock --update [--accept-changes] [tùy chọn]"],
      verify: ["tieuchi verify <bản-ghi.json> <đơn-vị.json> [tùy chọn]"],
      hash: ["tieuchi hash <tệp.json>... [tùy chọn]"],
      compile: ["tieuchi compile <bộ-tiêu-chí.json> --out <tệp.mjs> [tùy chọn]"],
      catalogue: ["tieuchi catalogue [tùy chọn]"],
      schema: ["tieuchi schema [tùy chọn]"],
      template: ["tieuchi template <bộ-tiêu-chí.json | mã-bộ[@phiên-bản]> --out <tệp.xlsx | tệp.csv> [tùy chọn]"],
      compose: ["tieuchi compose <bộ-tiêu-chí.json> <đơn-vị.json> --results <danh-sách[].trường>=<kết-quả.ndjson> [tùy chọn]"],
      help: ["tieuchi <lệnh> [tùy chọn]", "tieuchi <lệnh> --help", "tieuchi help [lệnh]", "tieuchi --version"],
    })[command].join("\n"),
  "cli.value": ({ value }) =>
    ({
      file: "<tệp>",
      folder: "<thư-mục>",
      date: "<YYYY-MM-DD>",
      id: "<mã-bộ>",
      "set-file": "<bộ-tiêu-chí.json>",
      lang: "vi|en",
      number: "<số>",
      size: "<cỡ>",
      fields: "<trường,...>",
      field: "<trường>",
      text: "<chuỗi>",
      char: "<ký-tự>",
      format: "<định-dạng>",
      "list-results": "<danh-sách[].trường>=<kết-quả.ndjson>",
    })[value],
  "cli.help_option": () => "in hướng dẫn của lệnh",
  "cli.option.eval": ({ option }) =>
    ({
      "as-of": "ngày xét danh hiệu; tệp không có hiệu lực vào ngày đó bị từ chối (mã thoát 2)",
      sets: "thư mục bộ tiêu chí để xét danh hiệu của đơn vị con cho dưới dạng dữ liệu (mặc định: các bộ đi kèm)",
      json: "in kết quả dạng JSON, đúng đối tượng mà evaluate trả về",
      lang: "ngôn ngữ của bảng và thông báo: vi (mặc định) hoặc en",
      record: "ghi thêm bản ghi kiểm toán của lần đánh giá vào tệp này",
      "out-of-force": "vẫn đánh giá tệp dù không có hiệu lực vào --as-of; mã thoát khi đó là 1, dù kết luận thế nào",
      set: "mã của bộ: đánh giá phiên bản có hiệu lực vào --as-of (và nói vì sao)",
      criteria: "thư mục bộ tiêu chí cho --set (mặc định: các bộ đi kèm)",
      applied: "cùng --set và --decided: ngày nộp hồ sơ (xét chuyển tiếp)",
      decided: "cùng --set và --applied: ngày xét; hai phiên bản được đặt cạnh nhau",
      "max-work": "số bước tối đa mà bộ tiêu chí có thể cần và đơn vị được dùng (mặc định 20.000.000): số phần của quy tắc nhân số mục của danh sách",
    })[option],
  "cli.option.batch": ({ option }) =>
    ({
      out: "ghi kết quả vào tệp này thay vì đầu ra chuẩn (.xlsx hoặc .csv: mỗi đơn vị một dòng)",
      format: "định dạng tệp đơn vị: ndjson, json hoặc csv (mặc định: theo phần mở rộng; tệp .xlsx được đọc như bảng tính)",
      workers: "số luồng xử lý (mặc định: số lõi); 0 đánh giá ngay trong luồng chính",
      "as-of": "ngày xét danh hiệu; bộ không có hiệu lực vào ngày đó bị từ chối trước khi đọc đơn vị nào",
      sets: "thư mục bộ tiêu chí để xét danh hiệu của đơn vị con (mặc định: các bộ đi kèm)",
      meta: 'các trường không phải đầu vào của bộ (mã, xã...): chép sang "unit" của mỗi dòng, không đánh giá',
      delimiter: "ký tự phân cách ô của tệp CSV (mặc định: dấu phẩy)",
      explain: "kèm giá trị đã đọc, phép đo và câu giải thích trong mỗi kết quả",
      compact:
        "dạng gọn: một dòng đầu liệt kê các tiêu chí một lần, rồi mỗi đơn vị một mảng [dòng, đơn vị, kết luận, hạng, điểm đạt, điểm có thể, điểm tối đa áp dụng, một chữ trạng thái cho mỗi tiêu chí]; tieuchi report đọc được",
      quiet: "không vẽ thanh tiến độ, không in tóm tắt trên đầu ra lỗi",
      stats: "in tốc độ và bộ nhớ cao nhất dạng JSON trên đầu ra lỗi",
      "out-of-force": "vẫn đánh giá dù bộ không có hiệu lực vào --as-of",
      lang: "ngôn ngữ của tóm tắt và thông báo: vi (mặc định) hoặc en",
      "max-work": "số bước tối đa mà bộ tiêu chí có thể cần và mỗi đơn vị được dùng (mặc định 20.000.000); đơn vị vượt quá nhận dòng lỗi ERR_BUDGET",
      "max-unit-bytes":
        "cỡ dài nhất của một đơn vị, tính bằng byte, có thể kèm KiB hoặc MiB (mặc định 64MiB): một dòng NDJSON, một mục của danh sách JSON, các dòng CSV của một đơn vị; đơn vị dài hơn nhận dòng lỗi unit_too_large và không được giữ trong bộ nhớ",
    })[option],
  "cli.option.report": ({ option }) =>
    ({
      by: 'nhóm theo các trường này của "unit" mỗi dòng (lặp lại hoặc phân cách bằng dấu phẩy để lồng nhóm)',
      format: "text (mặc định), md, csv hoặc json",
      decimals: "số chữ số thập phân của tỷ lệ phần trăm (mặc định 1), làm tròn một lần, nửa xa số 0",
      set: "tệp bộ tiêu chí, để liệt kê cả xếp loại và tiêu chí chưa đơn vị nào đạt",
      out: "ghi báo cáo vào tệp này thay vì đầu ra chuẩn",
      lang: "ngôn ngữ của báo cáo: vi (mặc định) hoặc en",
      "max-unit-bytes": "cỡ dài nhất của một dòng kết quả, tính bằng byte, có thể kèm KiB hoặc MiB (mặc định 64MiB); dòng dài hơn bị từ chối",
    })[option],
  "cli.option.validate": ({ option }) =>
    ({
      json: "in báo cáo của từng tệp dạng JSON",
      "max-work": "số bước tối đa mà một bộ tiêu chí có thể cần cho mỗi đơn vị (mặc định 20.000.000)",
      lang: "ngôn ngữ của thông báo: vi (mặc định) hoặc en",
    })[option],
  "cli.option.test": ({ option }) =>
    ({
      coverage: "các trạng thái mà các ca đã thấy ở mỗi tiêu chí",
      "require-both": "báo lỗi khi một tiêu chí đã có quy tắc tính chưa từng được thấy cả đạt lẫn chưa đạt",
      json: "in kết quả dạng JSON",
      sets: "thư mục bộ tiêu chí để xét danh hiệu của đơn vị con (mặc định: thư mục chứa bộ của tệp ca)",
      lang: "ngôn ngữ của kết quả: vi (mặc định) hoặc en",
    })[option],
  "cli.option.cases": ({ option }) =>
    ({
      boundaries: "tệp bộ tiêu chí cần sinh ca tại các ngưỡng",
      out: "ghi tệp ca vào đây (chỉ ghi đè tệp do chính lệnh này sinh ra)",
      seed: "chuỗi hạt giống, để mỗi lần chạy sinh ra cùng các ca",
      lang: "ngôn ngữ của tên ca: vi (mặc định) hoặc en",
    })[option],
  "cli.option.diff": ({ option }) => ({ json: "in bản so sánh dạng JSON", lang: "ngôn ngữ của các câu: vi (mặc định) hoặc en" })[option],
  "cli.option.impact": ({ option }) =>
    ({
      "as-of": "ngày xét, để chọn phiên bản bộ tiêu chí của đơn vị con",
      sets: "thư mục bộ tiêu chí để xét danh hiệu của đơn vị con (mặc định: các bộ đi kèm)",
      label: "trường chứa tên hoặc mã của đơn vị, để gọi đơn vị theo đó",
      json: "in JSON: mỗi dòng một đơn vị, dòng cuối là tóm tắt",
      lang: "ngôn ngữ của các câu: vi (mặc định) hoặc en",
      "max-unit-bytes":
        "cỡ dài nhất của một đơn vị (một dòng NDJSON), tính bằng byte, có thể kèm KiB hoặc MiB (mặc định 64MiB); đơn vị dài hơn được báo là không đọc được",
    })[option],
  "cli.option.lock": ({ option }) =>
    ({
      check: "báo lỗi khi một phiên bản đã phát hành bị sửa hoặc xóa, một phiên bản chưa phát hành, hoặc hai phiên bản cùng có hiệu lực một ngày",
      update: "phát hành các phiên bản mới vào tệp khóa criteria.lock.json của thư mục (sau khi đã duyệt)",
      "accept-changes": "cùng --update: chấp nhận cả thay đổi của phiên bản đã phát hành (ghi lý do vào CHANGELOG)",
      criteria: "thư mục bộ tiêu chí và tệp khóa của nó (mặc định: criteria)",
      verbose: "cùng --check: liệt kê mọi phiên bản, không chỉ các vấn đề",
      json: "in báo cáo dạng JSON",
      lang: "ngôn ngữ của thông báo: vi (mặc định) hoặc en",
    })[option],
  "cli.option.verify": ({ option }) =>
    ({
      criteria: "thư mục bộ tiêu chí để tìm phiên bản đã ghi (mặc định: các bộ đi kèm)",
      json: "in kết quả đối chiếu dạng JSON",
      lang: "ngôn ngữ của các câu: vi (mặc định) hoặc en",
    })[option],
  "cli.option.compile": ({ option }) => ({ out: "tệp mô-đun sẽ ghi (.mjs)", lang: "ngôn ngữ của thông báo: vi (mặc định) hoặc en" })[option],
  "cli.option.hash": ({ option }) => ({ json: "in các mã băm dạng JSON", lang: "ngôn ngữ của thông báo: vi (mặc định) hoặc en" })[option],
  "cli.option.catalogue": ({ option }) =>
    ({
      sets: "thư mục bộ tiêu chí (mặc định: criteria)",
      out: "ghi danh sách vào tệp này thay vì đầu ra chuẩn",
      lang: "ngôn ngữ của thông báo: vi (mặc định) hoặc en",
    })[option],
  "cli.option.schema": ({ option }) =>
    ({
      cases: "JSON Schema của tệp ca kiểm thử, thay vì của tệp bộ tiêu chí",
      out: "ghi vào tệp này thay vì đầu ra chuẩn",
      lang: "ngôn ngữ của thông báo: vi (mặc định) hoặc en",
    })[option],
  "cli.option.template": ({ option }) =>
    ({
      out: "tệp bảng tính cần ghi: .xlsx hoặc .csv",
      "as-of": "với mã bộ: phiên bản có hiệu lực vào ngày này (mặc định: hôm nay)",
      criteria: "thư mục bộ tiêu chí để tìm bộ theo mã (mặc định: criteria)",
      lang: "ngôn ngữ của tiêu đề cột: vi (mặc định) hoặc en",
    })[option],
  "cli.option.compose": ({ option }) =>
    ({
      results: "điền danh sách bằng mỗi dòng batch một mục, trường danh hiệu của mục giữ kết quả của dòng (lặp lại cho nhiều danh sách)",
      out: "ghi dữ liệu vào tệp này thay vì đầu ra chuẩn",
      lang: "ngôn ngữ của thông báo: vi (mặc định) hoặc en",
    })[option],
  "cli.option.help": ({ option }) => ({ lang: "ngôn ngữ của hướng dẫn: vi (mặc định) hoặc en" })[option],
  "cli.exit_codes": () =>
    [
      "0   đạt (mọi tệp hợp lệ; tệp khóa còn nguyên; không thay đổi; khớp; batch: mọi đơn vị được đánh giá)",
      "1   chưa đạt hoặc chưa đủ dữ liệu (có tệp không hợp lệ; tệp khóa bị phá; có thay đổi; không khớp; batch: có đơn vị lỗi)",
      "2   đầu vào hoặc cách dùng không hợp lệ",
      "141 bên đọc đầu ra chuẩn đã đóng sớm (như `| head`)",
    ].join("\n"),
  "cli.more": () => "Chạy 'tieuchi <lệnh> --help' để xem tùy chọn của một lệnh; thêm --lang en để đọc bằng tiếng Anh.",
  "cli.see_help": ({ command }) =>
    command === undefined ? "Chạy 'tieuchi help' để xem cách dùng." : `Chạy 'tieuchi ${command} --help' để xem cách dùng lệnh ${command}.`,
  "cli.unknown_command": ({ command, suggestion }) => `không có lệnh '${command}'${suggestion === undefined ? "" : `; có phải là '${suggestion}'?`}`,
  "cli.unknown_option": ({ command, option, suggestion, takenBy }) =>
    `lệnh ${command} không có tùy chọn '${option}'${suggestion === undefined ? "" : `; có phải là ${suggestion}?`}${takenBy.length === 0 ? "" : ` (${option} là tùy chọn của lệnh ${takenBy.join(", ")})`}`,
  "cli.option_value": ({ option, takesValue }) => (takesValue ? `tùy chọn ${option} cần một giá trị` : `tùy chọn ${option} không nhận giá trị`),
  "cli.option_before_command": ({ option }) => `tùy chọn '${option}' đứng sau tên lệnh: tieuchi <lệnh> ${option}`,
  "cli.compose_filled": ({ target, file, results, errors }) =>
    `${target}: ${results + errors} mục từ ${file} (${results} có kết quả${errors > 0 ? `, ${errors} chưa được đánh giá: danh hiệu ghi là chưa rõ` : ""})`,
  "cli.stdin_terminal": ({ command, what }) =>
    `đầu vào chuẩn đang là màn hình dòng lệnh: hãy chuyển ${what === "units" ? "dữ liệu các đơn vị" : "kết quả chạy hàng loạt"} vào qua ống dẫn (… | tieuchi ${command} … -) hoặc nêu tên tệp`,
  "cli.batch_stopped": ({ units, table }) =>
    table
      ? `dừng lại sau ${formatNumber(units, "vi")} đơn vị; không ghi tệp kết quả nào`
      : `dừng lại sau ${formatNumber(units, "vi")} đơn vị, mỗi đơn vị đều có dòng của mình trong kết quả; dòng cuối là bản ghi {"partial": true}, và các đơn vị sau đó chưa được đọc`,
  "cli.max_unit_bytes": ({ got, max }) =>
    `--max-unit-bytes là cỡ dài nhất của một đơn vị (hoặc một dòng), tính bằng byte: một số nguyên từ 1 đến ${formatNumber(max, "vi")} (1GiB), có thể kèm KiB, MiB hoặc GiB (65536, 512KiB, 64MiB), không phải ${got}`,
  "cli.max_work": ({ got }) => `--max-work là một số nguyên các bước, ít nhất là 1, không phải ${got}`,
  "cli.compact_with": ({ other, format }) =>
    other === "explain"
      ? "--compact chỉ giữ trạng thái và điểm: hãy bỏ --explain hoặc --compact"
      : `--compact ghi NDJSON, không ghi bảng ${format ?? ""}: hãy đặt tên một tệp .ndjson, hoặc bỏ --compact`,
  "cli.verify_not_signed": () =>
    "bản ghi được băm, không được ký: «khớp» nghĩa là bộ tiêu chí, dữ liệu và kết quả đánh giá lại trùng với bản ghi, không chứng minh ai đã tạo bản ghi; hãy giữ bản ghi ở nơi không ai sửa được",
  "cli.compose_wrote": ({ file }) => `đã ghi ${file}`,
};
