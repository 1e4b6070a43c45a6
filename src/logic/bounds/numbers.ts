/**
 * Numbers on bounds: the numbers an operand can be, and `+`, `-`, `*`, `/`, `%`, `min`, `max` on intervals.
 *
 * @module
 */
import { isBound, lift, make, type NumRange, type Val } from "./domain.js";

/** The numbers a value can be as an operand (JavaScript's conversion), and whether a non-number (NaN) is possible. */
interface Numbers {
  readonly points: number[];
  readonly range: NumRange | null;
  readonly nan: boolean;
}

/** A value as numbers: `parse` is json-logic-js's parseFloat for `+` and `*`, otherwise JavaScript's Number(). */
export function numbersOf(v: Val, parse: boolean): Numbers {
  const conv = (x: unknown): number => (parse ? (typeof x === "number" ? x : parseFloat(x as string)) : Number(x));
  if (!isBound(v)) {
    const n = conv(v);
    return { points: Number.isNaN(n) ? [] : [n], range: null, nan: Number.isNaN(n) };
  }
  const points: number[] = [];
  let nan = false;
  for (const x of v.values) {
    const n = conv(x);
    if (Number.isNaN(n)) nan = true;
    else points.push(n);
  }
  let range = v.num;
  if (v.text || v.any || v.record || v.list) {
    range = { lo: -Infinity, hi: Infinity, int: false };
    nan = true;
  }
  return { points, range, nan };
}

/** The smallest range holding every number. */
export function hull(n: Numbers): NumRange | null {
  let lo = Infinity;
  let hi = -Infinity;
  let int = true;
  for (const p of n.points) {
    lo = Math.min(lo, p);
    hi = Math.max(hi, p);
    int &&= Number.isInteger(p);
  }
  if (n.range) {
    lo = Math.min(lo, n.range.lo);
    hi = Math.max(hi, n.range.hi);
    int &&= n.range.int;
  }
  return lo <= hi ? { lo, hi, int } : null;
}

/** An arithmetic result: a range, with an error possible when it can leave the finite numbers. */
function numberResult(r: NumRange | null, error: string | null): Val {
  if (r === null) return make({ error });
  return make({ num: r, error });
}

const NAN_ERROR = (op: string) => `a calculation ('${op}') gave no number (such as 0 / 0, a remainder by 0, or a text in a sum)`;
const INFINITE_ERROR = (op: string) => `a calculation ('${op}') gave an infinite result (such as a division by zero)`;

/** Interval arithmetic for `+ - * / % min max` on arguments that are not all listed values. */
export function arithmetic(op: string, args: readonly Val[]): Val {
  const parse = op === "+" || op === "*";
  const ns = args.map((a) => numbersOf(a, parse));
  let error: string | null = ns.some((n) => n.nan) ? NAN_ERROR(op) : null;
  const rs = ns.map(hull);
  if (rs.some((r) => r === null)) return make({ error: error ?? NAN_ERROR(op) });
  const r = rs as NumRange[];
  const int = r.every((x) => x.int);
  let out: NumRange;
  switch (op) {
    case "+":
      out = r.reduce((acc, x) => ({ lo: acc.lo + x.lo, hi: acc.hi + x.hi, int }), { lo: 0, hi: 0, int });
      break;
    case "*":
      out = r.slice(1).reduce((acc, x) => product(acc, x), r[0]!);
      out = { ...out, int };
      break;
    case "-":
      out = r.length === 1 ? { lo: -r[0]!.hi, hi: -r[0]!.lo, int } : { lo: r[0]!.lo - r[1]!.hi, hi: r[0]!.hi - r[1]!.lo, int };
      break;
    case "/": {
      const [a, b] = r as [NumRange, NumRange];
      if (b.lo <= 0 && b.hi >= 0) error ??= b.lo === 0 && b.hi === 0 && a.lo === 0 && a.hi === 0 ? NAN_ERROR(op) : INFINITE_ERROR(op);
      if (b.lo === 0 && b.hi === 0) return make({ error });
      if (b.lo < 0 && b.hi > 0) out = { lo: -Infinity, hi: Infinity, int: false };
      else {
        const blo = b.lo === 0 ? Number.MIN_VALUE : b.lo;
        const bhi = b.hi === 0 ? -Number.MIN_VALUE : b.hi;
        const q = [a.lo / blo, a.lo / bhi, a.hi / blo, a.hi / bhi].filter((x) => !Number.isNaN(x));
        out = { lo: Math.min(...q), hi: Math.max(...q), int: false };
      }
      break;
    }
    case "%": {
      const [a, b] = r as [NumRange, NumRange];
      if (b.lo <= 0 && b.hi >= 0) error ??= NAN_ERROR(op);
      if (b.lo === 0 && b.hi === 0) return make({ error });
      const m = Math.max(Math.abs(b.lo), Math.abs(b.hi));
      const lo = a.lo >= 0 ? 0 : Math.max(a.lo, -m);
      const hi = a.hi <= 0 ? 0 : Math.min(a.hi, m);
      out = { lo, hi, int };
      break;
    }
    case "min":
      out = { lo: Math.min(...r.map((x) => x.lo)), hi: Math.min(...r.map((x) => x.hi)), int };
      break;
    default:
      out = { lo: Math.max(...r.map((x) => x.lo)), hi: Math.max(...r.map((x) => x.hi)), int };
  }
  // Bounded operands whose result leaves the finite numbers: an overflow is possible.
  if (r.every((x) => Number.isFinite(x.lo) && Number.isFinite(x.hi)) && (!Number.isFinite(out.lo) || !Number.isFinite(out.hi))) error ??= INFINITE_ERROR(op);
  return numberResult(out, error);
}

function product(a: NumRange, b: NumRange): NumRange {
  const c = [a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi].map((x) => (Number.isNaN(x) ? 0 : x));
  return { lo: Math.min(...c), hi: Math.max(...c), int: a.int && b.int };
}

/**
 * The numbers a value's ordinary values can be: lowest and highest (undefined when none is a number), whether all
 * are whole, and whether something else (a text, null, a list...) is possible.
 */
export function numbersIn(v: Val): { lo: number | undefined; hi: number | undefined; int: boolean; other: boolean } {
  const b = lift(v);
  let lo: number | undefined;
  let hi: number | undefined;
  let int = true;
  let other = b.text || b.any || b.list !== null || b.record !== null;
  for (const x of b.values) {
    if (typeof x !== "number" || !Number.isFinite(x)) {
      other = true;
      continue;
    }
    lo = lo === undefined ? x : Math.min(lo, x);
    hi = hi === undefined ? x : Math.max(hi, x);
    int &&= Number.isInteger(x);
  }
  if (b.num) {
    lo = lo === undefined ? b.num.lo : Math.min(lo, b.num.lo);
    hi = hi === undefined ? b.num.hi : Math.max(hi, b.num.hi);
    int &&= b.num.int;
  }
  return { lo, hi, int, other };
}
