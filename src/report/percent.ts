/**
 * Percentages for reports, computed from the integer counts and rounded once, at the end, half away from
 * zero: 1/8 = 12.5% is "13" at 0 decimals, 1/16 = 6.25% is "6.3" at 1 decimal. No floating point is involved,
 * so what a report prints is exactly what the counts give.
 *
 * @module
 */
import { OptionsError } from "../errors.js";
import { msg } from "../i18n/index.js";

/** Most decimals a report percentage may ask for. */
export const MAX_REPORT_DECIMALS = 10;

/**
 * `count / total` as a percentage with `decimals` decimals, rounded half away from zero, written with `.` as
 * the decimal point (e.g. `"98.0"`). `null` when `total` is 0: a share of nothing is no percentage.
 *
 * @throws {@link OptionsError} for counts that are not whole numbers of at least 0, or bad `decimals`.
 */
export function roundedPercent(count: number, total: number, decimals: number): string | null {
  if (!Number.isSafeInteger(count) || !Number.isSafeInteger(total) || count < 0 || total < 0)
    throw new OptionsError(msg("options.percent_counts", { count: String(count), total: String(total) }));
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > MAX_REPORT_DECIMALS)
    throw new OptionsError(msg("options.decimals", { max: MAX_REPORT_DECIMALS, got: String(decimals) }), ["decimals"]);
  if (total === 0) return null;
  const scale = 10n ** BigInt(decimals);
  const num = BigInt(count) * 100n * scale;
  const den = BigInt(total);
  // Both are non-negative, so "half away from zero" is "half up": add half the divisor before dividing.
  const units = (num * 2n + den) / (den * 2n);
  const whole = units / scale;
  if (decimals === 0) return whole.toString();
  const frac = (units % scale).toString().padStart(decimals, "0");
  return `${whole}.${frac}`;
}

/** Writes a percentage from {@link roundedPercent} the way a language does: `98,0` in Vietnamese, `98.0` in English. */
export function localizePercent(p: string, lang: "vi" | "en"): string {
  return lang === "vi" ? p.replace(".", ",") : p;
}
