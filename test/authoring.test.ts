// docs/authoring.md, played: every command run in order in a scratch project, every edit made, every output and
// excerpt compared with the real thing. The conventions are described in test/guide.ts.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSandbox, excerptTarget, GUIDE, NEW, OLD, outputMatches, resolvePointer, ROOT, sameJson, steps, type Sandbox, type Step } from "./guide.js";

const markdown = readFileSync(GUIDE, "utf8");
let guide: Step[] = [];
let parseError: unknown = null;
try {
  guide = steps(markdown);
} catch (e) {
  parseError = e;
}

describe("the guide's conventions", () => {
  it("every fenced block of docs/authoring.md carries a directive, so none is left unrun or unchecked", () => {
    expect(parseError).toBeNull();
    expect(guide.filter((s) => s.kind === "run").length).toBeGreaterThan(20);
    expect(new Set(guide.map((s) => s.kind))).toEqual(new Set(["run", "edit", "append", "file", "excerpt"]));
  });

  it("refuses a block without a directive, and a block expected to fail that holds more than one command", () => {
    expect(() => steps("text\n\n```sh\ntieuchi lock --check\n```\n")).toThrow(/docs\/authoring.md:3: a fenced block without a directive/);
    expect(() => steps('<!-- run: {"exit": 1} -->\n```sh\ncp a b\ntieuchi lock --check\n```\n')).toThrow(/holds one command/);
    expect(steps('<!-- run: {"exit": 1} -->\n```sh\n# a comment\ntieuchi diff a.json \\\n  b.json\n```\n')).toHaveLength(1);
    expect(() => steps("<!-- output -->\n```text\nx\n```\n")).toThrow(/right after the run block/);
    expect(() => steps("<!-- ran: {} -->\n```sh\nls\n```\n")).toThrow(/unknown directive/);
  });

  it("matches shown output line by line, with ... for lines or line ends left out", () => {
    const actual = "first line\nsecond line, long\nthird\nlast   \n";
    expect(outputMatches("first line\nsecond line, long\nthird\nlast\n", actual)).toBe(true);
    expect(outputMatches("first line\n...\nlast\n", actual)).toBe(true);
    expect(outputMatches("first line\nsecond line, ...\n...\n", actual)).toBe(true);
    expect(outputMatches("first line\nlast\n", actual)).toBe(false);
    expect(outputMatches("first line\nsecond line\n...\n", actual)).toBe(false);
    expect(outputMatches("...\nnot there\n", actual)).toBe(false);
  });

  it("finds excerpts by JSON pointer, array items by id or name", () => {
    const doc = { criteria: [{ id: "TC2.CT1", rule: 1 }], cases: [{ name: "a/b (c)", x: 2 }] };
    expect(resolvePointer(doc, "/criteria/TC2.CT1/rule")).toBe(1);
    expect(resolvePointer(doc, "/cases/a~1b (c)/x")).toBe(2);
    expect(resolvePointer(doc, "/criteria/0/id")).toBe("TC2.CT1");
    expect(() => resolvePointer(doc, "/criteria/TC9")).toThrow(/no item 'TC9'/);
  });
});

describe("docs/authoring.md, played in a scratch project", () => {
  let sandbox: Sandbox;
  beforeAll(() => {
    sandbox = createSandbox();
  });
  afterAll(() => sandbox?.remove());

  it(`starts released and consistent, without ${NEW} and with ${OLD} open-ended`, () => {
    // Every version the repository releases, less the one the walkthrough encodes.
    const released = Object.keys((JSON.parse(readFileSync(join(ROOT, "criteria/criteria.lock.json"), "utf8")) as { versions: object }).versions).length;
    expect(sandbox.run("tieuchi lock --check --lang en")).toEqual({ exit: 0, output: `${released - 1} locked\n` });
    expect(sandbox.run(`test ! -e criteria/${NEW}.json && grep -c '"validTo": null' criteria/${OLD}.json`)).toEqual({ exit: 0, output: "1\n" });
  });

  for (const s of guide) {
    const title =
      s.kind === "run"
        ? `line ${s.line}: ${s.code.trim().split("\n")[0]}`
        : s.kind === "excerpt"
          ? `line ${s.line}: excerpt of ${s.path}#${s.pointer}`
          : `line ${s.line}: ${s.kind} ${s.path}`;
    it(title, { timeout: 60_000 }, () => {
      if (s.kind === "excerpt") {
        expect(sameJson(s.json, excerptTarget(s)), `the excerpt at docs/authoring.md:${s.line} differs from ${s.path}#${s.pointer}`).toBe(true);
        return;
      }
      if (s.kind !== "run") {
        sandbox.apply(s);
        return;
      }
      const r = sandbox.run(s.code);
      expect(r.exit, `exit code of the block at docs/authoring.md:${s.line}; it printed:\n${r.output}`).toBe(s.exit);
      for (const c of s.contains) expect(r.output, `docs/authoring.md:${s.line}`).toContain(c);
      if (s.output)
        expect(outputMatches(s.output.text, r.output), `the output shown at docs/authoring.md:${s.output.line} is not what was printed:\n${r.output}`).toBe(
          true,
        );
    });
  }

  it("ends where the repository is: the same lock, criteria file and generated boundary cases", () => {
    const same = (rel: string) => expect(readFileSync(join(sandbox.dir, rel), "utf8"), rel).toBe(readFileSync(join(ROOT, rel), "utf8"));
    same("criteria/criteria.lock.json");
    same(`criteria/${NEW}.json`);
    same(`criteria/${NEW}.boundaries.cases.json`);
    expect(sandbox.run("git status --porcelain criteria")).toEqual({ exit: 0, output: "" });
  });
});
