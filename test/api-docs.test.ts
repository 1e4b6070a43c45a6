/**
 * The API documentation: `npm run docs` (typedoc, with typedoc.json) builds one site of the four entry points and
 * the guides of docs/, with no warning (a broken link or a comment naming something not exported fails the
 * build); each public field's TSDoc reaches that site and the `.d.ts` files apps read in their editors.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "./docs.js";

const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };
const guides = readdirSync(join(ROOT, "docs")).filter((f) => f.endsWith(".md"));

/** A field's TSDoc, as the source writes it (the first line of it). */
const FIELD_DOCS = [
  "Whether the set was in force on `asOf` (null without `asOf`).",
  "`pass` or `fail` when every completion of the missing data agrees; `incomplete` otherwise.",
  "Titles of sub-units decided by evaluating another set",
  "The absent data paths to ask for",
];

describe("npm run docs", () => {
  let out: string;
  let run: { status: number | null; output: string };
  beforeAll(() => {
    out = mkdtempSync(join(tmpdir(), "tieuchi-api-"));
    expect(pkg.scripts.docs).toBe("typedoc");
    const r = spawnSync(process.execPath, [join(ROOT, "node_modules/typedoc/bin/typedoc"), "--out", out], { cwd: ROOT, encoding: "utf8", timeout: 900_000 });
    run = { status: r.status, output: r.stdout + r.stderr };
  }, 900_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it("builds the site with no warning", () => {
    expect(run.status, run.output).toBe(0);
    expect(run.output).not.toMatch(/\[warning\]|\[error\]/);
  });

  it("has a page for each entry point and each guide of docs/", () => {
    const modules = readdirSync(join(out, "modules")).sort();
    for (const m of ["tieuchi.html", "tieuchi_node.html", "tieuchi_testing.html", "tieuchi_criteria.html"]) expect(modules).toContain(m);
    const documents = readdirSync(join(out, "documents")).sort();
    expect(documents).toEqual(guides.map((g) => g.replace(/\.md$/, ".html")).sort());
    // The README is the site's front page, its links to the guides turned into links to their pages.
    const index = readFileSync(join(out, "index.html"), "utf8");
    for (const g of ["versions-and-audit", "errors", "cli"]) expect(index).toContain(`href="documents/${g}.html"`);
  });

  it("carries each result field's documentation", () => {
    const page = readFileSync(join(out, "interfaces/tieuchi.Result.html"), "utf8");
    const text = page
      .replace(/<[^>]+>/g, "")
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&amp;/g, "&");
    for (const doc of FIELD_DOCS.slice(0, 3)) expect(text).toContain(doc.replace(/`/g, ""));
    expect(readFileSync(join(out, "interfaces/tieuchi.Gap.html"), "utf8")).toContain("The absent data paths to ask for");
    expect(existsSync(join(out, "functions/tieuchi.safeEvaluate.html"))).toBe(true);
  });
});

describe("the .d.ts files", () => {
  it("carry each public field's TSDoc, in the ESM and the CommonJS declarations", () => {
    const dts = readdirSync(join(ROOT, "dist")).filter((f) => /\.d\.c?ts$/.test(f));
    for (const ext of [".d.ts", ".d.cts"]) {
      const text = dts
        .filter((f) => f.endsWith(ext))
        .map((f) => readFileSync(join(ROOT, "dist", f), "utf8"))
        .join("\n");
      for (const doc of FIELD_DOCS) expect(text, `${ext}: ${doc}`).toContain(doc);
      expect(text).toMatch(/declare function safeEvaluate\(set: SetToEvaluate, data: unknown, options\?: EvaluateOptions\): SafeEvaluation;/);
    }
  });
});
