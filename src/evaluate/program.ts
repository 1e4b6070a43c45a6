/**
 * A criteria set compiled once for the compiled evaluator: derived values as closures, each criterion's
 * conditions as closures returning yes/no, and the fast check of a unit's data. Kept per loaded set.
 *
 * @module
 */
import { compileRule, compileTest, type Compiled, type CompiledTest } from "../logic/compile.js";
import type { InputSpec, Inputs } from "../schema/inputs.js";
import { compileDataCheck } from "./data-check.js";
import type { LoadedSet } from "./load.js";
import { prepareCriterion, type CriterionRules } from "../logic/walk.js";

/** One criterion's conditions, compiled (a score is a value, the rest are yes/no). */
export type CompiledCriterion = CriterionRules<CompiledTest | Compiled>;

/** A set compiled for the compiled evaluator. */
export interface Program {
  readonly derived: ReadonlyArray<readonly [string, Compiled]>;
  readonly criteria: readonly CompiledCriterion[];
  /** The fast check of a unit's data (undefined: ask the zod schema). */
  readonly check: (data: unknown) => Record<string, unknown> | undefined;
  /** Whether some input is a title, which the data may give as a sub-unit to evaluate. */
  readonly hasTitles: boolean;
}

function specHasTitle(spec: InputSpec): boolean {
  if (spec.type === "title") return true;
  if (spec.type === "array") return specHasTitle(spec.items);
  if (spec.type === "object") return inputsHaveTitle(spec.fields);
  return false;
}

function inputsHaveTitle(inputs: Inputs): boolean {
  return Object.values(inputs).some(specHasTitle);
}

/** Compiles a loaded set (without caching: {@link programOf} keeps the result). */
export function compileSet(loaded: LoadedSet): Program {
  const set = loaded.definition;
  // evaluate's data is validated: plain objects and arrays whose fields are own properties.
  const options = { plainData: true };
  return {
    derived: Object.entries(set.derived).map(([name, d]) => [name, compileRule(d.rule, options)] as const),
    criteria: set.criteria.map((c) => prepareCriterion(c, (rule, test) => (test ? compileTest(rule, options) : compileRule(rule, options)))),
    check: compileDataCheck(set.inputs, loaded.limits),
    hasTitles: inputsHaveTitle(set.inputs),
  };
}

const programs = new WeakMap<LoadedSet, Program>();

/** The compiled form of a loaded set, compiled on first use. */
export function programOf(loaded: LoadedSet): Program {
  let p = programs.get(loaded);
  if (!p) {
    p = compileSet(loaded);
    programs.set(loaded, p);
  }
  return p;
}
