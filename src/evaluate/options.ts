/**
 * The options of `evaluate`, and what one call carries through a unit and the sub-units whose titles it decides.
 *
 * @module
 */
import type { EngineName } from "./engines.js";
import type { LoadedSet } from "./load.js";

/** Finds the set that decides a title of a sub-unit (a registry implements this). */
export interface SetResolver {
  /** The set with this id, in force on `asOf` when given. Throws `SetNotFoundError` when there is none. */
  resolve(id: string, asOf?: string): LoadedSet;
}

/** Options of `evaluate`. */
export interface EvaluateOptions {
  /**
   * The date the title is decided for (YYYY-MM-DD). Recorded in the result, which says whether the set was in
   * force then; picks the version when the set is given by id, and the versions of sub-units' sets.
   */
  readonly asOf?: string;
  /** Build per-criterion values, measures and sentences (default true). Off, a result carries statuses and points only. */
  readonly explain?: boolean;
  /**
   * Which evaluator runs the rules: `compiled` (default; the set is compiled once into closures, CSP-safe) or
   * `json-logic-js` (the reference it is tested against). Both give the same result, but for `engine.evaluator`.
   */
  readonly engine?: EngineName;
  /** Where to find the sets that decide titles of sub-units given as data, and the set when it is given by id. */
  readonly sets?: SetResolver;
  /**
   * Evaluate a set given as a version on an `asOf` outside its dates in force (default false). Without it,
   * such a call throws `NotInForceError`: what a version not in force then says is not the verdict for that
   * date. With it, the result has `inForce: false` and the verdict that version would give, for comparisons
   * (impact, replays, "what if"), never as the title for `asOf`.
   */
  readonly allowOutOfForce?: boolean;
  /**
   * Most steps evaluating this unit may take, sub-units' titles included (default 20,000,000, as
   * `DEFAULT_LIMITS.maxWork`). The unit's work is counted from its data before any rule runs (each part of a rule,
   * times the items of the lists it goes through); over the budget, `BudgetError` (`ERR_BUDGET`) is thrown and
   * no rule runs. It is apart from the set's `limits.maxWork`, which bounds what any unit of the set could take
   * when the set is loaded: a set loaded with that limit raised still holds each unit to this budget.
   */
  readonly maxWork?: number;
}

/** What one call of `evaluate` carries through a unit and the sub-units whose titles it decides. */
export interface RunContext {
  readonly options: EvaluateOptions;
  readonly engine: EngineName;
  readonly explain: boolean;
  /** How deep in sub-units' titles (0: the unit itself). */
  readonly depth: number;
  /** The steps the unit may still take, shared with the sub-units whose titles it decides. */
  readonly budget: { remaining: number; readonly limit: number };
}
