/**
 * A compiled check of a unit's data, built from the same input declarations as the zod schema in `data.ts`
 * and accepting exactly what it accepts, with an equal value: strings in NFC, defaults filled in.
 *
 * Unlike zod it does not copy what it need not change. A record (object) whose values are all kept as
 * given (texts already in NFC, no default to fill) is the caller's own object in the value returned; a
 * record with something to change is copied, with the change. Lists are always copied (a shallow copy of
 * the items, so a list never carries properties other than its items), and so is the top-level record,
 * which receives the derived values. Evaluation never writes into the records it is given: a test runs
 * it on deeply frozen data. What this means for a caller:
 *
 * - the value is equal to zod's (`toStrictEqual`), but some records in it are the caller's objects;
 * - the same object met twice in the data is not two records (zod makes two copies). Values and statuses
 *   do not depend on it, but paths do (`thanhVien[0]` and `thanhVien[1]`): `evaluate` notices such data
 *   when it first needs a path and evaluates the unit again on zod's copy;
 * - a property with a getter is read once here and again by the rules. Data parsed from JSON has none; an
 *   object whose getters answer differently each time is not supported (copy it first).
 *
 * Two differences no rule or result can see: keys in copies keep the order given, with added defaults last
 * (zod uses declaration order), and symbol-keyed properties of records are kept (zod drops them; a rule
 * cannot read them).
 *
 * The data limits (`maxArrayLength`, `maxStringLength`) and the refusal of control characters in texts are
 * applied as in the zod schema: a value over a limit is left to zod, which reports it.
 *
 * It decides the common case quickly. When it finds anything wrong, or anything unusual (an object that is
 * not a plain object or array, a title given as a sub-unit's data), it answers `undefined` and the caller
 * runs the zod schema, which reports the problems or copies the data. So it never reports a problem zod
 * would not, and what it accepts is tested equal to zod's value in `test/differential/data-check.test.ts`.
 *
 * @module
 */
import { isIsoDate } from "../schema/common.js";
import type { InputSpec, Inputs } from "../schema/inputs.js";
import { DEFAULT_LIMITS } from "../schema/limits.js";
import type { DataLimits } from "./data.js";

/** Returned by a check that refuses a value (or leaves it to zod). */
const NO: unique symbol = Symbol("no");

type Check = (v: unknown) => unknown;

/**
 * Characters below U+0300 and the precomposed Vietnamese letters (U+1EA0 to U+1EF9) are all starters that
 * never compose with a neighbour, so a text made only of them is already NFC (a test proves it for every
 * such character and pair). Anything else goes through `String.prototype.normalize`.
 */
function nfc(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x300 && (c < 0x1ea0 || c > 0x1ef9)) return s.normalize("NFC");
  }
  return s;
}

/** Exposed for the test that proves {@link nfc} equal to `normalize("NFC")`. */
export const nfcForTest = nfc;

/** A text to keep as it is. */
const TEXT_OK = 0;
/** A text to put in NFC. */
const TEXT_NFC = 1;
/** A text zod refuses: a control character (the characters of `CONTROL_CHARACTER` in errors.ts). */
const TEXT_REFUSED = 2;

/**
 * In one pass over the characters, what a free text needs: nothing, NFC, or refusal for a control
 * character (C0 but tab, line feed and carriage return; DEL and C1; the bidirectional embeddings,
 * overrides and isolates). A test holds it to `CONTROL_CHARACTER` and `normalize` on every character.
 */
function scanText(s: string): number {
  let out = TEXT_OK;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x300) {
      if (c < 0x20 ? c !== 0x09 && c !== 0x0a && c !== 0x0d : c >= 0x7f && c <= 0x9f) return TEXT_REFUSED;
    } else if (c < 0x1ea0 || c > 0x1ef9) {
      if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) return TEXT_REFUSED;
      out = TEXT_NFC;
    }
  }
  return out;
}

/** Exposed for the test that holds {@link scanText} to the control-character pattern and NFC. */
export const scanTextForTest = scanText;

/** A free text as zod gives it (within the length limit, free of control characters, in NFC), or {@link NO}. */
function text(s: string, max: number): string | typeof NO {
  if (s.length > max) return NO;
  const scan = scanText(s);
  return scan === TEXT_OK ? s : scan === TEXT_NFC ? s.normalize("NFC") : NO;
}

function valueCheck(spec: InputSpec, limits: DataLimits): Check {
  switch (spec.type) {
    case "boolean":
      return (v) => (typeof v === "boolean" ? v : NO);
    case "title":
      // A title given as a sub-unit's data or result is checked and copied by zod; it is evaluated by another set
      // anyway. A title held at levels is always left to zod: its value is rewritten into a record of levels,
      // which must not be written into the caller's data.
      return spec.levels ? () => NO : (v) => (typeof v === "boolean" ? v : NO);
    case "integer": {
      const min = spec.min ?? -Infinity;
      const max = spec.max ?? Infinity;
      return (v) => (typeof v === "number" && Number.isSafeInteger(v) && v >= min && v <= max ? v : NO);
    }
    case "number": {
      const min = spec.min ?? -Infinity;
      const max = spec.max ?? Infinity;
      return (v) => (typeof v === "number" && Number.isFinite(v) && v >= min && v <= max ? v : NO);
    }
    case "string": {
      const maxLength = Math.min(spec.maxLength ?? Infinity, limits.maxStringLength);
      if (spec.enum) {
        const values = new Set(spec.enum.map((s) => s.normalize("NFC")));
        return (v) => {
          if (typeof v !== "string" || v.length > maxLength) return NO;
          if (values.has(v)) return v;
          const n = nfc(v);
          return values.has(n) ? n : NO;
        };
      }
      return (v) => (typeof v === "string" ? text(v, maxLength) : NO);
    }
    case "date": {
      const { min, max } = spec;
      return (v) => (isIsoDate(v) && (min === undefined || v >= min) && (max === undefined || v <= max) ? v : NO);
    }
    case "object":
      return recordCheck(spec.fields, limits);
    case "array":
      return arrayCheck(spec, limits);
  }
}

/** The value zod gives an absent (undefined) field or list item: its default, as declared, or undefined. */
function defaultOf(spec: InputSpec): unknown {
  return "default" in spec ? spec.default : undefined;
}

function arrayCheck(spec: InputSpec & { type: "array" }, limits: DataLimits): Check {
  const item = valueCheck(spec.items, limits);
  const fallback = defaultOf(spec.items);
  const minItems = spec.minItems ?? 0;
  const maxItems = Math.min(spec.maxItems ?? Infinity, limits.maxArrayLength);
  return (v) => {
    if (!Array.isArray(v) || (v as { __proto__?: unknown }).__proto__ !== Array.prototype || v.length < minItems || v.length > maxItems) return NO;
    // A copy of the items only (extra properties of a list are not data), checked and changed in place.
    const out = v.slice();
    for (let i = 0; i < out.length; i++) {
      const x: unknown = out[i];
      // zod reads a hole as undefined, like an item given as undefined.
      if (x === undefined) out[i] = fallback;
      else if (x !== null) {
        const r = item(x);
        if (r === NO) return NO;
        if (r !== x) out[i] = r;
      }
    }
    return out;
  };
}

// biome-ignore lint/suspicious/noConstEnum: esbuild inlines its members as numbers into the check's hot loop (the enum never leaves this module).
const enum Kind {
  Boolean,
  Integer,
  Number,
  Enum,
  Text,
  Nested,
}

/** How a field is checked: scalars inline (one call per field costs more than the check), the rest by a closure. */
interface FieldPlan {
  readonly kind: Kind;
  readonly min: number;
  readonly max: number;
  readonly values: ReadonlySet<string> | undefined;
  readonly check: Check;
}

function planField(spec: InputSpec, limits: DataLimits): FieldPlan {
  const check = valueCheck(spec, limits);
  switch (spec.type) {
    case "boolean":
      return { kind: Kind.Boolean, min: 0, max: 0, values: undefined, check };
    case "title":
      return { kind: spec.levels ? Kind.Nested : Kind.Boolean, min: 0, max: 0, values: undefined, check };
    case "integer":
    case "number":
      return { kind: spec.type === "integer" ? Kind.Integer : Kind.Number, min: spec.min ?? -Infinity, max: spec.max ?? Infinity, values: undefined, check };
    case "string":
      return {
        kind: spec.enum ? Kind.Enum : Kind.Text,
        min: 0,
        max: Math.min(spec.maxLength ?? Infinity, limits.maxStringLength),
        values: spec.enum ? new Set(spec.enum.map((s) => s.normalize("NFC"))) : undefined,
        check,
      };
    default:
      return { kind: Kind.Nested, min: 0, max: 0, values: undefined, check };
  }
}

/** What every check of a record knows about its declared fields. */
interface RecordPlan {
  readonly names: readonly string[];
  readonly count: number;
  readonly plans: readonly FieldPlan[];
  /** Each field's default, or undefined. */
  readonly defaults: readonly unknown[];
  readonly index: Readonly<Record<string, number>>;
  /** More fields than bits in a mask: the fields seen are kept in a byte array instead. */
  readonly wide: boolean;
  /** The mask of a record that lists every field. */
  readonly all: number;
}

function recordPlan(fields: Inputs, limits: DataLimits): RecordPlan {
  const names = Object.keys(fields);
  const index: Record<string, number> = Object.create(null) as Record<string, number>;
  names.forEach((n, i) => {
    index[n] = i;
  });
  const wide = names.length > 30;
  return {
    names,
    count: names.length,
    plans: names.map((n) => planField(fields[n]!, limits)),
    defaults: names.map((n) => defaultOf(fields[n]!)),
    index,
    wide,
    all: wide ? 0 : 2 ** names.length - 1,
  };
}

/** A plain object only (an own "__proto__" key, which zod reports, fails this too). */
function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && (v as { __proto__?: unknown }).__proto__ === Object.prototype;
}

/** A field's value as zod gives it, or {@link NO}, for a value given that is neither undefined nor null. */
function fieldValue(p: FieldPlan, x: unknown): unknown {
  switch (p.kind) {
    case Kind.Boolean:
      return typeof x === "boolean" ? x : NO;
    case Kind.Integer:
      // `(x | 0) === x` settles the usual small whole numbers without a call.
      return typeof x !== "number" || ((x | 0) !== x && !Number.isSafeInteger(x)) || x < p.min || x > p.max ? NO : x;
    case Kind.Number:
      return typeof x !== "number" || !Number.isFinite(x) || x < p.min || x > p.max ? NO : x;
    case Kind.Enum: {
      if (typeof x !== "string" || x.length > p.max) return NO;
      if (p.values!.has(x)) return x;
      const n = nfc(x);
      return p.values!.has(n) ? n : NO;
    }
    case Kind.Text:
      return typeof x === "string" ? text(x, p.max) : NO;
    default:
      return p.check(x);
  }
}

/** Whether field `i` was listed, from the mask or the byte array of the fields seen. */
function seen(mask: number, present: Uint8Array | undefined, i: number): boolean {
  return present ? present[i] === 1 : (mask & (1 << i)) !== 0;
}

/**
 * After a record's keys were listed: {@link NO} when a declared field was not listed but can be read (for
 * zod to judge), true when defaults must be added for fields not given, false when nothing is missing.
 */
function unlisted(plan: RecordPlan, input: Record<string, unknown>, mask: number, present: Uint8Array | undefined): boolean | typeof NO {
  if (present ? !present.includes(0) : mask === plan.all) return false;
  let defaults = false;
  for (let i = 0; i < plan.count; i++) {
    if (seen(mask, present, i)) continue;
    // zod reads declared keys as input[name]: a value that for...in does not list (not enumerable, or
    // inherited) is for zod to judge.
    if (plan.names[i]! in input) return NO;
    if (plan.defaults[i] !== undefined) defaults = true;
  }
  return defaults;
}

function addDefaults(plan: RecordPlan, copy: Record<string, unknown>, mask: number, present: Uint8Array | undefined): void {
  for (let i = 0; i < plan.count; i++) if (plan.defaults[i] !== undefined && !seen(mask, present, i)) copy[plan.names[i]!] = plan.defaults[i];
}

/**
 * The top-level record's check: it is always built afresh, key by key (it receives the derived values next,
 * and an object made by spreading is slow to add keys to). It has its own loop, apart from the records
 * inside: V8 specialises a loop over an object's keys to the shapes it meets, and one loop for records of
 * different kinds reads every key the slow way.
 */
function topCheck(fields: Inputs, limits: DataLimits): Check {
  const plan = recordPlan(fields, limits);
  // Which field each position of the key order held last time, as in recordCheck. Written out in each loop on
  // purpose: the bookkeeping as one shared helper class (KeyOrder.fieldAt) checked the agency workload's data
  // about 20% slower (147,000 against 186,000 units/s, 2026-12-04; family data the same).
  const lastKey: string[] = [];
  const lastIndex: number[] = [];
  return (v) => {
    if (!isPlainObject(v)) return NO;
    const out: Record<string, unknown> = {};
    let mask = 0;
    const present = plan.wide ? new Uint8Array(plan.count) : undefined;
    let j = 0;
    // zod reports every enumerable key, own or inherited, that is not declared.
    for (const k in v) {
      let i: number | undefined;
      if (lastKey[j] === k) i = lastIndex[j]!;
      else {
        i = plan.index[k];
        if (i === undefined) return NO;
        lastKey[j] = k;
        lastIndex[j] = i;
      }
      j++;
      if (present) present[i] = 1;
      else mask |= 1 << i;
      const x = v[k];
      // An optional field given as undefined keeps its key; a default fills it.
      const r = x === undefined ? plan.defaults[i] : x === null ? x : fieldValue(plan.plans[i]!, x);
      if (r === NO) return NO;
      out[k] = r;
    }
    const missing = unlisted(plan, v, mask, present);
    if (missing === NO) return NO;
    if (missing) addDefaults(plan, out, mask, present);
    return out;
  };
}

/**
 * The check of a record inside the data: returned as it is when nothing in it changes, else copied with a
 * spread (the fastest copy V8 has) unless it needs defaults added.
 */
function recordCheck(fields: Inputs, limits: DataLimits): Check {
  const plan = recordPlan(fields, limits);
  if (!plan.wide && plan.plans.every((p) => p.kind === Kind.Boolean) && plan.defaults.every((d) => d === undefined)) return flagsCheck(plan);
  // Records of one kind usually list their keys in the same order: remember which field each position held.
  const lastKey: string[] = [];
  const lastIndex: number[] = [];
  return (v) => {
    if (!isPlainObject(v)) return NO;
    let mask = 0;
    const present = plan.wide ? new Uint8Array(plan.count) : undefined;
    // Values to put in place of the given ones (NFC text, copied lists and records, defaults for undefined).
    let changedKey: string | undefined;
    let changedValue: unknown;
    let moreChanges: Array<[string, unknown]> | undefined;
    let j = 0;
    for (const k in v) {
      let i: number | undefined;
      if (lastKey[j] === k) i = lastIndex[j]!;
      else {
        i = plan.index[k];
        if (i === undefined) return NO;
        lastKey[j] = k;
        lastIndex[j] = i;
      }
      j++;
      if (present) present[i] = 1;
      else mask |= 1 << i;
      const x = v[k];
      if (x === null) continue;
      const r = x === undefined ? plan.defaults[i] : fieldValue(plan.plans[i]!, x);
      if (r === x) continue;
      if (r === NO) return NO;
      if (changedKey === undefined) {
        changedKey = k;
        changedValue = r;
      } else (moreChanges ??= []).push([k, r]);
    }
    const missing = unlisted(plan, v, mask, present);
    if (missing === NO) return NO;
    if (changedKey === undefined && !missing) return v;
    let copy: Record<string, unknown>;
    if (!missing) copy = { ...v };
    else {
      copy = {};
      for (const k in v) copy[k] = v[k];
      addDefaults(plan, copy, mask, present);
    }
    if (changedKey !== undefined) {
      copy[changedKey] = changedValue;
      if (moreChanges) for (const [k, r] of moreChanges) copy[k] = r;
    }
    return copy;
  };
}

/**
 * The check of a record of yes/no fields without defaults (such as a member's list of competences): nothing
 * in it can change, so it is only read, in a loop of its own.
 */
function flagsCheck(plan: RecordPlan): Check {
  const lastKey: string[] = [];
  const lastIndex: number[] = [];
  return (v) => {
    if (!isPlainObject(v)) return NO;
    let mask = 0;
    let j = 0;
    for (const k in v) {
      let i: number | undefined;
      if (lastKey[j] === k) i = lastIndex[j]!;
      else {
        i = plan.index[k];
        if (i === undefined) return NO;
        lastKey[j] = k;
        lastIndex[j] = i;
      }
      j++;
      mask |= 1 << i;
      const x = v[k];
      if (typeof x !== "boolean" && x !== null && x !== undefined) return NO;
    }
    if (mask !== plan.all && unlisted(plan, v, mask, undefined) === NO) return NO;
    return v;
  };
}

/**
 * Builds the fast check of a unit's data for the given inputs. The check returns the validated copy, or
 * `undefined` when the data must go through the zod schema.
 */
export function compileDataCheck(inputs: Inputs, limits: DataLimits = DEFAULT_LIMITS): (data: unknown) => Record<string, unknown> | undefined {
  const check = topCheck(inputs, limits);
  return (data) => {
    const r = check(data);
    return r === NO ? undefined : (r as Record<string, unknown>);
  };
}
