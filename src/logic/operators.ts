/**
 * The closed set of operators a criteria file may use. Anything else is rejected when the set is loaded,
 * so a rule can never reach an operator the project has not documented and tested (CertLogic's approach).
 *
 * @module
 */

/** How an operator's arguments are evaluated. */
export type OperatorKind =
  /** Arguments evaluated first, then the operator applied to their values. */
  | "value"
  /** Short-circuits: evaluates its arguments itself, left to right. */
  | "lazy"
  /** Iterates a list: argument 0 is the list, later arguments are evaluated once per item, with the item as data. */
  | "scoped";

export interface OperatorInfo {
  readonly name: string;
  readonly kind: OperatorKind;
  /** Fewest and most arguments. */
  readonly arity: readonly [number, number];
  /** Part of JsonLogic (run by json-logic-js as is), or one of tieuchi's own operators. */
  readonly origin: "jsonlogic" | "tieuchi";
  /** For scoped operators: which arguments are evaluated per item (the others against the outer data). */
  readonly perItem?: readonly number[];
  readonly summary: string;
}

const list: OperatorInfo[] = [
  { name: "var", kind: "value", arity: [1, 1], origin: "jsonlogic", summary: "Reads a declared input, derived value or record field by a literal dotted path." },
  { name: "and", kind: "lazy", arity: [1, 64], origin: "jsonlogic", summary: "First falsy argument, or the last one." },
  { name: "or", kind: "lazy", arity: [1, 64], origin: "jsonlogic", summary: "First truthy argument, or the last one." },
  { name: "if", kind: "lazy", arity: [1, 63], origin: "jsonlogic", summary: "if / then / else-if / ... / else." },
  { name: "!", kind: "value", arity: [1, 1], origin: "jsonlogic", summary: "Logical not (JsonLogic truthiness: [] is false)." },
  { name: "!!", kind: "value", arity: [1, 1], origin: "jsonlogic", summary: "Truthiness as a boolean." },
  { name: "==", kind: "value", arity: [2, 2], origin: "jsonlogic", summary: "Loose equality." },
  { name: "===", kind: "value", arity: [2, 2], origin: "jsonlogic", summary: "Strict equality." },
  { name: "!=", kind: "value", arity: [2, 2], origin: "jsonlogic", summary: "Loose inequality." },
  { name: "!==", kind: "value", arity: [2, 2], origin: "jsonlogic", summary: "Strict inequality." },
  { name: ">", kind: "value", arity: [2, 2], origin: "jsonlogic", summary: "Greater than." },
  { name: ">=", kind: "value", arity: [2, 2], origin: "jsonlogic", summary: "Greater than or equal." },
  { name: "<", kind: "value", arity: [2, 3], origin: "jsonlogic", summary: "Less than; with three arguments, strictly between." },
  { name: "<=", kind: "value", arity: [2, 3], origin: "jsonlogic", summary: "Less than or equal; with three arguments, between inclusive." },
  { name: "+", kind: "value", arity: [1, 64], origin: "jsonlogic", summary: "Sum." },
  { name: "-", kind: "value", arity: [1, 2], origin: "jsonlogic", summary: "Difference, or negation." },
  { name: "*", kind: "value", arity: [1, 64], origin: "jsonlogic", summary: "Product." },
  { name: "/", kind: "value", arity: [2, 2], origin: "jsonlogic", summary: "Quotient." },
  { name: "%", kind: "value", arity: [2, 2], origin: "jsonlogic", summary: "Remainder." },
  { name: "min", kind: "value", arity: [1, 64], origin: "jsonlogic", summary: "Smallest argument." },
  { name: "max", kind: "value", arity: [1, 64], origin: "jsonlogic", summary: "Largest argument." },
  { name: "in", kind: "value", arity: [2, 2], origin: "jsonlogic", summary: "Membership in a list, or substring of a text." },
  { name: "all", kind: "scoped", arity: [2, 2], origin: "jsonlogic", perItem: [1], summary: "Every item meets the condition (false for an empty list)." },
  { name: "some", kind: "scoped", arity: [2, 2], origin: "jsonlogic", perItem: [1], summary: "At least one item meets the condition." },
  { name: "none", kind: "scoped", arity: [2, 2], origin: "jsonlogic", perItem: [1], summary: "No item meets the condition (true for an empty list)." },
  { name: "filter", kind: "scoped", arity: [2, 2], origin: "jsonlogic", perItem: [1], summary: "The items that meet the condition." },
  { name: "count", kind: "scoped", arity: [1, 2], origin: "tieuchi", perItem: [1], summary: "How many items (that meet the condition, if given)." },
  {
    name: "shareAtLeast",
    kind: "scoped",
    arity: [3, 4],
    origin: "tieuchi",
    perItem: [2, 3],
    summary: "[P, list, condition, exclude?]: at least P% of the items not excluded meet the condition, compared exactly in integers. Not applicable when no item is left.",
  },
  {
    name: "shareAtMost",
    kind: "scoped",
    arity: [3, 4],
    origin: "tieuchi",
    perItem: [2, 3],
    summary: "[P, list, condition, exclude?]: at most P% of the items not excluded meet the condition, compared exactly. Not applicable when no item is left.",
  },
  {
    name: "ratioAtLeast",
    kind: "value",
    arity: [3, 3],
    origin: "tieuchi",
    summary: "[part, whole, P]: part is at least P% of whole, compared exactly in integers. Not applicable when whole is 0.",
  },
  {
    name: "ratioAtMost",
    kind: "value",
    arity: [3, 3],
    origin: "tieuchi",
    summary: "[part, whole, P]: part is at most P% of whole, compared exactly in integers. Not applicable when whole is 0.",
  },
];

/** Every operator a criteria file may use, by name. */
export const OPERATORS: ReadonlyMap<string, OperatorInfo> = new Map(list.map((o) => [o.name, o]));

/** Names of the operators tieuchi adds to JsonLogic. */
export const PROJECT_OPERATORS = list.filter((o) => o.origin === "tieuchi").map((o) => o.name);

/** Arithmetic operators: their value must be a finite number (see `checkFinite`). */
export const ARITHMETIC_OPERATORS: ReadonlySet<string> = new Set(["+", "-", "*", "/", "%", "min", "max"]);

/** Operators that compare a ratio against a percentage. */
export const RATIO_OPERATORS: ReadonlySet<string> = new Set(["shareAtLeast", "shareAtMost", "ratioAtLeast", "ratioAtMost"]);
