/**
 * The shipped boundary case files are what `tieuchi cases --boundaries` writes today, byte for byte, in its
 * default language: their names and descriptions are Vietnamese, for the officials who read them in the
 * explorer's sample list (which marks them `lang="vi"`). A file changed by hand, generated with `--lang en`, or
 * left behind by a change to the generator or to its set fails here; regenerate it with
 * `tieuchi cases --boundaries <set>.json --out <set>.boundaries.cases.json`.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compactJson } from "../src/testing/json.js";
import { loadCriteriaFile } from "../src/node/index.js";
import { boundaryCases } from "../src/testing/boundaries.js";
import { ROOT } from "./helpers.js";

const CRITERIA = join(ROOT, "criteria");
const FILES = readdirSync(CRITERIA, { recursive: true, encoding: "utf8" })
  .filter((f) => f.endsWith(".boundaries.cases.json"))
  .sort();

describe("the shipped boundary case files", () => {
  it("are eight, one per set version with thresholds the generator finds", () => {
    expect(FILES.length).toBe(8);
  });

  for (const file of FILES)
    it(`${file} is the generator's output in Vietnamese`, { timeout: 120_000 }, () => {
      const set = loadCriteriaFile(join(CRITERIA, file.replace(".boundaries.cases.json", ".json")));
      const made = boundaryCases(set);
      expect(readFileSync(join(CRITERIA, file), "utf8")).toBe(compactJson(made.file));
      // Vietnamese: every name says where it stands against its line in Vietnamese words.
      for (const c of made.file.cases) expect(c.name, c.name).not.toMatch(/\b(just below|just above|at the line|members|points)\b/);
    });
});
