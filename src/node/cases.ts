/**
 * Finding case files on disk and running them against the criteria file next to them. Used by `tieuchi test`
 * and by the vitest helpers of `tieuchi/testing`.
 *
 * @module
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { filesBelow } from "./handles.js";
import { basename, dirname, join } from "node:path";
import { CaseFileError, problem, SetNotFoundError, TieuchiError } from "../errors.js";
import { msg } from "../i18n/index.js";
import type { SetResolver } from "../evaluate/evaluate.js";
import type { LoadedSet } from "../evaluate/load.js";
import { parseCaseFile, runCase, type CaseFile, type CaseOutcome } from "../testing/cases.js";
import type { Registry } from "../versions/registry.js";
import { isCriteriaFile, loadCriteriaFile, loadRegistry, withPositions } from "./files.js";

/** True for case files: `<version>.cases.json`, or `<version>.<label>.cases.json` (e.g. `2020.1.0.boundaries.cases.json`). */
export function isCaseFile(name: string): boolean {
  return name.endsWith(".cases.json");
}

/**
 * The case files a path stands for: a case file itself; for a criteria file `<dir>/<version>.json`, every
 * `<dir>/<version>.cases.json` and `<dir>/<version>.*.cases.json`; for a folder, every case file below it.
 * Sorted by path.
 *
 * @throws Node's `ENOENT` error when the path does not exist; `FileError` when a folder cannot be read or a link
 * below it leads outside it.
 */
export function findCaseFiles(path: string): string[] {
  const st = statSync(path);
  if (st.isDirectory()) return filesBelow(path, isCaseFile, (name) => name === "node_modules" || name.startsWith("."));
  const name = basename(path);
  if (isCaseFile(name)) return [path];
  if (isCriteriaFile(name)) {
    const stem = name.slice(0, -".json".length);
    return readdirSync(dirname(path))
      .filter((n) => n === `${stem}.cases.json` || (n.startsWith(`${stem}.`) && /^[a-z][a-z0-9-]*\.cases\.json$/.test(n.slice(stem.length + 1))))
      .sort()
      .map((n) => join(dirname(path), n));
  }
  return [path];
}

/**
 * Reads and validates a case file.
 *
 * @throws `JsonParseError` or `CaseFileError`, naming the file.
 */
export function readCaseFile(path: string): CaseFile {
  return withPositions(path, {}, (json) => parseCaseFile(json, path));
}

/** Where the criteria file a case file tests lives: `<version>.json` in the same folder. */
export function caseSetPath(casePath: string, file: CaseFile): string {
  return join(dirname(casePath), `${file.set.version}.json`);
}

/**
 * A resolver for titles of sub-units, loading every set below `dir` the first time a case needs one, so a case
 * file that decides no sub-unit never depends on the other sets being valid.
 */
export function lazyRegistry(dir: string): SetResolver {
  let registry: Registry | undefined;
  return {
    resolve(id: string, asOf?: string): LoadedSet {
      registry ??= loadRegistry(dir);
      return registry.resolve(id, asOf);
    },
  };
}

/** A case file read and matched with its set, ready to run case by case. */
export interface PreparedCaseFile {
  readonly path: string;
  readonly setPath: string;
  readonly set: LoadedSet;
  readonly file: CaseFile;
  /** Resolves titles of sub-units given as data. */
  readonly sets: SetResolver;
}

/**
 * Reads a case file and loads the set it names from the criteria file next to it.
 *
 * @param options.sets - Where to find the sets that decide titles of sub-units; by default every set in the
 *   folder above the set's own (`criteria/` for `criteria/<id>/<version>.json`), loaded when first needed.
 * @throws `JsonParseError`, `CaseFileError`, `CriteriaSetError`, or `SetNotFoundError` when there is no
 *   criteria file next to the case file, or it holds another set.
 */
export function prepareCaseFile(path: string, options: { sets?: SetResolver } = {}): PreparedCaseFile {
  const file = readCaseFile(path);
  const setPath = caseSetPath(path, file);
  if (!existsSync(setPath))
    throw new SetNotFoundError(file.set.id, msg("set.no_criteria_file", { cases: path, set: `${file.set.id}@${file.set.version}`, file: setPath }), ["set"]);
  const set = loadCriteriaFile(setPath);
  const d = set.definition;
  if (d.id !== file.set.id || d.version !== file.set.version)
    throw new CaseFileError(
      [problem("problem.wrong_set.file", ["set"], { cases: `${file.set.id}@${file.set.version}`, file: setPath, holds: `${d.id}@${d.version}` })],
      path,
    );
  return { path, setPath, set, file, sets: options.sets ?? lazyRegistry(dirname(dirname(setPath))) };
}

/** The outcome of running one case file: its cases' outcomes, or why the file could not be run. */
export type CaseFileRun =
  | { readonly path: string; readonly ok: boolean; readonly prepared: PreparedCaseFile; readonly outcomes: readonly CaseOutcome[] }
  | { readonly path: string; readonly ok: false; readonly error: TieuchiError };

/**
 * Runs every case file a list of paths stands for (see {@link findCaseFiles}). A file that cannot be read or
 * whose set cannot be loaded is reported as such, and the others still run.
 */
export function runCaseFiles(paths: readonly string[], options: { sets?: SetResolver } = {}): CaseFileRun[] {
  const files = [...new Set(paths.flatMap(findCaseFiles))];
  return files.map((path): CaseFileRun => {
    let prepared: PreparedCaseFile;
    try {
      prepared = prepareCaseFile(path, options);
    } catch (e) {
      if (e instanceof TieuchiError) return { path, ok: false, error: e };
      throw e;
    }
    const outcomes = prepared.file.cases.map((c) => runCase(prepared.set, c, { sets: prepared.sets }));
    return { path, ok: outcomes.every((o) => o.ok), prepared, outcomes };
  });
}
