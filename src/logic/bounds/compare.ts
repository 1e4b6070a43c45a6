/**
 * Comparisons on bounds: `<`, `<=`, `>`, `>=` (and "between") on intervals, equality, and `in`.
 *
 * @module
 */
import { type Bound, depsOf, isBound, lift, type NumRange, unionDeps, type Val } from "./domain.js";
import { andOr, boolOf, CAN_FALSE, CAN_TRUE } from "./logic.js";

/** Numbers a comparison operand can be (JavaScript converts null to 0, yes/no to 1/0); undefined when not only numbers. */
function comparable(v: Val): NumRange[] | undefined {
  const b = lift(v);
  if (b.text || b.any || b.list || b.record) return undefined;
  const out: NumRange[] = [];
  for (const x of b.values) {
    if (typeof x === "number") out.push({ lo: x, hi: x, int: Number.isInteger(x) });
    else if (x === null || typeof x === "boolean") out.push({ lo: Number(x), hi: Number(x), int: true });
    else return undefined;
  }
  if (b.num) out.push(b.num);
  return out;
}

/** Whether `x op y` can hold and can fail for some x in `a` and y in `b` (closed ranges, ends included). */
function compareRanges(op: string, a: NumRange, b: NumRange): number {
  let t: boolean;
  let f: boolean;
  switch (op) {
    case "<":
      t = a.lo < b.hi;
      f = a.hi >= b.lo;
      break;
    case "<=":
      t = a.lo <= b.hi;
      f = a.hi > b.lo;
      break;
    case ">":
      t = a.hi > b.lo;
      f = a.lo <= b.hi;
      break;
    default:
      t = a.hi >= b.lo;
      f = a.lo < b.hi;
  }
  return (t ? CAN_TRUE : 0) | (f ? CAN_FALSE : 0);
}

/** `<`, `<=`, `>`, `>=` with two operands, on intervals. */
export function compare(op: string, a: Val, b: Val): Val {
  const ra = comparable(a);
  const rb = comparable(b);
  let bits = CAN_TRUE | CAN_FALSE;
  if (ra && rb) {
    bits = 0;
    for (const x of ra) for (const y of rb) bits |= compareRanges(op, x, y);
  }
  return boolOf(bits, [a, b], unionDeps(depsOf(a), depsOf(b)));
}

/** `lo < x < hi` (`<`) or `lo <= x <= hi` (`<=`): exact for known ends and a range of x; otherwise both comparisons. */
export function between(op: string, lo: Val, x: Val, hi: Val): Val {
  const l = comparable(lo);
  const m = comparable(x);
  const h = comparable(hi);
  const deps = unionDeps(depsOf(lo), depsOf(x), depsOf(hi));
  if (!isBound(lo) && !isBound(hi) && l && m && h && l.length === 1 && h.length === 1) {
    const a = l[0]!.lo;
    const c = h[0]!.lo;
    const strict = op === "<";
    const inside = (v: number) => (strict ? a < v && v < c : a <= v && v <= c);
    let bits = 0;
    for (const r of m) {
      // The interval allowed, met by the range: for whole numbers, its whole numbers.
      let from = Math.max(r.lo, a);
      let to = Math.min(r.hi, c);
      if (r.int) {
        from = strict && from === a ? Math.floor(a) + 1 : Math.ceil(from);
        to = strict && to === c ? Math.ceil(c) - 1 : Math.floor(to);
      }
      const meets = r.int ? from <= to && inside(from) : strict ? from < to || (from === to && inside(from)) : from <= to;
      if (meets) bits |= CAN_TRUE;
      if (!inside(r.lo) || !inside(r.hi)) bits |= CAN_FALSE;
    }
    return boolOf(bits, [lo, x, hi], deps);
  }
  const first = compare(op, lo, x);
  const second = compare(op, x, hi);
  return andOr(true, [() => first, () => second]);
}

/** `==`, `===`, `!=`, `!==` where an operand is not only listed values: ranges against numbers, else both answers. */
export function equality(op: string, a: Val, b: Val): Val {
  const negate = op === "!=" || op === "!==";
  const strict = op === "===" || op === "!==";
  const ba = lift(a);
  const bb = lift(b);
  let bits = CAN_TRUE | CAN_FALSE;
  const numbersOnly = (x: Bound) =>
    !x.text && !x.any && !x.list && !x.record && x.values.every((v) => typeof v === "number" || (!strict && (v === null || typeof v === "boolean")));
  if (numbersOnly(ba) && numbersOnly(bb) && !ba.values.includes(null) && !bb.values.includes(null)) {
    const ra = comparable(ba)!;
    const rb = comparable(bb)!;
    bits = 0;
    for (const x of ra)
      for (const y of rb) {
        const lo = Math.max(x.lo, y.lo);
        const hi = Math.min(x.hi, y.hi);
        const meet = lo <= hi && (!(x.int || y.int) || Math.ceil(lo) <= Math.floor(hi));
        if (meet) bits |= CAN_TRUE;
        if (!(x.lo === x.hi && y.lo === y.hi && x.lo === y.lo)) bits |= CAN_FALSE;
      }
  } else if (strict && (ba.num !== null || bb.num !== null)) {
    // A number is never strictly equal to a text, yes/no or null.
    const other = ba.num !== null ? bb : ba;
    if (!other.num && !other.any && other.values.every((v) => typeof v !== "number")) bits = CAN_FALSE;
  }
  // Against null: only null (and, loosely, undefined) is equal to it; a number, a text, a list or a record never is.
  const onlyNull = (x: Bound) => !x.num && !x.text && !x.list && !x.record && !x.any && x.values.length > 0 && x.values.every((v) => v === null);
  const other = onlyNull(ba) ? bb : onlyNull(bb) ? ba : undefined;
  if (other !== undefined) {
    const nullish = other.any || other.values.some((v) => v === null || v === undefined);
    const notNull =
      other.num !== null || other.text || other.list !== null || other.record !== null || other.any || other.values.some((v) => v !== null && v !== undefined);
    bits = (nullish ? CAN_TRUE : 0) | (notNull ? CAN_FALSE : 0);
  }
  if (negate) bits = (bits & CAN_TRUE ? CAN_FALSE : 0) | (bits & CAN_FALSE ? CAN_TRUE : 0);
  return boolOf(bits, [a, b], unionDeps(depsOf(a), depsOf(b)));
}

/** `in`: membership in a list (`===`) or a substring of a text, where an operand is not only listed values. */
export function membership(a: Val, b: Val): Val {
  const deps = unionDeps(depsOf(a), depsOf(b));
  let bits = CAN_TRUE | CAN_FALSE;
  if (!isBound(b) && Array.isArray(b)) {
    const ba = lift(a);
    if (!ba.any && !ba.list && !ba.record) {
      bits = 0;
      for (const x of ba.values) bits |= b.indexOf(x) !== -1 ? CAN_TRUE : CAN_FALSE;
      if (ba.text) {
        if (b.some((x) => typeof x === "string")) bits |= CAN_TRUE;
        bits |= CAN_FALSE;
      }
      if (ba.num) {
        const r = ba.num;
        const inside = b.filter((x): x is number => typeof x === "number" && x >= r.lo && x <= r.hi && (!r.int || Number.isInteger(x)));
        if (inside.length > 0) bits |= CAN_TRUE;
        const span = r.hi - r.lo + 1;
        const covered = r.int && Number.isFinite(span) && new Set(inside).size >= span;
        if (!covered) bits |= CAN_FALSE;
      }
    }
  }
  return boolOf(bits, [a, b], deps);
}
