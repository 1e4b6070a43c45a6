/**
 * The outside workload (issue 18, item 7): the benchmark an outside reviewer ran side by side, rebuilt here so
 * that `npm run bench` measures the same thing on every change.
 *
 * - Families of about 5 members, with the family set (`test/bench/family-set.json`: 10 criteria and an exclusion).
 * - A field with a default that most members omit: `khongCoKhaNangHocTap` and `coThanhTich` (both default
 *   false) are left out when false, as a form sends them, so a data check that fills defaults by copying
 *   copies nearly every member.
 * - The hand-written function returns a bitmask (two bits a criterion, a verdict bit and a grade bit), the way
 *   an app that needs statuses only would write it: no object per unit.
 * - Every contender is checked against the hand-written function on every family before timing; rounds are
 *   interleaved in one process (round 1 of every contender, then round 2 ...) so that a change of load on a
 *   shared machine hits every contender alike; ratios are given to the hand-written function and to
 *   json-logic-engine's compiled mode (`build`), with the load average before and after.
 */
import { decideFamily, type Summary } from "./family-hand.js";
import { random } from "../helpers.js";

/** A member as a form sends it: defaulted fields left out when they have their default value. */
export interface OutsideMember {
  tuoi: number;
  dangDiHoc: boolean | null;
  khongCoKhaNangHocTap?: boolean;
  ketQuaHocTap: string | null;
  renLuyen: string | null;
  lePhep: boolean | null;
  mucBietChu: number | null;
  soNoiDungHocTap: number;
  coThanhTich?: boolean;
}

export interface OutsideFamily {
  tenChuHo: string;
  xa: string;
  thon: string;
  thanhVien: OutsideMember[];
  coGocHocTap: boolean;
  soDauSach: number;
  thamGiaKhuyenHoc: boolean;
  viPhamPhapLuat: boolean;
}

const RATINGS = ["Tốt", "Khá", "Đạt", "Chưa đạt"] as const;
const HO = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Võ", "Đặng", "Bùi"];
const TEN = ["An", "Bình", "Chi", "Dũng", "Hà", "Lan", "Minh", "Nam", "Thảo", "Yến"];
const XA = ["Xã Tân Phú", "Xã An Bình", "Phường Hòa Khánh", "Xã Đông Sơn"];

function pick<T>(rnd: () => number, list: readonly T[]): T {
  return list[Math.floor(rnd() * list.length)]!;
}

function member(rnd: () => number, tuoi: number): OutsideMember {
  const atSchool = tuoi <= 18 ? tuoi >= 6 && rnd() < 0.95 : null;
  const m: OutsideMember = {
    tuoi,
    dangDiHoc: atSchool,
    ketQuaHocTap: atSchool ? (rnd() < 0.9 ? pick(rnd, RATINGS.slice(0, 3)) : "Chưa đạt") : null,
    renLuyen: atSchool ? (rnd() < 0.95 ? pick(rnd, RATINGS.slice(0, 3)) : "Chưa đạt") : null,
    lePhep: tuoi >= 6 && tuoi <= 14 ? rnd() < 0.95 : null,
    mucBietChu: tuoi >= 15 ? (rnd() < 0.96 ? 1 + Math.floor(rnd() * 2) : 0) : null,
    soNoiDungHocTap: Math.floor(rnd() * rnd() * 5),
  };
  // Defaulted fields: given only when they differ from the default (3% and 15% of members).
  if (rnd() < 0.03) m.khongCoKhaNangHocTap = true;
  if (rnd() < 0.15) m.coThanhTich = true;
  return m;
}

/** One family of about five: two parents (sometimes one), up to four children, often a grandparent or two. */
function outsideFamily(rnd: () => number): OutsideFamily {
  const members: OutsideMember[] = [];
  const parentAge = 24 + Math.floor(rnd() * 30);
  members.push(member(rnd, parentAge));
  if (rnd() < 0.92) members.push(member(rnd, parentAge + Math.floor(rnd() * 7) - 3));
  const children = Math.floor(rnd() * 5);
  for (let i = 0; i < children; i++) members.push(member(rnd, Math.max(0, Math.min(parentAge - 18, Math.floor(rnd() * 20)))));
  const elders = rnd() < 0.65 ? 1 + Math.floor(rnd() * 2) : 0;
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

/** `n` families from a seed, parsed from JSON as they arrive in practice. */
export function outsideFamilies(n: number, seed: number): OutsideFamily[] {
  const rnd = random(seed);
  return JSON.parse(JSON.stringify(Array.from({ length: n }, () => outsideFamily(rnd)))) as OutsideFamily[];
}

// Two bits a criterion: 0 not applicable, 1 pass, 2 fail, 3 pass with the lower tier (criterion 3.2 only).
const NA = 0;
const PASS = 1;
const FAIL = 2;
const PASS_LOW = 3;
/** Bit 22: the verdict is pass; bit 23: the grade is the top one (tieu-bieu). */
const VERDICT_BIT = 1 << 22;
const TOP_BIT = 1 << 23;

const good = (r: string | null) => r === "Tốt" || r === "Khá" || r === "Đạt";

/** The family set by hand, for complete data; returns the statuses, verdict and grade as a bitmask. */
export function outsideByHand(f: OutsideFamily): number {
  const members = f.thanhVien;
  let children = 0;
  let childrenCounted = 0;
  let childrenAtSchool = 0;
  let childrenPolite = true;
  let pupils = 0;
  let pupilsGood = true;
  let adults = 0;
  let adultsCounted = 0;
  let adultsLiterate = 0;
  let adultsLearning = true;
  let twoActivities = 0;
  let award = false;
  for (let i = 0; i < members.length; i++) {
    const m = members[i]!;
    const age = m.tuoi;
    const unable = m.khongCoKhaNangHocTap === true;
    if (age >= 6 && age <= 14) {
      children++;
      if (!unable) {
        childrenCounted++;
        if (m.dangDiHoc) childrenAtSchool++;
      }
      if (!m.lePhep) childrenPolite = false;
    }
    if (age <= 18 && m.dangDiHoc) {
      pupils++;
      if (!good(m.ketQuaHocTap) || !good(m.renLuyen)) pupilsGood = false;
    }
    if (age >= 19 && age <= 60) {
      adults++;
      if (!unable) {
        adultsCounted++;
        if ((m.mucBietChu ?? 0) >= 1) adultsLiterate++;
      }
      if (m.soNoiDungHocTap < 1) adultsLearning = false;
    }
    if (m.soNoiDungHocTap >= 2) twoActivities++;
    if (m.coThanhTich === true) award = true;
  }
  const books = f.soDauSach;
  let mask = 0;
  let earned = 0;
  let max = 100;
  const put = (i: number, ok: boolean | null) => {
    if (ok === null) max -= 10;
    else if (ok) earned += 10;
    mask |= (ok === null ? NA : ok ? PASS : FAIL) << (2 * i);
  };
  put(0, children === 0 || childrenCounted === 0 ? null : childrenAtSchool === childrenCounted);
  put(1, pupils === 0 ? null : pupilsGood);
  put(2, children === 0 ? null : childrenPolite);
  put(3, adults === 0 || adultsCounted === 0 ? null : adultsLiterate === adultsCounted);
  put(4, adults === 0 ? null : adultsLearning);
  put(5, members.length === 0 ? null : twoActivities * 100 >= 50 * members.length);
  put(6, f.coGocHocTap);
  if (books >= 50) {
    earned += 10;
    mask |= PASS << 14;
  } else if (books >= 20) {
    earned += 5;
    mask |= PASS_LOW << 14;
  } else mask |= FAIL << 14;
  put(8, f.thamGiaKhuyenHoc);
  put(9, award);
  mask |= (f.viPhamPhapLuat ? FAIL : PASS) << 20;
  if (!f.viPhamPhapLuat && earned * 100 >= 70 * max) {
    mask |= VERDICT_BIT;
    if (earned * 100 >= 90 * max) mask |= TOP_BIT;
  }
  return mask;
}

/** The comparable summary a bitmask stands for (to check the other contenders against it). */
export function maskSummary(mask: number): Summary {
  let statuses = "";
  const earned: number[] = [];
  for (let i = 0; i < 11; i++) {
    const s = (mask >>> (2 * i)) & 3;
    statuses += s === NA ? "n" : s === FAIL ? "f" : "p";
    earned.push(s === PASS ? 10 : s === PASS_LOW ? 5 : 0);
  }
  const summary = decideFamily(statuses, earned);
  // The bitmask's own verdict and grade must be what the decision rule gives.
  const verdict = (mask & VERDICT_BIT) !== 0 ? "pass" : "fail";
  const grade = verdict === "pass" ? ((mask & TOP_BIT) !== 0 ? "tieu-bieu" : "dat") : null;
  if (verdict !== summary.verdict || grade !== summary.grade) throw new Error(`the hand-written bitmask disagrees with itself: ${mask.toString(2)}`);
  return summary;
}
