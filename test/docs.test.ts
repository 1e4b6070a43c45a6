/**
 * The pages of docs/ (all but the authoring guide, which test/authoring.test.ts plays), each played in order in
 * a copy of the repository's criteria/ and examples with this build as `tieuchi`: every fenced block is
 * written, run and compared, type-checked, or checked against the repository (test/guide.ts lists the
 * directives). Also: every relative link of the README and the pages leads to a file, and every error code has
 * exactly one entry in docs/errors.md.
 */
import { readFileSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ciCommands, createClone, docsPages, PLAYED_ELSEWHERE, outputMatches, ROOT, stepsOf, titleOf, typecheck, type Project } from "./docs.js";
import { excerptTarget, sameJson } from "./guide.js";

const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };

for (const page of docsPages()) {
  const { steps, error } = stepsOf(page);

  describe(page, () => {
    let clone: Project;
    beforeAll(() => {
      clone = createClone();
    });
    afterAll(() => clone?.remove());

    it("carries a directive on every fenced block, so none is left unrun or unchecked", () => {
      expect(error).toBeNull();
    });

    for (const s of steps) {
      it(titleOf(s), { timeout: s.kind === "typecheck" ? 300_000 : 120_000 }, () => {
        switch (s.kind) {
          case "file":
            clone.write(s.path, s.text);
            return;
          case "edit":
          case "append": {
            const doc = JSON.parse(readFileSync(join(clone.dir, s.path), "utf8")) as Record<string, unknown>;
            if (s.kind === "edit") Object.assign(doc, s.json);
            else (doc[s.key] as unknown[]).push(s.json);
            clone.write(s.path, `${JSON.stringify(doc, null, 2)}\n`);
            return;
          }
          case "typecheck": {
            clone.write(s.path, s.text);
            // One resolution, declaration files skipped: test/readme.test.ts checks the package's types every way.
            const r = typecheck(clone, [s.path], join(ROOT, "node_modules/.bin/tsc"), { only: "bundler", skipLibCheck: true });
            expect(r.ok, `${page}:${s.line} does not type-check:\n${r.output}`).toBe(true);
            return;
          }
          case "run": {
            const r = clone.run(s.code);
            expect(r.exit, `exit code of the block at ${page}:${s.line}; it printed:\n${r.output}`).toBe(s.exit);
            for (const c of s.contains) expect(r.output, `${page}:${s.line}`).toContain(c);
            if (s.output)
              expect(outputMatches(s.output.text, r.output), `the output shown at ${page}:${s.output.line} is not what was printed:\n${r.output}`).toBe(true);
            return;
          }
          case "ci":
            throw new Error(`${page}:${s.line}: ci is for the README's set-up commands`);
          case "scripts":
            // Commands of this repository that the tests cannot run from inside themselves: each is a script.
            for (const c of ciCommands(s.code)) {
              const m = /^npm (?:run (\S+)(?: .*)?|(test|ci))$/.exec(c);
              expect(m, `${page}:${s.line}: '${c}' is not an npm script`).not.toBeNull();
              if (m![1]) expect(pkg.scripts[m![1]], `${page}:${s.line}: no script '${m![1]}' in package.json`).toBeDefined();
            }
            return;
          case "excerpt":
            expect(sameJson(s.json, excerptTarget(s)), `the excerpt at ${page}:${s.line} differs from ${s.path}#${s.pointer}`).toBe(true);
            return;
          case "install":
            throw new Error(`${page}:${s.line}: install is for the README, played in a fresh project`);
        }
      });
    }
  });
}

describe("links", () => {
  it("every relative link of the README and of docs/ leads to a file of the repository", () => {
    const broken: string[] = [];
    for (const file of ["README.md", "CHANGELOG.md", ...docsPages(), ...Object.keys(PLAYED_ELSEWHERE)]) {
      const text = readFileSync(join(ROOT, file), "utf8").replace(/```[\s\S]*?```/g, "");
      for (const m of text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
        const target = m[1]!;
        if (/^[a-z]+:/.test(target)) continue;
        try {
          readFileSync(normalize(join(ROOT, dirname(file), target)));
        } catch {
          broken.push(`${file}: ${target}`);
        }
      }
    }
    expect(broken).toEqual([]);
  });
});

describe("docs/errors.md", () => {
  it("has exactly one entry for every error code", () => {
    const union = /export type ErrorCode =([\s\S]*?);/.exec(readFileSync(join(ROOT, "src/errors.ts"), "utf8"));
    expect(union).not.toBeNull();
    const codes = [...union![1]!.matchAll(/"(ERR_[A-Z_]+)"/g)].map((m) => m[1]);
    const entries = [...readFileSync(join(ROOT, "docs/errors.md"), "utf8").matchAll(/^## (ERR_[A-Z_]+)$/gm)].map((m) => m[1]);
    expect(new Set(entries).size, "an entry is repeated").toBe(entries.length);
    expect([...entries].sort()).toEqual([...codes].sort());
  });
});
