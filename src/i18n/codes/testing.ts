/**
 * The test kit: case files run against their sets, coverage, and the boundary cases written for a set.
 *
 * @module
 */
import type { AreaSpec } from "../params.js";

export const TESTING = {
  "case.never_both": { criteria: "strings" },
} as const satisfies AreaSpec;
