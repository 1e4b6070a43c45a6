/**
 * Spreadsheets in and out: a set's template (XLSX and CSV), filled in as an official would (Vietnamese
 * labels, Có/Không, dd/mm/yyyy, 35,5, a column of their own, staff on their own sheet), read back by
 * `tieuchi batch`, and the per-unit results opened again, row by row against the library's own verdicts.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { main } from "../src/cli/main.js";
import { evaluate } from "../src/index.js";
import { loadCriteriaFile } from "../src/node/index.js";
import { csvTable, detectDelimiter, parseCsv, templateCsv, writeCsv } from "../src/sheet/csv.js";
import { EXAMPLE_CODE, spreadsheetLayout } from "../src/sheet/layout.js";
import { cellValue, readTable, readWorkbook, sheetRecord } from "../src/sheet/read.js";
import { pathLabel, resultTable } from "../src/sheet/results.js";
import { workbookTables } from "../src/sheet/xlsx.js";
import { ROOT } from "./helpers.js";

const DVHT = join(ROOT, "criteria", "don-vi-hoc-tap", "2020.1.0.json");
const dvht = loadCriteriaFile(DVHT);

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await main(args, { out: (t) => (out += t), err: (t) => (err += t), columns: 120 });
  return { code, out, err };
}

const tmp = () => mkdtempSync(join(tmpdir(), "tieuchi-sheet-"));

describe("the spreadsheet layout of a set", () => {
  it("has a units sheet with Vietnamese labels and a sheet per list of records, records flattened", () => {
    const l = spreadsheetLayout(dvht);
    expect(l.units.name).toBe("Đơn vị");
    expect(l.units.fields.map((f) => f.header)).toEqual([
      "Mã đơn vị",
      "Tên đơn vị",
      "Cấp quản lý",
      "Có chủ trương, kế hoạch học tập",
      "Có quy định khuyến khích học tập",
      "Đầu tư nguồn lực cho học tập",
      "Danh hiệu thi đua của đơn vị",
      "Chia sẻ tri thức với đơn vị khác",
      "Số dòng Thành viên",
    ]);
    expect(l.units.fields.at(-1)!.count).toBe("thanhVien");
    expect(l.lists.map((x) => [x.name, x.list])).toEqual([["Thành viên", "thanhVien"]]);
    const staff = l.lists[0]!.fields;
    expect(staff[0]!.header).toBe("Mã đơn vị");
    expect(staff.find((f) => f.path.join(".") === "nangLucCongDanHocTap.tuanThuPhapLuat")!.header).toBe(
      "Năng lực, phẩm chất công dân học tập › Tuân thủ pháp luật",
    );
    expect(l.nameInput).toBe("tenDonVi");
  });

  it("names paths by their labels", () => {
    expect(pathLabel(dvht.definition.inputs, "thanhVien[0].coKeHoachTuHocDuocDuyet", "vi")).toBe("thành viên #1 › có kế hoạch tự học được duyệt");
    expect(pathLabel(dvht.definition.inputs, "thanhVien[2].nangLucCongDanHocTap.binhDangGioi", "en")).toBe(
      "members #3 › learning-citizen qualities › gender equality",
    );
    expect(pathLabel(dvht.definition.inputs, "khongKhai", "vi")).toBe("khongKhai");
  });

  it("reads cells as officials write them", () => {
    const t = { type: "boolean", description: { vi: "", en: "" } } as const;
    expect(["Có", "có", "x", "1", "TRUE"].map((c) => cellValue(c, t))).toEqual([true, true, true, true, true]);
    expect(["Không", "0", "không", false].map((c) => cellValue(c, t))).toEqual([false, false, false, false]);
    expect(cellValue("chắc vậy", t)).toBe("chắc vậy");
    const n = { type: "number", description: { vi: "", en: "" } } as const;
    expect([cellValue("35,5", n), cellValue("35.5", n), cellValue(12, n), cellValue("1 200", n), cellValue("nhiều", n)]).toEqual([
      35.5,
      35.5,
      12,
      1200,
      "nhiều",
    ]);
    const d = { type: "date", description: { vi: "", en: "" } } as const;
    expect([cellValue("05/03/2024", d), cellValue(new Date(Date.UTC(2024, 2, 5)), d), cellValue("2024-03-05", d)]).toEqual([
      "2024-03-05",
      "2024-03-05",
      "2024-03-05",
    ]);
    const e = { type: "string" as const, enum: ["Cấp huyện", "Cấp tỉnh"], description: { vi: "", en: "" } };
    expect(cellValue("cấp huyện", e)).toBe("Cấp huyện");
  });
});

describe("CSV", () => {
  it("finds the delimiter from the header and names it", () => {
    expect(detectDelimiter('a;b;"c;d"\n1,5;2;3')).toBe(";");
    expect(detectDelimiter("a,b\tc,d")).toBe(",");
    expect(detectDelimiter("a\tb\tc")).toBe("\t");
    const { rows, delimiter } = parseCsv('\ufeffa;"b ""x""";c\r\n1;"2\n3";\n');
    expect(delimiter).toBe(";");
    expect(rows).toEqual([
      ["a", 'b "x"', "c"],
      ["1", "2\n3", ""],
    ]);
  });

  it("is written for Excel: a BOM, CRLF, quotes where needed, no formula from data", () => {
    const text = writeCsv([
      ["Tên", "Ghi chú"],
      ["Xã A, huyện B", '=HYPERLINK("x")'],
      [-3, "+84 90"],
    ]);
    expect(text.startsWith("\ufeff")).toBe(true);
    expect(text).toBe('\ufeffTên,Ghi chú\r\n"Xã A, huyện B","\'=HYPERLINK(""x"")"\r\n-3,+84 90\r\n');
  });

  it("reads a unit's staff from its further rows, beside its own columns", () => {
    const text = [
      "Mã đơn vị;Tên đơn vị;Có chủ trương, kế hoạch học tập;Xã;Thành viên › Họ tên;Thành viên › Chấp hành kỷ luật, nội quy",
      "A1;Phòng GD;Có;Xã Đông;Lan;Có",
      "A1;;;;Huệ;Không",
      ";;;;Cúc;x",
      "A2;Trường B;Không;Xã Tây;;",
      `${EXAMPLE_CODE};Ví dụ;Có;;Mai;Có`,
    ].join("\n");
    const read = readTable(dvht, csvTable("don-vi.csv", text));
    expect(read.units.map((u) => [u.row, u.code, u.name, u.fields, u.data])).toEqual([
      [
        2,
        "A1",
        "Phòng GD",
        { Xã: "Xã Đông" },
        {
          tenDonVi: "Phòng GD",
          coKeHoachHocTap: true,
          thanhVien: [
            { hoTen: "Lan", chapHanhKyLuat: true },
            { hoTen: "Huệ", chapHanhKyLuat: false },
            { hoTen: "Cúc", chapHanhKyLuat: true },
          ],
        },
      ],
      [5, "A2", "Trường B", { Xã: "Xã Tây" }, { tenDonVi: "Trường B", coKeHoachHocTap: false }],
    ]);
    expect(read.grouping).toEqual(["Xã"]);
    expect(read.notices.map((n) => n.vi)).toEqual([
      "don-vi.csv: cột “Xã” không phải dữ liệu của bộ tiêu chí: giữ lại để nhóm kết quả, không dùng để đánh giá.",
      "don-vi.csv: bỏ qua 1 dòng ví dụ (mã “VÍ DỤ”).",
    ]);
  });

  it("takes input names and dotted paths as headers too", () => {
    const text = "tenDonVi,coKeHoachHocTap,thanhVien.hoTen,thanhVien.nangLucCongDanHocTap.binhDangGioi\nPhòng,1,Lan,Có\n";
    const [u] = readTable(dvht, csvTable("x.csv", text)).units;
    expect(u!.data).toEqual({ tenDonVi: "Phòng", coKeHoachHocTap: true, thanhVien: [{ hoTen: "Lan", nangLucCongDanHocTap: { binhDangGioi: true } }] });
  });

  it("writes a template that reads back to nothing but its example", () => {
    const text = templateCsv(dvht);
    expect(text.startsWith("\ufeffMã đơn vị,Tên đơn vị,Cấp quản lý,")).toBe(true);
    const read = readTable(dvht, csvTable("t.csv", text));
    expect(read.units).toEqual([]);
    expect(read.notices.map((n) => n.vi)).toEqual(["t.csv: bỏ qua 2 dòng ví dụ (mã “VÍ DỤ”)."]);
  });
});

/** Fills in a template as an official would: three agencies, their staff on the staff sheet, a column of their own. */
async function fillIn(template: Uint8Array): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(template) as unknown as ArrayBuffer);
  const units = wb.getWorksheet("Đơn vị")!;
  units.spliceRows(2, 1); // the example row
  const head = units.getRow(1).values as unknown[];
  units.getCell(1, head.length).value = "Xã";
  const yes = "Có";
  // The count of staff rows ("Số dòng Thành viên") stated for two of them, left empty for the third.
  units.addRow(["DV01", "Phòng Giáo dục huyện Yên", "Cấp huyện", yes, yes, yes, "Tập thể lao động xuất sắc", yes, 2, "Xã Đông"]);
  units.addRow(["DV02", "Trường THCS Tây", "cấp huyện", "Không", yes, yes, "Tập thể lao động xuất sắc", yes, 1, "Xã Tây"]);
  units.addRow(["DV03", "Trạm Y tế", "Cấp tỉnh", yes, null, yes, null, yes, null, "Xã Tây"]);
  const staff = wb.getWorksheet("Thành viên")!;
  staff.spliceRows(2, 2);
  const all8 = Array(8).fill(yes);
  staff.addRow(["DV01", "Lan", yes, yes, yes, "Chiến sĩ thi đua cơ sở", ...all8]);
  staff.addRow(["DV01", "Huệ", yes, yes, yes, "Chiến sĩ thi đua cơ sở", ...all8]);
  staff.addRow(["DV02", "Cúc", "Không", yes, yes, "Chiến sĩ thi đua cơ sở", ...all8]);
  staff.addRow(["DV03", "Mai", yes, yes, null, null, ...all8]);
  staff.addRow(["DV09", "Không ai", yes, yes, yes, null, ...all8]);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe("the round trip: template, filled in, batch, results opened again", { timeout: 120_000 }, () => {
  it("writes an XLSX template with drop-downs, notes, an example row and a guide", async () => {
    const dir = tmp();
    const out = join(dir, "mau.xlsx");
    const r = await cli("template", DVHT, "--out", out);
    expect(r.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => [w.name, w.state])).toEqual([
      ["Đơn vị", "visible"],
      ["Thành viên", "visible"],
      ["Hướng dẫn", "visible"],
      ["Giá trị", "hidden"],
    ]);
    const units = wb.getWorksheet("Đơn vị")!;
    expect(units.getCell("A2").value).toBe(EXAMPLE_CODE);
    expect(units.getCell("D1").value).toBe("Có chủ trương, kế hoạch học tập");
    expect(String((units.getCell("D1").note as unknown) ?? "")).toContain("Đơn vị có chủ trương");
    // The drop-downs: Có/Không and the enum's values, from the hidden sheet, on every data row.
    for (const address of ["D2", "D500", "D2001"])
      expect(units.getCell(address).dataValidation).toMatchObject({ type: "list", formulae: ["'Giá trị'!$B$1:$B$2"] });
    expect(units.getCell("C2").dataValidation).toMatchObject({ type: "list", formulae: ["'Giá trị'!$A$1:$A$2"] });
    const values = wb.getWorksheet("Giá trị")!;
    expect([values.getCell("A1").value, values.getCell("A2").value, values.getCell("B1").value, values.getCell("B2").value]).toEqual([
      "Cấp huyện",
      "Cấp tỉnh",
      "Có",
      "Không",
    ]);
    // The template read back is its example only.
    const read = readWorkbook(dvht, await workbookTables(ExcelJS, new Uint8Array(readFileSync(out))));
    expect(read.units).toEqual([]);
  });

  it("reads the filled-in workbook with tieuchi batch and writes results that open again as the library decides", async () => {
    const dir = tmp();
    const template = join(dir, "mau.xlsx");
    expect((await cli("template", "don-vi-hoc-tap@2020.1.0", "--criteria", join(ROOT, "criteria"), "--out", template)).code).toBe(0);
    const filled = join(dir, "da-dien.xlsx");
    writeFileSync(filled, await fillIn(new Uint8Array(readFileSync(template))));

    const tables = await workbookTables(ExcelJS, new Uint8Array(readFileSync(filled)));
    const read = readWorkbook(dvht, tables);
    expect(read.units.map((u) => [u.code, u.row, (u.data.thanhVien as unknown[] | undefined)?.length])).toEqual([
      ["DV01", 2, 2],
      ["DV02", 3, 1],
      ["DV03", 4, 1],
    ]);
    const orphan = tables.find((t) => t.name === "Thành viên")!.rows.findIndex((r) => r[0] === "DV09") + 1;
    expect(read.notices.map((n) => n.vi)).toContain(
      `Thành viên, dòng ${orphan}: mã “DV09” không có trong trang Đơn vị; dòng này không được tính cho đơn vị nào.`,
    );

    for (const ext of ["xlsx", "csv"] as const) {
      const results = join(dir, `ket-qua.${ext}`);
      const r = await cli("batch", DVHT, filled, "--out", results, "--quiet", "--workers", "0");
      expect(r.code, r.err).toBe(0);
      let rows: unknown[][];
      if (ext === "xlsx") rows = (await workbookTables(ExcelJS, new Uint8Array(readFileSync(results))))[0]!.rows.map((x) => [...x].map((c) => c ?? null));
      else {
        const text = readFileSync(results, "utf8");
        expect(text.charCodeAt(0)).toBe(0xfeff);
        rows = parseCsv(text).rows;
      }
      expect(rows[0]).toEqual([
        "Dòng",
        "Mã đơn vị",
        "Tên đơn vị",
        "Kết luận",
        "Xếp loại",
        "Điểm",
        "Thang điểm",
        "Tiêu chí chưa đạt",
        "Dữ liệu còn thiếu",
        "Dữ liệu sai (chưa đánh giá)",
        "Xã",
      ]);
      expect(rows.length).toBe(4);
      read.units.forEach((u, i) => {
        const want = evaluate(dvht, sheetRecord(u).data);
        const row = rows[i + 1]!.map((c) => (c === null || c === "" ? null : String(c)));
        const failed = want.criteria
          .filter((c) => c.status === "fail")
          .map((c) => `${c.id} ${c.title.vi}`)
          .join("; ");
        expect(row.slice(0, 8)).toEqual([
          String(u.row),
          u.code,
          u.name,
          { pass: "Đạt", fail: "Chưa đạt", incomplete: "Chưa đủ dữ liệu" }[want.verdict],
          want.grade ? want.grade.title.vi : null,
          want.points ? String(want.points.earned) : null,
          want.points ? String(want.points.applicableMax) : null,
          failed || null,
        ]);
        expect(row[10]).toBe(i === 0 ? "Xã Đông" : "Xã Tây");
      });
      // The unit with a member's answer missing names it by its label, not by its path.
      expect(String(rows[3]![8])).toContain("thành viên #1 › hoàn thành chương trình bắt buộc");
    }
  });

  it("reads a ;-separated CSV with Vietnamese headers, says which delimiter it found, and writes results with a BOM", async () => {
    const dir = tmp();
    const csv = join(dir, "don-vi.csv");
    writeFileSync(csv, "\ufeffMã đơn vị;Tên đơn vị;Có chủ trương, kế hoạch học tập;Huyện\nA;Phòng A;Có;Yên\nB;Phòng B;Không;Yên\n");
    const results = join(dir, "kq.csv");
    const r = await cli("batch", DVHT, csv, "--out", results, "--workers", "0");
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain("các ô cách nhau bằng dấu chấm phẩy (;)");
    expect(r.err).toContain("cột “Huyện” không phải dữ liệu của bộ tiêu chí: giữ lại để nhóm kết quả");
    const rows = parseCsv(readFileSync(results, "utf8")).rows;
    const verdict = (data: unknown) => ({ pass: "Đạt", fail: "Chưa đạt", incomplete: "Chưa đủ dữ liệu" })[evaluate(dvht, data).verdict];
    expect(rows.map((x) => [x[1], x[2], x[3], x[10]])).toEqual([
      ["Mã đơn vị", "Tên đơn vị", "Kết luận", "Huyện"],
      ["A", "Phòng A", verdict({ tenDonVi: "Phòng A", coKeHoachHocTap: true }), "Yên"],
      ["B", "Phòng B", verdict({ tenDonVi: "Phòng B", coKeHoachHocTap: false }), "Yên"],
    ]);
  });

  it("still reads a CSV of input names as before, streamed, with its delimiter found", async () => {
    const dir = tmp();
    const csv = join(dir, "u.csv");
    writeFileSync(csv, "tenDonVi;coKeHoachHocTap\nA;true\n");
    const r = await cli("batch", DVHT, csv, "--workers", "0");
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain("dấu chấm phẩy (;)");
    expect(JSON.parse(r.out.trim()).unit).toEqual({ tenDonVi: "A", coKeHoachHocTap: true });
  });

  it("states an empty list by its count column: 0 is a list given with nobody, empty is not given, a count that does not match leaves it not given and says so", async () => {
    const dir = tmp();
    const template = join(dir, "mau.xlsx");
    expect((await cli("template", DVHT, "--out", template)).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(template) as unknown as ArrayBuffer);
    const units = wb.getWorksheet("Đơn vị")!;
    expect(units.getCell("I1").value).toBe("Số dòng Thành viên");
    expect(String((units.getCell("I1").note as unknown) ?? "")).toContain("Ghi 0 khi đơn vị không có thành viên nào (danh sách rỗng); để trống khi chưa biết");
    expect(units.getCell("I2").value).toBe(2); // the example unit's two example staff rows
    expect(units.getCell("I3").dataValidation).toMatchObject({ type: "whole", formulae: [0, 1e15] });
    units.spliceRows(2, 1);
    const yes = "Có";
    const agency = (code: string, count: number | null) => [code, `Cơ quan ${code}`, "Cấp huyện", yes, yes, yes, "Tập thể lao động xuất sắc", yes, count];
    units.addRow(agency("E0", 0)); // nobody on the staff: an empty list
    units.addRow(agency("E1", null)); // the staff not given
    units.addRow(agency("E2", 3)); // three stated, one row: not given, and said
    units.addRow(agency("E3", 1)); // one stated, one row
    const staff = wb.getWorksheet("Thành viên")!;
    staff.spliceRows(2, 2);
    for (const code of ["E2", "E3"]) staff.addRow([code, "Lan", yes, yes, yes, "Chiến sĩ thi đua cơ sở", ...Array(8).fill(yes)]);
    const filled = join(dir, "da-dien.xlsx");
    writeFileSync(filled, Buffer.from(await wb.xlsx.writeBuffer()));

    const read = readWorkbook(dvht, await workbookTables(ExcelJS, new Uint8Array(readFileSync(filled))));
    expect(read.units.map((u) => [u.code, u.data.thanhVien === undefined ? "not given" : (u.data.thanhVien as unknown[]).length])).toEqual([
      ["E0", 0],
      ["E1", "not given"],
      ["E2", "not given"],
      ["E3", 1],
    ]);
    expect(read.notices.map((n) => n.vi)).toContain(
      `Đơn vị, dòng ${read.units[2]!.row}: cột “Số dòng Thành viên” ghi 3 nhưng tệp có 1 dòng Thành viên của đơn vị này; danh sách coi như chưa cho (các tiêu chí dùng nó còn thiếu dữ liệu) cho đến khi hai số khớp nhau.`,
    );
    // An empty staff decides the shares of members (TT 22's empty groups fail); a staff not given cannot.
    const verdicts = read.units.map((u) => evaluate(dvht, u.data).verdict);
    expect(verdicts.slice(0, 3)).toEqual(["fail", "incomplete", "incomplete"]);

    // Through tieuchi batch, to the results opened again.
    const results = join(dir, "ket-qua.csv");
    const r = await cli("batch", DVHT, filled, "--out", results, "--workers", "0");
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain("cột “Số dòng Thành viên” ghi 3 nhưng tệp có 1 dòng");
    const rows = parseCsv(readFileSync(results, "utf8")).rows;
    expect(rows.slice(1).map((x) => [x[1], x[3]])).toEqual([
      ["E0", "Chưa đạt"],
      ["E1", "Chưa đủ dữ liệu"],
      ["E2", "Chưa đủ dữ liệu"],
      ["E3", { pass: "Đạt", fail: "Chưa đạt", incomplete: "Chưa đủ dữ liệu" }[verdicts[3]!]],
    ]);

    // The same in a CSV file: the count beside the unit's columns, a number that is not one said.
    const csv = readTable(
      dvht,
      csvTable(
        "u.csv",
        "Mã đơn vị,Tên đơn vị,Số dòng Thành viên,Thành viên › Họ tên\nA,Phòng A,0,\nB,Phòng B,,\nC,Phòng C,2,Lan\nC,,,Huệ\nD,Phòng D,hai,Mai\n",
      ),
    );
    expect(csv.units.map((u) => [u.code, u.data.thanhVien === undefined ? "not given" : (u.data.thanhVien as unknown[]).length])).toEqual([
      ["A", 0],
      ["B", "not given"],
      ["C", 2],
      ["D", 1],
    ]);
    expect(csv.notices.map((n) => n.vi)).toEqual([
      "u.csv, dòng 6: cột “Số dòng Thành viên” ghi “hai”, không phải một số nguyên từ 0 trở lên; cột này được bỏ qua cho đơn vị đó.",
    ]);
  });

  it("names a bad unit's wrong cell in the results instead of dropping it", () => {
    const rows = resultTable(dvht, [
      {
        line: 1,
        unit: { dong: 7, ma: "X" },
        error: { code: "ERR_UNIT_DATA", message: "…", problems: [{ path: ["thanhVien", 0, "chapHanhKyLuat"], message: "Expected boolean" }] },
      },
    ]);
    expect(rows[1]).toEqual([7, "X", null, null, null, null, null, null, null, "thành viên #1 › chấp hành kỷ luật, nội quy: Expected boolean"]);
  });
});

describe("CSV files of 0.1 (lists as JSON in their cell)", () => {
  it("are read with their list column by name or label, beside label headers", () => {
    const text = 'Tên đơn vị,thanhVien,Xã\nA,"[{""hoTen"":""Lan"",""chapHanhKyLuat"":true}]",Đông\nB,không phải JSON,Tây\n';
    const read = readTable(dvht, csvTable("x.csv", text));
    expect(read.units.map((u) => u.data)).toEqual([
      { tenDonVi: "A", thanhVien: [{ hoTen: "Lan", chapHanhKyLuat: true }] },
      { tenDonVi: "B", thanhVien: "không phải JSON" },
    ]);
    expect(read.grouping).toEqual(["Xã"]);
  });
});
