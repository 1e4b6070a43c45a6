/**
 * Lists on bounds: each item known to meet a condition, known not to, or unknown, and certainly in the list or
 * perhaps: `all`, `some`, `none`, `filter`, `count`.
 *
 * @module
 */
import {
  type Deps,
  depsOf,
  flagsOf,
  isBound,
  type ListBound,
  type ListItem,
  listLength,
  listOf,
  make,
  NO_DEPS,
  nullItems,
  onlyThrows,
  PhantomItem,
  unionDeps,
  type Val,
} from "./domain.js";
import { boolOf, CAN_FALSE, CAN_TRUE, truth } from "./logic.js";

/** How each item fares under a per-item condition. */
interface ItemState {
  /** Whether the item can be out of the list, in and meeting the condition, in and not meeting it. */
  readonly absent: boolean;
  readonly yes: boolean;
  readonly no: boolean;
  /** Exceptional outcomes of the condition on this item. */
  readonly flags: Val;
  readonly deps: Deps;
}

function stateOf(item: ListItem, cond: Val): ItemState {
  const bits = truth(cond);
  const present = true;
  return {
    absent: !item.certain,
    yes: present && (bits & CAN_TRUE) !== 0,
    no: present && (bits & CAN_FALSE) !== 0,
    flags: isBound(cond) && (cond.empty || cond.error !== null) ? cond : null,
    deps: unionDeps(item.deps, depsOf(cond)),
  };
}

/** The states of the given items and of a phantom item (a list not given) under a condition. */
function statesOf(l: ListBound, cond: (item: unknown) => Val): { items: ItemState[]; phantom: ItemState | null } {
  const items = l.items.map((it) => stateOf(it, cond(it.as ?? it.value)));
  let phantom: ItemState | null = null;
  if (l.phantom && l.phantom.max > 0) {
    const c = cond(new PhantomItem(l.phantom.item, l.phantom.at));
    // The phantom stands for the items of a list not given: there may be none of them only when the list may be empty.
    phantom = stateOf({ value: null, certain: l.phantom.min > 0, deps: new Set([l.phantom.at]) }, c);
  }
  return { items, phantom };
}

/**
 * An item certainly in the list whose condition gives no value in any completion (it only throws): every
 * evaluation that reaches it throws, so it is neither in nor out of a result.
 */
function doomed(s: ItemState): boolean {
  return !s.absent && !s.yes && !s.no;
}

/** Every completion throws: the exceptional outcomes of the list and its items, and no value. */
function throwing(listVal: Val, states: readonly ItemState[]): Val {
  return make({ ...flagsOf([listVal, ...flagsOfStates(states)]), deps: listDeps(listVal, states) });
}

function uncertain(s: ItemState): boolean {
  return Number(s.absent) + Number(s.yes) + Number(s.no) > 1;
}

function flagsOfStates(states: readonly ItemState[]): Val[] {
  return states.filter((s) => s.flags !== null).map((s) => s.flags);
}

/** The list's own paths (a list not given, or a list computed from unknowns) and those of its uncertain items (or items that may throw). */
function listDeps(listVal: Val, states: readonly ItemState[]): Deps {
  return unionDeps(depsOf(listVal), ...states.filter((s) => uncertain(s) || s.flags !== null).map((s) => s.deps));
}

/** `all`: false for an empty list; json-logic-js stops at the first item that fails the condition. */
export function all(listVal: Val, cond: (item: unknown) => Val): Val {
  // A list that only throws: a list operator on it throws too.
  if (onlyThrows(listVal)) return listVal;
  const l = listOf(listVal);
  if (!l) return unknownListResult(listVal);
  const { items, phantom } = statesOf(l, cond);
  // Evaluation reaches an item only while every item before it can meet the condition.
  const reached: ItemState[] = [];
  for (const s of items) {
    reached.push(s);
    if (!s.absent && !s.yes) break;
  }
  if (phantom) reached.push(phantom);
  const states = phantom ? [...items, phantom] : items;
  const minPresent = listLength(l).lo;
  // Holds: some item in and meeting it, every item out or meeting it.
  const canHold = states.every((s) => s.absent || s.yes) && (items.some((s) => s.yes) || phantom?.yes === true);
  const canEmpty = minPresent === 0 && items.every((s) => s.absent);
  // Only an item evaluation reaches can make it fail: past an item certainly in the list that cannot meet the
  // condition (it fails or throws there), nothing is read.
  const canFail = canEmpty || reached.some((s) => s.no);
  const bits = (canHold ? CAN_TRUE : 0) | (canFail ? CAN_FALSE : 0);
  return boolOf(bits, [listVal, ...flagsOfStates(reached)], listDeps(listVal, states));
}

/** `some` (`found` true) or `none`: json-logic-js tests every item (it filters, then counts). */
export function someNone(found: boolean, listVal: Val, cond: (item: unknown) => Val): Val {
  // A list that only throws: a list operator on it throws too.
  if (onlyThrows(listVal)) return listVal;
  const l = listOf(listVal);
  if (!l) return unknownListResult(listVal);
  const { items, phantom } = statesOf(l, cond);
  const states = phantom ? [...items, phantom] : items;
  if (states.some(doomed)) return throwing(listVal, states);
  const canSome = states.some((s) => s.yes);
  const canNone = states.every((s) => s.absent || s.no);
  let bits = (canSome ? CAN_TRUE : 0) | (canNone ? CAN_FALSE : 0);
  if (!found) bits = (bits & CAN_TRUE ? CAN_FALSE : 0) | (bits & CAN_FALSE ? CAN_TRUE : 0);
  return boolOf(bits, [listVal, ...flagsOfStates(states)], listDeps(listVal, states));
}

/** What a list operator gives on something not a list: json-logic-js treats it as an empty list, which this leaves open. */
function unknownListResult(v: Val): Val {
  return make({ values: [true, false], ...flagsOf([v]), deps: depsOf(v) });
}

/** `filter`: the items meeting the condition; an item whose condition is unknown is perhaps in the list. */
export function filter(listVal: Val, cond: (item: unknown) => Val): Val {
  // A list that only throws: a list operator on it throws too.
  if (onlyThrows(listVal)) return listVal;
  const l = listOf(listVal);
  if (!l)
    return make({ list: { items: [], phantom: { item: null, min: 0, max: Number.MAX_SAFE_INTEGER, at: "?" } }, ...flagsOf([listVal]), deps: depsOf(listVal) });
  const { items, phantom } = statesOf(l, cond);
  // json-logic-js's filter tests every item: one that can only throw makes every completion throw.
  if (items.some(doomed) || (phantom !== null && doomed(phantom))) return throwing(listVal, phantom ? [...items, phantom] : items);
  const kept: ListItem[] = [];
  items.forEach((s, i) => {
    if (!s.yes) return;
    const certain = !s.absent && !s.no;
    const as = l.items[i]!.as;
    kept.push({ value: l.items[i]!.value, certain, deps: certain ? NO_DEPS : s.deps, ...(as ? { as } : {}) });
  });
  const ph = phantom?.yes ? { ...l.phantom!, min: phantom.no || phantom.absent ? 0 : l.phantom!.min } : null;
  const flags = flagsOf([listVal, ...flagsOfStates(phantom ? [...items, phantom] : items)]);
  if (ph === null && kept.every((k) => k.certain) && !flags.empty && flags.error === null) {
    const out = kept.map((k) => k.value);
    if (kept.some((k) => k.as))
      nullItems.set(
        out,
        kept.map((k) => k.as),
      );
    return out;
  }
  return make({ list: { items: kept, phantom: ph }, ...flags, deps: listDeps(listVal, phantom ? [...items, phantom] : items) });
}

/** `count` of a list (after its `filter`, when a condition is given): a whole number between the certain and the possible items. */
export function count(listVal: Val): Val {
  // A list that only throws: a list operator on it throws too.
  if (onlyThrows(listVal)) return listVal;
  const l = listOf(listVal);
  if (!l) return make({ num: { lo: 0, hi: Number.MAX_SAFE_INTEGER, int: true }, ...flagsOf([listVal]), deps: depsOf(listVal) });
  const n = listLength(l);
  const deps = unionDeps(depsOf(listVal), ...l.items.filter((it) => !it.certain).map((it) => it.deps));
  return make({ num: { lo: n.lo, hi: Math.min(n.hi, Number.MAX_SAFE_INTEGER), int: true }, ...flagsOf([listVal]), deps });
}
