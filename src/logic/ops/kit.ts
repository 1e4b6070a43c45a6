/**
 * What the test kit (`src/testing/`) asks of an operator: how to edit a unit's data so an operation comes out
 * true or false (the solver behind generated units), how to set it to a value when it is a term (a count, a
 * sum), and, for a threshold, which boundary cases to build at its line. Each family file of this folder exports
 * its operators' {@link TestKit} entries as one {@link FamilyKit}, next to the operators themselves; the test kit
 * puts them together and dispatches through them, with no switch on operator names of its own.
 *
 * The entries are kept apart from the {@link Operator} objects on purpose: an application that evaluates units
 * never makes test data, and its bundle leaves the kit out (nothing of the core imports it).
 *
 * This module holds only types: the contexts the test kit implements, which the family files write their
 * strategies against without importing the test kit (it sits above them).
 *
 * @module
 */
import type { Message } from "../../i18n/index.js";
import type { InputSpec, Inputs } from "../../schema/inputs.js";
import type { Rule } from "../../schema/rule.js";

/** A record being edited, with the declarations of its fields. */
export interface Scope {
  readonly data: Record<string, unknown>;
  readonly fields: Inputs;
  /** The unit itself (where derived values live), rather than an item of a list. */
  readonly root: boolean;
  /** For an item of a list of plain values (e.g. titles of families), read as `{"var": ""}`: where it lives. */
  readonly scalar?: { readonly list: unknown[]; readonly index: number; readonly spec: InputSpec };
}

/** A list inside the data, seen through the expression that names it (a `var`, a `filter` of one, a derived value). */
export interface ListHandle {
  /** The items currently in the list (for a filter, those that meet its condition). */
  members(): Scope[];
  /** Adds one item to the list and returns it. */
  append(): Scope | undefined;
  /** Removes an item from the list. */
  remove(item: Scope): void;
  /** Moves an item to the front of the list. */
  moveToFront(item: Scope): void;
  /** Makes the list hold exactly `n` items. */
  resize(n: number): boolean;
  /** A scope over a new item that is not in the list: for reading the items' declarations, never for keeping. */
  model(): Scope;
}

/** The type of value a term (a `var`, a `count`, a `sum`) holds, and its range, when the solver can set it. */
export interface TermInfo {
  readonly kind: "integer" | "number" | "string" | "date" | "boolean";
  readonly min?: number;
  readonly max?: number;
  readonly enum?: readonly string[];
  readonly minDate?: string;
  readonly maxDate?: string;
}

/**
 * The solver, as an operator's strategies see it (`src/testing/solve.ts` implements it). Every method edits in
 * place and says whether it believes it succeeded; the test kit evaluates the result to know.
 */
export interface SolveContext {
  /** While true, a share of an empty group is left empty (not applicable) rather than given an item to meet it. */
  readonly keepEmptyGroups: boolean;
  /** Edits the data so the rule's truthiness is `want`. */
  force(rule: Rule, want: boolean, scope: Scope): boolean;
  /** Whether the rule's truthiness is `want` already (false when it needs absent data or fails). */
  holds(rule: Rule, scope: Scope, want: boolean): boolean;
  /** The value of a rule, or undefined when it needs absent data, is not applicable, or fails. */
  valueOf(rule: Rule, scope: Scope): { value: unknown } | undefined;
  /** A handle on the list an expression names, or undefined when it is not a list the solver can edit. */
  list(expr: Rule, scope: Scope): ListHandle | undefined;
  /** What a term holds, when the solver can set it. */
  termInfo(term: Rule, scope: Scope): TermInfo | undefined;
  /** Whether a value fits a term's type and range. */
  fits(info: TermInfo, value: unknown): boolean;
  /** Sets a term to a value. */
  assign(term: Rule, value: unknown, scope: Scope): boolean;
  /** `var`: edits the input (or derived value) at a path so it reads as `want` (`read`: the `var` as written). */
  forceInput(path: string, want: boolean, scope: Scope, read: Rule): boolean;
  /** `var`: what the input (or derived value) at a path holds. */
  inputTerm(path: string, scope: Scope): TermInfo | undefined;
  /** `var`: sets the input (or derived value) at a path (its type and range already checked). */
  setInput(path: string, value: unknown, scope: Scope): boolean;
  /** `var`: the list input (or derived list) at a path. */
  inputList(path: string, scope: Scope): ListHandle | undefined;
  /** The next or previous calendar day of a `YYYY-MM-DD` date. */
  addDays(date: string, days: number): string;
}

/** The words of generated case names, in the case file's language. */
export type BoundaryWord = "at" | "below" | "above" | "empty" | "allExcluded" | "excluded";

/**
 * One threshold site of a criterion, as the boundary-case generator gives it to the operator's
 * {@link TestKit.boundary}: the operation's arguments, and ways to build, name and record cases at its line.
 */
export interface BoundaryContext {
  /** The operation's arguments. */
  readonly args: readonly Rule[];
  /** The criterion's id (case names start with it). */
  readonly criterion: string;
  readonly solver: SolveContext;
  /** The site's scope on a copy of the baseline unit, with the site put in charge: for looking, not for keeping. */
  probe(): Scope | undefined;
  /**
   * Data for one side of the line: the baseline with the site put in charge and `apply` putting it on its side,
   * the other criteria made to pass again around it. Undefined when it cannot be built.
   */
  build(apply: (scope: Scope) => boolean): Record<string, unknown> | undefined;
  /** Evaluates the data and keeps it as a case of that name. */
  record(name: string, data: Record<string, unknown>): void;
  /** Says why a case could not be built. */
  skip(detail: Message): void;
  /** A term or list, read at the site, in words (`thành viên #1 › tuổi`, `số thành viên`). */
  nameOf(term: Rule): string;
  /** A number in the case file's language. */
  num(n: number): string;
  /** A word of case names. */
  word(w: BoundaryWord): string;
}

/** What an operator's {@link TestKit.name} is given to name a term in case names. */
export interface NameContext {
  /** The input path of a list expression in words (`thành viên`), or undefined when it names none the kit can tell. */
  listLabel(list: Rule): string | undefined;
  /** The operation in words, as explanations say it (`tổng giấy khen của khu dân cư`). */
  sentence(): string;
  /** A sentence of the catalogue, in the case file's language. */
  say(message: Message): string;
}

/**
 * One operator's strategies for the test kit. Every part is optional: without `force`, the solver can only see
 * whether the operation already comes out as wanted; without `term`/`assign`, it cannot set it to a value.
 */
export interface TestKit {
  /**
   * Edits the data so the operation's truthiness is `want` (`self` is the operation as written). Returns false
   * when it could not: the rule's shape is beyond it, or the inputs' ranges forbid it.
   */
  force?(args: readonly Rule[], want: boolean, c: SolveContext, scope: Scope, self: Rule): boolean;
  /** The operation as a term: the kind and range of what it holds, when the solver can set it. */
  term?(args: readonly Rule[], c: SolveContext, scope: Scope): TermInfo | undefined;
  /** Sets the operation's value (its kind and range already checked against {@link term}). */
  assign?(args: readonly Rule[], value: unknown, c: SolveContext, scope: Scope): boolean;
  /** The list the operation's value is, as a handle the solver can edit (`filter`). */
  list?(args: readonly Rule[], c: SolveContext, scope: Scope): ListHandle | undefined;
  /** Its value is some of the items of the list in this argument (`filter`): case names and reads go through it. */
  readonly itemsOf?: number;
  /**
   * A scoped operator: how one item is put in charge of its per-item arguments for a boundary case. `first`: the
   * first item decides (the others meet the condition already, as in `all`); `meeting`: the first item meeting
   * the condition comes first and no other meets it (`some`, `none`, `filter`); `one`: the list is cut to one item.
   */
  readonly focus?: "first" | "meeting" | "one";
  /** The operation as a term in case names (`số thành viên`), when it is one. */
  name?(args: readonly Rule[], c: NameContext): string | undefined;
  /** A threshold: builds and records its boundary cases (at its line, just below, just above). */
  boundary?(c: BoundaryContext): void;
}

/** A family's test kit entries, by operator name. */
export type FamilyKit = Readonly<Record<string, TestKit>>;
