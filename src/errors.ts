/**
 * Errors thrown by tieuchi. Every error has a stable `code` that programs can branch on, a message a
 * person can act on, and, where the fault lies in some input, the path into that input.
 *
 * @module
 */

/** A path into a JSON document: object keys and array indexes, outermost first. */
export type JsonPath = ReadonlyArray<string | number>;

/** One problem found in an input: what is wrong, and where. */
export interface Problem {
  /** Stable machine-readable kind of problem, e.g. `unknown_var` or `invalid_type`. */
  readonly code: string;
  /** Where the problem is, as a path into the input. */
  readonly path: JsonPath;
  /** What is wrong and what would fix it. */
  readonly message: string;
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
  | "ERR_BUDGET";

/**
 * Characters that can rewrite a terminal or hide text when printed: C0 controls other than tab and line
 * breaks, DEL, C1 controls, and the bidirectional overrides and isolates.
 */
export const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
const CONTROL_CHARACTERS = new RegExp(CONTROL_CHARACTER.source, "g");

/** A text safe to print: every control character written as `\u{…}`. */
export function printable(text: string): string {
  return text.replace(CONTROL_CHARACTERS, (c) => `\\u{${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}}`);
}

/**
 * Renders a path as `a.b[2].c`; the empty path is `(root)`. Control characters in keys are escaped. A path
 * of more than 24 parts (hostile nesting) keeps its first 12 and last 8, with the count of those left out.
 */
export function formatPath(path: JsonPath): string {
  if (path.length === 0) return "(root)";
  let out = "";
  const n = path.length;
  for (let i = 0; i < n; i++) {
    if (n > 24 && i === 12) {
      out += `…(${n - 20} more)…`;
      i = n - 9;
      continue;
    }
    const part = path[i]!;
    if (typeof part === "number") out += `[${part}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(part)) out += out === "" ? part : `.${part}`;
    else out += `[${printable(JSON.stringify(part))}]`;
  }
  return out;
}

function listProblems(problems: readonly Problem[], limit = 50): string {
  const lines = problems.slice(0, limit).map((p) => `  - ${formatPath(p.path)}: ${p.message} [${p.code}]`);
  if (problems.length > limit) lines.push(`  ... and ${problems.length - limit} more`);
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

  constructor(code: ErrorCode, message: string, options: { path?: JsonPath; problems?: readonly Problem[]; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.path = options.path ?? [];
    this.problems = options.problems ?? [];
  }
}

/** A criteria set failed validation: its shape, or a static check beyond shape. Lists every problem. */
export class CriteriaSetError extends TieuchiError {
  /** The file or label the set came from, when known. */
  readonly source: string | undefined;
  constructor(problems: readonly Problem[], source?: string) {
    const where = source ? ` in ${source}` : "";
    super(
      "ERR_CRITERIA_SET",
      `The criteria set${where} is invalid (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n${listProblems(problems)}`,
      { problems, path: problems[0]?.path ?? [] },
    );
    this.source = source;
  }
}

/** A unit's data does not match the inputs the set declares. Lists every problem; no rule has run. */
export class UnitDataError extends TieuchiError {
  constructor(problems: readonly Problem[], setLabel: string) {
    super(
      "ERR_UNIT_DATA",
      `The unit's data does not match the inputs declared by ${setLabel} (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n${listProblems(problems)}`,
      { problems, path: problems[0]?.path ?? [] },
    );
  }
}

/** A text could not be read as JSON. `line` and `column` are 1-based. */
export class JsonParseError extends TieuchiError {
  readonly source: string;
  readonly line: number;
  readonly column: number;
  readonly offset: number;
  constructor(source: string, reason: string, position: { offset: number; line: number; column: number }) {
    super("ERR_JSON_PARSE", `${source}:${position.line}:${position.column}: not valid JSON: ${reason}`);
    this.source = source;
    this.line = position.line;
    this.column = position.column;
    this.offset = position.offset;
  }
}

/** A file could not be read: it does not exist, is a folder, is not readable, or is larger than allowed. */
export class FileError extends TieuchiError {
  /** The file's path. */
  readonly source: string;
  constructor(source: string, reason: string, cause?: unknown) {
    super("ERR_FILE", `${source}: ${reason}`, { cause });
    this.source = source;
  }
}

/** A criteria set named by id (and perhaps a date) could not be found. */
export class SetNotFoundError extends TieuchiError {
  readonly setId: string;
  constructor(setId: string, message: string, path: JsonPath = []) {
    super("ERR_SET_NOT_FOUND", message, { path });
    this.setId = setId;
  }
}

/** Options passed to a function are not usable. */
export class OptionsError extends TieuchiError {
  constructor(message: string, path: JsonPath = []) {
    super("ERR_OPTIONS", message, { path });
  }
}

/** A case file (tests of a criteria set written as data) is malformed. */
export class CaseFileError extends TieuchiError {
  constructor(problems: readonly Problem[], source?: string) {
    const where = source ? ` ${source}` : "";
    super("ERR_CASE_FILE", `The case file${where} is invalid (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n${listProblems(problems)}`, {
      problems,
      path: problems[0]?.path ?? [],
    });
  }
}

/** Something went wrong inside evaluation that validation should have prevented. A bug: please report it. */
export class EvaluationError extends TieuchiError {
  constructor(message: string, path: JsonPath = [], cause?: unknown) {
    super("ERR_EVALUATION", message, { path, cause });
  }
}

/** The sets given to a registry contradict each other: overlapping dates in force, or a `supersedes` that points nowhere. Lists every problem. */
export class RegistryError extends TieuchiError {
  constructor(problems: readonly Problem[]) {
    super(
      "ERR_REGISTRY",
      `The criteria sets do not form a consistent registry (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n${listProblems(problems)}`,
      { problems, path: problems[0]?.path ?? [] },
    );
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
  constructor(setId: string, date: string, reason: NotInForceError["reason"], message: string) {
    super("ERR_NOT_IN_FORCE", message, { path: [setId] });
    this.setId = setId;
    this.date = date;
    this.reason = reason;
  }
}

/** Options for an error about a whole file full of problems: what the file is, and its name. */
function fileProblems(code: ErrorCode, what: string, problems: readonly Problem[], source: string | undefined) {
  const where = source ? ` ${source}` : "";
  return [
    code,
    `The ${what}${where} is invalid (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n${listProblems(problems)}`,
    { problems, path: problems[0]?.path ?? [] },
  ] as const;
}

/** The lock file (`criteria.lock.json`) is malformed. Lists every problem. */
export class LockFileError extends TieuchiError {
  constructor(problems: readonly Problem[], source?: string) {
    super(...fileProblems("ERR_LOCK_FILE", "lock file", problems, source));
  }
}

/** An audit record is malformed (not a `tieuchi/audit@1` record, or inconsistent with itself). Lists every problem. */
export class AuditRecordError extends TieuchiError {
  constructor(problems: readonly Problem[], source?: string) {
    super(...fileProblems("ERR_AUDIT_RECORD", "audit record", problems, source));
  }
}

/** A case of a case file did not hold: what it expected differs from what the set decided. Thrown by test helpers. */
export class CaseFailedError extends TieuchiError {
  /** The case's name. */
  readonly caseName: string;
  constructor(caseName: string, details: readonly string[]) {
    super("ERR_CASE_FAILED", `case '${caseName}' does not hold:\n${details.map((d) => `  ${d}`).join("\n")}`);
    this.caseName = caseName;
  }
}

/** A line of batch output (read by a report) is not JSON, or not in the batch line format. `path` is `[line]`. */
export class ReportLineError extends TieuchiError {
  /** The 1-based line number. */
  readonly line: number;
  constructor(line: number, message: string, problems: readonly Problem[] = []) {
    super("ERR_REPORT_LINE", `line ${line}: ${message}`, { path: [line], problems });
    this.line = line;
  }
}

/** A file of units cannot be read as a whole (not a list of units, not UTF-8 text, a quoted CSV cell never closed). */
export class UnitsFileError extends TieuchiError {
  /** The file, as named to the reader. */
  readonly source: string;
  /** The line (1-based) where reading stopped. */
  readonly line: number;
  constructor(source: string, reason: string, line: number) {
    super("ERR_UNITS_FILE", `${source}:${line}: ${reason}`);
    this.source = source;
    this.line = line;
  }
}

/**
 * A value has no canonical JSON form, so it cannot be hashed: a number JSON cannot hold (NaN, Infinity), a
 * function or other non-JSON value, nesting deeper than 1000, or two keys of one object that are the same
 * once normalised to NFC. `path` says where.
 */
export class CanonicalJsonError extends TieuchiError {
  constructor(reason: string, path: JsonPath) {
    super("ERR_CANONICAL_JSON", `${formatPath(path)}: ${reason}; the value has no canonical JSON form and cannot be hashed`, { path });
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
  constructor(label: string, work: number, limit: number, spent = 0) {
    super(
      "ERR_BUDGET",
      `evaluating this unit with ${label} would take more than the ${spent > 0 ? `${(limit - spent).toLocaleString("en")} steps left of the ${limit.toLocaleString("en")} allowed for the whole unit` : `${limit.toLocaleString("en")} steps allowed`} (maxWork): at least ${work.toLocaleString("en")} (each part of a rule, times the items of the lists it goes through). Its lists are too long for this set; raise maxWork (--max-work) to evaluate it`,
    );
    this.work = work;
    this.limit = limit;
  }
}
