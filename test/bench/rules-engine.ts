/**
 * The benchmark sets on json-rules-engine. It has no list quantifiers, so the counts over members are
 * dynamic facts written in JavaScript (as its users do); its rules then compare facts, decide applicability
 * and whether each criterion is met. What is measured is mostly its machinery: an almanac per run,
 * promises, and a rule result per rule.
 */
import { Engine, type Almanac, type RuleProperties, type TopLevelCondition } from "json-rules-engine";
import { decideAgency } from "./agency-hand.js";
import { decideFamily, type Summary } from "./family-hand.js";
import type { Agency, Family, Member } from "./units.js";

type Count = (unit: never) => number;

/** Per criterion: a condition for "applies" (or none) and one for "met". */
interface Criterion {
  readonly applies?: TopLevelCondition;
  readonly met: TopLevelCondition;
}

function engineFor(counts: Record<string, Count>, criteria: readonly Criterion[]): Engine {
  const rules: RuleProperties[] = [];
  criteria.forEach((c, i) => {
    if (c.applies) rules.push({ name: `a${i}`, conditions: c.applies, event: { type: `a${i}` } });
    rules.push({ name: `m${i}`, conditions: c.met, event: { type: `m${i}` } });
  });
  const engine = new Engine(rules, { allowUndefinedFacts: true });
  for (const [name, f] of Object.entries(counts)) engine.addFact(name, async (_p: unknown, almanac: Almanac) => f((await almanac.factValue("unit")) as never));
  return engine;
}

const fact = (name: string, operator: string, value: unknown): TopLevelCondition => ({ all: [{ fact: name, operator, value }] });
const positive = (name: string) => fact(name, "greaterThan", 0);
const none = (name: string) => fact(name, "equal", 0);

function members(f: Family, keep: (m: Member) => boolean): number {
  let n = 0;
  for (const m of f.thanhVien) if (keep(m)) n++;
  return n;
}
const child = (m: Member) => m.tuoi >= 6 && m.tuoi <= 14;
const adult = (m: Member) => m.tuoi >= 19 && m.tuoi <= 60;
const pupil = (m: Member) => m.tuoi <= 18 && m.dangDiHoc === true;
const good = (r: string | null) => r === "Tốt" || r === "Khá" || r === "Đạt";

const familyCounts: Record<string, (f: Family) => number> = {
  childrenKept: (f) => members(f, (m) => child(m) && !m.khongCoKhaNangHocTap),
  childrenKeptOut: (f) => members(f, (m) => child(m) && !m.khongCoKhaNangHocTap && !m.dangDiHoc),
  pupils: (f) => members(f, pupil),
  pupilsBelow: (f) => members(f, (m) => pupil(m) && !(good(m.ketQuaHocTap) && good(m.renLuyen))),
  children: (f) => members(f, child),
  childrenImpolite: (f) => members(f, (m) => child(m) && !m.lePhep),
  adultsKept: (f) => members(f, (m) => adult(m) && !m.khongCoKhaNangHocTap),
  adultsKeptIlliterate: (f) => members(f, (m) => adult(m) && !m.khongCoKhaNangHocTap && !((m.mucBietChu ?? 0) >= 1)),
  adults: (f) => members(f, adult),
  adultsNotLearning: (f) => members(f, (m) => adult(m) && m.soNoiDungHocTap < 1),
  members: (f) => f.thanhVien.length,
  twoActivitiesTimes2: (f) => 2 * members(f, (m) => m.soNoiDungHocTap >= 2),
  awards: (f) => members(f, (m) => m.coThanhTich),
  books: (f) => f.soDauSach,
};

const familyCriteria: Criterion[] = [
  { applies: positive("childrenKept"), met: none("childrenKeptOut") },
  { applies: positive("pupils"), met: none("pupilsBelow") },
  { applies: positive("children"), met: none("childrenImpolite") },
  { applies: positive("adultsKept"), met: none("adultsKeptIlliterate") },
  { applies: positive("adults"), met: none("adultsNotLearning") },
  { applies: positive("members"), met: fact("twoActivitiesTimes2", "greaterThanInclusive", { fact: "members" }) },
  { met: fact("coGocHocTap", "equal", true) },
  { applies: fact("books", "greaterThanInclusive", 50), met: fact("books", "greaterThanInclusive", 20) },
  { met: fact("thamGiaKhuyenHoc", "equal", true) },
  { met: positive("awards") },
  { met: fact("viPhamPhapLuat", "equal", true) },
];

/** The family set on json-rules-engine. */
export function familyRulesEngine(): (f: Family) => Promise<Summary> {
  const engine = engineFor(familyCounts as Record<string, Count>, familyCriteria);
  return async (f) => {
    const r = await engine.run({ ...f, unit: f });
    const ok = new Set(r.results.map((x) => x.name));
    let s = "";
    const earned: number[] = [];
    for (let i = 0; i < 10; i++) {
      if (i === 7) {
        // Tiered: 10 points from 50 books ("applies" here), 5 from 20.
        const met = ok.has("m7");
        s += met ? "p" : "f";
        earned.push(ok.has("a7") ? 10 : met ? 5 : 0);
        continue;
      }
      const applies = familyCriteria[i]!.applies === undefined || ok.has(`a${i}`);
      const met = ok.has(`m${i}`);
      s += applies ? (met ? "p" : "f") : "n";
      earned.push(applies && met ? 10 : 0);
    }
    s += ok.has("m10") ? "f" : "p";
    return decideFamily(s, earned);
  };
}

function staffCount(a: Agency, keep: (m: Agency["thanhVien"][number]) => boolean): number {
  let n = 0;
  for (const m of a.thanhVien) if (keep(m)) n++;
  return n;
}
const TITLES = ["Chiến sĩ thi đua toàn quốc", "Chiến sĩ thi đua cấp bộ, ngành, tỉnh", "Chiến sĩ thi đua cơ sở", "Lao động tiên tiến", "Chiến sĩ tiên tiến"];
const COLLECTIVE = [
  "Cờ thi đua của Chính phủ",
  "Cờ thi đua cấp bộ, ngành, tỉnh",
  "Tập thể lao động xuất sắc",
  "Đơn vị quyết thắng",
  "Tập thể lao động tiên tiến",
  "Đơn vị tiên tiến",
];

const agencyCounts: Record<string, (a: Agency) => number> = {
  staff: (a) => a.thanhVien.length,
  noPlan: (a) => staffCount(a, (m) => !m.coKeHoachTuHocDuocDuyet),
  noDiscipline: (a) => staffCount(a, (m) => !m.chapHanhKyLuat),
  noTraining: (a) => staffCount(a, (m) => !m.hoanThanhChuongTrinhBatBuoc),
  noTitle: (a) => staffCount(a, (m) => !TITLES.includes(m.danhHieuThiDua)),
  noCapacity: (a) => staffCount(a, (m) => !Object.values(m.nangLucCongDanHocTap).every(Boolean)),
};

const staffRule = (name: string): Criterion => ({ applies: positive("staff"), met: none(name) });
const agencyCriteria: Criterion[] = [
  { met: fact("coKeHoachHocTap", "equal", true) },
  { met: fact("coQuyDinhKhuyenKhich", "equal", true) },
  { met: fact("dauTuNguonLuc", "equal", true) },
  staffRule("noPlan"),
  staffRule("noDiscipline"),
  staffRule("noTraining"),
  staffRule("noTitle"),
  staffRule("noCapacity"),
  { met: fact("danhHieuTapThe", "in", COLLECTIVE) },
  { met: fact("chiaSeTriThuc", "equal", true) },
];

/** The agency set on json-rules-engine. */
export function agencyRulesEngine(): (a: Agency) => Promise<Summary> {
  const engine = engineFor(agencyCounts as Record<string, Count>, agencyCriteria);
  return async (a) => {
    const r = await engine.run({ ...a, unit: a });
    const ok = new Set(r.results.map((x) => x.name));
    return decideAgency(agencyCriteria.map((c, i) => (c.applies === undefined || ok.has(`a${i}`) ? ok.has(`m${i}`) : null)));
  };
}
