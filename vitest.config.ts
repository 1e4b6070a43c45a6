import { defineConfig } from "vitest/config";

/**
 * The suite as projects, run together by `npm test` (and CI), or one at a time with `--project NAME`:
 *
 * - unit: the library and the command line, file by file (test/*.test.ts but for the pages played below).
 * - differential: the compiled evaluator and the fast data check against their references.
 * - fuzz: property tests over generated sets, data and JSON text.
 * - docs: README.md and docs/*.md played as a reader would, and the examples they state.
 * - e2e: the packed package installed as an app has it, and the explorer driven in Chromium.
 * - reference: the unit project again with evaluate's fast paths off (test/setup/reference.ts): the zod schema
 *   alone checks data and the rules run on json-logic-js, so the fast paths are proven equal on all of that
 *   data. Files that only drive the built CLI or worker threads (which run dist/, untouched by the switch)
 *   are left out: they would run the same code twice.
 *
 * `npm run test:fast` runs unit and differential, the loop while working; `npm test` runs everything.
 */
const DOCS = [
  "test/authoring.test.ts",
  "test/docs.test.ts",
  "test/readme.test.ts",
  "test/api-docs.test.ts",
  "test/district-example.test.ts",
  "test/examples.test.ts",
];
/** Unit test files that evaluate only through the built CLI or batch worker threads (or, for workbooks, not at all). */
const PROCESSES = ["test/faults.test.ts", "test/batch.test.ts", "test/cli.test.ts", "test/workbook-limits.test.ts", "test/unit-bytes.test.ts"];
const E2E = ["test/e2e/**/*.test.ts", "test/package.test.ts", "test/isolation.test.ts", "test/testing-entry.test.ts"];

export default defineConfig({
  test: {
    // The suite runs on busy 2-core machines (CI, and several people's runs at once): many tests spawn the built CLI
    // or Node processes, or sweep thousands of cases, and take seconds there. Timeouts are sized for that; a test
    // that is slow for its own reasons still fails, and speed is measured by `npm run bench`, never by a test.
    testTimeout: 60_000,
    hookTimeout: 300_000,
    projects: [
      { extends: true, test: { name: "unit", include: ["test/*.test.ts"], exclude: [...DOCS, ...E2E] } },
      { extends: true, test: { name: "differential", include: ["test/differential/**/*.test.ts"] } },
      { extends: true, test: { name: "fuzz", include: ["test/fuzz/**/*.test.ts"] } },
      { extends: true, test: { name: "docs", include: DOCS } },
      { extends: true, test: { name: "e2e", include: E2E } },
      {
        extends: true,
        test: { name: "reference", include: ["test/*.test.ts"], exclude: [...DOCS, ...E2E, ...PROCESSES], setupFiles: ["test/setup/reference.ts"] },
      },
    ],
  },
});
