/**
 * `tieuchi/criteria`: every criteria set that comes with tieuchi, as data, and the registry of them all.
 *
 * ```ts
 * import { evaluate } from "tieuchi";
 * import { registry } from "tieuchi/criteria";
 * const result = evaluate("cong-dan-hoc-tap", citizen, { asOf: "2024-06-01", sets: registry() });
 * ```
 *
 * Each set is also its own export (`congDanHocTap_2023_1_0`, `donViHocTap_2024_1_0`, ...: the id in camel case,
 * then the version), the JSON of its file under `criteria/` exactly, so its content hash is the file's. A
 * bundler keeps only the sets an app imports; `registry()` and `allSets` hold them all. Generated from the
 * `criteria/` folder when the package is built. Treat the objects as read-only: they are shared.
 *
 * @module tieuchi/criteria
 */
import { loadCriteriaSet } from "../evaluate/load.js";
import { createRegistry, type Registry } from "../versions/registry.js";
import { allSets } from "./sets.generated.js";

export * from "./sets.generated.js";

let bundled: Registry | undefined;

/**
 * The registry of every bundled set: each version validated once, on the first call (a few tens of
 * milliseconds), then kept. Give it to `evaluate` as `sets` to evaluate a set by id on a date, and to decide
 * the titles of sub-units given as data.
 *
 * @example
 * ```ts
 * const sets = registry();
 * sets.resolve("don-vi-hoc-tap", "2024-03-01").definition.version; // "2024.1.0"
 * ```
 */
export function registry(): Registry {
  bundled ??= createRegistry(allSets.map((json) => loadCriteriaSet(json, { source: sourceOf(json) })));
  return bundled;
}

function sourceOf(json: unknown): string {
  const { id, version } = json as { id?: unknown; version?: unknown };
  return `tieuchi/criteria/${String(id)}/${String(version)}.json`;
}
