/**
 * What an operator is made of: one {@link Operator} holds everything tieuchi knows about one operator — its
 * declaration (arity, kind, origin), its compiled form (closures), its two-valued meaning on known values, its
 * three-valued bounds, its reference form (what json-logic-js runs), its sentence, and, when the generator models
 * it, its generated-code form. Each file of this folder declares one family of operators; `../operators.ts` puts
 * them together. The evaluators, the analysis, the explanation and the test kit dispatch through the registry
 * rather than through switches of their own (see docs/adding-an-operator.md).
 *
 * This module holds only types, so the family files and the modules that drive them share them without a cycle.
 *
 * @module
 */
import type { JsonPath, Problem } from "../../errors.js";
import type { Lang, Message } from "../../i18n/index.js";
import type { InputSpec } from "../../schema/inputs.js";
import type { Rule } from "../../schema/rule.js";
import type { Emitter } from "./emit.js";
import type { Concrete, Val } from "../bounds.js";
import type { RatioMeasure } from "../exact.js";
import type { BoundsEnv, ScopeSpec } from "../read-bounds.js";
import type { ValueType } from "../types.js";

/** How an operator's arguments are evaluated. */
export type OperatorKind =
  /** Arguments evaluated first, then the operator applied to their values. */
  | "value"
  /** Short-circuits: evaluates its arguments itself, left to right. */
  | "lazy"
  /** Iterates a list: argument {@link OperatorInfo.list} is the list, `perItem` arguments are evaluated once per item. */
  | "scoped";

/** An operator's declaration: what a criteria file may write, and what the documentation says of it. */
export interface OperatorInfo {
  readonly name: string;
  readonly kind: OperatorKind;
  /** Fewest and most arguments. */
  readonly arity: readonly [number, number];
  /** Part of JsonLogic (run by json-logic-js as is), or one of tieuchi's own operators. */
  readonly origin: "jsonlogic" | "tieuchi";
  /** For scoped operators: which argument is the list. */
  readonly list?: number;
  /** For scoped operators: which arguments are evaluated per item (the others against the outer data). */
  readonly perItem?: readonly number[];
  readonly summary: string;
}

// ---------------------------------------------------------------------------------------------------------
// The compiled form

/**
 * Where a compiled rule reports what it read. With `full` set it reports every read and every ratio (as
 * json-logic-js's tracing does); without, only reads that found no value, which is all a status needs.
 */
export interface Sink {
  readonly full: boolean;
  read(base: unknown, rel: string, value: unknown): void;
  measure(m: RatioMeasure): void;
}

/** A compiled rule: its value on `data`, reporting reads to `sink`. */
export type Compiled = (data: unknown, sink: Sink) => unknown;
/** A compiled rule in a yes/no position: JsonLogic truthiness of its value. */
export type CompiledTest = (data: unknown, sink: Sink) => boolean;

/** Options of the compiler. */
export interface CompileOptions {
  /**
   * The data is made of plain objects and arrays with only own properties that matter (as `evaluate`'s
   * validated data is), so a field can be read without an own-property check. Names that exist on
   * `Object.prototype` or `Array.prototype` are still checked. Off by default.
   */
  readonly plainData?: boolean;
}

/** What an operator's compiled form is given: the compiler, to compile its arguments. */
export interface CompileContext {
  readonly options: CompileOptions;
  /** Compiles a rule for its value. */
  value(rule: Rule): Compiled;
  /** Compiles a rule for a yes/no position. */
  test(rule: Rule): CompiledTest;
}

// ---------------------------------------------------------------------------------------------------------
// The three-valued form

/** A three-valued rule compiled once: its value on `d` (the top level or a list item) over every completion. */
export type BoundsFn = (d: unknown, env: BoundsEnv) => Val;

/** What an operator's three-valued form is given. */
export interface BoundsContext {
  /** The declared kind of what `var` reads here (the set's inputs at the top, an item inside a list operator). */
  readonly scope: ScopeSpec;
  /** The engine's two-valued meaning of value operators (json-logic-js's or the closures'). */
  readonly concrete: Concrete;
  /** Compiles a rule three-valued, in this scope or in `scope`. */
  compile(rule: Rule, scope?: ScopeSpec): BoundsFn;
  /** The declared kind of the items of a list expression (null when unknown). */
  itemScope(listRule: Rule): ScopeSpec;
}

// ---------------------------------------------------------------------------------------------------------
// The reference form

/** What the reference engine lends an operator's own json-logic-js operations: where to record reads and ratios. */
export interface ReferenceHooks {
  read(base: unknown, rel: string, value: unknown): void;
  measure(m: RatioMeasure): void;
}

/** How json-logic-js runs an operator. */
export interface ReferenceForm {
  /**
   * The operation rewritten into plain JsonLogic plus `tc:` operations, given its arguments already rewritten.
   * Absent: kept as written (json-logic-js runs it as is).
   */
  expand?(args: Rule[], listed: boolean): Rule;
  /** Its arguments are handed to {@link expand} as written, not rewritten first (`var`'s path). */
  keepArgs?: boolean;
  /** The `tc:` operations this family adds to json-logic-js (by name, without the prefix). */
  operations?(hooks: ReferenceHooks): Readonly<Record<string, (this: unknown, ...args: unknown[]) => unknown>>;
  /** The name json-logic-js knows a value operator by on known arguments (default: its own name). */
  concreteName?: string;
}

// ---------------------------------------------------------------------------------------------------------
// The static check (types)

/** What an operator's type check is given: the analysis, to type its arguments and report problems. */
export interface TypeContext {
  /** The operation's arguments as written. */
  readonly args: readonly Rule[];
  /** The type of argument `i`, walked in the current scope the first time it is asked for. */
  type(i: number): ValueType;
  /** Every argument's type, left to right. */
  types(): ValueType[];
  /** `var`: the declared type at the literal path of argument 0. */
  variable(): ValueType;
  /**
   * A scoped operator: walks its list argument, then the arguments after it once per item, in the items' scope
   * (after this, `type(i)` of such an argument is its type there). The list's type, or undefined when it is not
   * a list (reported).
   */
  list(): ValueType | undefined;
  /** Where argument `i` sits in the file (the operator itself when undefined), for a problem. */
  path(i?: number): JsonPath;
  /** Reports a problem. */
  report(problem: Problem): void;
  /** Comparisons checked against the declared types (`order`: `<` and the like; else equality). */
  checkComparable(args: readonly Rule[], types: readonly ValueType[], order: boolean): void;
  /** An equality with a text of a declared set of values: the other side must be one of them. */
  checkEnum(types: ValueType[]): void;
  /** `in` with a list of texts, against a text of a declared set. */
  checkEnumIn(types: ValueType[]): void;
  /** A part or a whole of a ratio must be a count. */
  checkCount(i: number, type: ValueType, role: "part" | "whole"): void;
  /** A percentage must be a number from 0 to 100 with few decimals. */
  checkPercent(i: number, type: ValueType): void;
  /** A list looked through by a value operator (`in`), counted into the rule's work. */
  loopsOver(i: number, type: ValueType): void;
  /** The rule compares a ratio (explanations show it); `share`: its base may be an empty group. */
  usesRatio(share: boolean): void;
}

// ---------------------------------------------------------------------------------------------------------
// The sentence

/** What an operator's sentence is given: its arguments, in words, and the catalogue. */
export interface DescribeContext {
  readonly lang: Lang;
  /** How deep in the rule the operation sits (0: the whole rule). */
  readonly depth: number;
  /** The operation's arguments as written. */
  readonly args: readonly Rule[];
  /** Argument `i` in words. */
  sub(i: number): string;
  /** Every argument in words. */
  subs(): string[];
  /** List argument `i` in words, and `cond(j)`: argument `j` in words in the scope of the list's items. */
  list(i: number): { readonly text: string; cond(j: number): string };
  /** The label of a data path read here. */
  label(path: string): string;
  /** Percentage argument `i` in words ("60%"). */
  percent(i: number): string;
  /** Brackets around a part of a larger sentence (none for the whole rule). */
  paren(text: string): string;
  /** A sentence of the catalogue, in `lang`. */
  say(message: Message): string;
}

// ---------------------------------------------------------------------------------------------------------
// The operator

/** Everything tieuchi knows about one operator. */
export interface Operator extends OperatorInfo {
  /** Its value must be a finite number (an arithmetic operator): Infinity or NaN is an error, never a value. */
  readonly arithmetic?: boolean;
  /** It compares a ratio against a percentage (explanations show the measure). */
  readonly ratio?: boolean;

  /** The compiled form: closures with no code generated from strings. */
  compile(args: Rule[], c: CompileContext): Compiled;
  /** A faster form in a yes/no position, when it has one (undefined: the truthiness of its value). */
  test?(args: Rule[], c: CompileContext): CompiledTest | undefined;
  /** A value operator's two-valued meaning on known values, as the compiled form applies it. Throws what it throws. */
  apply?(args: readonly unknown[]): unknown;
  /**
   * A value operator's own bounds, for arguments that are not all known (each argument a value or a bound).
   * Operations on known arguments are applied by the engine's {@link Concrete}.
   */
  ownBounds?(args: readonly Val[]): Val;
  /** A lazy or scoped operator's three-valued form (value operators have {@link ownBounds}). */
  bounds?(args: Rule[], c: BoundsContext): BoundsFn;
  /** How json-logic-js runs it. */
  readonly reference: ReferenceForm;
  /** The static check of its arguments and the type of its value (after the arity check). */
  type(c: TypeContext): ValueType;
  /** The operation in words. */
  describe(c: DescribeContext): string;
  /**
   * The generated-code form (`src/generate` walks the rule and calls it; see `emit.ts`): undefined when the
   * generator does not model the operator, and a set using it keeps the closure evaluator.
   */
  readonly emit?: Emitter;
}

/** The declared kind of a list's items, for operators that read inside a list. */
export type ItemSpec = InputSpec | null;
