/**
 * What evaluating one rule saw: the values it read (by absolute path into the unit's data), the paths it
 * needed but found absent, and the ratios it compared. Both evaluators fill the same trace, so a criterion's
 * status and explanation do not depend on which one ran.
 *
 * @module
 */
import type { RatioMeasure } from "./exact.js";

/** The state of a derived value that has no value. */
export type DerivedState =
  | { readonly status: "missing"; readonly paths: readonly string[] }
  | { readonly status: "not-applicable" }
  | { readonly status: "error"; readonly message: string };

/** The data a rule runs against. */
export interface EvalScope {
  /** The unit's inputs (normalised) and the derived values that have one. */
  readonly root: Record<string, unknown>;
  /** Absolute path of every record (object) inside the data, e.g. `thanhVien[2]`. */
  readonly pathOf: WeakMap<object, string>;
  /** Derived values that could not be computed, by name. */
  readonly derived: ReadonlyMap<string, DerivedState>;
}

/** Joins a base path and a dotted relative path. */
export function joinPath(base: string, rel: string): string {
  if (rel === "") return base;
  return base === "" ? rel : `${base}.${rel}`;
}

/** Records what one rule read. */
export class Trace {
  readonly reads = new Map<string, unknown>();
  readonly missing = new Set<string>();
  readonly measures: RatioMeasure[] = [];
  /** Set when the rule read a derived value that is not applicable. */
  inapplicable = false;
  /** Set when the rule read a derived value that failed to compute. */
  error: string | undefined;

  constructor(readonly scope: EvalScope) {}

  /** Records that the rule read `rel` relative to `base` (the root or a record) and got `value`. */
  read(base: unknown, rel: string, value: unknown): void {
    const scope = this.scope;
    const at = base === scope.root ? "" : typeof base === "object" && base !== null ? (scope.pathOf.get(base) ?? "?") : "?";
    const path = joinPath(at, rel);
    if (at === "") {
      const head = rel.split(".", 1)[0]!;
      const state = scope.derived.get(head);
      if (state) {
        if (state.status === "missing") for (const p of state.paths) this.missing.add(p);
        else if (state.status === "not-applicable") this.inapplicable = true;
        else this.error ??= state.message;
        return;
      }
    }
    if (value === null || value === undefined) this.missing.add(path);
    else this.reads.set(path, value);
  }
}
