/**
 * The seam between `evaluate`'s semantics and its fast paths. With the fast paths on (always, in use), a unit's
 * data goes through the fast check before the zod schema, and the default `"compiled"` evaluator runs the set's
 * compiled program. With them off, the same calls take the reference path everywhere: the zod schema alone
 * checks the data, and the rules run on json-logic-js. Results must not change: the stamp still names the
 * evaluator asked for, and the `reference` project of the test suite reruns the suite in this mode (as zod
 * reruns its suite without its JIT), so every test that evaluates in-process also proves the fast paths equal
 * to the reference on its own data.
 *
 * It is the one switch of module state in `evaluate`, for tests: not exported from `tieuchi`.
 *
 * @module
 */

let fast = true;

/** Turns the fast paths on (the default) or off, for every `evaluate` call in this module instance. @internal */
export function setFastPaths(on: boolean): void {
  fast = on;
}

/** Whether `evaluate` takes its fast paths (the fast data check, the compiled program). @internal */
export function fastPathsOn(): boolean {
  return fast;
}
