/**
 * A registry of criteria sets: every version of every set, looked up by id and by the date a title is
 * decided for.
 *
 * @module
 */
import { SetNotFoundError } from "../errors.js";
import type { SetResolver } from "../evaluate/evaluate.js";
import type { LoadedSet } from "../evaluate/load.js";

/** Sets by id and version, resolvable by date. */
export interface Registry extends SetResolver {
  /** Every set, ordered by id, then by date in force. */
  readonly sets: readonly LoadedSet[];
  /** Ids of the sets held. */
  ids(): string[];
  /** Versions of one set, oldest first. */
  versions(id: string): LoadedSet[];
  /** One exact version. */
  get(id: string, version: string): LoadedSet | undefined;
}

function inForce(s: LoadedSet, date: string): boolean {
  const d = s.definition;
  return d.validFrom <= date && (d.validTo === null || date <= d.validTo);
}

/**
 * Builds a registry from loaded sets.
 *
 * @param sets - Sets from `loadCriteriaSet` (or `loadCriteriaDir` in `tieuchi/node`).
 */
export function createRegistry(sets: Iterable<LoadedSet>): Registry {
  const all = [...sets].sort((a, b) =>
    a.definition.id !== b.definition.id ? (a.definition.id < b.definition.id ? -1 : 1) : a.definition.validFrom < b.definition.validFrom ? -1 : a.definition.validFrom > b.definition.validFrom ? 1 : 0,
  );
  const byId = new Map<string, LoadedSet[]>();
  for (const s of all) {
    const list = byId.get(s.definition.id) ?? [];
    list.push(s);
    byId.set(s.definition.id, list);
  }
  return {
    sets: all,
    ids: () => [...byId.keys()],
    versions: (id) => [...(byId.get(id) ?? [])],
    get: (id, version) => byId.get(id)?.find((s) => s.definition.version === version),
    resolve(id: string, asOf?: string): LoadedSet {
      const list = byId.get(id);
      if (!list || list.length === 0) throw new SetNotFoundError(id, `no criteria set with id '${id}' (known: ${[...byId.keys()].join(", ") || "none"})`);
      if (asOf === undefined) return list[list.length - 1]!;
      const found = list.filter((s) => inForce(s, asOf));
      if (found.length === 1) return found[0]!;
      if (found.length > 1)
        throw new SetNotFoundError(id, `${found.length} versions of '${id}' claim to be in force on ${asOf}: ${found.map((s) => s.definition.version).join(", ")}`);
      const spans = list.map((s) => `${s.definition.version} (${s.definition.validFrom} to ${s.definition.validTo ?? "now"})`).join(", ");
      throw new SetNotFoundError(id, `no version of '${id}' was in force on ${asOf}; versions: ${spans}`);
    },
  };
}
