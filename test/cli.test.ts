import { execFileSync, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../src/cli/main.js";
import { evaluate, loadCriteriaSet } from "../src/index.js";
import { makeSet, readJson, ROOT } from "./helpers.js";

const SET = join(ROOT, "criteria/don-vi-hoc-tap/2020.1.0.json");
const PASS = join(ROOT, "docs/examples/don-vi-hoc-tap/phong-gd-huyen-mau.json");
const FAIL = join(ROOT, "docs/examples/don-vi-hoc-tap/trung-tam-van-hoa-tinh-mau.json");

function run(...args: string[]) {
  let out = "";
  let err = "";
  const code = main(args, { out: (t) => (out += t), err: (t) => (err += t), columns: 120 }) as number;
  return { code, out, err };
}

function tmp(name: string, content: string): string {
  const dir = mkdtempSync(join(tmpdir(), "tieuchi-cli-"));
  const f = join(dir, name);
  writeFileSync(f, content);
  return f;
}

describe("tieuchi eval", () => {
  it("prints exactly the result object with --json", () => {
    const r = run("eval", SET, PASS, "--json", "--as-of", "2023-05-01");
    expect(r.code).toBe(0);
    const expected = evaluate(loadCriteriaSet(readJson("criteria/don-vi-hoc-tap/2020.1.0.json")), readJson("docs/examples/don-vi-hoc-tap/phong-gd-huyen-mau.json"), { asOf: "2023-05-01" });
    expect(JSON.parse(r.out)).toEqual(expected);
    expect(r.out).toBe(`${JSON.stringify(expected, null, 2)}\n`);
  });

  it("prints a table of criteria with status, points and why, in Vietnamese by default", () => {
    const r = run("eval", SET, PASS);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Đơn vị học tập .* don-vi-hoc-tap@2020\.1\.0 \(Thông tư 22\/2020\/TT-BGDĐT\)/);
    expect(r.out).toMatch(/Mã\s+Trạng thái\s+Điểm\s+Tiêu chí và lý do/);
    expect(r.out).toMatch(/2\.1\s+✘ chưa đạt\s+0\/10\s+100% thành viên/);
    // The last column wraps; read it as flowing text.
    expect(r.out.replace(/\s+/g, " ")).toContain("Chỉ 11/12 thành viên (91,7%) có kế hoạch tự học được phê duyệt; yêu cầu 100%.");
    expect(r.out).toContain("Kết luận: ĐẠT, xếp loại Tốt — 85/100 điểm (mức đạt 50)");
  });

  it("exits 1 on fail and says what would help, in English with --lang en", () => {
    const r = run("eval", SET, FAIL, "--lang", "en");
    expect(r.code).toBe(1);
    expect(r.out).toContain("Verdict: FAIL — 30/100 points (pass mark 50)");
    expect(r.out).toContain("Could improve: 3.1 (+25)");
  });

  it("exits 1 when incomplete", () => {
    const unit = tmp("u.json", JSON.stringify({ coKeHoachHocTap: true }));
    const r = run("eval", SET, unit, "--lang", "en");
    expect(r.code).toBe(1);
    expect(r.out).toContain("Verdict: INCOMPLETE");
  });

  it("exits 2 with the path of every problem for invalid data", () => {
    const unit = tmp("bad.json", JSON.stringify({ coKeHoachHocTap: "có", soNguoi: 3 }));
    const r = run("eval", SET, unit);
    expect(r.code).toBe(2);
    expect(r.err).toContain("coKeHoachHocTap: Invalid input: expected boolean, received string [invalid_type]");
    expect(r.err).toContain("soNguoi: 'soNguoi' is not an input of this set");
    expect(r.err).toContain("[ERR_UNIT_DATA]");
  });

  it("exits 2 naming the file and position of broken JSON, or a missing file", () => {
    const unit = tmp("broken.json", '{\n  "a": ,\n}');
    const r = run("eval", SET, unit);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/broken\.json:2:8: not valid JSON: unexpected ","/);
    expect(run("eval", SET, "/nonexistent/u.json").err).toContain("/nonexistent/u.json: no such file");
  });

  it("exits 2 on usage errors", () => {
    expect(run("eval", SET).code).toBe(2);
    expect(run("eval", SET, PASS, "--lang", "fr").code).toBe(2);
    expect(run("eval", SET, PASS, "--bogus").err).toContain("Unknown option '--bogus'");
    expect(run("frobnicate").code).toBe(2);
    expect(run().code).toBe(2);
    expect(run("help").code).toBe(0);
    expect(run("--version").out).toBe("0.1.0\n");
  });
});

describe("tieuchi validate", () => {
  it("reports each file with its hash, or its problems with paths", () => {
    const bad = tmp("bad-set.json", JSON.stringify(makeSet({ criteria: [{ id: "1", title: { vi: "a", en: "a" }, points: 100, rule: { var: "nope" } }] })));
    const r = run("validate", SET, bad);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/✔ .*2020\.1\.0\.json: don-vi-hoc-tap@2020\.1\.0 sha256:[0-9a-f]{64}/);
    expect(r.out).toContain("✘ ");
    expect(r.out).toContain("criteria[0].rule.var: 'nope' is not declared");
    expect(run("validate", SET).code).toBe(0);
    expect(run("validate").code).toBe(2);
  });

  it("prints JSON reports with --json", () => {
    const r = run("validate", SET, "--json");
    const reports = JSON.parse(r.out);
    expect(reports).toEqual([{ file: SET, ok: true, id: "don-vi-hoc-tap", version: "2020.1.0", hash: loadCriteriaSet(readJson("criteria/don-vi-hoc-tap/2020.1.0.json")).hash, problems: [] }]);
  });
});

describe("the built command", () => {
  it("runs from dist with the same output and exit codes", () => {
    const cli = join(ROOT, "dist/cli.js");
    expect(existsSync(cli), "run `npm run build` first (npm test does it)").toBe(true);
    const out = execFileSync("node", [cli, "eval", SET, PASS, "--json"], { encoding: "utf8" });
    expect(JSON.parse(out).verdict).toBe("pass");
    const fail = spawnSync("node", [cli, "eval", SET, FAIL], { encoding: "utf8" });
    expect(fail.status).toBe(1);
    expect(spawnSync("node", [cli, "eval"], { encoding: "utf8" }).status).toBe(2);
    expect(readFileSync(cli, "utf8").startsWith("#!/usr/bin/env node")).toBe(true);
  });

  it.each([["0"], ["2"]])("stops quietly with status 141 when the reader closes the pipe early (batch, %s workers)", async (workers) => {
    const cli = join(ROOT, "dist/cli.js");
    // 211 results of about 4 KB: far more than a pipe holds, so writes go on after the reader has gone.
    const child = spawn("node", [cli, "batch", SET, join(ROOT, "docs/examples/district/don-vi-hoc-tap.ndjson"), "--quiet", "--workers", workers], { stdio: ["ignore", "pipe", "pipe"] });
    let err = "";
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.stdout.once("data", () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(err).not.toMatch(/EPIPE|Unhandled|at /);
    expect(code).toBe(141);
  });
});
