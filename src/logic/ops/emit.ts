/**
 * The generated-code form of an operator (its `emit` slot): what every emitter shares. The typed expression an
 * emitter returns, the context it writes into, and the refusal for a rule the generator does not model (the
 * set then keeps the closure evaluator). Each family file of `ops/` holds its operators' emitters next to
 * their other forms; the generator (`src/generate/module.ts`) walks a rule and calls the operator's `emit`.
 *
 * Generated code keeps JsonLogic's semantics for the values it meets. Reads of absent data and anything
 * unusual call `no()`, which throws: the unit is then handed to the general evaluator, so results are the
 * general evaluator's by construction. A share of an empty group throws `EMPTY`, caught by the criterion.
 *
 * @module
 */
import type { InputSpec } from "../../schema/inputs.js";
import type { Rule } from "../../schema/rule.js";
import type { Refusal } from "../../i18n/codes/generate.js";

type RefusalOf<K extends Refusal["key"]> = Extract<Refusal, { key: K }>;

/** The static type of a generated expression. */
export type ExprType =
  | { readonly kind: "bool" }
  | { readonly kind: "num"; readonly count?: boolean }
  | { readonly kind: "str" }
  | { readonly kind: "null" }
  /** A list whose items are records of these fields. */
  | { readonly kind: "list"; readonly item: InputSpec }
  /** A record (an object input), read further by a dotted path. */
  | { readonly kind: "rec"; readonly spec: InputSpec & { type: "object" } }
  /** A title held at levels, read further by one of its level ids (`title.muc-1`). */
  | { readonly kind: "levels"; readonly levels: readonly string[] }
  | { readonly kind: "any" };

/** A JavaScript expression and its type. */
export interface Expr {
  readonly code: string;
  readonly type: ExprType;
  /**
   * Set on the read of a list input of the unit as given (no default: {@link onePass}): the name of the input.
   * The list operators over it join the input's one pass (see {@link ItemPass}).
   */
  readonly input?: string;
}

/**
 * Whether a list input of the unit has one pass in generated code: a list of records without a default. Its items
 * are checked in that pass, and the list operators over the input itself (not over a derived list, nor inside
 * an item) advance in it, item by item, instead of each looping over the list on its own.
 */
export function onePass(spec: InputSpec): boolean {
  return spec.type === "array" && spec.items.type === "object" && !("default" in spec && spec.default !== undefined);
}

/**
 * A list operator's work, item by item, for the one pass over a list input: its accumulators, the step each item
 * takes them through, and the operator's value once the pass is over. The step must read what the operator
 * alone would read, item for item, and no more: where the operator alone stops early (`some` at its first
 * match), the step leaves the items after it unread (a read of an unusual value there would hand back a unit
 * the operator alone decides). Anything a step throws hands the unit back, as the operator alone would.
 */
export interface ItemPass {
  /** The accumulators' initial values (expressions). */
  readonly init: readonly string[];
  /** The statement for the item `it`, given the accumulators' names. */
  readonly step: (acc: readonly string[]) => string;
  /**
   * The operator's value after the pass, given the accumulators' names and the list's expression (evaluated
   * first, as the operator alone evaluates its list: it hands the unit back when the list is absent).
   */
  readonly result: (acc: readonly string[], list: string) => string;
}

/** An expression whose value is a list of records. */
export type ListExpr = Expr & { readonly type: { readonly kind: "list" } };

export const BOOL = { kind: "bool" } as const;
export const NUM = { kind: "num" } as const;
export const COUNT = { kind: "num", count: true } as const;
export const STR = { kind: "str" } as const;
export const ANY = { kind: "any" } as const;

/** What a `var` resolves against: the unit (with its derived values) or the item of a list operator. */
export type Scope =
  | { readonly kind: "root"; readonly inputs: Readonly<Record<string, InputSpec>>; readonly derived: ReadonlyMap<string, Expr> }
  | { readonly kind: "item"; readonly name: string; readonly spec: InputSpec & { type: "object" } };

/** Where emitters write: helper functions of the module, fresh names. */
export interface Context {
  readonly scope: Scope;
  /** Adds a function to the module and returns its name. */
  fn(params: string, body: string): string;
  /** A fresh temporary (declared once for the module). */
  fresh(prefix: "t"): string;
  /** Emits a rule in this context. */
  emit(rule: Rule): Expr;
  /** The same context with another scope (inside a list operator). */
  within(scope: Scope): Context;
  /**
   * A list operator's loop: its part of the list input's one pass when the list is an input that has one
   * ({@link Expr.input}), else a function of the module over the list `l`, called on the list: the pass's own
   * loop, or `alone` when given (a body that stops early where it can).
   */
  overItems(list: ListExpr, pass: ItemPass, alone?: string): string;
}

/** Emits one operator's call, given its arguments (as the rule walker lists them) and its name. */
export type Emitter = (args: readonly Rule[], ctx: Context, op: string) => Expr;

/**
 * A rule (or a set) the generator does not model: the set keeps the closure evaluator. `reason` says what, as a
 * code and its parameters (`gen.*`, put into words by the command line's catalogue, so browser bundles do not
 * carry the sentences); `message` names the same for a developer's log.
 */
export class NotGenerated extends Error {
  override readonly name = "NotGenerated";
  /** What the generator does not model: the key of its sentence and the sentence's parameters. */
  readonly reason: Refusal;
  constructor(reason: Refusal) {
    super(`no generated form: ${reason.key}${Object.keys(reason.params).length ? ` ${JSON.stringify(reason.params)}` : ""}`);
    this.reason = reason;
  }
}

/** Refuses a rule the generator does not model, saying what (a `gen.*` code and its parameters). */
export function refuse<K extends Refusal["key"]>(
  key: K,
  // biome-ignore lint/complexity/noBannedTypes: `{} extends Params` asks whether every parameter is optional (then the argument may be left out).
  ...params: {} extends RefusalOf<K>["params"] ? [params?: RefusalOf<K>["params"]] : [params: RefusalOf<K>["params"]]
): never {
  throw new NotGenerated({ key, params: params[0] ?? {} } as Refusal);
}

/** The expression's JsonLogic truthiness as a JavaScript boolean expression. */
export function truthyCode(e: Expr): string {
  switch (e.type.kind) {
    case "bool":
      return e.code;
    case "num":
      // Numbers in generated code are finite (arithmetic checks), so only 0 is falsy.
      return `(${e.code} !== 0)`;
    case "str":
      return `(${e.code} !== "")`;
    case "null":
      return `(${e.code}, false)`;
    case "list":
      return `(${e.code}.length !== 0)`;
    case "rec":
      return `(${e.code}, true)`;
    case "levels":
      return refuse("gen.levels_whole");
    default:
      return `tr(${e.code})`;
  }
}

/** The list operand of a list operator or a share: a list of records. */
export function listOperand(e: Expr): ListExpr {
  if (e.type.kind !== "list") return refuse("gen.operand_type", { want: "records" });
  return e as ListExpr;
}

/** A rule read for the item `it` of the list, in the item's scope. */
export function itemValue(list: ListExpr, rule: Rule | undefined, ctx: Context): Expr {
  const spec = list.type.item;
  if (spec.type !== "object") return refuse("gen.items_not_records");
  if (rule === undefined) return refuse("gen.item_argument");
  return ctx.within({ kind: "item", name: "it", spec }).emit(rule);
}

/** The condition's truthiness for the item `it` of the list, in the item's scope. */
export function itemTest(list: ListExpr, cond: Rule | undefined, ctx: Context): string {
  return truthyCode(itemValue(list, cond, ctx));
}
