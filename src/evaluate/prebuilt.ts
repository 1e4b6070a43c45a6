/**
 * How a bundled set's JSON carries its prebuilt generated module, and the types of a module.
 *
 * The bundled sets (`tieuchi/criteria`) are built with their generated modules: each set's JSON object is made
 * by {@link prebuilt}, which hangs the function that makes its module on the object under a symbol (not a
 * key: the JSON, its hash and a copy of it are unchanged). `loadCriteriaSet` hangs the module on the loaded set
 * the same way when the module names the set's hash, and the set's `Program` starts with it attached, so
 * `evaluate` runs it with no `eval` and nothing to import; an object changed since it was built (another hash)
 * keeps the closure evaluator. This module keeps no state: the module attached to a set is a field of its
 * `Program` (`program.ts`), with everything else `evaluate` keeps per set. Apart from `program.ts` so that
 * `load.ts` (below the program, which reads loaded sets) can hang the module without importing it.
 *
 * @module
 */

/** A generated module, as `import()` gives it (or as a bundled set carries it). */
export interface GeneratedModule {
  readonly format: string;
  readonly id: string;
  readonly version: string;
  /** The hash of the set it was generated from. */
  readonly hash: string;
  readonly criteria: number;
  /** Decides the criteria of a usual, complete unit into `out`; false hands the unit to the general evaluator. */
  readonly run: (data: unknown, out: Int32Array) => boolean;
}

/** A module attached to a set, with the buffer it writes into. */
export interface Attached {
  readonly run: (data: unknown, out: Int32Array) => boolean;
  readonly out: Int32Array;
}

const PREBUILT = Symbol.for("tieuchi/prebuilt-module");

/**
 * Hangs the function making a set's generated module on the set's JSON object (as a symbol, not enumerable:
 * `JSON.stringify`, `Object.keys` and the hash do not see it) and returns the object. Used by the bundled sets'
 * module, where it is marked pure: a bundle that drops a set drops its module too. @internal
 */
export function prebuilt<T extends object>(json: T, make: () => GeneratedModule): T {
  let made: GeneratedModule | undefined;
  Object.defineProperty(json, PREBUILT, { value: () => (made ??= make()), enumerable: false });
  return json;
}

/** The prebuilt module a bundled set's JSON object (or its loaded set) carries, if any (made on the first call). @internal */
export function prebuiltOf(json: unknown): GeneratedModule | undefined {
  if (typeof json !== "object" || json === null || !Object.hasOwn(json, PREBUILT)) return undefined;
  const make = (json as { [PREBUILT]?: unknown })[PREBUILT];
  return typeof make === "function" ? (make as () => GeneratedModule)() : undefined;
}
