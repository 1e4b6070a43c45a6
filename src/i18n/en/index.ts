/**
 * The English catalogue: every sentence tieuchi writes, in English, key for key with the Vietnamese one.
 *
 * @module
 */
import { catalogue } from "./catalogue.js";
import { decision } from "./decision.js";
import { sheet } from "./sheet.js";
import { explain } from "./explain.js";
import type { Catalogue } from "../codes/index.js";
import { diff } from "./diff.js";
import { errors } from "./errors.js";
import { options } from "./options.js";
import { problems } from "./problems.js";
import { reports } from "./reports.js";
import { testing } from "./testing.js";
import { verify } from "./verify.js";
import { words } from "./words.js";

export const en: Catalogue = {
  ...words,
  ...errors,
  ...problems,
  ...options,
  ...testing,
  ...reports,
  ...verify,
  ...diff,
  ...catalogue,
  ...decision,
  ...sheet,
  ...explain,
};
