/**
 * Counting results for the figures yearly reports quote: how many units passed, in each grade, failed or
 * missing data on each criterion, overall and by any grouping field. Counts are integers; percentages are
 * made from them once, at the end ({@link roundedPercent}).
 *
 * ```ts
 * const acc = createReport({ by: ["xa"] });
 * for (const line of lines) acc.addLine(line, n++);   // NDJSON text of `tieuchi batch`
 * const report = acc.finish();                        // then formatReport(report, "md")
 * ```
 *
 * @module
 */
import type { z } from "zod";
import { formatPath, JsonParseError, OptionsError, printable, ReportLineError, type Problem } from "../errors.js";
import { isMessage, msg, say, type Message } from "../i18n/index.js";
import type { LoadedSet } from "../evaluate/load.js";
import type { Localized } from "../schema/common.js";
import { schemaProblems } from "../schema/parse.js";
import type { Result, Status, Verdict } from "../schema/result.js";
import { parseJson } from "../json/parse.js";
import { COMPACT_FORMAT, CompactHeader, compactReader, type CompactRead } from "./compact.js";
import { ReportedLine, ReportedResult, type GroupValue, type LineError, type UnitFields } from "./line.js";
import { roundedPercent, MAX_REPORT_DECIMALS } from "./percent.js";

/** A count out of a total, with its percentage (see {@link roundedPercent}); `percent` is null when `total` is 0. */
export interface Share {
  readonly count: number;
  readonly total: number;
  readonly percent: string | null;
}

/** How many units of one set took each status on one criterion. */
export interface CriterionTally {
  readonly id: string;
  readonly title: Localized;
  /** Out of the units evaluated with this set. */
  readonly pass: Share;
  readonly fail: Share;
  readonly missing: Share;
  readonly notApplicable: Share;
  readonly error: Share;
}

/** The figures of one set within a tally. */
export interface SetTally {
  readonly id: string;
  readonly version: string;
  readonly hash: string;
  readonly title: Localized;
  readonly document: string;
  /** Units evaluated with this set. */
  readonly evaluated: number;
  readonly criteria: readonly CriterionTally[];
}

/**
 * A grade (or level) and how many units reached it for certain (`count`, out of the units evaluated), and how many
 * hold it only provisionally (`provisional`): their verdict is pass for certain, this is the lowest grade they can
 * get, and the missing data could still raise it. `id` null: units with a certain verdict and no grade (they
 * failed, or passed below every band); `provisional` is then always 0. Units whose verdict is incomplete are in
 * no grade (see `verdicts.incomplete`).
 */
export interface GradeTally extends Share {
  readonly id: string | null;
  readonly title: Localized | null;
  readonly provisional: Share;
}

/** The figures of a group of units (or all of them). */
export interface Tally {
  /** Lines read: units evaluated plus units in error. */
  readonly units: number;
  readonly evaluated: number;
  /** Units that could not be evaluated (bad data), out of all units. */
  readonly errors: Share;
  /** Out of the units evaluated. */
  readonly verdicts: Readonly<Record<Verdict, Share>>;
  /**
   * Highest grade first; units with a certain verdict and no grade last. Final and provisional grades are counted
   * apart; incomplete verdicts are in no grade. Out of the units evaluated.
   */
  readonly grades: readonly GradeTally[];
  readonly sets: readonly SetTally[];
}

/** A group of units sharing the values of the grouping fields. */
export interface GroupTally extends Tally {
  readonly key: Readonly<Record<string, GroupValue>>;
}

/** A unit that could not be evaluated, as reported. */
export interface ReportedError {
  readonly line: number;
  readonly unit: UnitFields;
  readonly code: string;
  /** The error's first line, and its first problem (in English). */
  readonly message: string;
  /** The same as a message of the catalogue, to put into any language. */
  readonly summary: Message;
}

/** A report over batch output. */
export interface Report {
  readonly format: "tieuchi/report@1";
  readonly decimals: number;
  /** The grouping fields, in order. */
  readonly by: readonly string[];
  readonly total: Tally;
  /** One per distinct combination of the grouping fields' values, sorted. Empty without `by`. */
  readonly groups: readonly GroupTally[];
  /** The first units in error, by line (at most `maxErrors`); `total.errors.count` has them all. */
  readonly errors: readonly ReportedError[];
}

/** Options of {@link createReport}. */
export interface ReportOptions {
  /** Fields of `unit` to group by (e.g. `["xa"]`, or `["huyen", "xa"]` for nested groups). */
  readonly by?: readonly string[];
  /** Decimals of the percentages (default 1). */
  readonly decimals?: number;
  /**
   * The set the results come from. With it, every grade and criterion is listed even when no unit reached it
   * ("Tốt: 0/98"); without it, grades and criteria are listed as the results show them.
   */
  readonly set?: LoadedSet;
  /** How many errored units to list in the report (default 100). */
  readonly maxErrors?: number;
}

interface SetAcc {
  id: string;
  version: string;
  hash: string;
  title: Localized;
  document: string;
  evaluated: number;
  criteria: Map<string, { title: Localized; counts: Record<Status, number> }>;
}

interface GradeAcc {
  title: Localized;
  count: number;
  provisional: number;
  /** Lowest share of the applicable maximum seen with this grade, as a fraction, to order grades without the set. */
  low: [number, number] | null;
  /** Position of the level in `levels`, for decisions by levels. */
  rank: number | null;
}

interface TallyAcc {
  units: number;
  evaluated: number;
  errors: number;
  verdicts: Record<Verdict, number>;
  grades: Map<string | null, GradeAcc>;
  sets: Map<string, SetAcc>;
}

const emptyCounts = (): Record<Status, number> => ({ pass: 0, fail: 0, missing: 0, "not-applicable": 0, error: 0 });

function newTally(): TallyAcc {
  return { units: 0, evaluated: 0, errors: 0, verdicts: { pass: 0, fail: 0, incomplete: 0 }, grades: new Map(), sets: new Map() };
}

const collator = new Intl.Collator("vi", { numeric: true });

function compareValues(a: GroupValue, b: GroupValue): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a !== typeof b) return collator.compare(typeof a, typeof b);
  return collator.compare(String(a), String(b));
}

/** An error in one line: its headline, and its first problem with the path, as a message. */
function summarize(error: LineError): Message {
  const first = error.message.split("\n", 1)[0]!.replace(/:$/, "");
  const headline = isMessage(error.detail) ? error.detail : msg("check.unworded", { text: first });
  const p = error.problems?.[0];
  const worded = p && (p.key !== undefined ? { key: p.key, params: p.params ?? {} } : undefined);
  const problem = !p
    ? undefined
    : isMessage(worded)
      ? msg("error.at", { path: p.path, problem: worded })
      : msg("check.unworded", { text: `${formatPath(p.path)}: ${p.message}` });
  return msg("report.error_summary", { headline, problem, more: Math.max(0, (error.problems?.length ?? 0) - 1) });
}

/** The result, as a report reads it: pass a full {@link Result} or a line's parsed JSON. */
type Reported = z.infer<typeof ReportedResult> | Result;

/** Accumulates results (or batch output lines) one at a time; `finish` gives the report. Memory grows with the number of groups, not of units. */
export interface ReportAccumulator {
  /** Counts one evaluated unit. */
  addResult(result: Reported, unit?: UnitFields): void;
  /** Counts one unit that could not be evaluated. */
  addError(error: LineError, unit?: UnitFields, line?: number): void;
  /**
   * Counts one line of batch output, given as its text or its parsed JSON. A bare result (one line of results,
   * without the `{line, unit, result}` envelope) is read too. Blank lines are skipped.
   *
   * @param lineNumber - The line's number in the file, for messages.
   * @throws {@link ReportLineError} naming the line when it is not JSON or not a batch output line.
   */
  addLine(line: string | unknown, lineNumber: number): void;
  /** The report so far. */
  finish(): Report;
}

/**
 * Starts a report.
 *
 * @throws {@link OptionsError} for unusable options (bad decimals, an empty grouping field).
 */
export function createReport(options: ReportOptions = {}): ReportAccumulator {
  const decimals = options.decimals ?? 1;
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > MAX_REPORT_DECIMALS)
    throw new OptionsError(msg("options.decimals", { max: MAX_REPORT_DECIMALS, got: String(decimals) }), ["decimals"]);
  const by = [...(options.by ?? [])];
  if (by.some((f) => f.trim() === "")) throw new OptionsError(msg("options.by_empty"), ["by"]);
  if (new Set(by).size !== by.length) throw new OptionsError(msg("options.by_twice", { by }), ["by"]);
  const maxErrors = options.maxErrors ?? 100;
  const total = newTally();
  const groups = new Map<string, { key: GroupValue[]; tally: TallyAcc }>();
  const errors: ReportedError[] = [];
  let seq = 0;

  const tallies = (unit: UnitFields): TallyAcc[] => {
    if (by.length === 0) return [total];
    const key = by.map((f) => (Object.hasOwn(unit, f) ? unit[f]! : null));
    const k = JSON.stringify(key);
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { key, tally: newTally() }));
    return [total, g.tally];
  };

  const addResult = (result: Reported, unit: UnitFields = {}): void => {
    seq++;
    const setKey = `${result.set.id}@${result.set.version}`;
    const ratio: [number, number] | null = result.points ? [result.points.earned, result.points.applicableMax] : null;
    // A grade is final only when the missing data cannot change it (results of 0.1 without the field: as given).
    const provisional = result.verdict === "pass" && result.gradeFinal === false;
    for (const t of tallies(unit)) {
      t.units++;
      t.evaluated++;
      t.verdicts[result.verdict]++;
      // An incomplete verdict has no grade yet: it is counted with the verdicts only.
      if (result.verdict !== "incomplete") {
        const gid = result.grade?.id ?? null;
        let g = t.grades.get(gid);
        if (!g) {
          const rank = gid === null ? null : result.levels.findIndex((l) => l.id === gid);
          t.grades.set(
            gid,
            (g = { title: result.grade?.title ?? { vi: "", en: "" }, count: 0, provisional: 0, low: null, rank: rank === null || rank < 0 ? null : rank }),
          );
        }
        if (provisional) g.provisional++;
        else g.count++;
        if (ratio && ratio[1] > 0 && (g.low === null || ratio[0] * g.low[1] < g.low[0] * ratio[1])) g.low = ratio;
      }
      let s = t.sets.get(setKey);
      if (!s) {
        s = {
          id: result.set.id,
          version: result.set.version,
          hash: result.set.hash,
          title: result.set.title,
          document: result.set.document,
          evaluated: 0,
          criteria: new Map(),
        };
        t.sets.set(setKey, s);
      }
      s.evaluated++;
      for (const c of result.criteria) {
        let cc = s.criteria.get(c.id);
        if (!cc) s.criteria.set(c.id, (cc = { title: c.title, counts: emptyCounts() }));
        cc.counts[c.status]++;
      }
    }
  };

  const addError = (error: LineError, unit: UnitFields = {}, line?: number): void => {
    seq++;
    for (const t of tallies(unit)) {
      t.units++;
      t.errors++;
    }
    // Keep the errors of the lowest lines (batch output of parallel workers need not be in order).
    const summary = summarize(error);
    errors.push({ line: line ?? seq, unit, code: error.code, message: say(summary, "en"), summary });
    if (errors.length >= 2 * maxErrors + 16) keepFirstErrors();
  };

  const keepFirstErrors = () => {
    errors.sort((a, b) => a.line - b.line);
    errors.length = Math.min(errors.length, maxErrors);
  };

  const share = (count: number, of: number): Share => ({ count, total: of, percent: roundedPercent(count, of, decimals) });

  const finishTally = (t: TallyAcc): Tally => {
    const set = options.set?.definition;
    // Grades: in the set's order when it is known; otherwise levels by rank and bands by the lowest share of
    // points seen in them (bands are ordered by points, so a higher band never shows a lower share).
    let gradeIds: (string | null)[];
    const titles = new Map<string, Localized>();
    if (set) {
      const defined = set.decision.method === "points" ? set.decision.grades : set.decision.levels;
      for (const g of defined) titles.set(g.id, g.title);
      gradeIds = [...defined.map((g) => g.id), ...[...t.grades.keys()].filter((k) => k !== null && !titles.has(k))];
    } else {
      gradeIds = [...t.grades.keys()].filter((k) => k !== null);
      gradeIds.sort((a, b) => {
        const x = t.grades.get(a)!;
        const y = t.grades.get(b)!;
        if (x.rank !== null && y.rank !== null) return y.rank - x.rank;
        if (x.low && y.low) return y.low[0] * x.low[1] - x.low[0] * y.low[1] || collator.compare(a!, b!);
        return collator.compare(a!, b!);
      });
    }
    gradeIds.push(null);
    const grades: GradeTally[] = gradeIds.map((id) => {
      const g = t.grades.get(id);
      return {
        id,
        title: id === null ? null : (titles.get(id) ?? g?.title ?? null),
        ...share(g?.count ?? 0, t.evaluated),
        provisional: share(g?.provisional ?? 0, t.evaluated),
      };
    });
    const setKeys = [...t.sets.keys()].sort(collator.compare);
    if (set && !t.sets.has(`${set.id}@${set.version}`) && t.sets.size === 0) setKeys.push(`${set.id}@${set.version}`);
    const sets: SetTally[] = setKeys.map((k) => {
      const s = t.sets.get(k);
      const matches = set !== undefined && k === `${set.id}@${set.version}`;
      const ids = matches
        ? [...set.criteria.map((c) => c.id), ...[...(s?.criteria.keys() ?? [])].filter((id) => !set.criteria.some((c) => c.id === id))]
        : [...(s?.criteria.keys() ?? [])];
      const evaluated = s?.evaluated ?? 0;
      return {
        id: s?.id ?? set!.id,
        version: s?.version ?? set!.version,
        hash: s?.hash ?? options.set!.hash,
        title: s?.title ?? set!.title,
        document: s?.document ?? set!.source.document,
        evaluated,
        criteria: ids.map((id) => {
          const c = s?.criteria.get(id);
          const counts = c?.counts ?? emptyCounts();
          const title = c?.title ?? set?.criteria.find((x) => x.id === id)?.title ?? { vi: id, en: id };
          return {
            id,
            title,
            pass: share(counts.pass, evaluated),
            fail: share(counts.fail, evaluated),
            missing: share(counts.missing, evaluated),
            notApplicable: share(counts["not-applicable"], evaluated),
            error: share(counts.error, evaluated),
          };
        }),
      };
    });
    return {
      units: t.units,
      evaluated: t.evaluated,
      errors: share(t.errors, t.units),
      verdicts: { pass: share(t.verdicts.pass, t.evaluated), fail: share(t.verdicts.fail, t.evaluated), incomplete: share(t.verdicts.incomplete, t.evaluated) },
      grades,
      sets,
    };
  };

  const badLine = (lineNumber: number, reason: Message, problems: readonly Problem[] = []) => new ReportLineError(lineNumber, reason, problems);
  /** The reader of compact records, set by the last compact header read. */
  let compact: ((record: unknown) => CompactRead) | undefined;

  return {
    addResult,
    addError,
    addLine(line: string | unknown, lineNumber: number): void {
      let json: unknown = line;
      if (typeof line === "string") {
        if (line.trim() === "") return;
        try {
          json = parseJson(line, `line ${lineNumber}`);
        } catch (e) {
          if (!(e instanceof JsonParseError)) throw e;
          throw badLine(lineNumber, msg("line.not_json", { reason: e.reason, column: e.column }));
        }
      }
      if (json !== null && typeof json === "object" && !Array.isArray(json) && (json as { partial?: unknown }).partial === true) {
        // The last line of a batch that stopped before the end of its input: the lines above are not every unit.
        const error = (json as { error?: { message?: unknown; detail?: unknown } }).error;
        const why = isMessage(error?.detail)
          ? error.detail
          : typeof error?.message === "string"
            ? msg("check.unworded", { text: printable(error.message.split("\n")[0]!) })
            : undefined;
        throw badLine(lineNumber, msg("line.partial", { why }));
      }
      if (Array.isArray(json)) {
        // A record of compact output: read against the header above it.
        if (compact === undefined) throw badLine(lineNumber, msg("line.compact_without_header"));
        const read = compact(json);
        if (!read.ok) throw badLine(lineNumber, msg("line.compact_record", { problem: msg("check.unworded", { text: read.problem }) }));
        addResult(read.result, read.unit);
        return;
      }
      if (json !== null && typeof json === "object" && (json as { format?: unknown }).format === COMPACT_FORMAT) {
        const h = CompactHeader.safeParse(json);
        if (!h.success) throw badLine(lineNumber, msg("line.compact_header"), schemaProblems(h.error));
        compact = compactReader(h.data);
        return;
      }
      if (json !== null && typeof json === "object" && !Array.isArray(json) && "format" in json) {
        const r = ReportedResult.safeParse(json);
        if (!r.success) throw badLine(lineNumber, msg("line.not_a_result"), schemaProblems(r.error));
        addResult(r.data, {});
        return;
      }
      const parsed = ReportedLine.safeParse(json);
      if (!parsed.success) {
        const problems = schemaProblems(parsed.error);
        throw badLine(lineNumber, msg("line.not_batch_line", { problem: problems[0] }), problems);
      }
      const l = parsed.data;
      if (l.result) addResult(l.result, l.unit);
      else addError(l.error!, l.unit, l.line);
    },
    finish(): Report {
      const groupList = [...groups.values()].sort((a, b) => {
        for (let i = 0; i < by.length; i++) {
          const c = compareValues(a.key[i]!, b.key[i]!);
          if (c !== 0) return c;
        }
        return 0;
      });
      keepFirstErrors();
      return {
        format: "tieuchi/report@1",
        decimals,
        by,
        total: finishTally(total),
        groups: groupList.map((g) => ({ key: Object.fromEntries(by.map((f, i) => [f, g.key[i]!])), ...finishTally(g.tally) })),
        errors: [...errors],
      };
    },
  };
}

/**
 * Builds a report from results or batch output lines in one call.
 *
 * @throws {@link ReportLineError} for a line that is not a batch output line.
 */
export function aggregate(lines: Iterable<string | unknown>, options: ReportOptions = {}): Report {
  const acc = createReport(options);
  let n = 0;
  for (const line of lines) acc.addLine(line, ++n);
  return acc.finish();
}
