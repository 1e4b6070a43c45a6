/**
 * The impact of a new version on real units: evaluate each unit under the old and the new set, and say whose
 * verdict or grade changes and which criteria cause it. Units come one at a time (the CLI streams an NDJSON
 * file), so any number of units can be checked in constant memory; only the counts are kept.
 *
 * @module
 */
import { z } from "zod";
import { unwrapUnit } from "../batch/unit.js";
import { JsonParseError, TieuchiError, UnitDataError, type Problem } from "../errors.js";
import { msg, say, type Message } from "../i18n/index.js";
import { LineProblem } from "../report/line.js";
import { evaluate, type EvaluateOptions } from "../evaluate/evaluate.js";
import { isLoadedSet, loadCriteriaSet, type LoadedSet } from "../evaluate/load.js";
import { Status, Verdict, type Result } from "../schema/result.js";
import { diff, type SetDiff } from "./diff.js";
import { parseJson } from "../json/parse.js";

/** How one unit fared under the two versions. */
export const ImpactKind = z.enum([
  /** Same verdict and grade. */
  "unchanged",
  /** Verdict or grade changed. */
  "changed",
  /** The data is valid for the old set only (e.g. it gives an input the new set dropped). */
  "valid-old-only",
  /** The data is valid for the new set only. */
  "valid-new-only",
  /** The data is valid for neither set. */
  "invalid",
  /** The line is not JSON (or not readable). */
  "bad-line",
  /** Evaluation failed for another reason (e.g. a sub-unit's set was not found). */
  "error",
]);
export type ImpactKind = z.infer<typeof ImpactKind>;

const Outcome = z
  .object({
    verdict: Verdict,
    grade: z.string().nullable(),
    points: z.number().int().nullable(),
  })
  .strict();

/** A criterion whose outcome differs between the two versions (matched by id, or through a rename). */
export const CriterionImpact = z
  .object({
    /** Id in the old set (null for a criterion added by the new one). */
    old: z.string().nullable(),
    /** Id in the new set (null for a criterion the new one removed). */
    new: z.string().nullable(),
    before: z.object({ status: Status, points: z.number().int().nullable() }).strict().nullable(),
    after: z.object({ status: Status, points: z.number().int().nullable() }).strict().nullable(),
    /** True when the criterion blocks the title under the new version (a failed knock-out) or lacks data there. */
    blocksNow: z.boolean(),
  })
  .strict();
export type CriterionImpact = z.infer<typeof CriterionImpact>;

/** One unit's impact. */
export const UnitImpact = z
  .object({
    /** 1-based line number (or position) of the unit. */
    line: z.number().int().positive(),
    /** The unit's label, from the field named by `labelField`, when present. */
    label: z.string().nullable(),
    kind: ImpactKind,
    before: Outcome.nullable(),
    after: Outcome.nullable(),
    /** The kinds of change, e.g. `verdict pass → fail`, `grade tieu-bieu → dat`. */
    changes: z.array(z.string()),
    /** The criteria that cause a change of verdict or grade (empty otherwise). */
    criteria: z.array(CriterionImpact),
    /** Decision properties that changed (pass mark, grade bands, ...), which may cause a change on their own. */
    decision: z.array(z.string()),
    /** What was wrong with the data or the line, for the kinds that are not evaluated under both. */
    problems: z.array(LineProblem),
    /** Which set the problems are about: `old`, `new`, `both`, or null. */
    problemsFor: z.enum(["old", "new", "both"]).nullable(),
  })
  .strict();
export type UnitImpact = z.infer<typeof UnitImpact>;

/** Counts over every unit. */
export const ImpactSummary = z
  .object({
    old: z.object({ id: z.string(), version: z.string(), hash: z.string() }).strict(),
    new: z.object({ id: z.string(), version: z.string(), hash: z.string() }).strict(),
    /** Lines read (blank lines included). */
    lines: z.number().int().nonnegative(),
    /** Blank lines, skipped (and counted here, so none is lost). */
    blank: z.number().int().nonnegative(),
    /** Units by kind. */
    kinds: z.record(ImpactKind, z.number().int().nonnegative()),
    /** Changed units by kind of change, e.g. `{"verdict pass → fail": 3}`. */
    changes: z.record(z.string(), z.number().int().positive()),
    /** For each criterion (new id, or old id when removed), how many changed units it contributed to. */
    criteria: z.record(z.string(), z.number().int().positive()),
  })
  .strict();
export type ImpactSummary = z.infer<typeof ImpactSummary>;

/** Options of {@link createImpact}. */
export interface ImpactOptions extends Pick<EvaluateOptions, "asOf" | "sets" | "engine"> {
  /**
   * A field holding the unit's name or code, shown as the unit's label: a field of its data, or of `unit` in
   * a record written `{"unit": {...}, "data": {...}}` as `tieuchi batch` reads it.
   */
  readonly labelField?: string;
}

/** Compares units under two versions and keeps the counts. */
export interface Impact {
  /** The diff of the two sets, which maps old criteria to new ones. */
  readonly diff: SetDiff;
  /** Evaluates one unit under both versions: its data, or a `{unit, data}` record as `tieuchi batch` reads it. */
  unit(data: unknown, line: number): UnitImpact;
  /** Parses one NDJSON line and evaluates it; a blank line gives null (and is counted). */
  line(text: string, line: number): UnitImpact | null;
  /** Records a line that could not be read at all (not UTF-8, too long). */
  unreadable(line: number, reason: Message): UnitImpact;
  /** The counts so far. */
  summary(): ImpactSummary;
}

type Evaluated = { ok: true; result: Result } | { ok: false; invalid: true; problems: readonly Problem[] } | { ok: false; invalid: false; error: TieuchiError };

type PlainProblem = UnitImpact["problems"][number];
const plain = (p: Problem): PlainProblem => ({ code: p.code, path: [...p.path], message: p.message, key: p.key, params: { ...p.params } });
/** An error as a problem of the unit: its code, path and sentence (as a message too). */
const errorProblem = (e: TieuchiError): PlainProblem => ({
  code: e.code,
  path: [...e.path],
  message: e.message,
  key: e.detail.key,
  params: { ...e.detail.params },
});
/** A problem of a line, with its sentence as a message. */
const lineProblem = (code: string, detail: Message): PlainProblem => ({
  code,
  path: [],
  message: say(detail, "en"),
  key: detail.key,
  params: { ...detail.params },
});

function outcome(r: Result): z.infer<typeof Outcome> {
  return { verdict: r.verdict, grade: r.grade?.id ?? null, points: r.points?.earned ?? null };
}

/**
 * Prepares an impact run of a new version against an old one.
 *
 * @param oldSet - The old set (loaded, or the JSON of its file).
 * @param newSet - The new set (it may have another id).
 * @throws `CriteriaSetError` when raw JSON is not a valid set.
 */
export function createImpact(oldSet: LoadedSet | unknown, newSet: LoadedSet | unknown, options: ImpactOptions = {}): Impact {
  const a = isLoadedSet(oldSet) ? oldSet : loadCriteriaSet(oldSet);
  const b = isLoadedSet(newSet) ? newSet : loadCriteriaSet(newSet);
  const d = diff(a, b);
  const newOf = new Map(d.matched.map(([o, n]) => [o, n]));
  const oldOf = new Map(d.matched.map(([o, n]) => [n, o]));
  const decisionFields = [...new Set(d.changes.filter((c) => c.section === "decision").map((c) => (c.target ? `${c.field}:${c.target}` : c.field!)))];
  // Two versions compared on one date: at most one of them was in force then, and both are evaluated.
  const evalOptions: EvaluateOptions = {
    explain: false,
    allowOutOfForce: true,
    ...(options.asOf !== undefined ? { asOf: options.asOf } : {}),
    ...(options.sets !== undefined ? { sets: options.sets } : {}),
    ...(options.engine !== undefined ? { engine: options.engine } : {}),
  };

  let lines = 0;
  let blank = 0;
  const kinds = Object.fromEntries(ImpactKind.options.map((k) => [k, 0])) as Record<ImpactKind, number>;
  const changes: Record<string, number> = {};
  const byCriterion: Record<string, number> = {};

  const run = (set: LoadedSet, data: unknown): Evaluated => {
    try {
      // evaluate never writes to the data it is given, so both versions can read the same object.
      return { ok: true, result: evaluate(set, data, evalOptions) };
    } catch (e) {
      if (e instanceof UnitDataError) return { ok: false, invalid: true, problems: e.problems };
      if (e instanceof TieuchiError) return { ok: false, invalid: false, error: e };
      throw e;
    }
  };

  const labelOf = (data: unknown): string | null => {
    if (!options.labelField || typeof data !== "object" || data === null) return null;
    const v = (data as Record<string, unknown>)[options.labelField];
    return typeof v === "string" || typeof v === "number" ? String(v) : null;
  };

  const record = (u: UnitImpact): UnitImpact => {
    kinds[u.kind]++;
    for (const c of u.changes) changes[c] = (changes[c] ?? 0) + 1;
    for (const c of u.criteria) {
      const id = c.new ?? c.old!;
      byCriterion[id] = (byCriterion[id] ?? 0) + 1;
    }
    return u;
  };

  const blankImpact = (line: number, label: string | null): UnitImpact => ({
    line,
    label,
    kind: "unchanged",
    before: null,
    after: null,
    changes: [],
    criteria: [],
    decision: [],
    problems: [],
    problemsFor: null,
  });

  const causes = (x: Result, y: Result): CriterionImpact[] => {
    const out: CriterionImpact[] = [];
    const state = (c: Result["criteria"][number]) => ({ status: c.status, points: c.points?.earned ?? null });
    const blocks = (c: Result["criteria"][number]) =>
      ((c.mandatory || c.role === "exclusion") && c.status === "fail") || c.status === "missing" || c.status === "error";
    const counts = (c: Result["criteria"][number]) => (c.points?.earned ?? 0) > 0 || c.status === "fail" || c.status === "missing" || c.status === "error";
    const yById = new Map(y.criteria.map((c) => [c.id, c]));
    for (const c of x.criteria) {
      const partner = newOf.get(c.id);
      const n = partner === undefined ? undefined : yById.get(partner);
      if (n) {
        if (c.status !== n.status || (c.points?.earned ?? null) !== (n.points?.earned ?? null))
          out.push({ old: c.id, new: n.id, before: state(c), after: state(n), blocksNow: blocks(n) });
      } else if (counts(c)) out.push({ old: c.id, new: null, before: state(c), after: null, blocksNow: false });
    }
    for (const n of y.criteria) if (!oldOf.has(n.id) && counts(n)) out.push({ old: null, new: n.id, before: null, after: state(n), blocksNow: blocks(n) });
    return out;
  };

  const unit = (given: unknown, line: number): UnitImpact => {
    lines = Math.max(lines, line);
    // The same units file as tieuchi batch: a {unit, data} record is evaluated on its data.
    const { evaluated: data, unit: fields } = unwrapUnit(given);
    const base = blankImpact(line, labelOf(fields));
    const x = run(a, data);
    const y = run(b, data);
    if (!x.ok && !y.ok) {
      const err = !x.invalid ? x.error : !y.invalid ? y.error : null;
      if (err)
        return record({ ...base, kind: "error", problems: [errorProblem(err)], problemsFor: !x.invalid && !y.invalid ? "both" : !x.invalid ? "old" : "new" });
      const all = [...(x.invalid ? x.problems : []), ...(y.invalid ? y.problems : [])].map(plain);
      const seen = new Set<string>();
      const problems = all.filter((p) => {
        const key = JSON.stringify(p);
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
      return record({ ...base, kind: "invalid", problems, problemsFor: "both" });
    }
    if (!x.ok || !y.ok) {
      const bad = (x.ok ? y : x) as Exclude<Evaluated, { ok: true }>;
      const good = (x.ok ? x : y) as Extract<Evaluated, { ok: true }>;
      const problems = bad.invalid ? bad.problems.map(plain) : [errorProblem(bad.error)];
      const kind: ImpactKind = !bad.invalid ? "error" : x.ok ? "valid-old-only" : "valid-new-only";
      return record({
        ...base,
        kind,
        before: x.ok ? outcome(good.result) : null,
        after: y.ok ? outcome(good.result) : null,
        problems,
        problemsFor: x.ok ? "new" : "old",
      });
    }
    const before = outcome(x.result);
    const after = outcome(y.result);
    const changed: string[] = [];
    if (before.verdict !== after.verdict) changed.push(`verdict ${before.verdict} → ${after.verdict}`);
    // A grade lost with the title is part of the verdict's change, not a change of its own.
    if (before.verdict === after.verdict && before.grade !== after.grade) changed.push(`grade ${before.grade ?? "none"} → ${after.grade ?? "none"}`);
    if (changed.length === 0) return record({ ...base, before, after });
    return record({ ...base, kind: "changed", before, after, changes: changed, criteria: causes(x.result, y.result), decision: decisionFields });
  };

  return {
    diff: d,
    unit,
    line(text: string, line: number): UnitImpact | null {
      lines = Math.max(lines, line);
      if (text.trim() === "") {
        blank++;
        return null;
      }
      let data: unknown;
      try {
        data = parseJson(text, `line ${line}`);
      } catch (e) {
        if (!(e instanceof JsonParseError)) throw e;
        return record({
          ...blankImpact(line, null),
          kind: "bad-line",
          problems: [lineProblem(e.code, msg("error.json_line", { line, column: e.column, reason: e.reason }))],
        });
      }
      return unit(data, line);
    },
    unreadable(line: number, reason: Message): UnitImpact {
      lines = Math.max(lines, line);
      return record({ ...blankImpact(line, null), kind: "bad-line", problems: [lineProblem("unreadable", msg("error.report_line", { line, reason }))] });
    },
    summary(): ImpactSummary {
      const stamp = (s: LoadedSet) => ({ id: s.definition.id, version: s.definition.version, hash: s.hash });
      return { old: stamp(a), new: stamp(b), lines, blank, kinds: { ...kinds }, changes: { ...changes }, criteria: { ...byCriterion } };
    },
  };
}

/** Evaluates every unit of an iterable under both versions: each unit's impact, then the counts. */
export function impact(
  oldSet: LoadedSet | unknown,
  newSet: LoadedSet | unknown,
  units: Iterable<unknown>,
  options: ImpactOptions = {},
): { units: UnitImpact[]; summary: ImpactSummary } {
  const run = createImpact(oldSet, newSet, options);
  const out: UnitImpact[] = [];
  let i = 0;
  for (const u of units) out.push(run.unit(u, ++i));
  return { units: out, summary: run.summary() };
}
