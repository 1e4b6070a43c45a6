/**
 * The lock on released versions (`criteria/criteria.lock.json`): the content hash of every released version,
 * with short hashes of its parts so that an edit can be pinned to the criteria, inputs or keys it touched.
 * A released version never changes; a change of rules is a new version that supersedes it.
 *
 * Pure: the caller reads the files and the lock and writes the lock back (`tieuchi/node` and the CLI do).
 *
 * @module
 */
import { z } from "zod";
import { checkText } from "../schema/issues.js";
import { CriteriaSetError, LockFileError, problem, type Problem } from "../errors.js";
import { msg, say, type Lang, type Message } from "../i18n/index.js";
import { MessageData } from "../schema/common.js";
import { loadCriteriaSet, type LoadedSet } from "../evaluate/load.js";
import { validateCriteriaSet } from "../check/validate.js";
import { normalizeStrings, schemaProblems } from "../schema/parse.js";
import { canonicalJson, contentHash } from "../json/canonical.js";
import { registryProblems } from "./registry.js";
import { sha256Hex } from "../json/sha256.js";

const Hash = z.string().regex(/^sha256:[0-9a-f]{64}$/, checkText("check.sha256"));
const ShortHash = z.string().regex(/^[0-9a-f]{16}$/, checkText("check.short_hash"));

/** One released version in the lock. */
export const LockEntry = z
  .object({
    /** Path of the file, relative to the criteria folder, with `/` separators. */
    file: z.string().min(1),
    /** Content hash of the whole file (as `contentHash`, the same hash results carry). */
    hash: Hash,
    /** First 16 hex digits of the sha-256 of each top-level key's canonical JSON. */
    parts: z.record(z.string(), ShortHash),
    /** The same for each criterion, by id. */
    criteria: z.record(z.string(), ShortHash),
    /** The same for each declared input, by name. */
    inputs: z.record(z.string(), ShortHash),
  })
  .strict();
export type LockEntry = z.infer<typeof LockEntry>;

/** The lock file: released versions by `id@version`. */
export const Lock = z
  .object({
    format: z.literal("tieuchi/lock@1"),
    comment: z.string().optional(),
    versions: z.record(z.string().regex(/^[a-z0-9-]+@[0-9A-Za-z.-]+$/, checkText("check.id_at_version")), LockEntry),
  })
  .strict();
export type Lock = z.infer<typeof Lock>;

/** A criteria file as the lock sees it: its path and parsed JSON, or why it could not be read. */
export type LockInput =
  | { readonly file: string; readonly json: unknown }
  | { readonly file: string; readonly error: string /** Why, as a message of the catalogue. */; readonly detail?: Message };

/** What changed in a released version, part by part. */
export const LockChange = z
  .object({
    /** `part` a top-level key; `criterion` or `input` one criterion or input. */
    kind: z.enum(["part", "criterion", "input"]),
    name: z.string(),
    change: z.enum(["added", "removed", "changed", "reordered"]),
  })
  .strict();
export type LockChange = z.infer<typeof LockChange>;

/** The state of one version (or one file) against the lock. */
export const LockStatus = z.enum(["locked", "moved", "changed", "removed", "unreleased", "invalid", "unreadable", "duplicate"]);
export type LockStatus = z.infer<typeof LockStatus>;

/** One line of a lock check. */
export const LockReportEntry = z
  .object({
    status: LockStatus,
    /** `id@version`, when the file could be identified. */
    version: z.string().nullable(),
    /** The file as found now (null for a released version whose file is gone). */
    file: z.string().nullable(),
    /** The file recorded in the lock, for released versions. */
    lockedFile: z.string().nullable(),
    hash: Hash.nullable(),
    lockedHash: Hash.nullable(),
    /** For `changed`: which parts changed, in file order (the whole file's order when only that changed). */
    changes: z.array(LockChange),
    /** What is wrong and what to do, in a sentence (English; `detail` in any language). */
    message: z.string(),
    /** The sentence as a message of the catalogue: its key and parameters. */
    detail: MessageData,
  })
  .strict();
export type LockReportEntry = z.infer<typeof LockReportEntry>;

/** A problem that keeps the versions from forming a registry (see `registryProblems`). */
export const RegistryProblem = z
  .object({
    /** `overlapping_dates`, `unknown_supersedes`, `supersedes_later`, `supersedes_overlap`, `supersedes_fork` or `duplicate_version`. */
    code: z.string(),
    path: z.array(z.union([z.string(), z.number()])),
    message: z.string(),
    key: z.string(),
    params: z.record(z.string(), z.unknown()),
  })
  .strict();
export type RegistryProblem = z.infer<typeof RegistryProblem>;

/** The result of checking criteria files against a lock. */
export const LockReport = z
  .object({
    /** True when every file is released and unchanged (moves are allowed), and the versions form a registry. */
    ok: z.boolean(),
    entries: z.array(LockReportEntry),
    counts: z.record(LockStatus, z.number().int().nonnegative()),
    /**
     * Why the valid versions, taken together, could not be loaded as one registry: two versions of a set in
     * force on the same day (the old one's `validTo` not closed), a `supersedes` naming a version that is not
     * there. An app's `loadRegistry` would refuse the folder for the same reasons.
     */
    registry: z.array(RegistryProblem),
  })
  .strict();
export type LockReport = z.infer<typeof LockReport>;

const FAILING: ReadonlySet<LockStatus> = new Set(["changed", "removed", "unreleased", "invalid", "unreadable", "duplicate"]);

const short = (value: unknown) => sha256Hex(canonicalJson(value)).slice(0, 16);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The lock entry of a criteria file's JSON: its hash and the short hashes of its parts. */
export function lockEntryOf(file: string, json: unknown): LockEntry {
  const doc = normalizeStrings(json);
  // fromEntries defines own properties, so no key (not even __proto__) reaches a prototype.
  const hashes = (entries: Array<[string, unknown]>) => Object.fromEntries(entries.map(([k, v]) => [k, short(v)]));
  if (!isRecord(doc)) return { file, hash: contentHash(doc), parts: {}, criteria: {}, inputs: {} };
  return {
    file,
    hash: contentHash(doc),
    parts: hashes(Object.keys(doc).map((k) => [k, doc[k]])),
    criteria: hashes(Array.isArray(doc.criteria) ? doc.criteria.map((c, i) => [isRecord(c) && typeof c.id === "string" ? c.id : `#${i}`, c]) : []),
    inputs: hashes(isRecord(doc.inputs) ? Object.keys(doc.inputs).map((k) => [k, (doc.inputs as Record<string, unknown>)[k]]) : []),
  };
}

function compareMaps(kind: LockChange["kind"], before: Record<string, string>, after: Record<string, string>): LockChange[] {
  const out: LockChange[] = [];
  for (const k of Object.keys(before)) {
    if (!Object.hasOwn(after, k)) out.push({ kind, name: k, change: "removed" });
    else if (before[k] !== after[k]) out.push({ kind, name: k, change: "changed" });
  }
  for (const k of Object.keys(after)) if (!Object.hasOwn(before, k)) out.push({ kind, name: k, change: "added" });
  return out;
}

/** Which parts differ between a released entry and the file now. */
export function lockChanges(locked: LockEntry, now: LockEntry): LockChange[] {
  const parts = compareMaps("part", locked.parts, now.parts);
  const detail = [...compareMaps("criterion", locked.criteria, now.criteria), ...compareMaps("input", locked.inputs, now.inputs)];
  // Name the criteria and inputs rather than the whole 'criteria' or 'inputs' key when they say more.
  const coveredBy = (name: string) =>
    (name === "criteria" || name === "inputs") && detail.some((d) => (name === "criteria" ? d.kind === "criterion" : d.kind === "input"));
  const kept = parts
    .filter((p) => !(p.change === "changed" && coveredBy(p.name)))
    // Every criterion the same, yet the list differs: only their order changed.
    .map((p): LockChange => (p.name === "criteria" && p.change === "changed" ? { ...p, change: "reordered" } : p));
  return [...kept, ...detail];
}

/** What changed, as messages: `criterion 2.1 changed`, `'decision' changed`, `input tuoi added`. */
function changeMessages(changes: readonly LockChange[]): Message[] {
  if (changes.length === 0) return [msg("lock.reformatted")];
  return changes.map((c) => msg("lock.change", { kind: c.kind, name: c.name, change: c.change }));
}

/** Says what changed in words: `criterion 2.1 changed; 'decision' changed; input tuoi added` (or in Vietnamese). */
export function describeLockChanges(changes: readonly LockChange[], lang: Lang = "en"): string {
  return changeMessages(changes)
    .map((m) => say(m, lang))
    .join("; ");
}

/** A report entry: its sentence in English and as a message. */
function entry(fields: Omit<LockReportEntry, "message" | "detail">, detail: Message): LockReportEntry {
  return { ...fields, message: say(detail, "en"), detail: { key: detail.key, params: { ...detail.params } } };
}

function identify(json: unknown): string | null {
  if (!isRecord(json)) return null;
  const { id, version } = json;
  return typeof id === "string" && typeof version === "string" ? `${id.normalize("NFC")}@${version.normalize("NFC")}` : null;
}

/**
 * Checks criteria files against a lock: released versions unchanged, every version released.
 *
 * @param lock - The lock (from {@link parseLock}), or null when there is none yet.
 * @param files - Every criteria file, with paths relative to the criteria folder.
 */
export function checkLock(lock: Lock | null, files: readonly LockInput[]): LockReport {
  const released = lock?.versions ?? {};
  const entries: LockReportEntry[] = [];
  const seen = new Map<string, string>();
  for (const f of [...files].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))) {
    const base = { file: f.file, lockedFile: null, hash: null, lockedHash: null, changes: [] };
    if ("error" in f) {
      entries.push(
        entry(
          { ...base, status: "unreadable", version: null },
          msg("lock.unreadable", { file: f.file, reason: f.detail ?? msg("check.unworded", { text: f.error }) }),
        ),
      );
      continue;
    }
    const version = identify(f.json);
    if (version === null) {
      entries.push(entry({ ...base, status: "invalid", version: null }, msg("lock.no_id", { file: f.file })));
      continue;
    }
    const now = lockEntryOf(f.file, f.json);
    const earlier = seen.get(version);
    if (earlier !== undefined) {
      entries.push(entry({ ...base, status: "duplicate", version, hash: now.hash }, msg("lock.duplicate", { file: f.file, version, earlier })));
      continue;
    }
    seen.set(version, f.file);
    const locked = released[version];
    if (!locked) {
      const v = validateCriteriaSet(f.json);
      if (!v.ok) {
        entries.push(entry({ ...base, status: "invalid", version, hash: now.hash }, msg("lock.invalid", { file: f.file, version, count: v.problems.length })));
        continue;
      }
      entries.push(entry({ ...base, status: "unreleased", version, hash: now.hash }, msg("lock.unreleased", { file: f.file, version })));
      continue;
    }
    const common = { ...base, version, lockedFile: locked.file, hash: now.hash, lockedHash: locked.hash };
    if (locked.hash !== now.hash) {
      const changes = lockChanges(locked, now);
      entries.push(
        entry(
          { ...common, status: "changed", changes },
          msg("lock.changed", { file: f.file, version, changes: changeMessages(changes), hash: now.hash, locked: locked.hash }),
        ),
      );
    } else if (locked.file !== f.file) {
      entries.push(entry({ ...common, status: "moved" }, msg("lock.moved", { file: f.file, version, from: locked.file })));
    } else entries.push(entry({ ...common, status: "locked" }, msg("lock.locked", { file: f.file, version })));
  }
  for (const [version, locked] of Object.entries(released).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (seen.has(version)) continue;
    entries.push(
      entry(
        { status: "removed", version, file: null, lockedFile: locked.file, hash: null, lockedHash: locked.hash, changes: [] },
        msg("lock.removed", { file: locked.file, version }),
      ),
    );
  }
  const counts = Object.fromEntries(LockStatus.options.map((s) => [s, entries.filter((e) => e.status === s).length])) as Record<LockStatus, number>;
  const registry = consistencyProblems(files, entries);
  return { ok: entries.every((e) => !FAILING.has(e.status)) && registry.length === 0, entries, counts, registry };
}

/**
 * The registry problems of the versions a check found usable: a release gate that let through a version
 * overlapping its predecessor would leave every app unable to load the folder.
 */
function consistencyProblems(files: readonly LockInput[], entries: readonly LockReportEntry[]): RegistryProblem[] {
  const usable = new Set(
    entries.filter((e) => e.status === "locked" || e.status === "moved" || e.status === "changed" || e.status === "unreleased").map((e) => e.file),
  );
  const sets: LoadedSet[] = [];
  for (const f of files) {
    if (!usable.has(f.file) || "error" in f) continue;
    try {
      sets.push(loadCriteriaSet(f.json, { source: f.file }));
    } catch (e) {
      // A released file edited into an invalid one is reported as changed; it cannot take part here.
      if (!(e instanceof CriteriaSetError)) throw e;
    }
  }
  return registryProblems(sets).map((p) => ({ code: p.code, path: [...p.path], message: p.message, key: p.key, params: { ...p.params } }));
}

/** Options of {@link updateLock}. */
export interface UpdateLockOptions {
  /**
   * Also re-record released versions that were edited, and forget released versions whose files are gone.
   * Only for a reviewed correction of a version nobody has relied on yet: otherwise publish a new version.
   */
  readonly acceptChanges?: boolean;
}

/** What {@link updateLock} did. */
export interface LockUpdate {
  /** The new lock, or null when the update was refused. */
  readonly lock: Lock | null;
  /** The check before updating, which says what was released and what stopped the update. */
  readonly report: LockReport;
  /** `id@version` of the versions released (or re-recorded) by this update. */
  readonly released: readonly string[];
}

/**
 * Releases versions: records every new valid version in the lock. Refuses (returns `lock: null`) when a
 * file is unreadable, invalid or duplicated, when the versions do not form a registry (`report.registry`),
 * or when a released version was edited or removed unless `acceptChanges` is set. The result is the same
 * whatever the order of `files`.
 */
export function updateLock(lock: Lock | null, files: readonly LockInput[], options: UpdateLockOptions = {}): LockUpdate {
  const report = checkLock(lock, files);
  const blocking = report.entries.filter(
    (e) =>
      e.status === "unreadable" ||
      e.status === "invalid" ||
      e.status === "duplicate" ||
      (!options.acceptChanges && (e.status === "changed" || e.status === "removed")),
  );
  if (blocking.length > 0 || report.registry.length > 0) return { lock: null, report, released: [] };
  const byFile = new Map(files.map((f) => [f.file, f]));
  const versions: Record<string, LockEntry> = {};
  const released: string[] = [];
  for (const e of report.entries) {
    if (e.status === "removed" || e.version === null || e.file === null) continue;
    const f = byFile.get(e.file);
    if (!f || "error" in f) continue;
    versions[e.version] = lockEntryOf(e.file, f.json);
    if (e.status === "unreleased" || e.status === "changed") released.push(e.version);
  }
  return { lock: { format: "tieuchi/lock@1", comment: LOCK_COMMENT, versions }, report, released };
}

const LOCK_COMMENT =
  "Released criteria versions and their content hashes. Written by `tieuchi lock --update`; checked by `tieuchi lock --check`. Do not edit by hand.";

/** An empty lock. */
export function emptyLock(): Lock {
  return { format: "tieuchi/lock@1", comment: LOCK_COMMENT, versions: {} };
}

/**
 * Validates a lock file's JSON.
 *
 * @throws {@link LockFileError} listing every problem.
 */
export function parseLock(json: unknown, source?: string): Lock {
  const parsed = Lock.safeParse(json, { reportInput: true });
  if (!parsed.success) throw new LockFileError(schemaProblems(parsed.error), source);
  const problems: Problem[] = [];
  for (const [version, entry] of Object.entries(parsed.data.versions)) {
    if (!entry.file.endsWith(".json") || entry.file.includes("\\") || entry.file.split("/").includes(".."))
      problems.push(problem("problem.bad_file", ["versions", version, "file"], { file: entry.file }));
  }
  if (problems.length > 0) throw new LockFileError(problems, source);
  return parsed.data;
}

const sorted = (record: Record<string, string>) =>
  Object.fromEntries(
    Object.keys(record)
      .sort()
      .map((k) => [k, record[k]!]),
  );

/** The lock as file text: versions sorted, each entry's maps sorted, two-space indents, a final newline. The same lock always gives the same bytes. */
export function serializeLock(lock: Lock): string {
  const versions = Object.fromEntries(
    Object.keys(lock.versions)
      .sort()
      .map((k) => {
        const e = lock.versions[k]!;
        // File and hash first, for a reader opening the file.
        return [k, { file: e.file, hash: e.hash, parts: sorted(e.parts), criteria: sorted(e.criteria), inputs: sorted(e.inputs) }];
      }),
  );
  return `${JSON.stringify({ format: lock.format, ...(lock.comment !== undefined ? { comment: lock.comment } : {}), versions }, null, 2)}\n`;
}
