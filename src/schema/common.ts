import { z } from "zod";
import { checkText } from "./issues.js";
import type { Lang } from "../i18n/lang.js";

/** Names that would reach into an object's prototype if used as a key. Never allowed as names or path segments. */
export const FORBIDDEN_NAMES: ReadonlySet<string> = new Set(["__proto__", "prototype", "constructor"]);

/**
 * A message of the catalogue as written in a file: its key and parameters. Readers check it with
 * `isMessage` before putting it into words, and fall back to the English sentence written beside it.
 */
export const MessageData = z.object({ key: z.string(), params: z.record(z.string(), z.unknown()) }).strict();
export type MessageData = z.infer<typeof MessageData>;

/** A text in Vietnamese and English. */
export const Localized = z
  .object({
    vi: z.string().min(1, checkText("check.vi_empty")),
    en: z.string().min(1, checkText("check.en_empty")),
  })
  .strict()
  .describe("A text in Vietnamese (vi) and English (en).");
export type Localized = z.infer<typeof Localized>;

/**
 * A note of a criteria file (completeness notes, reference notes): `{vi, en}`, or one string in whatever language
 * its author wrote (older files). Every shipped set writes `{vi, en}`; readers print it with {@link noteText}.
 */
export const Note = z.union([z.string().min(1), Localized]).describe("A note: {vi, en} (preferred), or one string as its author wrote it.");
export type Note = z.infer<typeof Note>;

/** A note in the reader's language: its `vi` or `en`, or the one string as written. */
export function noteText(note: Note, lang: Lang): string {
  return typeof note === "string" ? note : note[lang];
}

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

/**
 * A web address where a text can be read: `http:` or `https:` only. A `javascript:`, `data:` or `file:` address
 * would run code or read the reader's disk when a catalogue or report page links it.
 */
export const WebUrl = z
  .string()
  .url()
  .refine((u) => /^https?:\/\//i.test(u), checkText("check.web_url"));

/** A calendar date written `YYYY-MM-DD`. */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, checkText("check.date_format"))
  .refine(isRealDate, checkText("check.real_date"))
  .describe("A calendar date, YYYY-MM-DD.");

/** True when `s` is a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(s: unknown): s is string {
  return typeof s === "string" && isRealDate(s);
}

/** Name of an input, a record field or a derived value: usable as a JsonLogic `var` segment. */
export const Name = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, checkText("check.name_format"))
  .refine((s) => !FORBIDDEN_NAMES.has(s), checkText("check.reserved_name"))
  .describe("An identifier: letters, digits and _, not starting with a digit.");

/** Identifier of a criterion, group, level or grade, e.g. `1.2`, `TC2.CT1`, `muc-1`. */
export const Id = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, checkText("check.id_format"))
  .max(64);

/** Identifier of a criteria set, e.g. `don-vi-hoc-tap`. */
export const SetId = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, checkText("check.set_id_format"))
  .max(80);

/** A semantic version, e.g. `2020.1.0`. */
export const Version = z.string().regex(/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/, checkText("check.version_format"));
