/**
 * Plays README.md and the pages of docs/ (all but docs/authoring.md, which test/guide.ts plays): every fenced
 * block carries a directive (listed in test/guide.ts) and is written, run, compared or type-checked, in order.
 *
 * README.md is played in a fresh project that installed the packed tarball, as an app developer has it
 * (test/readme.test.ts); the pages of docs/ in a copy of the repository's criteria/ and docs/examples/, with
 * `tieuchi` being this build and `tieuchi` importable, as in a clone (test/docs.test.ts).
 *
 * @module
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { outputMatches, pageSteps, ROOT, type PageStep } from "./guide.js";

export { ROOT };

/** Pages of docs/ that a test of their own plays, in the project they need. */
export const PLAYED_ELSEWHERE: Readonly<Record<string, string>> = {
  "docs/authoring.md": "test/authoring.test.ts",
  "docs/district-example.md": "test/district-example.test.ts",
};

/** The pages of docs/ played by test/docs.test.ts: every Markdown page but those played by a test of their own. */
export function docsPages(): string[] {
  return readdirSync(join(ROOT, "docs"))
    .filter((f) => f.endsWith(".md") && !(`docs/${f}` in PLAYED_ELSEWHERE))
    .sort()
    .map((f) => `docs/${f}`);
}

/** A project that pages are played in. */
export interface Project {
  readonly dir: string;
  /** Runs a shell block there (`sh -e`, standard error into standard output), with the project's bins first on the path. */
  run(code: string, timeout?: number): { exit: number; output: string };
  /** Writes a file of the project. */
  write(path: string, text: string): void;
  remove(): void;
}

/** Versions of the tools the tests install into a fresh project: the repository's own, so npm finds them in its cache. */
export function installedVersion(name: string): string {
  return (JSON.parse(readFileSync(join(ROOT, "node_modules", name, "package.json"), "utf8")) as { version: string }).version;
}

function project(dir: string, bins: readonly string[]): Project {
  const inside = (p: string) => {
    const abs = join(dir, p);
    if (relative(dir, abs).startsWith("..")) throw new Error(`${p} is outside the project`);
    return abs;
  };
  return {
    dir,
    run(code, timeout = 180_000) {
      const r = spawnSync("sh", ["-e", "-c", `exec 2>&1\n${code}`], {
        cwd: dir,
        env: {
          ...process.env,
          PATH: [...bins, process.env.PATH ?? ""].join(":"),
          NO_COLOR: "1",
          FORCE_COLOR: "0",
          npm_config_update_notifier: "false",
          npm_config_fund: "false",
          npm_config_audit: "false",
        },
        encoding: "utf8",
        timeout,
        maxBuffer: 1 << 26,
      });
      if (r.error) throw r.error;
      return { exit: r.status ?? -1, output: r.stdout };
    },
    write(path, text) {
      const abs = inside(path);
      mkdirSync(dirname(abs), { recursive: true });
      writeFileSync(abs, text);
    },
    remove() {
      rmSync(dirname(dir), { recursive: true, force: true });
    },
  };
}

/** The packed tarball: its path, sizes and files, as `npm pack --json` says. */
export interface Packed {
  readonly file: string;
  readonly size: number;
  readonly unpackedSize: number;
  readonly files: ReadonlyArray<{ readonly path: string; readonly size: number }>;
}

/** Packs the package as `npm publish` would (the build in dist/ must be current: `npm test` builds first). */
export function pack(): Packed {
  if (!existsSync(join(ROOT, "dist/index.js"))) throw new Error("dist/ is missing: run npm run build first (npm test does)");
  const dest = mkdtempSync(join(tmpdir(), "tieuchi-pack-"));
  // --ignore-scripts: no lifecycle script may rebuild dist/ under the other tests' feet.
  const r = spawnSync("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", dest], { cwd: ROOT, encoding: "utf8", timeout: 120_000 });
  if (r.status !== 0) throw new Error(`npm pack failed: ${r.stderr}`);
  const [info] = JSON.parse(r.stdout) as Array<{ filename: string; size: number; unpackedSize: number; files: Array<{ path: string; size: number }> }>;
  return { file: join(dest, info!.filename), size: info!.size, unpackedSize: info!.unpackedSize, files: info!.files };
}

/** A new, empty app project (a package.json only); the README's install block installs the tarball into it. */
export function createApp(): Project {
  const dir = join(mkdtempSync(join(tmpdir(), "tieuchi-app-")), "my-app");
  mkdirSync(dir);
  writeFileSync(join(dir, "package.json"), `${JSON.stringify({ name: "my-app", version: "1.0.0", private: true }, null, 2)}\n`);
  return project(dir, [join(dir, "node_modules/.bin")]);
}

/**
 * Plays the README's install block (`npm install tieuchi zod ...`) in an app: the tarball in place of
 * `tieuchi`, the other packages at the versions this repository uses, plus the tools the tests need
 * (TypeScript, Node's types, esbuild, vite), offline when npm's cache has them.
 */
export function install(app: Project, block: string, tarball: string): { exit: number; output: string } {
  const m = /^npm install((?: [a-z@][\w@./-]*)+)\s*$/.exec(block.trim());
  if (!m) throw new Error(`the install block is not one 'npm install <packages>' line: ${block}`);
  const names = m[1]!.trim().split(/\s+/);
  if (!names.includes("tieuchi")) throw new Error(`the install block does not install tieuchi: ${block}`);
  const specs = names.map((n) => (n === "tieuchi" ? tarball : `${n}@${installedVersion(n)}`));
  const tools = ["typescript", "@types/node", "esbuild", "vite"].map((n) => `${n}@${installedVersion(n)}`);
  return app.run(`npm install --prefer-offline --no-audit --no-fund ${[...specs, ...tools].map((s) => JSON.stringify(s)).join(" ")}`, 600_000);
}

/**
 * A copy of the repository's criteria/ and docs/examples/ with `tieuchi` on the path (this build's CLI) and
 * importable (node_modules/tieuchi is this package), as in a clone after `npm run build`.
 */
export function createClone(): Project {
  const base = mkdtempSync(join(tmpdir(), "tieuchi-clone-"));
  const dir = join(base, "tieuchi");
  const bin = join(base, "bin");
  cpSync(join(ROOT, "criteria"), join(dir, "criteria"), { recursive: true });
  cpSync(join(ROOT, "docs/examples"), join(dir, "docs/examples"), { recursive: true });
  cpSync(join(ROOT, "test/fixtures/versions"), join(dir, "test/fixtures/versions"), { recursive: true });
  mkdirSync(join(dir, "node_modules"));
  // The repository's packages (zod, vitest, Node's types...), and this package as `tieuchi`.
  for (const name of readdirSync(join(ROOT, "node_modules")))
    if (!name.startsWith(".")) symlinkSync(join(ROOT, "node_modules", name), join(dir, "node_modules", name));
  symlinkSync(ROOT, join(dir, "node_modules/tieuchi"), "dir");
  mkdirSync(bin);
  writeFileSync(join(bin, "tieuchi"), `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(join(ROOT, "dist/cli.js"))} "$@"\n`, {
    mode: 0o755,
  });
  writeFileSync(join(dir, "package.json"), `${JSON.stringify({ name: "clone", private: true }, null, 2)}\n`);
  return project(dir, [bin, join(ROOT, "node_modules/.bin")]);
}

/** The tsconfig of each way an app may resolve the package, for `typecheck` steps. */
export const TS_SETTINGS = {
  node16: { module: "node16", moduleResolution: "node16" },
  bundler: { module: "esnext", moduleResolution: "bundler" },
} as const;

/**
 * Type-checks files of a project, strict, once per module resolution (node16 and bundler, or `only` one); under
 * node16 a `.ts` file is CommonJS in a package without `"type": "module"`, so each is checked again as `.mts`
 * (ESM). The declaration files are checked too, tieuchi's included, unless `skipLibCheck`.
 */
export function typecheck(
  p: Project,
  files: readonly string[],
  tsc: string,
  options: { only?: keyof typeof TS_SETTINGS; skipLibCheck?: boolean } = {},
): { ok: boolean; output: string } {
  let output = "";
  let ok = true;
  for (const [name, resolution] of Object.entries(TS_SETTINGS)) {
    if (options.only !== undefined && name !== options.only) continue;
    const list = name === "node16" ? [...files, ...files.map((f) => mirrorAsMts(p, f))] : files;
    const config = `tsconfig.${name}.json`;
    p.write(
      config,
      `${JSON.stringify({ compilerOptions: { ...resolution, target: "es2022", lib: ["es2022", "dom"], types: ["node"], strict: true, noEmit: true, skipLibCheck: options.skipLibCheck ?? false, exactOptionalPropertyTypes: true, noUncheckedIndexedAccess: true }, files: list }, null, 2)}\n`,
    );
    const r = p.run(`${JSON.stringify(tsc)} -p ${config}`, 300_000);
    if (r.exit !== 0) {
      ok = false;
      output += `--- ${name}\n${r.output}`;
    }
  }
  return { ok, output };
}

function mirrorAsMts(p: Project, file: string): string {
  const mts = file.replace(/\.ts$/, ".check.mts");
  p.write(mts, readFileSync(join(p.dir, file), "utf8"));
  return mts;
}

/** The steps of a page, parsed; the parse error instead, to report inside a test. */
export function stepsOf(file: string): { steps: PageStep[]; error: unknown } {
  try {
    return { steps: pageSteps(readFileSync(join(ROOT, file), "utf8"), file), error: null };
  } catch (e) {
    return { steps: [], error: e };
  }
}

/** A title for the test that plays a step. */
export function titleOf(s: PageStep): string {
  switch (s.kind) {
    case "run":
    case "ci":
    case "scripts":
    case "install":
      return `line ${s.line}: ${s.code.trim().split("\n")[0]}`;
    case "excerpt":
      return `line ${s.line}: excerpt of ${s.path}#${s.pointer}`;
    case "folders":
      return `line ${s.line}: the folders listed exist`;
    default:
      return `line ${s.line}: ${s.kind} ${s.path}`;
  }
}

/** The folders a `folders` block names: every word at the start of a line or after two spaces that ends in `/` or names a folder. */
export function listedFolders(text: string): string[] {
  return text
    .split("\n")
    .flatMap((l) => [...l.matchAll(/(?:^|\s{2,})((?:src|docs|criteria|test|scripts)(?:\/[\w.-]+)*\/?)(?=\s|$)/g)].map((m) => m[1]!.replace(/\/$/, "")));
}

/** The commands a `ci` block lists: each line that is not a comment, without its trailing comment. */
export function ciCommands(code: string): string[] {
  return code
    .split("\n")
    .map((l) => l.replace(/\s+#.*$/, "").trim())
    .filter((l) => l !== "" && !l.startsWith("#"));
}

/** The commands .ci/run runs (its lines that are commands, as written). */
export function ciRunLines(): string[] {
  return readFileSync(join(ROOT, ".ci/run"), "utf8")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("#"));
}

export { outputMatches };

// `npx tsx test/docs.ts docs/page.md`: play a page in a clone and print what every run block printed.
if (process.argv[1]?.endsWith("test/docs.ts") && process.argv[2]) {
  const file = process.argv[2];
  const clone = createClone();
  try {
    for (const s of stepsOf(file).steps) {
      if (s.kind === "file") clone.write(s.path, s.text);
      else if (s.kind === "edit") {
        const doc = JSON.parse(readFileSync(join(clone.dir, s.path), "utf8")) as Record<string, unknown>;
        clone.write(s.path, `${JSON.stringify(Object.assign(doc, s.json), null, 2)}\n`);
      } else if (s.kind === "run") {
        const r = clone.run(s.code);
        process.stdout.write(`\n===== ${file}:${s.line} (exit ${r.exit}, expected ${s.exit})\n${s.code}----- output\n${r.output}`);
        if (s.output && !outputMatches(s.output.text, r.output)) process.stdout.write(`----- ✘ differs from the output block at line ${s.output.line}\n`);
      }
    }
  } finally {
    clone.remove();
  }
}
