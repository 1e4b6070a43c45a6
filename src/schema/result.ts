import { z } from "zod";
import { IsoDate, Localized } from "./common.js";

/** Status of one criterion for one unit. */
export const Status = z.enum(["pass", "fail", "missing", "not-applicable", "error"]);
export type Status = z.infer<typeof Status>;

/** Why a criterion is `missing` or `not-applicable`, when it is not plain absent data or a false `applies`. */
export const StatusReason = z.enum(["data", "not-encoded", "applies-false", "empty-group", "derived"]);
export type StatusReason = z.infer<typeof StatusReason>;

/** The overall verdict. `incomplete`: missing data could still turn it either way. */
export const Verdict = z.enum(["pass", "fail", "incomplete"]);
export type Verdict = z.infer<typeof Verdict>;

/** A value a criterion read: a scalar as it was, a list by its length. */
export const ReadValue = z.union([z.string(), z.number(), z.boolean(), z.object({ length: z.number().int().nonnegative() }).strict()]);
export type ReadValue = z.infer<typeof ReadValue>;

/** A ratio compared against a percentage. */
export const Measure = z
  .object({
    kind: z.literal("ratio"),
    op: z.enum(["atLeast", "atMost"]),
    part: z.number().int().nonnegative(),
    whole: z.number().int().nonnegative(),
    percent: z.number(),
    met: z.boolean(),
  })
  .strict();
export type Measure = z.infer<typeof Measure>;

/** The outcome of one criterion, with what it read and a sentence saying why. */
export const CriterionResult = z
  .object({
    id: z.string(),
    title: Localized,
    group: z.string().nullable(),
    level: z.string().nullable(),
    role: z.enum(["standard", "exclusion"]),
    mandatory: z.boolean(),
    status: Status,
    reason: StatusReason.nullable(),
    points: z.object({ earned: z.number().int().nonnegative(), max: z.number().int().nonnegative() }).strict().nullable(),
    /** Data paths that were needed but absent. */
    missing: z.array(z.string()),
    /** Values read, by absolute path into the unit's data (only with explanations on). */
    values: z.record(z.string(), ReadValue).optional(),
    /** Ratios compared (only with explanations on). */
    measures: z.array(Measure).optional(),
    /** Paths of nested sub-results this criterion read (only with explanations on). */
    subResults: z.array(z.string()).optional(),
    /** Why, in Vietnamese and English (only with explanations on). */
    message: Localized.optional(),
    /** What went wrong, for status `error`. */
    error: z.string().optional(),
  })
  .strict();
export type CriterionResult = z.infer<typeof CriterionResult>;

export const LevelResult = z
  .object({
    id: z.string(),
    title: Localized,
    status: z.enum(["achieved", "not-achieved", "undetermined"]),
    failing: z.array(z.string()),
    missing: z.array(z.string()),
  })
  .strict();
export type LevelResult = z.infer<typeof LevelResult>;

export const GroupResult = z
  .object({
    id: z.string(),
    title: Localized,
    earned: z.number().int().nonnegative(),
    max: z.number().int().nonnegative(),
    // Only the statuses that occur: zod 4 makes a record keyed by an enum demand every key.
    statuses: z.partialRecord(Status, z.number().int().nonnegative()),
  })
  .strict();
export type GroupResult = z.infer<typeof GroupResult>;

/** What stands between the unit and the title (or the next grade or level). */
export const Gap = z
  .object({
    /** Points still needed to reach the pass mark (0 when reached); null under an all-must-pass decision or an unknown pass mark. */
    pointsShort: z.number().int().nonnegative().nullable(),
    /** Knock-out criteria (mandatory, exclusions, or any under an all-must-pass decision) that failed. */
    blocking: z.array(z.string()),
    /** Criteria that could not be decided for want of data (or because they are not encoded yet). */
    missing: z.array(z.string()),
    /** Criteria that fail and earn no points, most points first: the cheapest ways to close a points gap. */
    toImprove: z.array(z.object({ id: z.string(), points: z.number().int().nonnegative() }).strict()),
    /** The next grade up and the points it needs, when the unit passed below the top grade. */
    nextGrade: z.object({ id: z.string(), title: Localized, pointsShort: z.number().int().nonnegative() }).strict().nullable(),
    /** The next level up and what stands in its way, under a levels decision. */
    nextLevel: z.object({ id: z.string(), title: Localized, failing: z.array(z.string()), missing: z.array(z.string()) }).strict().nullable(),
  })
  .strict();
export type Gap = z.infer<typeof Gap>;

export const PointsSummary = z
  .object({
    earned: z.number().int().nonnegative(),
    max: z.number().int().nonnegative(),
    /** The maximum over applicable criteria (lower than `max` when not-applicable criteria are excluded). */
    applicableMax: z.number().int().nonnegative(),
    /** Points needed to pass, scaled to `applicableMax`; null when the regulation's pass mark is not known. */
    passMark: z.number().int().nonnegative().nullable(),
    /** Points the unit would have if every missing criterion passed. */
    possible: z.number().int().nonnegative(),
  })
  .strict();
export type PointsSummary = z.infer<typeof PointsSummary>;

/** Identity of the set that decided a result. */
export const SetStamp = z
  .object({
    id: z.string(),
    version: z.string(),
    hash: z.string().regex(/^sha256:[0-9a-f]{64}$/),
    title: Localized,
    document: z.string(),
  })
  .strict();
export type SetStamp = z.infer<typeof SetStamp>;

/** The result of evaluating a set against one unit's data. */
export const Result = z
  .object({
    format: z.literal("tieuchi/result@1"),
    set: SetStamp,
    asOf: IsoDate.nullable(),
    /** Whether the set was in force on `asOf` (null without `asOf`). */
    inForce: z.boolean().nullable(),
    verdict: Verdict,
    grade: z.object({ id: z.string(), title: Localized }).strict().nullable(),
    /** False when missing data could still raise the grade or level. */
    gradeFinal: z.boolean(),
    points: PointsSummary.nullable(),
    levels: z.array(LevelResult),
    groups: z.array(GroupResult),
    criteria: z.array(CriterionResult),
    gap: Gap,
    /** One sentence on the verdict (only with explanations on). */
    message: Localized.optional(),
    /** Titles of sub-units decided by evaluating another set (e.g. each family's "Gia đình văn hóa"). */
    get subResults() {
      return z.array(SubResult);
    },
    engine: z.object({ name: z.literal("tieuchi"), version: z.string(), evaluator: z.string() }).strict(),
  })
  .strict();
export type Result = z.infer<typeof Result>;

/** A sub-unit's title decided by evaluating another set, or given as a result that set gave. */
export const SubResult = z
  .object({
    path: z.string(),
    /** True when the result was given with the data (`{"result": ...}`), not computed by this evaluation. */
    given: z.literal(true).optional(),
    get result() {
      return Result;
    },
  })
  .strict();
export type SubResult = z.infer<typeof SubResult>;
