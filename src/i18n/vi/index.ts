/**
 * The Vietnamese catalogue: every sentence tieuchi writes, in Vietnamese. The first language; the English
 * catalogue follows it key for key.
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

export const vi: Catalogue = {
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
