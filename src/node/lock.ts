/**
 * The lock file on disk: reading the criteria folder and `criteria.lock.json`, and writing the lock back.
 * The logic is in the core (`checkLock`, `updateLock`); this only does the file work.
 *
 * @module
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { TieuchiError } from "../errors.js";
import {
  checkLock,
  parseLock,
  serializeLock,
  updateLock,
  type Lock,
  type LockInput,
  type LockReport,
  type LockUpdate,
  type UpdateLockOptions,
} from "../versions/lock.js";
import { findCriteriaFiles, readJsonFile } from "./files.js";

/** Name of the lock file, kept at the top of the criteria folder. */
export const LOCK_FILE = "criteria.lock.json";

/** Every criteria file below `dir`, read for the lock: paths relative to `dir` with `/`, and their JSON or why they could not be read. */
export function readLockInputs(dir: string): LockInput[] {
  return findCriteriaFiles(dir).map((path) => {
    const file = relative(dir, path).split(sep).join("/");
    try {
      return { file, json: readJsonFile(path) };
    } catch (e) {
      if (e instanceof TieuchiError) return { file, error: e.message, detail: e.detail };
      throw e;
    }
  });
}

/**
 * The lock of a criteria folder, or null when it has none yet.
 *
 * @throws `LockFileError` for a malformed lock, `JsonParseError` for one that is not JSON.
 */
export function readLock(dir: string): Lock | null {
  const path = join(dir, LOCK_FILE);
  return existsSync(path) ? parseLock(readJsonFile(path), path) : null;
}

/** Writes the lock of a criteria folder (the same lock always gives the same bytes). */
export function writeLock(dir: string, lock: Lock): void {
  writeFileSync(join(dir, LOCK_FILE), serializeLock(lock));
}

/** Checks a criteria folder against its lock. */
export function checkLockDir(dir: string): LockReport {
  return checkLock(readLock(dir), readLockInputs(dir));
}

/**
 * Releases the new versions of a criteria folder: updates its lock, unless the update is refused (see
 * `updateLock`), in which case nothing is written. Writes only when the lock's text changes.
 */
export function updateLockDir(dir: string, options: UpdateLockOptions = {}): LockUpdate & { readonly written: boolean } {
  const update = updateLock(readLock(dir), readLockInputs(dir), options);
  if (!update.lock) return { ...update, written: false };
  const path = join(dir, LOCK_FILE);
  const text = serializeLock(update.lock);
  if (existsSync(path) && readFileSync(path, "utf8") === text) return { ...update, written: false };
  writeLock(dir, update.lock);
  return { ...update, written: true };
}
