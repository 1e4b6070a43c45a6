/**
 * The work evaluating a rule takes, in steps: each part of the rule (an operation, a literal, a list entry)
 * counts one step each time it can run, which is once, or once per item of every list it goes through
 * (`all`, `some`, `none`, `filter`, `count`, the shares, and `in` over a list). Nested lists multiply.
 *
 * The same plan gives two figures. When a set is loaded, {@link staticWork}: every list as long as it may be
 * (its `maxItems`, else the data limit `maxArrayLength`), refused above `limits.maxWork`. When a unit is
 * evaluated, {@link dataWork}: every list as long as it is in the unit's data, counted before any rule runs
 * (walking the lists, not the rules), so a unit that would take more than its budget is stopped at once, with
 * `ERR_BUDGET`, and one that is let through cannot take more. The engines themselves carry no counter.
 *
 * @module
 */

/** The steps of a rule (or of what runs for each item of a list). */
export interface WorkPlan {
  /** Steps that run each time this plan runs. */
  readonly steps: number;
  /** The lists gone through here. */
  readonly loops: readonly WorkLoop[];
}

/** A list gone through, and what runs for each of its items. */
export interface WorkLoop {
  /**
   * Where the list is: a dotted path from the record the plan runs on (the unit at the top, an item inside a
   * loop; `""` for that record itself), or undefined when the rule computes the list (then `max` counts).
   */
  readonly path: string | undefined;
  /** The most items the list can hold: its `maxItems`, else `maxArrayLength`. */
  readonly max: number;
  /** What runs for each item. */
  readonly each: WorkPlan;
}

/** The most steps a plan can take, every list at its longest. */
export function staticWork(plan: WorkPlan): number {
  let n = plan.steps;
  for (const loop of plan.loops) n += loop.max * staticWork(loop.each);
  return n;
}

const hasOwn = Object.prototype.hasOwnProperty;

/** The value at a dotted path of own properties, or undefined. */
function at(base: unknown, path: string): unknown {
  if (path === "") return base;
  let v = base;
  for (const key of path.split(".")) {
    if (typeof v !== "object" || v === null || !hasOwn.call(v, key)) return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

/**
 * The most steps a plan can take on this data: each list as long as it is here (a list that is absent or not a
 * list is not gone through; one the rule computes counts at its longest). Stops counting once past `stop`.
 */
export function dataWork(plan: WorkPlan, base: unknown, stop: number = Number.POSITIVE_INFINITY): number {
  let n = plan.steps;
  for (const loop of plan.loops) {
    if (n > stop) return n;
    if (loop.path === undefined) {
      n += loop.max * staticWork(loop.each);
      continue;
    }
    const list = at(base, loop.path);
    if (!Array.isArray(list)) continue;
    // Lists inside the items are looked at only when the items' work depends on them.
    if (loop.each.loops.length === 0) n += list.length * loop.each.steps;
    else for (let i = 0; i < list.length && n <= stop; i++) n += dataWork(loop.each, list[i], stop - n);
  }
  return n;
}

/** Several plans merged into one (see {@link workCounter}): lists at the same path gone through once. */
interface MergedPlan {
  /** Steps that run each time, those of the lists the rules compute included. */
  readonly steps: number;
  readonly lists: readonly MergedList[];
}

interface MergedList {
  /** The path's keys (none for the record itself). */
  readonly keys: readonly string[];
  readonly each: MergedPlan;
}

/** One plan doing the work of all of `plans`: the steps summed, the loops over one path merged. */
function merge(plans: readonly WorkPlan[]): MergedPlan {
  let steps = 0;
  const byPath = new Map<string, WorkPlan[]>();
  for (const plan of plans) {
    steps += plan.steps;
    for (const loop of plan.loops) {
      if (loop.path === undefined) steps += loop.max * staticWork(loop.each);
      else {
        const same = byPath.get(loop.path);
        if (same) same.push(loop.each);
        else byPath.set(loop.path, [loop.each]);
      }
    }
  }
  const lists = [...byPath].map(([path, each]) => ({ keys: path === "" ? [] : path.split("."), each: merge(each) }));
  return { steps, lists };
}

/** The value at a path of own properties, or undefined. */
function atKeys(base: unknown, keys: readonly string[]): unknown {
  let v = base;
  for (let i = 0; i < keys.length; i++) {
    if (typeof v !== "object" || v === null || !hasOwn.call(v, keys[i]!)) return undefined;
    v = (v as Record<string, unknown>)[keys[i]!];
  }
  return v;
}

function countMerged(plan: MergedPlan, base: unknown, stop: number): number {
  let n = plan.steps;
  const lists = plan.lists;
  for (let l = 0; l < lists.length; l++) {
    if (n > stop) return n;
    const list = atKeys(base, lists[l]!.keys);
    if (!Array.isArray(list)) continue;
    const each = lists[l]!.each;
    if (each.lists.length === 0) n += list.length * each.steps;
    else for (let i = 0; i < list.length && n <= stop; i++) n += countMerged(each, list[i], stop - n);
  }
  return n;
}

/**
 * The work of all of a set's plans on one unit's data, as the sum of {@link dataWork} over them, in one walk:
 * plans going through the same list are merged, their paths split once. Every count is a sum of non-negative
 * terms, so the sum is over `stop` exactly when this count is; at or under it, the two are equal.
 */
export function workCounter(plans: readonly WorkPlan[]): (base: unknown, stop: number) => number {
  const merged = merge(plans);
  return (base, stop) => countMerged(merged, base, stop);
}
