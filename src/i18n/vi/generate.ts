import type { GENERATE } from "../codes/generate.js";
import type { Sentences } from "../params.js";

const WANT = {
  number: "một số",
  numbers: "các số",
  scalar: "một giá trị đơn (số, chữ, có/không)",
  scalars: "một danh sách các giá trị đơn",
  "list-or-text": "một danh sách viết sẵn hoặc một đoạn chữ",
  records: "một danh sách bản ghi",
} as const;

const PATH = {
  "not-literal": "một biến (var) không phải một đường dẫn viết sẵn",
  "into-derived": "một đường dẫn đi vào bên trong một giá trị suy ra",
  "through-level": "một đường dẫn đi qua một mức của danh hiệu",
  "not-record": "một đường dẫn đi qua một giá trị không phải bản ghi",
  "undeclared-field": "một trường chưa khai báo",
  "undeclared-input": "một dữ liệu đầu vào chưa khai báo",
  "undeclared-level": "một mức chưa khai báo",
} as const;

export const generate: Sentences<typeof GENERATE> = {
  "gen.operator": ({ op }) => `phép toán «${op}», chưa có dạng sinh mã`,
  "gen.list_literal": () => "một danh sách viết sẵn nằm ngoài phép in",
  "gen.not_one_operation": () => "một đối tượng không phải đúng một phép toán",
  "gen.score_not_number": () => "một điểm không phải là số",
  "gen.items_not_records": () => "một danh sách mà các phần tử không phải bản ghi",
  "gen.input_type": ({ type }) => `một dữ liệu đầu vào kiểu «${type}»`,
  "gen.too_many": ({ what, max }) => (what === "levels" ? `một danh hiệu có hơn ${max} mức` : `một bản ghi có hơn ${max} trường`),
  "gen.percent": ({ why }) => (why === "not-literal" ? "một tỷ lệ phần trăm không phải số viết sẵn" : "một tỷ lệ phần trăm ngoài khoảng cho phép"),
  "gen.operands": ({ op, expected }) => `phép «${op}» không có đúng ${expected.join(" hoặc ")} toán hạng`,
  "gen.operand_type": ({ op, want }) => `${op ? `phép «${op}» trên` : "một phép toán trên"} một giá trị không phải ${WANT[want]}`,
  "gen.levels_whole": () => "một danh hiệu theo mức được đọc cả khối (không theo một mức)",
  "gen.item_argument": () => "một phép trên danh sách thiếu điều kiện cho từng phần tử",
  "gen.path": ({ why, name }) => `${PATH[why]}${name ? ` («${name}»)` : ""}`,
};
