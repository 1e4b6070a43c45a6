// The `reference` project (vitest.config.ts): every test file of the unit project again, with evaluate's fast
// paths off (src/evaluate/fast-paths.ts): the zod schema alone checks data and the rules run on json-logic-js,
// while results still name the evaluator asked for. Tests that spawn the built CLI run it unchanged.
import { setFastPaths } from "../../src/evaluate/fast-paths.js";

setFastPaths(false);
