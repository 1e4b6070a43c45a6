import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { criteriaSetJsonSchema } from "../src/index.js";
import type { LoadedSet } from "../src/index.js";
import { findCaseFiles } from "../src/node/cases.js";
import { findCriteriaFiles, loadCriteriaFile, loadRegistry, readJsonFile } from "../src/node/index.js";
import { parseCaseFile, runCaseFile } from "../src/testing/cases.js";
import { caseCoverage } from "../src/testing/coverage.js";
import { ROOT } from "./helpers.js";

const files = findCriteriaFiles(join(ROOT, "criteria"));
// Cases may give a sub-unit's data for a title input (a member's Công dân học tập, a family's Gia đình học tập),
// decided by the set the registry finds for the case's date.
const registry = loadRegistry(join(ROOT, "criteria"));

/**
 * Whether any data could make the set say "fail": an encoded knock-out (a mandatory criterion, an exclusion, or
 * any encoded criterion under method "all"), or a pass mark above zero. A set whose only knock-outs are not
 * encoded yet (its table was never found) and whose pass mark is unknown can only say "incomplete": demanding a
 * "fail" case from it would demand an invented threshold.
 */
function canFail(set: LoadedSet): boolean {
  const d = set.definition.decision;
  const encoded = set.definition.criteria.filter((c) => !c.pending);
  return encoded.some((c) => c.role === "exclusion" || c.mandatory || d.method === "all") || (d.method === "points" && d.passMark !== null && d.passMark > 0);
}

describe("the criteria shipped in criteria/", () => {
  it("are present", () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it("keep criteria-set.schema.json equal to the schema generated from zod (run `npm run schema`)", () => {
    const onDisk = JSON.parse(readFileSync(join(ROOT, "criteria/criteria-set.schema.json"), "utf8"));
    expect(onDisk).toEqual(criteriaSetJsonSchema());
  });

  const ajv = new (Ajv2020 as unknown as new (o: object) => { compile(s: object): ((d: unknown) => boolean) & { errors?: unknown } })({
    strict: false,
    validateFormats: false,
  });
  const validateJsonSchema = ajv.compile(criteriaSetJsonSchema());

  for (const file of files) {
    const rel = file.slice(ROOT.length + 1);
    describe(rel, () => {
      it("validates, and lives at criteria/<id>/<version>.json", () => {
        const set = loadCriteriaFile(file);
        expect(rel).toBe(`criteria/${set.definition.id}/${set.definition.version}.json`);
      });

      it("is accepted by the JSON Schema editors use", () => {
        expect(validateJsonSchema(readJsonFile(file)), JSON.stringify(validateJsonSchema.errors)).toBe(true);
      });

      const casesPath = file.replace(/\.json$/, ".cases.json");
      it("has a case file, and every case holds", () => {
        expect(existsSync(casesPath), `${casesPath} is missing`).toBe(true);
        const set = loadCriteriaFile(file);
        const caseFile = parseCaseFile(readJsonFile(casesPath), casesPath);
        const outcomes = runCaseFile(set, caseFile, { sets: registry });
        const failed = outcomes.filter((o) => !o.ok).map((o) => `${o.name}: ${JSON.stringify(o.differences)}`);
        expect(failed).toEqual([]);
        const verdicts = new Set(outcomes.map((o) => o.result?.verdict).filter(Boolean));
        expect([...verdicts]).toContain("incomplete");
        if (canFail(set)) expect([...verdicts]).toContain("fail");
        // A complete set shows a unit that earns the title; a set with criteria not encoded must never pass.
        if (set.definition.completeness.level !== "partial") expect([...verdicts]).toContain("pass");
        if (set.definition.criteria.some((c) => c.pending)) expect([...verdicts]).not.toContain("pass");
        expect(
          caseFile.cases.some((c) => c.expect.invalidData !== undefined),
          "a case with invalid data",
        ).toBe(true);
      });

      it("has cases (across all its case files) that see every encoded criterion both pass and fail", () => {
        const set = loadCriteriaFile(file);
        const outcomes = findCaseFiles(file).flatMap((p) => runCaseFile(set, parseCaseFile(readJsonFile(p), p), { sets: registry }));
        expect(outcomes.filter((o) => !o.ok).map((o) => o.name)).toEqual([]);
        expect(caseCoverage(set, outcomes).gaps).toEqual([]);
      });
    });
  }
});
