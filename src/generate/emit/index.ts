/**
 * Every operator's generated form, by name: one table per family, put together. An operator without an
 * emitter makes the generator refuse the set (which then keeps the closure evaluator).
 *
 * @module
 */
import { ARITHMETIC_EMITTERS } from "./arithmetic.js";
import { COMPARE_EMITTERS } from "./compare.js";
import { LIST_EMITTERS } from "./lists.js";
import { LOGIC_EMITTERS } from "./logic.js";
import { RATIO_EMITTERS } from "./ratio.js";
import type { Emitter } from "./types.js";
import { VAR_EMITTERS } from "./var.js";

/** The emitter of each operator the generator models. */
export const EMITTERS: ReadonlyMap<string, Emitter> = new Map(
  Object.entries({ ...VAR_EMITTERS, ...LOGIC_EMITTERS, ...COMPARE_EMITTERS, ...ARITHMETIC_EMITTERS, ...LIST_EMITTERS, ...RATIO_EMITTERS }),
);
