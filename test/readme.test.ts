/**
 * The README, played in a fresh project that installed the packed tarball, as an app developer has it; then
 * what the README promises of that project: Node ESM and CommonJS, TypeScript (node16 and bundler), a browser
 * bundle (esbuild and vite) that evaluates in Chromium under a strict Content-Security-Policy, the zod versions
 * the peer range allows, and a package that publint and arethetypeswrong find nothing wrong with. Prints the
 * packed size and the browser bundle's size, and holds them to budgets.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, normalize } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ciCommands,
  ciRunLines,
  createApp,
  install,
  installedVersion,
  listedFolders,
  outputMatches,
  pack,
  ROOT,
  stepsOf,
  titleOf,
  typecheck,
  type Packed,
  type Project,
} from "./docs.js";
import { excerptTarget, sameJson } from "./guide.js";
import { CHROMIUM, textOfServedPage } from "./e2e/browser.js";

const README = "README.md";
const { steps, error } = stepsOf(README);
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as Record<string, unknown> & {
  peerDependencies: Record<string, string>;
  scripts: Record<string, string>;
};

/** Budgets, in bytes, a little above what was measured (see the CHANGELOG): a regression past them fails. */
const BUDGET = {
  // 1 075 737 B measured (00:55 UTC, session 4) with the hostile helper's workbook guard (+16 055 B, below)
  // 1 051 248 B measured (00:00 UTC) with both: the 185 notes of the shipped sets carrying their Vietnamese
  // (issue 16: 1 018 257 B against 975 740 B on main at be7fa10, +42 517 B, the text being in criteria/*.json and
  // in the ESM and CommonJS builds' bundled sets) and the bundled sets' prebuilt generated evaluators (issue 18:
  // 1 003 878 B measured at 23:00 UTC, +28 676 B over 975 202 B). 974 131 B measured at 109 files with the
  // operator registry, streamed CSV files and the rest of the catalogue (20:45 UTC); 955 904 B once the message
  // catalogue took in every command's and the library's sentences (issue 16 item 1); 910 153 B after the
  // three-valued engine (issue 12) and the hostile-input checks (issue 14) joined; 808 036 B before them.
  // 1 019 933 B measured (00:20 UTC, session 4, branch hostile on main 78f0e44): +16 055 B for the workbook guard
  // (src/sheet/zip.ts), the one spreadsheet-CSV reader shared by readSheetFile and the explorer, the lists' count
  // column, --max-unit-bytes, and their sentences in vi and en, in the ESM, CommonJS and type builds, and docs.
  // 1 097 185 B measured (03:30 UTC, session 5, branch explorer on main c588b4e): main was already over 1 090 000 B
  // (1 090 615 B measured by the speed helper at 02:50: the test kit's operator strategies and decide()), then the
  // batch helper's landing and this branch's Vietnamese boundary case names (8 files, +11 KB of text, about
  // +1.5 KB gzipped) and wording. Budget 1 090 000 -> 1 100 000 B, the figure the speed helper announced.
  // 1 090 615 B measured on main a1b6826 (02:45 UTC, session 5: arch's per-family test-kit strategies and speed's
  // decide, over the 1 090 000 B budget once both were on main); 1 094 175 B with the generated record checks read
  // by name (+3 560 B: each record of a prebuilt module has a check by name and the exact one it falls back to).
  // 1 102 149 B once the batch helper's landing (batch-lines input, json-bytes writer) is merged too (03:33 UTC).
  // 1 103 184 B with all three (explorer c588b4e+, batch, and the record checks by name) merged (03:38 UTC).
  packed: 1_125_000, // session 6: 1,120,551 B measured on main (explain + batch landings) merged with the agency one pass
  /**
   * The README's browser example, esbuild, minified and gzipped: the core, zod and one set (197 169 B measured at
   * 00:15 UTC once the set's notes carry their Vietnamese, issue 16: +387 B over the 196 782 B measured with its
   * prebuilt module, issue 18; 194 253 B measured
   * with the explanations', spreadsheets' and transition's sentences and main's constraint and hostile-input
   * ones; 189 338 B before them; 176 119 B before the message catalogue took in the diff, report, verify and
   * catalogue-page sentences).
   */
  // 192.9 KiB (about 197 500 B) measured (00:20 UTC, session 4) once the workbook and count-column sentences
  // (vi and en) joined the catalogue, which rides in every bundle.
  browser: 201_000, // session 6: 200,019 B measured on the same merge
  /**
   * The same without zod (the app's own copy): what tieuchi adds. 99.1 KiB measured (94.4 KiB before the
   * spreadsheet and transition sentences joined the catalogue); the three-valued engine's
   * bounds and its sentences are about 50 KB of it before gzip (62 KiB before them). The one catalogue adds
   * about 13 KiB: every library sentence in both languages rides in every bundle, where the diff's and the
   * reports' sentences were dropped with their modules before (81.4 KiB). Splitting the catalogue into parts
   * loaded with their modules (as the command line's part is) would win it back: not done yet.
   */
  // 104 031 B measured once the bundled set carries its prebuilt generated evaluator (issue 18: cong-dan-hoc-tap's
  // module, +936 B; only the imported set's module is bundled), 103 095 B before.
  // 105 192 B measured (00:56 UTC) with hostile's workbook sentences and the set's Vietnamese notes (issue 16) together.
  // 106 617 B (104.1 KiB) measured (session 6) with the explanations' flat read log and its resolution (issue 18:
  // src/logic/trace.ts, about 1.5 KB minified, +616 B gzipped) and the sentences read off the catalogue once (+261 B).
  browserWithoutZod: 107_000,
};

const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
const gz = (path: string) => gzipSync(readFileSync(path), { level: 9 }).length;

let packed: Packed;
let app: Project;
const written: string[] = [];

beforeAll(() => {
  packed = pack();
  app = createApp();
});
afterAll(() => app?.remove());

describe("the README's code blocks", () => {
  it("each carry a directive, so none is left unrun or unchecked", () => {
    expect(error).toBeNull();
    expect(steps.some((s) => s.kind === "install")).toBe(true);
  });

  it("fits on a few screens", () => {
    expect(readFileSync(join(ROOT, README), "utf8").split("\n").length).toBeLessThanOrEqual(250);
  });

  it("links only to files the package ships", () => {
    const text = readFileSync(join(ROOT, README), "utf8");
    const links = [...text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)].map((m) => m[1]!).filter((l) => !/^[a-z]+:/.test(l));
    expect(links.length).toBeGreaterThan(5);
    const shipped = new Set(packed.files.map((f) => f.path));
    for (const l of links) {
      expect(existsSync(join(ROOT, l)), `${README} links to ${l}, which does not exist`).toBe(true);
      expect(shipped.has(normalize(l)), `${README} links to ${l}, which the package does not ship (package.json "files")`).toBe(true);
    }
  });
});

describe("README.md, played in a fresh project that installed the packed tarball", () => {
  for (const s of steps) {
    it(titleOf(s), { timeout: s.kind === "install" ? 900_000 : 300_000 }, () => {
      switch (s.kind) {
        case "install": {
          const r = install(app, s.code, packed.file);
          expect(r.exit, r.output).toBe(0);
          return;
        }
        case "file":
          app.write(s.path, s.text);
          written.push(s.path);
          return;
        case "typecheck": {
          app.write(s.path, s.text);
          const r = typecheck(app, [s.path], join(app.dir, "node_modules/.bin/tsc"));
          expect(r.ok, `${README}:${s.line} does not type-check:\n${r.output}`).toBe(true);
          return;
        }
        case "run": {
          const r = app.run(s.code);
          expect(r.exit, `exit code of the block at ${README}:${s.line}; it printed:\n${r.output}`).toBe(s.exit);
          for (const c of s.contains) expect(r.output, `${README}:${s.line}`).toContain(c);
          if (s.output)
            expect(outputMatches(s.output.text, r.output), `the output shown at ${README}:${s.output.line} is not what was printed:\n${r.output}`).toBe(true);
          return;
        }
        case "ci": {
          const run = ciRunLines();
          for (const c of ciCommands(s.code))
            expect(
              run.some((l) => l === c || l.startsWith(`${c} `)),
              `${README}:${s.line}: .ci/run does not run '${c}'`,
            ).toBe(true);
          // The demo, here too, on the build the tests run against (its script builds first).
          if (ciCommands(s.code).includes("npm run demo")) {
            const demo = pkg.scripts.demo ?? "";
            expect(demo.startsWith("npm run build --silent && ")).toBe(true);
            const r = spawnSync("sh", ["-c", demo.slice("npm run build --silent && ".length)], { cwd: ROOT, encoding: "utf8", timeout: 120_000 });
            expect(r.status, r.stdout + r.stderr).toBe(0);
            expect(r.stdout).toContain("ĐẠT");
          }
          return;
        }
        case "scripts":
          for (const c of ciCommands(s.code)) expect(c, `${README}:${s.line}`).toMatch(/^npm run \S+$/);
          for (const c of ciCommands(s.code)) expect(pkg.scripts[c.slice(8)], `${README}:${s.line}: no script ${c}`).toBeDefined();
          return;
        case "folders": {
          const listed = listedFolders(s.text);
          for (const f of listed)
            expect(existsSync(join(ROOT, f)) && statSync(join(ROOT, f)).isDirectory(), `${README}:${s.line} lists ${f}, which is not a folder`).toBe(true);
          const src = readdirSync(join(ROOT, "src"), { withFileTypes: true })
            .filter((e) => e.isDirectory())
            .map((e) => `src/${e.name}`);
          for (const f of src) expect(listed, `${README}:${s.line} does not list ${f}`).toContain(f);
          return;
        }
        case "excerpt":
          expect(sameJson(s.json, excerptTarget(s)), `the excerpt at ${README}:${s.line} differs from ${s.path}#${s.pointer}`).toBe(true);
          return;
        default:
          throw new Error(`${README}:${s.line}: ${s.kind} is not used in the README`);
      }
    });
  }
});

/** Runs a Node script in the app project (its own esbuild, vite, tieuchi); returns what it printed as JSON. */
function nodeIn(p: Project, script: string): unknown {
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: p.dir, encoding: "utf8", timeout: 300_000, maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`node in ${p.dir} failed:\n${r.stderr}`);
  return JSON.parse(r.stdout);
}

interface Bundle {
  warnings: string[];
  inputs: string[];
  bytes: number;
}

/** Bundles an entry with the app's esbuild for the browser, as the README does, minified; the warnings and inputs. */
function esbuild(p: Project, entry: string, outfile: string, external: string[] = []): Bundle {
  return nodeIn(
    p,
    `import { build } from "esbuild";
     import { readFileSync } from "node:fs";
     const r = await build({ entryPoints: [${JSON.stringify(entry)}], outfile: ${JSON.stringify(outfile)}, bundle: true, minify: true, format: "esm", platform: "browser", external: ${JSON.stringify(external)}, metafile: true, logLevel: "silent" });
     console.log(JSON.stringify({ warnings: r.warnings.map((w) => w.text), inputs: Object.keys(r.metafile.inputs), bytes: readFileSync(${JSON.stringify(outfile)}).length }));`,
  ) as Bundle;
}

/** Opens a page in Chromium and returns the verdict it shows and what went wrong (console errors, CSP violations). */
const openPage = (dir: string) => textOfServedPage(dir, "#verdict");

describe("the app project, beyond what the README shows", () => {
  const expected = () =>
    nodeIn(
      app,
      `import { evaluate, loadCriteriaSet } from "tieuchi"; import { congDanHocTap_2023_1_0 as s } from "tieuchi/criteria"; import { readFileSync } from "node:fs";
     console.log(JSON.stringify(evaluate(loadCriteriaSet(s), JSON.parse(readFileSync("citizen.json", "utf8")), { asOf: "2024-06-01" }).message.vi));`,
    ) as string;

  it("has one copy of zod (the app's) and no json-logic-js, and the package is the size it was budgeted", { timeout: 120_000 }, () => {
    const installed = JSON.parse(readFileSync(join(app.dir, "node_modules/tieuchi/package.json"), "utf8")) as Record<
      string,
      Record<string, string> | undefined
    >;
    expect(installed.peerDependencies).toEqual({ zod: pkg.peerDependencies.zod });
    expect(Object.keys(installed.dependencies ?? {})).not.toContain("zod");
    expect(Object.keys(installed.dependencies ?? {})).not.toContain("json-logic-js");
    expect(existsSync(join(app.dir, "node_modules/json-logic-js"))).toBe(false);
    const zods = spawnSync("find", ["node_modules", "-path", "*/zod/package.json"], { cwd: app.dir, encoding: "utf8" }).stdout.trim().split("\n");
    expect(zods).toEqual(["node_modules/zod/package.json"]);
    expect(
      packed.files.some((f) => f.path.endsWith(".map")),
      "no source maps are shipped",
    ).toBe(false);
    console.log(`packed tarball: ${kib(packed.size)} (${kib(packed.unpackedSize)} unpacked, ${packed.files.length} files)`);
    expect(packed.size).toBeLessThanOrEqual(BUDGET.packed);
  });

  it("bundles the README's browser example with esbuild: no warning, nothing from Node, one set; prints and budgets its size", { timeout: 300_000 }, () => {
    const full = esbuild(app, "src/main.js", "out/esbuild/app.js");
    expect(full.warnings).toEqual([]);
    const fromNode = full.inputs.filter((i) => /^node:|(^|\/)(fs|path|url|os|module|worker_threads|child_process|stream)$/.test(i));
    expect(fromNode).toEqual([]);
    const text = readFileSync(join(app.dir, "out/esbuild/app.js"), "utf8");
    expect(text).toContain("cong-dan-hoc-tap");
    // Tree-shaken: the sets the page does not import are not in it.
    for (const other of ["don-vi-hoc-tap", "gia-dinh-van-hoa", "dong-ho-hoc-tap"]) expect(text, other).not.toContain(`"${other}"`);
    const alone = esbuild(app, "src/main.js", "out/esbuild-without-zod/app.js", ["zod"]);
    expect(alone.warnings).toEqual([]);
    const size = gz(join(app.dir, "out/esbuild/app.js"));
    const withoutZod = gz(join(app.dir, "out/esbuild-without-zod/app.js"));
    console.log(
      `browser bundle (esbuild, minified): ${kib(full.bytes)}, gzipped ${kib(size)} (${size} B); without zod: ${kib(alone.bytes)}, gzipped ${kib(withoutZod)} (${withoutZod} B)`,
    );
    expect(size).toBeLessThanOrEqual(BUDGET.browser);
    expect(withoutZod).toBeLessThanOrEqual(BUDGET.browserWithoutZod);
  });

  it("bundles it with vite too, with no warning", { timeout: 300_000 }, () => {
    app.write("index.html", readFileSync(join(app.dir, "public/index.html"), "utf8").replace('src="app.js"', 'src="/src/main.js"'));
    app.write("vite.config.mjs", 'export default { publicDir: false, build: { outDir: "out/vite", emptyOutDir: true } };\n');
    const r = app.run("npx vite build --logLevel warn");
    expect(r.exit, r.output).toBe(0);
    expect(r.output.trim(), "vite printed warnings").toBe("");
    const assets = readdirSync(join(app.dir, "out/vite/assets")).filter((f) => f.endsWith(".js"));
    expect(assets).toHaveLength(1);
    console.log(`browser bundle (vite): gzipped ${kib(gz(join(app.dir, "out/vite/assets", assets[0]!)))}`);
  });

  it.skipIf(!existsSync(CHROMIUM))(
    "evaluates in Chromium under script-src 'self' with no violation report, bundled by esbuild and by vite",
    { timeout: 300_000 },
    async () => {
      const want = expected();
      for (const dir of ["out/esbuild", "out/vite"]) {
        if (dir === "out/esbuild") app.write("out/esbuild/index.html", readFileSync(join(app.dir, "public/index.html"), "utf8"));
        const page = await openPage(join(app.dir, dir));
        expect(page.problems, dir).toEqual([]);
        expect(page.text, dir).toBe(want);
      }
    },
  );

  it.skipIf(!existsSync(CHROMIUM))(
    "without the README's zod line, the same page still evaluates but reports a script-src violation: the line is needed",
    { timeout: 300_000 },
    async () => {
      const main = readFileSync(join(app.dir, "src/main.js"), "utf8");
      expect(main.startsWith('import "./zod-config.js";\n')).toBe(true);
      app.write("src/without-config.js", main.replace('import "./zod-config.js";\n', ""));
      const r = esbuild(app, "src/without-config.js", "out/without-config/app.js");
      expect(r.warnings).toEqual([]);
      app.write("out/without-config/index.html", readFileSync(join(app.dir, "public/index.html"), "utf8"));
      const page = await openPage(join(app.dir, "out/without-config"));
      expect(page.text).toBe(expected());
      expect(page.problems.join("\n")).toMatch(/CSP violation: script-src/);
    },
  );

  // Two installs from npm's cache, two runs and a type-check per resolution: minutes on a busy machine.
  it("type-checks and runs with the lowest zod the peer range allows", { timeout: 1_800_000 }, () => {
    const lowest = /^\^(\d+\.\d+\.\d+)$/.exec(pkg.peerDependencies.zod ?? "")?.[1] ?? "";
    expect(lowest, `peerDependencies.zod is a caret range: ${pkg.peerDependencies.zod}`).not.toBe("");
    try {
      const r = app.run(`npm install --prefer-offline --no-audit --no-fund zod@${lowest}`, 600_000);
      expect(r.exit, r.output).toBe(0);
      expect(JSON.parse(readFileSync(join(app.dir, "node_modules/zod/package.json"), "utf8")).version).toBe(lowest);
      for (const file of ["quick-start.mjs", "quick-start.cjs"]) {
        const ran = app.run(`node ${file}`);
        expect(ran.exit, ran.output).toBe(0);
        expect(ran.output).toMatch(/\bpass\b/);
      }
      const tsFiles = written.filter((f) => f.endsWith(".ts")).concat("types.ts");
      const t = typecheck(app, [...new Set(tsFiles)], join(app.dir, "node_modules/.bin/tsc"));
      expect(t.ok, t.output).toBe(true);
    } finally {
      app.run(`npm install --prefer-offline --no-audit --no-fund zod@${installedVersion("zod")}`, 600_000);
    }
  });

  it("publint and arethetypeswrong find nothing wrong with the tarball, subpaths included", { timeout: 600_000 }, () => {
    const publint = spawnSync(process.execPath, [join(ROOT, "node_modules/publint/src/cli.js"), "run", packed.file, "--level", "suggestion"], {
      cwd: ROOT,
      encoding: "utf8",
      timeout: 300_000,
    });
    expect(publint.status, publint.stdout + publint.stderr).toBe(0);
    expect(publint.stdout + publint.stderr).not.toMatch(/Suggestions?:|Warnings?:|Errors?:/);
    const attw = spawnSync(process.execPath, [join(ROOT, "node_modules/@arethetypeswrong/cli/dist/index.js"), packed.file, "--format", "json"], {
      cwd: ROOT,
      encoding: "utf8",
      timeout: 300_000,
      maxBuffer: 1 << 26,
    });
    const report = JSON.parse(attw.stdout) as { analysis: { entrypoints: Record<string, unknown> }; problems: Record<string, unknown> | unknown[] };
    // Every subpath, the criteria files' wildcard included, and under every resolution (node10 through typesVersions).
    expect(Object.keys(report.analysis.entrypoints).sort()).toEqual([".", "./criteria", "./criteria/*", "./node", "./package.json", "./testing"]);
    expect(Object.keys(report.problems), JSON.stringify(report.problems, null, 2)).toEqual([]);
    expect(attw.status).toBe(0);
  });
});
