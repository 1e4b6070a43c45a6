/**
 * Titles of sub-units, decided before the unit's rules run. A title input may be given as a yes/no (or a
 * level), as the sub-unit's data (decided by evaluating the set that defines the title, found in
 * `options.sets`), or as a result of that set; the rules then read the title's value (true, false or null; a
 * record by level for a title held at levels), and the sub-units' results are nested in the unit's
 * `subResults`.
 *
 * @module
 */
import { OptionsError, problem, RegistryError, UnitDataError, type JsonPath, type Problem } from "../errors.js";
import { msg } from "../i18n/index.js";
import type { InputSpec, Inputs, TitleInput } from "../schema/inputs.js";
import { issuePath, issueProblems } from "../schema/issues.js";
import { Result as ResultSchema, type Result, type SubResult } from "../schema/result.js";
import type { LoadedSet } from "./load.js";
import type { RunContext } from "./options.js";

/** How deep titles of sub-units may nest. */
const MAX_NESTING = 4;

/** Evaluates a sub-unit's data against the set of its title (`evaluate`'s own run, passed in). */
export type SubUnitRun = (loaded: LoadedSet, data: unknown, ctx: RunContext, path: string) => Result;

/**
 * Decides the titles given in the unit's data (`root`, changed in place where a title's value changes) and
 * returns the sub-units' results.
 */
export function decideTitles(inputs: Inputs, root: Record<string, unknown>, ctx: RunContext, run: SubUnitRun): SubResult[] {
  const titles = new Titles(ctx, run);
  titles.inFields(inputs, root, "", []);
  return titles.subResults;
}

class Titles {
  readonly subResults: SubResult[] = [];

  constructor(
    private readonly ctx: RunContext,
    private readonly run: SubUnitRun,
  ) {}

  inFields(fields: Inputs, obj: Record<string, unknown>, base: string, jsonBase: JsonPath): void {
    for (const [name, spec] of Object.entries(fields)) {
      const value = obj[name];
      if (value === undefined || value === null) continue;
      const path = base === "" ? name : `${base}.${name}`;
      const decided = this.inValue(spec, value, path, [...jsonBase, name]);
      // Records the data check passed through unchanged belong to the caller: write only what changed. A title
      // to decide from data is an object, which only zod's copy holds (the fast check leaves it to zod).
      if (decided !== value) obj[name] = decided;
    }
  }

  private inValue(spec: InputSpec, value: unknown, path: string, jsonPath: JsonPath): unknown {
    switch (spec.type) {
      case "object":
        this.inFields(spec.fields, value as Record<string, unknown>, path, jsonPath);
        return value;
      case "array": {
        const list = value as unknown[];
        for (let i = 0; i < list.length; i++) {
          const item = list[i];
          if (item === null || item === undefined) continue;
          const decided = this.inValue(spec.items, item, `${path}[${i}]`, [...jsonPath, i]);
          if (decided !== item) list[i] = decided;
        }
        return list;
      }
      case "title":
        return this.titleValue(spec, value, path, jsonPath);
      default:
        return value;
    }
  }

  /**
   * The value rules read for a title: true, false or null (not known); for a title held at levels, a record of
   * those by level. A title given as the sub-unit's data is decided by its set, one given as a result is taken
   * from it; both are nested in `subResults`.
   */
  private titleValue(spec: TitleInput, value: unknown, path: string, jsonPath: JsonPath): unknown {
    const levels = spec.levels;
    if (typeof value === "object" && value !== null) {
      if (Object.hasOwn(value, "data")) return fromResult(spec, this.decide(spec, (value as { data: unknown }).data, path, jsonPath), path, jsonPath, "set");
      if (Object.hasOwn(value, "result")) {
        const given = givenResult(spec, (value as { result: unknown }).result, jsonPath);
        this.subResults.push({ path, result: given, given: true });
        return fromResult(spec, given, path, jsonPath, "result");
      }
      return levelsRecord(spec, levels!, value as Record<string, boolean | null | undefined>, jsonPath);
    }
    if (levels === undefined) return value;
    // A level id: held at that level and every lower one, at no higher one. false: held at no level.
    const at = value === false ? -1 : levels.indexOf(value as string);
    return Object.fromEntries(levels.map((l, i) => [l, i <= at]));
  }

  /** A sub-unit's title decided by evaluating its data against the title's set. */
  private decide(spec: TitleInput, data: unknown, path: string, jsonPath: JsonPath): Result {
    const ctx = this.ctx;
    const setId = spec.set;
    const resolver = ctx.options.sets;
    if (!resolver) throw new OptionsError(msg("options.sub_unit_needs_sets", { path, set: setId }), ["sets"]);
    if (ctx.depth + 1 > MAX_NESTING) throw new OptionsError(msg("options.titles_too_deep", { max: MAX_NESTING, path }), ["sets"]);
    const sub = resolver.resolve(setId, ctx.options.asOf);
    let result: Result;
    try {
      result = this.run(sub, data, { ...ctx, depth: ctx.depth + 1 }, path);
    } catch (e) {
      if (e instanceof UnitDataError) {
        const problems: Problem[] = e.problems.map((p) => ({ ...p, path: [...jsonPath, "data", ...p.path] }));
        throw new UnitDataError(problems, `${sub.definition.id}@${sub.definition.version}`, path);
      }
      throw e;
    }
    this.subResults.push({ path, result });
    return result;
  }
}

/**
 * The levels given as a record (zod has checked its keys): a level not given is not known; levels are
 * cumulative, so below a level held every level is held, and above one not held none is.
 */
function levelsRecord(spec: TitleInput, levels: readonly string[], record: Record<string, boolean | null | undefined>, jsonPath: JsonPath) {
  const out: Record<string, boolean | null> = {};
  for (const l of levels) out[l] = record[l] ?? null;
  for (let i = 1; i < levels.length; i++)
    if (out[levels[i]!] === true && out[levels[i - 1]!] === false)
      throw new UnitDataError(
        [problem("problem.levels_order", [...jsonPath, levels[i - 1]!], { held: levels[i]!, notHeld: levels[i - 1]! })],
        msg("data.title_levels", { set: spec.set }),
      );
  for (let i = levels.length - 2; i >= 0; i--) if (out[levels[i]!] === null && out[levels[i + 1]!] === true) out[levels[i]!] = true;
  for (let i = 1; i < levels.length; i++) if (out[levels[i]!] === null && out[levels[i - 1]!] === false) out[levels[i]!] = false;
  return out;
}

/** A result given in the data for a title: a tieuchi result of the title's set, with the levels the title declares. */
function givenResult(spec: TitleInput, raw: unknown, jsonPath: JsonPath): Result {
  const parsed = ResultSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success)
    throw new UnitDataError(
      parsed.error.issues.slice(0, 10).flatMap((i) => issueProblems(i, [...jsonPath, "result", ...issuePath(i)])),
      msg("data.given_result", { set: spec.set, hint: true }),
    );
  const result = parsed.data as Result;
  if (result.set.id !== spec.set)
    throw new UnitDataError(
      [problem("problem.wrong_set.result", [...jsonPath, "result", "set", "id"], { result: `${result.set.id}@${result.set.version}`, set: spec.set })],
      msg("data.given_result", { set: spec.set, hint: false }),
    );
  return result;
}

/** The title's value from a result of its set: the verdict, or for a title held at levels, each level's status. */
function fromResult(spec: TitleInput, result: Result, path: string, jsonPath: JsonPath, from: "set" | "result"): unknown {
  if (spec.levels === undefined) return result.verdict === "pass" ? true : result.verdict === "fail" ? false : null;
  const ids = result.levels.map((l) => l.id);
  if (ids.length !== spec.levels.length || ids.some((id, i) => id !== spec.levels![i])) {
    const p = problem("problem.title_levels", from === "set" ? [...jsonPath] : [...jsonPath, "result", "levels"], {
      set: `${result.set.id}@${result.set.version}`,
      levels: ids,
      title: path,
      declared: spec.levels,
    });
    if (from === "result") throw new UnitDataError([p], msg("data.given_result", { set: spec.set, hint: false }));
    throw new RegistryError([p]);
  }
  return Object.fromEntries(result.levels.map((l) => [l.id, l.status === "achieved" ? true : l.status === "not-achieved" ? false : null]));
}
