/**
 * The oracle's own plain evaluator: JsonLogic as json-logic-js 2.0.5 runs it, plus tieuchi's operators (count,
 * shares, ratios), on complete data. Written apart from `src/` on purpose: the brute-force oracle must not share
 * code with the evaluator it checks. No missing data here: the oracle fills every absent value first.
 *
 * @module
 */

/** A share or ratio of an empty group: the criterion then takes the status its set declares. */
export class EmptyGroup extends Error {}

/** A rule that cannot be evaluated on these values (a part above its whole, a division by zero...). */
export class RuleFailure extends Error {}

/** A derived value that threw: reading it throws the same. */
export class Thrown {
  constructor(readonly error: Error) {}
}

export function truthy(v: unknown): boolean {
  return Array.isArray(v) ? v.length > 0 : !!v;
}

function finite(v: unknown): unknown {
  if (typeof v === "number" && !Number.isFinite(v)) throw new RuleFailure("not a finite number");
  return v;
}

function readVar(data: unknown, path: unknown): unknown {
  const rel = path === null || path === undefined ? "" : String(path);
  if (rel === "") return data;
  let v: unknown = data;
  for (const k of rel.split(".")) {
    if (v === null || typeof v !== "object" || !Object.hasOwn(v, k)) return null;
    v = (v as Record<string, unknown>)[k];
    if (v === undefined) return null;
  }
  if (v instanceof Thrown) throw v.error;
  return v;
}

/** Whole numbers of at least 0. */
function isCount(n: unknown): n is number {
  return typeof n === "number" && Number.isSafeInteger(n) && n >= 0;
}

/** `part / whole` against `percent` %, exactly; throws EmptyGroup for an empty whole. */
function ratio(atLeast: boolean, part: unknown, whole: unknown, percent: unknown): boolean | null {
  if (part === null || whole === null || percent === null || part === undefined || whole === undefined || percent === undefined) return null;
  if (!isCount(part) || !isCount(whole)) throw new RuleFailure("not counts");
  if (part > whole) throw new RuleFailure("part above whole");
  if (typeof percent !== "number" || !Number.isFinite(percent) || percent < 0 || percent > 100) throw new RuleFailure("bad percent");
  // The percentage as a fraction of whole numbers, from its shortest decimal text.
  const text = percent.toString();
  const m = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m || (m[2] ?? "").length > 6) throw new RuleFailure("bad percent");
  const units = BigInt(m[1]! + (m[2] ?? ""));
  const scale = 10n ** BigInt((m[2] ?? "").length);
  if (whole === 0) throw new EmptyGroup("empty group");
  const left = BigInt(part) * 100n * scale;
  const right = units * BigInt(whole);
  return atLeast ? left >= right : left <= right;
}

/** The value of a rule on complete data. */
export function plain(rule: unknown, data: unknown): unknown {
  if (Array.isArray(rule)) return rule.map((r) => plain(r, data));
  if (rule === null || typeof rule !== "object") return rule;
  const op = Object.keys(rule)[0]!;
  const raw = (rule as Record<string, unknown>)[op];
  const args: unknown[] = Array.isArray(raw) ? raw : [raw];
  const list = (i: number): unknown[] => {
    const l = plain(args[i], data);
    return Array.isArray(l) ? l : [];
  };
  const keep = (items: unknown[], cond: unknown) => items.filter((x) => truthy(plain(cond, x)));
  switch (op) {
    case "var":
      return readVar(data, plain(args[0], data));
    case "and": {
      let v: unknown;
      for (const a of args) {
        v = plain(a, data);
        if (!truthy(v)) return v;
      }
      return v;
    }
    case "or": {
      let v: unknown;
      for (const a of args) {
        v = plain(a, data);
        if (truthy(v)) return v;
      }
      return v;
    }
    case "if": {
      let i = 0;
      for (; i < args.length - 1; i += 2) if (truthy(plain(args[i], data))) return plain(args[i + 1], data);
      return i === args.length - 1 ? plain(args[i], data) : null;
    }
    case "all": {
      const items = list(0);
      if (items.length === 0) return false;
      for (const x of items) if (!truthy(plain(args[1], x))) return false;
      return true;
    }
    case "some":
      return keep(list(0), args[1]).length > 0;
    case "none":
      return keep(list(0), args[1]).length === 0;
    case "filter":
      return keep(list(0), args[1]);
    case "count":
      return args.length === 2 ? keep(list(0), args[1]).length : list(0).length;
    case "sum": {
      // Every item's value first (json-logic-js maps, then adds), then the total from 0 with parseFloat, as in +.
      const values = list(0).map((item) => plain(args[1], item));
      return finite(values.reduce((x: number, y) => parseFloat(String(x)) + parseFloat(String(y)), 0));
    }
    case "shareAtLeast":
    case "shareAtMost": {
      const items = list(1);
      const base = args[3] === undefined ? items : items.filter((x) => !truthy(plain(args[3], x)));
      return ratio(op === "shareAtLeast", keep(base, args[2]).length, base.length, plain(args[0], data));
    }
  }
  const v = args.map((x) => plain(x, data));
  // JavaScript's own coercions, as json-logic-js applies them: the casts only tell TypeScript so.
  const a = v[0] as number;
  const b = v[1] as number;
  const c = v[2] as number | undefined;
  switch (op) {
    case "!":
      return !truthy(v[0]);
    case "!!":
      return truthy(v[0]);
    case "==":
      return v[0] == v[1]; // eslint-disable-line eqeqeq
    case "===":
      return v[0] === v[1];
    case "!=":
      return v[0] != v[1]; // eslint-disable-line eqeqeq
    case "!==":
      return v[0] !== v[1];
    case ">":
      return a > b;
    case ">=":
      return a >= b;
    case "<":
      return c === undefined ? a < b : a < b && b < c;
    case "<=":
      return c === undefined ? a <= b : a <= b && b <= c;
    case "+":
      return finite(v.reduce((x: number, y) => parseFloat(String(x)) + parseFloat(String(y)), 0));
    case "*":
      return finite(v.reduce((x, y) => parseFloat(String(x)) * parseFloat(String(y))));
    case "-":
      return finite(v[1] === undefined ? -a : a - b);
    case "/":
      return finite(a / b);
    case "%":
      return finite(a % b);
    case "min":
      return finite(Math.min(...(v as number[])));
    case "max":
      return finite(Math.max(...(v as number[])));
    case "in": {
      const within = v[1] as { indexOf?: (x: unknown) => number } | null;
      return !within || typeof within.indexOf === "undefined" ? false : within.indexOf(v[0]) !== -1;
    }
    case "ratioAtLeast":
    case "ratioAtMost":
      return ratio(op === "ratioAtLeast", v[0], v[1], v[2]);
  }
  throw new Error(`the oracle has no operator '${op}'`);
}
