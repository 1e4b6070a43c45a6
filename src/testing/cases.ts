/**
 * Tests of a criteria set written as data, kept next to the set (`<version>.cases.json`): each case gives a
 * unit's data and what the set must decide for it.
 *
 * @module
 */
import { z } from "zod";
import { CaseFileError, UnitDataError } from "../errors.js";
import { evaluate, type EvaluateOptions } from "../evaluate/evaluate.js";
import type { LoadedSet } from "../evaluate/load.js";
import { IsoDate, SetId, Version } from "../schema/common.js";
import { schemaProblems } from "../schema/parse.js";
import { Status, Verdict, type Result } from "../schema/result.js";

/** What a case expects. Only what is written is checked. */
export const Expectation = z
  .object({
    verdict: Verdict.optional(),
    /** Grade or level id; `null` for none. */
    grade: z.string().nullable().optional(),
    points: z.number().int().nonnegative().optional(),
    criteria: z.record(z.string(), Status).optional(),
    /** The data must be rejected: the codes of the problems expected (e.g. `invalid_type`, `unknown_field`). */
    invalidData: z.array(z.string()).min(1).optional(),
  })
  .strict()
  .refine((e) => Object.keys(e).length > 0, "a case must expect something");
export type Expectation = z.infer<typeof Expectation>;

/** One case. */
export const Case = z
  .object({
    name: z.string().min(1),
    description: z.string().optional(),
    asOf: IsoDate.optional(),
    data: z.record(z.string(), z.unknown()),
    expect: Expectation,
  })
  .strict();
export type Case = z.infer<typeof Case>;

/** A case file: the set it tests and its cases. */
export const CaseFile = z
  .object({
    $schema: z.string().optional(),
    set: z.object({ id: SetId, version: Version }).strict(),
    cases: z.array(Case).min(1),
  })
  .strict()
  .superRefine((f, ctx) => {
    const seen = new Set<string>();
    f.cases.forEach((c, i) => {
      if (seen.has(c.name)) ctx.addIssue({ code: "custom", path: ["cases", i, "name"], message: `case name '${c.name}' is used twice` });
      seen.add(c.name);
    });
  });
export type CaseFile = z.infer<typeof CaseFile>;

/**
 * Validates a case file.
 *
 * @throws {@link CaseFileError} listing every problem.
 */
export function parseCaseFile(json: unknown, source?: string): CaseFile {
  const r = CaseFile.safeParse(json);
  if (!r.success) throw new CaseFileError(schemaProblems(r.error), source);
  return r.data;
}

/** A difference between what a case expected and what happened. */
export interface Difference {
  /** `verdict`, `grade`, `points`, `criteria.<id>` or `invalidData`. */
  readonly field: string;
  readonly expected: unknown;
  readonly actual: unknown;
}

/** The outcome of one case. */
export interface CaseOutcome {
  readonly name: string;
  readonly ok: boolean;
  readonly differences: readonly Difference[];
  /** The result, when the data was accepted. */
  readonly result?: Result;
  /** The problems, when the data was rejected. */
  readonly dataProblems?: readonly { code: string; path: readonly (string | number)[]; message: string }[];
}

/** Runs one case against a loaded set. */
export function runCase(set: LoadedSet, c: Case, options: Omit<EvaluateOptions, "asOf"> = {}): CaseOutcome {
  const diffs: Difference[] = [];
  let result: Result;
  try {
    result = evaluate(set, c.data, { ...options, ...(c.asOf !== undefined ? { asOf: c.asOf } : {}) });
  } catch (e) {
    if (!(e instanceof UnitDataError)) throw e;
    const codes = [...new Set(e.problems.map((p) => p.code))].sort();
    if (c.expect.invalidData) {
      const missing = c.expect.invalidData.filter((code) => !codes.includes(code));
      if (missing.length) diffs.push({ field: "invalidData", expected: c.expect.invalidData, actual: codes });
    } else diffs.push({ field: "invalidData", expected: "the data to be accepted", actual: e.problems.map((p) => `${p.path.join(".")}: ${p.message}`) });
    return { name: c.name, ok: diffs.length === 0, differences: diffs, dataProblems: e.problems };
  }
  const e = c.expect;
  if (e.invalidData) diffs.push({ field: "invalidData", expected: e.invalidData, actual: "the data was accepted" });
  if (e.verdict !== undefined && e.verdict !== result.verdict) diffs.push({ field: "verdict", expected: e.verdict, actual: result.verdict });
  if (e.grade !== undefined && e.grade !== (result.grade?.id ?? null)) diffs.push({ field: "grade", expected: e.grade, actual: result.grade?.id ?? null });
  if (e.points !== undefined && e.points !== result.points?.earned) diffs.push({ field: "points", expected: e.points, actual: result.points?.earned ?? null });
  for (const [id, status] of Object.entries(e.criteria ?? {})) {
    const actual = result.criteria.find((r) => r.id === id);
    if (!actual) diffs.push({ field: `criteria.${id}`, expected: status, actual: "no such criterion" });
    else if (actual.status !== status) diffs.push({ field: `criteria.${id}`, expected: status, actual: actual.status });
  }
  return { name: c.name, ok: diffs.length === 0, differences: diffs, result };
}

/**
 * Runs every case of a case file against the set it names.
 *
 * @throws {@link CaseFileError} if the file names another set or version than `set`.
 */
export function runCaseFile(set: LoadedSet, file: CaseFile, options: Omit<EvaluateOptions, "asOf"> = {}): CaseOutcome[] {
  const d = set.definition;
  if (file.set.id !== d.id || file.set.version !== d.version)
    throw new CaseFileError([{ code: "wrong_set", path: ["set"], message: `the cases are for ${file.set.id}@${file.set.version}, not ${d.id}@${d.version}` }]);
  return file.cases.map((c) => runCase(set, c, options));
}
