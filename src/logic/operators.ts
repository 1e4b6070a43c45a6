/**
 * The closed set of operators a criteria file may use: the registry. Each family of operators is one file of
 * `ops/` holding everything about its operators (declaration, compiled form, two-valued meaning, three-valued
 * bounds, reference form, type check, sentence, generated form); this module puts the families together. Anything
 * else is rejected when the set is loaded, so a rule can never reach an operator the project has not documented
 * and tested (CertLogic's approach). To add an operator, see docs/adding-an-operator.md.
 *
 * @module
 */
import { ARITHMETIC_FAMILY } from "./ops/arithmetic.js";
import { COMPARE_FAMILY } from "./ops/compare.js";
import { LIST_FAMILY } from "./ops/lists.js";
import { LOGIC_FAMILY } from "./ops/logic.js";
import { RATIO_FAMILY } from "./ops/ratio.js";
import type { Operator, OperatorInfo } from "./ops/types.js";
import { VAR_FAMILY } from "./ops/var.js";

export type { Operator, OperatorInfo, OperatorKind } from "./ops/types.js";

/** The families, in the order the documentation lists them. */
export const FAMILIES: ReadonlyArray<{ readonly name: string; readonly operators: readonly Operator[] }> = [
  { name: "var", operators: VAR_FAMILY },
  { name: "logic", operators: LOGIC_FAMILY },
  { name: "compare", operators: COMPARE_FAMILY },
  { name: "arithmetic", operators: ARITHMETIC_FAMILY },
  { name: "lists", operators: LIST_FAMILY },
  { name: "ratio", operators: RATIO_FAMILY },
];

const all: readonly Operator[] = FAMILIES.flatMap((f) => f.operators);

/** Every operator, by name, with all its forms (internal: the evaluators, the analysis and the test kit use it). */
export const REGISTRY: ReadonlyMap<string, Operator> = new Map(all.map((o) => [o.name, o]));

/** Every operator a criteria file may use, by name: its declaration. */
export const OPERATORS: ReadonlyMap<string, OperatorInfo> = REGISTRY;

/** The operator of that name (undefined: not one a criteria file may use). */
export function operatorOf(name: string): Operator | undefined {
  return REGISTRY.get(name);
}

/** Names of the operators tieuchi adds to JsonLogic. */
export const PROJECT_OPERATORS = all.filter((o) => o.origin === "tieuchi").map((o) => o.name);

/** Arithmetic operators: their value must be a finite number (see `checkFinite`). */
export const ARITHMETIC_OPERATORS: ReadonlySet<string> = new Set(all.filter((o) => o.arithmetic).map((o) => o.name));

/** Operators that compare a ratio against a percentage. */
export const RATIO_OPERATORS: ReadonlySet<string> = new Set(all.filter((o) => o.ratio).map((o) => o.name));

/** Which argument of a scoped operator is the list (undefined for other operators). */
export function listArgument(name: string): number | undefined {
  return REGISTRY.get(name)?.list;
}
