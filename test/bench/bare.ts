/**
 * The two benchmark sets written as bare JsonLogic, the way a JsonLogic author would write them without
 * tieuchi's operators: derived lists as `filter`, "100% of" as `all` over the list with the exclusions
 * filtered out, counts as `reduce`, "not applicable" as a rule that gives null. The same rules run on
 * json-logic-js and on json-logic-engine.
 */
import type { Summary } from "./family-hand.js";
import { decideAgency } from "./agency-hand.js";
import { decideFamily } from "./family-hand.js";

type Logic = Record<string, unknown>;

const v = (name: string): Logic => ({ var: name });
const count = (list: unknown): Logic => ({ reduce: [list, { "+": [{ var: "accumulator" }, 1] }, 0] });
const nonEmpty = (list: unknown): Logic => ({ some: [list, true] });
/** `null` (not applicable) for an empty list, else every item meets the condition. */
const everyOf = (list: unknown, cond: unknown): Logic => ({ if: [nonEmpty(list), { all: [list, cond] }, null] });
const kept = (list: unknown, exclude: string): Logic => ({ filter: [list, { "!": v(exclude) }] });

/** A set as bare JsonLogic: derived values, then per criterion its rule (null: not applicable), tiers as rules giving points. */
export interface BareSet {
  readonly derived: ReadonlyArray<readonly [string, Logic]>;
  /** One rule per criterion: true (met), false, or null (not applicable); or a number of points for tiered criteria. */
  readonly criteria: readonly Logic[];
  /** From the rule values to the comparable summary. */
  decide(values: readonly unknown[]): Summary;
}

const GOOD = ["Tốt", "Khá", "Đạt"];

export const familyBare: BareSet = {
  derived: [
    ["treEm", { filter: [v("thanhVien"), { "<=": [6, v("tuoi"), 14] }] }],
    ["hocSinh", { filter: [v("thanhVien"), { and: [{ "<=": [v("tuoi"), 18] }, v("dangDiHoc")] }] }],
    ["nguoiLon", { filter: [v("thanhVien"), { "<=": [19, v("tuoi"), 60] }] }],
  ],
  criteria: [
    everyOf(kept(v("treEm"), "khongCoKhaNangHocTap"), v("dangDiHoc")),
    everyOf(v("hocSinh"), { and: [{ in: [v("ketQuaHocTap"), GOOD] }, { in: [v("renLuyen"), GOOD] }] }),
    everyOf(v("treEm"), v("lePhep")),
    everyOf(kept(v("nguoiLon"), "khongCoKhaNangHocTap"), { ">=": [v("mucBietChu"), 1] }),
    { if: [nonEmpty(v("nguoiLon")), { none: [v("nguoiLon"), { "<": [v("soNoiDungHocTap"), 1] }] }, null] },
    {
      if: [
        nonEmpty(v("thanhVien")),
        // part * 100 - whole * 50 >= 0: json-logic-engine's compiled mode throws NaN on the plainer
        // {">=": [part * 100, whole * 50]} when both sides are reduce-based counts.
        {
          ">=": [{ "-": [{ "*": [count({ filter: [v("thanhVien"), { ">=": [v("soNoiDungHocTap"), 2] }] }), 100] }, { "*": [count(v("thanhVien")), 50] }] }, 0],
        },
        null,
      ],
    },
    v("coGocHocTap"),
    { if: [{ ">=": [v("soDauSach"), 50] }, 10, { ">=": [v("soDauSach"), 20] }, 5, 0] },
    v("thamGiaKhuyenHoc"),
    { some: [v("thanhVien"), v("coThanhTich")] },
    v("viPhamPhapLuat"),
  ],
  decide(values) {
    let s = "";
    const earned: number[] = [];
    for (let i = 0; i < 10; i++) {
      const x = values[i];
      if (i === 7) {
        s += x ? "p" : "f";
        earned.push(x as number);
      } else {
        s += x === null ? "n" : x ? "p" : "f";
        earned.push(x ? 10 : 0);
      }
    }
    s += values[10] ? "f" : "p";
    return decideFamily(s, earned);
  },
};

const TITLES = ["Chiến sĩ thi đua toàn quốc", "Chiến sĩ thi đua cấp bộ, ngành, tỉnh", "Chiến sĩ thi đua cơ sở", "Lao động tiên tiến", "Chiến sĩ tiên tiến"];
const COLLECTIVE = [
  "Cờ thi đua của Chính phủ",
  "Cờ thi đua cấp bộ, ngành, tỉnh",
  "Tập thể lao động xuất sắc",
  "Đơn vị quyết thắng",
  "Tập thể lao động tiên tiến",
  "Đơn vị tiên tiến",
];
const CAPACITIES = [
  "tuanThuPhapLuat",
  "camKetHocTapSuotDoi",
  "toChucHocTapGiaDinh",
  "loiSongLanhManh",
  "ngoaiNguTinHoc",
  "tuDuyPhanBien",
  "binhDangGioi",
  "tonTrongDaDangVanHoa",
];

export const agencyBare: BareSet = {
  derived: [],
  criteria: [
    v("coKeHoachHocTap"),
    v("coQuyDinhKhuyenKhich"),
    v("dauTuNguonLuc"),
    everyOf(v("thanhVien"), v("coKeHoachTuHocDuocDuyet")),
    everyOf(v("thanhVien"), v("chapHanhKyLuat")),
    everyOf(v("thanhVien"), v("hoanThanhChuongTrinhBatBuoc")),
    everyOf(v("thanhVien"), { in: [v("danhHieuThiDua"), TITLES] }),
    everyOf(v("thanhVien"), { and: CAPACITIES.map((c) => v(`nangLucCongDanHocTap.${c}`)) }),
    { in: [v("danhHieuTapThe"), COLLECTIVE] },
    v("chiaSeTriThuc"),
  ],
  decide(values) {
    return decideAgency(values.map((x) => (x === null ? null : !!x)));
  },
};

/** Prepares a bare set with an engine's `prepare(rule)`; the result runs derived values first, then each criterion. */
export function prepareBare(set: BareSet, prepare: (rule: Logic) => (data: Record<string, unknown>) => unknown): (unit: Record<string, unknown>) => Summary {
  const derived = set.derived.map(([name, rule]) => [name, prepare(rule)] as const);
  const criteria = set.criteria.map((rule) => prepare(rule));
  const n = criteria.length;
  return (unit) => {
    const data = derived.length === 0 ? unit : { ...unit };
    for (let i = 0; i < derived.length; i++) data[derived[i]![0]] = derived[i]![1](data);
    const values = new Array<unknown>(n);
    for (let i = 0; i < n; i++) values[i] = criteria[i]!(data);
    return set.decide(values);
  };
}
