/**
 * How many cases the property tests run. CI runs a bounded number; set FUZZ_RUNS for more, e.g.
 * `FUZZ_RUNS=100000 npm run fuzz`. FUZZ_SEED (printed by fast-check on a failure) replays a failing run.
 */
import type { Parameters as FcParameters } from "fast-check";

const given = process.env.FUZZ_RUNS;
/** The base number of runs; each property scales it by how cheap one case is. */
export const RUNS = given === undefined || given === "" ? 200 : Math.max(1, Number.parseInt(given, 10) || 1);

/** No time limit when runs are raised by hand; a generous one in CI. */
export const TIMEOUT = given ? 7 * 24 * 3600 * 1000 : 120_000;

/** fast-check parameters for a property worth `factor` times the base number of runs. */
export function params<T>(factor = 1): FcParameters<T> {
  const seed = process.env.FUZZ_SEED;
  return {
    numRuns: Math.max(1, Math.round(RUNS * factor)),
    ...(seed ? { seed: Number(seed) } : {}),
    ...(process.env.FUZZ_PATH ? { path: process.env.FUZZ_PATH } : {}),
  };
}
