/**
 * A registry of criteria sets: every version of every set, checked for consistency (no two versions of one
 * set in force on the same day, every `supersedes` pointing at a version it holds), and looked up by the date
 * a title is decided for, following the `supersedes` chain across set ids when a regulation renamed its title.
 *
 * @module
 */
import { NotInForceError, OptionsError, problem, RegistryError, SetNotFoundError, type Problem } from "../errors.js";
import { msg, type Message } from "../i18n/index.js";
import type { SetResolver } from "../evaluate/evaluate.js";
import { isLoadedSet, loadCriteriaSet, type LoadedSet } from "../evaluate/load.js";
import type { Localized } from "../schema/common.js";
import { isIsoDate } from "../schema/common.js";
import type { InputSpec, Inputs, TitleInput } from "../schema/inputs.js";
import { dayBefore, isInForce, showDate } from "../schema/dates.js";

/** A version of a set, named by id and version. */
export interface SetRef {
  readonly id: string;
  readonly version: string;
}

/** Why a version was chosen for a date: which document, in force since when, what it replaced. */
export interface InForceReason {
  /** The date asked about. */
  readonly date: string;
  /** The set id asked for (the chosen version may carry another id, reached through `supersedes`). */
  readonly asked: string;
  readonly id: string;
  readonly version: string;
  /** The legal document, e.g. `Thông tư 22/2020/TT-BGDĐT`, with its issuer and signing date. */
  readonly document: string;
  readonly issuer: string;
  readonly issued: string;
  /** First and last day in force (`validTo` null while in force). */
  readonly validFrom: string;
  readonly validTo: string | null;
  /** The version this one replaced, with its document. */
  readonly supersedes: (SetRef & { readonly document: string }) | null;
  /** Versions that replaced this one, with their documents and first day in force. */
  readonly supersededBy: ReadonlyArray<SetRef & { readonly document: string; readonly validFrom: string }>;
  /** When the version has another id than the one asked for: the `supersedes` links followed, from a version of the asked id to the chosen one. */
  readonly via: readonly SetRef[];
  /** The reason as a sentence. */
  readonly message: Localized;
}

/** The version in force on a date, and why. */
export interface Resolution {
  readonly set: LoadedSet;
  readonly reason: InForceReason;
}

/** Sets by id and version, resolvable by date. */
export interface Registry extends SetResolver {
  /** Every set, ordered by id, then by date in force. */
  readonly sets: readonly LoadedSet[];
  /** Ids of the sets held, sorted. */
  ids(): string[];
  /** Versions of one set, oldest first (empty for an unknown id). */
  versions(id: string): LoadedSet[];
  /** One exact version. */
  get(id: string, version: string): LoadedSet | undefined;
  /**
   * The version of `id` in force on `asOf` (the newest version when `asOf` is left out). This is what
   * `evaluate` calls to find the set of a sub-unit's title; {@link Registry.inForceOn} gives the reason too.
   *
   * @throws `SetNotFoundError` for an unknown id; `NotInForceError` when no version was in force that day.
   */
  resolve(id: string, asOf?: string): LoadedSet;
  /**
   * The version in force on `date` and the reason: which document, since when, what it superseded.
   * A version of `id` itself is preferred; when none was in force, the `supersedes` links are followed in
   * both directions (a regulation may give its title a new set id) and the one version in force is taken.
   *
   * @throws `SetNotFoundError` for an unknown id; `NotInForceError` when the date is before the first
   * version, in a gap between versions, after the last one ended, or when several linked sets compete;
   * `OptionsError` for a malformed date.
   */
  inForceOn(id: string, date: string): Resolution;
  /** The version a version supersedes, if any. */
  predecessor(id: string, version: string): LoadedSet | undefined;
  /** The versions that supersede a version (more than one when a title was split). */
  successors(id: string, version: string): LoadedSet[];
  /** The chain of `supersedes` ending at a version: its oldest ancestor first, the version itself last. */
  history(id: string, version: string): LoadedSet[];
}

const keyOf = (id: string, version: string) => `${id}@${version}`;
const key = (s: LoadedSet) => keyOf(s.definition.id, s.definition.version);
/** A version and where it came from: `id@version (file)`. */
const keyAt = (s: LoadedSet, k = key(s)) => (s.source ? `${k} (${s.source})` : k);
/** A version's dates in force, and where it came from. */
const spanAt = (s: LoadedSet): Message =>
  msg("set.span", { set: key(s), from: s.definition.validFrom, to: s.definition.validTo ?? undefined, source: s.source });
const span = (s: LoadedSet): Message => msg("set.span", { set: key(s), from: s.definition.validFrom, to: s.definition.validTo ?? undefined });

const inForce = (s: LoadedSet, date: string): boolean => isInForce(s.definition, date);

function byDate(a: LoadedSet, b: LoadedSet): number {
  const x = a.definition;
  const y = b.definition;
  if (x.validFrom !== y.validFrom) return x.validFrom < y.validFrom ? -1 : 1;
  if (x.id !== y.id) return x.id < y.id ? -1 : 1;
  return x.version < y.version ? -1 : x.version > y.version ? 1 : 0;
}

/** Every problem that stops a list of sets forming a registry. */
export function registryProblems(sets: readonly LoadedSet[]): Problem[] {
  const problems: Problem[] = [];
  const byKey = new Map<string, LoadedSet>();
  for (const s of sets) {
    const first = byKey.get(key(s));
    if (first)
      problems.push(problem("problem.duplicate_version", [key(s)], { set: key(s), sources: [first.source, s.source].filter((x): x is string => !!x) }));
    else byKey.set(key(s), s);
  }
  const unique = [...byKey.values()];

  const byId = new Map<string, LoadedSet[]>();
  for (const s of unique) byId.set(s.definition.id, [...(byId.get(s.definition.id) ?? []), s]);
  for (const list of byId.values()) {
    list.sort(byDate);
    for (let i = 0; i < list.length; i++)
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i]!;
        const b = list[j]!;
        // b starts no earlier than a; they overlap when a has not ended before b starts.
        if (a.definition.validTo === null || a.definition.validTo >= b.definition.validFrom) {
          const until = [a.definition.validTo, b.definition.validTo].filter((d): d is string => d !== null).sort()[0];
          problems.push(
            problem("problem.overlapping_dates", [key(b), "validFrom"], {
              first: spanAt(a),
              second: spanAt(b),
              from: b.definition.validFrom,
              until,
              set: key(a),
              endOn: dayBefore(b.definition.validFrom),
            }),
          );
        }
      }
  }

  // A title held at levels names its set's levels: every version of that set in force while the reading set is
  // (the versions it can be decided by) must decide those levels.
  const overlap = (a: LoadedSet, b: LoadedSet) =>
    (a.definition.validTo === null || a.definition.validTo >= b.definition.validFrom) &&
    (b.definition.validTo === null || b.definition.validTo >= a.definition.validFrom);
  for (const s of unique)
    for (const [at, spec] of titleInputs(s.definition.inputs, "inputs"))
      for (const v of (byId.get(spec.set) ?? []).filter((x) => overlap(x, s))) {
        const d = v.definition.decision;
        const ids = d.method === "all" ? d.levels.map((l) => l.id) : [];
        if (spec.levels && (ids.length !== spec.levels.length || ids.some((id, i) => id !== spec.levels![i])))
          problems.push(
            problem("problem.title_levels.registry", [key(s), ...at.split("."), "levels"], {
              set: keyAt(s),
              title: spec.set,
              levels: spec.levels,
              by: keyAt(v),
              decided: ids,
            }),
          );
      }

  const claimed = new Map<string, LoadedSet[]>();
  for (const s of unique) {
    const sup = s.definition.supersedes;
    if (!sup) continue;
    const target = keyOf(sup.id, sup.version);
    const old = byKey.get(target);
    const path = [key(s), "supersedes"];
    if (!old) {
      const known = byId.get(sup.id)?.map((x) => x.definition.version);
      problems.push(problem("problem.unknown_supersedes", path, { set: keyAt(s), target, id: sup.id, known: known ?? [] }));
      continue;
    }
    if (old.definition.validFrom >= s.definition.validFrom) {
      problems.push(problem("problem.supersedes_later", path, { set: keyAt(s), target, targetFrom: old.definition.validFrom, from: s.definition.validFrom }));
      continue;
    }
    // Within one id the overlap check already says it; across ids the link is what ties the two.
    if (old.definition.id !== s.definition.id && (old.definition.validTo === null || old.definition.validTo >= s.definition.validFrom))
      problems.push(
        problem("problem.supersedes_overlap", path, {
          set: key(s),
          target: keyAt(old, target),
          targetTo: old.definition.validTo ?? undefined,
          from: s.definition.validFrom,
          endOn: dayBefore(s.definition.validFrom),
        }),
      );
    claimed.set(target, [...(claimed.get(target) ?? []), s]);
  }
  for (const [target, heirs] of claimed) {
    // A title split in two may have two successors with new ids; two of the same id mean the chain skips one.
    const sameId = heirs.filter((h) => h.definition.id === target.slice(0, target.lastIndexOf("@")));
    if (sameId.length > 1) problems.push(problem("problem.supersedes_fork", [key(sameId[1]!), "supersedes"], { sets: sameId.map(key), target }));
  }
  return problems;
}

/** Every title input of a set, deep in records and lists, with its path (`inputs.xa.items.congDongHocTap`). */
function titleInputs(inputs: Inputs, base: string): Array<[string, TitleInput]> {
  const out: Array<[string, TitleInput]> = [];
  const walk = (spec: InputSpec, at: string): void => {
    if (spec.type === "title") out.push([at, spec]);
    else if (spec.type === "array") walk(spec.items, `${at}.items`);
    else if (spec.type === "object") for (const [k, f] of Object.entries(spec.fields)) walk(f, `${at}.fields.${k}`);
  };
  for (const [k, spec] of Object.entries(inputs)) walk(spec, `${base}.${k}`);
  return out;
}

function reasonOf(
  set: LoadedSet,
  date: string,
  asked: string,
  via: readonly SetRef[],
  all: ReadonlyMap<string, LoadedSet>,
  heirs: readonly LoadedSet[],
): InForceReason {
  const d = set.definition;
  const sup = d.supersedes ? all.get(keyOf(d.supersedes.id, d.supersedes.version)) : undefined;
  const supersedes = d.supersedes && sup ? { id: d.supersedes.id, version: d.supersedes.version, document: sup.definition.source.document } : null;
  const repeal = d.supersedes?.article;
  const supersededBy = heirs.map((h) => ({
    id: h.definition.id,
    version: h.definition.version,
    document: h.definition.source.document,
    validFrom: h.definition.validFrom,
  }));
  const k = keyOf(d.id, d.version);
  const doc = `${d.source.document}, ${d.source.issuer}`;
  const chain = [...via.map((r) => keyOf(r.id, r.version))].join(" → ");
  const vi: string[] = [];
  const en: string[] = [];
  if (via.length > 0) {
    vi.push(`Không có phiên bản nào của '${asked}' có hiệu lực ngày ${showDate(date, "vi")}; theo chuỗi thay thế ${chain}:`);
    en.push(`No version of '${asked}' is in force on ${date}; following the supersedes chain ${chain}:`);
  }
  vi.push(
    `${k} (${doc}) có hiệu lực ngày ${showDate(date, "vi")}: từ ${showDate(d.validFrom, "vi")} ${d.validTo ? `đến ${showDate(d.validTo, "vi")}` : "đến nay"}.`,
  );
  en.push(`${k} (${doc}) is in force on ${date}: from ${d.validFrom} ${d.validTo ? `to ${d.validTo}` : "with no end date"}.`);
  if (supersedes) {
    vi.push(`Thay thế ${keyOf(supersedes.id, supersedes.version)} (${supersedes.document})${repeal ? `, theo ${repeal} ${d.source.document}` : ""}.`);
    en.push(`It superseded ${keyOf(supersedes.id, supersedes.version)} (${supersedes.document})${repeal ? `, by ${repeal} of ${d.source.document}` : ""}.`);
  }
  for (const h of supersededBy) {
    vi.push(`Được thay thế bởi ${keyOf(h.id, h.version)} (${h.document}) từ ${showDate(h.validFrom, "vi")}.`);
    en.push(`It is superseded by ${keyOf(h.id, h.version)} (${h.document}) from ${h.validFrom}.`);
  }
  return {
    date,
    asked,
    id: d.id,
    version: d.version,
    document: d.source.document,
    issuer: d.source.issuer,
    issued: d.source.issued,
    validFrom: d.validFrom,
    validTo: d.validTo,
    supersedes,
    supersededBy,
    via,
    message: { vi: vi.join(" "), en: en.join(" ") },
  };
}

/**
 * Builds a registry from sets, checking that they agree with each other.
 *
 * @param sets - Sets from `loadCriteriaSet` (or `loadCriteriaDir` in `tieuchi/node`), or the parsed JSON of
 *   criteria files (validated here; a browser can build a registry from fetched files this way).
 * @throws `CriteriaSetError` for a raw set that is not valid.
 * @throws {@link RegistryError} listing every problem: a version given twice, two versions of one set in
 *   force on the same day, a `supersedes` naming a version that is not given, or one that supersedes a later
 *   or still-running version.
 */
export function createRegistry(sets: Iterable<LoadedSet | unknown>): Registry {
  const loaded = [...sets].map((s) => (isLoadedSet(s) ? s : loadCriteriaSet(s)));
  const problems = registryProblems(loaded);
  if (problems.length > 0) throw new RegistryError(problems);

  const all = [...loaded].sort((a, b) => (a.definition.id !== b.definition.id ? (a.definition.id < b.definition.id ? -1 : 1) : byDate(a, b)));
  const byKey = new Map(all.map((s) => [key(s), s]));
  const byId = new Map<string, LoadedSet[]>();
  for (const s of all) byId.set(s.definition.id, [...(byId.get(s.definition.id) ?? []), s]);
  const heirs = new Map<string, LoadedSet[]>();
  for (const s of all) {
    const sup = s.definition.supersedes;
    if (sup) heirs.set(keyOf(sup.id, sup.version), [...(heirs.get(keyOf(sup.id, sup.version)) ?? []), s]);
  }
  const heirsOf = (s: LoadedSet) => [...(heirs.get(key(s)) ?? [])].sort(byDate);
  const predecessorOf = (s: LoadedSet) => (s.definition.supersedes ? byKey.get(keyOf(s.definition.supersedes.id, s.definition.supersedes.version)) : undefined);

  const versionsOf = (id: string): LoadedSet[] => {
    const list = byId.get(id);
    if (!list) throw new SetNotFoundError(id, msg("set.unknown_id", { id, known: [...byId.keys()] }));
    return list;
  };

  /** Every set linked to a version of `id` by `supersedes`, each with the links followed to reach it. */
  const linked = (id: string): Map<string, { set: LoadedSet; via: SetRef[] }> => {
    const seen = new Map<string, { set: LoadedSet; via: SetRef[] }>();
    const queue = versionsOf(id).map((s) => ({ set: s, via: [] as SetRef[] }));
    for (const q of queue) seen.set(key(q.set), q);
    while (queue.length > 0) {
      const { set, via } = queue.shift()!;
      const next = [predecessorOf(set), ...heirsOf(set)].filter((x): x is LoadedSet => x !== undefined);
      for (const n of next) {
        if (seen.has(key(n))) continue;
        const here = via.length === 0 ? [{ id: set.definition.id, version: set.definition.version }] : via;
        const entry = { set: n, via: [...here, { id: n.definition.id, version: n.definition.version }] };
        seen.set(key(n), entry);
        queue.push(entry);
      }
    }
    return seen;
  };

  const inForceOn = (id: string, date: string): Resolution => {
    if (!isIsoDate(date)) throw new OptionsError(msg("options.as_of", { name: "date", got: JSON.stringify(date) }), ["date"]);
    const own = versionsOf(id).filter((s) => inForce(s, date));
    // The registry's checks leave at most one version of an id in force on a day.
    if (own.length === 1) return { set: own[0]!, reason: reasonOf(own[0]!, date, id, [], byKey, heirsOf(own[0]!)) };
    const family = [...linked(id).values()];
    const found = family.filter((f) => inForce(f.set, date));
    if (found.length === 1) {
      const f = found[0]!;
      return { set: f.set, reason: reasonOf(f.set, date, id, f.via, byKey, heirsOf(f.set)) };
    }
    const spans = family
      .map((f) => f.set)
      .sort(byDate)
      .map(span);
    if (found.length > 1) throw new NotInForceError(id, date, "ambiguous", msg("set.ambiguous", { id, date, found: found.map((f) => key(f.set)) }));
    const sets = family.map((f) => f.set);
    const first = sets.reduce((a, b) => (a.definition.validFrom <= b.definition.validFrom ? a : b));
    if (date < first.definition.validFrom)
      throw new NotInForceError(id, date, "before-first", msg("set.before_first", { id, date, first: key(first), from: first.definition.validFrom, spans }));
    const ended = sets
      .filter((s) => s.definition.validTo !== null && s.definition.validTo < date)
      .sort((a, b) => (a.definition.validTo! < b.definition.validTo! ? -1 : 1));
    const later = sets.filter((s) => s.definition.validFrom > date).sort(byDate);
    if (later.length === 0) {
      const last = ended[ended.length - 1]!;
      throw new NotInForceError(id, date, "after-last", msg("set.after_last", { id, date, last: key(last), to: last.definition.validTo!, spans }));
    }
    const before = ended[ended.length - 1]!;
    const after = later[0]!;
    throw new NotInForceError(
      id,
      date,
      "gap",
      msg("set.gap", { id, date, before: key(before), to: before.definition.validTo!, after: key(after), from: after.definition.validFrom, spans }),
    );
  };

  return {
    sets: all,
    ids: () => [...byId.keys()],
    versions: (id) => [...(byId.get(id) ?? [])],
    get: (id, version) => byKey.get(keyOf(id, version)),
    resolve(id: string, asOf?: string): LoadedSet {
      if (asOf === undefined) {
        const list = versionsOf(id);
        return list[list.length - 1]!;
      }
      return inForceOn(id, asOf).set;
    },
    inForceOn,
    predecessor: (id, version) => {
      const s = byKey.get(keyOf(id, version));
      return s ? predecessorOf(s) : undefined;
    },
    successors: (id, version) => {
      const s = byKey.get(keyOf(id, version));
      return s ? heirsOf(s) : [];
    },
    history(id, version) {
      const s = byKey.get(keyOf(id, version));
      if (!s) throw new SetNotFoundError(id, msg("set.unknown_version", { id, version, known: (byId.get(id) ?? []).map((x) => x.definition.version) }));
      const chain = [s];
      for (let p = predecessorOf(s); p; p = predecessorOf(p)) chain.unshift(p);
      return chain;
    },
  };
}
