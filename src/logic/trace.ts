/**
 * What evaluating one rule saw: the values it read (by absolute path into the unit's data), the paths it
 * needed but found absent, and the ratios it compared. Both evaluators fill the same trace, so a criterion's
 * status and explanation do not depend on which one ran.
 *
 * @module
 */
import type { Message } from "../i18n/index.js";
import type { RatioMeasure } from "./exact.js";

/**
 * The state of a derived value that has no value: one that read absent data (what it can be over the
 * completions of the missing data, in `bound`, and the paths that could change it), one that took a share of an
 * empty group, or one that failed.
 */
export type DerivedState =
  | { readonly status: "missing"; readonly paths: readonly string[]; readonly bound?: unknown }
  | { readonly status: "not-applicable" }
  | { readonly status: "error"; readonly message: Message };

/** The data a rule runs against. */
export interface EvalScope {
  /** The unit's inputs (normalised) and the derived values that have one. */
  readonly root: Record<string, unknown>;
  /** Absolute path of every record (object) inside the data, e.g. `thanhVien[2]`. */
  readonly pathOf: { get(record: object): string | undefined };
  /** Derived values that could not be computed, by name. */
  readonly derived: ReadonlyMap<string, DerivedState>;
}

/**
 * Paths made once and shared: `thanhVien[2].tuoi` is the same string object for every unit that has a third
 * member, so maps and records keyed by paths hash it once. Bounded: cleared when it grows past a limit.
 */
const children = new Map<string, Map<string, string>>();
const items = new Map<string, string[]>();
let cachedPaths = 0;
const MAX_CACHED_PATHS = 100_000;

function remember(): void {
  if (++cachedPaths > MAX_CACHED_PATHS) {
    children.clear();
    items.clear();
    cachedPaths = 0;
  }
}

/** Joins a base path and a dotted relative path. */
export function joinPath(base: string, rel: string): string {
  if (rel === "") return base;
  if (base === "") return rel;
  let byRel = children.get(base);
  if (byRel === undefined) children.set(base, (byRel = new Map()));
  let path = byRel.get(rel);
  if (path === undefined) {
    byRel.set(rel, (path = `${base}.${rel}`));
    remember();
  }
  return path;
}

/** The path of item `i` of the list at `base`: `base[i]`. */
export function itemPath(base: string, i: number): string {
  let list = items.get(base);
  if (list === undefined) items.set(base, (list = []));
  let path = list[i];
  if (path === undefined) {
    // Filled in order, so the list has no holes.
    cachedPaths += i - list.length;
    for (let k = list.length; k <= i; k++) list.push(`${base}[${k}]`);
    path = list[i]!;
    remember();
  }
  return path;
}

/** The absolute path of `rel` read from `base` (the root, a record of the data, or something else: `?`). */
export function pathIn(scope: EvalScope, base: unknown, rel: string): string {
  const at = base === scope.root ? "" : typeof base === "object" && base !== null ? (scope.pathOf.get(base) ?? "?") : "?";
  return joinPath(at, rel);
}

const NONE_MISSING: ReadonlySet<string> = new Set();
const NO_MEASURES: RatioMeasure[] = Object.freeze([]) as unknown as RatioMeasure[];
/** Raw reads a trace keeps before it folds places read again into one entry (see {@link Trace.read}). */
const FOLD_AT = 3 * 4096;

/**
 * Records what one rule read. A read that found a value costs one push of three entries (base, relative path,
 * value) onto a flat log: no object, no map, no path per read. The log is resolved into paths and values only
 * when an explanation is built ({@link readValuesOf}), which a status does not need. Absent values are recorded
 * by path at once: they decide the status.
 */
export class Trace {
  /**
   * Reads that found a value: base, relative path and value, three entries per read, in the order read. A log
   * past {@link FOLD_AT} entries is folded (each place read again kept once, where first read, with its last
   * value), so it grows with the data, never with the number of reads: a rule comparing one value sixty times.
   */
  found: unknown[] = [];
  /** How many entries of {@link Trace.found} are this rule's (a reused trace keeps its list). */
  size = 0;
  private foldAt = FOLD_AT;
  private absent: Set<string> | undefined;
  /** The ratios the rule compared, in order (one shared empty list until it compares one). */
  measures: RatioMeasure[] = NO_MEASURES;
  /** Set when the rule read a derived value that is not applicable. */
  inapplicable = false;
  /** Set when the rule read a derived value that failed to compute. */
  error: Message | undefined;
  /** A trace records everything (it is the {@link Sink} of the compiled evaluator when explaining). */
  readonly full = true;

  constructor(readonly scope: EvalScope) {}

  /** Empties the trace for another rule of the same unit (a runner reuses its traces). */
  reset(): void {
    this.size = 0;
    this.foldAt = FOLD_AT;
    this.absent = undefined;
    this.measures = NO_MEASURES;
    this.inapplicable = false;
    this.error = undefined;
  }

  /** The paths the rule needed and found absent, in the order met. */
  get missing(): ReadonlySet<string> {
    return this.absent ?? NONE_MISSING;
  }

  private addMissing(path: string): void {
    (this.absent ??= new Set()).add(path);
  }

  /** The values read, by absolute path, in the order first read (a path read again keeps its last value). */
  get reads(): Map<string, unknown> {
    const r = readValuesOf([this], this.scope);
    const m = new Map<string, unknown>();
    for (let i = 0; i < r.paths.length; i++) m.set(r.paths[i]!, r.values[i]);
    return m;
  }

  /** Records that the rule read `rel` relative to `base` (the root or a record) and got `value`. */
  read(base: unknown, rel: string, value: unknown): void {
    const scope = this.scope;
    if (base === scope.root) {
      if (scope.derived.size > 0) {
        const dot = rel.indexOf(".");
        const state = scope.derived.get(dot < 0 ? rel : rel.slice(0, dot));
        if (state) {
          if (state.status === "missing") for (const p of state.paths) this.addMissing(p);
          else if (state.status === "not-applicable") this.inapplicable = true;
          else this.error ??= state.message;
          return;
        }
      }
    }
    if (value === null || value === undefined) this.addMissing(pathIn(scope, base, rel));
    else {
      const f = this.found;
      let n = this.size;
      f[n++] = base;
      f[n++] = rel;
      f[n++] = value;
      this.size = n;
      if (n >= this.foldAt) {
        this.found = groupedReads(f, n);
        this.size = this.found.length;
        this.foldAt = Math.max(FOLD_AT, 2 * this.size);
      }
    }
  }

  /** Records a ratio compared. */
  measure(m: RatioMeasure): void {
    if (this.measures === NO_MEASURES) this.measures = [m];
    else this.measures.push(m);
  }
}

/**
 * A log of reads with each place (base and relative path) kept once: where it was first read, with the value
 * it was read with last.
 */
function groupedReads(f: readonly unknown[], size: number): unknown[] {
  const out: unknown[] = [];
  const at = new Map<unknown, Map<string, number>>();
  for (let i = 0; i < size; i += 3) {
    const base = f[i];
    let byRel = at.get(base);
    if (byRel === undefined) at.set(base, (byRel = new Map()));
    const rel = f[i + 1] as string;
    const k = byRel.get(rel);
    if (k === undefined) {
      byRel.set(rel, out.length);
      out.push(base, rel, f[i + 2]);
    } else out[k + 2] = f[i + 2];
  }
  return out;
}

/** The values some rules read, by absolute path in the order first read, each path with its last value. */
export interface ReadValues {
  readonly paths: readonly string[];
  readonly values: readonly unknown[];
}

/** No values read. */
export const NO_VALUES: ReadValues = Object.freeze({ paths: Object.freeze([]) as readonly string[], values: Object.freeze([]) as readonly unknown[] });

/**
 * A data path made once, with scratch fields the resolution of reads stamps instead of keeping a map of the
 * paths it met: `epoch` (the resolution that last met it), `pos` (where it is in that resolution's lists),
 * `trace` and `via` (the trace, and the base path and relative path, of the place read that last gave it).
 */
interface Place {
  readonly path: string;
  epoch: number;
  pos: number;
  trace: number;
  viaBase: string;
  viaRel: string;
}

/** Places by base path, then relative path; each path's one {@link Place}. Cleared past a limit, between resolutions. */
const places = new Map<string, Map<string, Place>>();
const placeOfPath = new Map<string, Place>();
let epoch = 0;
let traceStamp = 0;

function placesUnder(basePath: string): Map<string, Place> {
  let byRel = places.get(basePath);
  if (byRel === undefined) places.set(basePath, (byRel = new Map()));
  return byRel;
}

function newPlace(byRel: Map<string, Place>, basePath: string, rel: string): Place {
  const path = joinPath(basePath, rel);
  let place = placeOfPath.get(path);
  if (place === undefined) placeOfPath.set(path, (place = { path, epoch: 0, pos: 0, trace: 0, viaBase: "", viaRel: "" }));
  byRel.set(rel, place);
  return place;
}

/**
 * The values rules read, resolved from their traces' logs: paths in the order first read, each with the value it
 * was read with last. As if each trace first kept each place (base and relative path) once, then the places'
 * paths were merged trace after trace: a place is a path, unless two places of one trace share a path (a
 * record without a path, `?`, or a record reached two ways), which the exact merge below then decides.
 */
export function readValuesOf(traces: readonly Trace[], scope: EvalScope): ReadValues {
  if (placeOfPath.size > MAX_CACHED_PATHS) {
    places.clear();
    placeOfPath.clear();
  }
  const e = ++epoch;
  let paths: string[] | undefined;
  let values: unknown[] | undefined;
  const root = scope.root;
  let lastBase: unknown = NOTHING;
  let basePath = "";
  let byRel: Map<string, Place> | undefined;
  for (let t = 0; t < traces.length; t++) {
    const f = traces[t]!.found;
    const size = traces[t]!.size;
    if (size === 0) continue;
    if (paths === undefined) {
      paths = [];
      values = [];
    }
    const ts = ++traceStamp;
    for (let i = 0; i < size; i += 3) {
      const base = f[i];
      const rel = f[i + 1] as string;
      if (base !== lastBase || byRel === undefined) {
        lastBase = base;
        const p = base === root ? "" : typeof base === "object" && base !== null ? scope.pathOf.get(base) : undefined;
        if (p === undefined) return mergedReads(traces, scope);
        basePath = p;
        byRel = placesUnder(p);
      }
      const place = byRel.get(rel) ?? newPlace(byRel, basePath, rel);
      if (place.epoch !== e) {
        place.epoch = e;
        place.pos = paths.length;
        paths.push(place.path);
        values!.push(f[i + 2]);
      } else {
        if (place.trace === ts && (place.viaBase !== basePath || place.viaRel !== rel)) return mergedReads(traces, scope);
        values![place.pos] = f[i + 2];
      }
      place.trace = ts;
      place.viaBase = basePath;
      place.viaRel = rel;
    }
  }
  return paths === undefined ? NO_VALUES : { paths, values: values! };
}

const NOTHING = Symbol("nothing");

/** {@link readValuesOf} the long way: each trace's places kept once, then merged by path. */
function mergedReads(traces: readonly Trace[], scope: EvalScope): ReadValues {
  const merged = new Map<string, unknown>();
  for (const t of traces) {
    const g = groupedReads(t.found, t.size);
    const byPath = new Map<string, unknown>();
    for (let i = 0; i < g.length; i += 3) byPath.set(pathIn(scope, g[i], g[i + 1] as string), g[i + 2]);
    for (const [k, v] of byPath) merged.set(k, v);
  }
  return { paths: [...merged.keys()], values: [...merged.values()] };
}
