/**
 * Tests of a criteria set written as data, kept next to the set (`<version>.cases.json`): each case gives a
 * unit's data and what the set must decide for it.
 *
 * @module
 */
import { z } from "zod";
import { CaseFileError, problem, TieuchiError, UnitDataError } from "../errors.js";
import { msg } from "../i18n/index.js";
import { checkText, checkWith } from "../schema/issues.js";
import { evaluate, type EvaluateOptions } from "../evaluate/evaluate.js";
import type { LoadedSet } from "../evaluate/load.js";
import { IsoDate, type Localized, SetId, Version } from "../schema/common.js";
import { schemaProblems } from "../schema/parse.js";
import { Status, Verdict, type Result } from "../schema/result.js";

/**
 * What a case expects: the verdict, and optionally the grade, the points and the status of named criteria.
 * Only what is written is checked. A case whose data must be rejected states `invalidData` instead.
 */
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
  .superRefine((e, ctx) => {
    if (e.invalidData !== undefined) {
      for (const key of ["verdict", "grade", "points", "criteria"] as const)
        if (e[key] !== undefined) ctx.addIssue({ code: "custom", path: [key], ...checkWith(msg("check.invalid_data_has", { key })) });
    } else if (e.verdict === undefined) ctx.addIssue({ code: "custom", path: ["verdict"], message: checkText("check.case_verdict") });
  });
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
    /** Present in files written by a generator (`tieuchi cases --boundaries`): what made them, from which set file. */
    generated: z
      .object({ by: z.string().min(1), hash: z.string().regex(/^sha256:[0-9a-f]{64}$/), seed: z.string().optional() })
      .strict()
      .optional(),
    cases: z.array(Case).min(1),
  })
  .strict()
  .superRefine((f, ctx) => {
    const seen = new Set<string>();
    f.cases.forEach((c, i) => {
      if (seen.has(c.name)) ctx.addIssue({ code: "custom", path: ["cases", i, "name"], ...checkWith(msg("check.case_name_twice", { name: c.name })) });
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
  const r = CaseFile.safeParse(json, { reportInput: true });
  if (!r.success) throw new CaseFileError(schemaProblems(r.error), source);
  return r.data;
}

/** A difference between what a case expected and what happened. */
export interface Difference {
  /** `verdict`, `grade`, `points`, `criteria.<id>`, `invalidData`, or `error` when the case could not be evaluated. */
  readonly field: string;
  readonly expected: unknown;
  readonly actual: unknown;
  /** For `criteria.<id>`: the criterion's title, and the sentence explaining its actual status. */
  readonly criterion?: { readonly id: string; readonly title: Localized; readonly message?: Localized };
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

/**
 * Runs one case against a loaded set. A case that cannot be evaluated at all (a sub-unit's set that cannot be
 * found, say) fails with a difference on `error` rather than throwing, so one bad case does not hide the rest.
 */
export function runCase(set: LoadedSet, c: Case, options: Omit<EvaluateOptions, "asOf"> = {}): CaseOutcome {
  const diffs: Difference[] = [];
  let result: Result;
  try {
    result = evaluate(set, c.data, { ...options, ...(c.asOf !== undefined ? { asOf: c.asOf } : {}) });
  } catch (e) {
    if (!(e instanceof UnitDataError)) {
      if (!(e instanceof TieuchiError)) throw e;
      return {
        name: c.name,
        ok: false,
        differences: [
          {
            field: "error",
            expected: msg("case.to_be_evaluated"),
            actual: msg("case.error", { error: e.detail, problems: e.problems.map((p) => msg("error.at", { path: p.path, problem: p })), code: e.code }),
          },
        ],
      };
    }
    const codes: string[] = [...new Set(e.problems.map((p) => p.code))].sort();
    if (c.expect.invalidData) {
      const missing = c.expect.invalidData.filter((code) => !codes.includes(code));
      if (missing.length) diffs.push({ field: "invalidData", expected: c.expect.invalidData, actual: codes });
    } else
      diffs.push({ field: "invalidData", expected: msg("case.data_accepted"), actual: e.problems.map((p) => msg("error.at", { path: p.path, problem: p })) });
    return { name: c.name, ok: diffs.length === 0, differences: diffs, dataProblems: e.problems };
  }
  const e = c.expect;
  if (e.invalidData) diffs.push({ field: "invalidData", expected: e.invalidData, actual: msg("case.data_was_accepted") });
  if (e.verdict !== undefined && e.verdict !== result.verdict) diffs.push({ field: "verdict", expected: e.verdict, actual: result.verdict });
  if (e.grade !== undefined && e.grade !== (result.grade?.id ?? null)) diffs.push({ field: "grade", expected: e.grade, actual: result.grade?.id ?? null });
  if (e.points !== undefined && e.points !== result.points?.earned) diffs.push({ field: "points", expected: e.points, actual: result.points?.earned ?? null });
  for (const [id, status] of Object.entries(e.criteria ?? {})) {
    const actual = result.criteria.find((r) => r.id === id);
    if (!actual) diffs.push({ field: `criteria.${id}`, expected: status, actual: msg("case.no_such_criterion") });
    else if (actual.status !== status)
      diffs.push({
        field: `criteria.${id}`,
        expected: status,
        actual: actual.status,
        criterion: { id, title: actual.title, ...(actual.message ? { message: actual.message } : {}) },
      });
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
    throw new CaseFileError([problem("problem.wrong_set.cases", ["set"], { cases: `${file.set.id}@${file.set.version}`, set: `${d.id}@${d.version}` })]);
  return file.cases.map((c) => runCase(set, c, options));
}

/**
 * The JSON Schema (draft 2020-12) of a case file, generated from the zod schema, for editors to validate and
 * autocomplete case files. Written to `criteria/case-file.schema.json` by `npm run schema`.
 */
export function caseFileJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(CaseFile, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  return {
    $schema: schema.$schema,
    title: "tieuchi case file",
    description:
      "Tests of a criteria set written as data: each case gives a unit's data and the verdict (and optionally grade, points and criterion statuses) the set must decide.",
    ...Object.fromEntries(Object.entries(schema).filter(([k]) => k !== "$schema")),
  };
}
