/**
 * Errors thrown by tieuchi. Every error has a stable `code` that programs can branch on, a message a
 * person can act on, and, where the fault lies in some input, the path into that input.
 *
 * @module
 */
import { formatPath } from "./i18n/format.js";
import { msg, say, type Args, type Lang, type Message, type MessageKey, type Spec } from "./i18n/index.js";

/** A path into a JSON document: object keys and array indexes, outermost first. */
export type JsonPath = ReadonlyArray<string | number>;

type ProblemKey = Extract<MessageKey, `problem.${string}`>;
/** The code of a problem key: `problem.grades_order.below_pass_mark` -> `grades_order`. */
type CodeOf<K> = K extends `problem.${infer C}.${string}` ? C : K extends `problem.${infer C}` ? C : never;

/** Stable machine-readable kind of problem, e.g. `unknown_var` or `invalid_type`: one of a closed list. */
export type ProblemCode = CodeOf<ProblemKey>;

/**
 * One problem found in an input: what is wrong, and where. A problem is a message (`key`, `params`), so
 * `say(problem, "vi")` puts it into words in any language; `message` holds the English sentence.
 */
export interface Problem extends Message {
  /** Stable machine-readable kind of problem, e.g. `unknown_var` or `invalid_type`. */
  readonly code: ProblemCode;
  /** Where the problem is, as a path into the input. */
  readonly path: JsonPath;
  /** The catalogue key of the sentence: `problem.<code>` or `problem.<code>.<variant>`. */
  readonly key: ProblemKey;
  /** What the sentence says, as data (typed by the key). */
  readonly params: Message["params"];
  /** What is wrong and what would fix it, in English (`say(problem, lang)` for another language). */
  readonly message: string;
  /** Line (1-based) in the file, when the input was read from a JSON file. */
  readonly line?: number;
  /** Column (1-based, in characters) in the file, when the input was read from a JSON file. */
  readonly column?: number;
}

// biome-ignore lint/complexity/noBannedTypes: `{} extends Params` asks whether every parameter is optional (then the argument may be left out).
type ProblemParams<K extends ProblemKey> = {} extends Args<Spec[K]> ? [params?: Args<Spec[K]>] : [params: Args<Spec[K]>];

/** Makes a problem: its catalogue key (which names its code), where it is, and the sentence's parameters. */
export function problem<K extends ProblemKey>(key: K, path: JsonPath, ...params: ProblemParams<K>): Problem {
  const m: Message = { key, params: (params[0] ?? {}) as Message["params"] };
  const dot = key.indexOf(".", 8);
  return { code: (dot < 0 ? key.slice(8) : key.slice(8, dot)) as ProblemCode, path, key, params: m.params, message: say(m, "en") };
}

/** The problem with its place in the file (line and column) added. */
export function locatedProblem(p: Problem, line: number, column: number): Problem {
  return { ...p, line, column };
}

/** Stable error codes. */
export type ErrorCode =
  | "ERR_CRITERIA_SET"
  | "ERR_UNIT_DATA"
  | "ERR_JSON_PARSE"
  | "ERR_FILE"
  | "ERR_SET_NOT_FOUND"
  | "ERR_OPTIONS"
  | "ERR_CASE_FILE"
  | "ERR_EVALUATION"
  | "ERR_REGISTRY"
  | "ERR_NOT_IN_FORCE"
  | "ERR_LOCK_FILE"
  | "ERR_AUDIT_RECORD"
  | "ERR_CASE_FAILED"
  | "ERR_REPORT_LINE"
  | "ERR_UNITS_FILE"
  | "ERR_CANONICAL_JSON"
  | "ERR_BUDGET"
  | "ERR_WORKBOOK";

export { CONTROL_CHARACTER, printable, formatPath } from "./i18n/format.js";

/** How many problems an error's text lists before it says how many more there are. */
const LISTED = 50;

/** A problem as a line of a list: `path: sentence [code]`, the path and the code left out where they say nothing. */
export function problemLine(p: Problem, lang: Lang): string {
  return `${formatPath(p.path, lang)}${p.line !== undefined ? ` (${say(msg("word.line_column", { line: p.line, column: p.column ?? 1 }), lang)})` : ""}: ${say(p, lang)} [${p.code}]`;
}

/** The problems as an indented list, the first `limit` of them (50 unless told). */
export function problemList(problems: readonly Problem[], lang: Lang, limit = LISTED): string {
  const lines = problems.slice(0, limit).map((p) => `  - ${problemLine(p, lang)}`);
  if (problems.length > limit) lines.push(`  ${say(msg("word.and_more", { count: problems.length - limit }), lang)}`);
  return lines.join("\n");
}

/** Base class of every error tieuchi throws on purpose. */
export class TieuchiError extends Error {
  /** Stable code; see {@link ErrorCode}. */
  readonly code: ErrorCode;
  /** Where in the input the fault lies (empty when it concerns the whole input). */
  readonly path: JsonPath;
  /** Every problem found, when there is more than one. */
  readonly problems: readonly Problem[];
  /** What happened, as a message of the catalogue (the problems listed apart). */
  readonly detail: Message;

  /** `message` is the English text (or `options.lang`'s); {@link TieuchiError.text} gives it in any language. */
  constructor(code: ErrorCode, detail: Message, options: { path?: JsonPath; problems?: readonly Problem[]; cause?: unknown; lang?: Lang } = {}) {
    const problems = options.problems ?? [];
    super(errorText(detail, problems, options.lang ?? "en"), options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.detail = detail;
    this.path = options.path ?? [];
    this.problems = problems;
  }

  /** The error in words in one language: what happened, then its problems, one a line. */
  text(lang: Lang): string {
    return errorText(this.detail, this.problems, lang);
  }
}

function errorText(detail: Message, problems: readonly Problem[], lang: Lang): string {
  const head = say(detail, lang);
  return problems.length === 0 ? head : `${head}:\n${problemList(problems, lang)}`;
}

/**
 * The one way an error that lists problems is made: a headline (a message of the `error.*` area, given the
 * number of problems) and the problems; the error's path is the first problem's.
 */
function listing(headline: Message, problems: readonly Problem[]) {
  return [headline, { problems, path: problems[0]?.path ?? [] }] as const;
}

/** A criteria set failed validation: its shape, or a static check beyond shape. Lists every problem. */
export class CriteriaSetError extends TieuchiError {
  /** The file or label the set came from, when known. */
  readonly source: string | undefined;
  constructor(problems: readonly Problem[], source?: string) {
    super("ERR_CRITERIA_SET", ...listing(msg("error.criteria_set", { source, count: problems.length }), problems));
    this.source = source;
  }
}

/** A unit's data does not match the inputs the set declares. Lists every problem; no rule has run. */
export class UnitDataError extends TieuchiError {
  /**
   * `set`: the set (`id@version`) whose inputs the data must match, or what else the data is (a message, e.g.
   * the result given for a title); `within`: the place of a sub-unit whose data it is, e.g. `giaDinh[2]`.
   */
  constructor(problems: readonly Problem[], set: string | Message, within?: string) {
    const headline =
      typeof set === "string" ? msg("error.unit_data", { set, count: problems.length, within }) : msg("error.data_of", { what: set, count: problems.length });
    super("ERR_UNIT_DATA", ...listing(headline, problems));
  }
}

/** A text could not be read as JSON. `line` and `column` are 1-based. */
export class JsonParseError extends TieuchiError {
  readonly source: string;
  readonly line: number;
  readonly column: number;
  readonly offset: number;
  /** Why, as a message of the catalogue (`json.*`). */
  readonly reason: Message;
  constructor(source: string, reason: Message, position: { offset: number; line: number; column: number }) {
    super("ERR_JSON_PARSE", msg("error.json_parse", { source, line: position.line, column: position.column, reason }));
    this.source = source;
    this.line = position.line;
    this.column = position.column;
    this.offset = position.offset;
    this.reason = reason;
  }
}

/** A file could not be read: it does not exist, is a folder, is not readable, or is larger than allowed. */
export class FileError extends TieuchiError {
  /** The file's path. */
  readonly source: string;
  constructor(source: string, reason: Message, cause?: unknown) {
    super("ERR_FILE", msg("error.file", { source, reason }), { cause });
    this.source = source;
  }
}

/** A criteria set named by id (and perhaps a date) could not be found. */
export class SetNotFoundError extends TieuchiError {
  readonly setId: string;
  constructor(setId: string, detail: Message, path: JsonPath = []) {
    super("ERR_SET_NOT_FOUND", detail, { path });
    this.setId = setId;
  }
}

/** Options passed to a function are not usable. */
export class OptionsError extends TieuchiError {
  constructor(detail: Message, path: JsonPath = []) {
    super("ERR_OPTIONS", detail, { path });
  }
}

/** A case file (tests of a criteria set written as data) is malformed. */
export class CaseFileError extends TieuchiError {
  constructor(problems: readonly Problem[], source?: string) {
    super("ERR_CASE_FILE", ...listing(msg("error.case_file", { source, count: problems.length }), problems));
  }
}

/** Something went wrong inside evaluation that validation should have prevented. A bug: please report it. */
export class EvaluationError extends TieuchiError {
  constructor(detail: Message, path: JsonPath = [], cause?: unknown) {
    super("ERR_EVALUATION", detail, { path, cause });
  }
}

/** The sets given to a registry contradict each other: overlapping dates in force, or a `supersedes` that points nowhere. Lists every problem. */
export class RegistryError extends TieuchiError {
  constructor(problems: readonly Problem[]) {
    super("ERR_REGISTRY", ...listing(msg("error.registry", { count: problems.length }), problems));
  }
}

/**
 * No version of a set (or of the sets linked to it by `supersedes`) was in force on a date: the date falls
 * before the first version, in a gap between two, after the last one ended, or several successors compete.
 * Also thrown by `evaluate` when the version given was not in force on `asOf` (reason `outside-dates`).
 */
export class NotInForceError extends TieuchiError {
  /** The set id asked for. */
  readonly setId: string;
  /** The date asked for (YYYY-MM-DD). */
  readonly date: string;
  /**
   * Where the date falls: before the first version, in a gap, after the last one, in force in several linked
   * sets (`ambiguous`), or outside the dates of the one version given to `evaluate` (`outside-dates`).
   */
  readonly reason: "before-first" | "gap" | "after-last" | "ambiguous" | "outside-dates";
  constructor(setId: string, date: string, reason: NotInForceError["reason"], detail: Message) {
    super("ERR_NOT_IN_FORCE", detail, { path: [setId] });
    this.setId = setId;
    this.date = date;
    this.reason = reason;
  }
}

/** The lock file (`criteria.lock.json`) is malformed. Lists every problem. */
export class LockFileError extends TieuchiError {
  constructor(problems: readonly Problem[], source?: string) {
    super("ERR_LOCK_FILE", ...listing(msg("error.lock_file", { source, count: problems.length }), problems));
  }
}

/** An audit record is malformed (not a `tieuchi/audit@1` record, or inconsistent with itself). Lists every problem. */
export class AuditRecordError extends TieuchiError {
  constructor(problems: readonly Problem[], source?: string) {
    super("ERR_AUDIT_RECORD", ...listing(msg("error.audit_record", { source, count: problems.length }), problems));
  }
}

/** A case of a case file did not hold: what it expected differs from what the set decided. Thrown by test helpers. */
export class CaseFailedError extends TieuchiError {
  /** The case's name. */
  readonly caseName: string;
  /** `lang`: the language of `message` (test runners print it), English by default. */
  constructor(caseName: string, details: readonly Message[], lang: Lang = "en") {
    super("ERR_CASE_FAILED", msg("error.case_failed", { name: caseName, details }), { lang });
    this.caseName = caseName;
  }
}

/** A line of batch output (read by a report) is not JSON, or not in the batch line format. `path` is `[line]`. */
export class ReportLineError extends TieuchiError {
  /** The 1-based line number. */
  readonly line: number;
  constructor(line: number, reason: Message, problems: readonly Problem[] = []) {
    super("ERR_REPORT_LINE", msg("error.report_line", { line, reason }), { path: [line], problems });
    this.line = line;
  }
}

/** A file of units cannot be read as a whole (not a list of units, not UTF-8 text, a quoted CSV cell never closed). */
export class UnitsFileError extends TieuchiError {
  /** The file, as named to the reader. */
  readonly source: string;
  /** The line (1-based) where reading stopped. */
  readonly line: number;
  constructor(source: string, reason: Message, line: number) {
    super("ERR_UNITS_FILE", msg("error.units_file", { source, line, reason }));
    this.source = source;
    this.line = line;
  }
}

/**
 * A workbook (`.xlsx`) is refused before it is inflated: the file is over its size limit, its entries declare or
 * actually inflate to more than the limit (a "zip bomb"), it holds too many entries, or it is not a zip that can
 * be read. See `WorkbookLimits`.
 */
export class WorkbookError extends TieuchiError {
  /** The file, when the workbook was read from one. */
  readonly source: string | undefined;
  /** Why it was refused. */
  readonly reason: Message;
  constructor(reason: Message, source?: string) {
    super("ERR_WORKBOOK", msg("error.workbook", { reason, ...(source !== undefined ? { source } : {}) }));
    this.source = source;
    this.reason = reason;
  }
}

/**
 * A value has no canonical JSON form, so it cannot be hashed: a number JSON cannot hold (NaN, Infinity), a
 * function or other non-JSON value, nesting deeper than 1000, or two keys of one object that are the same
 * once normalised to NFC. `path` says where.
 */
export class CanonicalJsonError extends TieuchiError {
  constructor(reason: Message, path: JsonPath) {
    super("ERR_CANONICAL_JSON", msg("error.canonical_json", { path, reason }), { path });
  }
}

/**
 * Evaluating a unit would take more steps than its budget (`maxWork`): its lists are longer than the set's rules
 * can go through in the time and memory allowed. Counted from the data before any rule runs, so nothing ran.
 * In a batch, the unit gets an error line with this code and the batch goes on.
 */
export class BudgetError extends TieuchiError {
  /** The steps the unit (with its sub-units so far) would take, counted until past the budget. */
  readonly work: number;
  /** The budget: `maxWork`. */
  readonly limit: number;
  /** `within`: the place of the sub-unit being evaluated when the budget ran out, e.g. `giaDinh[2].hocTap` ("" for the unit). */
  constructor(set: string, within: string, work: number, limit: number, spent = 0) {
    super("ERR_BUDGET", msg("error.budget", { set, work, limit, ...(within !== "" ? { within } : {}), ...(spent > 0 ? { left: limit - spent } : {}) }));
    this.work = work;
    this.limit = limit;
  }
}

/** An error in words in one language: a tieuchi error's text, or an unexpected error's own message. */
export function errorMessage(e: unknown, lang: Lang): string {
  if (e instanceof TieuchiError) return e.text(lang);
  return e instanceof Error ? e.message : String(e);
}
