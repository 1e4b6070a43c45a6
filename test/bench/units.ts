/**
 * Generated units for the benchmark: families for the family set, agencies with staff lists for TT 22/2020.
 * A seeded generator, so every run (and every contender) sees the same units. The data is complete where
 * the rules read it, so engines without a notion of missing data can be compared on every unit.
 */

import { random } from "../helpers.js";

const RATINGS = ["Tốt", "Khá", "Đạt", "Chưa đạt"] as const;
const HO = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ"];
const TEN = [
  "An",
  "Bình",
  "Chi",
  "Dũng",
  "Giang",
  "Hà",
  "Hải",
  "Hòa",
  "Hùng",
  "Lan",
  "Linh",
  "Minh",
  "Nam",
  "Ngọc",
  "Phúc",
  "Quân",
  "Thảo",
  "Trang",
  "Tuấn",
  "Yến",
];
const XA = ["Xã Tân Phú", "Xã An Bình", "Phường Hòa Khánh", "Xã Đông Sơn", "Thị trấn Nam Giang"];

/** A member as a survey export gives it: every column present, null where it does not apply. */
export interface Member {
  tuoi: number;
  dangDiHoc: boolean | null;
  khongCoKhaNangHocTap: boolean;
  ketQuaHocTap: string | null;
  renLuyen: string | null;
  lePhep: boolean | null;
  mucBietChu: number | null;
  soNoiDungHocTap: number;
  coThanhTich: boolean;
}

export interface Family {
  tenChuHo: string;
  xa: string;
  thon: string;
  thanhVien: Member[];
  coGocHocTap: boolean;
  soDauSach: number;
  thamGiaKhuyenHoc: boolean;
  viPhamPhapLuat: boolean;
}

function pick<T>(rnd: () => number, list: readonly T[]): T {
  return list[Math.floor(rnd() * list.length)]!;
}

function member(rnd: () => number, tuoi: number): Member {
  const atSchool = tuoi <= 18 ? tuoi >= 6 && rnd() < 0.95 : null;
  return {
    tuoi,
    dangDiHoc: atSchool,
    khongCoKhaNangHocTap: rnd() < 0.03,
    ketQuaHocTap: atSchool ? (rnd() < 0.9 ? pick(rnd, RATINGS.slice(0, 3)) : "Chưa đạt") : null,
    renLuyen: atSchool ? (rnd() < 0.95 ? pick(rnd, RATINGS.slice(0, 3)) : "Chưa đạt") : null,
    lePhep: tuoi >= 6 && tuoi <= 14 ? rnd() < 0.95 : null,
    mucBietChu: tuoi >= 15 ? (rnd() < 0.96 ? 1 + Math.floor(rnd() * 2) : 0) : null,
    soNoiDungHocTap: Math.floor(rnd() * rnd() * 5),
    coThanhTich: rnd() < 0.15,
  };
}

/**
 * The same families as a form might send them: fields that have a default (khongCoKhaNangHocTap,
 * coThanhTich) and fields that do not apply are left out rather than given. Checking such data costs a
 * copy of each member (to fill the defaults), which the benchmark measures separately.
 */
export function sparse(f: Family): unknown {
  return {
    ...f,
    thanhVien: f.thanhVien.map((m) => {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(m)) if (v !== null && !(v === false && (k === "khongCoKhaNangHocTap" || k === "coThanhTich"))) out[k] = v;
      return out;
    }),
  };
}

/** One family: two adults (sometimes one), up to four children, sometimes grandparents. */
export function family(rnd: () => number): Family {
  const members: Member[] = [];
  const parentAge = 22 + Math.floor(rnd() * 35);
  members.push(member(rnd, parentAge));
  if (rnd() < 0.9) members.push(member(rnd, parentAge + Math.floor(rnd() * 7) - 3));
  const children = Math.floor(rnd() * rnd() * 5);
  for (let i = 0; i < children; i++) members.push(member(rnd, Math.max(0, Math.min(parentAge - 18, Math.floor(rnd() * 20)))));
  const elders = rnd() < 0.25 ? 1 + Math.floor(rnd() * 2) : 0;
  for (let i = 0; i < elders; i++) members.push(member(rnd, parentAge + 22 + Math.floor(rnd() * 10)));
  return {
    tenChuHo: `${pick(rnd, HO)} Văn ${pick(rnd, TEN)}`,
    xa: pick(rnd, XA),
    thon: `Thôn ${1 + Math.floor(rnd() * 12)}`,
    thanhVien: members,
    coGocHocTap: rnd() < 0.8,
    soDauSach: Math.floor(rnd() * rnd() * 120),
    thamGiaKhuyenHoc: rnd() < 0.85,
    viPhamPhapLuat: rnd() < 0.02,
  };
}

/**
 * `n` families from a seed, as they arrive in practice: parsed from JSON (flat strings, objects as
 * JSON.parse builds them), not as built in memory.
 */
export function families(n: number, seed: number): Family[] {
  const rnd = random(seed);
  return JSON.parse(JSON.stringify(Array.from({ length: n }, () => family(rnd)))) as Family[];
}

const THI_DUA = ["Chiến sĩ thi đua cơ sở", "Lao động tiên tiến", "Lao động tiên tiến", "Lao động tiên tiến", "Không đạt danh hiệu"];
const TAP_THE = ["Tập thể lao động xuất sắc", "Tập thể lao động tiên tiến", "Không đạt danh hiệu"];

/** One agency of TT 22/2020 with `staff` members; most meet every criterion, some miss one. */
export function agency(rnd: () => number, staff: number) {
  // Most agencies are all-compliant (the shares then read every member); a few have one member short.
  const flaw = rnd() < 0.3 ? Math.floor(rnd() * staff) : -1;
  const flawField = Math.floor(rnd() * 4);
  const thanhVien = Array.from({ length: staff }, (_, i) => {
    const bad = i === flaw;
    return {
      hoTen: `${pick(rnd, HO)} Thị ${pick(rnd, TEN)}`,
      coKeHoachTuHocDuocDuyet: !(bad && flawField === 0),
      chapHanhKyLuat: !(bad && flawField === 1),
      hoanThanhChuongTrinhBatBuoc: !(bad && flawField === 2),
      danhHieuThiDua: bad && flawField === 3 ? "Không đạt danh hiệu" : pick(rnd, THI_DUA.slice(0, 4)),
      nangLucCongDanHocTap: {
        tuanThuPhapLuat: true,
        camKetHocTapSuotDoi: true,
        toChucHocTapGiaDinh: true,
        loiSongLanhManh: true,
        ngoaiNguTinHoc: rnd() < 0.995,
        tuDuyPhanBien: true,
        binhDangGioi: true,
        tonTrongDaDangVanHoa: true,
      },
    };
  });
  return {
    tenDonVi: `Phòng ${pick(rnd, TEN)} huyện ${pick(rnd, TEN)}`,
    capQuanLy: rnd() < 0.7 ? "Cấp huyện" : "Cấp tỉnh",
    coKeHoachHocTap: rnd() < 0.95,
    coQuyDinhKhuyenKhich: rnd() < 0.9,
    dauTuNguonLuc: rnd() < 0.9,
    thanhVien,
    danhHieuTapThe: pick(rnd, TAP_THE),
    chiaSeTriThuc: rnd() < 0.9,
  };
}

export type Agency = ReturnType<typeof agency>;

/** `n` agencies with staff lists between `min` and `max` long. */
export function agencies(n: number, min: number, max: number, seed: number): Agency[] {
  const rnd = random(seed);
  return JSON.parse(JSON.stringify(Array.from({ length: n }, () => agency(rnd, min + Math.floor(rnd() * (max - min + 1)))))) as Agency[];
}
