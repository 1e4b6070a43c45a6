/**
 * The sets the page knows: every criteria file embedded at build time, plus files the user opens in this
 * session. Each is loaded (validated and hashed) with the library, as in any other program.
 */
import { createRegistry, isInForce, loadCriteriaSet, parseJson, type LoadedSet, type Registry } from "tieuchi";
import data from "virtual:tieuchi-catalogue";
import type { SampleUnit } from "./data.js";

/** One version of one title. */
export interface Entry {
  readonly set: LoadedSet;
  /** The file as written (the content hash is of this, not of the set with defaults applied). */
  readonly json: unknown;
  /** Where it came from: the file in the repository, or the name of a file opened in the browser. */
  readonly path: string;
  readonly local: boolean;
  /** Units to try it on: its case file's cases and the examples for its id. */
  readonly samples: readonly SampleUnit[];
}

/** A title: every version of one set id, oldest first. */
export interface Title {
  readonly id: string;
  readonly versions: readonly Entry[];
}

const entries: Entry[] = [];
let current: Registry | null = null;

function byDate(a: Entry, b: Entry): number {
  const x = a.set.definition;
  const y = b.set.definition;
  return x.validFrom < y.validFrom ? -1 : x.validFrom > y.validFrom ? 1 : x.version < y.version ? -1 : x.version > y.version ? 1 : 0;
}

function put(entry: Entry): void {
  const d = entry.set.definition;
  const at = entries.findIndex((e) => e.set.definition.id === d.id && e.set.definition.version === d.version);
  if (at >= 0) entries.splice(at, 1, entry);
  else entries.push(entry);
  entries.sort((a, b) => (a.set.definition.id < b.set.definition.id ? -1 : a.set.definition.id > b.set.definition.id ? 1 : byDate(a, b)));
}

for (const f of data.files) {
  const set = loadCriteriaSet(f.json, { source: f.path });
  const examples = data.examples.filter((x) => x.setId === set.definition.id && x.versions.includes(set.definition.version)).map((x) => x.unit);
  put({ set, json: f.json, path: f.path, local: false, samples: [...examples, ...f.cases] });
}
current = createRegistry(entries.map((e) => e.set));

/**
 * The library's registry of every set shown: it finds the version in force on a date (and why), follows
 * `supersedes`, and decides the titles of sub-units given as data.
 */
export function registry(): Registry {
  return current!;
}

/** Every title, by id. */
export function titles(): Title[] {
  const out = new Map<string, Entry[]>();
  for (const e of entries) {
    const list = out.get(e.set.definition.id) ?? [];
    list.push(e);
    out.set(e.set.definition.id, list);
  }
  return [...out].map(([id, versions]) => ({ id, versions }));
}

/** Every version of every title. */
export function allEntries(): readonly Entry[] {
  return entries;
}

/** One version, if known. */
export function find(id: string, version: string): Entry | undefined {
  return entries.find((e) => e.set.definition.id === id && e.set.definition.version === version);
}

/** The versions that name `entry` in their `supersedes`. */
export function supersededBy(entry: Entry): Entry[] {
  const d = entry.set.definition;
  return registry()
    .successors(d.id, d.version)
    .map((s) => find(s.definition.id, s.definition.version)!);
}

/**
 * Validates a criteria file opened in the browser and adds it for this session (replacing a version with the
 * same id and version). It must also fit with the others: the registry refuses, for one, two versions of a
 * set in force on the same day.
 *
 * @throws JsonParseError, CriteriaSetError or RegistryError, as the library reports them.
 */
export function addLocal(name: string, text: string): Entry {
  const json = parseJson(text, name);
  const set = loadCriteriaSet(json, { source: name });
  const d = set.definition;
  const others = entries.filter((e) => !(e.set.definition.id === d.id && e.set.definition.version === d.version)).map((e) => e.set);
  current = createRegistry([...others, set]);
  const entry: Entry = { set, json, path: name, local: true, samples: [] };
  put(entry);
  return entry;
}

/** Whether a version was in force on a date (YYYY-MM-DD). */
export function inForceOn(entry: Entry, date: string): boolean {
  return isInForce(entry.set.definition, date);
}

/** Today as YYYY-MM-DD in the browser's time zone. */
export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

/**
 * A document as officials name it: "TT 24/2023" for Thông tư 24/2023/TT-BGDĐT, "NĐ 122/2018" for Nghị định
 * 122/2018/NĐ-CP, "QĐ 448" for Quyết định 448/QĐ-KHVN. Other names stay as written.
 */
export function docName(document: string): string {
  const m = /^(Thông tư liên tịch|Thông tư|Nghị định|Quyết định|Chỉ thị|Nghị quyết)\s+(\d+)\/(?:(\d{4})\/)?/.exec(document.trim());
  if (!m) return document;
  const short: Record<string, string> = {
    "Thông tư liên tịch": "TTLT",
    "Thông tư": "TT",
    "Nghị định": "NĐ",
    "Quyết định": "QĐ",
    "Chỉ thị": "CT",
    "Nghị quyết": "NQ",
  };
  return `${short[m[1]!]} ${m[2]}${m[3] ? `/${m[3]}` : ""}`;
}

/** A version as officials name it (its document), for labels; the version id goes beside it as secondary text. */
export function versionName(entry: Entry): string {
  return docName(entry.set.definition.source.document);
}
