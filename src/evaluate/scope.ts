/**
 * The record scope a unit's rules run in (`EvalScope` of `logic/trace.ts`): the unit's data with its derived
 * values, the states of derived values that have none, the path of every record, and the unit's three-valued
 * evaluation.
 *
 * Paths and the three-valued evaluation are made on first use only: most units need neither (a path is
 * needed by a missing value or an explanation; the three-valued evaluation by a rule that read absent data).
 *
 * Paths are looked up by record object. The fast data check keeps the caller's records, and data built in
 * memory may hold one record object at two places (parsed JSON never does): that object would need two paths.
 * The scope then says so ({@link UnitScope.aliased}), and `evaluate` evaluates the unit again on zod's copy,
 * where every record is an object of its own.
 *
 * @module
 */
import type { Engine } from "../logic/engine.js";
import { type DerivedState, type EvalScope, itemPath, joinPath } from "../logic/trace.js";
import type { InputSpec, Inputs } from "../schema/inputs.js";
import type { CriterionSpan } from "./decision.js";
import type { LoadedSet } from "./load.js";
import { programOf } from "./program.js";
import { Uncertainty } from "./uncertain.js";

/** No derived value without one (shared until one has none). */
export const NO_DERIVED_STATES: Map<string, DerivedState> = new Map();

/** The scope rules of one unit run in. */
export class UnitScope implements EvalScope {
  private paths: Map<object, string> | undefined;
  private threeValued: Uncertainty | undefined;
  /** Whether the data holds one record object at two places (known once paths are made): its paths are not to be trusted. */
  aliased = false;
  derived: Map<string, DerivedState> = NO_DERIVED_STATES;
  /** What the completions of the missing data make of each criterion decided over them (undefined until one is). */
  spans: (CriterionSpan | undefined)[] | undefined;

  constructor(
    readonly root: Record<string, unknown>,
    private readonly inputs: Inputs,
    private readonly loaded: LoadedSet,
    private readonly engine: Engine,
  ) {}

  /** Three-valued evaluation of this unit, made when a rule first reads absent data. */
  get uncertainty(): Uncertainty {
    this.threeValued ??= new Uncertainty(this.loaded, programOf(this.loaded).bounds(this.engine), this);
    return this.threeValued;
  }

  /**
   * The path of every record of the unit's inputs, made when a rule first needs one. A Map, not a WeakMap: it lives
   * as long as the unit's evaluation, and a WeakMap's entries cost more to add and to collect (an explained
   * evaluation makes one per unit).
   */
  get pathOf(): Map<object, string> {
    if (this.paths === undefined) {
      this.paths = new Map();
      this.aliased = !recordPaths(this.inputs, this.root, "", this.paths);
    }
    return this.paths;
  }
}

/** Records the path of every record (object) in `obj`'s inputs; false when a record object is met twice. */
function recordPaths(fields: Inputs, obj: Record<string, unknown>, base: string, pathOf: Map<object, string>): boolean {
  for (const name in fields) {
    const spec = fields[name]!;
    if (spec.type !== "object" && spec.type !== "array") continue;
    const value = obj[name];
    if (value === undefined || value === null) continue;
    if (!recordValuePaths(spec, value, joinPath(base, name), pathOf)) return false;
  }
  return true;
}

function recordValuePaths(spec: InputSpec, value: unknown, path: string, pathOf: Map<object, string>): boolean {
  if (spec.type === "object") {
    if (pathOf.has(value as object)) return false;
    pathOf.set(value as object, path);
    return recordPaths(spec.fields, value as Record<string, unknown>, path, pathOf);
  }
  if (spec.type === "array") {
    const list = value as unknown[];
    for (let i = 0; i < list.length; i++) {
      const item = list[i];
      if (item !== null && item !== undefined && !recordValuePaths(spec.items, item, itemPath(path, i), pathOf)) return false;
    }
  }
  return true;
}
