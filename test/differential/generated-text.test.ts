/**
 * The text check of generated modules (`plain` in the module's prelude, `generate/module.ts`) against the
 * general check's rule (`scanText` in `evaluate/data-check.ts`, itself held to the control-character pattern
 * and to `normalize("NFC")` on every character and pair): a generated module keeps a text only when the general
 * check keeps it as it is (no control character, already in NFC as decided character by character); anything
 * else (a control character, a text to normalise, a lone or paired surrogate, a combining mark) is handed back
 * to the general evaluator, which refuses or normalises it. `plain` judges each code unit alone, so agreeing on
 * every code unit is agreeing on every text. Then through `evaluate`, with the module and without.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { scanTextForTest } from "../../src/evaluate/data-check.js";
import type { GeneratedModule } from "../../src/evaluate/generated.js";
import { GENERATED_PRELUDE } from "../../src/generate/module.js";
import { generateModule, loadCriteriaSet, useGenerated } from "../../src/index.js";
import { quietOutcome, readJson } from "../helpers.js";

const dir = mkdtempSync(join(tmpdir(), "tieuchi-generated-text-"));

/** The prelude's `plain`, from the prelude's own source (as every generated module declares it). */
async function plainOfPrelude(): Promise<(s: string) => boolean> {
  const file = join(dir, "prelude.mjs");
  writeFileSync(file, `${GENERATED_PRELUDE}\nexport { plain };\n`);
  return ((await import(pathToFileURL(file).href)) as { plain: (s: string) => boolean }).plain;
}

const TEXT_OK = 0;

describe("the generated text check", () => {
  it("keeps a text exactly when the general check keeps it as it is: every BMP code unit, alone and among others", async () => {
    const plain = await plainOfPrelude();
    let kept = 0;
    for (let c = 0; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c);
      for (const s of [ch, `a${ch}`, `${ch}b`, `Nguyễn ${ch} Thị`]) {
        const want = scanTextForTest(s) === TEXT_OK;
        if (plain(s) !== want)
          expect.fail(`U+${c.toString(16).padStart(4, "0")} in ${JSON.stringify(s)}: plain ${!want}, general check ${want ? "keeps" : "does not keep"} it`);
      }
      if (plain(ch)) kept++;
    }
    // What it keeps: tab, line feed, carriage return, U+0020-U+007E, U+00A0-U+02FF, the Vietnamese letters U+1EA0-U+1EF9.
    expect(kept).toBe(3 + 95 + (0x300 - 0xa0) + (0x1efa - 0x1ea0));
  });

  it("hands back surrogates (lone and paired), combining sequences and texts to normalise", async () => {
    const plain = await plainOfPrelude();
    for (const s of [
      "\ud800",
      "\udc00",
      "a\ud83d",
      "\ud83d\ude00",
      "😀",
      "e\u0301",
      "Nguye\u0303n",
      "\u1e9b\u0323",
      "\u0041\u030a",
      "\u212b",
      "\uac00\u11a8",
    ]) {
      expect(plain(s), JSON.stringify(s)).toBe(false);
      expect(scanTextForTest(s), JSON.stringify(s)).not.toBe(TEXT_OK);
    }
    for (const s of ["", "Nguyễn Văn An", "Đặng Thị Yến", "Phòng GD&ĐT huyện Tân Phú", "tab\there", "a\nb\r\nc", "\u00a0\u02ff\u1ea0\u1ef9"]) {
      expect(plain(s), JSON.stringify(s)).toBe(true);
      expect(scanTextForTest(s), JSON.stringify(s)).toBe(TEXT_OK);
    }
  });

  it("through evaluate: a name with a control character is refused as the general evaluator refuses it, with the module and without", async () => {
    const json = readJson("criteria/don-vi-hoc-tap/2020.1.0.json");
    const file = join(dir, "dvht.mjs");
    const plainSet = loadCriteriaSet(json);
    writeFileSync(file, generateModule(plainSet));
    const mod = (await import(pathToFileURL(file).href)) as GeneratedModule;
    const withModule = useGenerated(loadCriteriaSet(json), mod);
    const staff = (hoTen: string) => ({
      hoTen,
      coKeHoachTuHocDuocDuyet: true,
      chapHanhKyLuat: true,
      hoanThanhChuongTrinhBatBuoc: true,
      danhHieuThiDua: "Lao động tiên tiến",
      nangLucCongDanHocTap: {
        tuanThuPhapLuat: true,
        camKetHocTapSuotDoi: true,
        toChucHocTapGiaDinh: true,
        loiSongLanhManh: true,
        ngoaiNguTinHoc: true,
        tuDuyPhanBien: true,
        binhDangGioi: true,
        tonTrongDaDangVanHoa: true,
      },
    });
    const unit = (names: string[]) => ({
      tenDonVi: "Phòng Giáo dục huyện Tân Phú",
      capQuanLy: "Cấp huyện",
      coKeHoachHocTap: true,
      coQuyDinhKhuyenKhich: true,
      dauTuNguonLuc: true,
      thanhVien: names.map(staff),
      danhHieuTapThe: "Tập thể lao động xuất sắc",
      chiaSeTriThuc: true,
    });
    const out = new Int32Array(mod.criteria * 3);
    // The usual unit takes the generated path.
    expect(mod.run(unit(["Nguyễn Văn An", "Trần Thị Bình"]), out)).toBe(true);
    for (const bad of ["\u0000", "An\u0007", "\u001b[31mAn", "An\u007f", "An\u0085", "An\u009f", "An\u202eB", "\u2066An", "An\u0008"]) {
      const data = unit(["Nguyễn Văn An", bad, "Trần Thị Bình"]);
      expect(mod.run(data, out), JSON.stringify(bad)).toBe(false);
      const got = quietOutcome(withModule, data);
      expect(got, JSON.stringify(bad)).toMatch(/^UnitDataError: .*control character/s);
      expect(got).toBe(quietOutcome(plainSet, data));
    }
    // A name to normalise is handed back and normalised by the general evaluator: the same result either way.
    for (const odd of ["Nguye\u0303n Va\u0306n An", "\ud83d\ude00", "\ud800"]) {
      const data = unit(["Nguyễn Văn An", odd]);
      expect(mod.run(data, out), JSON.stringify(odd)).toBe(false);
      expect(quietOutcome(withModule, data)).toBe(quietOutcome(plainSet, data));
    }
  });
});
