/**
 * Property tests over random criteria sets and random unit data: nothing but tieuchi's own typed errors is
 * ever thrown, results are deterministic to the byte and match the result schema, every evaluator agrees,
 * and the verdict respects the decision rule.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CriteriaSetError,
  ENGINE_NAMES,
  evaluate,
  loadCriteriaSet,
  OptionsError,
  Result,
  UnitDataError,
  type CriterionResult,
  type EngineName,
  type LoadedSet,
} from "../../src/index.js";
import { join } from "node:path";
import { loadRegistry } from "../../src/node/index.js";
import { ROOT } from "../helpers.js";
import { dataFor, dataForInputs, hostileRule, model, mutatedSet, setFor } from "./arbitraries.js";
import { params, TIMEOUT } from "./config.js";

/** Errors a caller must expect: anything else (including EvaluationError, a bug) fails the property. */
const EXPECTED = [CriteriaSetError, UnitDataError, OptionsError];
const expected = (e: unknown) => EXPECTED.some((k) => e instanceof k);

function load(json: unknown): LoadedSet | undefined {
  try {
    return loadCriteriaSet(json);
  } catch (e) {
    if (e instanceof CriteriaSetError) return undefined;
    throw e;
  }
}

/** The result, or the error's class name: both must be the same on every run and every engine. */
function outcome(set: LoadedSet, data: unknown, engine: EngineName, explain = true): { result?: Result; error?: string } {
  try {
    return { result: evaluate(set, data, { engine, explain }) };
  } catch (e) {
    if (e instanceof UnitDataError || e instanceof OptionsError) return { error: `${e.name}: ${e.message}` };
    throw e;
  }
}

/** Decision invariants, checked independently of decision.ts. */
/**
 * What a result must say whatever the set and data. A criterion that could still fail (or err) for some
 * completion of the missing data keeps a knock-out from passing; one that passes or does not apply for every
 * completion does not (its status may still be `missing` between the two).
 */
function checkVerdict(set: LoadedSet, r: Result): void {
  const criteria = r.criteria;
  const mayFail = (c: CriterionResult) => c.outcomes.includes("fail") || c.outcomes.includes("error") || c.reason === "not-encoded";
  if (set.definition.decision.method === "points") {
    const knockouts = criteria.filter((c) => c.mandatory || c.role === "exclusion");
    if (knockouts.some((c) => c.status === "fail")) expect(r.verdict).toBe("fail");
    if (r.verdict === "pass") {
      expect(knockouts.filter(mayFail)).toEqual([]);
      expect(r.points!.passMark).not.toBeNull();
      // Every completion reaches its own pass mark. Under `exclude` a criterion that may or may not apply leaves
      // the scale open: `passMark` is the mark on the largest scale (docs/semantics.md), and the completion with
      // the fewest points may be on a smaller one, so the fewest points reach at least the smallest scale's mark.
      const d = set.definition.decision;
      const open = d.notApplicable === "exclude" ? criteria.filter((c) => c.outcomes.includes("not-applicable") && c.outcomes.length > 1) : [];
      const smallest = r.points!.applicableMax - open.reduce((s, c) => s + (c.points?.max ?? 0), 0);
      const lowestMark = open.length === 0 ? r.points!.passMark! : Math.floor((d.passMark! * smallest + d.maxPoints - 1) / d.maxPoints);
      expect(r.points!.earned).toBeGreaterThanOrEqual(lowestMark);
    }
    expect(r.points!.earned).toBe(criteria.reduce((s, c) => s + (c.points?.earned ?? 0), 0));
    expect(r.points!.possible).toBe(criteria.reduce((s, c) => s + (c.points?.possible ?? 0), 0));
  } else {
    const levels = set.definition.decision.levels;
    const first = (c: CriterionResult) => c.level === null || levels.length === 0 || c.level === levels[0]!.id;
    if (r.verdict === "pass") expect(criteria.filter((c) => first(c) && mayFail(c))).toEqual([]);
    if (criteria.some((c) => first(c) && c.status === "fail")) expect(r.verdict).toBe("fail");
  }
  for (const c of criteria) {
    // A status is certain exactly when one outcome is possible; then nothing missing could change it.
    if (c.status === "missing") expect(c.outcomes.length > 1 || c.reason === "not-encoded", c.id).toBe(true);
    else expect(c.outcomes, c.id).toEqual([c.status]);
    if (c.status === "missing" && c.reason !== "not-encoded") expect(c.missing.length > 0, c.id).toBe(true);
    if (c.status !== "missing" && c.points?.earned === c.points?.possible) expect(c.missing, c.id).toEqual([]);
    if (c.points) expect(0 <= c.points.earned && c.points.earned <= c.points.possible && c.points.possible <= c.points.max, c.id).toBe(true);
  }
}

describe("random criteria sets and data (fast-check)", () => {
  it(
    "loading throws nothing but CriteriaSetError, whatever the file holds",
    () => {
      const anySet = fc.oneof(
        model.chain(mutatedSet),
        fc.jsonValue({ maxDepth: 4 }),
        fc.anything({ maxDepth: 3 }),
        model.chain(setFor).chain((s) => hostileRule.map((r) => ({ ...s, derived: { x: { description: { vi: "x", en: "x" }, rule: r } } }))),
      );
      fc.assert(
        fc.property(anySet, (json) => {
          try {
            loadCriteriaSet(json);
          } catch (e) {
            if (!(e instanceof CriteriaSetError)) throw e;
          }
        }),
        params(3),
      );
    },
    TIMEOUT,
  );

  it(
    "evaluating throws nothing but typed errors, results match the schema, are byte-identical on every run and engine, and respect the decision",
    () => {
      const loaded = { valid: 0, evaluated: 0 };
      const cases = model.chain((m) => fc.tuple(mutatedSet(m), fc.array(dataFor(m), { minLength: 1, maxLength: 3 })));
      fc.assert(
        fc
          .property(cases, ([json, units]) => {
            const set = load(json);
            if (!set) return;
            loaded.valid++;
            const again = loadCriteriaSet(JSON.parse(JSON.stringify(json)));
            expect(again.hash).toBe(set.hash);
            for (const data of units) {
              const first = outcome(set, data, ENGINE_NAMES[0]!);
              const text = JSON.stringify(first);
              for (const engine of ENGINE_NAMES) {
                const other = outcome(again, data, engine);
                expect(JSON.stringify({ ...other, result: other.result && { ...other.result, engine: first.result?.engine } })).toBe(text);
                expect(JSON.stringify(outcome(set, data, engine))).toBe(JSON.stringify(other));
              }
              if (!first.result) continue;
              loaded.evaluated++;
              const r = first.result;
              expect(Result.safeParse(r).success, JSON.stringify(Result.safeParse(r).error?.issues)).toBe(true);
              checkVerdict(set, r);
              // Explanations change what is said, never what is decided.
              const quiet = outcome(set, data, ENGINE_NAMES[0]!, false).result!;
              expect(Result.safeParse(quiet).success).toBe(true);
              expect([quiet.verdict, quiet.grade, quiet.points, quiet.criteria.map((c) => [c.id, c.status, c.points, c.missing])]).toEqual([
                r.verdict,
                r.grade,
                r.points,
                r.criteria.map((c) => [c.id, c.status, c.points, c.missing]),
              ]);
            }
          })
          .beforeEach(() => {}),
        params(1),
      );
      // The generators must reach evaluation, not only validation errors.
      expect(loaded.valid).toBeGreaterThan(0);
      expect(loaded.evaluated).toBeGreaterThan(0);
    },
    TIMEOUT,
  );

  it(
    "any value as a unit's data gives a result or a UnitDataError, never anything else",
    () => {
      const cases = model.chain((m) => fc.tuple(setFor(m), fc.oneof(dataFor(m), fc.anything({ maxDepth: 4 }), fc.jsonValue({ maxDepth: 4 }))));
      fc.assert(
        fc.property(cases, ([json, data]) => {
          const set = load(json);
          if (!set) return;
          for (const engine of ENGINE_NAMES) {
            try {
              evaluate(set, data, { engine });
            } catch (e) {
              if (!expected(e)) throw e;
            }
          }
        }),
        params(2),
      );
    },
    TIMEOUT,
  );

  it(
    "every criteria set in criteria/, against random data of its declared inputs, on every engine: typed errors only, schema-valid, deterministic, consistent verdicts",
    () => {
      const registry = loadRegistry(join(ROOT, "criteria"));
      const sets = registry.ids().flatMap((id) => registry.versions(id));
      expect(sets.length).toBeGreaterThan(5);
      // The set by its label, so a counterexample reads well.
      const cases = fc
        .integer({ min: 0, max: sets.length - 1 })
        .chain((i) =>
          fc.tuple(fc.constant(`${sets[i]!.definition.id}@${sets[i]!.definition.version}`), fc.constant(i), dataForInputs(sets[i]!.definition.inputs)),
        );
      const seen = { evaluated: 0 };
      fc.assert(
        fc.property(cases, ([, i, data]) => {
          const set = sets[i]!;
          const first = outcome(set, data, ENGINE_NAMES[0]!);
          for (const engine of ENGINE_NAMES) {
            const other = outcome(set, data, engine);
            expect(JSON.stringify({ ...other, result: other.result && { ...other.result, engine: first.result?.engine } })).toBe(JSON.stringify(first));
          }
          if (!first.result) return;
          seen.evaluated++;
          expect(Result.safeParse(first.result).success, JSON.stringify(Result.safeParse(first.result).error?.issues)).toBe(true);
          checkVerdict(set, first.result);
        }),
        params(2),
      );
      expect(seen.evaluated).toBeGreaterThan(0);
    },
    TIMEOUT,
  );
});
