/**
 * Making a unit's data satisfy (or not) a rule: the engine behind generated units and boundary cases. It edits
 * data in place, as little as it can, following the rule's structure. How each operator is made true or false,
 * or set to a value, is that operator's strategy in its family's file (`src/logic/ops/`, the `*_KIT` exports,
 * see `ops/kit.ts`); this module holds what is about the data rather than an operator: records, lists, the
 * inputs by their declared type, derived values looked through. It never decides anything: whatever it builds
 * is evaluated afterwards, and the evaluation is the truth that case files record.
 *
 * @module
 */
import type { LoadedSet } from "../evaluate/load.js";
import { runRule, truthy } from "../evaluate/run.js";
import { jsonLogicJsEngine } from "../logic/jsonlogic-js.js";
import { OPERATORS } from "../logic/operators.js";
import { COMPARE_KIT } from "../logic/ops/compare.js";
import type { ListHandle, Scope, SolveContext, TermInfo, TestKit } from "../logic/ops/kit.js";
import { LIST_KIT } from "../logic/ops/lists.js";
import { LOGIC_KIT } from "../logic/ops/logic.js";
import { RATIO_KIT } from "../logic/ops/ratio.js";
import { VAR_KIT } from "../logic/ops/var.js";
import { ruleParts, varPath } from "../logic/walk.js";
import type { PreparedRule } from "../logic/engine.js";
import { constraintPath, listScope } from "../schema/constraints.js";
import type { InputSpec, Inputs } from "../schema/inputs.js";
import type { Rule } from "../schema/rule.js";
import { addDays, numberRange, randomValue, specAt, type RandomOptions, type Rng } from "./random.js";

/** Every operator's strategies for the test kit, from its family's file (`src/logic/ops/`). */
export const KITS: ReadonlyMap<string, TestKit> = new Map(Object.entries({ ...VAR_KIT, ...LOGIC_KIT, ...COMPARE_KIT, ...LIST_KIT, ...RATIO_KIT }));

export type { ListHandle, Scope, TermInfo };

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

/** The fields of the records at a constraint's list path (`["thanhVien", "[]"]`), or of the unit for none. */
function fieldsAt(inputs: Inputs, parts: readonly string[]): Inputs | undefined {
  let fields: Inputs | undefined = inputs;
  let spec: InputSpec | undefined;
  for (const p of parts) {
    if (p === "[]") {
      if (spec?.type !== "array") return undefined;
      spec = spec.items;
    } else spec = fields && Object.hasOwn(fields, p) ? fields[p] : undefined;
    fields = spec?.type === "object" ? spec.fields : undefined;
  }
  return fields;
}

/** The records at a constraint's list path in the data: the unit itself, or every item of the list. */
function recordsAt(data: unknown, parts: readonly string[]): Obj[] {
  if (data === null || typeof data !== "object") return [];
  if (parts.length === 0) return Array.isArray(data) ? [] : [data as Obj];
  const [head, ...rest] = parts;
  if (head === "[]") return Array.isArray(data) ? data.flatMap((item) => recordsAt(item, rest)) : [];
  return Array.isArray(data) || !Object.hasOwn(data, head!) ? [] : recordsAt((data as Obj)[head!], rest);
}

/** Whether a number fits a declared number input's type and range. */
function fitsSpec(spec: InputSpec | undefined, v: number): boolean {
  if (spec?.type !== "integer" && spec?.type !== "number") return false;
  const [lo, hi] = numberRange(spec);
  return v >= lo && v <= hi && (spec.type === "number" || Number.isInteger(v));
}

/** Rules prepared for evaluation, shared by every solver (rules are immutable parts of loaded sets). */
const PREPARED = new WeakMap<object, PreparedRule>();

/**
 * Edits unit data so rules come out as wanted. Every method edits in place and returns whether it believes
 * it succeeded; callers evaluate the result to know.
 */
export class Solver implements SolveContext {
  private readonly derived: Readonly<Record<string, { rule: Rule }>>;
  /** While true, lists keep their length: only the fields of their items may change. */
  frozenLists = false;
  /** While true, a share of an empty group is left empty (not applicable) rather than given an item to meet it. */
  keepEmptyGroups = false;

  /**
   * The set's constraints (a part at most its whole), by the declaration of the record both sides sit in (the
   * unit's inputs, or a list's items' fields), with both paths inside that record.
   */
  private readonly constraints = new Map<Inputs, { part: string; whole: string }[]>();
  /** Where each constraint's records are, from the unit: the list path in parts (`[]` for the items), or none. */
  private readonly holders: { parts: string[]; part: string; whole: string }[] = [];

  constructor(
    readonly set: LoadedSet,
    private readonly rng: Rng,
    private readonly random: RandomOptions = {},
  ) {
    this.derived = set.definition.derived;
    for (const c of set.definition.constraints) {
      const [part, whole] = c.atMost;
      const scope = listScope(part);
      const parts = scope === "" ? [] : constraintPath(scope);
      const inner = (p: string) => (scope === "" ? p : p.slice(scope.length + 1));
      const fields = fieldsAt(set.definition.inputs, parts);
      if (!fields) continue;
      const list = this.constraints.get(fields) ?? [];
      list.push({ part: inner(part), whole: inner(whole) });
      this.constraints.set(fields, list);
      this.holders.push({ parts, part: inner(part), whole: inner(whole) });
    }
  }

  /**
   * Makes random data keep the set's constraints: a part above its whole is lowered to it (or, when its range
   * forbids that, the whole raised to it). Real units keep them, and the data check refuses data that does not.
   */
  settle(data: Obj): Obj {
    for (const h of this.holders)
      for (const record of recordsAt(data, h.parts)) {
        const part = getPath(record, h.part);
        const whole = getPath(record, h.whole);
        if (typeof part !== "number" || typeof whole !== "number" || part <= whole) continue;
        const fields = fieldsAt(this.set.definition.inputs, h.parts)!;
        if (fitsSpec(specAt(fields, h.part), whole)) setPath(record, h.part, whole);
        else if (fitsSpec(specAt(fields, h.whole), part)) setPath(record, h.whole, part);
      }
    return data;
  }

  /** {@link settle} for one new record of a list, declared by `fields`. */
  private settleRecord(record: Obj, fields: Inputs): void {
    for (const { part, whole } of this.constraints.get(fields) ?? []) {
      const p = getPath(record, part);
      const w = getPath(record, whole);
      if (typeof p === "number" && typeof w === "number" && p > w) {
        if (fitsSpec(specAt(fields, part), w)) setPath(record, part, w);
        else if (fitsSpec(specAt(fields, whole), p)) setPath(record, whole, p);
      }
    }
  }

  /**
   * The edits that keep the constraints when `path` of a record declared by `fields` is set to `value`: the
   * whole raised to a part written above it, the parts above a whole written lowered to it. Undefined when a
   * range forbids them.
   */
  private keeping(path: string, value: unknown, record: Obj, fields: Inputs): [string, number][] | undefined {
    const rules = this.constraints.get(fields);
    const edits: [string, number][] = [];
    if (!rules || typeof value !== "number") return edits;
    for (const { part, whole } of rules) {
      const other = path === part ? whole : path === whole ? part : undefined;
      const v = other === undefined ? undefined : getPath(record, other);
      if (typeof v !== "number" || (path === part ? value <= v : v <= value)) continue;
      if (!fitsSpec(specAt(fields, other!), value)) return undefined;
      edits.push([other!, value]);
    }
    return edits;
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

  /** Whether the rule's truthiness is `want` already. */
  holds(rule: Rule, scope: Scope, want: boolean): boolean {
    const v = this.valueOf(rule, scope);
    return v !== undefined && truthy(v.value) === want;
  }

  /** The declaration of what a path reads in a scope (`""` is a plain list item itself). */
  private specOf(path: string, scope: Scope): InputSpec | undefined {
    return path === "" && scope.scalar ? scope.scalar.spec : specAt(scope.fields, path);
  }

  /** Writes a value, keeping the set's constraints; false (nothing written) when they forbid it. */
  private write(path: string, value: unknown, scope: Scope): boolean {
    if (path === "" && scope.scalar) {
      scope.scalar.list[scope.scalar.index] = value;
      return true;
    }
    const edits = this.keeping(path, value, scope.data, scope.fields);
    if (!edits) return false;
    setPath(scope.data, path, value);
    for (const [p, v] of edits) setPath(scope.data, p, v);
    // A level of a title held at levels: levels are cumulative, so the levels below a level held are held, and
    // those above a level not held are not.
    const dot = path.lastIndexOf(".");
    if (dot < 0 || typeof value !== "boolean") return true;
    const title = this.specOf(path.slice(0, dot), scope);
    if (title?.type !== "title" || !title.levels) return true;
    const record = getPath(scope.data, path.slice(0, dot)) as Obj;
    const at = title.levels.indexOf(path.slice(dot + 1));
    title.levels.forEach((l, i) => {
      if (value ? i < at : i > at) record[l] = value;
    });
    return true;
  }

  private isDerived(path: string, scope: Scope): string | undefined {
    const head = path.split(".", 1)[0]!;
    return scope.root && Object.hasOwn(this.derived, head) && !Object.hasOwn(scope.fields, head) ? head : undefined;
  }

  /** What kind of value a term holds, when the solver can set it (a `var` of a scalar input, a `count`, a `sum`). */
  termInfo(term: Rule, scope: Scope): TermInfo | undefined {
    const o = operation(term);
    return o && KITS.get(o.op)?.term?.(o.args, this, scope);
  }

  /** `var`: what the input (or derived value) at a path holds. */
  inputTerm(p: string, scope: Scope): TermInfo | undefined {
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

  /** Sets a term (a `var` of a scalar input, a derived value that is one, a `count`, a `sum`) to a value. */
  assign(term: Rule, value: unknown, scope: Scope): boolean {
    const info = this.termInfo(term, scope);
    if (!info || !this.fits(info, value)) return false;
    const o = operation(term)!;
    return KITS.get(o.op)?.assign?.(o.args, value, this, scope) ?? false;
  }

  /** `var`: sets the input (or derived value) at a path. */
  setInput(p: string, value: unknown, scope: Scope): boolean {
    const d = this.isDerived(p, scope);
    if (d) return this.assign(this.derived[d]!.rule, value, scope);
    return this.write(p, value, scope);
  }

  /** A handle on the list an expression names, or undefined when it is not a list the solver can edit. */
  list(expr: Rule, scope: Scope): ListHandle | undefined {
    const o = operation(expr);
    return o && KITS.get(o.op)?.list?.(o.args, this, scope);
  }

  /** `var`: the list input (or derived list) at a path. */
  inputList(p: string, scope: Scope): ListHandle | undefined {
    const d = this.isDerived(p, scope);
    if (d) return p === d ? this.list(this.derived[d]!.rule, scope) : undefined;
    const spec = this.specOf(p, scope);
    if (!spec || spec.type !== "array" || spec.items.type === "array") return undefined;
    return this.arrayHandle(scope, p, spec);
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
      if (model !== undefined) return structuredClone(model);
      const item = randomValue(items, this.rng, this.random);
      if (items.type === "object" && isRecord(item)) this.settleRecord(item, items.fields);
      return item;
    };
    return {
      members: () => scopes(arr()),
      model: () =>
        items.type === "object"
          ? { data: {}, fields: items.fields, root: false }
          : { data: {}, fields: {}, root: false, scalar: { list: [undefined], index: 0, spec: items } },
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
    const force = KITS.get(o.op)?.force;
    return force ? force(o.args, want, this, scope, rule) : this.holds(rule, scope, want);
  }

  /** `var`: edits the input (or derived value) at a path so it reads as `want`, by its declared type. */
  forceInput(path: string, want: boolean, scope: Scope, read: Rule): boolean {
    const d = this.isDerived(path, scope);
    if (d) return path === d && this.force(this.derived[d]!.rule, want, scope);
    if (this.holds(read, scope, want)) return true;
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
        const h = this.inputList(path, scope);
        return h !== undefined && h.resize(want ? Math.max(1, spec.minItems ?? 1) : 0);
      }
      case "object":
        if (!want) return false;
        value = randomValue(spec, this.rng, this.random);
        break;
    }
    return this.write(path, value, scope);
  }

  /** The next or previous calendar day of a `YYYY-MM-DD` date. */
  addDays(date: string, days: number): string {
    return addDays(date, days);
  }

  /**
   * The one item whose per-item condition is to decide a scoped operator, with the list arranged so it does:
   * as the operator's kit says (`focus`): the first item meeting the condition comes first and no other item meets
   * it (`filter`, `some`, `none`: items that do not meet it stay, e.g. the adults when the filter picks children);
   * the first item (`all`: the others meet it already); or the list cut to one item (counts, sums, shares). With `arrange` false the list is left as
   * it is and the first item returned, so a second call finds the same item.
   */
  focusItem(op: string, args: Rule[], scope: Scope, arrange = true): Scope | undefined {
    const info = OPERATORS.get(op);
    const focus = KITS.get(op)?.focus;
    if (!info || info.kind !== "scoped" || !focus) return undefined;
    const h = this.list(args[info.list ?? 0]!, scope);
    if (!h) return undefined;
    if (h.members().length === 0) h.append();
    if (!arrange || focus === "first") return h.members()[0];
    if (focus === "meeting") {
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
