/**
 * Audit records: everything needed to show, years later, which version of which set decided a title on
 * which data, and to replay the decision. A record holds the full result, the set's id, version and hash,
 * the hash of the unit's canonical data, the date decided for, the library version and the evaluation time
 * (the one timestamp: results themselves have none). `verify` replays a record and says exactly what differs.
 *
 * @module
 */
import { z } from "zod";
import { checkText } from "../schema/issues.js";
import { MessageData } from "../schema/common.js";
import { AuditRecordError, OptionsError, problem, TieuchiError, UnitDataError, type Problem } from "../errors.js";
import { both, msg, type Message } from "../i18n/index.js";
import { evaluate, type EngineName, type EvaluateOptions, type SetResolver, type SetToEvaluate } from "../evaluate/evaluate.js";
import type { LoadedSet } from "../evaluate/load.js";
import { IsoDate, Localized } from "../schema/common.js";
import { schemaProblems } from "../schema/parse.js";
import { Result, type CriterionResult } from "../schema/result.js";
import { VERSION } from "../version.js";
import { canonicalJson, contentHash } from "../json/canonical.js";

const Hash = z.string().regex(/^sha256:[0-9a-f]{64}$/, checkText("check.sha256"));

/** A replayable record of one evaluation. */
export const AuditRecord = z
  .object({
    format: z.literal("tieuchi/audit@1"),
    /** The set that decided: id, version and content hash. */
    set: z.object({ id: z.string().min(1), version: z.string().min(1), hash: Hash }).strict(),
    /** Content hash of the unit's data (canonical JSON, as given, before defaults). */
    data: z.object({ hash: Hash }).strict(),
    /** The date the title was decided for, or null. */
    asOf: IsoDate.nullable(),
    /** The library that evaluated. */
    library: z.object({ name: z.literal("tieuchi"), version: z.string().min(1) }).strict(),
    /** When the evaluation ran (ISO 8601 with offset). */
    evaluatedAt: z.iso.datetime({ offset: true }),
    /** The full result. */
    result: Result,
  })
  .strict();
export type AuditRecord = z.infer<typeof AuditRecord>;

/** Options of {@link recordEvaluation}. */
export interface RecordOptions {
  /** When the evaluation ran (default: now). */
  readonly evaluatedAt?: Date | string;
}

function timestamp(at: Date | string | undefined): string {
  if (at === undefined) return new Date().toISOString();
  const text = typeof at === "string" ? at : at.toISOString();
  if (!AuditRecord.shape.evaluatedAt.safeParse(text).success)
    throw new OptionsError(msg("options.evaluated_at", { got: JSON.stringify(text) }), ["evaluatedAt"]);
  return text;
}

/**
 * Wraps a result in an audit record.
 *
 * @param result - The result of `evaluate`.
 * @param data - The unit's data exactly as it was given to `evaluate`.
 */
export function recordEvaluation(result: Result, data: unknown, options: RecordOptions = {}): AuditRecord {
  return {
    format: "tieuchi/audit@1",
    set: { id: result.set.id, version: result.set.version, hash: result.set.hash },
    data: { hash: contentHash(data) },
    asOf: result.asOf,
    library: { name: "tieuchi", version: VERSION },
    evaluatedAt: timestamp(options.evaluatedAt),
    result,
  };
}

/**
 * Evaluates a unit and records the evaluation.
 *
 * @throws whatever `evaluate` throws.
 */
export function createAuditRecord(set: SetToEvaluate, data: unknown, options: EvaluateOptions & RecordOptions = {}): AuditRecord {
  const hash = contentHash(data);
  const { evaluatedAt, ...evalOptions } = options;
  const record = recordEvaluation(evaluate(set, data, evalOptions), data, evaluatedAt === undefined ? {} : { evaluatedAt });
  return { ...record, data: { hash } };
}

/**
 * Validates an audit record's JSON, and that it agrees with itself (the set, date and library it names are
 * those of its result).
 *
 * @throws {@link AuditRecordError} listing every problem.
 */
export function parseAuditRecord(json: unknown, source?: string): AuditRecord {
  const parsed = AuditRecord.safeParse(json, { reportInput: true });
  if (!parsed.success) throw new AuditRecordError(schemaProblems(parsed.error), source);
  const r = parsed.data;
  const problems: Problem[] = [];
  for (const k of ["id", "version", "hash"] as const)
    if (r.set[k] !== r.result.set[k])
      problems.push(problem("problem.inconsistent.set", ["set", k], { record: JSON.stringify(r.set[k]), result: JSON.stringify(r.result.set[k]) }));
  if (r.asOf !== r.result.asOf) problems.push(problem("problem.inconsistent.as_of", ["asOf"], { record: String(r.asOf), result: String(r.result.asOf) }));
  if (r.library.version !== r.result.engine.version)
    problems.push(problem("problem.inconsistent.library", ["library", "version"], { record: r.library.version, result: r.result.engine.version }));
  if (problems.length > 0) throw new AuditRecordError(problems, source);
  return r;
}

/** Kinds of difference `verify` reports. */
export const DifferenceKind = z.enum([
  "set-missing",
  "set-changed",
  "data-changed",
  "data-invalid",
  "not-evaluated",
  "verdict-changed",
  "grade-changed",
  "points-changed",
  "criterion-changed",
  "result-changed",
]);
export type DifferenceKind = z.infer<typeof DifferenceKind>;

/** One way a replay differs from its record. */
export const Difference = z
  .object({
    kind: DifferenceKind,
    /** Where in the result (e.g. `criteria[2.1].status`, `gap.blocking`), or null. */
    path: z.string().nullable(),
    before: z.unknown().optional(),
    after: z.unknown().optional(),
    message: Localized,
    /** The sentence as a message of the catalogue: its key and parameters. */
    detail: MessageData,
  })
  .strict();
export type Difference = z.infer<typeof Difference>;

/** A difference with its sentence from the catalogue, in every language and as data. */
function difference(fields: Omit<Difference, "message" | "detail">, detail: Message): Difference {
  return { ...fields, message: both(detail), detail: { key: detail.key, params: { ...detail.params } } };
}

/** What `verify` found. */
export const Verification = z
  .object({
    /** True when the set and data are unchanged and the replay gives the same result. */
    match: z.boolean(),
    set: z.object({ id: z.string(), version: z.string(), recorded: Hash, current: Hash.nullable() }).strict(),
    data: z.object({ recorded: Hash, current: Hash }).strict(),
    /** Whether the evaluation could be run again. */
    replayed: z.boolean(),
    differences: z.array(Difference),
    /** Facts that do not make a mismatch: another library version or evaluator replayed it. */
    notes: z.array(Localized),
    /** The result of the replay, when there was one. */
    result: Result.nullable(),
  })
  .strict();
export type Verification = z.infer<typeof Verification>;

/** What `verify` needs of a registry: exact versions, and sets for sub-units. */
export interface VerifySets extends SetResolver {
  get(id: string, version: string): LoadedSet | undefined;
}

const MAX_PATHS = 50;

/** Paths where two JSON values differ, outermost first. */
function jsonDifferences(a: unknown, b: unknown, path: string, out: Array<{ path: string; before: unknown; after: unknown }>): void {
  if (out.length >= MAX_PATHS) return;
  if (canonicalJson(a ?? null) === canonicalJson(b ?? null)) return;
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    for (const [i, v] of a.entries()) jsonDifferences(v, b[i], `${path}[${i}]`, out);
    return;
  }
  if (isObj(a) && isObj(b)) {
    for (const k of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) jsonDifferences(a[k], b[k], path === "" ? k : `${path}.${k}`, out);
    return;
  }
  out.push({ path, before: a ?? null, after: b ?? null });
}

/** The top-level key of a path such as `groups[0].earned`. */
const topOf = (path: string) => /^[^.[]*/.exec(path)![0];

/** Paths named by their top-level key, with how many places differ under each: `status, values (14)`. */
function grouped(fields: ReadonlyArray<{ path: string }>): string {
  const counts = new Map<string, number>();
  for (const f of fields) counts.set(topOf(f.path) || "(all)", (counts.get(topOf(f.path) || "(all)") ?? 0) + 1);
  return [...counts].map(([k, n]) => (n > 1 ? `${k} (${n})` : k)).join(", ");
}

const statusWords = (c: Pick<CriterionResult, "status" | "points"> | undefined): Message =>
  c === undefined ? msg("verify.absent") : msg("verify.status", { status: c.status, points: c.points ? `${c.points.earned}/${c.points.max}` : undefined });

function compareResults(before: Result, after: Result): Difference[] {
  const out: Difference[] = [];
  if (before.verdict !== after.verdict)
    out.push(
      difference(
        { kind: "verdict-changed", path: "verdict", before: before.verdict, after: after.verdict },
        msg("verify.verdict", { before: before.verdict, after: after.verdict }),
      ),
    );
  // The whole grade (its id, title, points), not its id alone: a record with a forged grade title must not match.
  if (canonicalJson(before.grade ?? null) !== canonicalJson(after.grade ?? null))
    out.push(
      difference(
        { kind: "grade-changed", path: "grade", before: before.grade?.id ?? null, after: after.grade?.id ?? null },
        msg("verify.grade", { before: before.grade?.title, after: after.grade?.title }),
      ),
    );
  if ((before.points?.earned ?? null) !== (after.points?.earned ?? null))
    out.push(
      difference(
        { kind: "points-changed", path: "points.earned", before: before.points?.earned ?? null, after: after.points?.earned ?? null },
        msg("verify.points", { before: before.points?.earned, after: after.points?.earned }),
      ),
    );
  const ids = [...new Set([...before.criteria.map((c) => c.id), ...after.criteria.map((c) => c.id)])];
  const was = new Map(before.criteria.map((c) => [c.id, c]));
  const now = new Map(after.criteria.map((c) => [c.id, c]));
  for (const id of ids) {
    const x = was.get(id);
    const y = now.get(id);
    if (canonicalJson(x ?? null) === canonicalJson(y ?? null)) continue;
    const fields: Array<{ path: string; before: unknown; after: unknown }> = [];
    jsonDifferences(x ?? null, y ?? null, "", fields);
    out.push(
      difference(
        { kind: "criterion-changed", path: `criteria[${id}]`, before: x ?? null, after: y ?? null },
        msg("verify.criterion", { id, before: statusWords(x), after: statusWords(y), fields: x && y ? grouped(fields) : undefined }),
      ),
    );
  }
  // Everything else the result holds, except what was compared above and the library that made it.
  // The set's hash is reported as set-changed; which library made a (sub-)result is a note, not a difference.
  const unstamped = (r: Result): unknown => ({ ...r, engine: null, subResults: r.subResults.map((s) => ({ ...s, result: unstamped(s.result) })) });
  // The highest grade is news only where it differs from the grade (a provisional grade); else the grade says it.
  const highest = (r: Result) => (canonicalJson(r.highestGrade ?? null) === canonicalJson(r.grade ?? null) ? null : r.highestGrade);
  const rest = (r: Result) => ({
    ...(unstamped(r) as object),
    set: { ...r.set, hash: null },
    verdict: null,
    grade: null,
    highestGrade: highest(r),
    criteria: null,
    points: r.points ? { ...r.points, earned: null } : null,
  });
  const others: Array<{ path: string; before: unknown; after: unknown }> = [];
  jsonDifferences(rest(before), rest(after), "", others);
  const byKey = new Map<string, typeof others>();
  for (const d of others) {
    const key = topOf(d.path);
    byKey.set(key, [...(byKey.get(key) ?? []), d]);
  }
  for (const [key, list] of byKey) {
    const inner = list.map((d) => d.path.slice(key.length).replace(/^\./, "")).filter(Boolean);
    const where = inner.length ? `${key} (${inner.slice(0, 5).join(", ")}${inner.length > 5 ? `, +${inner.length - 5}` : ""})` : key;
    out.push(
      difference(
        {
          kind: "result-changed",
          path: key,
          before: (before as unknown as Record<string, unknown>)[key],
          after: (after as unknown as Record<string, unknown>)[key],
        },
        msg("verify.result", { where }),
      ),
    );
  }
  return out;
}

/** Options of {@link verify}. */
export interface VerifyOptions {
  /** The record's file name, for error messages. */
  readonly source?: string;
}

/**
 * Replays an audit record: checks that the set version it names is still the same, that the data is the
 * data recorded, and that evaluating again gives the same result.
 *
 * @param record - An audit record (its JSON; it is validated).
 * @param data - The unit's data, as given when the record was made.
 * @param sets - Where to find the set version the record names, and the sets of sub-units (a registry).
 * @returns `match: true`, or every difference: the set changed (hash differs) or is missing, the data
 *   changed (hash differs) or is no longer valid, and how the verdict, grade, points or criteria changed.
 * @throws {@link AuditRecordError} when `record` is not a valid audit record.
 */
export function verify(record: unknown, data: unknown, sets: VerifySets, options: VerifyOptions = {}): Verification {
  const r = parseAuditRecord(record, options.source);
  const differences: Difference[] = [];
  const notes: Localized[] = [];
  const label = `${r.set.id}@${r.set.version}`;
  const set = sets.get(r.set.id, r.set.version);
  const dataHash = contentHash(data);
  if (!set) differences.push(difference({ kind: "set-missing", path: null }, msg("verify.set_missing", { set: label })));
  else if (set.hash !== r.set.hash)
    differences.push(
      difference(
        { kind: "set-changed", path: null, before: r.set.hash, after: set.hash },
        msg("verify.set_changed", { set: label, before: r.set.hash, after: set.hash }),
      ),
    );
  if (dataHash !== r.data.hash)
    differences.push(
      difference(
        { kind: "data-changed", path: null, before: r.data.hash, after: dataHash },
        msg("verify.data_changed", { before: r.data.hash, after: dataHash }),
      ),
    );
  if (r.library.version !== VERSION) notes.push(both(msg("verify.library", { recorded: r.library.version, now: VERSION })));

  let result: Result | null = null;
  if (set) {
    // A record of a version evaluated out of force (allowOutOfForce) is replayed the same way.
    const base: EvaluateOptions = {
      explain: r.result.message !== undefined,
      sets,
      ...(r.asOf !== null ? { asOf: r.asOf } : {}),
      ...(r.result.inForce === false ? { allowOutOfForce: true } : {}),
    };
    try {
      try {
        result = evaluate(set, data, { ...base, engine: r.result.engine.evaluator as EngineName });
      } catch (e) {
        // An evaluator this version does not have: replay with the default one, and say so.
        if (!(e instanceof OptionsError && e.path[0] === "engine")) throw e;
        notes.push(both(msg("verify.evaluator", { name: r.result.engine.evaluator })));
        result = evaluate(set, data, base);
      }
    } catch (e) {
      if (!(e instanceof TieuchiError)) throw e;
      const invalid = e instanceof UnitDataError;
      const problems = e.problems.map((p) => msg("error.at", { path: p.path, problem: p }));
      differences.push(
        difference(
          { kind: invalid ? "data-invalid" : "not-evaluated", path: null },
          invalid ? msg("verify.data_invalid", { set: label, error: e.detail, problems }) : msg("verify.not_evaluated", { error: e.detail, problems }),
        ),
      );
    }
    if (result) differences.push(...compareResults(r.result, result));
  }
  return {
    match: differences.length === 0,
    set: { id: r.set.id, version: r.set.version, recorded: r.set.hash, current: set?.hash ?? null },
    data: { recorded: r.data.hash, current: dataHash },
    replayed: result !== null,
    differences,
    notes,
    result,
  };
}
