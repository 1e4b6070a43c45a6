/**
 * The result of an evaluation, as zod schemas (to validate results read back, e.g. from batch output or an audit
 * record) and as documented TypeScript interfaces (what `evaluate` returns). Each interface is checked at compile
 * time to be exactly what its schema gives (`Same` below), so the two cannot drift apart; the interfaces exist
 * so that every field's documentation reaches the `.d.ts` files and the API reference, which types inferred
 * from a schema lose.
 *
 * @module
 */
import { z } from "zod";
import { IsoDate, Localized } from "./common.js";

/** True when each type is assignable to the other. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Compiles only when given `true`: `check<Same<A, B>>(true)`. */
function check<T extends true>(_: T): void {}

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
/** A ratio compared against a percentage ("at least 90% of members"), as a criterion measured it. */
export interface Measure {
  readonly kind: "ratio";
  /** `atLeast` or `atMost` the percentage. */
  readonly op: "atLeast" | "atMost";
  /** The items that meet the condition (those not excluded). */
  readonly part: number;
  /** The items counted (those not excluded). */
  readonly whole: number;
  /** The percentage compared with. */
  readonly percent: number;
  /** Whether the ratio met it, decided in whole numbers (27 of 30 meets 90%). */
  readonly met: boolean;
}
check<Same<z.infer<typeof Measure>, Measure>>(true);

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
/** The outcome of one criterion for one unit, with what it read and a sentence saying why. */
export interface CriterionResult {
  /** The criterion's id in its set (`2.1`, `TC1.CT3`). */
  readonly id: string;
  /** The criterion's title, in Vietnamese and English. */
  readonly title: Localized;
  /** The group it belongs to, if the set groups its criteria. */
  readonly group: string | null;
  /** The level it belongs to, under a levels decision. */
  readonly level: string | null;
  /** `standard`, or `exclusion` (a case that keeps a unit from the title when it holds). */
  readonly role: "standard" | "exclusion";
  /** Whether failing it fails the unit whatever its points (mandatory, an exclusion, or any under an all-must-pass decision). */
  readonly mandatory: boolean;
  /** Its status: certain (`pass`, `fail`, `not-applicable`), `missing` (completions of the missing data disagree, or it is not encoded yet), or `error`. */
  readonly status: Status;
  /**
   * Every status some completion of the missing data gives the criterion: one, the status itself, when it is
   * certain; several when it is `missing` (e.g. `["pass", "fail"]`, or `["pass", "not-applicable"]`).
   */
  readonly outcomes: Outcome[];
  /** Why it has its status, when that is not plain (see {@link StatusReason}). */
  readonly reason: StatusReason | null;
  /**
   * Points, for a criterion that carries them: `earned` is what every completion gives (the lowest), `possible`
   * the most a completion can give (equal to `earned` when the status is certain), `max` the criterion's maximum.
   */
  readonly points: { readonly earned: number; readonly possible: number; readonly max: number } | null;
  /**
   * Absent data paths whose value could still change the status (empty when it is certain). A list not given
   * is named by its own path; a list given empty is not missing (its criteria take their empty-group status).
   */
  readonly missing: string[];
  /** Values read, by absolute path into the unit's data (only with explanations on). */
  readonly values?: Record<string, ReadValue> | undefined;
  /** Ratios compared (only with explanations on). */
  readonly measures?: Measure[] | undefined;
  /** Paths of nested sub-results this criterion read (only with explanations on). */
  readonly subResults?: string[] | undefined;
  /** Why, in Vietnamese and English (only with explanations on). */
  readonly message?: Localized | undefined;
  /** What went wrong, for status `error`. */
  readonly error?: string | undefined;
}
check<Same<z.infer<typeof CriterionResult>, CriterionResult>>(true);

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
/** A level of a levels decision for one unit. */
export interface LevelResult {
  /** The level's id in its set. */
  readonly id: string;
  /** The level's title, in Vietnamese and English. */
  readonly title: Localized;
  /** `achieved` and `not-achieved` are certain; `undetermined`: completions of the missing data disagree. */
  readonly status: "achieved" | "not-achieved" | "undetermined";
  /** Criteria of the level (and those below it) that fail. */
  readonly failing: string[];
  /** Criteria of the level (and those below it) that are not decided. */
  readonly missing: string[];
}
check<Same<z.infer<typeof LevelResult>, LevelResult>>(true);

/** A group of criteria's points and statuses for one unit. */
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
/** A group of criteria's points and statuses for one unit. */
export interface GroupResult {
  /** The group's id in its set. */
  readonly id: string;
  /** The group's title, in Vietnamese and English. */
  readonly title: Localized;
  /** Points its criteria earned (for certain). */
  readonly earned: number;
  /** The most its criteria can earn. */
  readonly max: number;
  /** How many of its criteria have each status, for the statuses that occur, in the order they first occur. */
  readonly statuses: Partial<Record<Status, number>>;
}
check<Same<z.infer<typeof GroupResult>, GroupResult>>(true);

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
    nextLevel: z
      .object({ id: z.string(), title: Localized, failing: z.array(z.string()), missing: z.array(z.string()) })
      .strict()
      .nullable(),
  })
  .strict();
/** What stands between the unit and the title (or the next grade or level). */
export interface Gap {
  /** Points still needed to reach the pass mark (0 when reached); null under an all-must-pass decision or an unknown pass mark. */
  readonly pointsShort: number | null;
  /** Knock-out criteria (mandatory, exclusions, or any under an all-must-pass decision) that failed. */
  readonly blocking: string[];
  /**
   * Criteria not decided for want of data (or because they are not encoded yet) whose outcome could still change
   * the verdict, or, once the verdict is certain, the grade or level. Undecided criteria that cannot change it
   * are left out (their own status still says `missing`).
   */
  readonly missing: string[];
  /**
   * The absent data paths to ask for: those whose value could still change the verdict (or, once the verdict is
   * certain, the grade or level). Paths that cannot change it are not asked for.
   */
  readonly missingPaths: string[];
  /** Criteria that fail and earn no points, most points first: the cheapest ways to close a points gap. */
  readonly toImprove: Array<{ readonly id: string; readonly points: number }>;
  /** The next grade up and the points it needs, when the unit passed below the top grade. */
  readonly nextGrade: { readonly id: string; readonly title: Localized; readonly pointsShort: number } | null;
  /** The next level up and what stands in its way, under a levels decision. */
  readonly nextLevel: { readonly id: string; readonly title: Localized; readonly failing: string[]; readonly missing: string[] } | null;
}
check<Same<z.infer<typeof Gap>, Gap>>(true);

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
/**
 * The points of a unit as a range over the completions of its missing data: `earned` (the lowest completion:
 * what is certain) to `possible` (the highest). Equal when nothing missing carries points.
 */
export interface PointsSummary {
  /** The lowest total any completion of the missing data gives: the points the unit has for certain. */
  readonly earned: number;
  /** The most the set's criteria can earn. */
  readonly max: number;
  /**
   * The maximum over applicable criteria (lower than `max` when not-applicable criteria are excluded, which a
   * set does only where its regulation rescales). When whether a criterion applies is itself unknown, the largest.
   */
  readonly applicableMax: number;
  /** Points needed to pass, scaled to `applicableMax`; null when the regulation's pass mark is not known. */
  readonly passMark: number | null;
  /** The highest total any completion of the missing data gives. */
  readonly possible: number;
}
check<Same<z.infer<typeof PointsSummary>, PointsSummary>>(true);

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
/** Identity of the set that decided a result: enough to find the exact file again and check it is unchanged. */
export interface SetStamp {
  /** The set's id (`don-vi-hoc-tap`). */
  readonly id: string;
  /** The version (`2020.1.0`). */
  readonly version: string;
  /** sha-256 of the criteria file's canonical JSON (`sha256:` and 64 hex digits): the file that decided. */
  readonly hash: string;
  /** The title, in Vietnamese and English. */
  readonly title: Localized;
  /** The regulation's document (`Thông tư 22/2020/TT-BGDĐT`). */
  readonly document: string;
}
check<Same<z.infer<typeof SetStamp>, SetStamp>>(true);

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
/** The result of evaluating a set against one unit's data: what `evaluate` returns. */
export interface Result {
  /** The format of this object, for readers of stored results. */
  readonly format: "tieuchi/result@1";
  /** The set that decided: id, version, content hash, title and document. */
  readonly set: SetStamp;
  /** The date the title was decided for (YYYY-MM-DD), or null when none was given. */
  readonly asOf: string | null;
  /**
   * Whether the set was in force on `asOf` (null without `asOf`). Always true unless the set was evaluated out of
   * force on purpose (`allowOutOfForce`): `evaluate` refuses a version not in force on `asOf` otherwise.
   */
  readonly inForce: boolean | null;
  /** `pass` or `fail` when every completion of the missing data agrees; `incomplete` otherwise. */
  readonly verdict: Verdict;
  /** The grade (or level) reached: the lowest any completion gives when it is not final; null for none. */
  readonly grade: { readonly id: string; readonly title: Localized } | null;
  /**
   * True when every completion of the missing data gives the same grade or level (and the verdict is certain).
   * False: `grade` is provisional, the lowest any completion gives; `highestGrade` is the highest.
   */
  readonly gradeFinal: boolean;
  /**
   * The highest grade or level a completion of the missing data could reach (with a passing verdict); equal to
   * `grade` when `gradeFinal`; null when no completion passes with a grade.
   */
  readonly highestGrade: { readonly id: string; readonly title: Localized } | null;
  /** The points, as a range over the completions of the missing data; null under an all-must-pass decision. */
  readonly points: PointsSummary | null;
  /** Each level's status, under a levels decision (empty otherwise). */
  readonly levels: LevelResult[];
  /** Each group's points and statuses (empty when the set has no groups). */
  readonly groups: GroupResult[];
  /** Each criterion's outcome, in the set's order. */
  readonly criteria: CriterionResult[];
  /** What stands between the unit and the title, or the next grade or level. */
  readonly gap: Gap;
  /** One sentence on the verdict, in Vietnamese and English (only with explanations on). */
  readonly message?: Localized | undefined;
  /** Titles of sub-units decided by evaluating another set (e.g. each member's "Công dân học tập"). */
  readonly subResults: SubResult[];
  /** The library that decided: its name, version and evaluator (`compiled` or `json-logic-js`). */
  readonly engine: { readonly name: "tieuchi"; readonly version: string; readonly evaluator: string };
}
check<Same<z.infer<typeof Result>, Result>>(true);

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
/** A sub-unit's title decided by evaluating another set, or given as a result that set gave. */
export interface SubResult {
  /** Where the sub-unit is in the unit's data (`thanhVien[3].congDanHocTap`). */
  readonly path: string;
  /** True when the result was given with the data (`{"result": ...}`), not computed by this evaluation. */
  readonly given?: true | undefined;
  /** The sub-unit's own result. */
  readonly result: Result;
}
check<Same<z.infer<typeof SubResult>, SubResult>>(true);
