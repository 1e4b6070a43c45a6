/**
 * The example district in docs/examples/district/: populations of units generated from the criteria sets'
 * declared inputs with a fixed seed, one NDJSON file per set. Each line is a batch input record
 * `{"unit": {grouping fields}, "data": {the unit's data}}`.
 *
 * Regenerate with `npm run examples` (this file run with `--write`); `test/examples.test.ts` checks that
 * regenerating gives the committed files byte for byte, and that the README's report is the report of them.
 *
 * A population is described by its set, a size, per-group chances that a criterion fails or lacks data, and how
 * to name and group each unit. Any set works: the units come from its declared inputs (see `generateUnits`),
 * so the families of gia-dinh-hoc-tap are one more entry in POPULATIONS once that set is in criteria/.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadCriteriaFile } from "../../src/node/index.js";
import { TieuchiError } from "../../src/errors.js";
import { evaluate } from "../../src/evaluate/evaluate.js";
import { errorLine, resultLine, type BatchLine, type UnitFields } from "../../src/report/line.js";
import { createRng, type Rng } from "../../src/testing/random.js";
import { generateUnits } from "../../src/testing/units.js";

const ROOT = join(fileURLToPath(new URL(".", import.meta.url)), "../..");
export const DISTRICT_DIR = "docs/examples/district";

/** One batch input record. */
export interface UnitRecord {
  readonly unit: UnitFields;
  readonly data: Record<string, unknown>;
}

/** A kind of unit within a population, with its own chances of failing or lacking data on each criterion. */
interface Stratum {
  readonly count: number;
  readonly fail: number;
  readonly missing: number;
  /** Grouping fields and data overrides (names, tiers) of the i-th unit of this kind. */
  readonly name: (i: number, rng: Rng) => { unit: UnitFields; data?: Record<string, unknown> };
}

/** One file of the example district. */
export interface Population {
  readonly file: string;
  readonly set: string;
  readonly seed: string;
  readonly listLength: readonly [number, number];
  /** List lengths of particular lists, by input path. */
  readonly listLengths?: Readonly<Record<string, readonly [number, number]>>;
  readonly strata: readonly Stratum[];
  /** Data-entry mistakes to plant, by unit number: the batch must report these units, not drop them. */
  readonly mistakes?: Readonly<Record<number, (data: Record<string, unknown>) => void>>;
}

const HUYEN = "Huyện Mẫu";
const PHONG = [
  "Nội vụ",
  "Tư pháp",
  "Tài chính - Kế hoạch",
  "Kinh tế và Hạ tầng",
  "Tài nguyên và Môi trường",
  "Lao động - Thương binh và Xã hội",
  "Văn hóa và Thông tin",
  "Giáo dục và Đào tạo",
  "Y tế",
  "Nông nghiệp và Phát triển nông thôn",
];
const XA = ["An Bình", "An Hòa", "Bình Minh", "Đông Thạnh", "Hòa Lợi", "Long Phước", "Mỹ Hạnh", "Phú An", "Tân Hiệp", "Thạnh Phú", "Tân Lập", "Vĩnh Lộc"];
const HO = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"];
const DEM = ["Văn", "Thị", "Hữu", "Minh", "Ngọc", "Thanh", "Quốc", "Thu", "Đức", "Kim"];
const TEN = [
  "An",
  "Bình",
  "Chi",
  "Dũng",
  "Giang",
  "Hà",
  "Hải",
  "Hạnh",
  "Hùng",
  "Hương",
  "Khánh",
  "Lan",
  "Linh",
  "Long",
  "Mai",
  "Nam",
  "Nga",
  "Phong",
  "Phúc",
  "Quân",
  "Sơn",
  "Tâm",
  "Thảo",
  "Trang",
  "Tuấn",
  "Vy",
];

const agency = (loai: string, cap: "Cấp huyện" | "Cấp tỉnh", ten: string) => ({ unit: { loai, capQuanLy: cap }, data: { tenDonVi: ten, capQuanLy: cap } });

/** The agencies of a district, and the provincial ones seated in it, assessed under TT 22/2020. */
const AGENCIES: Population = {
  file: "don-vi-hoc-tap.ndjson",
  set: "criteria/don-vi-hoc-tap/2020.1.0.json",
  seed: "huyen-mau/don-vi-hoc-tap",
  listLength: [3, 10],
  mistakes: {
    // A collective title typed from memory, not from the list.
    37: (d) => (d.danhHieuTapThe = "Tập thể lao động tiên tiên"),
    // "có" (yes) typed where the form wants a tick.
    118: (d) => (d.coKeHoachHocTap = "có"),
    // A member's row filled in the wrong column.
    190: (d) => ((d.thanhVien as Record<string, unknown>[])[0]!.soNamCongTac = 12),
  },
  strata: [
    { count: 10, fail: 0.15, missing: 0.01, name: (i) => agency("Cơ quan chuyên môn", "Cấp huyện", `Phòng ${PHONG[i % PHONG.length]} ${HUYEN}`) },
    {
      count: 72,
      fail: 0.2,
      missing: 0.02,
      name: (i) => {
        const level = ["Trường Mầm non", "Trường Tiểu học", "Trường THCS"][i % 3]!;
        const xa = XA[Math.floor(i / 3) % XA.length]!;
        return agency("Trường học", "Cấp huyện", `${level} ${xa}${i >= 3 * XA.length ? " số 2" : ""}`);
      },
    },
    {
      count: 24,
      fail: 0.3,
      missing: 0.03,
      name: (i) => agency("Đơn vị sự nghiệp", "Cấp huyện", `${["Trạm Y tế xã", "Trung tâm học tập cộng đồng xã"][i % 2]} ${XA[Math.floor(i / 2) % XA.length]}`),
    },
    {
      count: 65,
      fail: 0.38,
      missing: 0.02,
      name: (i) =>
        agency(
          "Tổ chức chính trị - xã hội",
          "Cấp huyện",
          `${["Hội Khuyến học", "Hội Liên hiệp Phụ nữ", "Đoàn Thanh niên", "Hội Nông dân", "Hội Cựu chiến binh"][i % 5]} ${i < 5 ? HUYEN : `xã ${XA[(i - 5) % XA.length]}`}`,
        ),
    },
    {
      count: 40,
      fail: 0.12,
      missing: 0.02,
      name: (i) =>
        agency(
          i % 2 === 0 ? "Trường học" : "Đơn vị sự nghiệp",
          "Cấp tỉnh",
          i % 2 === 0
            ? `Trường THPT ${HUYEN} ${Math.floor(i / 2) + 1}`
            : `${["Chi cục Thuế", "Kho bạc Nhà nước", "Bảo hiểm xã hội", "Chi nhánh Văn phòng đăng ký đất đai", "Trung tâm Y tế"][Math.floor(i / 2) % 5]} khu vực ${Math.floor(i / 10) + 1}`,
        ),
    },
  ],
};

/** The households of the district's communes, assessed as learning families under QĐ 448/QĐ-KHVN. */
const FAMILIES: Population = {
  file: "gia-dinh-hoc-tap.ndjson",
  set: "criteria/gia-dinh-hoc-tap/2016.1.0.json",
  seed: "huyen-mau/gia-dinh-hoc-tap",
  listLength: [1, 4],
  // Some households have no child of school age; every household has a grown-up.
  listLengths: { treEm: [0, 3], nguoiLon: [1, 4] },
  mistakes: {
    // An age typed with an extra digit.
    58: (d) => ((d.nguoiLon as Record<string, unknown>[])[0]!.tuoi = 420),
    // A literacy level from the old form.
    211: (d) => ((d.nguoiLon as Record<string, unknown>[])[0]!.chuanBietChu = "Biết chữ"),
  },
  // Communes differ: some have run the movement for years, some have just started.
  strata: XA.map((xa, k) => ({
    count: 25,
    fail: [0.04, 0.08, 0.12, 0.2][k % 4]!,
    missing: 0.02,
    name: (i: number) => ({ unit: { xa: `Xã ${xa}`, thon: `Thôn ${(i % 5) + 1}` } }),
  })),
};

/** Every population of the example district. */
export const POPULATIONS: readonly Population[] = [AGENCIES, FAMILIES];

function personName(rng: Rng): string {
  return `${rng.pick(HO)} ${rng.pick(DEM)} ${rng.pick(TEN)}`;
}

/** Gives generated records readable names wherever the set declares a full name (`hoTen`, `tenChuHo`). */
function nameMembers(value: unknown, rng: Rng): void {
  if (Array.isArray(value)) for (const v of value) nameMembers(v, rng);
  else if (value && typeof value === "object") {
    const o = value as Record<string, unknown>;
    for (const key of ["hoTen", "tenChuHo"]) if (typeof o[key] === "string") o[key] = personName(rng);
    for (const v of Object.values(o)) if (v && typeof v === "object") nameMembers(v, rng);
  }
}

/** The records of one population, in order, each with a unique id. */
export function generatePopulation(p: Population): UnitRecord[] {
  const set = loadCriteriaFile(join(ROOT, p.set));
  const prefix = set.definition.id
    .split("-")
    .map((w) => w[0]!.toUpperCase())
    .join("");
  const out: UnitRecord[] = [];
  p.strata.forEach((s, k) => {
    const seed = `${p.seed}/${k}`;
    const rng = createRng(`${seed}/names`);
    let i = 0;
    for (const data of generateUnits(set, s.count, {
      seed,
      fail: s.fail,
      missing: s.missing,
      listLength: p.listLength,
      ...(p.listLengths ? { listLengths: p.listLengths } : {}),
    })) {
      const named = s.name(i++, rng);
      nameMembers(data, rng);
      const n = out.length + 1;
      const record = { unit: { id: `${prefix}-${String(n).padStart(4, "0")}`, ...named.unit }, data: { ...data, ...named.data } };
      p.mistakes?.[n]?.(record.data);
      out.push(record);
    }
  });
  return out;
}

/** A population as the text of its NDJSON file. */
export function populationText(p: Population): string {
  return generatePopulation(p)
    .map((r) => `${JSON.stringify(r)}\n`)
    .join("");
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1] && process.argv.includes("--write")) {
  for (const p of POPULATIONS) {
    const path = join(ROOT, DISTRICT_DIR, p.file);
    writeFileSync(path, populationText(p));
    process.stdout.write(`wrote ${join(DISTRICT_DIR, p.file)}\n`);
  }
}

/**
 * The batch output lines of a population, as `tieuchi batch` writes them: line numbers are the records' lines in
 * the NDJSON file, `unit` is the record's grouping fields.
 */
export function populationLines(p: Population, records: readonly UnitRecord[] = generatePopulation(p)): BatchLine[] {
  const set = loadCriteriaFile(join(ROOT, p.set));
  return records.map((r, i) => {
    try {
      return resultLine(i + 1, r.unit, evaluate(set, r.data, { explain: false }));
    } catch (e) {
      if (e instanceof TieuchiError) return errorLine(i + 1, r.unit, e);
      throw e;
    }
  });
}
