/**
 * A set's generated evaluator for the command line's in-process commands (`tieuchi impact`): the prebuilt
 * module of a bundled set when the file is that set (the same id, version and hash), otherwise a module
 * generated for the set, written to a temporary file, imported (no `eval`) and the file removed at once.
 * `tieuchi batch` writes its own (its worker threads import it). Nothing here is needed for correctness: a set
 * without a module keeps the closure evaluator, with the same results.
 *
 * @module
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { generatedOf, useGenerated, type GeneratedModule } from "../evaluate/generated.js";
import { loadCriteriaSet, type LoadedSet } from "../evaluate/load.js";
import { contentHash } from "../json/canonical.js";
import { prebuiltOf } from "../evaluate/prebuilt.js";
import { generateModule, notGenerated } from "../generate/module.js";
import type { Lock } from "../versions/lock.js";

/** Every bundled set's prebuilt module, by `id@version` (the bundled sets are imported on the first call). */
export async function prebuiltModules(): Promise<Map<string, GeneratedModule>> {
  const { allSets } = await import("../criteria/index.js");
  const out = new Map<string, GeneratedModule>();
  for (const json of allSets) {
    const mod = prebuiltOf(json);
    if (mod !== undefined) out.set(`${mod.id}@${mod.version}`, mod);
  }
  return out;
}

/** How a set got its generated evaluator: already had one, a bundled set's prebuilt module, a temporary module, or none. */
export type GeneratedKind = "attached" | "prebuilt" | "temporary" | "none";

/**
 * Gives a loaded set a generated evaluator, if it has none: the bundled set's prebuilt module when the set is
 * a bundled one as built (same hash), otherwise a temporary module, written, imported and removed. A set the
 * generator does not model, or no temporary folder, leaves the closure evaluator (`"none"`).
 */
export async function withGenerated(loaded: LoadedSet): Promise<GeneratedKind> {
  if (generatedOf(loaded) !== undefined) return "attached";
  const set = loaded.definition;
  const bundled = (await prebuiltModules()).get(`${set.id}@${set.version}`);
  if (bundled !== undefined && bundled.hash === loaded.hash) {
    useGenerated(loaded, bundled);
    return "prebuilt";
  }
  if (notGenerated(loaded) !== undefined) return "none";
  const written = writeTemporaryModule(loaded);
  if (written === undefined) return "none";
  try {
    useGenerated(loaded, await import(written.url));
    return "temporary";
  } catch {
    // The file could not be imported: the closure evaluator decides.
    return "none";
  } finally {
    // Imported modules stay in memory: the file is not needed after the import.
    rmSync(written.dir, { recursive: true, force: true });
  }
}

/**
 * Writes a set's generated module to a new temporary folder (the caller removes the folder when it no longer
 * needs the file): the folder and the module's file URL, or undefined when no folder could be made or the file
 * not written, in which case the closure evaluator decides. Used by `withGenerated` and by `tieuchi batch`,
 * whose worker threads import the file.
 */
export function writeTemporaryModule(loaded: LoadedSet): { dir: string; url: string } | undefined {
  let dir: string | undefined;
  try {
    dir = mkdtempSync(join(tmpdir(), "tieuchi-generated-"));
    const file = join(dir, "set.mjs");
    writeFileSync(file, generateModule(loaded));
    return { dir, url: pathToFileURL(file).href };
  } catch {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
    return undefined;
  }
}

/** A released version whose prebuilt module is missing or was built from another text of it. */
export interface StalePrebuilt {
  /** `id@version`. */
  readonly set: string;
  /** The hash the module names, or undefined when the package has no module for it. */
  readonly module: string | undefined;
  /** The hash the lock releases. */
  readonly lock: string;
}

/**
 * The bundled sets' prebuilt modules held to a lock (`tieuchi lock --check` on the package's own criteria
 * folder): every released version must have a module naming the released hash. A module built before the
 * criteria changed (a package not rebuilt) is stale, and listed.
 */
export async function checkPrebuilt(lock: Lock | null): Promise<StalePrebuilt[]> {
  if (lock === null) return [];
  const { allSets } = await import("../criteria/index.js");
  const modules = await prebuiltModules();
  const out: StalePrebuilt[] = [];
  for (const [set, entry] of Object.entries(lock.versions)) {
    const mod = modules.get(set);
    if (mod?.hash === entry.hash) continue;
    // No module for a bundled set the generator does not model (as built): the closures decide it, as they should.
    const json = mod === undefined ? allSets.find((j) => `${(j as { id: string }).id}@${(j as { version: string }).version}` === set) : undefined;
    if (json !== undefined && contentHash(json) === entry.hash && notGenerated(loadCriteriaSet(json)) !== undefined) continue;
    out.push({ set, module: mod?.hash, lock: entry.hash });
  }
  return out;
}
