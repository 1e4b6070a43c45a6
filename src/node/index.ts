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
import { parseJson } from "../versions/json.js";
import { createRegistry, type Registry } from "../versions/registry.js";

/**
 * Reads a UTF-8 JSON file. A byte-order mark is skipped.
 *
 * @throws {@link JsonParseError} naming the file and position for an empty file, bytes that are not UTF-8, or text that is not JSON.
 */
export function readJsonFile(path: string): unknown {
  const bytes = readFileSync(path);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    let offset = 0;
    // Find the first byte where decoding fails, to say where the file stops being UTF-8.
    for (let end = 1; end <= bytes.length; end++) {
      try {
        new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, end), { stream: true });
        offset = end;
      } catch {
        break;
      }
    }
    const before = new TextDecoder().decode(bytes.subarray(0, offset));
    const lines = before.split("\n");
    throw new JsonParseError(path, `the file is not UTF-8 text (bad byte 0x${bytes[offset]?.toString(16).padStart(2, "0")} at byte ${offset}); save it as UTF-8`, {
      offset,
      line: lines.length,
      column: lines[lines.length - 1]!.length + 1,
    });
  }
  return parseJson(text, path);
}

/** True for files in `criteria/` that hold a criteria set (not cases, schemas or the lock). */
export function isCriteriaFile(name: string): boolean {
  return name.endsWith(".json") && !name.endsWith(".cases.json") && !name.endsWith(".schema.json") && !name.endsWith(".lock.json");
}

/**
 * Reads and validates one criteria file.
 *
 * @throws {@link JsonParseError} or {@link CriteriaSetError}, naming the file.
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
