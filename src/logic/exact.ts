/**
 * Exact percentage comparisons. "At least 90% of members" is decided in integers
 * (`part * 100 >= 90 * whole`), never with floating-point division, so 27 of 30 meets 90% and 8 of 9 does
 * not meet 89%.
 *
 * @module
 */
import { msg, say, type Message } from "../i18n/index.js";

/** Thrown inside a rule when a share is taken of an empty group: the criterion is then not applicable. */
export class Inapplicable {
  constructor(readonly reason: "empty-group") {}
}

/** Thrown inside a rule when an operator receives values it cannot work with (a bug in the set or data). */
export class RuleValueError extends Error {
  override readonly name = "RuleValueError";
  /** What went wrong, as a message of the catalogue (`message` is its English sentence). */
  readonly detail: Message;
  constructor(detail: Message) {
    super(say(detail, "en"));
    this.detail = detail;
  }
}

/**
 * Stops a calculation that left the finite numbers. JavaScript computes 1 / 0 as Infinity and 0 / 0 as NaN and
 * carries on, so `{">": [{"/": [total, count]}, 5]}` would hold with no members at all: a wrong pass. Both
 * evaluators check the value of every arithmetic operation with this; the criterion is an `error` instead.
 */
export function checkFinite(value: unknown, op: unknown): unknown {
  if (typeof value === "number" && !Number.isFinite(value))
    throw new RuleValueError(Number.isNaN(value) ? msg("eval.not_a_number", { op: String(op) }) : msg("eval.infinite", { op: String(op) }));
  return value;
}

/** A percentage as an exact fraction `units / scale`, e.g. 88.9 -> 889 / 10. */
export interface ExactPercent {
  readonly units: bigint;
  readonly scale: bigint;
}

/** Most decimal places a percentage in a rule may have. */
export const MAX_PERCENT_DECIMALS = 6;

/** Reads a percentage written in decimal as an exact fraction, or returns undefined if it is not a usable percentage. */
export function exactPercent(p: number): ExactPercent | undefined {
  if (typeof p !== "number" || !Number.isFinite(p) || p < 0 || p > 100) return undefined;
  // Number#toString gives the shortest decimal that reads back as the same double: the figure the author wrote.
  const text = p.toString();
  const m = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(text);
  if (!m) return undefined;
  let digits = m[1]! + (m[2] ?? "");
  let decimals = (m[2] ?? "").length - Number(m[3] ?? 0);
  if (decimals < 0) {
    digits += "0".repeat(-decimals);
    decimals = 0;
  }
  if (decimals > MAX_PERCENT_DECIMALS) return undefined;
  return { units: BigInt(digits), scale: 10n ** BigInt(decimals) };
}

function isCount(n: unknown): n is number {
  return typeof n === "number" && Number.isSafeInteger(n) && n >= 0;
}

/** A ratio met or not, as recorded for explanations. */
export interface RatioMeasure {
  readonly kind: "ratio";
  readonly op: "atLeast" | "atMost";
  readonly part: number;
  readonly whole: number;
  /** The required percentage. */
  readonly percent: number;
  readonly met: boolean;
}

/**
 * Decides `part / whole >= percent / 100` (or `<=`) exactly. Returns null when an argument is null or
 * undefined (the data is missing: the caller reports the criterion as missing), throws {@link Inapplicable}
 * when `whole` is 0 and {@link RuleValueError} for values that are not counts.
 */
export function compareRatio(op: "atLeast" | "atMost", part: unknown, whole: unknown, percent: unknown): RatioMeasure | null {
  if (part === null || part === undefined || whole === null || whole === undefined || percent === null || percent === undefined) return null;
  if (!isCount(part) || !isCount(whole))
    throw new RuleValueError(msg("eval.share_counts", { part: JSON.stringify(part) ?? String(part), whole: JSON.stringify(whole) ?? String(whole) }));
  if (part > whole) throw new RuleValueError(msg("eval.part_above_whole", { part, whole }));
  if (typeof percent !== "number") throw new RuleValueError(msg("eval.percent_type", { got: JSON.stringify(percent) ?? String(percent) }));
  const exact = exactPercent(percent);
  if (!exact) throw new RuleValueError(msg("eval.percent_range", { got: JSON.stringify(percent), decimals: MAX_PERCENT_DECIMALS }));
  if (whole === 0) throw new Inapplicable("empty-group");
  const left = BigInt(part) * 100n * exact.scale;
  const right = exact.units * BigInt(whole);
  const met = op === "atLeast" ? left >= right : left <= right;
  return { kind: "ratio", op, part, whole, percent, met };
}
