/**
 * A unit's data, checked against the inputs the set declares before any rule runs: wrong types, values out
 * of range and unknown fields are all reported, each with its path. Absent values are not errors (they make
 * criteria `missing`); `null` means "unknown" and counts as absent. Strings are compared after Unicode NFC
 * normalisation, so text typed on different keyboards matches.
 *
 * @module
 */
import { z } from "zod";
import type { Problem } from "../errors.js";
import { suggest } from "../logic/analyze.js";
import { IsoDate } from "../schema/common.js";
import type { InputSpec, Inputs } from "../schema/inputs.js";

const nfc = (s: string) => s.normalize("NFC");

/** Value of a title input given as the sub-unit's own data, to be decided by evaluating the named set. */
export const TitleData = z.object({ data: z.record(z.string(), z.unknown()) }).strict();
export type TitleData = z.infer<typeof TitleData>;

function fieldSchema(spec: InputSpec): z.ZodType {
  let s: z.ZodType;
  switch (spec.type) {
    case "boolean":
      s = z.boolean();
      break;
    case "integer": {
      let n = z.number().int();
      if (spec.min !== undefined) n = n.min(spec.min);
      if (spec.max !== undefined) n = n.max(spec.max);
      s = n;
      break;
    }
    case "number": {
      let n = z.number();
      if (spec.min !== undefined) n = n.min(spec.min);
      if (spec.max !== undefined) n = n.max(spec.max);
      s = n;
      break;
    }
    case "string": {
      let t = z.string();
      if (spec.maxLength !== undefined) t = t.max(spec.maxLength);
      const values = spec.enum?.map(nfc);
      s = values ? t.transform(nfc).pipe(z.enum(values as [string, ...string[]])) : t.transform(nfc);
      break;
    }
    case "date": {
      let d: z.ZodType<string> = IsoDate;
      const { min, max } = spec;
      if (min !== undefined) d = d.refine((v) => v >= min, `must be on or after ${min}`);
      if (max !== undefined) d = d.refine((v) => v <= max, `must be on or before ${max}`);
      s = d;
      break;
    }
    case "title":
      s = z.union([z.boolean(), TitleData], {
        error: "expected true or false (whether the title is held), or { \"data\": {...} } to decide it from the sub-unit's data",
      });
      break;
    case "object":
      s = objectSchema(spec.fields);
      break;
    case "array": {
      let a = z.array(fieldSchema(spec.items));
      if (spec.minItems !== undefined) a = a.min(spec.minItems);
      if (spec.maxItems !== undefined) a = a.max(spec.maxItems);
      s = a;
      break;
    }
  }
  const nullable = s.nullable();
  const fallback = "default" in spec ? spec.default : undefined;
  return fallback === undefined ? nullable.optional() : nullable.default(fallback as never);
}

function objectSchema(fields: Inputs): z.ZodType {
  const shape: Record<string, z.ZodType> = {};
  for (const [name, spec] of Object.entries(fields)) shape[name] = fieldSchema(spec);
  return z.object(shape).strict();
}

/** The zod schema of a unit's data, derived from the set's declared inputs. */
export function dataSchema(inputs: Inputs): z.ZodType {
  return objectSchema(inputs);
}

function declaredAt(inputs: Inputs, path: readonly PropertyKey[]): string[] {
  let fields: Inputs | undefined = inputs;
  for (const seg of path) {
    if (typeof seg === "number") continue;
    const spec: InputSpec | undefined = fields?.[String(seg)];
    if (!spec) return [];
    let s: InputSpec = spec;
    while (s.type === "array") s = s.items;
    fields = s.type === "object" ? s.fields : undefined;
  }
  return fields ? Object.keys(fields) : [];
}

/** Turns zod's issues into problems with paths and actionable messages. */
export function dataProblems(error: z.ZodError, inputs: Inputs): Problem[] {
  const out: Problem[] = [];
  for (const issue of error.issues) {
    const path = issue.path.map((p) => (typeof p === "number" ? p : String(p)));
    if (issue.code === "unrecognized_keys") {
      const known = declaredAt(inputs, issue.path);
      for (const key of issue.keys) {
        const hint = suggest(key, known);
        out.push({
          code: "unknown_field",
          path: [...path, key],
          message: `'${key}' is not ${path.length === 0 ? "an input of this set" : "a declared field here"}${hint ? ` (did you mean '${hint}'?)` : ""}; declared: ${known.join(", ") || "(none)"}`,
        });
      }
    } else {
      out.push({ code: issue.code, path, message: issue.message });
    }
  }
  return out;
}
