/**
 * The evaluators `evaluate` can use, by the name `options.engine` takes.
 *
 * @module
 */
import { compiledEngine } from "../logic/compile.js";
import type { Engine } from "../logic/engine.js";
import { jsonLogicJsEngine } from "../logic/jsonlogic-js.js";

/** Names of the evaluators `evaluate` can use: `compiled` (the default) and `json-logic-js`, the reference. */
export type EngineName = "compiled" | "json-logic-js";

/** Every evaluator `evaluate` can use, by the name `options.engine` takes; the default first. */
export const ENGINE_NAMES: readonly EngineName[] = Object.freeze(["compiled", "json-logic-js"] as const);

/** Each evaluator by its name. */
export const ENGINES: Readonly<Record<EngineName, Engine>> = { compiled: compiledEngine, "json-logic-js": jsonLogicJsEngine };

/** The evaluator of that name as an {@link Engine} (for tests that run a rule without loading a set). @internal */
export const engineNamed = (name: EngineName): Engine => ENGINES[name];
