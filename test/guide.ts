/**
 * Runs docs/authoring.md: every fenced block in the guide carries an HTML comment saying what it is, and this
 * module parses them and plays the guide, in order, in a scratch project.
 *
 * Directives (an HTML comment on the line(s) just before a fence, blank lines allowed between):
 *
 *   <!-- run: {"exit": 1, "contains": ["..."]} -->   ```sh: run with `sh -e`, stderr into stdout; exit code and
 *                                                     strings the output must contain. A block expected to
 *                                                     fail holds one command, so an earlier failure cannot
 *                                                     pass for it.
 *   <!-- output -->                                   ```text: what the run block just before printed; `...`
 *                                                     alone on a line stands for any lines, a line ending in
 *                                                     ` ...` for any rest of that line.
 *   <!-- edit: PATH -->                               ```json object: its top-level keys replace the file's
 *                                                     (what the author does in an editor).
 *   <!-- append: PATH KEY -->                         ```json: appended to the array at the file's KEY.
 *   <!-- file: PATH -->                               any fence: the file is written with exactly this text.
 *   <!-- excerpt: PATH#POINTER [without k1, k2] -->   ```json: equal to that part of the repository's file
 *                                                     (JSON pointer; an array step names an item by its id or
 *                                                     name), less the keys listed.
 *
 * The other pages (README.md and docs/*.md, played by test/docs.ts) also use:
 *
 *   <!-- typecheck: PATH -->                          ```ts: written to PATH and type-checked, strict, against
 *                                                     the installed package (module resolution node16, and
 *                                                     bundler); `// @ts-expect-error` lines must fail.
 *   <!-- ci -->                                       ```sh: commands of the repository itself (npm ci, npm test),
 *                                                     each one run by .ci/run on a clean clone.
 *   <!-- scripts -->                                  ```sh: `npm run <script>` lines of the repository (servers,
 *                                                     builds the tests run otherwise), each a script of package.json.
 *   <!-- install -->                                  ```sh: `npm install tieuchi ...`, played by installing the
 *                                                     packed tarball in its place.
 *   <!-- folders -->                                  ```text: the repository's layout, a folder first on each
 *                                                     line: each exists, and every folder of src/ is listed.
 *
 * `npx tsx test/guide.ts` plays the guide and prints what each run block printed, to paste into the guide.
 *
 * @module
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { dirname, join, relative, sep } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { fileURLToPath } from "node:url";
import { lockEntryOf, parseLock, serializeLock } from "../src/index.js";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
export const GUIDE = join(ROOT, "docs/authoring.md");

/** The version the walkthrough encodes, kept out of the scratch project's criteria at the start. */
export const NEW = "don-vi-hoc-tap/2024.1.0";
/** The version it supersedes, still open-ended (validTo null) at the start, as before its successor is known. */
export const OLD = "don-vi-hoc-tap/2020.1.0";

export type Step =
  | { kind: "run"; line: number; code: string; exit: number; contains: string[]; output?: { line: number; text: string } }
  | { kind: "edit"; line: number; path: string; json: Record<string, unknown> }
  | { kind: "append"; line: number; path: string; key: string; json: unknown }
  | { kind: "file"; line: number; path: string; text: string }
  | { kind: "excerpt"; line: number; path: string; pointer: string; without: string[]; json: unknown };

/** A step of README.md or a docs/ page: a step of the guide, or one of the directives only pages use. */
export type PageStep =
  | Step
  | { kind: "typecheck"; line: number; path: string; text: string }
  | { kind: "ci"; line: number; code: string }
  | { kind: "scripts"; line: number; code: string }
  | { kind: "install"; line: number; code: string }
  | { kind: "folders"; line: number; text: string };

interface Fence {
  line: number;
  lang: string;
  text: string;
  directive: string | null;
}

/** The fenced blocks of a Markdown text, each with the HTML comment just before it (if any). */
export function fences(markdown: string, file = "docs/authoring.md"): Fence[] {
  const lines = markdown.split("\n");
  const out: Fence[] = [];
  let pending: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const open = /^(`{3,})(\S*)\s*$/.exec(l);
    if (open) {
      const start = i;
      const body: string[] = [];
      for (i++; i < lines.length && lines[i] !== open[1]; i++) body.push(lines[i]!);
      if (i >= lines.length) throw new Error(`${file}:${start + 1}: fence never closed`);
      out.push({ line: start + 1, lang: open[2]!, text: `${body.join("\n")}\n`, directive: pending });
      pending = null;
      continue;
    }
    const comment = /^<!--\s*([\s\S]*?)\s*-->\s*$/.exec(l);
    if (comment) pending = comment[1]!;
    else if (l.trim() !== "") pending = null;
  }
  return out;
}

function commandCount(code: string): number {
  let n = 0;
  let continued = false;
  for (const l of code.split("\n")) {
    const t = l.trim();
    if (!continued && t !== "" && !t.startsWith("#")) n++;
    continued = t.endsWith("\\");
  }
  return n;
}

/** The guide's steps, in order. Throws, naming the line, for a block without a directive or a malformed one. */
export function steps(markdown: string): Step[] {
  return parseSteps(markdown, "docs/authoring.md", false) as Step[];
}

/** The steps of README.md or a page of docs/, in order (the guide's directives, and typecheck, ci and install). */
export function pageSteps(markdown: string, file: string): PageStep[] {
  return parseSteps(markdown, file, true);
}

function parseSteps(markdown: string, file: string, page: boolean): PageStep[] {
  const out: PageStep[] = [];
  for (const f of fences(markdown, file)) {
    const where = `${file}:${f.line}`;
    const d = f.directive;
    if (d === null)
      throw new Error(
        `${where}: a fenced block without a directive (<!-- run: ... -->, <!-- output -->, <!-- edit: ... -->, ...); every block of the guide is run, applied or checked`,
      );
    const json = () => {
      if (f.lang !== "json") throw new Error(`${where}: '${d}' goes with a json block`);
      try {
        return JSON.parse(f.text) as unknown;
      } catch (e) {
        throw new Error(`${where}: not JSON: ${(e as Error).message}`);
      }
    };
    let m: RegExpExecArray | null;
    if ((m = /^run:\s*(\{.*\})$/.exec(d))) {
      if (f.lang !== "sh") throw new Error(`${where}: run goes with an sh block`);
      const spec = JSON.parse(m[1]!) as { exit?: unknown; contains?: unknown };
      const exit = spec.exit ?? 0;
      const contains = spec.contains ?? [];
      if (typeof exit !== "number" || !Array.isArray(contains) || !contains.every((c) => typeof c === "string"))
        throw new Error(`${where}: run takes {"exit": number, "contains": [strings]}`);
      if (exit !== 0 && commandCount(f.text) !== 1)
        throw new Error(`${where}: a block expected to exit ${exit} holds one command, so that an earlier command cannot fail in its place`);
      out.push({ kind: "run", line: f.line, code: f.text, exit, contains: contains as string[] });
    } else if (d === "output") {
      const prev = out[out.length - 1];
      if (f.lang !== "text" || prev?.kind !== "run" || prev.output)
        throw new Error(`${where}: an output block is a text block right after the run block it shows`);
      prev.output = { line: f.line, text: f.text };
    } else if ((m = /^edit:\s*(\S+)$/.exec(d))) {
      const j = json();
      if (typeof j !== "object" || j === null || Array.isArray(j)) throw new Error(`${where}: an edit is a JSON object of top-level keys`);
      out.push({ kind: "edit", line: f.line, path: m[1]!, json: j as Record<string, unknown> });
    } else if ((m = /^append:\s*(\S+)\s+(\S+)$/.exec(d))) {
      out.push({ kind: "append", line: f.line, path: m[1]!, key: m[2]!, json: json() });
    } else if ((m = /^file:\s*(\S+)$/.exec(d))) {
      out.push({ kind: "file", line: f.line, path: m[1]!, text: f.text });
    } else if ((m = /^excerpt:\s*([^#\s]+)#(\S.*?)(?:\s+without\s+(.+))?$/.exec(d))) {
      out.push({ kind: "excerpt", line: f.line, path: m[1]!, pointer: m[2]!, without: m[3] ? m[3].split(",").map((s) => s.trim()) : [], json: json() });
    } else if (!page) throw new Error(`${where}: unknown directive '${d}'`);
    else if ((m = /^typecheck:\s*(\S+\.ts)$/.exec(d))) {
      if (f.lang !== "ts") throw new Error(`${where}: typecheck goes with a ts block`);
      out.push({ kind: "typecheck", line: f.line, path: m[1]!, text: f.text });
    } else if (d === "ci") {
      if (f.lang !== "sh") throw new Error(`${where}: ci goes with an sh block`);
      out.push({ kind: "ci", line: f.line, code: f.text });
    } else if (d === "scripts") {
      if (f.lang !== "sh") throw new Error(`${where}: scripts goes with an sh block`);
      out.push({ kind: "scripts", line: f.line, code: f.text });
    } else if (d === "folders") {
      if (f.lang !== "text") throw new Error(`${where}: folders goes with a text block`);
      out.push({ kind: "folders", line: f.line, text: f.text });
    } else if (d === "install") {
      if (f.lang !== "sh") throw new Error(`${where}: install goes with an sh block`);
      out.push({ kind: "install", line: f.line, code: f.text });
    } else throw new Error(`${where}: unknown directive '${d}'`);
  }
  return out;
}

/** The node at a JSON pointer; an array step is an index, or the id (or name) of an item. */
export function resolvePointer(doc: unknown, pointer: string): unknown {
  if (!pointer.startsWith("/")) throw new Error(`pointer '${pointer}' does not start with /`);
  let node = doc;
  for (const raw of pointer.slice(1).split("/")) {
    const step = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (Array.isArray(node)) {
      const found = /^\d+$/.test(step)
        ? node[Number(step)]
        : node.find((x) => typeof x === "object" && x !== null && ((x as { id?: unknown }).id === step || (x as { name?: unknown }).name === step));
      if (found === undefined) throw new Error(`pointer '${pointer}': no item '${step}'`);
      node = found;
    } else if (typeof node === "object" && node !== null && Object.hasOwn(node, step)) node = (node as Record<string, unknown>)[step];
    else throw new Error(`pointer '${pointer}': no key '${step}'`);
  }
  return node;
}

/**
 * Whether the text an output block shows is what was printed: line by line (trailing spaces ignored), `...`
 * alone standing for any number of lines and a line ending in ` ...` for any rest of its line.
 */
export function outputMatches(shown: string, actual: string): boolean {
  const lines = (t: string) => {
    const l = t.split("\n").map((s) => s.trimEnd());
    while (l.length > 0 && l[l.length - 1] === "") l.pop();
    return l;
  };
  const s = lines(shown);
  const a = lines(actual);
  const memo = new Map<string, boolean>();
  const match = (i: number, j: number): boolean => {
    const key = `${i},${j}`;
    const hit = memo.get(key);
    if (hit !== undefined) return hit;
    let r: boolean;
    if (i === s.length) r = j === a.length;
    else if (s[i] === "...") r = match(i + 1, j) || (j < a.length && match(i, j + 1));
    else if (j === a.length) r = false;
    else if (s[i]!.endsWith(" ...")) r = a[j]!.startsWith(s[i]!.slice(0, -3)) && match(i + 1, j + 1);
    else r = s[i] === a[j] && match(i + 1, j + 1);
    memo.set(key, r);
    return r;
  };
  return match(0, 0);
}

/** The environment for git in the scratch project: a fixed identity, and none of the user's configuration. */
function gitEnv(): NodeJS.ProcessEnv {
  const who = { name: "Rules author", email: "author@example.invalid" };
  return {
    ...process.env,
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_GLOBAL: "/dev/null",
    GIT_AUTHOR_NAME: who.name,
    GIT_AUTHOR_EMAIL: who.email,
    GIT_COMMITTER_NAME: who.name,
    GIT_COMMITTER_EMAIL: who.email,
  };
}

/** A scratch project for the walkthrough, and how to play steps in it. */
export interface Sandbox {
  /** The project folder: criteria/, docs/examples/, node_modules/tieuchi (this package). */
  readonly dir: string;
  /** Runs a shell block there with `tieuchi` on the path; output is stdout and stderr as a terminal shows them. */
  run(code: string): { exit: number; output: string };
  /** Applies an edit, append or file step. */
  apply(step: Extract<Step, { kind: "edit" | "append" | "file" }>): void;
  remove(): void;
}

/**
 * Makes the project the guide starts from: a copy of the repository's criteria/ and docs/examples/ without
 * TT 24/2023's file and its case files, its lock entry removed, and TT 22/2020's file still open-ended
 * (`validTo` null, released so in the lock), as a version is before its successor is known.
 */
export function createSandbox(): Sandbox {
  const base = mkdtempSync(join(tmpdir(), "tieuchi-guide-"));
  const dir = join(base, "project");
  const bin = join(base, "bin");
  const newFiles = new Set([`${NEW}.json`, `${NEW}.cases.json`, `${NEW}.boundaries.cases.json`]);
  cpSync(join(ROOT, "criteria"), join(dir, "criteria"), {
    recursive: true,
    filter: (src) => !newFiles.has(relative(join(ROOT, "criteria"), src).split(sep).join("/")),
  });
  cpSync(join(ROOT, "docs/examples"), join(dir, "docs/examples"), { recursive: true });
  mkdirSync(join(dir, "node_modules"));
  symlinkSync(ROOT, join(dir, "node_modules/tieuchi"), "dir");
  mkdirSync(bin);
  writeFileSync(join(bin, "tieuchi"), `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(join(ROOT, "dist/cli.js"))} "$@"\n`, {
    mode: 0o755,
  });

  const oldPath = join(dir, "criteria", `${OLD}.json`);
  const text = readFileSync(oldPath, "utf8");
  const closed = '"validTo": "2024-01-25"';
  if (text.split(closed).length !== 2) throw new Error(`${OLD}.json: expected one ${closed} to reopen`);
  const reopened = text.replace(closed, '"validTo": null');
  writeFileSync(oldPath, reopened);
  const lockPath = join(dir, "criteria/criteria.lock.json");
  const lock = parseLock(JSON.parse(readFileSync(lockPath, "utf8")));
  const idOf = (f: string) => f.replace("/", "@");
  delete lock.versions[idOf(NEW)];
  lock.versions[idOf(OLD)] = lockEntryOf(`${OLD}.json`, JSON.parse(reopened));
  writeFileSync(lockPath, serializeLock(lock));

  // A repository, as a rules author's criteria folder is: the guide shows the released text with `git show`.
  writeFileSync(join(dir, ".gitignore"), "node_modules/\n");
  for (const args of [
    ["init", "-q"],
    ["add", "-A"],
    ["commit", "-q", "-m", "The project before TT 24/2023"],
  ]) {
    const r = spawnSync("git", args, { cwd: dir, env: gitEnv(), encoding: "utf8" });
    if (r.status !== 0) throw new Error(`git ${args.join(" ")}: ${r.error?.message ?? r.stderr}`);
  }

  const inside = (p: string) => {
    const abs = join(dir, p);
    if (relative(dir, abs).startsWith("..")) throw new Error(`${p} is outside the project`);
    return abs;
  };
  return {
    dir,
    run(code: string) {
      const r = spawnSync("sh", ["-e", "-c", `exec 2>&1\n${code}`], {
        cwd: dir,
        env: { ...gitEnv(), PATH: `${bin}:${process.env.PATH ?? ""}` },
        encoding: "utf8",
        timeout: 120_000,
      });
      if (r.error) throw r.error;
      return { exit: r.status ?? -1, output: r.stdout };
    },
    apply(step) {
      const path = inside(step.path);
      if (step.kind === "file") {
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, step.text);
        return;
      }
      const doc = JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
      if (step.kind === "edit") Object.assign(doc, step.json);
      else {
        const list = doc[step.key];
        if (!Array.isArray(list)) throw new Error(`${step.path} has no array '${step.key}' to append to`);
        list.push(step.json);
      }
      writeFileSync(path, `${JSON.stringify(doc, null, 2)}\n`);
    },
    remove() {
      rmSync(base, { recursive: true, force: true });
    },
  };
}

/** What an excerpt should show: the node in the repository's file, less the keys it leaves out. */
export function excerptTarget(step: Extract<Step, { kind: "excerpt" }>): unknown {
  const node = resolvePointer(JSON.parse(readFileSync(join(ROOT, step.path), "utf8")), step.pointer);
  if (step.without.length === 0) return node;
  if (typeof node !== "object" || node === null || Array.isArray(node)) throw new Error(`${step.path}#${step.pointer} is not an object to leave keys out of`);
  for (const k of step.without) if (!Object.hasOwn(node, k)) throw new Error(`${step.path}#${step.pointer} has no key '${k}' to leave out`);
  return Object.fromEntries(Object.entries(node).filter(([k]) => !step.without.includes(k)));
}

export const sameJson = isDeepStrictEqual;

// `npx tsx test/guide.ts`: play the guide and print what every run block printed.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const sandbox = createSandbox();
  try {
    for (const s of steps(readFileSync(GUIDE, "utf8"))) {
      if (s.kind === "run") {
        const r = sandbox.run(s.code);
        process.stdout.write(`\n===== docs/authoring.md:${s.line} (exit ${r.exit}, expected ${s.exit})\n${s.code}----- output\n${r.output}`);
        if (s.output && !outputMatches(s.output.text, r.output)) process.stdout.write(`----- ✘ differs from the output block at line ${s.output.line}\n`);
      } else if (s.kind !== "excerpt") sandbox.apply(s);
    }
  } finally {
    sandbox.remove();
  }
}
