/**
 * The evaluator against the brute-force oracle (`test/oracle/`), on every shipped set and on generated sets, on
 * both engines: for each small unit with missing data, every completion of that data is decided by plain
 * evaluation, and the evaluator must say exactly what they agree on: each criterion's status, outcomes and points,
 * the verdict, the points range, the grade, the highest grade and whether the grade is final, each level.
 *
 * Units come from each set's case files, cut to at most two items a list, with one to three values taken away
 * (absent or null; whole lists too) by a seeded generator. ORACLE_UNITS raises how many units each set gets
 * (default 24), e.g. `ORACLE_UNITS=500 npx vitest run test/oracle.test.ts`; ORACLE_SEED changes the draw.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CriteriaSetError, UnitDataError, ENGINE_NAMES, evaluate, loadCriteriaSet, type LoadedSet, type Result } from "../src/index.js";
import type { InputSpec, Inputs } from "../src/schema/inputs.js";
import { candidates, mentionsOf } from "./oracle/complete.js";
import { oracle, type OracleAnswer } from "./oracle/oracle.js";
import { model, setFor } from "./fuzz/arbitraries.js";
import { random, ROOT, shippedSets } from "./helpers.js";

const PER_SET = Math.max(1, Number.parseInt(process.env.ORACLE_UNITS ?? "", 10) || 24);
const SEED = Number.parseInt(process.env.ORACLE_SEED ?? "", 10) || 20261203;
/** Completions the oracle may enumerate for one unit; units with more are drawn again. */
const BUDGET = 4_000;
const TIMEOUT = PER_SET > 24 ? 7 * 24 * 3600 * 1000 : 300_000;
/** Units compared exactly (the rest: for soundness), counted for the test's own check. */
let exactCount = 0;
/** Shipped sets' units checked, and of those compared exactly. */
const shipped = { checked: 0, exact: 0 };

type Json = Record<string, unknown>;

/** The places a value can be taken away from: every declared field present in the data, lists whole included. */
function holes(data: Json, inputs: Inputs, steps: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  for (const [name, spec] of Object.entries(inputs)) {
    const v = data[name];
    if (v === undefined || v === null) continue;
    const here = [...steps, name];
    out.push(here);
    if (spec.type === "object" && typeof v === "object") holes(v as Json, spec.fields, here, out);
    if (spec.type === "array" && Array.isArray(v) && spec.items.type === "object") {
      const fields = spec.items.fields;
      v.forEach((item, i) => {
        if (item && typeof item === "object") holes(item as Json, fields, [...here, i], out);
      });
    }
  }
  return out;
}

/** Lists cut to at most two items (never below their declared least). */
function cut(data: Json, inputs: Inputs): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(data)) {
    const spec: InputSpec | undefined = inputs[k];
    if (spec?.type === "array" && Array.isArray(v)) {
      const items = v.slice(0, Math.max(2, spec.minItems ?? 0));
      out[k] =
        spec.items.type === "object" ? items.map((x) => (x && typeof x === "object" ? cut(x as Json, (spec.items as { fields: Inputs }).fields) : x)) : items;
    } else if (spec?.type === "object" && v && typeof v === "object" && !Array.isArray(v)) out[k] = cut(v as Json, spec.fields);
    else out[k] = v;
  }
  return out;
}

function takeAway(data: Json, steps: readonly (string | number)[], asNull: boolean): void {
  let at = data as Record<string | number, unknown>;
  for (const s of steps.slice(0, -1)) at = at[s] as Record<string | number, unknown>;
  const last = steps[steps.length - 1]!;
  if (asNull || typeof last === "number") at[last] = null;
  else delete at[last];
}

/** Whether a list is not given anywhere in the data (the oracle then tries lists of at most two items only). */
function listNotGiven(data: unknown, inputs: Inputs): boolean {
  if (data === null || typeof data !== "object") return false;
  return Object.entries(inputs).some(([k, spec]) => {
    const v = (data as Json)[k];
    if (spec.type === "array")
      return (
        v === undefined ||
        v === null ||
        (Array.isArray(v) && spec.items.type === "object" && v.some((x) => x === null || listNotGiven(x, (spec.items as { fields: Inputs }).fields)))
      );
    if (spec.type === "object") return v === undefined || v === null || listNotGiven(v, spec.fields);
    return false;
  });
}

/** Adds how many times a rule reads each name (each segment of a `var` path), `times` over. */
function countReads(rule: unknown, into: Map<string, number>, times: number): void {
  if (Array.isArray(rule))
    rule.forEach((r) => {
      countReads(r, into, times);
    });
  else if (rule !== null && typeof rule === "object") {
    const [op, raw] = Object.entries(rule)[0]!;
    if (op === "var") {
      const path = Array.isArray(raw) ? raw[0] : raw;
      if (typeof path === "string") for (const seg of path.split(".")) into.set(seg, (into.get(seg) ?? 0) + times);
    } else countReads(raw, into, times);
  }
}

/**
 * How many times each criterion's rules read each name, derived values expanded (read as often as they are
 * read). Operator bounds are exact for a value read once; a value read twice (`x / x`, `a or !a`, one answer in
 * two criteria) is correlated with itself, which bounds taken operator by operator do not see: there the
 * evaluator may say `missing` where every completion agrees (never the reverse), so it is held to soundness.
 */
function readsOf(set: LoadedSet): Map<string, number>[] {
  const def = set.definition;
  return def.criteria.map((c) => {
    const reads = new Map<string, number>();
    countReads(
      [c.applies, c.rule, c.excludes, typeof c.points === "object" ? ("tiers" in c.points ? c.points.tiers.map((t) => t.when) : c.points.score) : undefined],
      reads,
      1,
    );
    // A derived value reads only those declared before it: from the last back, each as often as it is read.
    for (const [name, d] of Object.entries(def.derived).reverse()) if (reads.has(name)) countReads(d.rule, reads, reads.get(name)!);
    return reads;
  });
}

/** The name an absent value is read by: the last field name on its path. */
const nameOf = (steps: readonly (string | number)[]) => [...steps].reverse().find((x) => typeof x === "string") as string;

/**
 * The evaluator against the oracle: exactly equal where the missing values are each read once (criterion by
 * criterion, and for the verdict, points, grade and levels across the set) and no list is missing whole; sound
 * elsewhere: whatever it says for certain every completion agrees with, its outcomes and ranges hold the oracle's.
 */
function compare(set: LoadedSet, data: Json, r: Result, o: OracleAnswer, reads: Map<string, number>[]): { lines: string[]; exact: boolean } {
  const lines: string[] = [];
  const bad = (what: string, got: unknown, want: unknown) => lines.push(`${what}: evaluator ${JSON.stringify(got)}, oracle ${JSON.stringify(want)}`);
  const eq = (what: string, got: unknown, want: unknown) => JSON.stringify(got) !== JSON.stringify(want) && bad(what, got, want);
  const names = o.slots.map((sl) => nameOf(sl.steps));
  const wholeLists = listNotGiven(data, set.definition.inputs);
  // Each missing value read at most once, and at most one of them read: with two read together (x / y == 37), the
  // oracle's grid of candidate values may miss the few pairs that meet, where the bounds rightly keep them.
  const once = (m: Map<string, number>) => !wholeLists && names.every((n) => (m.get(n) ?? 0) <= 1) && names.filter((n) => m.has(n)).length <= 1;
  const total = new Map<string, number>();
  for (const m of reads) for (const [k, v] of m) total.set(k, (total.get(k) ?? 0) + v);
  r.criteria.forEach((c, i) => {
    const w = o.criteria[i]!;
    if (once(reads[i]!)) {
      eq(`criterion ${c.id} status`, c.status, w.status);
      eq(`criterion ${c.id} outcomes`, [...c.outcomes].sort(), [...w.outcomes].sort());
      if (c.points) eq(`criterion ${c.id} points`, [c.points.earned, c.points.possible], [w.earned, w.possible]);
      return;
    }
    if (c.status !== "missing" && c.status !== w.status) bad(`criterion ${c.id} status`, c.status, w.status);
    if (!w.outcomes.every((x) => (c.outcomes as readonly string[]).includes(x))) bad(`criterion ${c.id} outcomes`, c.outcomes, w.outcomes);
    if (c.points && (c.points.earned > w.earned || c.points.possible < w.possible))
      bad(`criterion ${c.id} points`, [c.points.earned, c.points.possible], [w.earned, w.possible]);
  });
  const exact = !wholeLists && names.every((n) => (total.get(n) ?? 0) <= 1) && reads.every((m) => once(m));
  if (exact) {
    eq("verdict", r.verdict, o.verdict);
    if (r.points) eq("points", [r.points.earned, r.points.possible], [o.earned, o.possible]);
    eq("grade", r.grade?.id ?? null, o.grade);
    eq("gradeFinal", r.gradeFinal, o.gradeFinal);
    eq("highestGrade", r.highestGrade?.id ?? null, o.highestGrade);
    if (r.levels.length > 0)
      eq(
        "levels",
        r.levels.map((l) => l.status),
        o.levels,
      );
  } else {
    if (r.verdict !== "incomplete" && r.verdict !== o.verdict) bad("verdict", r.verdict, o.verdict);
    if (r.points && o.earned !== null && o.possible !== null && (r.points.earned > o.earned || r.points.possible < o.possible))
      bad("points", [r.points.earned, r.points.possible], [o.earned, o.possible]);
    if (r.verdict === "pass" && r.gradeFinal && (!o.gradeFinal || (r.grade?.id ?? null) !== o.grade)) bad("final grade", r.grade?.id ?? null, o.grade);
    r.levels.forEach((l, k) => {
      if (l.status !== "undetermined" && l.status !== o.levels[k]) bad(`level ${l.id}`, l.status, o.levels[k]);
    });
  }
  return { lines, exact };
}

/** Compares both engines with the oracle on one unit; the differences, or undefined when it is too big for brute force. */
function check(set: LoadedSet, data: Json, reads: Map<string, number>[]): string[] | undefined {
  const o = oracle(set.definition, data, BUDGET);
  if (!o) return undefined;
  const out: string[] = [];
  for (const engine of ENGINE_NAMES) {
    const { lines, exact } = compare(set, data, evaluate(set, data, { engine }), o, reads);
    if (exact && engine === ENGINE_NAMES[0]) exactCount++;
    if (lines.length)
      out.push(
        `${engine} on ${JSON.stringify(data)}:\n  ${lines.join("\n  ")}${process.env.ORACLE_DEBUG ? `\n  set: ${JSON.stringify({ derived: set.definition.derived, criteria: set.definition.criteria, decision: set.definition.decision })}` : ""}`,
      );
  }
  return out;
}

/** Draws units with missing data from a set's cases and checks each; returns how many were checked. */
function drawAndCheck(set: LoadedSet, bases: readonly Json[], want: number, rnd: () => number, failures: string[]): number {
  const reads = readsOf(set);
  let checked = 0;
  for (let tries = 0; checked < want && tries < want * 20 && bases.length > 0; tries++) {
    const data = cut(structuredClone(bases[Math.floor(rnd() * bases.length)]!), set.definition.inputs);
    const places = holes(data, set.definition.inputs);
    const k = 1 + Math.floor(rnd() * 3);
    for (let i = 0; i < k && places.length > 0; i++) {
      const [steps] = places.splice(Math.floor(rnd() * places.length), 1);
      // A place under one already taken away is gone with it.
      try {
        takeAway(data, steps!, rnd() < 0.25);
      } catch {
        /* its parent was taken away */
      }
    }
    let d: string[] | undefined;
    try {
      d = check(set, data, reads);
    } catch (e) {
      // Data the set refuses (a case file's own bad-data cases) is not a unit with missing data.
      if (e instanceof UnitDataError) continue;
      throw e;
    }
    if (d === undefined) continue;
    checked++;
    failures.push(...d);
  }
  return checked;
}

const sets = shippedSets();

describe("the evaluator equals the brute-force oracle on every unit", () => {
  it("covers every shipped set", () => {
    expect(sets.length).toBeGreaterThanOrEqual(17);
  });

  for (const file of sets) {
    it(`${file}: ${PER_SET} units with missing data, both engines`, { timeout: TIMEOUT }, () => {
      const set = loadCriteriaSet(JSON.parse(readFileSync(join(ROOT, file), "utf8")));
      const dir = join(ROOT, file.replace(/\.json$/, ""));
      const bases: Json[] = [];
      for (const suffix of [".cases.json", ".boundaries.cases.json"]) {
        try {
          const cf = JSON.parse(readFileSync(`${dir}${suffix}`, "utf8")) as { cases: { data: Json }[] };
          for (const c of cf.cases) if (!JSON.stringify(c.data).includes('"data":{')) bases.push(c.data);
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
        }
      }
      const failures: string[] = [];
      const before = exactCount;
      const checked = drawAndCheck(set, bases, PER_SET, random(SEED ^ file.length ^ file.charCodeAt(10)), failures);
      expect(failures.slice(0, 5)).toEqual([]);
      // Sets whose units are all sub-units' titles (decided by other sets) have nothing the oracle evaluates.
      if (bases.length > 0) expect(checked).toBeGreaterThan(0);
      shipped.checked += checked;
      shipped.exact += exactCount - before;
    });
  }

  it("compares most of the shipped sets' units exactly, not only for soundness", () => {
    expect(shipped.checked).toBeGreaterThanOrEqual(sets.length * Math.min(PER_SET, 10));
    // Values read by several criteria, or several read by one, and lists missing whole: the rest.
    expect(shipped.exact).toBeGreaterThan(shipped.checked / 4);
  });

  it(`generated sets: ${PER_SET * 8} units with missing data, both engines`, { timeout: TIMEOUT }, () => {
    const failures: string[] = [];
    let checked = 0;
    const before = exactCount;
    const generated = fc.sample(
      model.chain((m) => setFor(m)),
      { numRuns: PER_SET * 2, seed: SEED },
    );
    const rnd = random(SEED);
    for (const json of generated) {
      let set: LoadedSet;
      try {
        set = loadCriteriaSet(json);
      } catch (e) {
        if (e instanceof CriteriaSetError) continue;
        throw e;
      }
      const def = set.definition;
      const rules: unknown[] = [...Object.values(def.derived).map((d) => d.rule), ...def.criteria.flatMap((c) => [c.applies, c.rule, c.excludes])];
      const m = mentionsOf(rules);
      const value = (spec: InputSpec): unknown => {
        if (spec.type === "array") {
          const lo = spec.minItems ?? 0;
          return Array.from({ length: lo + Math.floor(rnd() * (Math.max(lo, Math.min(2, spec.maxItems ?? 2)) - lo + 1)) }, () => value(spec.items));
        }
        if (spec.type === "object") return Object.fromEntries(Object.entries(spec.fields).map(([k, f]) => [k, value(f)]));
        const vs = candidates(spec, m, [], 2);
        return structuredClone(vs[Math.floor(rnd() * vs.length)]);
      };
      const bases = Array.from({ length: 4 }, () => Object.fromEntries(Object.entries(def.inputs).map(([k, spec]) => [k, value(spec)])));
      checked += drawAndCheck(set, bases, 4, rnd, failures);
    }
    expect(failures.slice(0, 5)).toEqual([]);
    expect(checked).toBeGreaterThan(PER_SET);
    // Many are compared exactly, not only for soundness (generated rules read their few names often).
    expect(exactCount - before).toBeGreaterThan(checked / 6);
  });
});
