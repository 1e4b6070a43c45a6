/**
 * Making a unit's data satisfy (or not) a rule: the engine behind generated units and boundary cases. It edits
 * data in place, as little as it can, following the rule's structure (and, or, comparisons with literals, `in`,
 * quantifiers over lists, shares and ratios, counts, derived values). It never decides anything: whatever it
 * builds is evaluated afterwards, and the evaluation is the truth that case files record.
 *
 * @module
 */
import type { LoadedSet } from "../evaluate/load.js";
import { runRule, truthy } from "../evaluate/run.js";
import { exactPercent } from "../logic/exact.js";
import { jsonLogicJsEngine } from "../logic/jsonlogic-js.js";
import { OPERATORS } from "../logic/operators.js";
import { ruleParts, varPath } from "../logic/walk.js";
import type { PreparedRule } from "../logic/engine.js";
import type { InputSpec, Inputs } from "../schema/inputs.js";
import type { Rule } from "../schema/rule.js";
import { addDays, numberRange, randomValue, specAt, type RandomOptions, type Rng } from "./random.js";

/** A record being edited, with the declarations of its fields. */
export interface Scope {
  readonly data: Record<string, unknown>;
  readonly fields: Inputs;
  /** The unit itself (where derived values live), rather than an item of a list. */
  readonly root: boolean;
  /** For an item of a list of plain values (e.g. titles of families), read as `{"var": ""}`: where it lives. */
  readonly scalar?: { readonly list: unknown[]; readonly index: number; readonly spec: InputSpec };
}

/** A list inside the data, seen through the expression that names it (a `var`, a `filter` of one, a derived value). */
export interface ListHandle {
  /** The items currently in the list (for a filter, those that meet its condition). */
  members(): Scope[];
  /** Adds one item to the list and returns it. */
  append(): Scope | undefined;
  /** Removes an item from the list. */
  remove(item: Scope): void;
  /** Moves an item to the front of the list. */
  moveToFront(item: Scope): void;
  /** Makes the list hold exactly `n` items. */
  resize(n: number): boolean;
}

type Obj = Record<string, unknown>;

/** The operator and arguments of an operation, or undefined for a literal (or an object of more than one key). */
export function operation(rule: Rule): { op: string; args: Rule[] } | undefined {
  return ruleParts(rule, true);
}

export { varPath };

const isLiteral = (r: Rule): r is number | string | boolean | null => r === null || typeof r !== "object";

function setPath(data: Obj, path: string, value: unknown): void {
  const segs = path.split(".");
  let cur = data;
  for (const seg of segs.slice(0, -1)) {
    const next = cur[seg];
    if (next === null || typeof next !== "object" || Array.isArray(next)) cur[seg] = {};
    cur = cur[seg] as Obj;
  }
  cur[segs[segs.length - 1]!] = value;
}

function getPath(data: Obj, path: string): unknown {
  let cur: unknown = data;
  for (const seg of path.split(".")) {
    if (cur === null || typeof cur !== "object" || !Object.hasOwn(cur, seg)) return undefined;
    cur = (cur as Obj)[seg];
  }
  return cur;
}

function compare(op: string, a: unknown, b: unknown): boolean {
  const x = a as number;
  const y = b as number;
  switch (op) {
    case "<":
      return x < y;
    case "<=":
      return x <= y;
    case ">":
      return x > y;
    case ">=":
      return x >= y;
    case "==":
      // JsonLogic's == is JavaScript's loose equality.
      return a == b;
    case "===":
      return a === b;
    case "!=":
      return a != b;
    case "!==":
      return a !== b;
  }
  return false;
}

const FLIP: Record<string, string> = { "<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "===": "===", "!=": "!=", "!==": "!==" };
const COMPARISONS = new Set(Object.keys(FLIP));

/** The smallest step of a number, from its decimals: 1 for integers, 0.1 for 5 or 2.5, 0.01 for 2.55. */
export function stepOf(value: number, integer: boolean): number {
  if (integer) return 1;
  const decimals = (String(value).split(".")[1] ?? "").length;
  return 10 ** -Math.max(1, decimals);
}

/** Rounds away the floating-point noise of `a ± step`. */
export function tidy(n: number): number {
  return Number(n.toFixed(10));
}

/** The type of value a term (a `var` or a `count`) holds, and its range, when the solver can assign it. */
interface TermInfo {
  readonly kind: "integer" | "number" | "string" | "date" | "boolean";
  readonly min?: number;
  readonly max?: number;
  readonly enum?: readonly string[];
  readonly minDate?: string;
  readonly maxDate?: string;
}

/** Rules prepared for evaluation, shared by every solver (rules are immutable parts of loaded sets). */
const PREPARED = new WeakMap<object, PreparedRule>();

/**
 * Edits unit data so rules come out as wanted. Every method edits in place and returns whether it believes
 * it succeeded; callers evaluate the result to know.
 */
export class Solver {
  private readonly derived: Readonly<Record<string, { rule: Rule }>>;
  /** While true, lists keep their length: only the fields of their items may change. */
  frozenLists = false;
  /** While true, a share of an empty group is left empty (not applicable) rather than given an item to meet it. */
  keepEmptyGroups = false;

  constructor(
    readonly set: LoadedSet,
    private readonly rng: Rng,
    private readonly random: RandomOptions = {},
  ) {
    this.derived = set.definition.derived;
  }

  /** A scope over the unit's data. */
  root(data: Obj): Scope {
    return { data, fields: this.set.definition.inputs, root: true };
  }

  private prepare(rule: Rule): PreparedRule {
    if (rule === null || typeof rule !== "object") return jsonLogicJsEngine.prepare(rule);
    let p = PREPARED.get(rule);
    if (!p) PREPARED.set(rule, (p = jsonLogicJsEngine.prepare(rule)));
    return p;
  }

  /** The value of a rule in a scope, or `undefined` when it needs absent data, is not applicable, or fails. */
  valueOf(rule: Rule, scope: Scope): { value: unknown } | undefined {
    if (scope.scalar) {
      const item = scope.scalar.list[scope.scalar.index];
      const { outcome } = runRule(this.prepare(rule), { root: item as Obj, pathOf: new WeakMap(), derived: new Map() });
      return outcome.kind === "value" ? { value: outcome.value } : undefined;
    }
    let root = scope.data;
    if (scope.root && Object.keys(this.derived).length > 0) {
      root = { ...scope.data };
      for (const [name, d] of Object.entries(this.derived)) {
        const o = runRule(this.prepare(d.rule), { root, pathOf: new WeakMap(), derived: new Map() });
        if (o.outcome.kind === "value") root[name] = o.outcome.value;
      }
    }
    const { outcome } = runRule(this.prepare(rule), { root, pathOf: new WeakMap(), derived: new Map() });
    return outcome.kind === "value" ? { value: outcome.value } : undefined;
  }

  private holds(rule: Rule, scope: Scope, want: boolean): boolean {
    const v = this.valueOf(rule, scope);
    return v !== undefined && truthy(v.value) === want;
  }

  /** The declaration of what a path reads in a scope (`""` is a plain list item itself). */
  private specOf(path: string, scope: Scope): InputSpec | undefined {
    return path === "" && scope.scalar ? scope.scalar.spec : specAt(scope.fields, path);
  }

  private write(path: string, value: unknown, scope: Scope): void {
    if (path === "" && scope.scalar) scope.scalar.list[scope.scalar.index] = value;
    else setPath(scope.data, path, value);
    // A level of a title held at levels: levels are cumulative, so the levels below a level held are held, and
    // those above a level not held are not.
    const dot = path.lastIndexOf(".");
    if (dot < 0 || typeof value !== "boolean") return;
    const title = this.specOf(path.slice(0, dot), scope);
    if (title?.type !== "title" || !title.levels) return;
    const record = getPath(scope.data, path.slice(0, dot)) as Obj;
    const at = title.levels.indexOf(path.slice(dot + 1));
    title.levels.forEach((l, i) => {
      if (value ? i < at : i > at) record[l] = value;
    });
  }

  private isDerived(path: string, scope: Scope): string | undefined {
    const head = path.split(".", 1)[0]!;
    return scope.root && Object.hasOwn(this.derived, head) && !Object.hasOwn(scope.fields, head) ? head : undefined;
  }

  /** What kind of value a term holds, when it is a `var` of a declared scalar input or a `count`. */
  termInfo(term: Rule, scope: Scope): TermInfo | undefined {
    const p = varPath(term);
    if (p !== undefined) {
      const d = this.isDerived(p, scope);
      if (d) return p === d ? this.termInfo(this.derived[d]!.rule, scope) : undefined;
      const spec = this.specOf(p, scope);
      if (!spec) return undefined;
      switch (spec.type) {
        case "integer":
        case "number":
          return { kind: spec.type, ...(spec.min !== undefined ? { min: spec.min } : {}), ...(spec.max !== undefined ? { max: spec.max } : {}) };
        case "string":
          return { kind: "string", ...(spec.enum ? { enum: spec.enum.map((s) => s.normalize("NFC")) } : {}) };
        case "date":
          return { kind: "date", ...(spec.min !== undefined ? { minDate: spec.min } : {}), ...(spec.max !== undefined ? { maxDate: spec.max } : {}) };
        case "boolean":
        case "title":
          return { kind: "boolean" };
        default:
          return undefined;
      }
    }
    const o = operation(term);
    if (o && o.op === "count") return { kind: "integer", min: 0 };
    return undefined;
  }

  /** Whether a value fits a term's declared type and range. */
  fits(info: TermInfo, v: unknown): boolean {
    switch (info.kind) {
      case "integer":
      case "number":
        return (
          typeof v === "number" &&
          Number.isFinite(v) &&
          (info.kind === "number" || Number.isInteger(v)) &&
          (info.min === undefined || v >= info.min) &&
          (info.max === undefined || v <= info.max)
        );
      case "string":
        return typeof v === "string" && (info.enum === undefined || info.enum.includes(v));
      case "date":
        return typeof v === "string" && (info.minDate === undefined || v >= info.minDate) && (info.maxDate === undefined || v <= info.maxDate);
      case "boolean":
        return typeof v === "boolean";
    }
  }

  /** Sets a term (a `var` of a scalar input, a derived value that is one, or a `count`) to a value. */
  assign(term: Rule, value: unknown, scope: Scope): boolean {
    const info = this.termInfo(term, scope);
    if (!info || !this.fits(info, value)) return false;
    const p = varPath(term);
    if (p !== undefined) {
      const d = this.isDerived(p, scope);
      if (d) return this.assign(this.derived[d]!.rule, value, scope);
      this.write(p, value, scope);
      return true;
    }
    const o = operation(term)!;
    return this.setCount(o.args[0]!, value as number, o.args[1], scope);
  }

  /** Makes `count` of a list (with an optional condition) equal `k`. */
  setCount(list: Rule, k: number, cond: Rule | undefined, scope: Scope): boolean {
    const h = this.list(list, scope);
    if (!h) return false;
    if (cond === undefined) return h.resize(k);
    let members = h.members();
    while (members.length < k) {
      if (!h.append()) return false;
      members = h.members();
    }
    let ok = true;
    members.forEach((m, i) => {
      ok = this.force(cond, i < k, m) && ok;
    });
    return ok;
  }

  /** A handle on the list an expression names, or undefined when it is not a list the solver can edit. */
  list(expr: Rule, scope: Scope): ListHandle | undefined {
    const p = varPath(expr);
    if (p !== undefined) {
      const d = this.isDerived(p, scope);
      if (d) return p === d ? this.list(this.derived[d]!.rule, scope) : undefined;
      const spec = this.specOf(p, scope);
      if (!spec || spec.type !== "array" || spec.items.type === "array") return undefined;
      return this.arrayHandle(scope, p, spec);
    }
    const o = operation(expr);
    if (o && o.op === "filter") {
      const base = this.list(o.args[0]!, scope);
      const cond = o.args[1]!;
      if (!base) return undefined;
      const members = () => base.members().filter((m) => this.holds(cond, m, true));
      const append = () => {
        const item = base.append();
        return item && this.force(cond, true, item) ? item : undefined;
      };
      return {
        members,
        append,
        remove: (m) => base.remove(m),
        moveToFront: (m) => base.moveToFront(m),
        resize: (n) => {
          // Items of the list that are not members stay: they do not count. Last first, so positions hold.
          for (const m of members().slice(n).reverse()) base.remove(m);
          while (members().length < n) if (!append()) return false;
          return members().length === n;
        },
      };
    }
    return undefined;
  }

  private arrayHandle(scope: Scope, path: string, spec: Extract<InputSpec, { type: "array" }>): ListHandle {
    const arr = (): unknown[] => {
      let a = path === "" && scope.scalar ? undefined : getPath(scope.data, path);
      if (!Array.isArray(a)) {
        a = [];
        setPath(scope.data, path, a);
      }
      return a as unknown[];
    };
    const items = spec.items;
    const isRecord = (x: unknown): x is Obj => x !== null && typeof x === "object" && !Array.isArray(x);
    // Records are items by identity; plain values (titles, numbers) by position.
    const scopes = (a: unknown[]): Scope[] =>
      items.type === "object"
        ? a.filter(isRecord).map((item) => ({ data: item, fields: items.fields, root: false }))
        : a.map((_, index) => ({ data: {}, fields: {}, root: false, scalar: { list: a, index, spec: items } }));
    const fresh = (): unknown => {
      const model = arr().find((x) => (items.type === "object" ? isRecord(x) : x !== null && x !== undefined));
      return model !== undefined ? structuredClone(model) : randomValue(items, this.rng, this.random);
    };
    return {
      members: () => scopes(arr()),
      append: () => {
        const a = arr();
        if (this.frozenLists || (spec.maxItems !== undefined && a.length >= spec.maxItems)) return undefined;
        a.push(fresh());
        return scopes(a).at(-1);
      },
      resize: (n) => {
        const a = arr();
        if (this.frozenLists) return a.length === n;
        if ((spec.minItems !== undefined && n < spec.minItems) || (spec.maxItems !== undefined && n > spec.maxItems)) return false;
        const model = n > a.length ? fresh() : undefined;
        if (a.length > n) a.length = n;
        while (a.length < n) a.push(structuredClone(model));
        return true;
      },
      remove: (s) => {
        const a = arr();
        if (this.frozenLists) return;
        const i = s.scalar ? s.scalar.index : a.indexOf(s.data);
        if (i >= 0 && i < a.length) a.splice(i, 1);
      },
      moveToFront: (s) => {
        const a = arr();
        const i = s.scalar ? s.scalar.index : a.indexOf(s.data);
        if (i > 0) a.unshift(...a.splice(i, 1));
      },
    };
  }

  /**
   * Edits the data so the rule's truthiness is `want`. Returns false when it could not (the rule's shape is
   * beyond the solver, or the inputs' ranges forbid it).
   */
  force(rule: Rule, want: boolean, scope: Scope): boolean {
    if (isLiteral(rule)) return truthy(rule) === want;
    if (Array.isArray(rule)) return rule.length > 0 === want;
    const o = operation(rule);
    if (!o) return false;
    const { op, args } = o;
    switch (op) {
      case "var":
        return this.forceVar(rule, want, scope);
      case "!":
        return this.force(args[0]!, !want, scope);
      case "!!":
        return this.force(args[0]!, want, scope);
      case "and":
        if (want) return args.every((a) => this.force(a, true, scope));
        if (this.holds(rule, scope, false)) return true;
        return args.some((a) => this.force(a, false, scope));
      case "or":
        if (!want) return args.every((a) => this.force(a, false, scope));
        if (this.holds(rule, scope, true)) return true;
        return args.some((a) => this.force(a, true, scope));
      case "if":
        return this.forceIf(args, want, scope);
      case "in":
        return this.holds(rule, scope, want) || this.forceIn(args, want, scope);
      case "some":
      case "all":
      case "none":
      case "filter":
        return this.holds(rule, scope, want) || this.forceQuantifier(op, args, want, scope);
      case "count":
        return this.setCount(args[0]!, want ? Math.max(1, this.countOf(rule, scope)) : 0, args[1], scope);
      case "shareAtLeast":
      case "shareAtMost":
        return this.holds(rule, scope, want) || this.forceShare(op === "shareAtLeast", args, want, scope);
      case "ratioAtLeast":
      case "ratioAtMost":
        return this.holds(rule, scope, want) || this.forceRatio(op === "ratioAtLeast", args, want, scope);
      default:
        if (COMPARISONS.has(op)) return this.holds(rule, scope, want) || this.forceCompare(op, args, want, scope);
        return this.holds(rule, scope, want);
    }
  }

  private countOf(rule: Rule, scope: Scope): number {
    const v = this.valueOf(rule, scope);
    return typeof v?.value === "number" ? v.value : 0;
  }

  private forceVar(rule: Rule, want: boolean, scope: Scope): boolean {
    const path = varPath(rule);
    if (path === undefined) return false;
    const d = this.isDerived(path, scope);
    if (d) return path === d && this.force(this.derived[d]!.rule, want, scope);
    if (this.holds(rule, scope, want)) return true;
    const spec = this.specOf(path, scope);
    if (!spec) return false;
    let value: unknown;
    switch (spec.type) {
      case "boolean":
        value = want;
        break;
      case "title":
        // A title held at levels reads as a record, which is always truthy: only "held at every level" is forced.
        if (spec.levels && !want) return false;
        value = spec.levels ? Object.fromEntries(spec.levels.map((l) => [l, true])) : want;
        break;
      case "integer":
      case "number": {
        const [lo, hi] = numberRange(spec);
        value = want ? (lo <= 1 && 1 <= hi ? 1 : lo !== 0 ? lo : hi) : 0;
        if ((value as number) < lo || (value as number) > hi || truthy(value) !== want) return false;
        break;
      }
      case "string":
        if (!want) return false;
        value = spec.enum ? spec.enum[0] : (randomValue(spec, this.rng) as string);
        break;
      case "date":
        if (!want) return false;
        value = randomValue(spec, this.rng);
        break;
      case "array": {
        const h = this.list(rule, scope);
        return h !== undefined && h.resize(want ? Math.max(1, spec.minItems ?? 1) : 0);
      }
      case "object":
        if (!want) return false;
        value = randomValue(spec, this.rng, this.random);
        break;
    }
    this.write(path, value, scope);
    return true;
  }

  private forceIf(args: Rule[], want: boolean, scope: Scope): boolean {
    if (args.length === 0) return !want;
    if (args.length === 1) return this.force(args[0]!, want, scope);
    const [cond, then, ...rest] = args;
    if (this.holds(cond!, scope, true) && this.force(then!, want, scope)) return true;
    if (this.force(cond!, true, scope) && this.force(then!, want, scope)) return true;
    return this.force(cond!, false, scope) && this.forceIf(rest, want, scope);
  }

  private forceIn(args: Rule[], want: boolean, scope: Scope): boolean {
    const [needle, hay] = args;
    if (!Array.isArray(hay) || !hay.every(isLiteral)) return false;
    const info = this.termInfo(needle!, scope);
    if (!info) return false;
    const norm = (v: unknown) => (typeof v === "string" ? v.normalize("NFC") : v);
    const listed = hay.map(norm);
    const current = this.valueOf(needle!, scope);
    if (current && listed.includes(norm(current.value) as never) === want) return true;
    const candidates: unknown[] = want ? listed : (info.enum ?? ["(khác)"]).filter((v) => !listed.includes(v as never));
    const v = candidates.find((c) => this.fits(info, c));
    return v !== undefined && this.assign(needle!, v, scope);
  }

  private forceQuantifier(op: string, args: Rule[], want: boolean, scope: Scope): boolean {
    const h = this.list(args[0]!, scope);
    const cond = args[1]!;
    if (!h) return false;
    // "filter" and "some" are true when some item meets the condition; "none" is the opposite; "all" needs every
    // item, and a non-empty list.
    const some = op === "some" || op === "filter" ? want : op === "none" ? !want : undefined;
    if (some !== undefined) {
      if (!some) return h.members().every((m) => this.force(cond, false, m));
      if (h.members().some((m) => this.holds(cond, m, true))) return true;
      const first = h.members()[0] ?? h.append();
      return first !== undefined && this.force(cond, true, first);
    }
    if (want) {
      if (h.members().length === 0 && !h.append()) return false;
      return h.members().every((m) => this.force(cond, true, m));
    }
    const members = h.members();
    if (members.length === 0) return true;
    if (members.some((m) => this.holds(cond, m, false))) return true;
    return this.force(cond, false, members[0]!);
  }

  /**
   * Sets a share's list so that exactly `k` of its counted items meet the condition: the first `excluded` items
   * are excluded (and miss the condition), the others are counted.
   */
  shareTo(args: Rule[], k: number, scope: Scope, excluded = 0): boolean {
    const [, list, cond, exclude] = args;
    const h = this.list(list!, scope);
    if (!h || (excluded > 0 && exclude === undefined)) return false;
    let ok = true;
    h.members().forEach((m, i) => {
      const out = i < excluded;
      if (exclude !== undefined) ok = this.force(exclude, out, m) && ok;
      ok = this.force(cond!, !out && i - excluded < k, m) && ok;
    });
    return ok;
  }

  private forceShare(atLeast: boolean, args: Rule[], want: boolean, scope: Scope): boolean {
    const p = typeof args[0] === "number" ? exactPercent(args[0]) : undefined;
    const h = this.list(args[1]!, scope);
    if (!p || !h) return false;
    if (h.members().length === 0 && (this.keepEmptyGroups || !h.append())) return false;
    const n = h.members().length;
    // Met: every item meets the condition (at least) or none does (at most), as a unit that clearly meets it
    // would. Not met: as few items changed as it takes.
    const k = want ? (atLeast ? n : 0) : meetingCount(atLeast, false, p, n);
    return k !== undefined && this.shareTo(args, k, scope);
  }

  private forceRatio(atLeast: boolean, args: Rule[], want: boolean, scope: Scope): boolean {
    const [part, whole, percent] = args;
    const p = typeof percent === "number" ? exactPercent(percent) : undefined;
    if (!p) return false;
    const current = this.valueOf(whole!, scope)?.value;
    const w = typeof current === "number" && Number.isInteger(current) && current > 0 ? current : 10;
    const k = want ? (atLeast ? w : 0) : meetingCount(atLeast, false, p, w);
    if (k === undefined) return false;
    if (current !== w && !this.assign(whole!, w, scope)) return false;
    return this.assign(part!, k, scope);
  }

  /** Candidate values of a term near a literal, nearest first. */
  near(info: TermInfo, literal: unknown): unknown[] {
    if ((info.kind === "integer" || info.kind === "number") && typeof literal === "number") {
      const step = stepOf(literal, info.kind === "integer");
      const base = info.kind === "integer" ? Math.ceil(literal) : literal;
      const out = [base, tidy(base - step), tidy(base + step), Math.floor(literal), tidy(base + 2 * step), tidy(base - 2 * step)];
      if (info.min !== undefined) out.push(info.min);
      if (info.max !== undefined) out.push(info.max);
      return out;
    }
    if (info.kind === "date" && typeof literal === "string" && /^\d{4}-\d{2}-\d{2}$/.test(literal)) return [literal, addDays(literal, -1), addDays(literal, 1)];
    if (info.kind === "string") return [literal, ...(info.enum ?? [])];
    if (info.kind === "boolean") return [literal, true, false];
    return [literal];
  }

  private forceCompare(op: string, args: Rule[], want: boolean, scope: Scope): boolean {
    if (args.length === 3) {
      // Between: a op x op b, with x the term.
      const [a, x, b] = args;
      const info = this.termInfo(x!, scope);
      const lo = this.valueOf(a!, scope)?.value;
      const hi = this.valueOf(b!, scope)?.value;
      if (!info || lo === undefined || hi === undefined) return false;
      const test = (v: unknown) => compare(op, lo, v) && compare(op, v, hi);
      const current = this.valueOf(x!, scope);
      if (current && test(current.value) === want) return true;
      const v = [...this.near(info, lo), ...this.near(info, hi)].find((c) => this.fits(info, c) && test(c) === want);
      return v !== undefined && this.assign(x!, v, scope);
    }
    const [left, right] = args;
    for (const [term, other, o] of [
      [left!, right!, op],
      [right!, left!, FLIP[op]!],
    ] as const) {
      const info = this.termInfo(term, scope);
      if (!info) continue;
      const lit = this.valueOf(other, scope)?.value;
      if (lit === undefined) continue;
      const current = this.valueOf(term, scope);
      if (current && compare(o, current.value, lit) === want) return true;
      const v = this.near(info, lit).find((c) => this.fits(info, c) && compare(o, c, lit) === want);
      if (v !== undefined && this.assign(term, v, scope)) return true;
    }
    return false;
  }

  /**
   * The one item whose per-item condition is to decide a scoped operator, with the list arranged so it does:
   * for `filter`, `some` and `none`, the item comes first and no other item meets the condition (items that do not
   * meet it stay, e.g. the adults when the filter picks children); for `all`, the first item (the others meet it
   * already); for shares and counts, the list is cut to that one item. With `arrange` false the list is left as
   * it is and the first item returned, so a second call finds the same item.
   */
  focusItem(op: string, args: Rule[], scope: Scope, arrange = true): Scope | undefined {
    const info = OPERATORS.get(op);
    if (!info || info.kind !== "scoped") return undefined;
    const h = this.list(args[info.list ?? 0]!, scope);
    if (!h) return undefined;
    if (h.members().length === 0) h.append();
    if (!arrange || op === "all") return h.members()[0];
    if (op === "filter" || op === "some" || op === "none") {
      const cond = args[1]!;
      const meeting = h.members().filter((m) => this.holds(cond, m, true));
      if (meeting.length > 0) h.moveToFront(meeting[0]!);
      for (const m of h.members().slice(1).reverse()) if (this.holds(cond, m, true)) h.remove(m);
      return h.members()[0];
    }
    h.resize(1);
    return h.members()[0];
  }
}

/**
 * How many of `n` items must meet a condition for a share "at least / at most P%" to come out `want`: the
 * fewest that meet it (at least, true), the most that miss it (at least, false), and so on. Undefined when no
 * count can (at least 0% is never false).
 */
export function meetingCount(atLeast: boolean, want: boolean, p: { units: bigint; scale: bigint }, n: number): number | undefined {
  const num = p.units * BigInt(n);
  const den = p.scale * 100n;
  const ceil = Number((num + den - 1n) / den);
  const floor = Number(num / den);
  let k: number;
  if (atLeast) k = want ? ceil : ceil - 1;
  else k = want ? floor : floor + 1;
  return k >= 0 && k <= n ? k : undefined;
}
