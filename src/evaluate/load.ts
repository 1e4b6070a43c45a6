/**
 * A criteria set made ready to evaluate: validated, analysed, hashed, with its data schema built. What
 * evaluation derives from it once (its rules compiled and prepared per evaluator) is its `Program`
 * (`program.ts`).
 *
 * @module
 */
import type { z } from "zod";
import type { SetAnalysis } from "../check/checks.js";
import { validateCriteriaSet } from "../check/validate.js";
import { CriteriaSetError, OptionsError } from "../errors.js";
import { type LabelNode, labelsOf } from "../explain/describe.js";
import { msg } from "../i18n/index.js";
import { contentHash } from "../json/canonical.js";
import type { CriteriaSet } from "../schema/criteria-set.js";
import { type Limits, type LimitsInput, resolveLimits } from "../schema/limits.js";
import { normalizeStrings } from "../schema/parse.js";
import { dataSchema } from "./data.js";
import { prebuilt, prebuiltOf } from "./prebuilt.js";

export type { CriterionRules } from "../logic/walk.js";

const BRAND = "tieuchi/loaded-set" as const;

/** A validated criteria set, ready to evaluate. Create one with {@link loadCriteriaSet}. */
export interface LoadedSet {
  readonly kind: typeof BRAND;
  /** The set, with defaults applied. */
  readonly definition: CriteriaSet;
  /** `sha256:` of the canonical JSON of the file as written (see `contentHash`). */
  readonly hash: string;
  /** Where it was loaded from, if known. */
  readonly source: string | undefined;
  /** What static analysis learned: the paths each criterion reads, and more. */
  readonly analysis: SetAnalysis;
  /** Labels of inputs and derived values, for sentences. */
  readonly labels: LabelNode;
  /** The zod schema a unit's data must match, with the data limits built in. */
  readonly dataSchema: z.ZodType;
  /** The limits the set was checked against, and that its data is held to. */
  readonly limits: Readonly<Limits>;
}

/** Options for {@link loadCriteriaSet}. */
export interface LoadOptions {
  /** A file name or label, used in error messages. */
  readonly source?: string;
  /**
   * Limits on the size of the set and of the data it accepts (rule depth and size, number of criteria,
   * list and text lengths in a unit's data...). Any not given take their default, see `DEFAULT_LIMITS`.
   */
  readonly limits?: LimitsInput;
}

function deepFreeze<T>(value: T): T {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v !== "object" || v === null || Object.isFrozen(v)) continue;
    Object.freeze(v);
    for (const k of Object.keys(v)) stack.push((v as Record<string, unknown>)[k]);
  }
  return value;
}

/**
 * Every set this copy of tieuchi loaded. An object that only looks like a loaded set (made by hand, or a copy
 * of one) would skip validation and the operator allow-list, so it is not taken for one.
 */
const LOADED = new WeakSet<object>();

/** True when `value` is a set made by {@link loadCriteriaSet} (of this copy of tieuchi). */
export function isLoadedSet(value: unknown): value is LoadedSet {
  return typeof value === "object" && value !== null && LOADED.has(value);
}

/** True when `value` looks like a loaded set but was not made by {@link loadCriteriaSet}: made by hand, or copied. */
export function isForgedLoadedSet(value: unknown): boolean {
  return typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === BRAND && !LOADED.has(value);
}

/**
 * Validates a criteria set (shape and static checks) and prepares it for evaluation.
 *
 * The loaded set is immutable (its definition is deeply frozen), so it can be shared between requests and
 * evaluated concurrently with other sets.
 *
 * @param json - The parsed JSON of a criteria file.
 * @throws {@link CriteriaSetError} listing every problem, each with its JSON path.
 * @throws {@link OptionsError} when `options.limits` is not usable, or `json` is an object that only looks like a
 * loaded set (see {@link isLoadedSet}).
 */
export function loadCriteriaSet(json: unknown, options: LoadOptions = {}): LoadedSet {
  if (isForgedLoadedSet(json)) throw new OptionsError(msg("options.forged_set"));
  const limits = resolveLimits(options.limits);
  const v = validateCriteriaSet(json, { limits });
  if (!v.ok) throw new CriteriaSetError(v.problems, options.source);
  const definition = deepFreeze(v.set);
  const loaded: LoadedSet = {
    kind: BRAND,
    definition,
    hash: contentHash(normalizeStrings(json)),
    source: options.source,
    analysis: v.analysis,
    labels: labelsOf(definition),
    dataSchema: dataSchema(definition.inputs, limits),
    limits,
  };
  // A bundled set's prebuilt module, when the object is still the one it was built from (the same hash): the
  // loaded set carries it as its JSON did, and its Program starts with it attached.
  const mod = prebuiltOf(json);
  if (mod !== undefined && mod.hash === loaded.hash && mod.criteria === definition.criteria.length) prebuilt(loaded, () => mod);
  Object.freeze(loaded);
  LOADED.add(loaded);
  return loaded;
}
