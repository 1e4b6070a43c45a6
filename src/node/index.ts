/**
 * Node entry point (`tieuchi/node`): reading criteria files and folders from disk. The core (`tieuchi`)
 * never touches the file system; this module does, and nothing else does.
 *
 * @module tieuchi/node
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { JsonParseError } from "../errors.js";
import { loadCriteriaSet, type LoadedSet, type LoadOptions } from "../evaluate/load.js";
import { firstInvalidUtf8, parseJson } from "../versions/json.js";
import { createRegistry, type Registry } from "../versions/registry.js";

/**
 * Reads a UTF-8 JSON file. A byte-order mark is skipped.
 *
 * @throws `JsonParseError` naming the file and position for an empty file, bytes that are not UTF-8, or text that is not JSON.
 */
export function readJsonFile(path: string): unknown {
  const bytes = readFileSync(path);
  const bad = firstInvalidUtf8(bytes);
  if (bad >= 0) {
    const lines = new TextDecoder().decode(bytes.subarray(0, bad)).split("\n");
    throw new JsonParseError(path, `the file is not UTF-8 text (byte 0x${bytes[bad]!.toString(16).padStart(2, "0")} at byte ${bad}); save it as UTF-8`, {
      offset: bad,
      line: lines.length,
      column: lines[lines.length - 1]!.length + 1,
    });
  }
  const text = new TextDecoder().decode(bytes);
  return parseJson(text, path);
}

/** True for files in `criteria/` that hold a criteria set (not cases, schemas or the lock). */
export function isCriteriaFile(name: string): boolean {
  return name.endsWith(".json") && !name.endsWith(".cases.json") && !name.endsWith(".schema.json") && !name.endsWith(".lock.json");
}

/**
 * Reads and validates one criteria file.
 *
 * @throws `JsonParseError` or `CriteriaSetError`, naming the file.
 */
export function loadCriteriaFile(path: string, options: Omit<LoadOptions, "source"> = {}): LoadedSet {
  return loadCriteriaSet(readJsonFile(path), { ...options, source: path });
}

/** Every criteria file below a folder, sorted by path. */
export function findCriteriaFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (isCriteriaFile(name)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/**
 * Loads every criteria set below a folder.
 *
 * @throws the first file's error, naming the file.
 */
export function loadCriteriaDir(dir: string): LoadedSet[] {
  return findCriteriaFiles(dir).map((p) => loadCriteriaSet(readJsonFile(p), { source: relative(process.cwd(), p) || p }));
}

/** A registry of every set below a folder. */
export function loadRegistry(dir: string): Registry {
  return createRegistry(loadCriteriaDir(dir));
}

export { runBatch, formatOf, type BatchOptions, type BatchProgress, type BatchSummary, type UnitFormat } from "./batch.js";
