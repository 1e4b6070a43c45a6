/**
 * Shares and ratios on bounds: `sum over items of (100·met − P·kept) >= 0`, in whole numbers, from each
 * item's lowest and highest term; whether the base can be empty; ratios of a part and a whole.
 *
 * @module
 */
import { exactPercent } from "../exact.js";
import { type Deps, depsOf, flagsOf, isBound, listOf, make, NO_DEPS, onlyThrows, PhantomItem, unionDeps, type Val } from "./domain.js";
import { CAN_FALSE, CAN_TRUE, truth } from "./logic.js";
import { hull, numbersOf } from "./numbers.js";

/** A percentage's exact fraction `units / scale`, or its possible range when unknown. */
interface PercentBounds {
  readonly lo: { units: number; scale: number };
  readonly hi: { units: number; scale: number };
  readonly error: string | null;
}

function percentBounds(p: Val): PercentBounds | undefined {
  const exact = (x: number) => {
    const e = exactPercent(x);
    return e ? { units: Number(e.units), scale: Number(e.scale) } : undefined;
  };
  if (!isBound(p)) {
    if (typeof p !== "number") return undefined;
    const e = exact(p);
    return e ? { lo: e, hi: e, error: null } : undefined;
  }
  const n = numbersOf(p, false);
  const r = hull(n);
  if (!r) return undefined;
  const lo = exact(Math.max(0, Math.min(100, r.lo)));
  const hi = exact(Math.max(0, Math.min(100, r.hi)));
  if (!lo || !hi) return undefined;
  const outside = r.lo < 0 || r.hi > 100 || n.nan || !r.int;
  return { lo, hi, error: outside ? "a percentage must be a number from 0 to 100" : null };
}

/** Each item's possible terms `100·met − P·kept` of a share, with whether the term keeps the item in the base. */
interface Options {
  readonly terms: readonly { readonly kept: boolean; readonly term: number }[];
}

/** The lowest and highest sum of one term per item, given that at least one item is kept (undefined: none can be). */
function extremesWithKept(items: readonly Options[]): { min: number; max: number } | undefined {
  let max = 0;
  let min = 0;
  let keptAtMax = false;
  let keptAtMin = false;
  let lossMax = Infinity;
  let lossMin = Infinity;
  let anyKept = false;
  for (const it of items) {
    const best = Math.max(...it.terms.map((o) => o.term));
    const worst = Math.min(...it.terms.map((o) => o.term));
    const kept = it.terms.filter((o) => o.kept).map((o) => o.term);
    max += best;
    min += worst;
    if (kept.length === 0) continue;
    anyKept = true;
    const bestKept = Math.max(...kept);
    const worstKept = Math.min(...kept);
    if (bestKept === best) keptAtMax = true;
    if (worstKept === worst) keptAtMin = true;
    lossMax = Math.min(lossMax, best - bestKept);
    lossMin = Math.min(lossMin, worstKept - worst);
  }
  if (!anyKept) return undefined;
  return { max: keptAtMax ? max : max - lossMax, min: keptAtMin ? min : min + lossMin };
}

/**
 * `shareAtLeast` / `shareAtMost` `[P, list, condition, exclude?]`: at least (at most) P% of the items not excluded
 * meet the condition, compared exactly in whole numbers. A base that can be empty gives the empty-group outcome.
 */
export function share(op: "atLeast" | "atMost", percent: Val, listVal: Val, cond: (item: unknown) => Val, exclude: ((item: unknown) => Val) | null): Val {
  const baseDeps = unionDeps(depsOf(listVal), depsOf(percent));
  // A percentage or list that only throws: the share is never taken.
  if (onlyThrows(listVal) || onlyThrows(percent)) return make({ ...flagsOf([percent, listVal]), deps: baseDeps });
  const l = listOf(listVal);
  const pb = percentBounds(percent);
  if (!l || !pb) return make({ values: [true, false], empty: true, error: pb ? null : "a percentage must be a number from 0 to 100", deps: baseDeps });
  // Each item: out of the list (perhaps), excluded, kept meeting the condition, kept not meeting it.
  type Item = { absent: boolean; excluded: boolean; met: boolean; unmet: boolean; deps: Deps; flags: Val[] };
  const itemOf = (value: unknown, certain: boolean, itemDeps: Deps): Item => {
    const ex = exclude ? exclude(value) : false;
    const exBits = truth(ex);
    const keptPossible = (exBits & CAN_FALSE) !== 0;
    const c = keptPossible ? cond(value) : false;
    const cBits = truth(c);
    const flags = [ex, c].filter((v) => isBound(v) && (v.empty || v.error !== null));
    return {
      absent: !certain,
      excluded: (exBits & CAN_TRUE) !== 0,
      met: keptPossible && (cBits & CAN_TRUE) !== 0,
      unmet: keptPossible && (cBits & CAN_FALSE) !== 0,
      deps: unionDeps(itemDeps, depsOf(ex), depsOf(c)),
      flags,
    };
  };
  const items = l.items.map((it) => itemOf(it.as ?? it.value, it.certain, it.deps));
  const phantom = l.phantom && l.phantom.max > 0 ? itemOf(new PhantomItem(l.phantom.item, l.phantom.at), true, new Set([l.phantom.at])) : null;
  const flags = [...items.flatMap((i) => i.flags), ...(phantom ? phantom.flags : [])];
  // An item certainly in the list, not excluded, whose condition (or exclusion) only throws: every completion
  // throws there, as the two-valued evaluation reads every item.
  const doomed = (it: Item, certain: boolean) => certain && !it.absent && !it.excluded && !it.met && !it.unmet && it.flags.length > 0;
  if (items.some((it) => doomed(it, true)) || (phantom !== null && doomed(phantom, l.phantom!.min > 0)))
    return make({ ...flagsOf(flags), deps: unionDeps(baseDeps, ...items.map((i) => i.deps), ...(phantom ? [phantom.deps] : [])) });
  const optionsAt = (it: Item, units: number, scale: number): Options => {
    const terms: { kept: boolean; term: number }[] = [];
    if (it.absent || it.excluded) terms.push({ kept: false, term: 0 });
    if (it.met) terms.push({ kept: true, term: 100 * scale - units });
    if (it.unmet) terms.push({ kept: true, term: -units });
    return { terms };
  };
  // A list not given: its items all come from the phantom, any number from min to max; one or two copies of
  // an item reach every outcome a single kind of item can give.
  const phantomMin = l.phantom ? l.phantom.min : 0;
  const canEmpty = items.every((it) => it.absent || it.excluded) && (phantom === null || phantomMin === 0 || phantom.excluded);
  const mustEmpty = items.every((it) => !it.met && !it.unmet) && (phantom === null || (!phantom.met && !phantom.unmet));
  let canTrue = false;
  let canFalse = false;
  if (!mustEmpty) {
    const withCopies = (units: number, scale: number): Options[] => {
      const opts = items.map((it) => optionsAt(it, units, scale));
      if (phantom) {
        // Two copies of the phantom item reach every outcome its kind can give; the first must be in the list
        // when the list has at least one item, the second when it has two.
        const copies = Math.min(l.phantom!.max, 2);
        for (let k = 0; k < copies; k++) opts.push(optionsAt({ ...phantom, absent: k >= phantomMin }, units, scale));
      }
      return opts.filter((o) => o.terms.length > 0);
    };
    // The most favourable percentage for holding, the least for failing.
    const easy = op === "atLeast" ? pb.lo : pb.hi;
    const hard = op === "atLeast" ? pb.hi : pb.lo;
    const eEasy = extremesWithKept(withCopies(easy.units, easy.scale));
    const eHard = extremesWithKept(withCopies(hard.units, hard.scale));
    if (op === "atLeast") {
      canTrue = eEasy !== undefined && eEasy.max >= 0;
      canFalse = eHard !== undefined && eHard.min < 0;
    } else {
      canTrue = eEasy !== undefined && eEasy.min <= 0;
      canFalse = eHard !== undefined && eHard.max > 0;
    }
  }
  const values: boolean[] = [];
  if (canTrue) values.push(true);
  if (canFalse) values.push(false);
  const states = [...items, ...(phantom ? [phantom] : [])];
  // The paths that decide between the outcomes (when there is more than one): the list's own, and those of the
  // items whose state is not settled or whose condition may throw.
  const relevant = values.length + Number(canEmpty) + Number(flags.length > 0) > 1;
  const deps = relevant
    ? unionDeps(
        baseDeps,
        ...states.filter((s) => Number(s.absent) + Number(s.excluded) + Number(s.met) + Number(s.unmet) > 1 || s.flags.length > 0).map((s) => s.deps),
      )
    : NO_DEPS;
  const fl = flagsOf(flags);
  return make({ values, empty: canEmpty || fl.empty, error: pb.error ?? fl.error, deps });
}

/**
 * `ratioAtLeast` / `ratioAtMost` `[part, whole, P]` where an operand is unknown: from the ranges of the part and
 * the whole. A whole that can be 0 (with a part of 0) gives the empty-group outcome; a part that can exceed the
 * whole, an error.
 */
export function ratio(op: "atLeast" | "atMost", part: Val, whole: Val, percent: Val): Val {
  const deps = unionDeps(depsOf(part), depsOf(whole), depsOf(percent));
  const rp = hull(numbersOf(part, false));
  const rw = hull(numbersOf(whole, false));
  const pb = percentBounds(percent);
  if (!rp || !rw || !pb) return make({ values: [true, false], empty: true, error: "a share needs whole numbers", deps });
  let error: string | null = pb.error;
  if (rp.lo < 0 || rw.lo < 0 || !rp.int || !rw.int) error ??= "a share needs whole numbers of at least 0";
  const a = Math.max(0, rp.lo);
  const b = rp.hi;
  const c = Math.max(0, rw.lo);
  const d = rw.hi;
  if (b > c) error ??= "the part is larger than the whole";
  const canEmpty = c === 0 && a === 0;
  // Feasible pairs: part p in [a, b], whole w in [c, d], 1 <= w, p <= w.
  const w0 = Math.max(c, 1, a);
  const feasible = w0 <= d;
  // The highest share: the smallest whole with the largest part it allows (as a term 100·part − P·whole). The
  // lowest: the smallest part of the largest whole.
  const highest = (units: number, scale: number) => 100 * scale * Math.min(b, w0) - units * w0;
  let canTrue = false;
  let canFalse = false;
  if (feasible) {
    const easy = op === "atLeast" ? pb.lo : pb.hi;
    const hard = op === "atLeast" ? pb.hi : pb.lo;
    if (op === "atLeast") {
      canTrue = highest(easy.units, easy.scale) >= 0;
      canFalse = d === Infinity ? hard.units > 0 : 100 * hard.scale * a < hard.units * d;
    } else {
      canTrue = d === Infinity ? easy.units > 0 || a === 0 : 100 * easy.scale * a <= easy.units * d;
      canFalse = highest(hard.units, hard.scale) > 0;
    }
  }
  const values: boolean[] = [];
  if (canTrue) values.push(true);
  if (canFalse) values.push(false);
  return make({ values, empty: canEmpty, error, deps });
}
