/**
 * "Did you mean": the known name closest to a misspelt one (a key of a criteria file, an input, an operator),
 * by edit distance. Plain text work, below every layer that reports an unknown name. Bounded, so a hostile set
 * or unit (thousands of misspelt names against a thousand declared ones) costs little.
 *
 * @module
 */

/** A problem lists at most this many known names (a set may declare a thousand inputs). */
export const MAX_NAMES_LISTED = 20;

/** The first {@link MAX_NAMES_LISTED} names, and how many more there are (a problem of a hostile set stays short). */
export function someNames(all: readonly string[]): { known: string[]; more?: number } {
  return all.length <= MAX_NAMES_LISTED ? { known: [...all] } : { known: all.slice(0, MAX_NAMES_LISTED), more: all.length - MAX_NAMES_LISTED };
}

/** Names longer than this get no suggestion (a typo of a name this long is not what happened). */
const SUGGEST_MAX_LENGTH = 64;
/** At most this many known names are compared with one name. */
const SUGGEST_MAX_CANDIDATES = 2000;

/**
 * The edit distance between `a` and `b` when it is at most `max`, else `max + 1`: only the band of width
 * `2·max + 1` around the diagonal is computed, and the walk stops as soon as a whole row is over `max`.
 */
function boundedDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const big = max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => (j <= max ? j : big));
  for (let i = 1; i <= a.length; i++) {
    const row = new Array<number>(b.length + 1).fill(big);
    row[0] = i <= max ? i : big;
    let best = row[0];
    const lo = Math.max(1, i - max);
    const hi = Math.min(b.length, i + max);
    for (let j = lo; j <= hi; j++) {
      const d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      row[j] = Math.min(d, big);
      if (row[j]! < best) best = row[j]!;
    }
    if (best > max) return big;
    prev = row;
  }
  return prev[b.length]!;
}

/**
 * The closest known name, if one is close enough to be a likely typo. Bounded, so a hostile set cannot make it
 * slow: names longer than 64 characters get no suggestion, at most 2,000 known names are compared, and each
 * comparison stops once the names are too far apart (a 577 KB set of misspelt names took 82 s to validate).
 */
export function suggest(name: string, known: Iterable<string>): string | undefined {
  if (name.length > SUGGEST_MAX_LENGTH) return undefined;
  const max = Math.max(2, Math.floor(name.length / 3));
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestD = max + 1;
  let seen = 0;
  for (const k of known) {
    if (++seen > SUGGEST_MAX_CANDIDATES) break;
    if (k.length > SUGGEST_MAX_LENGTH) continue;
    const d = boundedDistance(lower, k.toLowerCase(), Math.min(max, bestD - 1));
    if (d < bestD) {
      bestD = d;
      best = k;
      if (d === 0) break;
    }
  }
  return best;
}
