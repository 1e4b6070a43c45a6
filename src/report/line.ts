/**
 * The line format of batch output (`tieuchi batch`, one JSON object per line, NDJSON) that reports read.
 *
 * Every line names where the unit was in the input (`line`), carries the unit's grouping fields (`unit`), and
 * holds either the unit's `result` or the `error` that kept it from being evaluated:
 *
 * ```json
 * {"line":2,"unit":{"id":"DV-001","xa":"Xã An Bình"},"result":{"format":"tieuchi/result@1", ...}}
 * {"line":3,"unit":{"id":"DV-002","xa":"Xã An Bình"},"error":{"code":"ERR_UNIT_DATA","message":"...","problems":[...]}}
 * ```
 *
 * - `line`: 1-based line of the unit in the input file (for CSV the physical line, counting the header; for a
 *   JSON array the 1-based position in the array).
 * - `unit`: the fields a report can group by, copied from the input: strings, numbers, booleans or null. `{}`
 *   when none were asked for.
 * - `result`: the {@link Result} (with or without explanations).
 * - `error`: `{code, message, problems?}`, `code` a tieuchi error code (`ERR_UNIT_DATA`, `ERR_JSON_PARSE`, ...).
 *
 * @module
 */
import { z } from "zod";
import { checkText } from "../schema/issues.js";
import type { Problem, TieuchiError } from "../errors.js";
import type { Message } from "../i18n/index.js";
import { Localized } from "../schema/common.js";
import { MessageData } from "../schema/common.js";
import { SetStamp, Status, Verdict, type Result } from "../schema/result.js";

/** A value a report can group by. */
export const GroupValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export type GroupValue = z.infer<typeof GroupValue>;

/** The grouping fields of a unit, by name. */
export const UnitFields = z.record(z.string(), GroupValue);
export type UnitFields = z.infer<typeof UnitFields>;

/** One problem of a unit, as an error line writes it: `key` and `params` put it into any language. */
export const LineProblem = z
  .object({
    code: z.string(),
    path: z.array(z.union([z.string(), z.number()])),
    message: z.string(),
    key: z.string().optional(),
    params: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

/** Why a unit was not evaluated. `message` is English; `detail` and the problems' keys put it into any language. */
export const LineError = z
  .object({
    code: z.string().min(1),
    message: z.string(),
    detail: MessageData.optional(),
    problems: z.array(LineProblem).optional(),
  })
  .strict();
export type LineError = z.infer<typeof LineError>;

/** A line of batch output holding a result. */
export interface ResultLine {
  readonly line: number;
  readonly unit: UnitFields;
  readonly result: Result;
}

/** A line of batch output holding the error that kept a unit from being evaluated. */
export interface ErrorLine {
  readonly line: number;
  readonly unit: UnitFields;
  readonly error: LineError;
}

/** One line of batch output. */
export type BatchLine = ResultLine | ErrorLine;

/** Builds the output line of a unit that was evaluated. */
export function resultLine(line: number, unit: UnitFields, result: Result): ResultLine {
  return { line, unit, result };
}

/** Builds the output line of a unit that could not be evaluated. */
export function errorLine(
  line: number,
  unit: UnitFields,
  error: TieuchiError | { code: string; message: string; detail?: Message; problems?: readonly Problem[] },
): ErrorLine {
  const problems =
    error.problems && error.problems.length > 0
      ? error.problems.map((p) => ({ code: p.code, path: [...p.path], message: p.message, key: p.key, params: { ...p.params } }))
      : undefined;
  const detail = error.detail ? { key: error.detail.key, params: { ...error.detail.params } } : undefined;
  return { line, unit, error: { code: error.code, message: error.message, ...(detail ? { detail } : {}), ...(problems ? { problems } : {}) } };
}

/**
 * What a report reads of a result: the set, verdict, grade, points and each criterion's status. Other fields
 * are ignored, so results with or without explanations, and from later minor versions, are read alike.
 */
export const ReportedResult = z.object({
  format: z.literal("tieuchi/result@1"),
  set: SetStamp,
  verdict: Verdict,
  grade: z.object({ id: z.string(), title: Localized }).nullable(),
  /** False when the grade is provisional (the missing data could still raise it); read as final when absent. */
  gradeFinal: z.boolean().optional(),
  points: z.object({ earned: z.number().int().nonnegative(), applicableMax: z.number().int().nonnegative() }).nullable(),
  levels: z.array(z.object({ id: z.string(), title: Localized })),
  criteria: z.array(z.object({ id: z.string(), title: Localized, status: Status })),
});
export type ReportedResult = z.infer<typeof ReportedResult>;

/**
 * A batch line as a report reads it: exactly one of `result` and `error`. Other keys are ignored, so lines from a
 * later version that carries more are still read.
 */
export const ReportedLine = z
  .object({ line: z.number().int().positive(), unit: UnitFields.default({}), result: ReportedResult.optional(), error: LineError.optional() })
  .refine((l) => (l.result === undefined) !== (l.error === undefined), { message: checkText("check.line_result_or_error") });
export type ReportedLine = z.infer<typeof ReportedLine>;
