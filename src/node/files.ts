/**
 * Reading JSON and criteria files and folders from disk, with errors that name the file, line and column. The
 * core (`tieuchi`) never touches the file system; `tieuchi/node` does, through this module.
 *
 * @module
 */
import { relative } from "node:path";
import { CaseFileError, CriteriaSetError, FileError } from "../errors.js";
import { msg } from "../i18n/index.js";
import { closeFile, filesBelow, openFile, readSome } from "./handles.js";
import { loadCriteriaSet, type LoadedSet, type LoadOptions } from "../evaluate/load.js";
import { decodeJsonBytes, locateProblems, parseJson } from "../json/parse.js";
import { createRegistry, type Registry } from "../versions/registry.js";

/** Options for reading a JSON file. */
export interface ReadOptions {
  /** Largest file read, in bytes (default {@link DEFAULT_MAX_BYTES}). A larger file is refused before it is read. */
  readonly maxBytes?: number;
}

/** The largest JSON file read by default: 32 MiB. */
export const DEFAULT_MAX_BYTES = 32 * 1024 * 1024;

export { fileReason } from "./handles.js";

function readBounded(path: string, maxBytes: number): Uint8Array {
  const file = openFile(path);
  // Read in chunks up to the limit: a pipe, a device or a file that grows has no trustworthy size.
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    if (file.size !== undefined && file.size > maxBytes) throw new FileError(path, msg("file.too_large", { size: file.size, max: maxBytes }));
    for (;;) {
      const chunk = new Uint8Array(Math.min(1 << 20, maxBytes + 1 - total));
      const n = readSome(file, chunk);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      total += n;
      if (total > maxBytes) throw new FileError(path, msg("file.too_large", { max: maxBytes }));
    }
  } finally {
    closeFile(file);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.length;
  }
  return bytes;
}

/**
 * Reads a UTF-8 JSON file. A UTF-8 byte-order mark is skipped.
 *
 * @throws `FileError` when the file does not exist, is a folder, cannot be read or is larger than `maxBytes`.
 * @throws `JsonParseError` naming the file, line and column for an empty file, text in another encoding
 * (UTF-16, UTF-32, Latin-1, Windows-1258...), a binary file, or text that is not JSON.
 */
export function readJsonFile(path: string, options: ReadOptions = {}): unknown {
  return parseJson(readJsonText(path, options), path);
}

/** The text of a UTF-8 JSON file (see {@link readJsonFile} for what is refused). */
function readJsonText(path: string, options: ReadOptions): string {
  return decodeJsonBytes(readBounded(path, options.maxBytes ?? DEFAULT_MAX_BYTES), path);
}

/**
 * Runs `read` on a JSON file's parsed value; an error listing problems in it comes out with each problem's
 * line and column in the file.
 */
export function withPositions<T>(path: string, options: ReadOptions, read: (json: unknown) => T): T {
  const text = readJsonText(path, options);
  const json = parseJson(text, path);
  try {
    return read(json);
  } catch (e) {
    if (e instanceof CriteriaSetError) throw new CriteriaSetError(locateProblems(e.problems, text), e.source);
    if (e instanceof CaseFileError) throw new CaseFileError(locateProblems(e.problems, text), path);
    throw e;
  }
}

/** True for files in `criteria/` that hold a criteria set (not cases, schemas or the lock). */
export function isCriteriaFile(name: string): boolean {
  return name.endsWith(".json") && !name.endsWith(".cases.json") && !name.endsWith(".schema.json") && !name.endsWith(".lock.json");
}

/** Options for loading criteria files: the limits a set is checked against, and the largest file read. */
export type FileLoadOptions = Omit<LoadOptions, "source"> & ReadOptions;

/**
 * Reads and validates one criteria file.
 *
 * @throws `FileError`, `JsonParseError` or `CriteriaSetError`, naming the file.
 */
export function loadCriteriaFile(path: string, options: FileLoadOptions = {}): LoadedSet {
  return withPositions(path, options, (json) => loadCriteriaSet(json, { ...options, source: path }));
}

/**
 * Every criteria file below a folder, sorted by path. Symbolic links are followed, each folder once, but only
 * within the folder: a link to a file or folder outside it is refused, so a folder copied from someone else
 * cannot make tieuchi read `/etc/passwd` or another project's sets.
 *
 * @throws `FileError` when a folder or an entry cannot be read, or a link leads outside the folder.
 */
export function findCriteriaFiles(dir: string): string[] {
  return filesBelow(dir, isCriteriaFile);
}

/**
 * Loads every criteria set below a folder.
 *
 * @throws the first file's error, naming the file.
 */
export function loadCriteriaDir(dir: string, options: FileLoadOptions = {}): LoadedSet[] {
  return findCriteriaFiles(dir).map((p) => withPositions(p, options, (json) => loadCriteriaSet(json, { ...options, source: relative(process.cwd(), p) || p })));
}

/** A registry of every set below a folder. */
export function loadRegistry(dir: string, options: FileLoadOptions = {}): Registry {
  return createRegistry(loadCriteriaDir(dir, options));
}
