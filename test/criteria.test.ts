import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { criteriaSetJsonSchema } from "../src/index.js";
import { findCriteriaFiles, loadCriteriaFile, readJsonFile } from "../src/node/index.js";
import { findCaseFiles } from "../src/node/cases.js";
import { parseCaseFile, runCaseFile } from "../src/testing/cases.js";
import { caseCoverage } from "../src/testing/coverage.js";
import { ROOT } from "./helpers.js";

const files = findCriteriaFiles(join(ROOT, "criteria"));

describe("the criteria shipped in criteria/", () => {
  it("are present", () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it("keep criteria-set.schema.json equal to the schema generated from zod (run `npm run schema`)", () => {
    const onDisk = JSON.parse(readFileSync(join(ROOT, "criteria/criteria-set.schema.json"), "utf8"));
    expect(onDisk).toEqual(criteriaSetJsonSchema());
  });

  const ajv = new (Ajv2020 as unknown as new (o: object) => { compile(s: object): ((d: unknown) => boolean) & { errors?: unknown } })({ strict: false, validateFormats: false });
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
        const outcomes = runCaseFile(loadCriteriaFile(file), parseCaseFile(readJsonFile(casesPath), casesPath));
        const failed = outcomes.filter((o) => !o.ok).map((o) => `${o.name}: ${JSON.stringify(o.differences)}`);
        expect(failed).toEqual([]);
        const verdicts = new Set(outcomes.map((o) => o.result?.verdict).filter(Boolean));
        expect([...verdicts].sort()).toEqual(expect.arrayContaining(["fail", "incomplete"]));
      });

      it("has cases (across all its case files) that see every encoded criterion both pass and fail", () => {
        const set = loadCriteriaFile(file);
        const outcomes = findCaseFiles(file).flatMap((p) => runCaseFile(set, parseCaseFile(readJsonFile(p), p)));
        expect(outcomes.filter((o) => !o.ok).map((o) => o.name)).toEqual([]);
        expect(caseCoverage(set, outcomes).gaps).toEqual([]);
      });
    });
  }
});
