import { z } from "zod";

/** Names that would reach into an object's prototype if used as a key. Never allowed as names or path segments. */
export const FORBIDDEN_NAMES: ReadonlySet<string> = new Set(["__proto__", "prototype", "constructor"]);

/** A text in Vietnamese and English. */
export const Localized = z
  .object({
    vi: z.string().min(1, "the Vietnamese text is empty"),
    en: z.string().min(1, "the English text is empty"),
  })
  .strict()
  .describe("A text in Vietnamese (vi) and English (en).");
export type Localized = z.infer<typeof Localized>;

function isRealDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return false;
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1]!;
  return d <= days;
}

/** A calendar date written `YYYY-MM-DD`. */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date written YYYY-MM-DD")
  .refine(isRealDate, "not a real calendar date")
  .describe("A calendar date, YYYY-MM-DD.");

/** True when `s` is a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(s: unknown): s is string {
  return typeof s === "string" && isRealDate(s);
}

/** Name of an input, a record field or a derived value: usable as a JsonLogic `var` segment. */
export const Name = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "a name starts with a letter or _ and holds only letters, digits and _")
  .refine((s) => !FORBIDDEN_NAMES.has(s), "this name is reserved")
  .describe("An identifier: letters, digits and _, not starting with a digit.");

/** Identifier of a criterion, group, level or grade, e.g. `1.2`, `TC2.CT1`, `muc-1`. */
export const Id = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "an id holds letters, digits, '.', '_' and '-', and starts with a letter or digit")
  .max(64);

/** Identifier of a criteria set, e.g. `don-vi-hoc-tap`. */
export const SetId = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "a set id is lower-case words joined by '-', e.g. don-vi-hoc-tap")
  .max(80);

/** A semantic version, e.g. `2020.1.0`. */
export const Version = z
  .string()
  .regex(/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/, "expected a version like 2020.1.0");
