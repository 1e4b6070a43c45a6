/**
 * The message catalogue: every sentence a person reads from tieuchi, in Vietnamese (first) and English.
 *
 * The wording lives apart from the code that decides what to say, as zod keeps its locales apart from its
 * checks. Code says *what* happened as a {@link Message}, a catalogue key with typed parameters (`msg()`);
 * the catalogue of a language puts it into words (`say()`). The keys and their parameters are declared
 * once, as data (`codes/`); each language's catalogue (`vi/`, `en/`) has a sentence for every key, so a
 * missing key or a wrong parameter fails to compile, and a test checks that both languages read the same
 * parameters.
 *
 * This module sits at the bottom of the layers: it imports nothing of tieuchi but types.
 *
 * @module
 */
import { type Catalogue, type MessageKey, SPEC, type Spec } from "./codes/index.js";
import { en } from "./en/index.js";
import { formatPath } from "./format.js";
import type { Lang, Text } from "./lang.js";
import type { Args, Message } from "./params.js";
import { vi } from "./vi/index.js";

export type { Catalogue, MessageKey, Spec } from "./codes/index.js";
export { SPEC } from "./codes/index.js";
export type { Args, Message, Values, Kind, ParamSpec, AreaSpec, Sentences } from "./params.js";
export { LANGS, isLang, type Lang, type Text } from "./lang.js";
export { formatNumber, formatPercent, formatPath, printable, CONTROL_CHARACTER, joinAnd, joinOr } from "./format.js";

/** The catalogue of each language. */
export const CATALOGUES: { readonly [L in Lang]: Catalogue } = { vi, en };

/** The catalogue of one language, to call its sentences directly where speed matters. */
export function catalogue(lang: Lang): Catalogue {
  return CATALOGUES[lang];
}

/** A message with typed parameters; keys without parameters need none. */
export type MessageOf<K extends MessageKey> = Message & { readonly key: K; readonly params: Args<Spec[K]> };

// biome-ignore lint/complexity/noBannedTypes: `{} extends Params` asks whether every parameter is optional (then the argument may be left out).
type ParamsArg<K extends MessageKey> = {} extends Args<Spec[K]> ? [params?: Args<Spec[K]>] : [params: Args<Spec[K]>];

const NO_PARAMS = Object.freeze({});

/** Makes a message: a catalogue key and its parameters (checked against the key's declaration). */
export function msg<K extends MessageKey>(key: K, ...params: ParamsArg<K>): MessageOf<K> {
  return { key, params: (params[0] ?? NO_PARAMS) as Args<Spec[K]> };
}

/** Keys with a parameter that must be put into words before the sentence gets it (a text or a message). */
const PREPARED: ReadonlySet<string> = new Set(
  Object.entries(SPEC as Record<string, Record<string, unknown>>)
    .filter(([, params]) => Object.values(params).some((k) => typeof k === "string" && /^(text|messages?|path)\??$/.test(k)))
    .map(([key]) => key),
);

function prepare(key: string, params: Message["params"], lang: Lang): Message["params"] {
  return prepareParams((SPEC as Record<string, Record<string, unknown>>)[key]!, params, lang);
}

/**
 * The parameters of a sentence as it receives them: texts in its language, messages and paths put into words.
 * For the parts of the catalogue kept apart (the command line's), which declare their parameters the same way.
 */
export function prepareParams(spec: Readonly<Record<string, unknown>>, params: Message["params"], lang: Lang): Message["params"] {
  const out: Record<string, unknown> = { ...params };
  for (const [name, kind] of Object.entries(spec)) {
    const v = params[name];
    if (v === undefined || typeof kind !== "string") continue;
    const base = kind.replace(/\?$/, "");
    if (base === "text") out[name] = (v as Text)[lang];
    else if (base === "message") out[name] = say(v as Message, lang);
    else if (base === "messages") out[name] = (v as readonly Message[]).map((m) => say(m, lang));
    else if (base === "path") out[name] = formatPath(v as ReadonlyArray<string | number>, lang);
  }
  return out;
}

/** True when `key` is a key of the catalogue. */
export function isMessageKey(key: unknown): key is MessageKey {
  return typeof key === "string" && Object.hasOwn(SPEC, key);
}

/**
 * A message in words, in one language.
 *
 * @throws TypeError when the message's key is not in the catalogue (a message made without `msg()`).
 */
export function say(message: Message, lang: Lang): string {
  const { key } = message;
  if (!isMessageKey(key)) throw new TypeError(`no message '${key}' in the catalogue`);
  const params = PREPARED.has(key) ? prepare(key, message.params, lang) : message.params;
  return (CATALOGUES[lang][key] as (p: unknown) => string)(params);
}

/** A message in words in every language. */
export function both(message: Message): Text {
  return { vi: say(message, "vi"), en: say(message, "en") };
}

/** Shorthand: the sentence of `key` with `params`, in one language. */
export function t<K extends MessageKey>(lang: Lang, key: K, ...params: ParamsArg<K>): string {
  return say(msg(key, ...params), lang);
}

function isText(v: unknown): v is Text {
  return typeof v === "object" && v !== null && typeof (v as Text).vi === "string" && typeof (v as Text).en === "string";
}

function fitsKind(kind: unknown, v: unknown, depth: number): boolean {
  if (Array.isArray(kind)) return typeof v === "string" && kind.includes(v);
  const k = String(kind);
  if (v === undefined) return k.endsWith("?");
  switch (k.replace(/\?$/, "")) {
    case "string":
      return typeof v === "string";
    case "number":
      return typeof v === "number" && Number.isFinite(v);
    case "boolean":
      return typeof v === "boolean";
    case "strings":
      return Array.isArray(v) && v.every((x) => typeof x === "string");
    case "numbers":
      return Array.isArray(v) && v.every((x) => typeof x === "number" && Number.isFinite(x));
    case "text":
      return isText(v);
    case "message":
      return isMessageAt(v, depth + 1);
    case "messages":
      return Array.isArray(v) && v.every((x) => isMessageAt(x, depth + 1));
    case "path":
      return Array.isArray(v) && v.every((x) => typeof x === "string" || (typeof x === "number" && Number.isInteger(x)));
  }
  return false;
}

function isMessageAt(value: unknown, depth: number): value is Message {
  if (depth > 8 || typeof value !== "object" || value === null) return false;
  const { key, params } = value as { key?: unknown; params?: unknown };
  if (!isMessageKey(key) || typeof params !== "object" || params === null || Array.isArray(params)) return false;
  const spec = (SPEC as Record<string, Record<string, unknown>>)[key]!;
  const given = params as Record<string, unknown>;
  if (Object.keys(given).some((name) => !Object.hasOwn(spec, name))) return false;
  return Object.entries(spec).every(([name, kind]) => fitsKind(kind, Object.hasOwn(given, name) ? given[name] : undefined, depth));
}

/**
 * True when `value` is a message this catalogue can put into words: a known key with parameters of the
 * declared kinds (nested messages checked too, at most 8 deep). Check messages read from files (batch
 * output, audit records) with it before `say()`.
 */
export function isMessage(value: unknown): value is Message {
  return isMessageAt(value, 0);
}
