/**
 * Unit data generated from a set's declared inputs: a baseline unit that meets every criterion it can, variations
 * of it that fail or lack the data of chosen criteria, and whole populations of units for examples and
 * benchmarks. Pure functions of the set and a seed.
 *
 * @module
 */
import { evaluate } from "../evaluate/evaluate.js";
import type { LoadedSet } from "../evaluate/load.js";
import { OPERATORS } from "../logic/operators.js";
import { criterionRules as allRules } from "../logic/walk.js";
import type { Criterion } from "../schema/criteria-set.js";
import type { Inputs } from "../schema/inputs.js";
import type { Result } from "../schema/result.js";
import type { Rule } from "../schema/rule.js";
import { createRng, randomRecord, type RandomOptions, type Rng } from "./random.js";
import { KITS, operation, Solver, varPath } from "./solve.js";

type Obj = Record<string, unknown>;

/** What to do with a criterion when making a unit. */
export type Aim = "pass" | "fail" | "missing";

/**
 * The data paths a rule may read, with `[]` for "each item of" (`thanhVien[].tuoi`), looking through derived
 * values to the inputs they read.
 */
export function readPaths(set: LoadedSet, rule: Rule | undefined, prefix = "", out: Set<string> = new Set(), seen: Set<string> = new Set()): Set<string> {
  if (rule === undefined || rule === null || typeof rule !== "object") return out;
  if (Array.isArray(rule)) {
    for (const r of rule) readPaths(set, r, prefix, out, seen);
    return out;
  }
  const o = operation(rule);
  if (!o) return out;
  const p = varPath(rule);
  if (p !== undefined) {
    const head = p.split(".", 1)[0]!;
    if (prefix === "" && Object.hasOwn(set.definition.derived, head) && !Object.hasOwn(set.definition.inputs, head)) {
      if (!seen.has(head)) {
        seen.add(head);
        readPaths(set, set.definition.derived[head]!.rule, "", out, seen);
      }
    } else out.add(prefix === "" ? p : p === "" ? prefix : `${prefix}.${p}`);
    return out;
  }
  const info = OPERATORS.get(o.op);
  if (info?.kind === "scoped") {
    const listIndex = info.list ?? 0;
    o.args.forEach((a, i) => {
      if (i <= listIndex) readPaths(set, a, prefix, out, seen);
    });
    const items = `${listPrefix(set, o.args[listIndex]!, prefix) ?? "?"}[]`;
    o.args.forEach((a, i) => {
      if (i > listIndex) readPaths(set, a, items, out, seen);
    });
    return out;
  }
  for (const a of o.args) readPaths(set, a, prefix, out, seen);
  return out;
}

/** The input path of the list an expression names, seeing through `filter` and derived values. */
export function listPrefix(set: LoadedSet, expr: Rule, prefix: string): string | undefined {
  const p = varPath(expr);
  if (p !== undefined) {
    if (prefix === "" && Object.hasOwn(set.definition.derived, p) && !Object.hasOwn(set.definition.inputs, p))
      return listPrefix(set, set.definition.derived[p]!.rule, "");
    return prefix === "" ? p : `${prefix}.${p}`;
  }
  const o = operation(expr);
  // An operation whose value is some of a list's items (`filter`) names that list.
  const of = o && KITS.get(o.op)?.itemsOf;
  return of === undefined ? undefined : listPrefix(set, o!.args[of]!, prefix);
}

/** Every rule of a criterion: applies, rule, excludes, tiers and score. */
export function criterionRules(c: Criterion): { where: string; rule: Rule }[] {
  return allRules(c).map((r) => ({ where: r.where, rule: r.rule }));
}

/** The data paths a criterion may read (see {@link readPaths}). */
export function criterionReads(set: LoadedSet, c: Criterion): string[] {
  const out = new Set<string>();
  for (const r of criterionRules(c)) readPaths(set, r.rule, "", out);
  return [...out].sort();
}

/** Keeps only the inputs (and record fields) some criterion may read, so generated cases show what matters. */
export function pruneToReads(inputs: Inputs, data: Obj, reads: ReadonlySet<string>, prefix = ""): void {
  const wanted = (path: string) => [...reads].some((r) => r === path || r.startsWith(`${path}.`) || r.startsWith(`${path}[]`));
  for (const [name, spec] of Object.entries(inputs)) {
    const path = prefix === "" ? name : `${prefix}.${name}`;
    if (!Object.hasOwn(data, name)) continue;
    if (!wanted(path)) {
      delete data[name];
      continue;
    }
    const v = data[name];
    if (spec.type === "object" && v && typeof v === "object") pruneToReads(spec.fields, v as Obj, reads, path);
    if (spec.type === "array" && spec.items.type === "object" && Array.isArray(v))
      for (const item of v) if (item && typeof item === "object") pruneToReads(spec.items.fields, item as Obj, reads, `${path}[]`);
  }
}

/** Options of {@link UnitMaker}. */
export interface MakerOptions extends RandomOptions {
  /** Seed of every random choice (default `"tieuchi"`). */
  readonly seed?: string | number;
}

/** Builds units for one set: random data from its inputs, then edited so chosen criteria pass, fail or lack data. */
export class UnitMaker {
  readonly rng: Rng;
  readonly solver: Solver;
  private readonly reads = new Map<string, string[]>();

  constructor(
    readonly set: LoadedSet,
    readonly options: MakerOptions = {},
  ) {
    this.rng = createRng(options.seed ?? "tieuchi");
    this.solver = new Solver(set, this.rng.fork("solver"), options);
  }

  /** Random data for every declared input. */
  random(rng: Rng = this.rng): Obj {
    return this.solver.settle(randomRecord(this.set.definition.inputs, rng, this.options));
  }

  /** Evaluates data without explanations (the statuses and points are what generation needs). */
  evaluate(data: Obj): Result {
    return evaluate(this.set, data, { explain: false });
  }

  /**
   * Edits data so a criterion passes (applicable, its rule true, its top tier or score). With `makeApplicable`
   * false, a criterion that does not apply to the unit as it is (its `applies` false, a share of nobody) is left
   * not applicable: a unit with no children keeps none.
   */
  pass(c: Criterion, data: Obj, s: Solver = this.solver, makeApplicable = true): boolean {
    if (c.pending) return false;
    const root = s.root(data);
    if (!makeApplicable && c.applies !== undefined && !s.valueOf(c.applies, root)?.value) return true;
    let ok = c.applies === undefined || s.force(c.applies, true, root);
    if (c.excludes !== undefined) return s.force(c.excludes, false, root) && ok;
    if (c.rule !== undefined) ok = s.force(c.rule, true, root) && ok;
    if (c.points !== undefined && typeof c.points === "object") {
      if ("tiers" in c.points) {
        const max = c.points.max;
        const top = c.points.tiers.findIndex((t) => t.points === max);
        c.points.tiers.slice(0, top).forEach((t) => s.force(t.when, false, root));
        ok = s.force(c.points.tiers[top]!.when, true, root) && ok;
      } else ok = s.assign(c.points.score, c.points.max, root) && ok;
    }
    return ok;
  }

  /** Edits data so a criterion fails while applicable (for an exclusion: the unit is excluded). */
  fail(c: Criterion, data: Obj, s: Solver = this.solver): boolean {
    if (c.pending) return false;
    const root = s.root(data);
    const ok = c.applies === undefined || s.force(c.applies, true, root);
    if (c.excludes !== undefined) return s.force(c.excludes, true, root) && ok;
    if (c.points !== undefined && typeof c.points === "object" && "tiers" in c.points) return c.points.tiers.every((t) => s.force(t.when, false, root)) && ok;
    return c.rule !== undefined && s.force(c.rule, false, root) && ok;
  }

  /** Removes one value a criterion reads (from one item, for a field of list items), so it lacks data. */
  drop(c: Criterion, data: Obj, rng: Rng = this.rng): boolean {
    let reads = this.reads.get(c.id);
    if (!reads) this.reads.set(c.id, (reads = criterionReads(this.set, c).filter((r) => !r.includes("?"))));
    // Prefer the most specific paths: dropping a whole list would empty it rather than make it unknown.
    const leaves = reads.filter((r) => !reads.some((o) => o !== r && (o.startsWith(`${r}.`) || o.startsWith(`${r}[]`))));
    if (leaves.length === 0) return false;
    return dropPath(data, rng.pick(leaves), rng);
  }

  /**
   * A unit meeting every criterion the solver can make pass, with the criteria it could not (failing, lacking
   * data or in error; a criterion left not applicable is not counted, as when two criteria apply to different
   * kinds of unit). Lists get `listLength` items (default 2 to 3).
   */
  baseline(): { data: Obj; result: Result; unmet: string[] } {
    const rng = this.rng.fork("baseline");
    const data = this.solver.settle(randomRecord(this.set.definition.inputs, rng, { ...this.options, listLength: this.options.listLength ?? [2, 3] }));
    const criteria = this.set.definition.criteria.filter((c) => !c.pending);
    let result = this.evaluate(data);
    for (let round = 0; round < 4; round++) {
      const failing = criteria.filter((c) => result.criteria.find((r) => r.id === c.id)?.status !== "pass");
      if (failing.length === 0) break;
      for (const c of round === 0 ? criteria : failing) this.pass(c, data);
      result = this.evaluate(data);
    }
    // Not applicable is as good as it gets for criteria whose 'applies' exclude each other (one kind of unit each).
    const unmet = criteria.filter((c) => !["pass", "not-applicable"].includes(result.criteria.find((r) => r.id === c.id)!.status)).map((c) => c.id);
    return { data, result, unmet };
  }

  /**
   * A unit with each criterion aimed at an outcome: random data, then every criterion aimed at `pass` made to
   * pass where it applies (a criterion about children stays not applicable in a family without any), those
   * aimed at `fail` made to fail, and those aimed at `missing` made to pass and stripped of a value they read.
   * Criteria not named are left as the random data has them.
   */
  unit(aims: ReadonlyMap<string, Aim>, rng: Rng = this.rng): Obj {
    const data = this.random(rng);
    // A solver of its own, so each unit depends on its own generator only; criteria made to pass are met where
    // they apply, and left alone where the random unit gives them nobody to apply to.
    const solver = new Solver(this.set, rng.fork("solver"), this.options);
    solver.keepEmptyGroups = true;
    // Criteria aimed at missing data pass first, so the value taken away is one their rule needs (short
    // circuits would skip it otherwise).
    const aimed = (...kinds: Aim[]) => this.set.definition.criteria.filter((c) => kinds.includes(aims.get(c.id) as Aim));
    for (const c of aimed("pass")) this.pass(c, data, solver, false);
    for (const c of aimed("missing")) this.pass(c, data, solver);
    for (const c of aimed("fail")) this.fail(c, data, solver);
    for (const c of aimed("missing")) this.drop(c, data, rng);
    return data;
  }
}

function dropPath(data: Obj, path: string, rng: Rng): boolean {
  const [head, ...rest] = path.split("[]");
  const segs = head!.split(".").filter((s) => s !== "");
  let cur: unknown = data;
  for (const seg of segs.slice(0, rest.length === 0 ? -1 : segs.length)) {
    if (cur === null || typeof cur !== "object" || !Object.hasOwn(cur, seg)) return false;
    cur = (cur as Obj)[seg];
  }
  if (rest.length === 0) {
    if (cur === null || typeof cur !== "object") return false;
    delete (cur as Obj)[segs[segs.length - 1]!];
    return true;
  }
  if (!Array.isArray(cur) || cur.length === 0) return false;
  const rest0 = rest.join("[]").replace(/^\./, "");
  if (rest0 === "") {
    // A plain value in a list (a family's title): unknown is null.
    cur[rng.int(0, cur.length - 1)] = null;
    return true;
  }
  const item = rng.pick(cur);
  if (item === null || typeof item !== "object") return false;
  return dropPath(item as Obj, rest0, rng);
}

/** Options of {@link generateUnits}. */
export interface GenerateOptions extends MakerOptions {
  /** Chance that each criterion is made to fail (default 0.15). */
  readonly fail?: number;
  /** Chance that each criterion is left without some of its data (default 0.02). */
  readonly missing?: number;
}

/**
 * A population of `count` units for a set, each a pure function of the seed and its position: every criterion
 * is made to pass, or with the given chances to fail or to lack data. Lists get `listLength` items.
 *
 * @example
 * ```ts
 * for (const data of generateUnits(set, 300, { seed: "huyen-mau", fail: 0.1 })) results.push(evaluate(set, data));
 * ```
 */
export function* generateUnits(set: LoadedSet, count: number, options: GenerateOptions = {}): Generator<Obj> {
  const maker = new UnitMaker(set, options);
  const pFail = options.fail ?? 0.15;
  const pMissing = options.missing ?? 0.02;
  for (let i = 0; i < count; i++) {
    const rng = maker.rng.fork(`unit-${i}`);
    const aims = new Map<string, Aim>();
    for (const c of set.definition.criteria) {
      const r = rng.next();
      aims.set(c.id, r < pFail ? "fail" : r < pFail + pMissing ? "missing" : "pass");
    }
    yield maker.unit(aims, rng);
  }
}
