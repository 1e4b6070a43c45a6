/**
 * fast-check arbitraries for a unit's data, made from a set's input declarations: valid values near the
 * limits, nulls and absent fields everywhere, and (when asked) values that break the declarations.
 */
import fc from "fast-check";
import type { InputSpec, Inputs } from "../../src/schema/inputs.js";

const TEXTS = ["", "a", "Nguyễn Văn An", "Nguye\u0303n", "e\u0301", "Tốt", "To\u0302\u0301t", "ﬁ", "x".repeat(20)];

/** A value the declaration allows; with `broken`, records and lists inside may hold values that break theirs. */
function valid(spec: InputSpec, broken = false): fc.Arbitrary<unknown> {
  switch (spec.type) {
    case "boolean":
    case "title":
      return fc.boolean();
    case "integer":
      return fc.integer({ min: spec.min ?? -1000, max: spec.max ?? 1000 });
    case "number":
      return fc.double({ min: spec.min ?? -1e6, max: spec.max ?? 1e6, noNaN: true, noDefaultInfinity: true });
    case "string":
      if (spec.enum) return fc.constantFrom(...spec.enum, ...spec.enum.map((e) => e.normalize("NFD")));
      return fc.oneof(fc.constantFrom(...TEXTS), fc.string({ maxLength: 12 })).filter((s) => spec.maxLength === undefined || s.length <= spec.maxLength);
    case "date":
      return fc
        .date({ min: new Date(spec.min ?? "2000-01-01"), max: new Date(spec.max ?? "2030-12-31"), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10));
    case "object":
      return record(spec.fields, broken);
    case "array":
      return fc.array(field(spec.items, broken), { minLength: spec.minItems ?? 0, maxLength: Math.min(spec.maxItems ?? 6, 6) });
  }
}

/** A value that breaks the declaration (wrong type, out of range, not in the list, too long). */
function invalid(spec: InputSpec): fc.Arbitrary<unknown> {
  const wrongType = fc.constantFrom<unknown>("yes", 1.5, [], {}, true, 0);
  switch (spec.type) {
    case "integer":
      return fc.oneof(wrongType, fc.constantFrom((spec.max ?? 1000) + 1, (spec.min ?? -1000) - 1, 0.5, 2 ** 53, NaN, Infinity));
    case "number":
      return fc.oneof(wrongType, fc.constantFrom((spec.max ?? 1e6) + 0.5, (spec.min ?? -1e6) - 0.5, NaN, -Infinity));
    case "string":
      return fc.oneof(wrongType, fc.constantFrom("not one of them", "x".repeat((spec.maxLength ?? 1000) + 1)));
    case "date":
      return fc.constantFrom("2024-02-30", "2024-2-1", "yesterday", 20240101, spec.min ? "1900-01-01" : "2024-13-01");
    case "array":
      return fc.oneof(wrongType, fc.constant(Array.from({ length: (spec.maxItems ?? 10_000) + 1 }, () => null)));
    default:
      return wrongType;
  }
}

function field(spec: InputSpec, broken: boolean): fc.Arbitrary<unknown> {
  const options: Array<fc.WeightedArbitrary<unknown>> = [
    { weight: 8, arbitrary: valid(spec, broken) },
    { weight: 1, arbitrary: fc.constant(null) },
  ];
  if (broken) options.push({ weight: 1, arbitrary: invalid(spec) });
  return fc.oneof(...options);
}

/** A record of the declared fields, each maybe absent, null or (with `broken`) invalid; sometimes an unknown key. */
export function record(fields: Inputs, broken: boolean): fc.Arbitrary<Record<string, unknown>> {
  const shape: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, spec] of Object.entries(fields)) shape[name] = field(spec, broken);
  const base = fc.record(shape, { requiredKeys: [], noNullPrototype: true });
  if (!broken) return base;
  // An unknown key in one record of eight: more often, it would hide the other faults of the unit.
  const extraKey = fc.oneof({ weight: 7, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom("unknownField", "__proto__", "toString") });
  return fc.tuple(base, extraKey).map(([r, extra]) => {
    if (extra === null) return r;
    const copy = JSON.parse(JSON.stringify(r)) as Record<string, unknown>;
    Object.defineProperty(copy, extra, { value: 1, enumerable: true, writable: true, configurable: true });
    return copy;
  });
}

/** Units for a set: valid data with holes, or (with `broken`) data that may break the declarations. */
export function unitsOf(inputs: Inputs, broken = false): fc.Arbitrary<Record<string, unknown>> {
  return record(inputs, broken);
}
