/**
 * The English catalogue: every sentence tieuchi writes, in English, key for key with the Vietnamese one.
 *
 * @module
 */
import { decision } from "./decision.js";
import type { Catalogue } from "../codes/index.js";
import { errors } from "./errors.js";
import { options } from "./options.js";
import { problems } from "./problems.js";
import { testing } from "./testing.js";
import { words } from "./words.js";

export const en: Catalogue = {
  ...words,
  ...errors,
  ...problems,
  ...options,
  ...testing,
  ...decision,
};
