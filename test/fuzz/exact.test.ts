/**
 * Every exact-percentage decision equals the rational comparison, for every denominator up to 10,000:
 * exhaustively in a band around each percentage's boundary, sampled everywhere else by fast-check, directly
 * and through a criteria set on every evaluator. The oracle compares integers (all below 2^53), a different
 * method from the BigInt arithmetic under test.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ENGINE_NAMES, evaluate, loadCriteriaSet } from "../../src/index.js";
import { compareRatio, Inapplicable } from "../../src/logic/exact.js";
import { makeSet, text } from "../helpers.js";
import { params, TIMEOUT } from "./config.js";

const MAX_WHOLE = 10_000;

/** A percentage as an exact decimal: `units / 10^decimals`. */
interface Pct {
  readonly units: number;
  readonly decimals: number;
}
const value = (p: Pct) => Number((p.units / 10 ** p.decimals).toFixed(p.decimals));
/** part / whole >= units / (100 * 10^decimals), in integers. */
const atLeast = (part: number, whole: number, p: Pct) => part * 100 * 10 ** p.decimals >= p.units * whole;
const atMost = (part: number, whole: number, p: Pct) => part * 100 * 10 ** p.decimals <= p.units * whole;

const pctArb: fc.Arbitrary<Pct> = fc
  .integer({ min: 0, max: 6 })
  .chain((decimals) => fc.integer({ min: 0, max: 100 * 10 ** decimals }).map((units) => ({ units, decimals })));
const fraction = fc.integer({ min: 1, max: MAX_WHOLE }).chain((whole) => fc.tuple(fc.integer({ min: 0, max: whole }), fc.constant(whole)));

/** Percentages the regulations use, and awkward ones: thirds, 88.9 (8 of 9 falls short), the 6-decimal limit. */
const DECIMALS: Pct[] = [
  [5, 1],
  [125, 1],
  [333, 1],
  [3333, 2],
  [33_333_333, 6],
  [33_333_334, 6],
  [66_666_667, 6],
  [6667, 2],
  [889, 1],
  [8889, 2],
  [999, 1],
  [9999, 2],
  [99_999_999, 6],
  [1, 6],
  [14_285_714, 6],
  [14_285_715, 6],
].map(([units, decimals]) => ({ units: units!, decimals: decimals! }));

describe("exact percentages", () => {
  it(
    "agree with the rational comparison in a band around every boundary, for every whole up to 10,000 and every whole and listed percentage",
    () => {
      const pcts: Pct[] = [...Array.from({ length: 101 }, (_, units) => ({ units, decimals: 0 })), ...DECIMALS];
      let checked = 0;
      const wrong: string[] = [];
      for (const p of pcts) {
        const percent = value(p);
        const scale = 100 * 10 ** p.decimals;
        for (let whole = 1; whole <= MAX_WHOLE; whole++) {
          const lo = Math.floor((p.units * whole) / scale);
          for (let part = lo - 1; part <= lo + 2; part++) {
            if (part < 0 || part > whole) continue;
            checked++;
            if (compareRatio("atLeast", part, whole, percent)!.met !== atLeast(part, whole, p)) wrong.push(`${part}/${whole} >= ${percent}%`);
            if (compareRatio("atMost", part, whole, percent)!.met !== atMost(part, whole, p)) wrong.push(`${part}/${whole} <= ${percent}%`);
          }
        }
      }
      expect(wrong.slice(0, 20)).toEqual([]);
      expect(checked).toBeGreaterThan(3_500_000);
    },
    TIMEOUT,
  );

  it(
    "agree with the rational comparison for sampled fractions and percentages with up to 6 decimals",
    () => {
      fc.assert(
        fc.property(fraction, pctArb, ([part, whole], p) => {
          expect(compareRatio("atLeast", part, whole, value(p))!.met).toBe(atLeast(part, whole, p));
          expect(compareRatio("atMost", part, whole, value(p))!.met).toBe(atMost(part, whole, p));
        }),
        params(50),
      );
      expect(() => compareRatio("atLeast", 0, 0, 50)).toThrow(Inapplicable);
    },
    TIMEOUT,
  );

  const ratioSet = loadCriteriaSet(
    makeSet({
      inputs: {
        part: { type: "integer", min: 0, description: text("part") },
        whole: { type: "integer", min: 0, description: text("whole") },
        p: { type: "number", min: 0, max: 100, description: text("p") },
      },
      criteria: [
        { id: "ge", title: text("ge"), points: 50, rule: { ratioAtLeast: [{ var: "part" }, { var: "whole" }, { var: "p" }] } },
        { id: "le", title: text("le"), points: 50, rule: { ratioAtMost: [{ var: "part" }, { var: "whole" }, { var: "p" }] } },
      ],
    }),
  );
  const shareSet = (p: number) =>
    loadCriteriaSet(
      makeSet({
        criteria: [
          { id: "ge", title: text("ge"), points: 50, rule: { shareAtLeast: [p, { var: "members" }, { var: "ok" }, { var: "sick" }] } },
          { id: "le", title: text("le"), points: 50, rule: { shareAtMost: [p, { var: "members" }, { var: "ok" }] } },
        ],
      }),
      { limits: { maxArrayLength: 2 * MAX_WHOLE } },
    );
  const status = (pass: boolean) => (pass ? "pass" : "fail");

  for (const engine of ENGINE_NAMES) {
    it(
      `${engine}: a criteria set decides ratios of counts in the data exactly`,
      () => {
        fc.assert(
          fc.property(fraction, pctArb, ([part, whole], p) => {
            const r = evaluate(ratioSet, { part, whole, p: value(p) }, { engine, explain: false });
            expect(r.criteria.map((c) => c.status)).toEqual([status(atLeast(part, whole, p)), status(atMost(part, whole, p))]);
          }),
          params(5),
        );
      },
      TIMEOUT,
    );

    it(
      `${engine}: a criteria set decides shares of a list exactly, with excluded items out of the denominator`,
      () => {
        const cases = fc.tuple(fraction, fc.integer({ min: 0, max: 50 }), pctArb);
        fc.assert(
          fc.property(cases, ([[part, whole], sick, p]) => {
            const members = [
              ...Array.from({ length: part }, () => ({ ok: true })),
              ...Array.from({ length: whole - part }, () => ({ ok: false })),
              ...Array.from({ length: sick }, () => ({ ok: true, sick: true })),
            ];
            const r = evaluate(shareSet(value(p)), { members }, { engine, explain: false });
            // shareAtMost counts every member (no exclusion): part + sick of whole + sick.
            expect(r.criteria.map((c) => c.status)).toEqual([status(atLeast(part, whole, p)), status(atMost(part + sick, whole + sick, p))]);
          }),
          params(0.25),
        );
      },
      TIMEOUT,
    );
  }
});
