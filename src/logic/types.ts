import { msg, type Message } from "../i18n/index.js";
import type { InputSpec } from "../schema/inputs.js";

/** The static type of a value a rule can read or compute. */
export type ValueType =
  | { readonly kind: "boolean" }
  /** `nonNegative` is known for declared inputs (true when declared with `min` >= 0); absent for computed values. */
  | { readonly kind: "integer"; readonly nonNegative?: boolean }
  | { readonly kind: "number" }
  | { readonly kind: "string"; readonly enum?: readonly string[] }
  | { readonly kind: "date" }
  | { readonly kind: "null" }
  /** `max`: the most items the list can hold (its declared `maxItems`, or the data limit), when known. */
  | { readonly kind: "array"; readonly item: ValueType; readonly max?: number }
  | { readonly kind: "object"; readonly fields: ReadonlyMap<string, ValueType> }
  /**
   * Not known statically. `of`: the types it can be, when known (the result of `if` with branches of different
   * types), so a text that may reach a sum or a comparison through an `if` is still caught.
   */
  | { readonly kind: "any"; readonly of?: readonly ValueType[] };

export const ANY: ValueType = { kind: "any" };
export const BOOLEAN: ValueType = { kind: "boolean" };
export const NUMBER: ValueType = { kind: "number" };
export const INTEGER: ValueType = { kind: "integer" };

/**
 * The type a declared input has when a rule reads it. A title reads as a boolean (held or not), or as a record of
 * booleans by level. A list's `max` is its `maxItems`, or else `maxArrayLength` (the data limit) when given.
 */
export function typeOfInput(spec: InputSpec, maxArrayLength?: number): ValueType {
  switch (spec.type) {
    case "boolean":
      return BOOLEAN;
    case "title":
      return spec.levels ? { kind: "object", fields: new Map(spec.levels.map((l) => [l, BOOLEAN])) } : BOOLEAN;
    case "integer":
      return { kind: "integer", nonNegative: spec.min !== undefined && spec.min >= 0 };
    case "number":
      return NUMBER;
    case "string":
      return spec.enum ? { kind: "string", enum: spec.enum.map((s) => s.normalize("NFC")) } : { kind: "string" };
    case "date":
      return { kind: "date" };
    case "array": {
      const max = spec.maxItems ?? maxArrayLength;
      return max === undefined
        ? { kind: "array", item: typeOfInput(spec.items, maxArrayLength) }
        : { kind: "array", item: typeOfInput(spec.items, maxArrayLength), max };
    }
    case "object":
      return { kind: "object", fields: new Map(Object.entries(spec.fields).map(([k, v]) => [k, typeOfInput(v, maxArrayLength)])) };
  }
}

export function isNumeric(t: ValueType): boolean {
  if (t.kind === "any") return t.of === undefined || t.of.every(isNumeric);
  return t.kind === "integer" || t.kind === "number";
}

/** A short name of a type for messages, as a message of the catalogue. */
export function describeType(t: ValueType): Message {
  switch (t.kind) {
    case "array":
      return msg("type.list", { item: describeType(t.item) });
    case "object":
      return msg("type.record", { fields: [...t.fields.keys()] });
    case "string":
      return t.enum ? msg("type.text_enum", { values: t.enum.map((e) => JSON.stringify(e)) }) : msg("type.kind", { kind: "string" });
    case "any":
      return t.of ? msg("type.either", { types: t.of.map(describeType) }) : msg("type.kind", { kind: "any" });
    default:
      return msg("type.kind", { kind: t.kind });
  }
}

/** A date written in a rule: `"2024-01-01"`. */
export const DATE_LITERAL = /^\d{4}-\d{2}-\d{2}$/;

/** The type of a value that is one of several (the branches of an `if`, the arguments of `and`). */
export function sameKind(types: ValueType[]): ValueType {
  if (types.length === 0) return ANY;
  const first = types[0]!;
  if (first.kind === "array" && types.every((t) => t.kind === "array")) {
    // Lists that could be either: the longest bounds it.
    const maxes = types.map((t) => (t.kind === "array" ? t.max : undefined));
    const item = sameKind(types.map((t) => (t.kind === "array" ? t.item : ANY)));
    return maxes.every((m) => m !== undefined) ? { kind: "array", item, max: Math.max(...(maxes as number[])) } : { kind: "array", item };
  }
  if (types.every((t) => t.kind === first.kind)) return first.kind === "integer" || first.kind === "boolean" ? first : first.kind === "number" ? NUMBER : first;
  if (types.every((t) => t.kind === "integer" || t.kind === "number")) return NUMBER;
  // Known to be one of several types: remembered, so each is checked where the value is used.
  if (types.some((t) => t.kind === "any" && t.of === undefined)) return ANY;
  const of: ValueType[] = [];
  for (const t of types.flatMap((x) => (x.kind === "any" && x.of ? x.of : [x]))) if (!of.some((o) => sameType(o, t))) of.push(t);
  return { kind: "any", of };
}

function sameType(a: ValueType, b: ValueType): boolean {
  return a.kind === b.kind && (a.kind === "integer" || a.kind === "number" ? true : JSON.stringify(a, mapsAsLists) === JSON.stringify(b, mapsAsLists));
}

function mapsAsLists(_key: string, v: unknown): unknown {
  return v instanceof Map ? [...v] : v;
}
