import { z } from "zod";
import { IsoDate, Localized } from "./common.js";

/**
 * Status of one criterion for one unit. `pass`, `fail` and `not-applicable` are certain: every completion of the
 * missing data gives them. `missing`: completions disagree (see `outcomes`), or the criterion is not encoded yet.
 */
export const Status = z.enum(["pass", "fail", "missing", "not-applicable", "error"]);
export type Status = z.infer<typeof Status>;

/** A status some completion of the missing data gives a criterion. */
export const Outcome = z.enum(["pass", "fail", "not-applicable", "error"]);
export type Outcome = z.infer<typeof Outcome>;

/**
 * Why a criterion has its status, when it is not plain: `data` (missing: completions of the absent data
 * disagree), `not-encoded` (missing: the regulation's text is not known), `applies-false` (not applicable),
 * `empty-group` (a share it takes has an empty base, so it has the status the set declares for an empty group).
 * `derived` is no longer given (an empty group met through a derived value is `empty-group`); it is kept so
 * results written by 0.1 still read.
 */
export const StatusReason = z.enum(["data", "not-encoded", "applies-false", "empty-group", "derived"]);
export type StatusReason = z.infer<typeof StatusReason>;

/** The overall verdict. `incomplete`: completions of the missing data disagree (or the pass mark is not known). */
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
    /**
     * Every status some completion of the missing data gives the criterion: one, the status itself, when it is
     * certain; several when it is `missing` (e.g. `["pass", "fail"]`, or `["pass", "not-applicable"]`).
     */
    outcomes: z.array(Outcome),
    reason: StatusReason.nullable(),
    /**
     * Points: `earned` is what every completion gives (the lowest), `possible` the most a completion can give
     * (equal to `earned` when the status is certain), `max` the criterion's maximum.
     */
    points: z
      .object({ earned: z.number().int().nonnegative(), possible: z.number().int().nonnegative(), max: z.number().int().nonnegative() })
      .strict()
      .nullable(),
    /**
     * Absent data paths whose value could still change the status (empty when it is certain). A list not given
     * is named by its own path; a list given empty is not missing (its criteria take their empty-group status).
     */
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

/** A level of a levels decision for one unit. `achieved` and `not-achieved` are certain; `undetermined` is not. */
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
    /**
     * Criteria not decided for want of data (or because they are not encoded yet) whose outcome could still change
     * the verdict, or, once the verdict is certain, the grade or level. Undecided criteria that cannot change it
     * are left out (their own status still says `missing`).
     */
    missing: z.array(z.string()),
    /**
     * The absent data paths to ask for: those whose value could still change the verdict (or, once the verdict is
     * certain, the grade or level). Paths that cannot change it are not asked for.
     */
    missingPaths: z.array(z.string()),
    /** Criteria that fail and earn no points, most points first: the cheapest ways to close a points gap. */
    toImprove: z.array(z.object({ id: z.string(), points: z.number().int().nonnegative() }).strict()),
    /** The next grade up and the points it needs, when the unit passed below the top grade. */
    nextGrade: z.object({ id: z.string(), title: Localized, pointsShort: z.number().int().nonnegative() }).strict().nullable(),
    /** The next level up and what stands in its way, under a levels decision. */
    nextLevel: z.object({ id: z.string(), title: Localized, failing: z.array(z.string()), missing: z.array(z.string()) }).strict().nullable(),
  })
  .strict();
export type Gap = z.infer<typeof Gap>;

/**
 * The points of a unit as a range over the completions of its missing data: `earned` (the lowest completion:
 * what is certain) to `possible` (the highest). Equal when nothing missing carries points.
 */
export const PointsSummary = z
  .object({
    /** The lowest total any completion of the missing data gives: the points the unit has for certain. */
    earned: z.number().int().nonnegative(),
    max: z.number().int().nonnegative(),
    /**
     * The maximum over applicable criteria (lower than `max` when not-applicable criteria are excluded, which a
     * set does only where its regulation rescales). When whether a criterion applies is itself unknown, the largest.
     */
    applicableMax: z.number().int().nonnegative(),
    /** Points needed to pass, scaled to `applicableMax`; null when the regulation's pass mark is not known. */
    passMark: z.number().int().nonnegative().nullable(),
    /** The highest total any completion of the missing data gives. */
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
    /**
     * True when every completion of the missing data gives the same grade or level (and the verdict is certain).
     * False: `grade` is provisional, the lowest any completion gives; `highestGrade` is the highest.
     */
    gradeFinal: z.boolean(),
    /**
     * The highest grade or level a completion of the missing data could reach (with a passing verdict); equal to
     * `grade` when `gradeFinal`; null when no completion passes with a grade.
     */
    highestGrade: z.object({ id: z.string(), title: Localized }).strict().nullable(),
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
