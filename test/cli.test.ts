import { execFileSync, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { optionHelp } from "../src/cli/help.js";
import { main } from "../src/cli/main.js";
import { CLI_COMMANDS, CLI_OPTIONS } from "../src/cli/spec.js";
import { tCli as t } from "../src/i18n/cli.js";
import { VERSION } from "../src/version.js";
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
    const expected = evaluate(
      loadCriteriaSet(readJson("criteria/don-vi-hoc-tap/2020.1.0.json")),
      readJson("docs/examples/don-vi-hoc-tap/phong-gd-huyen-mau.json"),
      { asOf: "2023-05-01" },
    );
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
    const r = run("eval", SET, unit, "--lang", "en");
    expect(r.code).toBe(2);
    expect(r.err).toContain("coKeHoachHocTap: Invalid input: expected boolean, received string [invalid_type]");
    expect(r.err).toContain("soNguoi: 'soNguoi' is not an input of this set");
    expect(r.err).toContain("[ERR_UNIT_DATA]");
    expect(run("eval", SET, unit).err).toContain("coKeHoachHocTap: Sai kiểu dữ liệu: cần đúng/sai (true/false), nhận được văn bản [invalid_type]");
  });

  it("exits 2 naming the file and position of broken JSON, or a missing file", () => {
    const unit = tmp("broken.json", '{\n  "a": ,\n}');
    const r = run("eval", SET, unit, "--lang", "en");
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/broken\.json:2:8: not valid JSON: unexpected ","/);
    expect(run("eval", SET, "/nonexistent/u.json", "--lang", "en").err).toContain("/nonexistent/u.json: no such file");
  });

  it("exits 2 on usage errors", () => {
    expect(run("eval", SET).code).toBe(2);
    expect(run("eval", SET, PASS, "--lang", "fr").code).toBe(2);
    expect(run("eval", SET, PASS, "--bogus", "--lang", "en").err).toContain("eval has no option '--bogus'");
    expect(run("frobnicate").code).toBe(2);
    expect(run().code).toBe(2);
    expect(run("help").code).toBe(0);
    expect(run("--version").out).toBe("0.1.0\n");
  });
});

describe("tieuchi validate", () => {
  it("reports each file with its hash, or its problems with paths", () => {
    const bad = tmp("bad-set.json", JSON.stringify(makeSet({ criteria: [{ id: "1", title: { vi: "a", en: "a" }, points: 100, rule: { var: "nope" } }] })));
    const r = run("validate", SET, bad, "--lang", "en");
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/✔ .*2020\.1\.0\.json: don-vi-hoc-tap@2020\.1\.0 sha256:[0-9a-f]{64}/);
    expect(r.out).toContain("✘ ");
    expect(r.out).toMatch(/criteria\[0\]\.rule\.var \(line 1, column \d+\): 'nope' is not declared/);
    expect(run("validate", SET).code).toBe(0);
    expect(run("validate").code).toBe(2);
  });

  it("prints JSON reports with --json", () => {
    const r = run("validate", SET, "--json");
    const reports = JSON.parse(r.out);
    expect(reports).toEqual([
      {
        file: SET,
        ok: true,
        id: "don-vi-hoc-tap",
        version: "2020.1.0",
        hash: loadCriteriaSet(readJson("criteria/don-vi-hoc-tap/2020.1.0.json")).hash,
        problems: [],
      },
    ]);
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
    const child = spawn("node", [cli, "batch", SET, join(ROOT, "docs/examples/district/don-vi-hoc-tap.ndjson"), "--quiet", "--workers", workers], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let err = "";
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.stdout.once("data", () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(err).not.toMatch(/EPIPE|Unhandled|at /);
    expect(code).toBe(141);
  });
});

describe("the command line's options and help", () => {
  const langs = ["vi", "en"] as const;
  const escapeRe = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

  it("prints the version with --version or -v", () => {
    expect(run("--version")).toEqual({ code: 0, out: `${VERSION}\n`, err: "" });
    expect(run("-v").out).toBe(`${VERSION}\n`);
  });

  it("lists every command with what it does, in Vietnamese by default and in English with --lang en", () => {
    const vi = run("help");
    expect(vi.code).toBe(0);
    expect(vi.out).toContain("Các lệnh:");
    const en = run("--help", "--lang", "en");
    expect(en.code).toBe(0);
    for (const c of CLI_COMMANDS) {
      expect(vi.out).toMatch(new RegExp(`^  ${c} +${escapeRe(t("vi", "cli.summary", { command: c }))}$`, "m"));
      expect(en.out).toMatch(new RegExp(`^  ${c} +${escapeRe(t("en", "cli.summary", { command: c }))}$`, "m"));
    }
    // No command: the help, and exit 2 (a script that forgot the command fails).
    expect(run()).toMatchObject({ code: 2, out: vi.out });
  });

  it("gives each command its own help, listing exactly the options it takes, each with a sentence in both languages", () => {
    for (const c of CLI_COMMANDS)
      for (const lang of langs) {
        const asked = c === "help" ? run("help", "help", "--lang", lang) : run(c, "--help", "--lang", lang);
        expect(asked.code, `${c} --help`).toBe(0);
        expect(run("help", c, "--lang", lang).out).toBe(asked.out);
        const listed = [...asked.out.matchAll(/^ {2}(?:-h, )?--([a-z-]+)/gm)].map((m) => m[1]);
        expect(listed, `${c} --help --lang ${lang}`).toEqual([...CLI_OPTIONS[c], "help"]);
        for (const o of CLI_OPTIONS[c]) expect(asked.out.replace(/\s+/g, " ")).toContain(optionHelp(c, o, lang));
        expect(asked.out).toContain(t(lang, "cli.usage", { command: c }).split("\n")[0]!);
      }
    // -h anywhere after the command, and before it.
    expect(run("eval", "-h").out).toBe(run("eval", "--help").out);
    expect(run("--help", "eval").out).toBe(run("eval", "--help").out);
  });

  it("refuses an option the command does not take, suggesting the nearest one it does, or naming the commands that take it", () => {
    const r = run("eval", SET, PASS, "--as-off", "2024-01-01", "--lang", "en");
    expect(r).toMatchObject({ code: 2, out: "" });
    expect(r.err).toBe("tieuchi: eval has no option '--as-off'; did you mean --as-of?\nRun 'tieuchi eval --help' for its usage.\n");
    expect(run("eval", SET, PASS, "--workers", "2", "--lang", "en").err).toContain("eval has no option '--workers' (--workers is an option of batch)");
    expect(run("lock", "--chek").err).toContain("lệnh lock không có tùy chọn '--chek'; có phải là --check?");
    expect(run("report", "x.ndjson", "--out-of-force", "--lang", "en").err).toContain(
      "report has no option '--out-of-force' (--out-of-force is an option of eval, batch)",
    );
    expect(run("validate", SET, "-x").code).toBe(2);
    expect(run("evl", "--lang", "en").err).toContain("unknown command 'evl'; did you mean 'eval'?");
    expect(run("--json", "validate", SET, "--lang", "en").err).toContain("option '--json' goes after the command");
  });

  it("says when an option lacks its value, or a flag is given one", () => {
    expect(run("report", "x.ndjson", "--decimals", "--lang", "en")).toMatchObject({ code: 2 });
    expect(run("eval", SET, PASS, "--lang", "en", "--as-of").err).toContain("option --as-of needs a value");
    expect(run("eval", SET, PASS, "--json=yes", "--lang", "en").err).toContain("option --json takes no value");
  });
});
