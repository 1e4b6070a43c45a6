import { z } from "zod";
import { msg } from "../i18n/index.js";
import { checkText, checkWith } from "./issues.js";
import { Id, IsoDate, Localized, Name, Note, SetId, Version, WebUrl } from "./common.js";
import { Inputs } from "./inputs.js";
import { Rule } from "./rule.js";

/** The legal document a set (or one of its criteria) comes from. */
export const Source = z
  .object({
    document: z.string().min(1).describe("Number of the document, e.g. 'Thông tư 22/2020/TT-BGDĐT'."),
    title: Localized.optional().describe("Title of the document."),
    issuer: z.string().min(1).describe("Who issued it, e.g. 'Bộ Giáo dục và Đào tạo'."),
    issued: IsoDate.describe("Date the document was signed."),
    section: z.string().min(1).optional().describe("Article, section or annex the criteria come from."),
    url: WebUrl.optional().describe("Where the text can be read (http or https)."),
  })
  .strict();
export type Source = z.infer<typeof Source>;

/** Another document the set relies on (a guidance letter, a provincial re-issue, a conflicting copy). */
export const Reference = z
  .object({
    document: z.string().min(1),
    issuer: z.string().min(1).optional(),
    issued: IsoDate.optional(),
    note: Note.optional(),
    url: WebUrl.optional(),
  })
  .strict();
export type Reference = z.infer<typeof Reference>;

/**
 * The completeness classes of a set, from the most to the least certain:
 * - `complete-official`: every criterion is encoded from the official text of the regulation, and each quotes
 *   its article (`text`, `article`);
 * - `complete-secondary`: every criterion is encoded, but from secondary copies (press, provincial re-issues,
 *   training reports); the notes say what was inferred;
 * - `partial`: some criteria are listed but not encoded (pending), or a number the decision needs is not known.
 */
export const COMPLETENESS_LEVELS = ["complete-official", "complete-secondary", "partial"] as const;
/** One of {@link COMPLETENESS_LEVELS}. */
export type CompletenessLevel = (typeof COMPLETENESS_LEVELS)[number];

/** How much of the regulation this file encodes, where its words come from, and what in it is not verified. */
export const Completeness = z
  .object({
    level: z
      .enum(COMPLETENESS_LEVELS, {
        error: (issue) => (issue.input === "complete" ? checkText("check.complete_split") : undefined),
      })
      .describe(
        "'complete-official': every criterion from the official text, each quoting its article; 'complete-secondary': every criterion encoded, from secondary copies (notes say what was inferred); 'partial': some criteria are listed but not encoded.",
      ),
    notes: z.array(Note).default([]).describe("What is unverified, inferred or disputed, and why: each {vi, en}."),
  })
  .strict();
export type Completeness = z.infer<typeof Completeness>;

/** A day of the year, `MM-DD` (29 February allowed). */
export const MonthDay = z
  .string()
  .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, checkText("check.day_of_year"))
  // Only a day the pattern accepted is checked against its month (the pattern reports the others).
  .refine(
    (s) => !/^(0[1-9]|1[0-2])-\d\d$/.test(s) || Number(s.slice(3)) <= [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][Number(s.slice(0, 2)) - 1]!,
    "not a day of that month",
  )
  .describe("A day of the year, MM-DD.");

/**
 * When a step of the procedure must be done: before a day of the year assessed or of the year after it
 * ("trước ngày 28 tháng 02 của năm sau liền kề năm đánh giá"), or within a number of working days after an
 * event ("trong thời hạn 20 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ").
 */
export const Deadline = z.union([
  z
    .object({
      before: MonthDay.describe("The step is done before this day."),
      year: z.enum(["assessed", "following"]).describe("'assessed': of the year assessed; 'following': of the year after it."),
    })
    .strict(),
  z
    .object({
      workingDays: z.number().int().positive().describe("Within this many working days..."),
      after: Localized.describe("...counted from this event."),
    })
    .strict(),
]);
export type Deadline = z.infer<typeof Deadline>;

/** One step of the recognition procedure, with its deadline when the regulation sets one. */
export const ProcedureStep = z
  .object({
    id: Id,
    title: Localized.describe("Who does what, e.g. the commune sends its file to the district education office."),
    article: z.string().min(1).describe("Điều/khoản/điểm the step comes from."),
    deadline: Deadline.optional(),
  })
  .strict();
export type ProcedureStep = z.infer<typeof ProcedureStep>;

/**
 * How recognition works around the criteria: which days' data the assessment counts, how long a recognition is
 * kept, and the steps with their deadlines. Metadata for people and apps: it never changes a verdict.
 */
export const Procedure = z
  .object({
    dataPeriod: z
      .object({ from: MonthDay, to: MonthDay, article: z.string().min(1) })
      .strict()
      .optional()
      .describe("The data counted: from `from` to `to` of the year assessed."),
    recognition: z
      .object({
        months: z.number().int().positive().describe("How long a recognition is kept, in months after the year it was granted."),
        article: z.string().min(1),
      })
      .strict()
      .optional(),
    steps: z.array(ProcedureStep).default([]),
  })
  .strict();
export type Procedure = z.infer<typeof Procedure>;

/** A value computed once per evaluation from the inputs (and earlier derived values). */
export const Derived = z
  .object({
    label: Localized.optional(),
    description: Localized,
    rule: Rule,
  })
  .strict();
export type Derived = z.infer<typeof Derived>;

/** Points earned by passing: a fixed number. */
const FixedPoints = z.number().int().nonnegative();

/** Tiered points: the first tier whose `when` holds gives the points; the criterion passes if one does. */
export const TieredPoints = z
  .object({
    max: z.number().int().positive(),
    tiers: z.array(z.object({ points: z.number().int().nonnegative(), when: Rule }).strict()).min(1),
  })
  .strict();

/** Scored points: the points are a number read from the data (an assessor's score), from 0 to `max`. */
export const ScoredPoints = z
  .object({
    max: z.number().int().positive(),
    score: Rule.describe('Expression giving the score, e.g. {"var": "chiSo1"}.'),
  })
  .strict();

export const Points = z.union([FixedPoints, TieredPoints, ScoredPoints]);
export type Points = z.infer<typeof Points>;

/** Message templates by status. `{{name}}` is replaced by a value; see the explain module for names. */
export const ExplainTemplates = z
  .object({
    pass: Localized.optional(),
    fail: Localized.optional(),
    missing: Localized.optional(),
    notApplicable: Localized.optional(),
  })
  .strict();
export type ExplainTemplates = z.infer<typeof ExplainTemplates>;

/**
 * The status a criterion takes when a share or ratio it takes has an empty base: `fail` (an empty group does not
 * meet the criterion), `not-applicable` (the criterion does not concern a unit without such members), or `pass`
 * (the regulation counts it as met). Never a default that could raise a verdict: a set that takes a share
 * without saying is refused when it is loaded.
 */
export const EmptyGroup = z.enum(["fail", "not-applicable", "pass"]);
export type EmptyGroup = z.infer<typeof EmptyGroup>;

/** One criterion (tiêu chí, chỉ tiêu, chỉ số or tiêu chuẩn) of a set. */
export const Criterion = z
  .object({
    id: Id,
    title: Localized,
    requirement: Localized.optional().describe("What the regulation requires, in its own words (summarised)."),
    text: Localized.optional().describe(
      "The regulation's own words for this criterion: 'vi' quoted verbatim from the article cited in 'article', 'en' an English rendering of it.",
    ),
    group: Id.optional().describe("Id of the group (tiêu chí) this indicator belongs to."),
    level: Id.optional().describe("For level-based decisions: the lowest level at which this criterion is required."),
    article: z.string().min(1).optional().describe("Article or clause of the source document."),
    role: z.enum(["standard", "exclusion"]).default("standard").describe("'exclusion': the unit is not considered at all when `excludes` holds."),
    mandatory: z.boolean().default(false).describe("A knock-out criterion: failing it fails the title whatever the points."),
    points: Points.optional(),
    applies: Rule.optional().describe("When false, the criterion is not applicable to this unit."),
    rule: Rule.optional().describe("Holds when the criterion is met."),
    excludes: Rule.optional().describe("For exclusions: holds when the unit must be excluded."),
    pending: z.object({ reason: Localized }).strict().optional().describe("The text of this criterion is not known yet: it always evaluates as missing."),
    emptyGroup: EmptyGroup.optional().describe(
      "What an empty group means for this criterion, as the regulation says: when a share or ratio it takes has nobody in its base (no members, or every member excluded), the criterion is 'fail', 'not-applicable' or 'pass'. Required on every criterion that takes a share or ratio of a group; say the regulation's reason in completeness.notes.",
    ),
    explain: ExplainTemplates.optional(),
    notes: Note.optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    const kinds = [
      c.rule !== undefined && "rule",
      c.excludes !== undefined && "excludes",
      c.pending !== undefined && "pending",
      c.points !== undefined && typeof c.points === "object" && "tiers" in c.points && "points.tiers",
    ].filter((k): k is string => typeof k === "string");
    if (c.role === "exclusion") {
      if (c.excludes === undefined && c.pending === undefined)
        ctx.addIssue({ code: "custom", path: ["excludes"], message: checkText("check.exclusion_needs_excludes") });
      if (c.rule !== undefined) ctx.addIssue({ code: "custom", path: ["rule"], message: checkText("check.exclusion_no_rule") });
      if (c.points !== undefined) ctx.addIssue({ code: "custom", path: ["points"], message: checkText("check.exclusion_no_points") });
    } else {
      if (c.excludes !== undefined) ctx.addIssue({ code: "custom", path: ["excludes"], message: checkText("check.excludes_only_exclusion") });
      const scored = c.points !== undefined && typeof c.points === "object" && "score" in c.points;
      if (scored && c.rule === undefined && c.pending === undefined)
        ctx.addIssue({ code: "custom", path: ["rule"], message: checkText("check.scored_needs_rule") });
      else if (kinds.length === 0) ctx.addIssue({ code: "custom", path: [], message: checkText("check.criterion_needs_rule") });
      if (kinds.length > 1) ctx.addIssue({ code: "custom", path: [], ...checkWith(msg("check.criterion_one_of", { kinds })) });
    }
  });
export type Criterion = z.infer<typeof Criterion>;

/** A group of criteria (a tiêu chí made of chỉ tiêu), with an optional points subtotal. */
export const Group = z
  .object({
    id: Id,
    title: Localized,
    maxPoints: z.number().int().nonnegative().optional(),
  })
  .strict();
export type Group = z.infer<typeof Group>;

/** A grade band of a points decision: reached with at least `minPoints`. */
export const Grade = z.object({ id: Id, title: Localized, minPoints: z.number().int().nonnegative() }).strict();
export type Grade = z.infer<typeof Grade>;

/** Points decision: pass at `passMark` with no knock-out failed; grades by bands (highest first). */
export const PointsDecision = z
  .object({
    method: z.literal("points"),
    maxPoints: z.number().int().positive(),
    passMark: z
      .number()
      .int()
      .nonnegative()
      .nullable()
      .describe("Points needed to pass; null when the regulation's pass mark is not known, so the set can never conclude 'pass'."),
    grades: z.array(Grade).default([]),
    notApplicable: z
      .enum(["award", "zero", "exclude"])
      .default("exclude")
      .describe(
        "How a not-applicable criterion counts: 'award' its points, 'zero', or 'exclude' it so the pass mark and bands are scaled to the applicable maximum.",
      ),
    passTitle: Localized.optional(),
    failTitle: Localized.optional(),
  })
  .strict();
export type PointsDecision = z.infer<typeof PointsDecision>;

/** A level of an all-must-pass decision (mức độ 1, mức độ 2). */
export const Level = z.object({ id: Id, title: Localized }).strict();
export type Level = z.infer<typeof Level>;

/** All-must-pass decision: every applicable criterion of a level passes; levels are cumulative, lowest first. */
export const AllDecision = z
  .object({
    method: z.literal("all"),
    levels: z.array(Level).default([]),
    passTitle: Localized.optional(),
    failTitle: Localized.optional(),
  })
  .strict();
export type AllDecision = z.infer<typeof AllDecision>;

export const Decision = z.discriminatedUnion("method", [PointsDecision, AllDecision]);
export type Decision = z.infer<typeof Decision>;

/**
 * A relation between two number inputs that the data of any real unit keeps, checked with the data: a part is
 * never more than its whole. Data that breaks it is invalid data, refused at the part's path.
 */
export const Constraint = z
  .object({
    atMost: z
      .tuple([z.string().min(1), z.string().min(1)])
      .describe(
        "[part, whole]: the value at the first path is at most the value at the second, e.g. ['soNguoiHocDatCongDanHocTap', 'soNguoiHoc']. Paths are input names, dotted into records, with [] for each item of a list (both sides in the same list).",
      ),
    note: Localized.optional().describe("Why the relation holds, e.g. the article that defines the part as part of the whole."),
  })
  .strict();
export type Constraint = z.infer<typeof Constraint>;

/** The kinds of unit a title is awarded to. */
export const Subject = z.enum(["family", "clan", "village", "commune", "district", "province", "agency", "citizen"]);
export type Subject = z.infer<typeof Subject>;

/** A criteria set: one title under one version of one regulation. */
export const CriteriaSet = z
  .object({
    $schema: z.string().optional(),
    id: SetId,
    version: Version,
    title: Localized,
    subject: Subject,
    jurisdiction: z.string().min(1).default("VN").describe("'VN' for national sets, or the province of a local variant."),
    source: Source,
    references: z.array(Reference).default([]),
    validFrom: IsoDate.describe("First day in force."),
    validTo: IsoDate.nullable().describe("Last day in force, or null while in force."),
    supersedes: z
      .object({
        id: SetId,
        version: Version,
        article: z
          .string()
          .min(1)
          .optional()
          .describe("The article of this set's document that repeals or replaces the superseded one, e.g. 'Điều 22 khoản 1'."),
      })
      .strict()
      .nullable()
      .describe("The set version this one replaces."),
    completeness: Completeness,
    procedure: Procedure.optional().describe("The recognition procedure around the criteria (data period, how long a title is kept, deadlines)."),
    inputs: Inputs,
    derived: z.record(Name, Derived).default({}),
    constraints: z
      .array(Constraint)
      .default([])
      .describe("Relations between inputs that any real unit's data keeps (a part at most its whole), refused as invalid data when broken."),
    groups: z.array(Group).default([]),
    criteria: z.array(Criterion).min(1),
    decision: Decision,
  })
  .strict();

/** A criteria set as written in a file (defaults not yet applied). */
export type CriteriaSetInput = z.input<typeof CriteriaSet>;
/** A criteria set after validation, with defaults applied. */
export type CriteriaSet = z.infer<typeof CriteriaSet>;
