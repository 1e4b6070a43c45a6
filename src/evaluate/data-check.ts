/**
 * A compiled check of a unit's data, built from the same input declarations as the zod schema in `data.ts`
 * and giving the same value: a fresh copy with strings in NFC, defaults filled in, keys in declaration order.
 * It only decides the common case quickly. When it finds anything wrong, or meets something it leaves to zod
 * (a title given as a sub-unit's data), it answers `undefined` and the caller runs the zod schema, which
 * reports the problems. So it can never report a problem zod would not, and its accepted values are tested
 * equal to zod's in `test/differential/data-check.test.ts`.
 *
 * @module
 */
import { isIsoDate } from "../schema/common.js";
import type { InputSpec, Inputs } from "../schema/inputs.js";

/** Returned by a field check that refuses a value (or leaves it to zod). */
const NO: unique symbol = Symbol("no");
type Check = (v: unknown) => unknown;

function valueCheck(spec: InputSpec): Check {
  switch (spec.type) {
    case "boolean":
      return (v) => (typeof v === "boolean" ? v : NO);
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
      const maxLength = spec.maxLength ?? Infinity;
      if (spec.enum) {
        const values = new Set(spec.enum.map((s) => s.normalize("NFC")));
        return (v) => {
          if (typeof v !== "string" || v.length > maxLength) return NO;
          const n = v.normalize("NFC");
          return values.has(n) ? n : NO;
        };
      }
      return (v) => (typeof v === "string" && v.length <= maxLength ? v.normalize("NFC") : NO);
    }
    case "date": {
      const { min, max } = spec;
      return (v) => (isIsoDate(v) && (min === undefined || v >= min) && (max === undefined || v <= max) ? v : NO);
    }
    case "title":
      // A sub-unit's data is copied and checked by zod; it is evaluated by another set anyway.
      return (v) => (typeof v === "boolean" ? v : NO);
    case "object":
      return objectCheck(spec.fields);
    case "array": {
      const item = fieldCheck(spec.items);
      const minItems = spec.minItems ?? 0;
      const maxItems = spec.maxItems ?? Infinity;
      return (v) => {
        if (!Array.isArray(v) || v.length < minItems || v.length > maxItems) return NO;
        const out = new Array<unknown>(v.length);
        for (let i = 0; i < v.length; i++) {
          const r = item(v[i]);
          if (r === NO) return NO;
          out[i] = r;
        }
        return out;
      };
    }
  }
}

/** A field: `null` stays `null`, an absent value takes the default (as given, not normalised) or stays absent. */
function fieldCheck(spec: InputSpec): Check {
  const inner = valueCheck(spec);
  const fallback = "default" in spec ? spec.default : undefined;
  return (v) => (v === null ? null : v === undefined ? fallback : inner(v));
}

function objectCheck(fields: Inputs): Check {
  const names = Object.keys(fields);
  const checks = names.map((n) => fieldCheck(fields[n]!));
  const defaulted = names.map((n) => {
    const spec = fields[n]!;
    return "default" in spec && spec.default !== undefined;
  });
  const declared = new Set(names);
  const count = names.length;
  return (v) => {
    if (typeof v !== "object" || v === null || Array.isArray(v)) return NO;
    const input = v as Record<string, unknown>;
    // zod reports every enumerable key, own or inherited, that is not declared.
    for (const k in input) if (!declared.has(k)) return NO;
    const out: Record<string, unknown> = {};
    for (let i = 0; i < count; i++) {
      const name = names[i]!;
      // zod reads declared keys with input[name] and `name in input`, inherited ones included.
      const value = input[name];
      if (value === undefined) {
        // A default fills an absent or undefined value; an optional value given as undefined keeps its key.
        if (defaulted[i]) out[name] = checks[i]!(undefined);
        else if (name in input) out[name] = undefined;
        continue;
      }
      const r = checks[i]!(value);
      if (r === NO) return NO;
      out[name] = r;
    }
    return out;
  };
}

/**
 * Builds the fast check of a unit's data for the given inputs. The check returns the validated copy, or
 * `undefined` when the data must go through the zod schema (because it is invalid or unusual).
 */
export function compileDataCheck(inputs: Inputs): (data: unknown) => Record<string, unknown> | undefined {
  const check = objectCheck(inputs);
  return (data) => {
    const r = check(data);
    return r === NO ? undefined : (r as Record<string, unknown>);
  };
}
