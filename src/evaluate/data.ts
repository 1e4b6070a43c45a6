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
import { CONTROL_CHARACTER, printable, problem, type Problem } from "../errors.js";
import { msg, say } from "../i18n/index.js";
import { checkSentence, checkText, checkWith, issuePath, issueProblems } from "../schema/issues.js";
import { someNames, suggest } from "../schema/suggest.js";
import { IsoDate } from "../schema/common.js";
import { MAX_SUGGESTIONS } from "../schema/parse.js";
import type { InputSpec, Inputs } from "../schema/inputs.js";
import { DEFAULT_LIMITS, type Limits } from "../schema/limits.js";

/** The data limits a schema enforces. */
export type DataLimits = Pick<Limits, "maxArrayLength" | "maxStringLength">;

function limitedText(limits: DataLimits) {
  const max = limits.maxStringLength;
  return z
    .string()
    .refine((s) => s.length <= max, {
      abort: true,
      params: { limit: "maxStringLength", max },
      error: (iss) => say(msg("problem.text_too_long", { length: (iss.input as string).length, max }), "en"),
    })
    .refine((s) => !CONTROL_CHARACTER.test(s), {
      abort: true,
      params: { limit: "control" },
      error: (iss) => say(msg("problem.control_character", { char: printable(CONTROL_CHARACTER.exec(iss.input as string)![0]), in: "text" }), "en"),
    });
}

function limitedList(limits: DataLimits) {
  const max = limits.maxArrayLength;
  // Checked before any item is parsed (the declared list is piped after it), so a huge list costs no more
  // than a glance at each item.
  return z.array(z.unknown()).refine((a) => a.length <= max, {
    abort: true,
    params: { limit: "maxArrayLength", max },
    error: (iss) => say(msg("problem.list_too_long", { count: (iss.input as unknown[]).length, max }), "en"),
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
export const TitleData = z.object({ data: z.custom<Record<string, unknown>>(isPlainRecord, checkText("check.sub_unit_object")) }).strict();
export type TitleData = z.infer<typeof TitleData>;

/**
 * Value of a title input given as a result the named set already gave the sub-unit (`tieuchi eval --json`, or
 * the `result` of a batch line). Only its shape is checked here; `evaluate` checks it is a result of that set.
 */
export const TitleResult = z.object({ result: z.custom<Record<string, unknown>>(isPlainRecord, checkText("check.sub_unit_result")) }).strict();
export type TitleResult = z.infer<typeof TitleResult>;

function titleSchema(levels: readonly string[] | undefined): z.ZodType {
  if (!levels) return z.union([z.boolean(), TitleData, TitleResult], { error: checkText("check.title_value") });
  const list = levels.map((l) => JSON.stringify(l));
  const record = z.object(Object.fromEntries(levels.map((l) => [l, z.boolean().nullable().optional()]))).strict();
  return z.union([z.literal(false), z.enum(levels as [string, ...string[]]), record, TitleData, TitleResult], {
    error: checkSentence(msg("check.title_level", { levels: list })),
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
      if (min !== undefined) d = d.refine((v) => v >= min, checkWith(msg("check.date_from", { min })));
      if (max !== undefined) d = d.refine((v) => v <= max, checkWith(msg("check.date_until", { max })));
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

/**
 * Turns zod's issues into problems with paths and typed parameters (parse with `reportInput: true`, so a
 * wrong type names the type received).
 */
export function dataProblems(error: z.ZodError, inputs: Inputs): Problem[] {
  const out: Problem[] = [];
  for (const issue of error.issues) {
    const path = issuePath(issue);
    if (issue.code === "unrecognized_keys") {
      const known = declaredAt(inputs, issue.path);
      for (const key of issue.keys) {
        const hint = out.length < MAX_SUGGESTIONS ? suggest(key, known) : undefined;
        out.push(problem("problem.unknown_field", [...path, key], { key: printable(key), top: path.length === 0, ...someNames(known), suggestion: hint }));
      }
    } else if (issue.code === "custom" && typeof issue.params?.limit === "string") {
      const input = issue.input;
      const limit = issue.params.limit as "maxArrayLength" | "maxStringLength" | "control";
      if (limit === "maxArrayLength") out.push(problem("problem.list_too_long", path, { count: (input as unknown[]).length, max: issue.params.max as number }));
      else if (limit === "maxStringLength")
        out.push(problem("problem.text_too_long", path, { length: (input as string).length, max: issue.params.max as number }));
      else out.push(problem("problem.control_character", path, { char: printable(CONTROL_CHARACTER.exec(input as string)![0]), in: "text" }));
    } else out.push(...issueProblems(issue, path));
  }
  return out;
}
