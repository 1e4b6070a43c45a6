/**
 * Transitional evaluation: when a regulation changes between the day a unit applied and the day its title is
 * decided, evaluate it under the version in force on each date and show both side by side.
 *
 * @module
 */
import { OptionsError, UnitDataError, type Problem } from "../errors.js";
import { msg, t, type Lang } from "../i18n/index.js";
import { evaluate, type EvaluateOptions } from "../evaluate/evaluate.js";
import { isIsoDate, type Localized } from "../schema/common.js";
import type { Result, Status } from "../schema/result.js";
import { showDate } from "../schema/dates.js";
import { matchCriteria } from "./diff.js";
import type { InForceReason, Registry } from "./registry.js";

/** One side of a transitional evaluation: the date, the version in force then and why, and the result. */
export interface TransitionSide {
  readonly date: string;
  readonly reason: InForceReason;
  /** The result, or null when the data could not be evaluated under this version (see `error`). */
  readonly result: Result | null;
  /** Why there is no result: typically data that this version's inputs do not accept. */
  readonly error: { readonly code: string; readonly message: string; readonly problems: readonly Problem[] } | null;
}

/** A criterion on one side: its id, and its status and points (null when that side could not be evaluated). */
export interface TransitionCell {
  readonly id: string;
  readonly status: Status | null;
  readonly points: number | null;
}

/** One criterion side by side (matched by id, or through a rename, as `diff` matches them); null where a version lacks it. */
export interface TransitionRow {
  readonly applied: TransitionCell | null;
  readonly decided: TransitionCell | null;
}

/** A unit evaluated under the versions in force on the application date and on the decision date. */
export interface Transition {
  readonly setId: string;
  readonly applied: TransitionSide;
  readonly decided: TransitionSide;
  /** True when one version was in force on both dates (then both sides hold the same evaluation). */
  readonly sameVersion: boolean;
  /** True when the verdict or the grade differs between the two sides (or one side could not be evaluated). */
  readonly differs: boolean;
  /** The criteria side by side, in the order of the version in force on the decision date. */
  readonly rows: readonly TransitionRow[];
  /** The outcome on both dates, as a sentence. */
  readonly message: Localized;
}

/** Options of {@link evaluateTransition}. */
export interface TransitionOptions extends Pick<EvaluateOptions, "explain" | "engine"> {
  /** The date the unit applied (YYYY-MM-DD). */
  readonly applied: string;
  /** The date its title is decided (YYYY-MM-DD), not before `applied`. */
  readonly decided: string;
}

function side(registry: Registry, setId: string, date: string, data: unknown, options: TransitionOptions): TransitionSide {
  const { set, reason } = registry.inForceOn(setId, date);
  const evalOptions: EvaluateOptions = {
    asOf: date,
    sets: registry,
    ...(options.explain !== undefined ? { explain: options.explain } : {}),
    ...(options.engine ? { engine: options.engine } : {}),
  };
  try {
    return { date, reason, result: evaluate(set, data, evalOptions), error: null };
  } catch (e) {
    if (e instanceof UnitDataError) return { date, reason, result: null, error: { code: e.code, message: e.message, problems: e.problems } };
    throw e;
  }
}

/**
 * Evaluates one unit under the version of a set in force on the application date and the one in force on
 * the decision date, and puts the two side by side.
 *
 * @param registry - The sets (from `createRegistry` or `loadRegistry`).
 * @param setId - The set asked for; each date may resolve to a version with another id through `supersedes`.
 * @param data - The unit's data. Data that one version does not accept (an input it does not declare) gives
 *   that side an `error` instead of a result, and the other side is still evaluated.
 * @throws `NotInForceError` or `SetNotFoundError` when no version was in force on one of the dates;
 *   `OptionsError` for malformed dates or an application after the decision.
 */
export function evaluateTransition(registry: Registry, setId: string, data: unknown, options: TransitionOptions): Transition {
  for (const k of ["applied", "decided"] as const)
    if (!isIsoDate(options[k])) throw new OptionsError(msg("options.as_of", { name: k, got: JSON.stringify(options[k]) }), [k]);
  if (options.applied > options.decided)
    throw new OptionsError(msg("options.applied_after_decided", { applied: options.applied, decided: options.decided }), ["applied"]);
  const applied = side(registry, setId, options.applied, data, options);
  const decided = side(registry, setId, options.decided, data, options);
  const sameVersion = applied.reason.id === decided.reason.id && applied.reason.version === decided.reason.version;

  const a = registry.get(applied.reason.id, applied.reason.version)!.definition;
  const b = registry.get(decided.reason.id, decided.reason.version)!.definition;
  const m = matchCriteria(a, b);
  const cell = (r: Result | null, id: string): TransitionCell => {
    const c = r?.criteria.find((x) => x.id === id);
    return { id, status: c?.status ?? null, points: c?.points?.earned ?? null };
  };
  const fromOld = new Map(m.pairs.map(([x, y]) => [y.id, x.id]));
  const rows: TransitionRow[] = [
    ...b.criteria.map((c) => {
      const old = fromOld.get(c.id);
      return { applied: old === undefined ? null : cell(applied.result, old), decided: cell(decided.result, c.id) };
    }),
    ...m.removed.map((c) => ({ applied: cell(applied.result, c.id), decided: null })),
  ];

  const differs =
    !applied.result ||
    !decided.result ||
    applied.result.verdict !== decided.result.verdict ||
    (applied.result.grade?.id ?? null) !== (decided.result.grade?.id ?? null);
  const sideText = (s: TransitionSide, lang: Lang) =>
    t(lang, "explain.transition_side", {
      set: `${s.reason.id}@${s.reason.version}`,
      document: s.reason.document,
      verdict: s.result?.verdict ?? "invalid",
      grade: s.result?.grade?.title[lang],
    });
  const sentence = (lang: Lang) =>
    t(lang, "explain.transition", {
      applied: showDate(applied.date, lang),
      appliedSide: sideText(applied, lang),
      decided: showDate(decided.date, lang),
      decidedSide: sideText(decided, lang),
      agreement: sameVersion ? "same-version" : differs ? "disagree" : "agree",
    });
  const message: Localized = { vi: sentence("vi"), en: sentence("en") };
  return { setId, applied, decided, sameVersion, differs, rows, message };
}
