/**
 * The parameters of a message, declared as data so that the catalogue can be checked at compile time (a
 * missing key or parameter is a type error) and at test time (both languages read the same parameters).
 *
 * A parameter is declared by its kind:
 * - `"string"`, `"number"`, `"boolean"`: a plain value;
 * - `"strings"`, `"numbers"`: a list, joined by the sentence itself;
 * - `"text"`: a text given in each language (`{ vi, en }`, e.g. a criterion's title); the sentence gets the
 *   text of its own language;
 * - `"message"`, `"messages"`: another message (or a list of them), put into words in the same language
 *   first, so a sentence can hold a reason written elsewhere in the catalogue;
 * - `"path"`: a path into a JSON document (keys and indexes), written `a.b[2]` (the empty path in words);
 * - a tuple of strings: one of those values (the sentence usually branches on it).
 * A kind ending in `?` is optional (the parameter may be absent).
 *
 * @module
 */
import type { Text } from "./lang.js";

/** One value a message can be given. */
export type BaseKind = "string" | "number" | "boolean" | "strings" | "numbers" | "text" | "message" | "messages" | "path";
/** The kind of one parameter (see the module comment). */
export type Kind = BaseKind | `${BaseKind}?` | readonly [string, ...string[]];
/** The parameters of one message, by name. */
export type ParamSpec = { readonly [name: string]: Kind };
/** The messages of one area of the catalogue: key to parameters. */
export type AreaSpec = { readonly [key: string]: ParamSpec };

/**
 * A sentence not yet put into words: its catalogue key and its parameters. Make one with `msg()`, which
 * checks the parameters against the key; put it into words with `say()`.
 */
export interface Message {
  readonly key: string;
  readonly params: { readonly [name: string]: unknown };
}

type Strip<K> = K extends `${infer B}?` ? B : K;
type OptionalKeys<S> = { [P in keyof S]: S[P] extends `${string}?` ? P : never }[keyof S];
type RequiredKeys<S> = Exclude<keyof S, OptionalKeys<S>>;

/** The value a caller gives for a parameter of kind `K`. */
export type ArgOf<K> = K extends "string"
  ? string
  : K extends "number"
    ? number
    : K extends "boolean"
      ? boolean
      : K extends "strings"
        ? readonly string[]
        : K extends "numbers"
          ? readonly number[]
          : K extends "text"
            ? Text
            : K extends "message"
              ? Message
              : K extends "messages"
                ? readonly Message[]
                : K extends "path"
                  ? ReadonlyArray<string | number>
                  : K extends readonly string[]
                    ? K[number]
                    : never;

/** The value a sentence receives for a parameter of kind `K`: texts and messages already in its language. */
export type ValueOf<K> = K extends "text" | "message" | "path" ? string : K extends "messages" ? readonly string[] : ArgOf<K>;

/** What a caller gives: every parameter the spec declares (optional ones may be left out). */
export type Args<S extends ParamSpec> = { readonly [P in RequiredKeys<S>]: ArgOf<S[P]> } & { readonly [P in OptionalKeys<S>]?: ArgOf<Strip<S[P]>> | undefined };

/** What a sentence receives. */
export type Values<S extends ParamSpec> = { readonly [P in RequiredKeys<S>]: ValueOf<S[P]> } & {
  readonly [P in OptionalKeys<S>]?: ValueOf<Strip<S[P]>> | undefined;
};

/** One area of a language's catalogue: a function from the parameters to the sentence, for every key. */
export type Sentences<A extends AreaSpec> = { readonly [K in keyof A]: (p: Values<A[K]>) => string };
