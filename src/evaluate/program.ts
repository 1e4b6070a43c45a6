/**
 * A loaded set's `Program`: everything `evaluate` derives from a set once and keeps while the set lives, in one
 * place, rather than a cache per module:
 *
 * - the set compiled for the compiled evaluator: derived values as closures, each criterion's conditions as
 *   closures returning yes/no, and the fast check of a unit's data;
 * - its rules prepared for json-logic-js (the reference path), on first use;
 * - its rules in three-valued form, per evaluator, made the first time a unit misses data;
 * - what every result of the set shares (its stamp, the engine stamps, the criteria of each group);
 * - each criterion's plan (its maximum points, whether it is mandatory, what not applicable earns);
 * - the counter of a unit's work (its data walked once, against the budget).
 *
 * The programs are kept in one `WeakMap` keyed by the loaded set, so a program goes when its set goes. (A set's
 * generated module, when one is attached, is kept by `generated.ts`, the seam it comes through.)
 *
 * @module
 */
import { compileRule, compileTest, type Compiled, type CompiledTest } from "../logic/compile.js";
import type { Engine, PreparedRule } from "../logic/engine.js";
import { jsonLogicJsEngine } from "../logic/jsonlogic-js.js";
import { rootSpec, type BoundsRule } from "../logic/read-bounds.js";
import { prepareCriterion, type CriterionRules } from "../logic/walk.js";
import { workCounter } from "../logic/work.js";
import type { Criterion } from "../schema/criteria-set.js";
import type { InputSpec, Inputs } from "../schema/inputs.js";
import type { CriterionResult, Result } from "../schema/result.js";
import { VERSION } from "../version.js";
import { compileDataCheck } from "./data-check.js";
import { ENGINE_NAMES, type EngineName } from "./engines.js";
import type { LoadedSet } from "./load.js";

/** A set's rules in one evaluator's form: derived values in order, with their names, and each criterion's rules. */
export interface SetRules<R> {
  readonly derived: ReadonlyArray<readonly [string, R]>;
  readonly criteria: readonly CriterionRules<R>[];
}

/** One criterion's conditions, compiled (a score is a value, the rest are yes/no). */
export type CompiledCriterion = CriterionRules<CompiledTest | Compiled>;

/** What every result of a set shares: its stamp, and for each group the positions of its criteria. */
export interface SetShape {
  readonly stamp: Result["set"];
  readonly groupMembers: readonly (readonly number[])[];
  readonly engines: ReadonlyMap<EngineName, Result["engine"]>;
}

/** The parts of a criterion's result that do not depend on the unit. */
export interface CriterionPlan {
  readonly criterion: Criterion;
  readonly max: number;
  readonly mandatory: boolean;
  readonly group: string | null;
  readonly level: string | null;
  /** Points a not-applicable criterion earns (its maximum when the decision awards them). */
  readonly naEarned: number;
  /**
   * The points objects its results share (frozen; null when it carries no points): every point earned, none,
   * not applicable, and still open (missing or in error). See `results.ts` `pointsOf`.
   */
  readonly shared: SharedPoints | null;
}

/** A criterion's points objects shared by its results (frozen: results are never changed). */
export interface SharedPoints {
  /** Earned its maximum: `{ earned: max, possible: max, max }`. */
  readonly full: PointsOf;
  /** Earned nothing, certainly: `{ earned: 0, possible: 0, max }`. */
  readonly zero: PointsOf;
  /** Not applicable: `{ earned: naEarned, possible: naEarned, max }`. */
  readonly na: PointsOf;
  /** Missing or in error: `{ earned: 0, possible: max, max }`. */
  readonly open: PointsOf;
}

type PointsOf = NonNullable<CriterionResult["points"]>;

const points = (earned: number, possible: number, max: number): PointsOf => Object.freeze({ earned, possible, max }) as PointsOf;

/** Everything `evaluate` keeps per loaded set (see the module's header). */
export interface Program extends SetRules<Compiled | CompiledTest> {
  readonly derived: ReadonlyArray<readonly [string, Compiled]>;
  readonly criteria: readonly CompiledCriterion[];
  /**
   * The work of a unit of the set: the sum of every plan's work on it, counted in one walk of its data (see
   * `logic/work.ts`), stopping once past `stop`.
   */
  readonly work: (base: unknown, stop: number) => number;
  /** The fast check of a unit's data (undefined: ask the zod schema). */
  readonly check: (data: unknown) => Record<string, unknown> | undefined;
  /** Whether some input is a title, which the data may give as a sub-unit to evaluate. */
  readonly hasTitles: boolean;
  readonly shape: SetShape;
  readonly plans: readonly CriterionPlan[];
  /** The set's rules prepared for json-logic-js, the reference path (on first use). */
  reference(): SetRules<PreparedRule>;
  /** The set's rules in three-valued form for `engine` (on first use). */
  bounds(engine: Engine): SetRules<BoundsRule>;
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

/** Every rule of a set prepared with `prepare` (told whether the rule sits in a yes/no position). */
function prepareSet<R>(loaded: LoadedSet, prepare: (rule: Parameters<typeof compileRule>[0], test: boolean) => R): SetRules<R> {
  const set = loaded.definition;
  return {
    derived: Object.entries(set.derived).map(([name, d]) => [name, prepare(d.rule, false)] as const),
    criteria: set.criteria.map((c) => prepareCriterion(c, prepare)),
  };
}

function shapeOf(loaded: LoadedSet): SetShape {
  const set = loaded.definition;
  return {
    stamp: { id: set.id, version: set.version, hash: loaded.hash, title: set.title, document: set.source.document },
    groupMembers: set.groups.map((g) => set.criteria.flatMap((c, i) => (c.group === g.id ? [i] : []))),
    engines: new Map(ENGINE_NAMES.map((e) => [e, { name: "tieuchi" as const, version: VERSION, evaluator: e }])),
  };
}

function plansOf(loaded: LoadedSet): readonly CriterionPlan[] {
  const d = loaded.definition.decision;
  return loaded.definition.criteria.map((c) => {
    const max = c.points === undefined ? 0 : typeof c.points === "number" ? c.points : c.points.max;
    const naEarned = d.method === "points" && d.notApplicable === "award" ? max : 0;
    return {
      criterion: c,
      max,
      mandatory: c.mandatory || d.method === "all",
      group: c.group ?? null,
      level: c.level ?? null,
      naEarned,
      shared:
        c.points === undefined
          ? null
          : { full: points(max, max, max), zero: points(0, 0, max), na: points(naEarned, naEarned, max), open: points(0, max, max) },
    };
  });
}

/** Makes the program of a loaded set (without keeping it: {@link programOf} does). */
export function makeProgram(loaded: LoadedSet): Program {
  // evaluate's data is validated: plain objects and arrays whose fields are own properties.
  const options = { plainData: true };
  const compiled = prepareSet(loaded, (rule, test) => (test ? compileTest(rule, options) : compileRule(rule, options)));
  let reference: SetRules<PreparedRule> | undefined;
  const bounds = new Map<string, SetRules<BoundsRule>>();
  return {
    derived: compiled.derived as ReadonlyArray<readonly [string, Compiled]>,
    criteria: compiled.criteria,
    work: workCounter(loaded.analysis.plans),
    check: compileDataCheck(loaded.definition.inputs, loaded.limits),
    hasTitles: inputsHaveTitle(loaded.definition.inputs),
    shape: shapeOf(loaded),
    plans: plansOf(loaded),
    reference: () => (reference ??= prepareSet(loaded, (rule) => jsonLogicJsEngine.prepare(rule))),
    bounds(engine) {
      let p = bounds.get(engine.name);
      if (p === undefined) {
        const scope = rootSpec(loaded.definition.inputs);
        bounds.set(engine.name, (p = prepareSet(loaded, (rule) => engine.prepareBounds(rule, scope))));
      }
      return p;
    },
  };
}

/** Compiles a loaded set into a new program, not kept (the benchmark measures this). @internal */
export const compileSet = makeProgram;

const programs = new WeakMap<LoadedSet, Program>();

/** The program of a loaded set, made on first use and kept while the set lives. */
export function programOf(loaded: LoadedSet): Program {
  let p = programs.get(loaded);
  if (!p) {
    p = makeProgram(loaded);
    programs.set(loaded, p);
  }
  return p;
}
