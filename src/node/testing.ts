/**
 * Test helpers (`tieuchi/testing`): run a criteria set's case files inside an app's own test suite, one test
 * per case, and the pieces the `tieuchi test` and `tieuchi cases` commands are made of.
 *
 * ```ts
 * // criteria.test.ts, in an app using vitest
 * import { describe, it } from "vitest";
 * import { describeCases } from "tieuchi/testing";
 *
 * describeCases("criteria/don-vi-hoc-tap/2020.1.0.json", { describe, it });
 * ```
 *
 * vitest is not a dependency of tieuchi: pass its `describe` and `it` (or turn on its `globals`). Any runner
 * with the same two functions works, e.g. `node:test`.
 *
 * @module tieuchi/testing
 */
import { relative } from "node:path";
import { CaseFailedError, CaseFileError, OptionsError, problem } from "../errors.js";
import type { SetResolver } from "../evaluate/evaluate.js";
import type { Lang } from "../explain/format.js";
import { msg, type Message } from "../i18n/index.js";
import { runCase, type CaseOutcome } from "../testing/cases.js";
import { caseCoverage } from "../testing/coverage.js";
import { formatCoverage, formatOutcome } from "../testing/format.js";
import { findCaseFiles, prepareCaseFile, type PreparedCaseFile } from "./cases.js";

export { Case, CaseFile, Expectation, caseFileJsonSchema, parseCaseFile, runCase, runCaseFile, type CaseOutcome, type Difference } from "../testing/cases.js";
export { caseCoverage, possibleStatuses, COVERED_STATUSES, type Coverage, type CoveredStatus, type CriterionCoverage } from "../testing/coverage.js";
export { formatCoverage, formatOutcome } from "../testing/format.js";
export { boundaryCases, groupSizeFor, type BoundaryCases, type BoundaryOptions, type SkippedBoundary } from "../testing/boundaries.js";
export { generateUnits, UnitMaker, readPaths, criterionReads, type Aim, type GenerateOptions, type MakerOptions } from "../testing/units.js";
export { createRng, randomValue, randomRecord, type Rng, type RandomOptions } from "../testing/random.js";
export { compactJson } from "../testing/json.js";
export {
  findCaseFiles,
  isCaseFile,
  readCaseFile,
  caseSetPath,
  prepareCaseFile,
  runCaseFiles,
  lazyRegistry,
  type PreparedCaseFile,
  type CaseFileRun,
} from "./cases.js";
export { CaseFailedError, CaseFileError } from "../errors.js";

/** A test runner's `describe` (a group of tests). */
export type DescribeFn = (name: string, body: () => void) => unknown;
/** A test runner's `it` (one test). */
export type ItFn = (name: string, body: () => void) => unknown;

/** Options of {@link describeCases}. */
export interface DescribeCasesOptions {
  /** The runner's `describe`; default the global one (vitest with `globals: true`, jest). */
  readonly describe?: DescribeFn;
  /** The runner's `it`; default the global one. */
  readonly it?: ItFn;
  /** Language of the messages of failing cases (default `en`). */
  readonly lang?: Lang;
  /** Where to find the sets that decide titles of sub-units given as data (default: the sets next to the set's folder). */
  readonly sets?: SetResolver;
  /** Add a test that every criterion (not pending) is seen both passing and failing by the cases of each set. */
  readonly requireBoth?: boolean;
}

/** Lines written in both languages, line for line, as messages. */
function bilingual(vi: readonly string[], en: readonly string[]): Message[] {
  return en.map((line, i) => msg("word.text", { text: { vi: vi[i] ?? line, en: line } }));
}

function runner(options: DescribeCasesOptions): { describe: DescribeFn; it: ItFn } {
  const g = globalThis as { describe?: unknown; it?: unknown };
  const describe = options.describe ?? (typeof g.describe === "function" ? (g.describe as DescribeFn) : undefined);
  const it = options.it ?? (typeof g.it === "function" ? (g.it as ItFn) : undefined);
  if (!describe || !it) throw new OptionsError(msg("options.needs_runner"), ["describe"]);
  return { describe, it };
}

/**
 * Registers one test per case of a set's case files, grouped by file, in the calling test file. A failing case
 * fails its test with what was expected, what the set decided, and why (the criterion's explanation).
 *
 * @param path - A criteria file (its `<version>.cases.json` and `<version>.*.cases.json` next to it), a case
 *   file, or a folder (every case file below it).
 * @throws {@link CaseFileError} when the path has no case files, and the errors of reading them
 *   (`JsonParseError`, `CaseFileError`, `CriteriaSetError`, `SetNotFoundError`) while the tests are collected.
 */
export function describeCases(path: string, options: DescribeCasesOptions = {}): void {
  const { describe, it } = runner(options);
  const lang = options.lang ?? "en";
  const files = findCaseFiles(path);
  if (files.length === 0) throw new CaseFileError([problem("problem.no_case_files", [], { path })], path);
  const prepared = files.map((f) => prepareCaseFile(f, options.sets ? { sets: options.sets } : {}));
  for (const p of prepared) {
    const d = p.set.definition;
    describe(`${d.id}@${d.version} (${relative(process.cwd(), p.path) || p.path})`, () => {
      for (const c of p.file.cases)
        it(c.name, () => {
          const o = runCase(p.set, c, { sets: p.sets });
          if (!o.ok) throw new CaseFailedError(c.name, bilingual(formatOutcome(o, "vi"), formatOutcome(o, "en")), lang);
        });
    });
  }
  if (options.requireBoth) {
    const bySet = new Map<string, PreparedCaseFile[]>();
    for (const p of prepared) {
      const key = `${p.set.definition.id}@${p.set.definition.version}`;
      bySet.set(key, [...(bySet.get(key) ?? []), p]);
    }
    for (const [key, group] of bySet)
      describe(`${key} coverage`, () => {
        it("sees every encoded criterion both pass and fail", () => {
          const outcomes: CaseOutcome[] = group.flatMap((p) => p.file.cases.map((c) => runCase(p.set, c, { sets: p.sets })));
          const coverage = caseCoverage(group[0]!.set, outcomes);
          if (coverage.gaps.length > 0)
            throw new CaseFailedError(
              key,
              [
                msg("case.never_both", { criteria: coverage.gaps }),
                ...bilingual(formatCoverage(coverage, "vi").split("\n"), formatCoverage(coverage, "en").split("\n")),
              ],
              lang,
            );
        });
      });
  }
}
