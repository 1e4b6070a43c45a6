// docs/semantics.md, played: its worked examples (TT 22/2020 and NĐ 122/2018) written and run in a copy of the
// repository's criteria with this build's CLI, each exit code, expected text and output shown checked, so the page
// stays true.
import { afterAll, describe, expect, it } from "vitest";
import { createClone, outputMatches, stepsOf, titleOf, type Project } from "./docs.js";

const PAGE = "docs/semantics.md";

describe(`${PAGE}, played in a clone`, () => {
  const { steps, error } = stepsOf(PAGE);
  let clone: Project | undefined;
  const project = () => (clone ??= createClone());
  afterAll(() => clone?.remove());

  it("has a directive on every fenced block, and worked examples of both regulations", () => {
    expect(error).toBeNull();
    const runs = steps.filter((s) => s.kind === "run");
    expect(runs.some((s) => s.kind === "run" && s.code.includes("don-vi-hoc-tap/2020.1.0"))).toBe(true);
    expect(runs.some((s) => s.kind === "run" && s.code.includes("gia-dinh-van-hoa/2018.1.0"))).toBe(true);
  });

  for (const s of steps)
    it(titleOf(s), () => {
      const p = project();
      if (s.kind === "file") return p.write(s.path, s.text);
      if (s.kind !== "run") throw new Error(`${PAGE}:${s.line}: a ${s.kind} step is not expected on this page`);
      const r = p.run(s.code);
      expect(r.exit, `exit code of the block at ${PAGE}:${s.line}; it printed:\n${r.output}`).toBe(s.exit);
      for (const c of s.contains) expect(r.output, `${PAGE}:${s.line}`).toContain(c);
      if (s.output)
        expect(outputMatches(s.output.text, r.output), `the output shown at ${PAGE}:${s.output.line} is not what was printed:\n${r.output}`).toBe(true);
    });
});
