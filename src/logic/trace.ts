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
  readonly pathOf: WeakMap<object, string>;
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

/**
 * Records what one rule read. Values found are kept as they were read (where, and what); their paths are
 * worked out only when {@link Trace.reads} is first asked for, which an explanation does and a status does
 * not need. Absent values are recorded by path at once: they decide the status.
 */
export class Trace {
  /**
   * Reads that found a value: base, relative path and value, three entries per place read, in the order first
   * read. A place read again (a rule comparing one value sixty times, once per item of a list) keeps one entry
   * with the last value, so the trace grows with the data, never with the number of reads.
   */
  private readonly found: unknown[] = [];
  /** Where each place read is in `found`: by base, then relative path. */
  private readonly at = new Map<unknown, Map<string, number>>();
  private lastBase: unknown = undefined;
  private lastAt: Map<string, number> | undefined;
  private byPath: Map<string, unknown> | undefined;
  private absent: Set<string> | undefined;
  readonly measures: RatioMeasure[] = [];
  /** Set when the rule read a derived value that is not applicable. */
  inapplicable = false;
  /** Set when the rule read a derived value that failed to compute. */
  error: Message | undefined;
  /** A trace records everything (it is the {@link Sink} of the compiled evaluator when explaining). */
  readonly full = true;

  constructor(readonly scope: EvalScope) {}

  /** The paths the rule needed and found absent, in the order met. */
  get missing(): ReadonlySet<string> {
    return this.absent ?? NONE_MISSING;
  }

  private addMissing(path: string): void {
    (this.absent ??= new Set()).add(path);
  }

  /** The values read, by absolute path, in the order first read (a path read again keeps its last value). */
  get reads(): Map<string, unknown> {
    let m = this.byPath;
    if (m === undefined) {
      m = new Map();
      const f = this.found;
      for (let i = 0; i < f.length; i += 3) m.set(pathIn(this.scope, f[i], f[i + 1] as string), f[i + 2]);
      this.byPath = m;
    }
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
      let at = this.lastAt;
      if (at === undefined || base !== this.lastBase) {
        at = this.at.get(base);
        if (at === undefined) this.at.set(base, (at = new Map()));
        this.lastBase = base;
        this.lastAt = at;
      }
      const i = at.get(rel);
      if (i === undefined) {
        at.set(rel, this.found.length);
        this.found.push(base, rel, value);
      } else this.found[i + 2] = value;
      this.byPath = undefined;
    }
  }

  /** Records a ratio compared. */
  measure(m: RatioMeasure): void {
    this.measures.push(m);
  }
}
