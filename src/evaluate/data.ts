/**
 * A unit's data, checked against the inputs the set declares before any rule runs: wrong types, values out
 * of range and unknown fields are all reported, each with its path. Absent values are not errors (they make
 * criteria `missing`); `null` means "unknown" and counts as absent. Strings are compared after Unicode NFC
 * normalisation, so text typed on different keyboards matches. Nothing is coerced: "5" is not a number, and
 * NaN and Infinity are not numbers either.
 *
 * The data limits (`maxArrayLength`, `maxStringLength`) are part of the schema, checked before the items of a
 * list or the characters of a text are looked at; nesting is bounded by the declarations themselves, which
 * `maxDataDepth` limits when the set is loaded.
 *
 * @module
 */
import { z } from "zod";
import { CONTROL_CHARACTER, printable, type Problem } from "../errors.js";
import { suggest } from "../logic/analyze.js";
import { IsoDate } from "../schema/common.js";
import { MAX_SUGGESTIONS } from "../schema/parse.js";
import type { InputSpec, Inputs } from "../schema/inputs.js";
import { DEFAULT_LIMITS, type Limits } from "../schema/limits.js";

/** The data limits a schema enforces. */
export type DataLimits = Pick<Limits, "maxArrayLength" | "maxStringLength">;

/** Problem code of a value over a data limit; `params.limit` on the zod issue names the limit. */
const LIMIT_CODES = { maxArrayLength: "list_too_long", maxStringLength: "text_too_long", control: "control_character" } as const;

function limitedText(limits: DataLimits) {
  const max = limits.maxStringLength;
  return z
    .string()
    .refine((s) => s.length <= max, {
      abort: true,
      params: { limit: "maxStringLength" },
      error: (iss) => `the text has ${(iss.input as string).length} characters; at most ${max} are accepted (limits.maxStringLength)`,
    })
    .refine((s) => !CONTROL_CHARACTER.test(s), {
      abort: true,
      params: { limit: "control" },
      error: (iss) => `the text holds a control character (${printable(CONTROL_CHARACTER.exec(iss.input as string)![0])}), which could rewrite a terminal or hide text; remove it`,
    });
}

function limitedList(limits: DataLimits) {
  const max = limits.maxArrayLength;
  // Checked before any item is parsed (the declared list is piped after it), so a huge list costs no more
  // than a glance at each item.
  return z
    .array(z.unknown())
    .refine((a) => a.length <= max, {
      abort: true,
      params: { limit: "maxArrayLength" },
      error: (iss) => `the list has ${(iss.input as unknown[]).length} items; at most ${max} are accepted (limits.maxArrayLength)`,
    });
}

const nfc = (s: string) => s.normalize("NFC");

const isPlainRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v) && [Object.prototype, null].includes(Object.getPrototypeOf(v));

/**
 * Value of a title input given as the sub-unit's own data, to be decided by evaluating the named set. The
 * data is passed on as given (a zod record would silently drop a `__proto__` key), and the named set's own
 * schema checks it.
 */
export const TitleData = z.object({ data: z.custom<Record<string, unknown>>(isPlainRecord, "expected the sub-unit's data as an object") }).strict();
export type TitleData = z.infer<typeof TitleData>;

/**
 * Value of a title input given as a result the named set already gave the sub-unit (`tieuchi eval --json`, or
 * the `result` of a batch line). Only its shape is checked here; `evaluate` checks it is a result of that set.
 */
export const TitleResult = z.object({ result: z.custom<Record<string, unknown>>(isPlainRecord, "expected the sub-unit's result as an object") }).strict();
export type TitleResult = z.infer<typeof TitleResult>;

function titleSchema(levels: readonly string[] | undefined): z.ZodType {
  if (!levels)
    return z.union([z.boolean(), TitleData, TitleResult], {
      error: "expected true or false (whether the title is held), { \"data\": {...} } to decide it from the sub-unit's data, or { \"result\": {...} }, the result its set gave",
    });
  const list = levels.map((l) => JSON.stringify(l)).join(", ");
  const record = z.object(Object.fromEntries(levels.map((l) => [l, z.boolean().nullable().optional()]))).strict();
  return z.union([z.literal(false), z.enum(levels as [string, ...string[]]), record, TitleData, TitleResult], {
    error: `expected the level the title is held at (${list}), false (at no level), the levels as a record of true/false, { "data": {...} } to decide it from the sub-unit's data, or { "result": {...} }, the result its set gave`,
  });
}

function fieldSchema(spec: InputSpec, limits: DataLimits): z.ZodType {
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
      let t: z.ZodType<string> = limitedText(limits);
      if (spec.maxLength !== undefined) t = t.pipe(z.string().max(spec.maxLength));
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
      s = titleSchema(spec.levels);
      break;
    case "object":
      s = objectSchema(spec.fields, limits);
      break;
    case "array": {
      let a = z.array(fieldSchema(spec.items, limits));
      if (spec.minItems !== undefined) a = a.min(spec.minItems);
      if (spec.maxItems !== undefined) a = a.max(spec.maxItems);
      s = limitedList(limits).pipe(a);
      break;
    }
  }
  const nullable = s.nullable();
  const fallback = "default" in spec ? spec.default : undefined;
  return fallback === undefined ? nullable.optional() : nullable.default(fallback as never);
}

/** A record's own enumerable fields on an object without a prototype: nothing inherited can be read from it. */
function ownFields(v: unknown): unknown {
  if (typeof v !== "object" || v === null || Array.isArray(v) || Object.getPrototypeOf(v) === null) return v;
  const copy = Object.create(null) as Record<string, unknown>;
  for (const k of Object.keys(v)) copy[k] = (v as Record<string, unknown>)[k];
  return copy;
}

function objectSchema(fields: Inputs, limits: DataLimits): z.ZodType {
  const shape: Record<string, z.ZodType> = {};
  for (const [name, spec] of Object.entries(fields)) shape[name] = fieldSchema(spec, limits);
  const object = z.object(shape).strict();
  // zod reads a declared field as input[name]: for a field named like a member of Object.prototype (toString,
  // valueOf) that finds the inherited function when the field is absent. Such records are read own fields only,
  // so an absent `toString` is missing, as any other absent field.
  return Object.keys(fields).some((name) => name in Object.prototype) ? z.preprocess(ownFields, object) : object;
}

/**
 * The zod schema of a unit's data, derived from the set's declared inputs, with the data limits built in.
 * Issues over a limit carry `params.limit`, the name of the limit.
 */
export function dataSchema(inputs: Inputs, limits: DataLimits = DEFAULT_LIMITS): z.ZodType {
  return objectSchema(inputs, limits);
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
        const hint = out.length < MAX_SUGGESTIONS ? suggest(key, known) : undefined;
        out.push({
          code: "unknown_field",
          path: [...path, key],
          message: `'${printable(key)}' is not ${path.length === 0 ? "an input of this set" : "a declared field here"}${hint ? ` (did you mean '${hint}'?)` : ""}; declared: ${known.join(", ") || "(none)"}`,
        });
      }
    } else if (issue.code === "custom" && typeof issue.params?.limit === "string" && issue.params.limit in LIMIT_CODES) {
      out.push({ code: LIMIT_CODES[issue.params.limit as keyof typeof LIMIT_CODES], path, message: issue.message });
    } else {
      out.push({ code: issue.code, path, message: issue.message });
    }
  }
  return out;
}
