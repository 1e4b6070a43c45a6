/**
 * zod's issues as tieuchi's problems: each issue code mapped to a problem code with typed parameters, so the
 * catalogue words it in Vietnamese and English (zod's own messages are English only).
 *
 * The schemas give zod the English sentence of a `check.*` message as the message of a check
 * ({@link checkText}; with parameters, {@link checkWith}), so that zod used on its own still reads well; the
 * mapping recognises the sentence and keeps the message as the problem's `check` parameter.
 *
 * @module
 */
import type { z } from "zod";
import { printable, problem, type JsonPath, type Problem } from "../errors.js";
import { isMessageKey, msg, say, SPEC, type Message, type MessageKey, type MessageOf } from "../i18n/index.js";

type CheckKey = Extract<MessageKey, `check.${string}`>;
/** The `check.*` messages that take no parameters. */
type PlainCheck = { [K in CheckKey]: keyof (typeof SPEC)[K] extends never ? K : never }[CheckKey];

const BY_TEXT = new Map<string, CheckKey>();
for (const key of Object.keys(SPEC)) {
  if (key.startsWith("check.") && Object.keys((SPEC as Record<string, object>)[key]!).length === 0)
    BY_TEXT.set(say(msg(key as PlainCheck), "en"), key as CheckKey);
}

/** The English sentence of a check without parameters, to give zod as a check's message. */
export function checkText(key: PlainCheck): string {
  return say(msg(key), "en");
}

/** A check with parameters, for zod's `refine`: its English sentence, and the message itself for the mapping. */
export function checkWith(m: MessageOf<CheckKey>): { message: string; params: { check: Message } } {
  return { message: say(m, "en"), params: { check: m } };
}

/** Checks with parameters given to zod where it takes no parameters (a union's error), by their sentence. */
const WITH_PARAMS = new Map<string, Message>();

/**
 * The English sentence of a check with parameters, for a zod check that carries only a message (a union's
 * `error`): the mapping knows the message again by its sentence. Remembers at most 10,000 sentences.
 */
export function checkSentence(m: MessageOf<CheckKey>): string {
  const text = say(m, "en");
  if (WITH_PARAMS.size >= 10_000) WITH_PARAMS.clear();
  WITH_PARAMS.set(text, m);
  return text;
}

/** The check message behind an issue, when a schema of tieuchi wrote it. */
function checkOf(issue: z.core.$ZodIssue): Message | undefined {
  const given = (issue as { params?: { check?: unknown } }).params?.check;
  if (given && typeof given === "object" && isMessageKey((given as Message).key)) return given as Message;
  const key = BY_TEXT.get(issue.message);
  return key ? msg(key as PlainCheck) : WITH_PARAMS.get(issue.message);
}

/** The kind of a value, in zod's words (`number`, `string`, `array`, `null`, `undefined`, ...). */
export function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number" && Number.isNaN(value)) return "nan";
  return typeof value;
}

const literal = (v: unknown) => (typeof v === "string" ? printable(JSON.stringify(v)) : String(v));

/**
 * One zod issue as a problem, at `path`. Issues over unknown keys are the caller's to name (a criteria file
 * says `unknown_key`, a unit's data `unknown_field`); here they become `unknown_key`, one per key.
 * Parse with `reportInput: true` so that a wrong type can name the type received.
 */
export function issueProblems(issue: z.core.$ZodIssue, path: JsonPath): Problem[] {
  const check = checkOf(issue);
  const withCheck = check ? { check } : {};
  switch (issue.code) {
    case "invalid_type":
      return [
        problem("problem.invalid_type", path, {
          expected: String(issue.expected),
          received: "input" in issue ? kindOf(issue.input) : "undefined",
          ...withCheck,
        }),
      ];
    case "invalid_value":
      return [problem("problem.invalid_value", path, { values: issue.values.map(literal), ...withCheck })];
    case "too_small":
      return [
        problem("problem.too_small", path, { origin: String(issue.origin), minimum: Number(issue.minimum), inclusive: issue.inclusive ?? false, ...withCheck }),
      ];
    case "too_big":
      return [
        problem("problem.too_big", path, { origin: String(issue.origin), maximum: Number(issue.maximum), inclusive: issue.inclusive ?? false, ...withCheck }),
      ];
    case "invalid_format":
      return [problem("problem.invalid_format", path, { format: String(issue.format), ...withCheck })];
    case "not_multiple_of":
      return [problem("problem.not_multiple_of", path, { divisor: Number(issue.divisor) })];
    case "invalid_union":
      return [problem("problem.invalid_union", path, withCheck)];
    case "invalid_key":
      return [problem("problem.invalid_key", path, { origin: String(issue.origin) })];
    case "invalid_element":
      return [problem("problem.invalid_element", path, { origin: String(issue.origin) })];
    case "unrecognized_keys":
      return issue.keys.map((key) => problem("problem.unknown_key", [...path, key], { key: printable(key) }));
    case "custom":
      // A custom check of tieuchi's schemas always has its sentence; one from elsewhere keeps zod's English.
      return [problem("problem.custom", path, { check: check ?? msg("check.unworded", { text: issue.message }) })];
  }
}

/** A zod issue's path as a JSON path. */
export function issuePath(issue: z.core.$ZodIssue): JsonPath {
  return issue.path.map((p) => (typeof p === "number" ? p : String(p)));
}
