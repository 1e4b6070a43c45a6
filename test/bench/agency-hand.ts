/**
 * TT 22/2020 Đơn vị học tập (criteria/don-vi-hoc-tap/2020.1.0.json) written by hand in plain JavaScript,
 * for units whose data is complete.
 */
import type { Summary } from "./family-hand.js";
import type { Agency } from "./units.js";

const POINTS = [10, 10, 10, 10, 5, 10, 5, 25, 10, 5];
const GRADES: ReadonlyArray<readonly [string, number]> = [
  ["tot", 85],
  ["kha", 70],
  ["trung-binh", 50],
];

/** Points, grade and verdict from each criterion met (true), not met (false) or not applicable (null). */
export function decideAgency(met: ReadonlyArray<boolean | null>): Summary {
  let statuses = "";
  let earned = 0;
  let applicableMax = 100;
  for (let i = 0; i < POINTS.length; i++) {
    const m = met[i];
    if (m === null) {
      statuses += "n";
      applicableMax -= POINTS[i]!;
    } else {
      statuses += m ? "p" : "f";
      if (m) earned += POINTS[i]!;
    }
  }
  const pass = earned * 100 >= 50 * applicableMax;
  let grade: string | null = null;
  if (pass)
    for (const [id, min] of GRADES)
      if (earned * 100 >= min * applicableMax) {
        grade = id;
        break;
      }
  return { statuses, earned, applicableMax, verdict: pass ? "pass" : "fail", grade };
}

const TITLES = new Set([
  "Chiến sĩ thi đua toàn quốc",
  "Chiến sĩ thi đua cấp bộ, ngành, tỉnh",
  "Chiến sĩ thi đua cơ sở",
  "Lao động tiên tiến",
  "Chiến sĩ tiên tiến",
]);
const COLLECTIVE = new Set([
  "Cờ thi đua của Chính phủ",
  "Cờ thi đua cấp bộ, ngành, tỉnh",
  "Tập thể lao động xuất sắc",
  "Đơn vị quyết thắng",
  "Tập thể lao động tiên tiến",
  "Đơn vị tiên tiến",
]);

/** The agency set, by hand. */
export function agencyByHand(a: Agency): Summary {
  const staff = a.thanhVien;
  let plan = true;
  let discipline = true;
  let training = true;
  let title = true;
  let capacity = true;
  for (let i = 0; i < staff.length; i++) {
    const m = staff[i]!;
    if (!m.coKeHoachTuHocDuocDuyet) plan = false;
    if (!m.chapHanhKyLuat) discipline = false;
    if (!m.hoanThanhChuongTrinhBatBuoc) training = false;
    if (!TITLES.has(m.danhHieuThiDua)) title = false;
    const n = m.nangLucCongDanHocTap;
    if (
      !(
        n.tuanThuPhapLuat &&
        n.camKetHocTapSuotDoi &&
        n.toChucHocTapGiaDinh &&
        n.loiSongLanhManh &&
        n.ngoaiNguTinHoc &&
        n.tuDuyPhanBien &&
        n.binhDangGioi &&
        n.tonTrongDaDangVanHoa
      )
    )
      capacity = false;
  }
  const some = staff.length > 0;
  return decideAgency([
    a.coKeHoachHocTap,
    a.coQuyDinhKhuyenKhich,
    a.dauTuNguonLuc,
    some ? plan : null,
    some ? discipline : null,
    some ? training : null,
    some ? title : null,
    some ? capacity : null,
    COLLECTIVE.has(a.danhHieuTapThe),
    a.chiaSeTriThuc,
  ]);
}
