/**
 * The family set written by hand in plain JavaScript: what an app would write without a rules engine. It
 * gives each criterion's status and the points, grade and verdict, for units whose data is complete (it
 * does not check the data or notice missing values, which is part of what the engines are paid for).
 */
import type { Family, Member } from "./units.js";

/** A contender's answer for one unit, comparable across engines. */
export interface Summary {
  /** Status letters in criterion order: p pass, f fail, n not applicable. */
  statuses: string;
  earned: number;
  applicableMax: number;
  verdict: "pass" | "fail";
  grade: string | null;
}

const POINTS = [10, 10, 10, 10, 10, 10, 10, 10, 10, 10];

/** Points, grade and verdict from criterion statuses and earned points (the set's decision rule). */
export function decideFamily(statuses: string, earnedBy: readonly number[]): Summary {
  let earned = 0;
  let applicableMax = 100;
  for (let i = 0; i < 10; i++) {
    const s = statuses.charCodeAt(i);
    if (s === 110 /* n */) applicableMax -= POINTS[i]!;
    else earned += earnedBy[i]!;
  }
  const excluded = statuses.charCodeAt(10) === 102; /* f */
  const pass = !excluded && earned * 100 >= 70 * applicableMax;
  const grade = pass ? (earned * 100 >= 90 * applicableMax ? "tieu-bieu" : "dat") : null;
  return { statuses, earned, applicableMax, verdict: pass ? "pass" : "fail", grade };
}

const GOOD = (r: string | null) => r === "Tốt" || r === "Khá" || r === "Đạt";

/** The family set, by hand. */
export function familyByHand(f: Family): Summary {
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
    const m: Member = members[i]!;
    const age = m.tuoi;
    if (age >= 6 && age <= 14) {
      children++;
      if (!m.khongCoKhaNangHocTap) {
        childrenCounted++;
        if (m.dangDiHoc) childrenAtSchool++;
      }
      if (!m.lePhep) childrenPolite = false;
    }
    if (age <= 18 && m.dangDiHoc) {
      pupils++;
      if (!GOOD(m.ketQuaHocTap) || !GOOD(m.renLuyen)) pupilsGood = false;
    }
    if (age >= 19 && age <= 60) {
      adults++;
      if (!m.khongCoKhaNangHocTap) {
        adultsCounted++;
        if ((m.mucBietChu ?? 0) >= 1) adultsLiterate++;
      }
      if (m.soNoiDungHocTap < 1) adultsLearning = false;
    }
    if (m.soNoiDungHocTap >= 2) twoActivities++;
    if (m.coThanhTich) award = true;
  }
  const books = f.soDauSach;
  const ok = [
    children === 0 || childrenCounted === 0 ? null : childrenAtSchool === childrenCounted,
    pupils === 0 ? null : pupilsGood,
    children === 0 ? null : childrenPolite,
    adults === 0 || adultsCounted === 0 ? null : adultsLiterate === adultsCounted,
    adults === 0 ? null : adultsLearning,
    members.length === 0 ? null : twoActivities * 100 >= 50 * members.length,
    f.coGocHocTap,
    books >= 20,
    f.thamGiaKhuyenHoc,
    award,
  ];
  const earned = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
  let s = "";
  for (let i = 0; i < 10; i++) {
    const v = ok[i];
    s += v === null ? "n" : v ? "p" : "f";
    if (v) earned[i] = i === 7 && books < 50 ? 5 : 10;
  }
  s += f.viPhamPhapLuat ? "f" : "p";
  return decideFamily(s, earned);
}
