/**
 * The compact form of batch output (`tieuchi batch --compact`): what a report needs of each unit and nothing
 * else, so that a million results are written and read quickly.
 *
 * The first line is a header record naming the set and listing its criteria (and grades) once; every unit after
 * it is one JSON array:
 *
 * ```json
 * {"format":"tieuchi/compact@1","set":{...},"criteria":[{"id":"1.1","title":{...}},...],"grades":[...],"levels":[...],"fields":[...],"verdicts":{...},"statuses":{...}}
 * [2,{"id":"GD-001"},"p","dat",85,85,100,"ppnpf",true]
 * {"line":3,"unit":{"id":"GD-002"},"error":{"code":"ERR_UNIT_DATA",...}}
 * ```
 *
 * A record is `[line, unit, verdict, grade, earned, possible, applicableMax, statuses, gradeFinal]`: `verdict` one letter
 * (`p` pass, `f` fail, `i` incomplete), `grade` the id of the grade or level reached or null, the three points
 * null when the set's decision has no points, `statuses` one letter a criterion in the header's order (`p` pass,
 * `f` fail, `m` missing, `n` not applicable, `e` error), `gradeFinal` false when the grade is provisional (missing data could still raise it), so a report
 * counts it apart. Error lines and the `{"partial": true}` record are those
 * of the full form. A file may hold several headers (files joined end to end): each applies to the records after it.
 *
 * @module
 */
import { z } from "zod";
import { Localized } from "../schema/common.js";
import { SetStamp, type Result, type Status, type Verdict } from "../schema/result.js";
import type { LoadedSet } from "../evaluate/load.js";
import type { ReportedResult, UnitFields } from "./line.js";

/** The `format` of a compact header record. */
export const COMPACT_FORMAT = "tieuchi/compact@1";

/** The fields of a compact record, in order (written into the header, so a reader need not know them). */
export const COMPACT_FIELDS = ["line", "unit", "verdict", "grade", "earned", "possible", "applicableMax", "statuses", "gradeFinal"] as const;

/** One letter per status, and back. */
export const STATUS_CODES: Readonly<Record<Status, string>> = Object.freeze({ pass: "p", fail: "f", missing: "m", "not-applicable": "n", error: "e" });
/** One letter per verdict, and back. */
export const VERDICT_CODES: Readonly<Record<Verdict, string>> = Object.freeze({ pass: "p", fail: "f", incomplete: "i" });

const Titled = z.object({ id: z.string(), title: Localized }).strict();

/** The header record of compact batch output. */
export const CompactHeader = z
  .object({
    format: z.literal(COMPACT_FORMAT),
    set: SetStamp,
    /** The set's criteria, in the order of each record's status letters. */
    criteria: z.array(Titled),
    /** Every grade or level a record can name, with its title. */
    grades: z.array(Titled),
    /** Under a levels decision, the levels lowest first (a report ranks grades by them); empty under points. */
    levels: z.array(z.string()),
    fields: z.array(z.string()),
    verdicts: z.record(z.string(), z.string()),
    statuses: z.record(z.string(), z.string()),
  })
  .strict();
export type CompactHeader = z.infer<typeof CompactHeader>;

/** The header record of a set's compact output. */
export function compactHeader(loaded: LoadedSet): CompactHeader {
  const set = loaded.definition;
  const decision = set.decision;
  const grades = decision.method === "points" ? decision.grades : decision.levels;
  return {
    format: COMPACT_FORMAT,
    set: { id: set.id, version: set.version, hash: loaded.hash, title: set.title, document: set.source.document },
    criteria: set.criteria.map((c) => ({ id: c.id, title: c.title })),
    grades: grades.map((g) => ({ id: g.id, title: g.title })),
    levels: decision.method === "all" ? decision.levels.map((l) => l.id) : [],
    fields: [...COMPACT_FIELDS],
    verdicts: { ...VERDICT_CODES },
    statuses: { ...STATUS_CODES },
  };
}

/** The record of one unit, as an array (what `JSON.stringify` of it writes is the line). */
export function compactRecord(line: number, unit: UnitFields, result: Result): unknown[] {
  let statuses = "";
  for (const c of result.criteria) statuses += STATUS_CODES[c.status];
  const p = result.points;
  return [
    line,
    unit,
    VERDICT_CODES[result.verdict],
    result.grade?.id ?? null,
    p ? p.earned : null,
    p ? p.possible : null,
    p ? p.applicableMax : null,
    statuses,
    result.gradeFinal,
  ];
}

const Count = z.number().int().nonnegative().nullable();
/** A compact record as a reader checks it. */
export const CompactRecord = z.tuple([
  z.number().int().positive(),
  z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  z.string(),
  z.string().nullable(),
  Count,
  Count,
  Count,
  z.string(),
  z.boolean(),
]);

/** What is wrong with a compact record read against its header, or the result as a report reads it. */
export type CompactRead =
  | { readonly ok: true; readonly line: number; readonly unit: UnitFields; readonly result: ReportedResult }
  | { readonly ok: false; readonly problem: string };

/**
 * Reads compact records against a header. The returned reader gives each record as the line number, the unit's
 * fields and the result as a report reads it ({@link ReportedResult}), or says what is wrong with it.
 */
export function compactReader(header: CompactHeader): (record: unknown) => CompactRead {
  const verdictOf = new Map(Object.entries(header.verdicts).map(([k, v]) => [v, k as Verdict]));
  const statusOf = new Map(Object.entries(header.statuses).map(([k, v]) => [v, k as Status]));
  const titles = new Map(header.grades.map((g) => [g.id, g.title]));
  const levels = header.levels.map((id) => ({ id, title: titles.get(id) ?? { vi: id, en: id } }));
  const n = header.criteria.length;
  return (record) => {
    const parsed = CompactRecord.safeParse(record);
    if (!parsed.success) return { ok: false, problem: `a record is [${COMPACT_FIELDS.join(", ")}]` };
    const [line, unit, v, grade, earned, possible, applicableMax, codes, gradeFinal] = parsed.data;
    const verdict = verdictOf.get(v);
    if (verdict === undefined) return { ok: false, problem: `unknown verdict ${JSON.stringify(v)}` };
    if (codes.length !== n) return { ok: false, problem: `${codes.length} statuses for ${n} criteria` };
    const criteria: Array<{ id: string; title: Localized; status: Status }> = [];
    for (let i = 0; i < n; i++) {
      const status = statusOf.get(codes[i]!);
      if (status === undefined) return { ok: false, problem: `unknown status ${JSON.stringify(codes[i])}` };
      criteria.push({ id: header.criteria[i]!.id, title: header.criteria[i]!.title, status });
    }
    if ((earned === null) !== (applicableMax === null) || (earned === null) !== (possible === null))
      return { ok: false, problem: "points are all given or all null" };
    if (grade !== null && !titles.has(grade)) return { ok: false, problem: `grade ${JSON.stringify(grade)} is not in the header` };
    return {
      ok: true,
      line,
      unit,
      result: {
        format: "tieuchi/result@1",
        set: header.set,
        verdict,
        grade: grade === null ? null : { id: grade, title: titles.get(grade)! },
        gradeFinal,
        points: earned === null ? null : { earned, applicableMax: applicableMax! },
        levels,
        criteria,
      },
    };
  };
}
