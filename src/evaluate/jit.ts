/**
 * The opt-in run-time path of the generated evaluator (`useJit(loadCriteriaSet(json))`, the issue's `jit: true`):
 * the set's generated module (`generate/module.ts`, the same code `tieuchi compile` writes and the bundled sets
 * carry) made with the Function constructor, for a set that has no prebuilt module. A function of its own, not
 * an option of `loadCriteriaSet`, so that a bundle that does not call it carries neither it nor the generator.
 * Off by default: the
 * rest of tieuchi makes no code from strings. Gated as zod gates its JIT (`allowsEval`): a probe, once, whether
 * the environment lets code be made from strings; where it does not (a Content-Security-Policy without
 * `'unsafe-eval'`, `node --disallow-code-generation-from-strings`, Cloudflare Workers), or the generator does
 * not model the set, the set keeps the closure evaluator, with the same results. The source is the
 * generator's only: every literal through its one escaping function, never text of the data; see
 * docs/security.md, "The opt-in JIT".
 *
 * @module
 */
import { GENERATED_PRELUDE, type GeneratorInput, generateFactory, notGenerated } from "../generate/module.js";
import type { LoadedSet } from "./load.js";
import type { GeneratedModule } from "./prebuilt.js";
import { attach, programOf } from "./program.js";

let allows: boolean | undefined;

/**
 * Whether this environment lets code be made from strings, probed once (as zod's `allowsEval`): false under a
 * Content-Security-Policy without `'unsafe-eval'` (the probe's attempt is reported to the page as a violation,
 * and refused), with `--disallow-code-generation-from-strings`, and on Cloudflare Workers.
 */
export function allowsEval(): boolean {
  if (allows !== undefined) return allows;
  const agent = (globalThis as { navigator?: { userAgent?: unknown } }).navigator?.userAgent;
  if (typeof agent === "string" && agent.includes("Cloudflare")) return (allows = false);
  try {
    const F = Function;
    new F("");
    allows = true;
  } catch {
    allows = false;
  }
  return allows;
}

/**
 * The set's generated module made at run time, or undefined when the environment forbids code from strings,
 * the generator does not model the set, or making it fails (the closure evaluator then decides).
 */
export function jitModule(loaded: GeneratorInput): GeneratedModule | undefined {
  if (!allowsEval() || notGenerated(loaded) !== undefined) return undefined;
  const source = `"use strict";\n${GENERATED_PRELUDE}\nreturn (${generateFactory(loaded)})();`;
  try {
    const F = Function;
    return (new F(source) as () => GeneratedModule)();
  } catch {
    return undefined;
  }
}

/**
 * Opt-in: gives a loaded set its generated evaluator made at run time with the Function constructor, when it
 * has no module yet (a bundled set has its prebuilt one) and the environment allows code from strings
 * ({@link allowsEval}). Otherwise (a Content-Security-Policy without `'unsafe-eval'`, a set the generator does
 * not model) the closure evaluator decides, with the same results. Speeds up `explain: false` only. Returns the
 * set. See docs/security.md, "The opt-in JIT".
 *
 * @example
 * ```ts
 * const set = useJit(loadCriteriaSet(json));
 * evaluate(set, data, { explain: false });
 * ```
 */
export function useJit(loaded: LoadedSet): LoadedSet {
  if (programOf(loaded).generated !== undefined) return loaded;
  const made = jitModule(loaded);
  if (made !== undefined) attach(loaded, made);
  return loaded;
}
