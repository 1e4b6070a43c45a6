/**
 * The seam between `evaluate` and a set's generated module (`generate/module.ts`): a module is attached to
 * the loaded set it was generated from — it names the set's hash, and a module of another set (or another
 * version, or a set changed since) is refused — and `evaluate` asks it first for a quiet result. When the
 * module hands the unit back, or none is attached, the general evaluator runs; explanations always take the
 * general path.
 *
 * @module
 */
import { OptionsError } from "../errors.js";
import { GENERATED_FORMAT } from "../generate/module.js";
import { msg } from "../i18n/index.js";
import { fastPathsOn } from "./fast-paths.js";
import type { LoadedSet } from "./load.js";
import type { Attached, GeneratedModule } from "./prebuilt.js";
import { attach, programOf } from "./program.js";

export type { Attached, GeneratedModule } from "./prebuilt.js";

/**
 * Makes `evaluate` use a generated module for this set (statuses and points: `explain: false`). Returns the set.
 *
 * @throws {@link OptionsError} when `mod` is not a generated module, or was generated from another set, another
 *   version or another text of it (its hash differs).
 * @example
 * ```ts
 * const set = useGenerated(loadCriteriaSet(json), await import("./gia-dinh.mjs"));
 * evaluate(set, data, { explain: false }); // the generated module decides; anything unusual goes the general way
 * ```
 */
export function useGenerated(loaded: LoadedSet, mod: unknown): LoadedSet {
  const m = mod as Partial<GeneratedModule> | null;
  if (typeof m !== "object" || m === null || m.format !== GENERATED_FORMAT || typeof m.run !== "function" || typeof m.hash !== "string")
    throw new OptionsError(msg("options.generated_module", { got: typeof m === "object" && m !== null ? String(m.format) : typeof m }), ["generated"]);
  const set = loaded.definition;
  if (m.hash !== loaded.hash || m.criteria !== set.criteria.length)
    throw new OptionsError(
      msg("options.generated_other_set", { module: `${String(m.id)}@${String(m.version)} (${m.hash})`, set: `${set.id}@${set.version} (${loaded.hash})` }),
      ["generated"],
    );
  attach(loaded, m as GeneratedModule);
  return loaded;
}

/** The module attached to a set, if any; none with the fast paths off (the reference path everywhere). @internal */
export function generatedOf(loaded: LoadedSet): Attached | undefined {
  return fastPathsOn() ? programOf(loaded).generated : undefined;
}
